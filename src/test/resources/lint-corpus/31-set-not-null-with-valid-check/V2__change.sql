-- lint corpus case 31-set-not-null-with-valid-check
-- From:
--   squawk adding-not-nullable-field, last step: "set not null without doing a table scan" (https://squawkhq.com/docs/adding-not-nullable-field)
--   Eugene E2, safer migration 4.sql (https://kaveland.no/eugene/hints/E2/)
ALTER TABLE recipe ALTER COLUMN view_count SET NOT NULL;
