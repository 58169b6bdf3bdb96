-- lint corpus case 20-add-unique-constraint: the target's state before the migration under test.
CREATE TABLE distributors (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dist_id text NOT NULL
);
INSERT INTO distributors (dist_id)
SELECT 'D-' || g FROM generate_series(1, 1000) AS g;
ANALYZE distributors;
