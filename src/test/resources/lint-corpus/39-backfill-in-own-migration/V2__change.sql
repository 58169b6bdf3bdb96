-- lint corpus case 39-backfill-in-own-migration
-- From:
--   strong_migrations "Backfilling data", Good: a separate migration (https://github.com/ankane/strong_migrations#backfilling-data)
--   Eugene E4, safer migration (https://kaveland.no/eugene/hints/E4/)
UPDATE users SET plan = 'free' WHERE plan IS NULL;
