-- Serves "newest first" listings. CONCURRENTLY does not block writes while the index is
-- built, and cannot run inside a transaction: Flyway sees that and runs this file, which
-- holds nothing else, outside one. No IF NOT EXISTS: after an interruption the INVALID
-- index it leaves must stop the retry, not be silently kept (README, "Recovering an
-- interrupted migration").
CREATE INDEX CONCURRENTLY expenses_spent_on_idx ON expenses (spent_on DESC, id DESC);
