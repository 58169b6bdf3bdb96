-- lint corpus case 64-attach-partition: the target's state before the migration under test.
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
