-- lint corpus case 17-add-primary-key
-- From:
--   squawk adding-serial-primary-key-field (https://squawkhq.com/docs/adding-serial-primary-key-field)
--   Eugene E7 "Creating a new unique constraint" (https://kaveland.no/eugene/hints/E7/)
ALTER TABLE account ADD PRIMARY KEY (id);
