-- lint corpus case 61-delete-in-batches
-- From:
--   docs/lint/truncate.md, the safe way; strong_migrations "Backfilling data" for the batches
--   (https://github.com/ankane/strong_migrations#backfilling-data)
-- The safe counterpart of case 50: one batch of the expired sessions, under ROW EXCLUSIVE;
-- later migrations (or a job) take the next ones.
DELETE FROM user_sessions
WHERE id IN (SELECT id FROM user_sessions WHERE expires_at < timestamptz '2031-01-01' ORDER BY id LIMIT 500);
