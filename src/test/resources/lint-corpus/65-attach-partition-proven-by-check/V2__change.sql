-- lint corpus case 65-attach-partition-proven-by-check
-- From:
--   PostgreSQL's documentation, "Partition Maintenance", the way it recommends: a CHECK
--   matching the bounds, so that ATTACH PARTITION skips the scan
--   (https://www.postgresql.org/docs/15/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE)
-- The safe counterpart of case 64.
ALTER TABLE measurements ATTACH PARTITION measurements_2024
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE measurements_2024 DROP CONSTRAINT measurements_2024_bounds;
