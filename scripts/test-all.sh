#!/usr/bin/env bash
# Everything `make test` runs: the Swift suites on SQLite and on PostgreSQL, then the running
# server on each database under real Chromium (pages + axe) and schemathesis (API).
# Installs what is missing first, cleans up what it started, exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

export VENV="${VENV:-$PWD/.venv}"
LOGS=$(mktemp -d /tmp/tryout-test.XXXXXX)
SERVER_PID=""
SUITE_PIDS=()
PG_ROOT=""
failures=()
summary=()
finished=""

cleanup() {
    # Also when the run is stopped from outside: what finished, and how long it took, is printed.
    if [ -z "$finished" ]; then
        printf '\n==> Stopped after %d s; finished so far:\n' "$SECONDS"; printf '%s\n' "${summary[@]}"
        for out in "$LOGS"/server-suites-*.out; do [ -f "$out" ] && { echo "--- end of $out"; tail -20 "$out"; }; done
    fi
    ((${#SUITE_PIDS[@]})) && kill "${SUITE_PIDS[@]}" 2>/dev/null && wait "${SUITE_PIDS[@]}" 2>/dev/null
    [ -n "$PG_ROOT" ] && scripts/postgres.sh stop "$PG_ROOT"
}
trap cleanup EXIT

# Each suite's summary line says how long it took (since the previous one was recorded), so a
# slow run shows where its time went.
SECONDS=0
last_record=0
step() { printf '\n==> [%dm%02ds] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
record() { # name, exit code
    local took="$((SECONDS - last_record)) s"
    last_record=$SECONDS
    if [ "$2" -eq 0 ]; then summary+=("PASS  $1 ($took)"); else summary+=("FAIL  $1 ($took)"); failures+=("$1"); fi
}

step "Installing test dependencies (only what is missing) while building"
# The installs wait on the network and the disk, the build on the cores: side by side, a fresh
# machine's installs cost no time of their own.
scripts/test-deps.sh >"$LOGS/test-deps.log" 2>&1 &
deps_pid=$!
# SWIFT_BUILD_FLAGS: extra `swift build` options; CI builds without debug information (.ci/run).
# Only what the suites run: the tests and the server. The benchmark programs are built by the
# commands that run them (Benchmarks/README.md): MatchingBenchmark's package and tools were some 260 of
# the build's 3,500 compile steps.
read -ra build_flags <<<"${SWIFT_BUILD_FLAGS:-}"
swift build --product tryoutPackageTests ${build_flags[@]+"${build_flags[@]}"} || exit 1
swift build --product tryout ${build_flags[@]+"${build_flags[@]}"} || exit 1
if ! wait "$deps_pid"; then cat "$LOGS/test-deps.log"; echo "could not install test dependencies"; exit 1; fi
cat "$LOGS/test-deps.log"
record "installing and building" 0

step "Swift suites on SQLite"
swift test --skip-build 2>&1 | tee "$LOGS/swift-sqlite.log" | grep -E "^(✔|✘) (Suite|Test run)|recorded an issue|error:"
record "swift test (SQLite): $(grep -Eo 'Test run with [0-9]+ tests' "$LOGS/swift-sqlite.log" | tail -1)" "${PIPESTATUS[0]}"

step "Starting a throwaway PostgreSQL"
eval "$(scripts/postgres.sh start)" || exit 1
scripts/postgres.sh createdb tryout_test

step "Store and web suites on PostgreSQL"
TRYOUT_TEST_DATABASE_URL="$TRYOUT_PG_BASE/tryout_test" swift test --skip-build --skip TryoutCoreTests 2>&1 | tee "$LOGS/swift-postgres.log" \
    | grep -E "^(✔|✘) (Suite|Test run)|recorded an issue|error:"
record "swift test (PostgreSQL): $(grep -Eo 'Test run with [0-9]+ tests' "$LOGS/swift-postgres.log" | tail -1)" "${PIPESTATUS[0]}"

# The delivery jobs on one database send through aiosmtpd (STARTTLS, AUTH, a private CA); Python's
# email package parses what arrives.
smtp_suite() { # label, TRYOUT_TEST_DATABASE_URL or ""
    step "E-mail through a real SMTP server, $1"
    TRYOUT_TEST_DATABASE_URL="$2" "$VENV/bin/python" scripts/smtp_check.py swift test --skip-build --filter RealSMTPServerTests 2>&1 \
        | tee "$LOGS/smtp-$1.log" | grep -E "^(✔|✘) (Suite|Test run)|recorded an issue|smtp-check"
    record "e-mail over SMTP, aiosmtpd ($1)" "${PIPESTATUS[0]}"
}
smtp_suite sqlite ""
smtp_suite postgres "$TRYOUT_PG_BASE/tryout_test"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts the built server on one database and runs the browser, webhook and API suites against
# it. Run in a subshell of its own, so both databases' passes run side by side: they spend most of
# their time waiting on a browser or the network, not on the cores. Its summary lines go to
# $LOGS/summary-LABEL for the main shell to collect.
run_server_suites() { # label, DATABASE_URL or ""
    local label=$1 url=$2 port data base token candidate
    summary=(); failures=(); last_record=$SECONDS
    # The file's name is fixed now: `label` is gone by the time the subshell exits.
    trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; printf "%s\n" "${summary[@]}" >"'"$LOGS/summary-$label"'"' EXIT
    port=$(free_port)
    data=$(mktemp -d /tmp/tryout-data.XXXXXX)
    base="http://127.0.0.1:$port"
    step "Server on $label at $base"
    # Webhooks may reach loopback: the webhook suite's receivers listen there. The payout account
    # lets the browser suite make an ISO 20022 bank file.
    DATABASE_URL="$url" TRYOUT_DATA_DIR="$data" TRYOUT_PUBLIC_URL="$base" TRYOUT_BCRYPT_COST=10 TRYOUT_WEBHOOKS_ALLOW_PRIVATE=1 \
        TRYOUT_PAYOUT_ACCOUNT="Tryout Payments Ltd|GB82WEST12345698765432|NWBKGB2L" .build/debug/tryout serve --port "$port" >"$LOGS/server-$label.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
    if ! curl -fs "$base/healthz"; then
        echo "server did not start:"; tail -40 "$LOGS/server-$label.log"; record "server on $label" 1; return
    fi
    echo
    # On PostgreSQL the same walks go by keyboard alone (Tab, Enter, Space, arrows, typing): the
    # pages are the same on both, and a control Tab cannot reach fails there. axe and the phone
    # widths check markup and layout, which are the same on both too: the SQLite walk runs them.
    local postgres; postgres=$([ "$label" = postgres ] && echo 1 || echo 0)
    TRYOUT_KEYBOARD_ONLY=$postgres TRYOUT_CHECK_MARKUP=$((1 - postgres)) \
    TRYOUT_BASE_URL="$base" TRYOUT_SERVER_LOG="$LOGS/server-$label.log" TRYOUT_SCREENSHOTS="$LOGS/screenshots-$label" \
        "$VENV/bin/python" -m pytest -q --durations=8 Tests/browser 2>&1 | tee "$LOGS/browser-$label.log" | tail -25
    record "browser$([ "$label" = postgres ] && echo " ($label, keyboard only)" || echo " + axe at 1280 and 390 px ($label)"): $(grep -Eo '[0-9]+ passed' "$LOGS/browser-$label.log" | tail -1)" "${PIPESTATUS[0]}"
    # Before schemathesis, whose admin calls may suspend the demo employer; after the browser suite,
    # as it adds projects to that employer. Signatures checked with the standardwebhooks package.
    TRYOUT_BASE_URL="$base" TRYOUT_SERVER_LOG="$LOGS/server-$label.log" "$VENV/bin/python" -m pytest -q Tests/webhooks 2>&1 \
        | tee "$LOGS/webhooks-$label.log" | tail -15
    record "webhooks against local receivers ($label): $(grep -Eo '[0-9]+ passed' "$LOGS/webhooks-$label.log" | tail -1)" "${PIPESTATUS[0]}"
    token=$("$VENV/bin/python" scripts/api_token.py "$base" admin@tryout.test tryout-demo-pass)
    candidate=$("$VENV/bin/python" scripts/api_token.py "$base" ada@candidates.test tryout-demo-pass)
    # Fuzzing is most of schemathesis's time (9 of 12 minutes a database), and what it finds is in
    # the API's rules, which are the same on both: the SQLite pass fuzzes 35 cases an operation,
    # the PostgreSQL pass 25 (the SQLite pass's walk, with axe and the phone widths, ends later, so
    # the two passes now end near each other). The coverage phase (every boundary and odd value the
    # document allows, where a database refuses what the other takes) and the stateful phase run in
    # full on both.
    local examples; examples=$([ "$label" = postgres ] && echo 25 || echo 35)
    MAX_EXAMPLES=$examples BASE_URL="$base" TOKEN="$token" CANDIDATE_TOKEN="$candidate" scripts/schemathesis.sh 2>&1 | tee "$LOGS/schemathesis-$label.log" | tail -25
    local status=${PIPESTATUS[0]}
    # The summary above is the last pass's; a failure in an earlier pass is shown here.
    [ "$status" -ne 0 ] && sed -n '/= FAILURES =/,/= WARNINGS =/p' "$LOGS/schemathesis-$label.log" | head -150
    record "schemathesis ($label, $examples cases an operation)" "$status"
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
    rm -rf "$data"
}

step "Command line on SQLite and PostgreSQL"
scripts/cli-check.sh .build/debug/tryout
record "command line (SQLite)" $?
scripts/postgres.sh createdb tryout_cli
scripts/cli-check.sh .build/debug/tryout "$TRYOUT_PG_BASE/tryout_cli"
record "command line (PostgreSQL)" $?

step "Job workers as processes: SIGKILL mid-job, SIGTERM, on SQLite and PostgreSQL"
scripts/jobs-check.sh .build/debug/tryout
record "job workers (SQLite)" $?
scripts/postgres.sh createdb tryout_jobs
scripts/jobs-check.sh .build/debug/tryout "$TRYOUT_PG_BASE/tryout_jobs"
record "job workers (PostgreSQL)" $?

step "The ledger under load and SIGKILL, short form (make ledger-load runs the long one)"
scripts/postgres.sh createdb tryout_ledger
scripts/ledger-check.sh .build/debug/tryout "$TRYOUT_PG_BASE/tryout_ledger" 15 10 2
record "ledger under load, 2 kills (PostgreSQL)" $?

scripts/postgres.sh createdb tryout_e2e
step "Servers on SQLite and PostgreSQL, side by side: browser + axe, webhooks, schemathesis (output follows when both end)"
(run_server_suites sqlite "") >"$LOGS/server-suites-sqlite.out" 2>&1 &
SUITE_PIDS=($!)
(run_server_suites postgres "$TRYOUT_PG_BASE/tryout_e2e") >"$LOGS/server-suites-postgres.out" 2>&1 &
SUITE_PIDS+=($!)
wait "${SUITE_PIDS[@]}"
SUITE_PIDS=()
for label in sqlite postgres; do
    cat "$LOGS/server-suites-$label.out"
    while IFS= read -r line; do
        summary+=("$line")
        [[ $line == FAIL* ]] && failures+=("$line")
    done <"$LOGS/summary-$label"
done
last_record=$SECONDS

finished=yes
printf '\n==> Summary (logs in %s)\n' "$LOGS"
printf '%s\n' "${summary[@]}"
echo "suites: $((${#summary[@]} - ${#failures[@]})) passed, ${#failures[@]} failed, in $((SECONDS / 60)) min $((SECONDS % 60)) s"
((${#failures[@]} == 0))
