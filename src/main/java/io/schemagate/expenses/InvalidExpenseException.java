package io.schemagate.expenses;

/** A field of a submitted expense is missing or invalid. */
class InvalidExpenseException extends RuntimeException {

	private final String field;

	InvalidExpenseException(String field, String problem) {
		super(field + " " + problem);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
