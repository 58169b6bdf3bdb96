-- lint corpus case 33-validate-then-set-not-null
-- From:
--   strong_migrations "Setting NOT NULL on an existing column", Good: ValidateSomeColumnNotNull (https://github.com/ankane/strong_migrations#setting-not-null-on-an-existing-column)
--   squawk adding-not-nullable-field, the solution (https://squawkhq.com/docs/adding-not-nullable-field)
ALTER TABLE recipe VALIDATE CONSTRAINT recipe_view_count_null;
ALTER TABLE recipe ALTER COLUMN view_count SET NOT NULL;
ALTER TABLE recipe DROP CONSTRAINT recipe_view_count_null;
