-- lint corpus case 02-alter-type-varchar-widen
-- From:
--   squawk changing-column-type, its "binary coercible" note (https://squawkhq.com/docs/changing-column-type)
--   strong_migrations "Changing the type of a column", safe changes: string "Increasing or removing :limit" (https://github.com/ankane/strong_migrations#changing-the-type-of-a-column)
ALTER TABLE customers ALTER COLUMN email TYPE varchar(200);
