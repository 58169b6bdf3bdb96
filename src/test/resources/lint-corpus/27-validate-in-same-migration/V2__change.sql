-- lint corpus case 27-validate-in-same-migration
-- From:
--   squawk constraint-missing-not-valid: its "Use:" example, written as one migration (https://squawkhq.com/docs/constraint-missing-not-valid)
--   Eugene E1: the safer migration validates in a separate script (https://kaveland.no/eugene/hints/E1/)
ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT positive_balance;
