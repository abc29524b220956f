#!/usr/bin/env bash
# Ingest of a corpus into PostgreSQL by 1, 2 and 4 `dossier work` processes
# sharing one queue, against one `dossier ingest` into SQLite: articles/s,
# peak RSS per worker, database size, and the counts each store ends with.
#   bash scripts/pg-bench.sh ../shared/data/bbc POSTGRES_ADMIN_DSN ["1 2 4"]
# POSTGRES_ADMIN_DSN names a server where databases may be created and
# dropped (e.g. the one scripts/pg-throwaway.sh prints); the script creates
# dossier_bench_W and drops it afterwards. PRESCAN=off runs the SQLite ingest
# with --no-prescan, as workers run (they cannot see the whole input);
# SQLITE=skip leaves the SQLite run out.
set -euo pipefail
src=${1:?usage: pg-bench.sh CORPUS POSTGRES_DSN [WORKER_COUNTS]}
admin=${2:?usage: pg-bench.sh CORPUS POSTGRES_DSN [WORKER_COUNTS]}
counts=${3:-1 2 4}
cd "$(dirname "$0")/.."
go build -o bin/dossier ./cmd/dossier
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pgcounts() {
	psql -qtA "$1" -c "SELECT 'documents ' || (SELECT count(*) FROM documents) || '  failures ' || (SELECT count(*) FROM failures)
		|| '  mentions ' || (SELECT count(*) FROM mentions) || '  quotes ' || (SELECT count(*) FROM quotes)
		|| '  entities ' || (SELECT count(DISTINCT canonical_lower) FROM mentions) || '  queue ' || (SELECT count(*) FROM queue)
		|| '  placed ' || (SELECT count(*) FROM placements) || '  copies ' || (SELECT count(*) FROM placements WHERE duplicate_of <> '')
		|| '  events ' || (SELECT count(DISTINCT event) FROM placements) || '  storylines ' || (SELECT count(DISTINCT e.story) FROM events e JOIN placements p ON p.event = e.id)"
}

if [ "${SQLITE:-}" != skip ]; then
echo "== SQLite, one dossier ingest"
start=$(date +%s.%N)
./bin/dossier ingest --progress none --json ${PRESCAN:+--no-prescan} --db "$tmp/one.db" "$src" > "$tmp/sqlite.json" || true
end=$(date +%s.%N)
python3 - "$tmp/sqlite.json" "$start" "$end" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); el = float(sys.argv[3]) - float(sys.argv[2])
print("  %d documents in %.1f s: %.0f articles/s; peak RSS %.0f MiB; database %.1f MiB" % (
    s["documents"], el, s["documents"] / el, s["peak_rss_bytes"] / 2**20, s["database_bytes"] / 2**20))
PY
sqlite3 "$tmp/one.db" "SELECT '  documents ' || (SELECT count(*) FROM documents) || '  failures ' || (SELECT count(*) FROM failures)
	|| '  mentions ' || (SELECT count(*) FROM mentions) || '  quotes ' || (SELECT count(*) FROM quotes)
	|| '  entities ' || (SELECT count(DISTINCT canonical_lower) FROM mentions)
	|| '  placed ' || (SELECT count(*) FROM placements) || '  copies ' || (SELECT count(*) FROM placements WHERE duplicate_of <> '')
	|| '  events ' || (SELECT count(DISTINCT event) FROM placements) || '  storylines ' || (SELECT count(DISTINCT e.story) FROM events e JOIN placements p ON p.event = e.id)"
fi

for w in $counts; do
	db=dossier_bench_$w
	psql -qtA "$admin" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
	dsn=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$admin" "$db")
	echo "== PostgreSQL, $w dossier work process(es)"
	./bin/dossier enqueue --db "$dsn" "$src" | sed 's/^/  /'
	start=$(date +%s.%N)
	for i in $(seq "$w"); do
		./bin/dossier work --db "$dsn" --until-empty --poll 200ms --json > "$tmp/w$w.$i.json" &
	done
	wait
	end=$(date +%s.%N)
	python3 - "$start" "$end" "$tmp"/w"$w".*.json <<'PY'
import json, sys
el = float(sys.argv[2]) - float(sys.argv[1]); n = 0
for f in sys.argv[3:]:
    s = json.load(open(f)); n += s["documents"]
    print("  worker: %d documents, %.0f/s, peak RSS %.0f MiB" % (s["documents"], s["docs_per_second"], s["peak_rss_bytes"] / 2**20))
print("  all: %d documents in %.1f s: %.0f articles/s; database %.1f MiB" % (n, el, n / el, s["database_bytes"] / 2**20))
PY
	echo "  $(pgcounts "$dsn")"
	psql -qtA "$admin" -c "DROP DATABASE $db"
done
