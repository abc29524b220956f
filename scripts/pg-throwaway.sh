#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster as the unprivileged user "postgres"
# on a local port under /tmp and prints the DSN on stdout (diagnostics go to
# stderr). Usage: scripts/pg-throwaway.sh [PORT] [DIR]
# Stop it with: su postgres -c "pg_ctl -D DIR stop -m fast"
set -euo pipefail
port=${1:-55432}
dir=${2:-/tmp/dossier-pg-$port}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg-throwaway: PostgreSQL is not installed" >&2; exit 1; }
user=postgres
id "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
as_user() { if [ "$(id -u)" = 0 ]; then su "$user" -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if [ ! -f "$dir/PG_VERSION" ]; then
	mkdir -p "$dir"
	if [ "$(id -u)" = 0 ]; then chown "$user" "$dir"; fi
	as_user "$bin/initdb -D $dir -U dossier --auth=trust -E UTF8 --locale=C.UTF-8" >&2
fi
as_user "$bin/pg_ctl -D $dir -l $dir/server.log -w -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' status" >/dev/null 2>&1 ||
	as_user "$bin/pg_ctl -D $dir -l $dir/server.log -w -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' start" >&2
as_user "$bin/psql -h 127.0.0.1 -p $port -U dossier -d postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='dossier'\"" | grep -q 1 ||
	as_user "$bin/createdb -h 127.0.0.1 -p $port -U dossier dossier" >&2
echo "postgres://dossier@127.0.0.1:$port/dossier?sslmode=disable"
