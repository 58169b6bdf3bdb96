-- lint corpus case 62-drop-column-accepted
-- From:
--   strong_migrations "Removing a column", the solution: tell the application to ignore the
--   column, deploy, then drop it (https://github.com/ankane/strong_migrations#removing-a-column)
-- The safe counterpart of case 53: the release serving now no longer reads the column, which
-- only the team knows; the marker says so, and lint lists the finding as accepted.
-- lint:allow drop-column release 41 stopped reading some_column (ignored_columns)
ALTER TABLE users DROP COLUMN some_column;
