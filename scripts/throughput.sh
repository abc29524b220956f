#!/usr/bin/env bash
# Throughput of `dossier ingest`: the BBC corpus (2,225 articles) into a fresh
# database, then 100,000 edited copies of it. Prints articles per second, peak
# RSS and database size for each (from `dossier ingest --json`).
#   bash scripts/throughput.sh ../shared/data/bbc [N]
set -euo pipefail
src=${1:?usage: throughput.sh BBC_DIR [N]}
n=${2:-100000}
cd "$(dirname "$0")/.."
go build -o bin/dossier ./cmd/dossier
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

report() {
  python3 -c '
import json, sys
s = json.load(sys.stdin)
mib = 2**20
print("  documents %d  new %d  duplicate %d  failed %d" % (s["documents"], s["new"], s["duplicate"], s["failed"]))
print("  %.2f s, %.0f articles/s" % (s["seconds"], s["docs_per_second"]))
print("  peak RSS %.1f MiB, database %.1f MiB (%.0f bytes/article)" % (
    s["peak_rss_bytes"] / mib, s["database_bytes"] / mib, s["database_bytes"] / max(1, s["documents"] - s["failed"])))'
}

echo "== BBC ($src) into a fresh database"
./bin/dossier ingest --progress none --json --db "$tmp/bbc.db" "$src" | report

echo "== $n edited copies (a directory of $n small files)"
go run ./scripts/replicate -from "$src" -n "$n" -out "$tmp/corpus"
./bin/dossier ingest --progress none --json --db "$tmp/big.db" "$tmp/corpus" | report

echo "== the same again (every document a duplicate)"
./bin/dossier ingest --progress none --json --db "$tmp/big.db" "$tmp/corpus" | report
