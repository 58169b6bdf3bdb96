-- lint corpus case 14-add-column-nullable
-- From:
--   squawk adding-field-with-default, generated-column solution: a plain column filled by a trigger and a backfill (https://squawkhq.com/docs/adding-field-with-default)
--   squawk adding-required-field, "allow null values initially" (https://squawkhq.com/docs/adding-required-field)
-- Plain column instead of a STORED generated one; a trigger and a batched backfill follow in later migrations.
ALTER TABLE line_items ADD COLUMN total_cents bigint;
