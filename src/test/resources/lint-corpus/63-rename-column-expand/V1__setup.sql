-- lint corpus case 63-rename-column-expand: the target's state before the migration under test.
CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    some_column text
);
INSERT INTO users (email, some_column)
SELECT 'user' || g || '@example.com', 'value ' || g FROM generate_series(1, 1000) AS g;
ANALYZE users;
