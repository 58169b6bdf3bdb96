-- lint corpus case 12-add-column-not-null-default-constant: the target's state before the migration under test.
CREATE TABLE recipe (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
INSERT INTO recipe (name)
SELECT 'recipe ' || g FROM generate_series(1, 1000) AS g;
ANALYZE recipe;
