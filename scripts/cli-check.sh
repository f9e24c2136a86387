#!/usr/bin/env bash
# Checks the command line of a built `tryout` on one database: `migrate`, `admin create` (password
# on standard input), `taxonomy import` of the sample ESCO files, that `serve --env production`
# refuses to start without e-mail settings (or with a wrong one), an unreadable platform fee or signing key,
# that `keys rotate` adds a signing key and keeps the old ones published,
# that `ledger verify` checks the ledger, and that it never loads demo
# data while the admin can sign in, closes /metrics without its token, closes a
# connection whose body stalls, and sweeps unreferenced files. Usage: scripts/cli-check.sh PATH/TO/tryout [DATABASE_URL]
set -euo pipefail
tryout=$1
export DATABASE_URL="${2:-}"
export TRYOUT_DATA_DIR; TRYOUT_DATA_DIR=$(mktemp -d /tmp/tryout-cli.XXXXXX)
export TRYOUT_BCRYPT_COST=12
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$TRYOUT_DATA_DIR"' EXIT
fail() { echo "cli-check: $*" >&2; exit 1; }

"$tryout" migrate --env production | grep -q "Database is up to date" || fail "migrate did not report success"
"$tryout" ledger verify --env production | grep -q "Ledger verified: 0 entries" || fail "ledger verify did not check an empty ledger"
"$tryout" ledger balance --env production >/dev/null 2>&1 && fail "ledger took an unknown action"
echo 'password' | "$tryout" admin create --email ops@example.com --env production >/dev/null 2>&1 \
    && fail "admin create accepted a common password"
echo 'a long operator passphrase' | "$tryout" admin create --email ops@example.com --env production | grep -q "Created platform admin" \
    || fail "admin create failed"
echo 'a long operator passphrase' | "$tryout" admin create --email ops@example.com --env production >/dev/null 2>&1 \
    && fail "admin create made a second account with the same address"

# The sample of the official ESCO download: the second import finds nothing to change.
fixtures="$(dirname "$0")/../Tests/Fixtures/esco"
first=$("$tryout" taxonomy import "$fixtures" --env production 2>&1) || { echo "$first"; fail "taxonomy import failed"; }
grep -q "skills_en.csv: 1 added, 1 updated, 0 unchanged, 1 refused" <<<"$first" || { echo "$first"; fail "skills were not imported"; }
grep -q "occupationSkillRelations_en.csv: 2 added, 0 updated, 0 unchanged, 1 left out" <<<"$first" \
    || { echo "$first"; fail "relations were not imported"; }
again=$("$tryout" taxonomy import "$fixtures/skills_en.csv" --env production 2>&1) || fail "a second import failed"
grep -q "skills_en.csv: 0 added, 0 updated, 2 unchanged" <<<"$again" || { echo "$again"; fail "a second import changed something"; }
"$tryout" taxonomy import "$0" --env production >/dev/null 2>&1 && fail "a file that is not from ESCO was imported"

mkdir -p "$TRYOUT_DATA_DIR/files/.staging"
touch -d '2 hours ago' "$TRYOUT_DATA_DIR/files/.staging/upload-left-behind"
"$tryout" files sweep --env production | grep -q "Removed 1 unreferenced file" || fail "files sweep did not remove an old staged upload"

# Production will not take sign-ups whose mail cannot leave: no SMTP settings, or unusable ones, stop it.
"$tryout" serve --env production --port "$port" >"$TRYOUT_DATA_DIR/refused.log" 2>&1 && fail "production served without mail settings"
grep -q "TRYOUT_SMTP_URL" "$TRYOUT_DATA_DIR/refused.log" || fail "production did not say which mail settings it lacks"
TRYOUT_SMTP_URL=smtp://u:p@mail.example.com TRYOUT_MAIL_FROM=noreply@example.com TRYOUT_SMTP_CA_FILE=/nonexistent/ca.pem \
    "$tryout" serve --env production --port "$port" >/dev/null 2>&1 && fail "production served with an unreadable CA file"
TRYOUT_MAIL=log TRYOUT_PLATFORM_FEE_BPS=2.5% "$tryout" serve --env production --port "$port" >"$TRYOUT_DATA_DIR/fee.log" 2>&1 \
    && fail "production served with a platform fee it cannot read"
grep -q "TRYOUT_PLATFORM_FEE_BPS" "$TRYOUT_DATA_DIR/fee.log" || fail "the server did not say which fee setting it cannot read"
for setting in "TRYOUT_SECRET_KEY=short" "TRYOUT_PAYOUT_ACCOUNT=Tryout|DE00123" "TRYOUT_PAYOUT_APPROVAL_ABOVE=-1"; do
    env TRYOUT_MAIL=log "$setting" "$tryout" serve --env production --port "$port" >"$TRYOUT_DATA_DIR/payments.log" 2>&1 \
        && fail "production served with $setting"
    grep -q "${setting%%=*}" "$TRYOUT_DATA_DIR/payments.log" || fail "the server did not say it cannot use ${setting%%=*}"
done
# Without TRYOUT_SECRET_KEY the first start wrote a sealing key that only its owner can read.
[ "$(stat -c %a "$TRYOUT_DATA_DIR/secret.key")" = 600 ] || fail "the data directory's secret.key is missing or readable by others"
# Likewise the credential signing key; an unreadable TRYOUT_SIGNING_KEY stops the server.
[ "$(stat -c %a "$TRYOUT_DATA_DIR/signing.key")" = 600 ] || fail "the data directory's signing.key is missing or readable by others"
TRYOUT_MAIL=log TRYOUT_SIGNING_KEY=short "$tryout" serve --env production --port "$port" >"$TRYOUT_DATA_DIR/signing.log" 2>&1 \
    && fail "the server started with an unreadable signing key"
grep -q "TRYOUT_SIGNING_KEY" "$TRYOUT_DATA_DIR/signing.log" || fail "the server did not say it cannot use TRYOUT_SIGNING_KEY"
first_key=$("$tryout" keys list --env production) || fail "keys list failed"
grep -q "(signing)" <<<"$first_key" || { echo "$first_key"; fail "keys list did not mark the signing key"; }
old_file=$(cat "$TRYOUT_DATA_DIR/signing.key")
"$tryout" keys rotate --env production | grep -q "stay valid" || fail "keys rotate did not report"
[ "$(cat "$TRYOUT_DATA_DIR/signing.key")" != "$old_file" ] && [ "$(stat -c %a "$TRYOUT_DATA_DIR/signing.key")" = 600 ] \
    || fail "keys rotate did not replace signing.key, or left it readable by others"
rotated=$("$tryout" keys list --env production)
[ "$(grep -c "key-" <<<"$rotated")" = 2 ] && grep "(signing)" <<<"$rotated" | grep -qv "$(awk '{print $1}' <<<"$first_key")" \
    || { echo "$rotated"; fail "after keys rotate the old key is not listed, or still signs"; }
TRYOUT_SIGNING_KEY="$old_file" "$tryout" keys rotate --env production | grep -q "^TRYOUT_SIGNING_KEY=" \
    || fail "keys rotate with TRYOUT_SIGNING_KEY set did not print the new setting"

TRYOUT_METRICS_TOKEN=metrics-check-token TRYOUT_BODY_IDLE_SECONDS=2 TRYOUT_MAIL=log \
    "$tryout" serve --env production --port "$port" >"$TRYOUT_DATA_DIR/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$base/healthz" | grep -q '"status":"ok"' || { cat "$TRYOUT_DATA_DIR/server.log"; fail "production server did not start"; }
curl -fs "$base/" | grep -q "Customer churn analysis" && fail "production loaded demo projects"
[ "$(curl -fs "$base/.well-known/did.json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["assertionMethod"]))')" = 3 ] \
    || fail "the DID document does not list every key made (the first, the rotated and the printed one)"
grep -q "demo" "$TRYOUT_DATA_DIR/server.log" && fail "production mentioned demo data"
"${VENV:-.venv}/bin/python" scripts/api_token.py "$base" owner@northwind.test tryout-demo-pass >/dev/null 2>&1 \
    && fail "a demo account exists in production"
token=$("${VENV:-.venv}/bin/python" scripts/api_token.py "$base" ops@example.com 'a long operator passphrase') \
    || fail "the new admin cannot sign in"
curl -fs -H "Authorization: Bearer $token" "$base/api/v1/admin/organizations" >/dev/null || fail "the new admin is not a platform admin"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/metrics")" = 401 ] || fail "/metrics answered without its token in production"
curl -fs -H "Authorization: Bearer metrics-check-token" "$base/metrics" | grep -q "http_requests_total" || fail "/metrics refused its token"
# A body that promises 100 kB and stops after 7 bytes: the connection is closed after the idle timeout.
python3 - "$port" <<'PY' || fail "a stalled request body kept its connection open"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nemail=a")
s.settimeout(10)
started = time.monotonic()
try:
    while s.recv(4096):
        pass
except socket.timeout:
    sys.exit(1)
sys.exit(0 if time.monotonic() - started < 8 else 1)
PY
echo "cli-check: 24 passed, 0 failed"
