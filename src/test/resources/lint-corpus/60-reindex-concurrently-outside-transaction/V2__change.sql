-- lint corpus case 60-reindex-concurrently-outside-transaction
-- From:
--   squawk require-concurrent-reindex, the solution (https://squawkhq.com/docs/require-concurrent-reindex)
-- The safe counterpart of case 48, and case 49 fixed: V2__change.sql.conf beside this file
-- tells Flyway to run it outside a transaction, as REINDEX CONCURRENTLY must.
REINDEX TABLE CONCURRENTLY page_events;
