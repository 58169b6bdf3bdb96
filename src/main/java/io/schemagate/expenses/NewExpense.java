package io.schemagate.expenses;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An expense as a client submits it. Validated by hand: four fields do not justify
 * Hibernate Validator's start-up cost in a service whose start time we promise.
 */
record NewExpense(String description, BigDecimal amount, String currency, LocalDate spentOn, String category) {

	static final int MAX_DESCRIPTION = 500;

	static final int MAX_CATEGORY = 50;

	/** Upper bound of numeric(12, 2). */
	static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

	static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);

	private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies()
		.stream()
		.map(Currency::getCurrencyCode)
		.collect(Collectors.toUnmodifiableSet());

	/**
	 * Check every field.
	 * @param today the current date, the reference for dates in the future
	 * @return this expense, with the default category where none was given
	 * @throws InvalidExpenseException naming the first invalid field
	 */
	NewExpense validated(LocalDate today) {
		if (this.description == null || this.description.isBlank()) {
			throw new InvalidExpenseException("description", "is required");
		}
		if (this.description.length() > MAX_DESCRIPTION) {
			throw new InvalidExpenseException("description", "must be at most " + MAX_DESCRIPTION + " characters");
		}
		checkStorable("description", this.description);
		if (this.amount == null) {
			throw new InvalidExpenseException("amount", "is required");
		}
		if (this.amount.signum() <= 0 || this.amount.compareTo(MAX_AMOUNT) > 0) {
			throw new InvalidExpenseException("amount", "must be greater than 0 and at most " + MAX_AMOUNT);
		}
		if (this.amount.stripTrailingZeros().scale() > 2) {
			throw new InvalidExpenseException("amount", "must have at most 2 decimal places");
		}
		if (this.currency == null || !CURRENCIES.contains(this.currency)) {
			throw new InvalidExpenseException("currency", "must be an ISO 4217 code in capitals, such as EUR or USD");
		}
		if (this.spentOn == null) {
			throw new InvalidExpenseException("spent_on", "is required, as a date such as 2026-11-22");
		}
		if (this.spentOn.isBefore(EARLIEST) || this.spentOn.isAfter(today.plusDays(1))) {
			throw new InvalidExpenseException("spent_on", "must be between " + EARLIEST + " and tomorrow");
		}
		String category = (this.category != null) ? this.category.strip() : "general";
		if (category.isEmpty() || category.length() > MAX_CATEGORY) {
			throw new InvalidExpenseException("category", "must be 1 to " + MAX_CATEGORY + " characters");
		}
		checkStorable("category", category);
		return new NewExpense(this.description.strip(), this.amount, this.currency, this.spentOn, category);
	}

	/**
	 * Text PostgreSQL can store as it was sent: no NUL (a text value cannot hold one) and
	 * no lone surrogate (half of a UTF-16 pair, which JSON can escape but which encodes no
	 * character: the driver would store it as '?').
	 */
	private static void checkStorable(String field, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\0') {
				throw new InvalidExpenseException(field, "must not contain the NUL character (\\u0000)");
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new InvalidExpenseException(field, String.format(
						"must be valid Unicode text: character %d is a lone surrogate (\\u%04x)", i + 1, (int) c));
			}
		}
	}

}
