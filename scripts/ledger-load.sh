#!/usr/bin/env bash
# The long form of the ledger's load and crash check, on a throwaway PostgreSQL: 20 clients for
# 60 seconds, then the same with five SIGKILLs of the server. See scripts/ledger-check.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/postgres.sh start)"
export PG_PORT
trap 'scripts/postgres.sh stop "$PG_ROOT"' EXIT
scripts/postgres.sh createdb tryout_load
scripts/ledger-check.sh .build/debug/tryout "$TRYOUT_PG_BASE/tryout_load" 60 20 0
scripts/postgres.sh createdb tryout_load_kills
scripts/ledger-check.sh .build/debug/tryout "$TRYOUT_PG_BASE/tryout_load_kills" 60 20 5
