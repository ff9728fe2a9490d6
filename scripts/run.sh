#!/usr/bin/env bash
# Installs, migrates the SQLite database in instance/, loads the demo data and starts the portal
# on http://127.0.0.1:5000 with its background mail worker.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PORTAL_DEMO="${PORTAL_DEMO:-1}"
export FLASK_APP=wsgi
# One secret for every worker, kept across restarts.
[ -s instance/secret_key ] || .venv/bin/python -c "import secrets; print(secrets.token_hex(32))" > instance/secret_key
export SECRET_KEY="${SECRET_KEY:-$(cat instance/secret_key)}"
.venv/bin/flask db-upgrade
.venv/bin/flask load-demo
echo
echo "Portail Ségur Numérique : http://127.0.0.1:5000"
exec .venv/bin/gunicorn --bind 127.0.0.1:5000 --workers 2 --threads 4 --access-logfile - wsgi:app
