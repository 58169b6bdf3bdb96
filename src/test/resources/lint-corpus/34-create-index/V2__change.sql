-- lint corpus case 34-create-index
-- From:
--   squawk require-concurrent-index-creation (https://squawkhq.com/docs/require-concurrent-index-creation)
--   Eugene E6 "Creating a new index on an existing table" (https://kaveland.no/eugene/hints/E6/)
--   strong_migrations "Adding an index non-concurrently" (https://github.com/ankane/strong_migrations#adding-an-index-non-concurrently)
CREATE INDEX email_idx ON app_user (email);
