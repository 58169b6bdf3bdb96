-- lint corpus case 39-backfill-in-own-migration: the target's state before the migration under test.
CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    plan       text
);
INSERT INTO users (email)
SELECT 'user' || g || '@example.com' FROM generate_series(1, 1000) AS g;
ANALYZE users;
