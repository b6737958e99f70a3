#!/usr/bin/env bash
# Usage: tests/real/compare.sh <case-dir> <psql-connection-args...>
# Applies <case-dir>/original.sql to a fresh database and specgen's install.sql of <case-dir>/specs (built into a
# temporary folder) to another, on the same server, and diffs the catalog facts (tests/real/catalog_facts.sql).
# FOLD_NAMES=1 compares names case- and underscore-insensitively. <case-dir>/functions.sql, when present, is run before install.sql. Writes <case-dir>/catalog.diff and prints a summary. Needs psql on PATH (or PSQL=...) and ./specgen of this repo.
set -euo pipefail
case_dir=$(cd "$1" && pwd); shift
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
psql=${PSQL:-psql}
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
name=$(basename "$case_dir" | tr -c 'a-z0-9\n' '_')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$repo/specgen" build "$case_dir/specs" --out "$out/gen" >/dev/null
for db in "real_${name}_orig" "real_${name}_gen"; do
  "$psql" "$@" -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
"$psql" "$@" -X -q -v ON_ERROR_STOP=1 -d "real_${name}_orig" -f "$case_dir/original.sql" >/dev/null
# functions.sql: the user's functions a spec names (trigger functions, functions in generated columns), which specgen
# does not create; original.sql includes it too
if [ -f "$case_dir/functions.sql" ]; then
  "$psql" "$@" -X -q -v ON_ERROR_STOP=1 -d "real_${name}_gen" -f "$case_dir/functions.sql" >/dev/null
fi
(cd "$out/gen" && "$psql" "$@" -X -q -v ON_ERROR_STOP=1 -d "real_${name}_gen" -f install.sql >/dev/null)
"$psql" "$@" -X -At -v ON_ERROR_STOP=1 -d "real_${name}_orig" -f "$here/catalog_facts.sql" > "$out/orig.facts"
"$psql" "$@" -X -At -v ON_ERROR_STOP=1 -d "real_${name}_gen" -f "$here/catalog_facts.sql" > "$out/gen.facts"
if [ -n "${FOLD_NAMES:-}" ]; then
  # compare names as <lower case, no quotes, no underscores>: "WebhookDelivery"."createdAt" = webhook_delivery.created_at
  for f in orig gen; do sed -e 's/"//g' -e 's/_//g' "$out/$f.facts" | tr 'A-Z' 'a-z' | LC_ALL=C sort > "$out/$f.folded"
    mv "$out/$f.folded" "$out/$f.facts"; done
fi
diff -u --label original.sql --label install.sql "$out/orig.facts" "$out/gen.facts" > "$case_dir/catalog.diff" || true
echo "$(basename "$case_dir"): original $(wc -l < "$out/orig.facts") facts, install $(wc -l < "$out/gen.facts") facts," \
     "only in original $(grep -c '^-[^-]' "$case_dir/catalog.diff" || true), only in install $(grep -c '^+[^+]' "$case_dir/catalog.diff" || true)"
