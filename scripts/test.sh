#!/usr/bin/env bash
# Installs everything (Python packages, npm assets, Debian's Chromium when missing) and runs every test.
# TEST_DATABASE_URL=postgresql://… runs the same suite on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium manquant : sudo apt-get install -y chromium" >&2
  fi
fi
bash scripts/setup.sh test
# In parallel (pytest-xdist): one worker per core at least, more since the browser journeys wait
# on Chromium; PYTEST_WORKERS overrides (0 runs in this process).
exec .venv/bin/python -m pytest -q -n "${PYTEST_WORKERS:-4}" "$@"
