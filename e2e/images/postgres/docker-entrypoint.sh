#!/bin/sh
# Test scaffolding: the official postgres image's entrypoint, cut down to what the compose
# files use. First start of an empty PGDATA: initdb with POSTGRES_USER and
# POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE), password auth over TCP, POSTGRES_DB
# created and /docker-entrypoint-initdb.d run (*.sh executed, or sourced when not
# executable; *.sql through psql) on a server that listens on no TCP port meanwhile.
# Then exec the server as postgres.
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
	pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
	if [ "$db" != postgres ]; then
		echo 'CREATE DATABASE :"db"' |
			psql -v ON_ERROR_STOP=1 --username="$user" --dbname=postgres --set=db="$db" >/dev/null
	fi
	export POSTGRES_USER="$user" POSTGRES_DB="$db"
	for file in /docker-entrypoint-initdb.d/*; do
		case "$file" in
			*.sh)
				printf '%s: running %s\n' "$0" "$file"
				if [ -x "$file" ]; then
					"$file"
				else
					# shellcheck disable=SC1090 # whatever the user mounted
					. "$file"
				fi
				;;
			*.sql)
				printf '%s: running %s\n' "$0" "$file"
				psql -v ON_ERROR_STOP=1 --username="$user" --dbname="$db" -f "$file" >/dev/null
				;;
		esac
	done
	pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
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
