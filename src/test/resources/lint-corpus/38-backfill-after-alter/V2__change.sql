-- lint corpus case 38-backfill-after-alter
-- From:
--   strong_migrations "Backfilling data", Bad (https://github.com/ankane/strong_migrations#backfilling-data)
--   Eugene E4 "Running more statements after taking AccessExclusiveLock" (https://kaveland.no/eugene/hints/E4/)
ALTER TABLE users ADD COLUMN plan text;
UPDATE users SET plan = 'free';
