-- lint corpus case 11-add-column-not-null-no-default
-- From:
--   squawk adding-required-field (https://squawkhq.com/docs/adding-required-field)
--   squawk adding-not-nullable-field (https://squawkhq.com/docs/adding-not-nullable-field)
ALTER TABLE user_preferences ADD COLUMN locale text NOT NULL;
