-- Undoes V2: the category column goes, with its check and default.
ALTER TABLE expenses DROP COLUMN category;
