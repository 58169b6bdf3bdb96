-- lint corpus case 10-add-column-default-now
-- From:
--   squawk adding-field-with-default: non-VOLATILE defaults need no rewrite on Postgres 11+ (https://squawkhq.com/docs/adding-field-with-default)
--   strong_migrations "Adding a column with a volatile default value" (https://github.com/ankane/strong_migrations#adding-a-column-with-a-volatile-default-value)
ALTER TABLE events ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
