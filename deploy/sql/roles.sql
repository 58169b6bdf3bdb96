-- Least privilege for schemagate: an owner role that schema changes run as
-- (MIGRATION_DATABASE_URL: migrate, repair, baseline, serve with RUN_MIGRATIONS=true) and
-- a runtime role the application serves with (DATABASE_URL). The runtime role reads and
-- writes the application's tables and reads the migration history; it cannot create,
-- alter or drop anything, nor rewrite the history.
--
-- Run once per database, as a superuser or the database's owner, choosing the passwords:
--   psql "postgresql://postgres@HOST:5432/DBNAME" -v ON_ERROR_STOP=1 \
--     -v owner_password='...' -v app_password='...' -f deploy/sql/roles.sql
-- then:
--   MIGRATION_DATABASE_URL=postgresql://schemagate_owner:...@HOST:5432/DBNAME
--   DATABASE_URL=postgresql://schemagate_app:...@HOST:5432/DBNAME
--
-- Roles are shared by every database of a server; on a second database, skip the three
-- CREATE ROLE statements.

CREATE ROLE schemagate_owner LOGIN PASSWORD :'owner_password';
-- Grants go to a group role, so that a second runtime login (a rotation) is one line.
CREATE ROLE schemagate_runtime NOLOGIN;
CREATE ROLE schemagate_app LOGIN PASSWORD :'app_password' IN ROLE schemagate_runtime;

-- PostgreSQL 15 no longer lets every role create objects in "public"; before 15, every
-- role could, the runtime role included: take that back (a no-op on 15 and later).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO schemagate_owner;
GRANT USAGE ON SCHEMA public TO schemagate_runtime;

-- Whatever the owner creates, the runtime role may read and write, but not alter or drop
-- (only an object's owner can). The migration history is taken back to read-only after
-- every migrate by the afterMigrate callback in src/main/resources/db/migration.
ALTER DEFAULT PRIVILEGES FOR ROLE schemagate_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO schemagate_runtime;
ALTER DEFAULT PRIVILEGES FOR ROLE schemagate_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO schemagate_runtime;
