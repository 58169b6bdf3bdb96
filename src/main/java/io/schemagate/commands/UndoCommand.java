package io.schemagate.commands;

import java.util.Set;

import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.launcher.UsageException;
import io.schemagate.text.Shown;
import io.schemagate.undo.UndoPlan;
import io.schemagate.undo.Undoer;

/**
 * Undoes the newest applied migration (or the newest N, or everything newer than a
 * version) with its undo script, in one transaction, refusing (exit 65) where it cannot
 * or where it would drop data without {@code --allow-data-loss}.
 */
final class UndoCommand extends OneShotCommand {

	static final String STEPS = "--steps";

	static final String TO = "--to";

	private static final String ALLOW_DATA_LOSS = "--allow-data-loss";

	/** More in one run is not a rollback but a rebuild. */
	private static final int MAX_STEPS = 1000;

	UndoCommand() {
		super("undo", "[--steps N | --to V] [--allow-data-loss]: undo the newest migration(s) with their U files, in one"
				+ " transaction", true, Set.of(ALLOW_DATA_LOSS), Set.of(STEPS, TO),
				(context, options) -> context.getBean(Undoer.class)
					.undo(flyway(context), range(options), options.has(ALLOW_DATA_LOSS)));
	}

	@Override
	protected void check(Options options) {
		range(options);
	}

	/** The range {@code --steps} or {@code --to} name: the newest migration when neither does. */
	static UndoPlan.Range range(Options options) {
		String steps = options.value(STEPS);
		String to = options.value(TO);
		if (steps != null && to != null) {
			throw new UsageException("undo: --steps and --to are two ranges; give one");
		}
		if (to != null && !to.matches("[0-9]{1,18}([._][0-9]{1,18}){0,9}")) {
			throw new UsageException("undo --to: " + Shown.value(to) + " is not a version; use numbers separated by dots,"
					+ " e.g. 3 or 2.1");
		}
		if (steps != null && (!steps.matches("[0-9]{1,4}") || Integer.parseInt(steps) < 1
				|| Integer.parseInt(steps) > MAX_STEPS)) {
			throw new UsageException("undo --steps: " + Shown.value(steps) + " is not allowed; use a whole number from 1"
					+ " to " + MAX_STEPS);
		}
		return new UndoPlan.Range((steps != null) ? Integer.parseInt(steps) : 1,
				(to != null) ? to.replace('_', '.') : null);
	}

}
