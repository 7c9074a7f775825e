#!/bin/bash
# Checks on the rivers and lakes layers of a basemap.gpkg (ogrinfo SQL, SQLite dialect, SpatiaLite).
# Usage: check_water.sh [GPKG]   (default: geodata/basemap.gpkg). Exits non-zero if any check fails.
# Test points are midpoints of two GeoNames towns on opposite shores (gazetteer_region.csv):
#   Kyiv reservoir: Dymer 50.78579 N 30.30357 E (west) and Litky 50.70897 N 30.74867 E (east, by the Desna)
#   Kakhovka reservoir: Nikopol 47.56826 N 34.39126 E and Enerhodar 47.49048 N 34.66199 E
set -euo pipefail
GPKG="${1:-$(cd "$(dirname "$0")/.." && pwd)/basemap.gpkg}"
fails=0
q() {
  ogrinfo -q -ro -dialect sqlite -sql "$1" "$GPKG" | sed -n 's/^  [^=]* ([A-Za-z0-9]*) = //p' | head -n 1
}
expect() {  # DESCRIPTION WANT SQL
  local got
  got="$(q "$3")"
  [ -z "$got" ] && got="(null)"
  if [ "$got" = "$2" ]; then printf 'ok    %-78s %s\n' "$1" "$got"
  else printf 'FAIL  %-78s got %s, want %s\n' "$1" "$got" "$2"; fails=$((fails + 1)); fi
}
KYIV_RESERVOIR="MakePoint($(echo "(30.30357 + 30.74867) / 2" | bc -l), $(echo "(50.78579 + 50.70897) / 2" | bc -l))"
KAKHOVKA="MakePoint($(echo "(34.39126 + 34.66199) / 2" | bc -l), $(echo "(47.56826 + 47.49048) / 2" | bc -l))"

echo "== rivers and lakes"
expect "rivers: invalid, empty or non-LINESTRING features" 0 \
  "SELECT COUNT(*) FROM rivers WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR ST_GeometryType(geom) <> 'LINESTRING'"
expect "rivers: levels outside 1-4" 0 "SELECT COUNT(*) FROM rivers WHERE level < 1 OR level > 4"
expect "rivers: level 1 lines (at least 100)" 1 "SELECT (COUNT(*) >= 100) AS enough FROM rivers WHERE level = 1"
expect "lakes: invalid, empty or non-POLYGON features" 0 \
  "SELECT COUNT(*) FROM lakes WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR ST_GeometryType(geom) <> 'POLYGON'"
expect "rivers, lakes: features outside lon 4..60 lat 33..63" 0 \
  "SELECT (SELECT COUNT(*) FROM rivers WHERE ST_MinX(geom) < 4 OR ST_MaxX(geom) > 60 OR ST_MinY(geom) < 33 OR ST_MaxY(geom) > 63)
        + (SELECT COUNT(*) FROM lakes WHERE ST_MinX(geom) < 4 OR ST_MaxX(geom) > 60 OR ST_MinY(geom) < 33 OR ST_MaxY(geom) > 63)"
expect "lakes: lakes holding the Kyiv reservoir point, not drained" 1 \
  "SELECT COUNT(*) FROM lakes WHERE drained = 0 AND ST_Contains(geom, $KYIV_RESERVOIR)"
expect "lakes: lakes holding the Kakhovka reservoir point, drained (2023)" 1 \
  "SELECT COUNT(*) FROM lakes WHERE drained = 1 AND ST_Contains(geom, $KAKHOVKA)"
expect "lakes: drained lakes" 1 "SELECT COUNT(*) FROM lakes WHERE drained = 1"
echo "== $fails failed check(s)"
[ "$fails" -eq 0 ]
