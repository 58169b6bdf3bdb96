-- lint corpus case 54-rename-column
-- From:
--   squawk renaming-column (https://squawkhq.com/docs/renaming-column)
--   strong_migrations "Renaming a column" (https://github.com/ankane/strong_migrations#renaming-a-column)
ALTER TABLE users RENAME COLUMN some_column TO new_name;
