#!/usr/bin/env bash
# Checks background workers as separate processes on one database: a worker killed with SIGKILL
# in the middle of a job leaves it to run again, elsewhere, once its lease has run out; a worker
# stopped with SIGTERM finishes the job in hand before it exits.
# Usage: scripts/jobs-check.sh PATH/TO/tryout [DATABASE_URL]
set -euo pipefail
tryout=$1
export DATABASE_URL="${2:-}"
export TRYOUT_DATA_DIR; TRYOUT_DATA_DIR=$(mktemp -d /tmp/tryout-jobs.XXXXXX)
export TRYOUT_JOB_LEASE_SECONDS=4 TRYOUT_MAIL=log
pids=()
# Killing a worker that already exited fails; that must not become the script's exit status.
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$TRYOUT_DATA_DIR"' EXIT
fail() { echo "jobs-check: $*" >&2; for f in "$TRYOUT_DATA_DIR"/*.log; do echo "--- $f"; tail -20 "$f"; done; exit 1; }

# The latest ping job's state and attempts, read straight from the database.
job() {
    local query="SELECT state || ' ' || attempts FROM jobs WHERE kind = 'jobs.ping' ORDER BY created_at DESC LIMIT 1"
    if [ -n "$DATABASE_URL" ]; then psql "$DATABASE_URL" -tAc "$query"
    else python3 -c "import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print(r[0] if r else '')" \
        "$TRYOUT_DATA_DIR/tryout.sqlite" "$query"; fi
}
wait_for() { # expected "state attempts", seconds
    for _ in $(seq 1 $(($2 * 10))); do [ "$(job)" = "$1" ] && return 0; sleep 0.1; done
    fail "the job is '$(job)', expected '$1' within $2 s"
}
start_worker() { # log name
    "$tryout" worker --workers 1 >"$TRYOUT_DATA_DIR/$1.log" 2>&1 &
    pids+=($!)
}

"$tryout" migrate >/dev/null
"$tryout" jobs ping --hold 3 >/dev/null

start_worker killed
wait_for "running 1" 30
kill -9 "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
sleep 0.5
[ "$(job)" = "running 1" ] || fail "the killed worker's job changed: $(job)"

start_worker second
wait_for "done 2" 30
echo "a job whose worker was killed ran again after the lease: $(job)"

"$tryout" jobs ping --hold 2 >/dev/null
wait_for "running 1" 30
kill -TERM "${pids[-1]}"
wait "${pids[-1]}" || fail "the worker did not exit cleanly on SIGTERM"
[ "$(job)" = "done 1" ] || fail "the stopped worker did not finish its job: $(job)"
grep -q "Job workers stopped" "$TRYOUT_DATA_DIR/second.log" || fail "the worker did not say it stopped"
echo "a worker stopped with SIGTERM finished its job first: $(job)"
