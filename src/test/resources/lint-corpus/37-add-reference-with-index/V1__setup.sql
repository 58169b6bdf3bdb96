-- lint corpus case 37-add-reference-with-index: the target's state before the migration under test.
CREATE TABLE app_user (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
INSERT INTO app_user (email)
SELECT 'user' || g || '@example.com' FROM generate_series(1, 1000) AS g;
ANALYZE app_user;

CREATE TABLE cities (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
INSERT INTO cities (name) SELECT 'city ' || g FROM generate_series(1, 50) AS g;
ANALYZE cities;
