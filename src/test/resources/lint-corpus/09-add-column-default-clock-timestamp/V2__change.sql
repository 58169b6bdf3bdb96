-- lint corpus case 09-add-column-default-clock-timestamp
-- From:
--   squawk adding-field-with-default: a VOLATILE default causes a table rewrite (https://squawkhq.com/docs/adding-field-with-default)
--   strong_migrations "Adding a column with a volatile default value" (https://github.com/ankane/strong_migrations#adding-a-column-with-a-volatile-default-value)
ALTER TABLE events ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT clock_timestamp();
