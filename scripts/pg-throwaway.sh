#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster as an unprivileged user (the user
# "postgres" when run as root, else the caller) on a local port under /tmp
# and prints its DSN on stdout; diagnostics go to stderr.
#   scripts/pg-throwaway.sh [PORT] [DIR]      start (or reuse) a cluster
#   scripts/pg-throwaway.sh stop DIR          stop it and remove DIR
# fsync is off: the cluster is for tests and benchmarks, not for data.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "pg-throwaway: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
user=postgres
as_user() {
	if [ "$(id -u)" = 0 ]; then su "$user" -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
if [ "${1:-}" = stop ]; then
	dir=${2:?usage: pg-throwaway.sh stop DIR}
	as_user "$bin/pg_ctl -D $dir stop -m fast" >&2 || true
	rm -rf "$dir"
	exit 0
fi
port=${1:-55432}
dir=${2:-/tmp/dossier-pg-$port}
if [ "$(id -u)" = 0 ]; then
	id "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
fi
if [ ! -f "$dir/PG_VERSION" ]; then
	mkdir -p "$dir"
	if [ "$(id -u)" = 0 ]; then chown "$user" "$dir"; fi
	chmod 700 "$dir"
	as_user "$bin/initdb -D $dir -U dossier --auth=trust -E UTF8 --locale=C.UTF-8" >&2
fi
opts="-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
as_user "$bin/pg_ctl -D $dir status" >/dev/null 2>&1 ||
	as_user "$bin/pg_ctl -D $dir -l $dir/server.log -w -o '$opts' start" >&2
as_user "$bin/psql -h 127.0.0.1 -p $port -U dossier -d postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='dossier'\"" | grep -q 1 ||
	as_user "$bin/createdb -h 127.0.0.1 -p $port -U dossier dossier" >&2
echo "postgres://dossier@127.0.0.1:$port/dossier?sslmode=disable"
