#!/usr/bin/env bash
# Money under load and under crashes: CLIENTS API clients (scripts/ledger_load.py) fund, publish,
# accept, release, refund and pay out for SECONDS against a server that is killed with SIGKILL
# KILLS times and started again. Afterwards `tryout ledger verify` must find every balance equal
# to its postings and every entry balanced, no account held for someone may be below zero, no
# deliverable may be released twice, and every request the server acknowledged must have left
# its ledger entry.
# Usage: scripts/ledger-check.sh PATH/TO/tryout [DATABASE_URL] [SECONDS] [CLIENTS] [KILLS]
set -euo pipefail
tryout=$1
export DATABASE_URL="${2:-}"
seconds=${3:-60} clients=${4:-20} kills=${5:-0}
export TRYOUT_DATA_DIR; TRYOUT_DATA_DIR=$(mktemp -d /tmp/tryout-ledger.XXXXXX)
# No second approver in this run: payouts go straight from batch to paid.
export TRYOUT_MAIL=log TRYOUT_BCRYPT_COST=10 TRYOUT_PAYOUT_APPROVAL_ABOVE=1000000000 TRYOUT_WORKERS=1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
server="" load=""
trap '[ -n "$server" ] && kill -9 "$server" 2>/dev/null; [ -n "$load" ] && kill "$load" 2>/dev/null; [ -n "${KEEP_DATA:-}" ] || rm -rf "$TRYOUT_DATA_DIR"' EXIT
fail() { echo "ledger-check: $*" >&2; tail -30 "$TRYOUT_DATA_DIR/server.log" >&2; exit 1; }

sql() {
    if [ -n "$DATABASE_URL" ]; then psql "$DATABASE_URL" -tAq
    else python3 -c "import sqlite3,sys; print('\n'.join('|'.join(map(str, r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.stdin.read())))" \
        "$TRYOUT_DATA_DIR/tryout.sqlite"; fi
}

start_server() {
    "$tryout" serve --port "$port" >>"$TRYOUT_DATA_DIR/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 240); do curl -fs "$base/healthz" >/dev/null 2>&1 && return 0; sleep 0.25; done
    fail "the server did not start"
}

start_server
python3 "$(dirname "$0")/ledger_load.py" "$base" "$seconds" "$clients" "$TRYOUT_DATA_DIR/acks.txt" &
load=$!
if [ "$kills" -gt 0 ]; then
    # The clients need a few seconds for their tokens before the first kill can catch them at work.
    interval=$(python3 -c "print($seconds / ($kills + 1))")
    sleep 5
    for i in $(seq 1 "$kills"); do
        sleep "$interval"
        kill -9 "$server"; wait "$server" 2>/dev/null || true
        echo "ledger-check: killed the server ($i of $kills)"
        start_server
    done
fi
wait "$load" || fail "the load stopped"
load=""
kill "$server"; wait "$server" 2>/dev/null || true; server=""

"$tryout" ledger verify || fail "the ledger does not verify"
below=$(sql <<<"SELECT COUNT(*) FROM ledger_accounts WHERE (kind NOT IN ('external_funding', 'organization_balance') AND balance_minor < 0)
                  OR (kind = 'organization_balance' AND balance_minor < -credit_limit_minor)")
[ "$below" = 0 ] || fail "$below accounts are below their floor"
twice=$(sql <<<"SELECT COUNT(*) FROM (SELECT milestone_id FROM journal_entries WHERE kind = 'release' GROUP BY milestone_id HAVING COUNT(*) > 1) AS x")
[ "$twice" = 0 ] || fail "$twice deliverables were released more than once"
acknowledged=$(wc -l <"$TRYOUT_DATA_DIR/acks.txt")
[ "$acknowledged" -gt 0 ] || fail "no money-moving request was acknowledged"
missing=$(python3 -c "
import sys
# Identifiers are written in lower case by the API and in capitals in some keys.
keys = [line.strip() for line in open(sys.argv[1]) if line.strip()]
values = ', '.join(\"('\" + key.replace(\"'\", \"''\") + \"')\" for key in keys)
print(f'SELECT column1 FROM (VALUES {values}) AS acked WHERE lower(column1) NOT IN (SELECT lower(unique_key) FROM journal_entries WHERE unique_key IS NOT NULL)')
" "$TRYOUT_DATA_DIR/acks.txt" | sql)
[ -z "$missing" ] || fail "acknowledged but not in the ledger: $missing"
entries=$(sql <<<"SELECT COUNT(*) FROM journal_entries")
echo "ledger-check: $acknowledged acknowledged money moves all in the ledger, $entries entries balanced, no account below its floor, no release twice, $kills kills"
