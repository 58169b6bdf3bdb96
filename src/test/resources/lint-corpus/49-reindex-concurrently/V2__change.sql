-- lint corpus case 49-reindex-concurrently
-- From:
--   squawk require-concurrent-reindex, the solution (https://squawkhq.com/docs/require-concurrent-reindex)
REINDEX TABLE CONCURRENTLY page_events;
