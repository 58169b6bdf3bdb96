-- lint corpus case 01-alter-type-int-to-bigint
-- From:
--   Eugene E5 "Type change requiring table rewrite" (https://kaveland.no/eugene/hints/E5/)
--   squawk changing-column-type (https://squawkhq.com/docs/changing-column-type)
--   strong_migrations "Changing the type of a column" (https://github.com/ankane/strong_migrations#changing-the-type-of-a-column)
ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;
