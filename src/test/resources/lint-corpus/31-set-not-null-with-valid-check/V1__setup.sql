-- lint corpus case 31-set-not-null-with-valid-check: the target's state before the migration under test.
CREATE TABLE recipe (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL,
    view_count bigint
);
INSERT INTO recipe (name, view_count)
SELECT 'recipe ' || g, g * 7 FROM generate_series(1, 1000) AS g;

-- Added NOT VALID and validated by earlier migrations.
ALTER TABLE recipe ADD CONSTRAINT view_count_not_null CHECK (view_count IS NOT NULL);

ANALYZE recipe;
