-- lint corpus case 25-add-foreign-key-not-valid
-- From:
--   squawk adding-foreign-key-constraint, the solution (https://squawkhq.com/docs/adding-foreign-key-constraint)
--   strong_migrations "Adding a foreign key", Good: validate: false (https://github.com/ankane/strong_migrations#adding-a-foreign-key)
ALTER TABLE emails ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
