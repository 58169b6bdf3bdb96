-- lint corpus case 36-create-index-on-new-table: the target's state before the migration under test.
CREATE TABLE app_user (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
INSERT INTO app_user (email)
SELECT 'user' || g || '@example.com' FROM generate_series(1, 1000) AS g;
ANALYZE app_user;
