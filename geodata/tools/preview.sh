#!/bin/bash
# Quick visual check of the geodata: rasterizes countries_<LOD> (Ukraine yellow, Russia pink),
# coastline (blue), borders (red) and places (black dots) to a PNG.
#   preview.sh [OUT.png] [LOD] [xmin ymin xmax ymax] [width height]
# default: /tmp/briefmap-preview.png 10m 20 43 42 53 1320 600   (needs gdal-bin)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
G="$HERE/../basemap.gpkg"; P="$HERE/../places.geojson"
OUT="${1:-/tmp/briefmap-preview.png}"; LOD="${2:-10m}"
XMIN="${3:-20}"; YMIN="${4:-43}"; XMAX="${5:-42}"; YMAX="${6:-53}"; W="${7:-1320}"; H="${8:-600}"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
T="$TMP/p.tif"
gdal_rasterize -q -l "countries_$LOD" -burn 235 -burn 230 -burn 215 -init 165 200 235 \
  -te "$XMIN" "$YMIN" "$XMAX" "$YMAX" -ts "$W" "$H" -ot Byte "$G" "$T"
gdal_rasterize -q -l "countries_$LOD" -where "name='Ukraine'" -b 1 -b 2 -b 3 -burn 255 -burn 225 -burn 110 "$G" "$T"
gdal_rasterize -q -l "countries_$LOD" -where "name='Russia'" -b 1 -b 2 -b 3 -burn 235 -burn 200 -burn 200 "$G" "$T"
gdal_rasterize -q -l "coastline_$LOD" -b 1 -b 2 -b 3 -burn 20 -burn 60 -burn 160 "$G" "$T"
gdal_rasterize -q -l "borders_$LOD" -b 1 -b 2 -b 3 -burn 200 -burn 0 -burn 0 "$G" "$T"
R="$(awk -v a="$XMIN" -v b="$XMAX" -v w="$W" 'BEGIN { print 2.5 * (b - a) / w }')"
gdal_rasterize -q -dialect sqlite -sql "SELECT ST_Buffer(geometry, $R) FROM places" \
  -b 1 -b 2 -b 3 -burn 0 -burn 0 -burn 0 "$P" "$T"
gdal_translate -q -of PNG "$T" "$OUT"
rm -f "$OUT.aux.xml"
echo "$OUT"
