-- lint corpus case 05-alter-type-text-using-lower
-- From:
--   squawk changing-column-type (https://squawkhq.com/docs/changing-column-type): the varchar -> text exception does not hold with USING
--   Eugene E5 "Type change requiring table rewrite" (https://kaveland.no/eugene/hints/E5/)
-- Normalise e-mail addresses while moving the column to text.
ALTER TABLE accounts ALTER COLUMN email TYPE text USING lower(email);
