-- lint corpus case 48-reindex
-- From:
--   squawk require-concurrent-reindex (https://squawkhq.com/docs/require-concurrent-reindex)
REINDEX TABLE page_events;
