#!/bin/sh
# Test scaffolding: the official postgres image's entrypoint, cut down to what the compose
# files use. First start of an empty PGDATA: initdb with POSTGRES_USER and
# POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE), password auth over TCP, POSTGRES_DB
# created on a server that listens on no TCP port meanwhile. Then exec the server as postgres.
set -eu

# init_cluster: make the cluster and the database, as the official image does.
init_cluster() {
	if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
		POSTGRES_PASSWORD=$(cat "$POSTGRES_PASSWORD_FILE")
	fi
	if [ -z "${POSTGRES_PASSWORD:-}" ]; then
		printf >&2 'error: database is uninitialized and POSTGRES_PASSWORD is not set\n'
		exit 1
	fi
	user=${POSTGRES_USER:-postgres}
	db=${POSTGRES_DB:-$user}
	pwfile=$(mktemp)
	printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
	initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
	rm -f "$pwfile"
	printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
	printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
	if [ "$db" != postgres ]; then
		pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
		echo 'CREATE DATABASE :"db"' |
			psql -v ON_ERROR_STOP=1 --username="$user" --dbname=postgres --set=db="$db" >/dev/null
		pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
	fi
	printf 'PostgreSQL init process complete; ready for start up.\n'
}

if [ "${1:-}" = postgres ]; then
	if [ "$(id -u)" = 0 ]; then
		mkdir -p "$PGDATA"
		chown postgres:postgres "$PGDATA"
		chmod 700 "$PGDATA"
		exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
	fi
	if [ ! -s "$PGDATA/PG_VERSION" ]; then
		init_cluster
	fi
fi
exec "$@"
