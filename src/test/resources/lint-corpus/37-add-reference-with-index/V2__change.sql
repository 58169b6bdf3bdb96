-- lint corpus case 37-add-reference-with-index
-- From:
--   strong_migrations "Adding a reference": add_reference adds its index non-concurrently (https://github.com/ankane/strong_migrations#adding-a-reference)
--   squawk require-concurrent-index-creation (https://squawkhq.com/docs/require-concurrent-index-creation)
-- What add_reference :app_user, :city emits.
ALTER TABLE app_user ADD COLUMN city_id bigint;
CREATE INDEX index_app_user_on_city_id ON app_user (city_id);
