#!/bin/sh
# The least-privilege roles of roles.sql, made when the postgres image first initializes
# an empty data volume (docker-compose.prod.yaml mounts this into
# /docker-entrypoint-initdb.d and roles.sql at /schemagate/roles.sql). The passwords are
# the ones the api gets from the same .env.prod: MIGRATION_DATABASE_PASSWORD for
# schemagate_owner (migrate), DATABASE_PASSWORD for schemagate_app (serve).
# A volume initialized before this existed keeps its roles: run roles.sql by hand
# (its header shows how).
set -eu
: "${MIGRATION_DATABASE_PASSWORD:?is not set: .env.prod needs the password of schemagate_owner}"
: "${DATABASE_PASSWORD:?is not set: .env.prod needs the password of schemagate_app}"
psql -v ON_ERROR_STOP=1 -q --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
	-v owner_password="$MIGRATION_DATABASE_PASSWORD" -v app_password="$DATABASE_PASSWORD" \
	-f /schemagate/roles.sql
printf 'schemagate roles made: schemagate_owner (migrate), schemagate_app (serve)\n'
