-- lint corpus case 42-several-catalog-only-changes
-- From:
--   Eugene E4 "Running more statements after taking AccessExclusiveLock" (https://kaveland.no/eugene/hints/E4/) fires on this; Eugene W12 "Multiple ALTER TABLE statements where one will do" (https://kaveland.no/eugene/hints/W12/)
ALTER TABLE orders ADD COLUMN customer_note text;
COMMENT ON COLUMN orders.customer_note IS 'Free-text note left by the customer at checkout';
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
