-- lint corpus case 19-add-primary-key-using-index-nullable
-- From:
--   Eugene W14 "Adding a primary key using an index" (https://kaveland.no/eugene/hints/W14/)
ALTER TABLE authors ADD CONSTRAINT authors_name_pkey PRIMARY KEY USING INDEX authors_name_key;
