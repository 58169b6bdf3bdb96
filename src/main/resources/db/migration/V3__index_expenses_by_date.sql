-- Serves "newest first" listings. CONCURRENTLY does not block writes while the index is
-- built, and cannot run inside a transaction: Flyway sees that and runs this file, which
-- holds nothing else, outside one. If it is interrupted it leaves an INVALID index; see
-- README ("Recovering an interrupted migration").
CREATE INDEX CONCURRENTLY IF NOT EXISTS expenses_spent_on_idx ON expenses (spent_on DESC, id DESC);
