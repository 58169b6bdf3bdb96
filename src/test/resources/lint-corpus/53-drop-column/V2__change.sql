-- lint corpus case 53-drop-column
-- From:
--   squawk ban-drop-column (https://squawkhq.com/docs/ban-drop-column)
--   strong_migrations "Removing a column" (https://github.com/ankane/strong_migrations#removing-a-column)
ALTER TABLE users DROP COLUMN some_column;
