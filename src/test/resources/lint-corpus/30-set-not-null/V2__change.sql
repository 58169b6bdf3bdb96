-- lint corpus case 30-set-not-null
-- From:
--   Eugene E2 "Validating table with a new NOT NULL column" (https://kaveland.no/eugene/hints/E2/)
--   squawk adding-not-nullable-field (https://squawkhq.com/docs/adding-not-nullable-field)
--   strong_migrations "Setting NOT NULL on an existing column" (https://github.com/ankane/strong_migrations#setting-not-null-on-an-existing-column)
ALTER TABLE recipe ALTER COLUMN view_count SET NOT NULL;
