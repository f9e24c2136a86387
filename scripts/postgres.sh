#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a free loopback port, in a temporary directory.
#   eval "$(scripts/postgres.sh start)"   # sets PG_ROOT, PG_PORT and TRYOUT_PG_BASE (postgres://…/ without a database)
#   scripts/postgres.sh createdb NAME     # a database owned by the tryout role
#   scripts/postgres.sh stop "$PG_ROOT"
set -euo pipefail

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

case "${1:-}" in
start)
    root=$(mktemp -d /tmp/tryout-pg.XXXXXX)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    [ "$(id -u)" -eq 0 ] && chown postgres: "$root"
    chmod 700 "$root"
    as_postgres "$PGBIN/initdb -D $root/data -U postgres --auth=trust -E UTF8 --no-instructions" >/dev/null
    as_postgres "$PGBIN/pg_ctl -D $root/data -l $root/log -w -o \"-c listen_addresses=127.0.0.1 -p $port -k $root -c fsync=off -c max_connections=1000\" start" >/dev/null
    psql -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE ROLE tryout LOGIN CREATEDB PASSWORD 'tryout'" >/dev/null
    echo "export PG_ROOT=$root PG_PORT=$port TRYOUT_PG_BASE=postgres://tryout:tryout@127.0.0.1:$port"
    ;;
createdb)
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE $2 OWNER tryout" >/dev/null
    ;;
stop)
    [ -d "${2:-}/data" ] && as_postgres "$PGBIN/pg_ctl -D $2/data -m fast -w stop" >/dev/null || true
    rm -rf "${2:-/nonexistent}"
    ;;
*)
    echo "usage: $0 start | createdb NAME | stop DIR" >&2; exit 2 ;;
esac
