#!/bin/bash
# Rivers and lakes of briefmap's basemap: GSHHG 2.3.7 high resolution (Wessel & Smith 1996, LGPL), as
# Debian's gmt-common ships it in /usr/share/gmt/coast/, added as layers `rivers` and `lakes` to a
# basemap.gpkg. Only this data build needs GMT; the application reads the GeoPackage.
#
#   geodata/tools/make_water.sh [GPKG [GAZETTEER]]   (default: geodata/basemap.gpkg, replaced only if the
#                                                     checks pass; geodata/gazetteer_region.csv)
#
# make_geodata.sh runs it on the GeoPackage it builds. Needs: gmt and gmt-common (apt-get install gmt
# gmt-common), gdal-bin, Debian's python3-gdal. Offline, deterministic.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GEODATA="$(cd "$HERE/.." && pwd)"
TARGET="$(realpath "${1:-$GEODATA/basemap.gpkg}")"
GAZETTEER="$(realpath "${2:-$GEODATA/gazetteer_region.csv}")"
PY=/usr/bin/python3
# The 1:10m extract's box (build_geodata.py LODS): the water covers what the finest level covers.
REGION=4/60/33/63

command -v gmt >/dev/null || { echo "error: gmt missing; apt-get install gmt gmt-common" >&2; exit 1; }
[ -f /usr/share/gmt/coast/binned_river_h.nc ] ||
  { echo "error: GSHHG data missing; apt-get install gmt-common" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/briefmap-water.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# GMT keeps session files under ~/.gmt: a throwaway HOME keeps the user's out of it.
export HOME="$WORK/home"
mkdir -p "$HOME"
cd "$WORK"  # gmt writes gmt.history into the current folder

echo "== GSHHG rivers and lake mask for $REGION"
# -IR: the permanent rivers, levels 1-4 (not the river-lakes' outlines, level 0: the lakes layer has
# them as areas; not the intermittent rivers and canals, levels 5-10).
gmt coast -R$REGION -IR -M -Dh > "$WORK/rivers.gmt"
# 1 in lakes and river-lakes (the Dnipro reservoirs are river-lakes), 0 on land and sea; 30" cells.
gmt grdlandmask -R$REGION -I30s -r -Dh -N0/0/1/0/0 -G"$WORK/lakes.nc"

cp "$TARGET" "$WORK/basemap.gpkg"
LC_ALL=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 "$PY" "$HERE/build_water.py" --rivers "$WORK/rivers.gmt" \
  --lakes "$WORK/lakes.nc" --gpkg "$WORK/basemap.gpkg" --gazetteer "$GAZETTEER"
"$HERE/check_water.sh" "$WORK/basemap.gpkg"
mv -f "$WORK/basemap.gpkg" "$TARGET"
ls -l "$TARGET"
