#!/bin/bash
# Checks on briefmap's geodata with ogrinfo SQL (SQLite dialect, SpatiaLite functions).
# Usage: check_geodata.sh [DIR]   (DIR holds basemap.gpkg, places.geojson, gazetteer_region.csv;
#                                  default: the geodata folder this script lives in)
# Prints one line per check and exits non-zero if any check fails.
set -euo pipefail
DIR="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
GPKG="$DIR/basemap.gpkg"
fails=0

# q SQL -> the single value the query returns (first field of the first row)
q() {
  ogrinfo -q -ro -dialect sqlite -sql "$1" "$GPKG" \
    | sed -n 's/^  [^=]* ([A-Za-z0-9]*) = //p' | head -n 1
}
# expect DESCRIPTION WANT SQL
expect() {
  local got
  got="$(q "$3")"
  [ -z "$got" ] && got="(null)"
  if [ "$got" = "$2" ]; then
    printf 'ok    %-78s %s\n' "$1" "$got"
  else
    printf 'FAIL  %-78s got %s, want %s\n' "$1" "$got" "$2"
    fails=$((fails + 1))
  fi
}

declare -A BOX=( [10m]="4 33 60 63" [50m]="-15 25 75 72" [110m]="-180 -60 180 90" )
KYIV="MakePoint(30.52,50.45)"
SIMF="MakePoint(34.1,44.95)"
SEVA="MakePoint(33.52,44.61)"
KERCH_STRAIT="MakePoint(36.59575,45.28422)"

for lod in 10m 50m 110m; do
  read -r x0 y0 x1 y1 <<<"${BOX[$lod]}"
  echo "== $lod (box lon $x0..$x1, lat $y0..$y1)"
  expect "countries_$lod: invalid, empty or non-MULTIPOLYGON features" 0 \
    "SELECT COUNT(*) FROM countries_$lod WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR ST_GeometryType(geom) <> 'MULTIPOLYGON'"
  for l in coastline borders; do
    expect "${l}_$lod: invalid, empty or non-LINESTRING features" 0 \
      "SELECT COUNT(*) FROM ${l}_$lod WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR ST_GeometryType(geom) <> 'LINESTRING'"
  done
  for l in countries coastline borders; do
    expect "${l}_$lod: features outside the box" 0 \
      "SELECT COUNT(*) FROM ${l}_$lod WHERE ST_MinX(geom) < $x0 OR ST_MaxX(geom) > $x1 OR ST_MinY(geom) < $y0 OR ST_MaxY(geom) > $y1"
  done
  expect "countries_$lod: countries containing Simferopol 34.1 44.95" "Ukraine" \
    "SELECT GROUP_CONCAT(name) FROM countries_$lod WHERE ST_Contains(geom, $SIMF)"
  expect "countries_$lod: countries containing Sevastopol 33.52 44.61" "Ukraine" \
    "SELECT GROUP_CONCAT(name) FROM countries_$lod WHERE ST_Contains(geom, $SEVA)"
  expect "countries_$lod: Russia contains Simferopol or Sevastopol" 0 \
    "SELECT COUNT(*) FROM countries_$lod WHERE name = 'Russia' AND (ST_Intersects(geom, $SIMF) OR ST_Intersects(geom, $SEVA))"
  expect "countries_$lod: one Ukraine part holds Kyiv and Simferopol (Perekop dissolved)" 1 \
    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200)
     SELECT COUNT(*) FROM countries_$lod c, k WHERE c.name = 'Ukraine' AND k.i <= ST_NumGeometries(c.geom)
       AND ST_Contains(ST_GeometryN(c.geom, k.i), $KYIV) AND ST_Contains(ST_GeometryN(c.geom, k.i), $SIMF)"
  expect "borders_$lod: features touching Perekop box lon 33.6-34.0 lat 45.9-46.2" 0 \
    "SELECT COUNT(*) FROM borders_$lod WHERE ST_Intersects(geom, BuildMbr(33.6, 45.9, 34.0, 46.2))"
  expect "borders_$lod: features anywhere on Crimea, lon 32.4-36.7 lat 44.3-46.3" 0 \
    "SELECT COUNT(*) FROM borders_$lod WHERE ST_Intersects(geom, BuildMbr(32.4, 44.3, 36.7, 46.3))"
  expect "countries_$lod: countries containing the Kerch Strait point (must be sea)" 0 \
    "SELECT COUNT(*) FROM countries_$lod WHERE ST_Contains(geom, $KERCH_STRAIT)"
  expect "borders_$lod: Russia-Ukraine border lines reaching south of lat 46.5" 0 \
    "SELECT COUNT(*) FROM borders_$lod WHERE name_a = 'Russia' AND name_b = 'Ukraine' AND ST_MinY(geom) < 46.5"
  expect "countries_$lod: countries containing 0 68 / -170 70.5 (sea; antimeridian handled)" 0 \
    "SELECT COUNT(*) FROM countries_$lod WHERE ST_Intersects(geom, MakePoint(0, 68)) OR ST_Intersects(geom, MakePoint(-170, 70.5))"
  for l in coastline borders; do
    expect "${l}_$lod: length lying on the clip-box edge or on lon +-180" 0 \
      "SELECT COALESCE(SUM(ST_Length(ST_Intersection(geom, ST_Union(ST_Boundary(BuildMbr($x0, $y0, $x1, $y1)),
                  ST_GeomFromText('MULTILINESTRING((180 -90,180 90),(-180 -90,-180 90))'))))), 0) FROM ${l}_$lod"
  done
  expect "borders_$lod x coastline_$lod: length of overlap (borders are land-only)" 0 \
    "SELECT COALESCE(ST_Length(ST_Intersection((SELECT ST_Union(geom) FROM borders_$lod),
                                               (SELECT ST_Union(geom) FROM coastline_$lod))), 0)"
done
expect "countries_110m: Antarctica left out" 0 "SELECT COUNT(*) FROM countries_110m WHERE name = 'Antarctica'"
expect "countries_10m: Vatican (POLYGON EMPTY at 1:10m) left out" 0 "SELECT COUNT(*) FROM countries_10m WHERE name = 'Vatican'"

echo "== vertex counts"
for lod in 10m 50m 110m; do
  for l in countries coastline borders; do
    printf '      %-16s features %4s  vertices %6s\n' "${l}_$lod" \
      "$(q "SELECT COUNT(*) FROM ${l}_$lod")" "$(q "SELECT SUM(ST_NPoints(geom)) FROM ${l}_$lod")"
  done
done

echo "== places.geojson"
PL="$DIR/places.geojson"
n="$(ogrinfo -ro -so "$PL" places | sed -n 's/^Feature Count: //p')"
printf 'ok    %-78s %s\n' "features" "$n"
bad="$(grep -c '"coordinates":\[' "$PL" || true)"
good="$(grep -cE '"coordinates":\[-?[0-9]+\.[0-9]{5},-?[0-9]+\.[0-9]{5}\]' "$PL" || true)"
if [ "$bad" = "$good" ] && [ "$good" = "$n" ]; then
  printf 'ok    %-78s %s\n' "points written with 5 decimals" "$good/$n"
else
  printf 'FAIL  %-78s %s\n' "points written with 5 decimals" "$good/$n"; fails=$((fails + 1))
fi
for place in Simferopol Sevastopol Kerch; do
  pt="$(ogrinfo -q -ro -sql "SELECT * FROM places WHERE name = '$place'" "$PL" | sed -n 's/^ *POINT (\(.*\))$/\1/p')"
  expect "places: country polygon (10m) containing $place ($pt)" "Ukraine" \
    "SELECT GROUP_CONCAT(name) FROM countries_10m WHERE ST_Contains(geom, MakePoint(${pt/ /,}))"
done

echo "== gazetteer_region.csv"
GZ="$DIR/gazetteer_region.csv"
printf 'ok    %-78s %s\n' "rows (without header)" "$(($(wc -l <"$GZ") - 1))"
printf 'ok    %-78s %s\n' "bytes" "$(wc -c <"$GZ")"
outside="$(tail -n +2 "$GZ" | python3 -c '
import csv, sys
S = set("UA PL RO MD BY RU SK HU BG TR GE LT LV EE DE CZ AT RS FI GR".split())
print(sum(1 for r in csv.reader(sys.stdin) if not (r[3] in S and 4 <= float(r[2]) <= 60 and 33 <= float(r[1]) <= 63)))')"
if [ "$outside" = 0 ]; then printf 'ok    %-78s %s\n' "rows outside the countries/box" 0
else printf 'FAIL  %-78s %s\n' "rows outside the countries/box" "$outside"; fails=$((fails + 1)); fi

echo "== $fails failed check(s)"
[ "$fails" = 0 ]
