#!/usr/bin/env bash
# Installs everything (Python packages, npm assets, Debian's Chromium and wrk when missing) and runs
# every test.
# TEST_DATABASE_URL=postgresql://… runs the same suite on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
# Chromium for the browser journeys, wrk for the load bench's test (tests/core/test_load_script.py).
missing=""
command -v chromium >/dev/null 2>&1 || missing="chromium"
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "Manquant :$missing ; sudo apt-get install -y $missing" >&2
  fi
fi
bash scripts/setup.sh test
# In parallel (pytest-xdist): one worker per core at least, more since the browser journeys wait
# on Chromium; PYTEST_WORKERS overrides (0 runs in this process).
exec .venv/bin/python -m pytest -q -n "${PYTEST_WORKERS:-4}" "$@"
