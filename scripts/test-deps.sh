#!/usr/bin/env bash
# Installs what the test suites need, and only what is missing: Debian packages (Chromium and its
# driver for the browser tests, PostgreSQL for the store tests) and a Python virtual environment
# with selenium, pytest, schemathesis, icalendar, standardwebhooks, xmlschema, sepaxml (for its ISO 20022 schemas), joserfc (an independent JOSE implementation for credentials) and axe-core (shipped in axe-playwright-python).
# aiosmtpd and openssl: the SMTP test's mail server and its throwaway certificates.
# Safe to run again and again: a second run does nothing and prints nothing.
#
#   scripts/test-deps.sh              # venv in ./.venv
#   VENV=/tmp/venv scripts/test-deps.sh
set -euo pipefail

VENV="${VENV:-.venv}"
APT_PACKAGES=(chromium chromium-driver postgresql openssl)
PIP_PACKAGES=(selenium pytest schemathesis icalendar aiosmtpd standardwebhooks xmlschema sepaxml joserfc)

log() { printf 'test-deps: %s\n' "$*" >&2; }

# --- Debian packages --------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
        missing+=("$pkg")
    fi
done
# Debian's own python3 needs python3-venv for `python3 -m venv`; other Pythons bring it along.
PYTHON="${PYTHON:-$(command -v python3 || true)}"
[ -n "$PYTHON" ] || { missing+=(python3 python3-venv); PYTHON=/usr/bin/python3; }
if [ ! -x "$VENV/bin/python" ] && ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing+=(python3-venv)
fi
if ((${#missing[@]})); then
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { log "need root (or sudo) to install: ${missing[*]}"; exit 1; }
        SUDO=(sudo)
    fi
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt_log=$("${SUDO[@]}" apt-get update -qq 2>&1); then
        printf '%s\n' "$apt_log" >&2; log "apt-get update failed"; exit 1
    fi
    if ! apt_log=$("${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" 2>&1); then
        printf '%s\n' "$apt_log" >&2; log "apt-get install failed"; exit 1
    fi
fi

# --- Python virtual environment ---------------------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
    log "creating virtual environment $VENV"
    "$PYTHON" -m venv "$VENV" || { log "could not create $VENV (on Debian: apt-get install python3-venv)"; exit 1; }
fi
PY="$VENV/bin/python"

# Skip pip entirely when every package is already importable from the venv.
if ! "$PY" - <<'PYEOF' 2>/dev/null
import importlib.util, sys
mods = ["selenium", "pytest", "schemathesis", "icalendar", "aiosmtpd", "standardwebhooks", "xmlschema", "sepaxml", "axe_playwright_python"]
sys.exit(0 if all(importlib.util.find_spec(m) for m in mods) else 1)
PYEOF
then
    log "installing Python packages into $VENV"
    export PIP_DISABLE_PIP_VERSION_CHECK=1
    if ! pip_log=$("$PY" -m pip install -q "${PIP_PACKAGES[@]}" 2>&1); then
        printf '%s\n' "$pip_log" >&2; log "pip install failed"; exit 1
    fi
    # Only for the axe.min.js it ships: its Playwright dependency is not wanted.
    if ! pip_log=$("$PY" -m pip install -q --no-deps axe-playwright-python 2>&1); then
        printf '%s\n' "$pip_log" >&2; log "pip install axe-playwright-python failed"; exit 1
    fi
fi

# --- Final check ------------------------------------------------------------------------------
for bin in /usr/bin/chromium /usr/bin/chromedriver; do
    [ -x "$bin" ] || { log "$bin is missing after install"; exit 1; }
done
"$PY" - <<'PYEOF' || { log "axe.min.js not found in axe-playwright-python"; exit 1; }
import pathlib, axe_playwright_python
root = pathlib.Path(axe_playwright_python.__file__).parent
raise SystemExit(0 if any(root.rglob("axe.min.js")) else 1)
PYEOF
