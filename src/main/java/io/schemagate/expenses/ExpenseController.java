package io.schemagate.expenses;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import tools.jackson.core.JacksonException;

/** The demo API: record expenses and read them back. */
@RestController
@RequestMapping(path = "/api/expenses", produces = MediaType.APPLICATION_JSON_VALUE)
class ExpenseController {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	private static final Logger logger = LoggerFactory.getLogger(ExpenseController.class);

	private final ExpenseRepository expenses;

	private final Clock clock = Clock.systemUTC();

	ExpenseController(ExpenseRepository expenses) {
		this.expenses = expenses;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Expense> create(@RequestBody NewExpense body) {
		Expense created = this.expenses.insert(body.validated(LocalDate.now(this.clock)));
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@GetMapping("/{id}")
	ResponseEntity<?> get(@PathVariable long id) {
		return this.expenses.find(id)
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> problem(HttpStatus.NOT_FOUND, "no expense with id " + id, null));
	}

	@GetMapping
	List<Expense> list(@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidExpenseException("limit", "must be between 1 and " + MAX_LIMIT);
		}
		return this.expenses.newest(limit);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidExpenseException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.field());
	}

	/** Unreadable JSON: name the field whose value could not be read, where Jackson knows it. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodySizeLimit.BodyTooLargeException) {
				return problem(HttpStatus.CONTENT_TOO_LARGE, cause.getMessage(), null);
			}
		}
		if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			String field = jackson.getPath().get(jackson.getPath().size() - 1).getPropertyName();
			if (field != null) {
				return problem(HttpStatus.BAD_REQUEST, field + " has a value of the wrong type or format", field);
			}
		}
		return problem(HttpStatus.BAD_REQUEST, "the body is not a valid JSON expense", null);
	}

	/**
	 * The database is down, or the pool had no connection for us within
	 * {@code spring.datasource.hikari.connection-timeout}: Spring translates both (a
	 * connection that cannot be had, a connection that broke) to a resource failure.
	 * Worth a retry; the client learns nothing of hosts or drivers, the log does.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException ex) {
		Throwable cause = ex.getMostSpecificCause();
		logger.warn("database unavailable, answered 503: {}: {}", ex.getClass().getSimpleName(),
				(cause.getMessage() != null) ? cause.getMessage().strip().lines().findFirst().orElse("") : cause);
		logger.debug("database unavailable", ex);
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "the database is unavailable; try again in a few seconds", null);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (field != null) {
			problem.setProperty("field", field);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
