#!/usr/bin/env bash
# The pages people load, under load, on both databases (issue 17's method): builds a release,
# generates the demo data with a synthetic marketplace, starts the server on SQLite and then on a
# throwaway PostgreSQL, runs wrk on every page scripts/load_pages.py lists plus /healthz in one
# run, and prints per page the requests per second, the share of /healthz's, p50 and p99, and the
# server's peak resident memory. Not part of `make test`.
#
#   scripts/load.sh [PROJECTS] [CANDIDATES]      # defaults: 20000 2000
#
# Environment: DURATION (10s), WARMUP (2s, an uncounted pass before each page), CONNECTIONS (32), THREADS (2), DATABASES ("sqlite postgres"),
# APPLICANTS (500, on the demo employer's busiest project), MESSAGES (50, in its engagement),
# PAGE_CACHE_MS (the server's TRYOUT_PAGE_CACHE_MS, default 1000), SKIP_BUILD=1 to use the
# release build as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-20000}
CANDIDATES=${2:-2000}
APPLICANTS=${APPLICANTS:-500}
MESSAGES=${MESSAGES:-50}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DATABASES=${DATABASES:-sqlite postgres}
log() { printf 'load: %s\n' "$*" >&2; }

if ! command -v wrk >/dev/null; then
    log "installing wrk"
    SUDO=(); [ "$(id -u)" -ne 0 ] && SUDO=(sudo)
    "${SUDO[@]}" apt-get install -y -qq wrk >/dev/null
fi
[ "${SKIP_BUILD:-}" = 1 ] || { log "building release"; swift build -c release --product tryout >/dev/null; }
TRYOUT=.build/release/tryout
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

SERVER_PID=""; PG_ROOT=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [ -n "$PG_ROOT" ] && scripts/postgres.sh stop "$PG_ROOT"
    true
}
trap cleanup EXIT

# One wrk run: prints "req/s p50 p99 errors", latencies in ms. A path "@FILE" takes the paths
# listed in FILE in turn.
measure() { # base path cookie
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency) url=$1$2
    [ -n "$3" ] && args+=(-H "Cookie: $3")
    if [ "${2:0:1}" = @ ]; then
        export WRK_PATHS=${2:1}
        args+=(-s scripts/load_rotate.lua); url=$1/
    fi
    # A first pass warms the server (the runtime's type caches, SQLite's page cache, the kept
    # pages) and is not counted: a server that has been up for a minute is the one people meet.
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${args[@]:4}" "$url" >/dev/null
    wrk "${args[@]}" "$url" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
        /Non-2xx or 3xx responses/ { bad = $NF }
        END { printf "%.0f %.1f %.1f %d\n", rps, p50, p99, bad }'
}

run_database() { # label
    local label=$1 data port base url=""
    data=$(mktemp -d /tmp/tryout-load.XXXXXX)
    if [ "$label" = postgres ]; then
        eval "$(scripts/postgres.sh start)"; export PG_PORT
        scripts/postgres.sh createdb tryout_load
        url="$TRYOUT_PG_BASE/tryout_load"
    fi
    log "$label: generating $PROJECTS projects and $CANDIDATES candidates"
    DATABASE_URL="$url" TRYOUT_DATA_DIR="$data" "$TRYOUT" demo --projects "$PROJECTS" --candidates "$CANDIDATES" \
        --applicants "$APPLICANTS" --messages "$MESSAGES" >/dev/null
    # A database just filled has no visibility maps or hint bits yet, and autovacuum works through
    # it for minutes, during the pages measured first: measure the steady state instead.
    [ "$label" = postgres ] && psql -q "$url" -c "SET client_min_messages = error" -c "VACUUM ANALYZE"
    port=$(free_port); base="http://127.0.0.1:$port"
    DATABASE_URL="$url" TRYOUT_DATA_DIR="$data" TRYOUT_PUBLIC_URL="$base" TRYOUT_WORKERS=0 TRYOUT_MAIL=log LOG_LEVEL=warning \
        TRYOUT_PAGE_CACHE_MS="${PAGE_CACHE_MS:-1000}" \
        "$TRYOUT" serve --env production --port "$port" >"$data/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fs "$base/healthz" >/dev/null || { tail -20 "$data/server.log"; log "$label: the server did not start"; exit 1; }
    local ceiling="" rows=()
    while IFS=$'\t' read -r page path cookie; do
        read -r rps p50 p99 bad < <(measure "$base" "$path" "$cookie")
        [ -z "$ceiling" ] && ceiling=$rps
        [ "$bad" -gt 0 ] && page="$page ($bad errors)"
        rows+=("$(printf '| %s | %s | %d | %.1f%% | %.1f ms | %.1f ms |' "$label" "$page" "$rps" "$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { print 100 * a / b }')" "$p50" "$p99")")
    done < <(python3 scripts/load_pages.py "$base" "$data")
    local rss; rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status")
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
    [ "$label" = postgres ] && { scripts/postgres.sh stop "$PG_ROOT"; PG_ROOT=""; }
    printf '%s\n' "${rows[@]}"
    printf '| %s | peak resident memory | %s MB | | | |\n' "$label" "$rss"
    rm -rf "$data"
}

echo "$PROJECTS projects, $CANDIDATES candidates; wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores shared with the server"
echo
echo "| database | page | req/s | share of /healthz | p50 | p99 |"
echo "|---|---|---|---|---|---|"
for database in $DATABASES; do run_database "$database"; done
