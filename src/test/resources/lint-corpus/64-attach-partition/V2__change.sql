-- lint corpus case 64-attach-partition
-- From:
--   PostgreSQL's documentation, "Partition Maintenance": attaching a partition scans it
--   under ACCESS EXCLUSIVE unless a CHECK constraint proves its bounds
--   (https://www.postgresql.org/docs/15/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE)
--   GitLab's database guide, "Partitioning": attach with a matching CHECK first
ALTER TABLE measurements ATTACH PARTITION measurements_2024
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
