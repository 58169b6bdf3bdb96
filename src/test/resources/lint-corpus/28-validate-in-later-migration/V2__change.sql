-- lint corpus case 28-validate-in-later-migration
-- From:
--   squawk constraint-missing-not-valid (https://squawkhq.com/docs/constraint-missing-not-valid)
--   Eugene E1, safer migration 3.sql (https://kaveland.no/eugene/hints/E1/)
--   strong_migrations "Adding a check constraint", validate_check_constraint in a separate migration (https://github.com/ankane/strong_migrations#adding-a-check-constraint)
ALTER TABLE accounts VALIDATE CONSTRAINT positive_balance;
