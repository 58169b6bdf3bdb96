-- lint corpus case 13-add-column-generated-stored
-- From:
--   squawk adding-field-with-default, "Adding a generated column" (https://squawkhq.com/docs/adding-field-with-default)
--   strong_migrations "Adding a stored generated column" (https://github.com/ankane/strong_migrations#adding-a-stored-generated-column)
--   Eugene E11 "Adding a SERIAL or GENERATED ... STORED column" (https://kaveland.no/eugene/hints/E11/)
ALTER TABLE line_items
    ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity::bigint * unit_price_cents) STORED;
