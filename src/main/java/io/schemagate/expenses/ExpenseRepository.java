package io.schemagate.expenses;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Expenses in PostgreSQL, through parameterized SQL only. */
@Repository
class ExpenseRepository {

	private static final String COLUMNS = "id, description, amount, currency, spent_on, category, created_at";

	private final JdbcClient jdbc;

	ExpenseRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Expense insert(NewExpense expense) {
		return this.jdbc
			.sql("INSERT INTO expenses (description, amount, currency, spent_on, category) "
					+ "VALUES (:description, :amount, :currency, :spentOn, :category) RETURNING " + COLUMNS)
			.param("description", expense.description())
			.param("amount", expense.amount())
			.param("currency", expense.currency())
			.param("spentOn", expense.spentOn())
			.param("category", expense.category())
			.query(Expense.class)
			.single();
	}

	Optional<Expense> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM expenses WHERE id = :id")
			.param("id", id)
			.query(Expense.class)
			.optional();
	}

	/** The newest first: by the day spent, then by the order recorded. */
	List<Expense> newest(int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM expenses ORDER BY spent_on DESC, id DESC LIMIT :limit")
			.param("limit", limit)
			.query(Expense.class)
			.list();
	}

}
