/**
 * Lint: what each pending migration will do to the running system, measured on a scratch
 * database and sized from the target. {@link io.schemagate.lint.Linter} runs it; the
 * rules are plain functions from a trace to findings, one per code
 * ({@link io.schemagate.lint.Code}, each documented in docs/lint/). Uses trace, catalog,
 * shadow, migration, postdeploy (the order migrate applies both sets in), drift (whether the
 * replayed schema is the target's), undo (whether a migration has an undo file), settings, failure and
 * database.
 */
package io.schemagate.lint;
