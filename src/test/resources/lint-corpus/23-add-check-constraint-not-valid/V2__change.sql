-- lint corpus case 23-add-check-constraint-not-valid
-- From:
--   squawk constraint-missing-not-valid, the solution (https://squawkhq.com/docs/constraint-missing-not-valid)
--   Eugene E1, safer migration (https://kaveland.no/eugene/hints/E1/)
--   strong_migrations "Adding a check constraint", Good: validate: false (https://github.com/ankane/strong_migrations#adding-a-check-constraint)
ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0) NOT VALID;
