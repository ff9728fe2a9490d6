#!/usr/bin/env bash
# Installs, migrates the SQLite database in instance/, loads the demo data and starts the portal
# on http://127.0.0.1:5000 with its background worker (mails, draft purge).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PORTAL_DEMO="${PORTAL_DEMO:-1}"
export FLASK_APP=wsgi
# One secret for the web server and the worker, kept across restarts.
[ -s instance/secret_key ] || .venv/bin/python -c "import secrets; print(secrets.token_hex(32))" > instance/secret_key
export SECRET_KEY="${SECRET_KEY:-$(cat instance/secret_key)}"
.venv/bin/flask db-upgrade
demo_output="$(.venv/bin/flask load-demo)"
echo "$demo_output" | sed '/^Comptes de démonstration/,$d'

.venv/bin/huey_consumer portal.tasks.huey --workers 2 --logfile instance/worker.log > /dev/null 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM

echo
echo "Portail Ségur Numérique : http://127.0.0.1:5000"
echo "Tâches de fond (courriels, purge des brouillons) : journal dans instance/worker.log"
.venv/bin/flask mail-destination
# The demo staff accounts (admin, manager) printed by load-demo, repeated where they are seen.
echo "$demo_output" | sed -n '/^Comptes de démonstration/,$p'
echo
.venv/bin/gunicorn --config scripts/gunicorn.conf.py --bind 127.0.0.1:5000 wsgi:app
