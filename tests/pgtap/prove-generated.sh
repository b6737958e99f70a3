#!/usr/bin/env bash
# Runs every generated test file (generated/<schema>/tests/*.sql) under REAL pgTAP with pg_prove, on a throwaway
# PostgreSQL 15 cluster with generated/install.sql applied: proof that the files specgen's own TAP runner passes
# also pass unchanged under pgTAP.
#
#   tests/pgtap/prove-generated.sh [GENERATED_DIR]      (default: generated)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
gen="${1:-generated}"
[[ -f $gen/install.sql ]] || { echo "prove-generated: no $gen/install.sql (run ./specgen build specs/)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
# pg_prove takes one folder: gather the files, prefixed with their schema so names stay unique and ordered
for f in "$gen"/*/tests/*_test.sql; do
    schema=$(basename "$(dirname "$(dirname "$f")")")
    cp "$f" "$work/${schema}__$(basename "$f")"
done
chmod 644 "$work"/*.sql
exec bash "$here/run-pg-prove.sh" "$work" "$gen/install.sql"
