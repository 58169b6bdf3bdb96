-- Undoes V3. CONCURRENTLY, like the build: writes go on while the index is dropped, and
-- Flyway's reading runs this file outside a transaction, as it must.
DROP INDEX CONCURRENTLY expenses_spent_on_idx;
