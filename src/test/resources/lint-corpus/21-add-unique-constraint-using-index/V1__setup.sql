-- lint corpus case 21-add-unique-constraint-using-index: the target's state before the migration under test.
CREATE TABLE distributors (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dist_id text NOT NULL
);
INSERT INTO distributors (dist_id)
SELECT 'D-' || g FROM generate_series(1, 1000) AS g;

-- Built CONCURRENTLY by an earlier migration (plain here: this file is the target's setup).
CREATE UNIQUE INDEX dist_id_uniq ON distributors (dist_id);
ANALYZE distributors;
