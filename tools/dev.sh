#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   tools/dev.sh run    install what is missing, build, start the application on the bundled data
#   tools/dev.sh test   install what is missing, build, run every test (also under ASan/UBSan)
#   tools/dev.sh fuzz [SECONDS]   the libFuzzer harnesses, each for SECONDS (600 by default)
#   tools/dev.sh build | install | bench | bench-files | export ARGS…
#   tools/dev.sh geodata   install the data-building packages too, regenerate geodata/ (make_geodata.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake pkg-config libsdl2-dev libimgui-dev libstb-dev libgdal-dev gdal-bin
  libproj-dev proj-bin libgtest-dev libglu1-mesa-dev libfreetype-dev libpng-dev libdeflate-dev nlohmann-json3-dev
  libcli11-dev libx11-dev libcairo2-dev zlib1g-dev libsqlite3-dev nettle-dev postgresql-15 postgresql-15-postgis-3 poppler-utils strace xvfb xauth mesa-utils libgl1-mesa-dri fonts-dejavu-core
  clang-14 libclang-rt-14-dev)

# Only for regenerating geodata/ (the application reads the committed files): GDAL's Python bindings,
# GMT with GSHHG for the rivers and lakes, npm for the Natural Earth and GeoNames packages.
GEODATA_PACKAGES=(gdal-bin python3-gdal gmt gmt-common bc npm)

install_packages() {  # [PACKAGE…] (default: PACKAGES)
  local missing=() wanted=("${PACKAGES[@]}")
  [ $# -gt 0 ] && wanted=("$@")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

build() {  # build DIR [cmake args…]
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
}

# The libFuzzer harnesses: clang, every module instrumented; only the harnesses and what they need are built.
build_fuzz() {
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DBRIEFMAP_BUILD_TESTS=OFF -DBRIEFMAP_FUZZ=ON >/dev/null
  cmake --build build-fuzz -j"$(nproc)" --target fuzz_vector_reader fuzz_briefing fuzz_document
}

cmd=${1:-run}
shift || true
case "$cmd" in
  install) install_packages ;;
  geodata) install_packages "${GEODATA_PACKAGES[@]}"; geodata/tools/make_geodata.sh ;;
  build) install_packages; build build ;;
  run)
    install_packages; build build
    # With no arguments the window opens on the example briefing (F5 presents it).
    [ $# -eq 0 ] && set -- --briefing geodata/briefings/security-guarantees.json
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "No display: starting under Xvfb (use a desktop session to see the window)."
      exec xvfb-run -a -s "-screen 0 1920x1080x24" ./build/app/briefmap "$@"
    fi
    exec ./build/app/briefmap "$@" ;;
  test)
    install_packages
    build build
    (cd build && ctest --output-on-failure -j2)
    # The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DBRIEFMAP_SANITIZE=ON
    (cd build-asan && ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j2)
    # Fuzzing for a bounded time (BRIEFMAP_FUZZ_SECONDS each, 60 by default; `tools/dev.sh fuzz 3600` for longer).
    build_fuzz
    (cd build-fuzz && ctest --output-on-failure -j2 -L fuzz) ;;
  fuzz)
    install_packages; build_fuzz
    (cd build-fuzz && BRIEFMAP_FUZZ_SEED=0 BRIEFMAP_FUZZ_SECONDS=${1:-600} ctest --output-on-failure -j2 -L fuzz) ;;
  bench) install_packages; build build; ./build/app/briefmap bench "$@" ;;
  bench-files)
    # The issue-16 benchmark layers (deterministic; ~90 MB in build/bench-data), then the bench on them.
    install_packages; build build
    [ -f build/bench-data/bench_1m.gpkg ] || ./build/briefmap_make_bench_layers --out build/bench-data
    ./build/app/briefmap bench --file build/bench-data/bench_1m.gpkg "$@"
    ./build/app/briefmap bench --file build/bench-data/bench_1m_areas.geojson "$@" ;;
  export) install_packages; build build; ./build/app/briefmap export "$@" ;;
  *) echo "usage: tools/dev.sh run|test|fuzz|build|install|bench|bench-files|export" >&2; exit 2 ;;
esac
