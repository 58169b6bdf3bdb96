package io.schemagate.expenses;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A recorded expense, as the API returns it. */
record Expense(long id, String description, BigDecimal amount, String currency, LocalDate spentOn, String category,
		OffsetDateTime createdAt) {

}
