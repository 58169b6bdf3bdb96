-- lint corpus case 40-update-before-not-valid-constraint
-- From:
--   Eugene E4 "Running more statements after taking AccessExclusiveLock": the lock-taking statement is last in its transaction (https://kaveland.no/eugene/hints/E4/)
--   squawk constraint-missing-not-valid (https://squawkhq.com/docs/constraint-missing-not-valid)
UPDATE products SET price_cents = 0 WHERE price_cents < 0;
ALTER TABLE products ADD CONSTRAINT price_cents_nonnegative CHECK (price_cents >= 0) NOT VALID;
