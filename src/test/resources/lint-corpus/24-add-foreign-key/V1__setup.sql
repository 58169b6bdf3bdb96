-- lint corpus case 24-add-foreign-key: the target's state before the migration under test.
CREATE TABLE users (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
INSERT INTO users (email)
SELECT 'user' || g || '@example.com' FROM generate_series(1, 1000) AS g;
CREATE TABLE emails (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL,
    subject text NOT NULL
);
INSERT INTO emails (user_id, subject)
SELECT g, 'Welcome #' || g FROM generate_series(1, 1000) AS g;
ANALYZE users;
ANALYZE emails;
