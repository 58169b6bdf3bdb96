-- lint corpus case 65-attach-partition-proven-by-check: the target's state before the migration under test.
CREATE TABLE measurements (
    id          bigint NOT NULL,
    measured_on date   NOT NULL,
    value       numeric NOT NULL
) PARTITION BY RANGE (measured_on);
CREATE TABLE measurements_2024 (
    id          bigint NOT NULL,
    measured_on date   NOT NULL,
    value       numeric NOT NULL
);
INSERT INTO measurements_2024 (id, measured_on, value)
SELECT g, date '2024-01-01' + g % 366, g * 0.5 FROM generate_series(1, 1000) AS g;
ANALYZE measurements_2024;
-- An earlier release added the CHECK NOT VALID and validated it in a later migration.
ALTER TABLE measurements_2024 ADD CONSTRAINT measurements_2024_bounds
    CHECK (measured_on >= date '2024-01-01' AND measured_on < date '2025-01-01') NOT VALID;
ALTER TABLE measurements_2024 VALIDATE CONSTRAINT measurements_2024_bounds;
