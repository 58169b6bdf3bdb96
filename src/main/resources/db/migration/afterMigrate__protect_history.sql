-- Flyway callback, run after every migrate: where deploy/sql/roles.sql set up the
-- runtime role, it may read the migration history (serve's schema check does) but never
-- write it. Nothing happens on databases without that role.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'schemagate_runtime') THEN
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "${flyway:defaultSchema}"."${flyway:table}" FROM schemagate_runtime;
        GRANT SELECT ON "${flyway:defaultSchema}"."${flyway:table}" TO schemagate_runtime;
    END IF;
END
$$;
