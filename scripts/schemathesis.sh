#!/usr/bin/env bash
# Runs Schemathesis with every check against a running Tryout server's /api/v1, driven by the
# OpenAPI document the server itself serves at /api/v1/openapi.json.
#
#   BASE_URL=http://127.0.0.1:8080 TOKEN=tt_... scripts/schemathesis.sh [extra `st run` options]
#
# Environment:
#   BASE_URL      the server, without a trailing /api/v1 (required)
#   TOKEN         a personal API token (required); a platform admin's reaches the most operations,
#                 an organization owner's reaches the membership ones (scripts/api_token.py makes one)
#   CANDIDATE_TOKEN  optionally, a candidate's token: a third pass runs the profile operations with
#                 it, which answer 404 to anyone without a candidate profile
#   VENV          virtualenv holding schemathesis (default .venv):
#                   python3 -m venv .venv && .venv/bin/pip install schemathesis
#   MAX_EXAMPLES  test cases per operation and phase (default 100: about a minute against a local server, well within 3)
#   SEED          fix the random seed to repeat a run
#   REPORT_DIR    also write JUnit reports there
#
# TOKEN itself is never sent to the fuzzer: revoking API tokens is one of the operations under test,
# and Schemathesis feeds the ids it sees in responses back into DELETE /api/v1/tokens/{tokenID}.
# So each pass runs with a throw-away token created through the API, the revoke operation runs in a
# pass of its own that only sees tokens it created, and every token created during the run is
# revoked at the end. Other data (invitations, roles, organization statuses) may be changed: run
# against a disposable database.
#
# Exits non-zero when Schemathesis finds a failure or cannot run.
set -euo pipefail

: "${BASE_URL:?set BASE_URL, e.g. http://127.0.0.1:8080}"
: "${TOKEN:?set TOKEN to a personal API token (see scripts/api_token.py)}"
BASE_URL="${BASE_URL%/}"
ST="${VENV:-.venv}/bin/st"
MAX_EXAMPLES="${MAX_EXAMPLES:-100}"
SCHEMA_URL="$BASE_URL/api/v1/openapi.json"

if [[ ! -x "$ST" ]]; then
    echo "schemathesis.sh: $ST not found; install with: python3 -m venv ${VENV:-.venv} && ${VENV:-.venv}/bin/pip install schemathesis" >&2
    exit 2
fi
command -v curl >/dev/null || { echo "schemathesis.sh: curl is needed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "schemathesis.sh: python3 is needed" >&2; exit 2; }
curl -fsS -o /dev/null "$SCHEMA_URL" || { echo "schemathesis.sh: cannot fetch $SCHEMA_URL" >&2; exit 2; }

api() { # api METHOD PATH [JSON]: calls the API as TOKEN, prints the body
    local args=(-fsS -X "$1" -H "Authorization: Bearer $TOKEN" -H "Accept: application/json")
    [[ $# -ge 3 ]] && args+=(-H "Content-Type: application/json" --data "$3")
    curl "${args[@]}" "$BASE_URL$2"
}

api GET /api/v1/me >/dev/null || { echo "schemathesis.sh: TOKEN is not accepted by $BASE_URL" >&2; exit 2; }

STARTED_AT=""
RUN_TOKEN=""
new_token() { # sets RUN_TOKEN to a new throw-away token; remembers when the first one was made
    local created
    created="$(api POST /api/v1/tokens '{"name":"schemathesis run"}')"
    if [[ -z "$STARTED_AT" ]]; then
        STARTED_AT="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["token"]["createdAt"])' <<<"$created")"
    fi
    RUN_TOKEN="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])' <<<"$created")"
}

cleanup() { # revokes every token of TOKEN's user created since this run began, except TOKEN
    [[ -n "$STARTED_AT" ]] || return 0
    local ids
    ids="$(api GET /api/v1/tokens | python3 -c '
import json, sys
started, keep = sys.argv[1], sys.argv[2][:10]
for token in json.load(sys.stdin):
    if token["createdAt"] >= started and token["prefix"] != keep:
        print(token["id"])
' "$STARTED_AT" "${TOKEN:0:10}")" || return 0
    for id in $ids; do api DELETE "/api/v1/tokens/$id" >/dev/null || true; done
}

# Two exceptions, kept narrow: a schema-valid request may rightly get 422 from these operations,
# because whether it is acceptable depends on data on the server or on a rule between two fields,
# which a JSON Schema cannot say.
# - The roles an organization offers depend on its kind (employers: owner, admin, hiring_manager,
#   reviewer; partners: owner, admin, staff), and the path has a free {slug}.
# - Projects: a brief's `skills[].uri` and `partnerSlugs` must name skills and organizations this
#   server knows (the marketplace's `skill` and `organization` filters instead find nothing and say
#   why in `notices`), and its `timeZone` a zone the system knows; a brief's applicationDeadline must not be after its startDate; a `minPay`
#   with decimals is refused in JPY; a merge patch is checked as the whole brief it makes (a patch
#   may remove a required field, or leave a `partners` project without partners); and publishing
#   runs the compliance checks on the stored brief, not on anything in the request.
# - A profile's skill URIs must be skills this server knows, its time zone one the system knows,
#   its dates real days (no 30 February) in order, and its links https on the right hosts.
# - An application needs exactly one answer per screening question of the project in the path, and
#   decisions name applications that must be on that project and able to make the move.
# - Engagement moves depend on the engagement's state and the caller's side (409, 403), a check-in's
#   time must be a real UTC time, a time entry's day must not be in the future, a milestone must be
#   the engagement's own, and a version needs a file or a link whose bytes match its name (422).
# - Turning blind screening off while applications are unrevealed answers 409 (naming them) until the
#   request carries confirmReveal: true.
# - A digest's time zone must be one the system knows.
# - A webhook's address is refused when its host resolves to a private or loopback address, which
#   depends on DNS at the time, not on the text.
# - A scorecard needs one level per criterion of the version's rubric, which the project decides.
# - A project's reviewers must be members of its organization.
# - A dispute's version and evidence must be the engagement's own, a re-review's reviewer a member
#   of the organization who has not seen the version, and a partial decision needs a share, a rule
#   between two fields; statements and answers with control characters are refused (422).
# - A final evaluation whose overall result differs from the scorecards' needs a reason, and a
#   summary, reason or survey comment with control characters is refused (422).
# - A receipt names an invoice that must exist and be open in the amount's currency; an amount's
#   upper bound (ten million in the major unit) depends on its currency's decimals.
# - Payout details: an IBAN's check digits, a routing number's checksum and which fields go with
#   which method are rules a schema cannot hold (422). A payout batch needs someone owed in its
#   currency (422); approving, downloading, paying and cancelling depend on the batch's state and
#   who made it (409). A payroll month must be a real month that is over (422, 409), and a 1099-NEC
#   year not in the future (422).
# - Credentials: revoking needs a reason that is not blank (422) and a credential not yet revoked
#   (409); a portfolio address must not be reserved or someone else's, and publishing needs one
#   (422); a pasted credential that is only blanks is refused (422), and checks are limited per
#   client address (429, with Retry-After), which a fuzzer's hundreds of requests reach.
#
# A request refused for its size is refused: every operation that takes a body answers one past
# its limit with 413 and a problem document, which Schemathesis's list of rejections leaves out. A
# fuzzed body of 300 KB (strings far past their maxLength) met it once in CI.
CONFIG="$(mktemp)"
trap 'cleanup; rm -f "$CONFIG"' EXIT
cat >"$CONFIG" <<'TOML'
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]

[[operations]]
include-operation-id = ["changeMemberRole", "inviteMember"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "422"]

[[operations]]
include-operation-id = ["listProjects", "createProject", "updateProject", "patchProject", "publishProject", "updateMyProfile",
                        "applyToProject", "decideApplicants", "signAgreement", "tickChecklistItem", "submitVersion",
                        "giveFeedback", "bookCheckIn", "recordCheckInNotes", "postMessage", "logTime", "terminateEngagement",
                        "updateScreening", "createWebhook", "updateNotificationPreferences", "scoreVersion", "updateReviewSettings",
                        "openDispute", "answerDispute", "decideDispute", "recordEvaluation", "answerExitSurvey",
                        "requestInvoice", "recordReceipt", "grantCredit", "savePayoutDetails", "createPayout", "approvePayout",
                        "markPayoutPaid", "cancelPayout", "getPayoutBankFile", "getPayroll", "markPayrollPaid", "getForm1099NEC",
                        "revokeCredential", "savePortfolio"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "422"]

[[operations]]
include-operation-id = ["verifyCredential"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "422", "429"]
TOML

common=(--checks all --max-examples "$MAX_EXAMPLES" --request-timeout 10 --no-color)
[[ -n "${SEED:-}" ]] && common+=(--seed "$SEED")

status=0
run() { # run NAME [st options]
    local name="$1"; shift
    local report=()
    [[ -n "${REPORT_DIR:-}" ]] && report=(--report junit --report-junit-path "$REPORT_DIR/schemathesis-$name.xml")
    new_token
    echo "== schemathesis: $name"
    "$ST" --config-file "$CONFIG" run "$SCHEMA_URL" "${common[@]}" -H "Authorization: Bearer $RUN_TOKEN" ${report[@]+"${report[@]}"} "$@" || status=1
}

[[ -n "${REPORT_DIR:-}" ]] && mkdir -p "$REPORT_DIR"
# Everything except revoking tokens, which could revoke the token the run itself uses.
run main --exclude-operation-id revokeToken "$@"
# Creating and revoking tokens, on their own: only tokens this pass created can be revoked.
run tokens --include-operation-id createToken --include-operation-id revokeToken "$@"
# A candidate's own profile and applications, with the candidate's token (the fuzzer cannot revoke it: the token
# operations are not in this pass).
if [[ -n "${CANDIDATE_TOKEN:-}" ]]; then
    echo "== schemathesis: a candidate's profile, applications and engagements"
    "$ST" --config-file "$CONFIG" run "$SCHEMA_URL" "${common[@]}" -H "Authorization: Bearer $CANDIDATE_TOKEN" \
        --include-operation-id getMyProfile --include-operation-id updateMyProfile --include-operation-id applyToProject \
        --include-operation-id listMyApplications --include-operation-id getMyApplication --include-operation-id acceptMyApplication \
        --include-operation-id declineMyApplication --include-operation-id withdrawMyApplication \
        --include-operation-id listMyRecommendations --include-operation-id listMyNotifications \
        --include-operation-id listEngagements --include-operation-id getEngagement --include-operation-id getAgreement --include-operation-id signAgreement \
        --include-operation-id tickChecklistItem --include-operation-id submitVersion --include-operation-id downloadFile --include-operation-id giveFeedback \
        --include-operation-id listCheckIns --include-operation-id bookCheckIn --include-operation-id recordCheckInNotes --include-operation-id listMessages \
        --include-operation-id postMessage --include-operation-id getTimeLog --include-operation-id logTime --include-operation-id terminateEngagement \
        --include-operation-id listDisputes --include-operation-id openDispute --include-operation-id getDispute \
        --include-operation-id answerDispute --include-operation-id withdrawDispute \
        --include-operation-id getEvaluation --include-operation-id answerExitSurvey \
        --include-operation-id getPayoutDetails --include-operation-id savePayoutDetails \
        --include-operation-id listMyCredentials --include-operation-id getPortfolio --include-operation-id savePortfolio \
        --phases examples,coverage,fuzzing "$@" || status=1
fi

if [[ $status -ne 0 ]]; then
    echo "schemathesis.sh: failures found" >&2
fi
exit $status
