-- lint corpus case 32-set-not-null-with-not-valid-check
-- From:
--   squawk adding-not-nullable-field: the VALIDATE step was forgotten (https://squawkhq.com/docs/adding-not-nullable-field)
--   Eugene E2 (https://kaveland.no/eugene/hints/E2/)
--   strong_migrations "Setting NOT NULL on an existing column" (https://github.com/ankane/strong_migrations#setting-not-null-on-an-existing-column)
ALTER TABLE recipe ALTER COLUMN view_count SET NOT NULL;
