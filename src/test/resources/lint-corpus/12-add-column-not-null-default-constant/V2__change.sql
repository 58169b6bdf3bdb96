-- lint corpus case 12-add-column-not-null-default-constant
-- From:
--   squawk adding-required-field, "set a non-volatile default" (https://squawkhq.com/docs/adding-required-field)
--   squawk adding-field-with-default, "adding a non-volatile default in Postgres 11+" (https://squawkhq.com/docs/adding-field-with-default)
ALTER TABLE recipe ADD COLUMN public boolean NOT NULL DEFAULT false;
