-- lint corpus case 26-create-table-with-foreign-key
-- From:
--   squawk adding-foreign-key-constraint, "adding constraint to new table" (https://squawkhq.com/docs/adding-foreign-key-constraint)
CREATE TABLE emails (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    subject text NOT NULL
);
