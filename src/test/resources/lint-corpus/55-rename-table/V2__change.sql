-- lint corpus case 55-rename-table
-- From:
--   squawk renaming-table (https://squawkhq.com/docs/renaming-table)
--   strong_migrations "Renaming a table" (https://github.com/ankane/strong_migrations#renaming-a-table)
ALTER TABLE user_stars RENAME TO user_favorites;
