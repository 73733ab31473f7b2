#!/usr/bin/env bash
# Load benchmark of the web app: requests per second and p50/p99 latency of document reads,
# live checks, revision writes and comment writes through the JSON API, on SQLite, on
# PostgreSQL, and on two app instances sharing one PostgreSQL database. Not a test: it
# measures, it asserts nothing.
#
# Usage: bench/load.sh > target/load-report.md
# Environment:
#   PRFAQ_BENCH_POSTGRES_URL  a PostgreSQL server where the user may create databases, e.g.
#                        postgres://postgres@127.0.0.1:5432/postgres; without it a throwaway
#                        cluster is started with scripts/postgres on PG_PORT and removed after
#   PG_PORT              port of that throwaway cluster (default 55435)
#   REQUESTS             requests per kind and configuration (default 2000)
#   CONCURRENCY          concurrent clients, each with its own document (default 8)
#   MARKDOWN             the document read, checked, saved and commented on
#                        (default bench/fixtures/pr-faq-1500-words.md)
#   CARGO_TARGET_DIR     where cargo builds (default target)
#   PRFAQ_BIN, LOADGEN_BIN  use these binaries instead of building them
#
# The release `prfaq` and `prfaq-loadgen` are built first (two cargo invocations, so the
# server is built with exactly the features it ships with). Servers listen on 127.0.0.1 port
# 0; each configuration gets a fresh database; the first account is made through the
# one-time setup link, as a person would, and a reviewer joins through an invitation link
# that account creates. Each document gets an open review round with that reviewer (minimum
# reading time 0), who records reading it to the end, so their comments are accepted.
# Progress goes to stderr, the Markdown report to stdout. Load generator and servers share
# the machine's cores: compare figures within one run, not across machines.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

REQUESTS=${REQUESTS:-2000}
CONCURRENCY=${CONCURRENCY:-8}
MARKDOWN=${MARKDOWN:-bench/fixtures/pr-faq-1500-words.md}
PG_PORT=${PG_PORT:-55435}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

note() { printf '%s\n' "$*" >&2; }

PRFAQ=${PRFAQ_BIN:-$TARGET/release/prfaq}
LOADGEN=${LOADGEN_BIN:-$TARGET/release/prfaq-loadgen}
if [ -z "${PRFAQ_BIN:-}" ]; then
  note "building the release prfaq"
  cargo build --release --locked --quiet -p prfaq-cli
fi
if [ -z "${LOADGEN_BIN:-}" ]; then
  note "building the release prfaq-loadgen"
  cargo build --release --locked --quiet -p prfaq-loadgen
fi

WORK=$(mktemp -d /tmp/prfaq-load.XXXXXX)
PIDS=()
DATABASES=()
PG_DIR=""
PG_URL=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  for db in "${DATABASES[@]}"; do psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; done
  if [ -n "$PG_DIR" ]; then scripts/postgres stop "$PG_DIR"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${PRFAQ_BENCH_POSTGRES_URL:-}" ]; then
  PG_URL=$PRFAQ_BENCH_POSTGRES_URL
else
  note "starting a throwaway PostgreSQL cluster on port $PG_PORT"
  # Its own directory under /tmp: as root, the server runs as `postgres`, which must reach it.
  PG_DIR=$(mktemp -d /tmp/prfaq-load-pg.XXXXXX)
  rmdir "$PG_DIR"
  scripts/postgres start "$PG_DIR" "$PG_PORT"
  PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
fi

# A fresh PostgreSQL database; sets DB_URL.
new_database() {
  local name="prfaq_load_$$_$1"
  PGOPTIONS="-c client_min_messages=warning" psql -q -v ON_ERROR_STOP=1 "$PG_URL" \
    -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  DATABASES+=("$name")
  DB_URL="${PG_URL%/*}/$name"
}

# Starts `prfaq serve NAME ARGS…`; sets ADDR (and LINK, the setup link, when one was printed).
start_server() {
  local name=$1 out=$WORK/$1.out
  shift
  "$PRFAQ" serve --listen 127.0.0.1:0 "$@" >"$out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  for _ in $(seq 600); do
    grep -q 'serving on http://' "$out" 2>/dev/null && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/$name.err" >&2; exit 1; }
    sleep 0.1
  done
  ADDR=$(sed -n 's|.*serving on http://\([^ ]*\) .*|\1|p' "$out")
  [ -n "$ADDR" ] || { note "$name did not start"; cat "$WORK/$name.err" >&2; exit 1; }
  LINK=$(grep -o 'http://[^ ]*/setup?token=[^ ]*' "$out" || true)
}

stop_servers() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

load() {
  local label=$1
  shift
  note "load: $label"
  "$LOADGEN" "$@" --markdown "$MARKDOWN" --requests "$REQUESTS" --concurrency "$CONCURRENCY" --label "$label"
  echo
}

echo "## Web app load ($(date -u +%Y-%m-%d), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo

start_server sqlite --data "$WORK/sqlite"
load "SQLite" --addr "$ADDR" --setup-link "$LINK"
stop_servers

new_database 1
start_server postgres --database-url "$DB_URL"
load "PostgreSQL" --addr "$ADDR" --setup-link "$LINK"
stop_servers

# Both instances start on an empty database and each prints a setup link; the one printed
# last is the valid one (each replaces the previous), so it is B's.
new_database 2
start_server pg-a --database-url "$DB_URL"
addr_a=$ADDR
start_server pg-b --database-url "$DB_URL"
load "PostgreSQL, two instances" --addr "$addr_a" --addr "$ADDR" --setup-link "$LINK"
stop_servers
