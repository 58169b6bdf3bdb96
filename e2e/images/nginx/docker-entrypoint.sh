#!/bin/sh
# Test scaffolding: the official nginx image's /docker-entrypoint.sh, cut down to what the
# compose files use, when the command is nginx: every executable
# /docker-entrypoint.d/*.envsh is sourced (the image's 15-local-resolvers.envsh exports
# NGINX_LOCAL_RESOLVERS), then every /etc/nginx/templates/*.template goes through envsubst
# (only the variables the environment defines) into /etc/nginx/conf.d/, without the suffix.
set -eu

TEMPLATES=/etc/nginx/templates
OUTPUT=/etc/nginx/conf.d

if [ "${1:-}" = nginx ]; then
	for script in /docker-entrypoint.d/*.envsh; do
		if [ -f "$script" ] && [ -x "$script" ]; then
			# shellcheck disable=SC1090 # the scripts of the image and of its mounts
			. "$script"
		fi
	done
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
