-- lint corpus case 56-rename-table-via-view
-- From:
--   squawk renaming-table, "rename with minor locking via database views", step 1 (https://squawkhq.com/docs/renaming-table)
CREATE VIEW user_favorites AS SELECT * FROM user_stars;
