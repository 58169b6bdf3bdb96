-- lint corpus case 45-vacuum-full
-- From:
--   squawk prefer-repack (https://squawkhq.com/docs/prefer-repack)
VACUUM FULL page_events;
