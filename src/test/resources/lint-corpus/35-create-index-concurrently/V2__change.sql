-- lint corpus case 35-create-index-concurrently
-- From:
--   squawk require-concurrent-index-creation, the solution (https://squawkhq.com/docs/require-concurrent-index-creation)
--   Eugene E6, safer migration (https://kaveland.no/eugene/hints/E6/)
--   strong_migrations "Adding an index non-concurrently", Good (https://github.com/ankane/strong_migrations#adding-an-index-non-concurrently)
CREATE INDEX CONCURRENTLY email_idx ON app_user (email);
