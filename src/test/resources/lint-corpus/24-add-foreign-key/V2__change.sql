-- lint corpus case 24-add-foreign-key
-- From:
--   squawk adding-foreign-key-constraint (https://squawkhq.com/docs/adding-foreign-key-constraint)
--   strong_migrations "Adding a foreign key" (https://github.com/ankane/strong_migrations#adding-a-foreign-key)
--   Eugene E1 "Validating table with a new constraint" (https://kaveland.no/eugene/hints/E1/)
ALTER TABLE emails ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);
