-- lint corpus case 07-add-column-default-gen-random-uuid
-- From:
--   strong_migrations "Adding a column with a volatile default value" (https://github.com/ankane/strong_migrations#adding-a-column-with-a-volatile-default-value)
--   squawk adding-field-with-default (https://squawkhq.com/docs/adding-field-with-default)
ALTER TABLE users ADD COLUMN public_id uuid DEFAULT gen_random_uuid();
