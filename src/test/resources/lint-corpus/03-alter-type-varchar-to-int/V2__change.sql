-- lint corpus case 03-alter-type-varchar-to-int
-- From:
--   squawk changing-column-type (https://squawkhq.com/docs/changing-column-type)
--   Eugene E5 "Type change requiring table rewrite" (https://kaveland.no/eugene/hints/E5/)
--   strong_migrations "Changing the type of a column" (https://github.com/ankane/strong_migrations#changing-the-type-of-a-column)
ALTER TABLE addresses ALTER COLUMN postal_code TYPE integer USING postal_code::integer;
