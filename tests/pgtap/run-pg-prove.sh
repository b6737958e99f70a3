#!/usr/bin/env bash
# Proves that specgen's generated test files run under REAL pgTAP.
#
#   tests/pgtap/run-pg-prove.sh DIR_OF_SQL_TEST_FILES [SCHEMA_SCRIPT]
#
# Starts a throwaway PostgreSQL cluster (Debian's PostgreSQL 15 by default) in a temp dir on a free local port,
# creates database specgen_test with CREATE EXTENSION pgtap (in schema tap), applies SCHEMA_SCRIPT (e.g.
# generated/<schema>/install.sql) with psql -v ON_ERROR_STOP=1, then runs pg_prove on DIR/*.sql (not
# recursive; SCHEMA_SCRIPT itself is skipped if it lives there). Prints pg_prove's output and exits with its
# status. The cluster is stopped and removed on exit.
#
# The session search_path is  tap, "$user", public: pgTAP's schema first, as specgen's TapRunner puts the schema of
# its TAP functions first; each generated test file puts its own schema in front of it.
#
# Environment:
#   PG_BIN          server binaries (default /usr/lib/postgresql/15/bin)
#   PG_PROVE_ARGS   extra pg_prove options (default: --failures --comments --nocolor)
#   TAP_OUT_DIR     if set, also writes each file's raw TAP stream (psql run the way pg_prove runs it) to
#                   TAP_OUT_DIR/<name>.tap, for golden comparisons with TapRunner
# As root, missing packages (postgresql-<major>-pgtap, pgtap) are installed with apt-get, and the server runs as
# the "postgres" OS user (created if missing): postgres refuses to run as root.
set -euo pipefail

die() { echo "run-pg-prove: $*" >&2; exit 2; }

[[ $# -ge 1 && $# -le 2 ]] || die "usage: $0 DIR_OF_SQL_TEST_FILES [SCHEMA_SCRIPT]"
TEST_DIR=$(realpath "$1")
SCHEMA=${2:+$(realpath "$2")}
[[ -d $TEST_DIR ]] || die "not a directory: $1"
[[ -z $SCHEMA || -f $SCHEMA ]] || die "no such schema script: $2"

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x $PG_BIN/postgres ]] || die "no PostgreSQL server in $PG_BIN (set PG_BIN)"
MAJOR=$("$PG_BIN/postgres" -V | sed -E 's/.* ([0-9]+)[.].*/\1/')
SHAREDIR=/usr/share/postgresql/$MAJOR

if ! command -v pg_prove >/dev/null || [[ ! -f $SHAREDIR/extension/pgtap.control ]]; then
    [[ $(id -u) -eq 0 ]] || die "pgTAP is missing: apt-get install postgresql-$MAJOR-pgtap pgtap"
    echo "run-pg-prove: installing postgresql-$MAJOR-pgtap and pgtap" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "postgresql-$MAJOR-pgtap" pgtap >&2
fi

PSQL=$PG_BIN/psql
[[ -x $PSQL ]] || PSQL=$(command -v psql) || die "psql not found"

if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

free_port() {
    local p
    for p in $(shuf -i 20000-60000 -n 200); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    die "no free port found"
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/specgen-pgprove.XXXXXX")
DATA=$WORK/data
[[ $(id -u) -eq 0 ]] && chown postgres "$WORK"
cleanup() {
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_pg "$PG_BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
# a port that looked free can be taken by the time the server binds it: try a few
started=
for attempt in 1 2 3 4 5; do
    PORT=$(free_port)
    if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$WORK/server.log" -w -t 60 \
        -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
            -c full_page_writes=off -c jit=off -c timezone=UTC -c lc_messages=C" start >/dev/null; then
        started=1
        break
    fi
    grep -q "Address already in use" "$WORK/server.log" || break
done
[[ -n $started ]] || { cat "$WORK/server.log" >&2; die "the server did not start"; }

export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres
DB=specgen_test
psql_do() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql_do -d postgres -c "CREATE DATABASE $DB"
psql_do -d "$DB" -c "CREATE SCHEMA tap" -c "CREATE EXTENSION pgtap SCHEMA tap"
if [[ -n $SCHEMA ]]; then
    psql_do -d "$DB" -f "$SCHEMA" || die "the schema script failed: $SCHEMA"
fi
psql_do -d "$DB" -c "ALTER DATABASE $DB SET search_path = tap, \"\$user\", public"

FILES=()
while IFS= read -r f; do
    [[ $f == "$SCHEMA" ]] || FILES+=("$f")
done < <(find "$TEST_DIR" -maxdepth 1 -type f -name '*.sql' | sort)
[[ ${#FILES[@]} -gt 0 ]] || die "no *.sql test files in $TEST_DIR"

echo "# $("$PG_BIN/postgres" -V), pgTAP $(psql_do -d "$DB" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'pgtap'"), port $PORT"

if [[ -n ${TAP_OUT_DIR:-} ]]; then
    mkdir -p "$TAP_OUT_DIR"
    for f in "${FILES[@]}"; do
        # the flags pg_prove passes to psql (TAP::Parser::SourceHandler::pgTAP)
        "$PSQL" --no-psqlrc --no-align --quiet --pset pager=off --pset tuples_only=true --set ON_ERROR_STOP=1 \
            -d "$DB" --file "$f" >"$TAP_OUT_DIR/$(basename "$f" .sql).tap" 2>/dev/null || true
    done
fi

set +e
# shellcheck disable=SC2086
pg_prove --psql-bin "$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB" ${PG_PROVE_ARGS:---failures --comments --nocolor} "${FILES[@]}"
status=$?
set -e
exit "$status"
