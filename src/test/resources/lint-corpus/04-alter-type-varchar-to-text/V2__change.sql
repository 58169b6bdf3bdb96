-- lint corpus case 04-alter-type-varchar-to-text
-- From:
--   squawk changing-column-type: "VARCHAR can safely be converted to TEXT" (https://squawkhq.com/docs/changing-column-type)
--   strong_migrations "Changing the type of a column", safe changes: string "changing to text" (https://github.com/ankane/strong_migrations#changing-the-type-of-a-column)
ALTER TABLE articles ALTER COLUMN title TYPE text;
