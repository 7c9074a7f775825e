#!/usr/bin/env bash
# Runs one libFuzzer harness for a bounded time on seeds from the repository, in a corpus folder of its own
# that is removed afterwards. A crash, a sanitizer report, a leak of time (-timeout per input) or of memory
# (-rss_limit_mb) fails the test, and the input that did it is kept in ARTIFACTS for a regression test.
#   run_fuzzer.sh HARNESS vector|briefing|document SOURCE_DIR ARTIFACTS [SECONDS]
# SECONDS defaults to $BRIEFMAP_FUZZ_SECONDS, else 60 (CI); run longer on demand.
# The random seed is $BRIEFMAP_FUZZ_SEED, else 1: the test suite explores the same way on every run, so a CI
# result does not depend on luck (a finding from a random exploration becomes a file in regressions/ instead).
# `tools/dev.sh fuzz` sets 0, libFuzzer's "a new seed each run", to look for new findings.
set -euo pipefail
harness=$1 kind=$2 source=$3 artifacts=$4
seconds=${5:-${BRIEFMAP_FUZZ_SECONDS:-60}}
work=$(mktemp -d /tmp/briefmap-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/seeds" "$artifacts"

# The vector harness takes one byte for the format, then the file (the index into its list of extensions).
seed_vector() {  # seed_vector INDEX FILE
  { printf "\\$(printf '%03o' "$1")"; cat "$2"; } > "$work/seeds/$(basename "$2").$1"
}
case "$kind" in
  vector)
    seed_vector 0 "$source/tests/fixtures/overlay.geojson"
    seed_vector 1 "$source/geodata/options/deterrents_and_red_lines.geojson"
    cat > "$work/a.kml" <<'KML'
<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Kyiv</name><Point><coordinates>30.52,50.45</coordinates></Point></Placemark><Placemark><name>Zone</name><Polygon><outerBoundaryIs><LinearRing><coordinates>30,50 31,50 31,51 30,50</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>
KML
    seed_vector 2 "$work/a.kml"
    printf 'name,lon,lat\nKyiv,30.52,50.45\nOdesa,30.73,46.48\n' > "$work/a.csv"
    seed_vector 4 "$work/a.csv"
    printf 'id,WKT\n1,"LINESTRING(30 50,31 51)"\n' > "$work/b.csv"
    seed_vector 4 "$work/b.csv"
    cat > "$work/a.gpx" <<'GPX'
<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="50.45" lon="30.52"><name>Kyiv</name></wpt><trk><trkseg><trkpt lat="50" lon="30"/><trkpt lat="51" lon="31"/></trkseg></trk></gpx>
GPX
    seed_vector 5 "$work/a.gpx"
    cat > "$work/a.gml" <<'GML'
<?xml version="1.0"?><ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/" xmlns:gml="http://www.opengis.net/gml"><gml:featureMember><ogr:p><ogr:geometryProperty><gml:Point srsName="EPSG:4326"><gml:coordinates>30.52,50.45</gml:coordinates></gml:Point></ogr:geometryProperty><ogr:name>Kyiv</ogr:name></ogr:p></gml:featureMember></ogr:FeatureCollection>
GML
    seed_vector 6 "$work/a.gml"
    ;;
  briefing) cp "$source/geodata/briefings/"*.json "$work/seeds/" ;;
  document)
    for f in "$source/geodata/sources/"*.txt; do head -c 4000 "$f" > "$work/seeds/$(basename "$f")"; done ;;
  *) echo "unknown kind $kind" >&2; exit 2 ;;
esac
# Every input that once crashed is run again first (the vector ones keep their format byte).
if [ -d "$source/tests/fuzz/regressions/$kind" ]; then cp "$source/tests/fuzz/regressions/$kind/"* "$work/seeds/"; fi

# -timeout: one input taking longer is a hang; -rss_limit_mb: a bounded reader never needs more.
# Not `exec`: the shell stays to run the trap that removes $work, and the harness's own files go there too (TMPDIR).
status=0
TMPDIR="$work" "$harness" -seed="${BRIEFMAP_FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" "$work/corpus" "$work/seeds" || status=$?
exit "$status"
