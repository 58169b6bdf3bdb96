#!/bin/sh
# Test scaffolding: the official nginx image's /docker-entrypoint.sh, cut down to what the
# compose files use, when the command is nginx: NGINX_ENTRYPOINT_LOCAL_RESOLVERS set
# exports NGINX_LOCAL_RESOLVERS (the name servers of /etc/resolv.conf, IPv6 ones in
# brackets), then every /etc/nginx/templates/*.template goes through envsubst (only the
# variables the environment defines) into /etc/nginx/conf.d/, without the suffix.
set -eu

TEMPLATES=/etc/nginx/templates
OUTPUT=/etc/nginx/conf.d

if [ "${1:-}" = nginx ]; then
	if [ -n "${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ]; then
		NGINX_LOCAL_RESOLVERS=$(awk 'BEGIN {ORS = " "} $1 == "nameserver" {print ($2 ~ ":") ? "[" $2 "]" : $2}' /etc/resolv.conf)
		NGINX_LOCAL_RESOLVERS=${NGINX_LOCAL_RESOLVERS% }
		export NGINX_LOCAL_RESOLVERS
	fi
	if [ -d "$TEMPLATES" ]; then
		defined=$(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')
		for template in "$TEMPLATES"/*.template; do
			[ -f "$template" ] || continue
			name=$(basename "$template" .template)
			envsubst "$defined" <"$template" >"$OUTPUT/$name"
		done
	fi
fi
exec "$@"
