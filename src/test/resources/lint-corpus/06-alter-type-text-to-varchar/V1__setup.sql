-- lint corpus case 06-alter-type-text-to-varchar: the target's state before the migration under test.
CREATE TABLE notes (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text NOT NULL
);
INSERT INTO notes (body)
SELECT 'note body ' || g FROM generate_series(1, 1000) AS g;
ANALYZE notes;
