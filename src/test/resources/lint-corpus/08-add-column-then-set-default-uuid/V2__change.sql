-- lint corpus case 08-add-column-then-set-default-uuid
-- From:
--   strong_migrations "Adding a column with a volatile default value", the Good version: add_column, then change_column_default (https://github.com/ankane/strong_migrations#adding-a-column-with-a-volatile-default-value)
--   squawk adding-field-with-default, "adding a volatile default" solution (https://squawkhq.com/docs/adding-field-with-default)
-- Both steps in one ALTER TABLE: existing rows keep NULL (to be backfilled in batches later),
-- new rows get a generated value.
ALTER TABLE users
    ADD COLUMN public_id uuid,
    ALTER COLUMN public_id SET DEFAULT gen_random_uuid();
