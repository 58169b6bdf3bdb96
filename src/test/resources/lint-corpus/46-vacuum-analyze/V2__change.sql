-- lint corpus case 46-vacuum-analyze
-- From:
--   counterpart of squawk prefer-repack (https://squawkhq.com/docs/prefer-repack): plain VACUUM, not FULL
VACUUM (ANALYZE) page_events;
