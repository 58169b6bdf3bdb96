-- lint corpus case 06-alter-type-text-to-varchar
-- From:
--   strong_migrations "Changing the type of a column", safe changes: text "Changing to string with no :limit" (https://github.com/ankane/strong_migrations#changing-the-type-of-a-column)
--   squawk changing-column-type (https://squawkhq.com/docs/changing-column-type)
ALTER TABLE notes ALTER COLUMN body TYPE varchar;
