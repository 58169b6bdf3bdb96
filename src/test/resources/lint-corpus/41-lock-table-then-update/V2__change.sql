-- lint corpus case 41-lock-table-then-update
-- From:
--   Eugene E4 "Running more statements after taking AccessExclusiveLock" (https://kaveland.no/eugene/hints/E4/): here the lock is taken explicitly
--   strong_migrations "Backfilling data" (https://github.com/ankane/strong_migrations#backfilling-data)
-- Keep writers out while legacy balances are converted.
LOCK TABLE wallets IN EXCLUSIVE MODE;
UPDATE wallets
   SET balance_cents = round(balance_cents / 1.95583), currency = 'EUR'
 WHERE currency = 'DEM';
