-- lint corpus case 33-validate-then-set-not-null: the target's state before the migration under test.
CREATE TABLE recipe (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL,
    view_count bigint
);
INSERT INTO recipe (name, view_count)
SELECT 'recipe ' || g, g * 7 FROM generate_series(1, 1000) AS g;

ALTER TABLE recipe ADD CONSTRAINT recipe_view_count_null CHECK (view_count IS NOT NULL) NOT VALID;

ANALYZE recipe;
