-- lint corpus case 58-exclusion-constraint-on-new-table: the target's state before the migration under test.
CREATE TABLE maintenance_windows (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    during tstzrange NOT NULL
);
INSERT INTO maintenance_windows (during)
SELECT tstzrange(timestamptz '2024-01-01' + g * interval '1 hour',
                 timestamptz '2024-01-01' + g * interval '1 hour' + interval '30 minutes')
FROM generate_series(1, 1000) AS g;
ANALYZE maintenance_windows;
