-- lint corpus case 22-add-check-constraint
-- From:
--   squawk constraint-missing-not-valid (https://squawkhq.com/docs/constraint-missing-not-valid)
--   Eugene E1 "Validating table with a new constraint" (https://kaveland.no/eugene/hints/E1/)
--   strong_migrations "Adding a check constraint" (https://github.com/ankane/strong_migrations#adding-a-check-constraint)
ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0);
