#!/usr/bin/env bash
# Installs everything the portal needs on a fresh machine: Python packages in .venv,
# the static assets (DSFR, htmx) from the npm registry copied into portal/static/vendor, then
# built for delivery (hashed names, brotli and gzip) into portal/static_build.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q --upgrade pip >/dev/null
if [ "$extra" = "test" ]; then .venv/bin/pip install -q -e ".[test]"; else .venv/bin/pip install -q -e .; fi
# DSFR's postinstall script only scaffolds a front-end project: we use the built files.
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
vendor=portal/static/vendor
rm -rf "$vendor" && mkdir -p "$vendor/dsfr" "$vendor/htmx"
cp -r node_modules/@gouvfr/dsfr/dist/dsfr.min.css node_modules/@gouvfr/dsfr/dist/utility \
      node_modules/@gouvfr/dsfr/dist/dsfr.module.min.js node_modules/@gouvfr/dsfr/dist/dsfr.nomodule.min.js \
      node_modules/@gouvfr/dsfr/dist/fonts node_modules/@gouvfr/dsfr/dist/icons \
      node_modules/@gouvfr/dsfr/dist/favicon node_modules/@gouvfr/dsfr/dist/artwork "$vendor/dsfr/"
cp node_modules/htmx.org/dist/htmx.min.js "$vendor/htmx/"
# Fingerprinted, precompressed copies (.br, .gz), the reduced icon CSS and their manifest in
# portal/static_build, served by WhiteNoise (portal/static_files.py).
.venv/bin/python -m portal.static_files
