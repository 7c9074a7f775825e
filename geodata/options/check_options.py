#!/usr/bin/python3
"""Checks geodata/options: provenance, gazetteer references, derive inputs and geometry rules.

Run:  /usr/bin/python3 geodata/options/check_options.py      (needs Debian's python3-gdal; uses libproj's
geodesic routines through ctypes, the same GeographicLib code the application calls). Exit status 0 when
every check passes; prints one line per check group and every failure.

Checks:
 1. options.json parses and has the expected shape (ids, colours, layers, parameters, facts, stances).
 2. Every {"doc", "quote"} in options.json and the GeoJSON files: the doc exists in sources_dir and the
    quote occurs verbatim in it (runs of whitespace normalised, both Unicode whitespace and, as the
    application does, ASCII whitespace only, so no-break spaces must match as they are).  The sources are byte-identical to
    the shared corpus (../shared/sources beside the repository) when that folder exists.
 3. Every feature: option / layer / id / name / placement / sources; placement is stated|inferred;
    inferred features have a note; kind-specific numbers have the right types; coordinates are lon/lat
    with at most 5 decimals; GDAL reads every file (ogrinfo -ro -al -so) with the same feature count.
 4. derive objects are well formed and refer to parameters of their option.
 5. Every gazetteer reference (places.geojson: NAME | gazetteer_region.csv: NAME,CC,ADMIN1 | midpoint of
    A + B) resolves to exactly one entry with the same coordinates (±1e-5); LineString vertices match
    their `vertices` list; points without a gazetteer entry are sea positions (not on land).
 6. Routes: every leg of a geodesic_route and of the feeder lines in the same layer, densified along the
    WGS84 geodesic every 25 m, stays off the 1:10m land (countries_10m) except within 3 km of a port at
    the leg's end; routes start at an Odesa-area port; every geodesic route passes through the Bosporus
    and the Dardanelles (their places.geojson points are waypoints); feeders end on a route waypoint.
 7. Contact line (occupied_side / buffer inputs): starts in Russia, ends in water, crosses Ukraine's
    1:10m border exactly twice, is simple; splitting Ukraine by it puts the seeds (Donetsk, Luhansk,
    Melitopol, Simferopol) on one side and Kyiv, Kharkiv, Dnipro, Zaporizhzhia, Odesa on the other;
    prints the occupied share of Ukraine's area.
 8. Every `country` (features, derive) exists in countries_10m (or, outside its extent, countries_50m).
"""
import csv
import ctypes
import json
import math
import os
import re
import subprocess
import sys

from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()

HERE = os.path.dirname(os.path.abspath(__file__))
GEO = os.path.dirname(HERE)
GPKG = os.path.join(GEO, "basemap.gpkg")
# The team's shared corpus sits beside the repository: <repo>/../shared/sources.
SHARED_SOURCES = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "sources"))

EXPECTED_OPTIONS = ["reassurance_force", "us_backstop", "buffer_zone", "black_sea", "air_policing", "force_concepts",
                    "contributors", "deterrents_and_red_lines"]
OKABE_ITO = {"#0072B2", "#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#000000"}
STANCES = {"ready_to_deploy", "ruled_out", "undecided", "refuses_own_troops"}
DERIVE_KINDS = {"buffer", "range_ring", "geodesic_route", "occupied_side", "country_area"}
ODESA_PORTS = {"Odesa", "Chornomorsk", "Pivdennyi"}

errors = []
summary = []


def fail(msg):
    errors.append(msg)


def group(title, before):
    n = len(errors) - before
    summary.append("%-4s %s%s" % ("ok" if n == 0 else "FAIL", title, "" if n == 0 else "  (%d problems)" % n))


# ------------------------------------------------------------------ geodesics (libproj / GeographicLib)
_lib = ctypes.CDLL("libproj.so.25")
_g = ctypes.create_string_buffer(4096)
_D = ctypes.c_double
_lib.geod_init.argtypes = [ctypes.c_void_p, _D, _D]
_lib.geod_inverse.argtypes = [ctypes.c_void_p, _D, _D, _D, _D] + [ctypes.POINTER(_D)] * 3
_lib.geod_direct.argtypes = [ctypes.c_void_p, _D, _D, _D, _D] + [ctypes.POINTER(_D)] * 3
_lib.geod_init(_g, 6378137.0, 1 / 298.257223563)


def geod_inv(a, b):
    s, a1, a2 = _D(), _D(), _D()
    _lib.geod_inverse(_g, a[1], a[0], b[1], b[0], ctypes.byref(s), ctypes.byref(a1), ctypes.byref(a2))
    return s.value, a1.value


def geod_dir(a, azi, dist):
    la, lo, az = _D(), _D(), _D()
    _lib.geod_direct(_g, a[1], a[0], azi, dist, ctypes.byref(la), ctypes.byref(lo), ctypes.byref(az))
    return lo.value, la.value


def densify(a, b, step_m):
    s, azi = geod_inv(a, b)
    n = max(1, int(math.ceil(s / step_m)))
    return [tuple(a)] + [geod_dir(a, azi, s * i / n) for i in range(1, n)] + [tuple(b)]


def linestring(pts):
    g = ogr.Geometry(ogr.wkbLineString)
    for x, y in pts:
        g.AddPoint_2D(x, y)
    return g


def pt(x, y):
    g = ogr.Geometry(ogr.wkbPoint)
    g.AddPoint_2D(x, y)
    return g


# ------------------------------------------------------------------ basemap
_ds = ogr.Open(GPKG)
_lyr = _ds.GetLayerByName("countries_10m")  # 1:50m and 1:110m names are added below
COUNTRY_GEOMS = {}
for _f in _lyr:
    COUNTRY_GEOMS[_f.GetField("name")] = _f.GetGeometryRef().Clone()
LAND = None
for _name, _geom in COUNTRY_GEOMS.items():
    LAND = _geom.Clone() if LAND is None else LAND.Union(_geom)
COUNTRIES_10M = set(COUNTRY_GEOMS)
UKRAINE = COUNTRY_GEOMS["Ukraine"]
RUSSIA = COUNTRY_GEOMS["Russia"]
# Countries outside the 1:10m extract (the United Kingdom) are joined by briefmap at 1:50m.
for _f in _ds.GetLayerByName("countries_50m"):
    COUNTRY_GEOMS.setdefault(_f.GetField("name"), _f.GetGeometryRef().Clone())


def on_land(x, y):
    return LAND.Contains(pt(x, y))


# ------------------------------------------------------------------ gazetteers
with open(os.path.join(GEO, "places.geojson"), encoding="utf-8") as fh:
    PLACES = {}
    for f in json.load(fh)["features"]:
        PLACES.setdefault(f["properties"]["name"], []).append(f)
GAZ = {}
with open(os.path.join(GEO, "gazetteer_region.csv"), encoding="utf-8", newline="") as fh:
    for row in csv.DictReader(fh):
        GAZ.setdefault((row["name"], row["country"], row["admin1"]), []).append((float(row["lon"]), float(row["lat"])))


def resolve(ref):
    """(lon, lat, kind or None) for a gazetteer reference, or raise ValueError."""
    ref = ref.strip()
    m = re.fullmatch(r"midpoint of (.+?) \+ (.+)", ref)
    if m:
        a, b = resolve(m.group(1)), resolve(m.group(2))
        return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2, None
    if ref.startswith("places.geojson: "):
        name = ref[len("places.geojson: "):]
        hits = PLACES.get(name, [])
        if len(hits) != 1:
            raise ValueError("%d places.geojson entries named %r" % (len(hits), name))
        lon, lat = hits[0]["geometry"]["coordinates"]
        return lon, lat, hits[0]["properties"]["kind"]
    if ref.startswith("gazetteer_region.csv: "):
        parts = ref[len("gazetteer_region.csv: "):].rsplit(",", 2)
        if len(parts) != 3:
            raise ValueError("expected NAME,CC,ADMIN1 in %r" % ref)
        hits = GAZ.get(tuple(parts), [])
        if len(hits) != 1:
            raise ValueError("%d gazetteer_region.csv rows for %r" % (len(hits), ref))
        return hits[0][0], hits[0][1], None
    raise ValueError("unknown gazetteer reference %r" % ref)


def same(a, b, tol=1e-5 + 1e-9):
    return abs(a[0] - b[0]) <= tol and abs(a[1] - b[1]) <= tol


# ------------------------------------------------------------------ 1. options.json shape
b0 = len(errors)
OPT_PATH = os.path.join(HERE, "options.json")
try:
    with open(OPT_PATH, encoding="utf-8") as fh:
        OPTS = json.load(fh)
except Exception as e:  # noqa: BLE001
    print("FAIL options.json does not parse: %s" % e)
    sys.exit(1)
SRC_DIR = os.path.normpath(os.path.join(HERE, OPTS.get("sources_dir", "")))
if OPTS.get("sources_dir") != "../sources":
    fail("options.json: sources_dir should be '../sources'")
ids = [o.get("id") for o in OPTS.get("options", [])]
if ids != EXPECTED_OPTIONS:
    fail("options.json: option ids %s, expected %s" % (ids, EXPECTED_OPTIONS))
colours = [o.get("colour") for o in OPTS["options"]]
if len(set(colours)) != len(colours):
    fail("options.json: option colours are not distinct")
# Okabe-Ito, plus Paul Tol's purple (#AA3377) so that the backstop does not share a hue with the force.
for c in colours:
    if c not in OKABE_ITO and c != "#AA3377":
        fail("options.json: colour %s is not a colour-blind-safe palette colour" % c)
st = OPTS.get("stances", {})
if set(st) != STANCES:
    fail("options.json: stances %s, expected %s" % (sorted(st), sorted(STANCES)))
for k, v in st.items():
    if not v.get("label") or not re.fullmatch(r"#[0-9A-Fa-f]{6}", v.get("colour", "")):
        fail("stances.%s: needs label and #RRGGBB colour" % k)


_params = {o["id"]: {p["id"] for p in o.get("parameters", [])} for o in OPTS["options"]}
for pr in OPTS.get("presets", []):
    if not pr.get("id") or not pr.get("title"):
        fail("presets: every preset needs an id and a title: %r" % pr)
    for oid in pr.get("options", []):
        if oid not in _params:
            fail("presets.%s: no option %r" % (pr.get("id"), oid))
    for key, value in pr.get("parameters", {}).items():
        oid, _, pid = key.partition(".")
        if pid not in _params.get(oid, set()) or not isinstance(value, (int, float)):
            fail("presets.%s: %r is no parameter of a known option (option.parameter: number)" % (pr.get("id"), key))
if not OPTS.get("presets"):
    fail("options.json: no presets")


def check_troops(where, d):
    for k in ("troops_min", "troops_max"):
        if k in d and d[k] is not None and (not isinstance(d[k], int) or isinstance(d[k], bool) or d[k] < 0):
            fail("%s: %s must be a non-negative integer or null" % (where, k))
    if isinstance(d.get("troops_min"), int) and isinstance(d.get("troops_max"), int) and d["troops_min"] > d["troops_max"]:
        fail("%s: troops_min > troops_max" % where)
    if ("troops_min" in d or "troops_max" in d) and d.get("troops_min") is None and d.get("troops_max") is None:
        fail("%s: troops_min and troops_max both null" % where)


for o in OPTS["options"]:
    oid = o.get("id")
    for k in ("title", "summary", "colour", "file", "layers", "parameters", "facts"):
        if k not in o:
            fail("option %s: missing %s" % (oid, k))
    if "\n" in o.get("summary", "") or not o.get("summary"):
        fail("option %s: summary must be one non-empty line" % oid)
    if o.get("file") != "%s.geojson" % oid:
        fail("option %s: file should be %s.geojson" % (oid, oid))
    for lay in o.get("layers", []):
        if not (lay.get("id") and lay.get("title") and lay.get("legend")):
            fail("option %s: layer needs id, title, legend: %s" % (oid, lay))
    for p in o.get("parameters", []):
        for k in ("id", "label", "unit", "default", "min", "max", "step", "basis", "sources"):
            if k not in p:
                fail("option %s parameter %s: missing %s" % (oid, p.get("id"), k))
        if all(isinstance(p.get(k), (int, float)) for k in ("default", "min", "max", "step")):
            if not (p["min"] <= p["default"] <= p["max"]) or p["step"] <= 0:
                fail("option %s parameter %s: needs min <= default <= max and step > 0" % (oid, p.get("id")))
        if not p.get("sources"):
            fail("option %s parameter %s: no sources" % (oid, p.get("id")))
    for i, fact in enumerate(o.get("facts", [])):
        if not fact.get("text") or not fact.get("sources"):
            fail("option %s fact %d: needs text and sources" % (oid, i))
        check_troops("option %s fact %d" % (oid, i), fact)
        if "stance" in fact and fact["stance"] not in STANCES:
            fail("option %s fact %d: unknown stance %r" % (oid, i, fact["stance"]))
        if "country" in fact and fact["country"] in COUNTRIES_10M:
            fail("option %s fact %d: %s has a 1:10m polygon, make it a stance feature" % (oid, i, fact["country"]))
us = {o["id"]: o for o in OPTS["options"]}.get("us_backstop", {})
rp = [p for p in us.get("parameters", []) if p.get("id") == "radius_km"]
if not rp or rp[0].get("min") != 100 or rp[0].get("max") != 3000 or not rp[0].get("basis"):
    fail("us_backstop: radius_km parameter with min 100, max 3000 and a basis required")
group("options.json shape (%d options, %d facts)" % (len(OPTS["options"]), sum(len(o["facts"]) for o in OPTS["options"])), b0)

# ------------------------------------------------------------------ load GeoJSON
b0 = len(errors)
FCS = {}
for o in OPTS["options"]:
    path = os.path.join(HERE, o["file"])
    try:
        with open(path, encoding="utf-8") as fh:
            fc = json.load(fh)
    except Exception as e:  # noqa: BLE001
        fail("%s: does not parse: %s" % (o["file"], e))
        continue
    if fc.get("type") != "FeatureCollection" or not isinstance(fc.get("features"), list):
        fail("%s: not a FeatureCollection" % o["file"])
        continue
    if "crs" in fc:
        fail("%s: RFC 7946 has no crs member" % o["file"])
    FCS[o["id"]] = fc
    r = subprocess.run(["ogrinfo", "-ro", "-al", "-so", path], capture_output=True, text=True)
    m = re.search(r"Feature Count: (\d+)", r.stdout)
    if r.returncode != 0 or not m or int(m.group(1)) != len(fc["features"]):
        fail("%s: ogrinfo -ro -al -so failed or feature count differs (rc %d): %s" % (o["file"], r.returncode, r.stderr.strip()))
group("GeoJSON parse + GDAL ogrinfo reads all %d files" % len(FCS), b0)

# ------------------------------------------------------------------ 2. quotes
b0 = len(errors)
DOCTEXT = {}
DOCTEXT_ASCII = {}
_ASCII_WS = re.compile(r"[ \t\n\r\f\v]+")


def norm_ascii(t):
    """The application's normalisation: runs of ASCII whitespace only (a no-break space stays)."""
    return _ASCII_WS.sub(" ", t).strip(" ")


for fn in os.listdir(SRC_DIR):
    if fn.endswith(".txt"):
        with open(os.path.join(SRC_DIR, fn), "rb") as fh:
            raw = fh.read()
        DOCTEXT[fn] = " ".join(raw.decode("utf-8").split())
        DOCTEXT_ASCII[fn] = norm_ascii(raw.decode("utf-8"))
        if os.path.isdir(SHARED_SOURCES):
            sp = os.path.join(SHARED_SOURCES, fn)
            if not os.path.exists(sp) or open(sp, "rb").read() != raw:
                fail("sources/%s is not byte-identical to %s" % (fn, sp))
if os.path.isdir(SHARED_SOURCES):
    for fn in os.listdir(SHARED_SOURCES):
        if fn.endswith(".txt") and fn not in DOCTEXT:
            fail("sources/: %s missing" % fn)
n_quotes = 0


def walk_sources(obj, where):
    global n_quotes
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "sources":
                if not isinstance(v, list) or not v:
                    fail("%s: sources must be a non-empty list" % where)
                    continue
                for s in v:
                    n_quotes += 1
                    if not isinstance(s, dict) or set(s) != {"doc", "quote"}:
                        fail("%s: source entry must be {doc, quote}: %s" % (where, s))
                        continue
                    if s["doc"] not in DOCTEXT:
                        fail("%s: unknown doc %s" % (where, s["doc"]))
                    elif " ".join(s["quote"].split()) not in DOCTEXT[s["doc"]]:
                        fail("%s: quote not verbatim in %s: %r" % (where, s["doc"], s["quote"][:90]))
                    elif norm_ascii(s["quote"]) not in DOCTEXT_ASCII[s["doc"]]:
                        fail("%s: quote matches only if no-break spaces count as spaces (%s): %r" % (where, s["doc"], s["quote"][:90]))
                    elif s["quote"] != s["quote"].strip():
                        fail("%s: quote has leading/trailing whitespace: %r" % (where, s["quote"][:90]))
                    elif len(s["quote"].split()) < 4:
                        fail("%s: quote too short to be a sentence: %r" % (where, s["quote"]))
            else:
                walk_sources(v, "%s.%s" % (where, k) if where else k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            walk_sources(v, "%s[%d]" % (where, i))


walk_sources(OPTS, "options.json")
for oid, fc in FCS.items():
    walk_sources(fc, oid + ".geojson")
group("quotes verbatim in their documents (%d source entries, %d documents)" % (n_quotes, len(DOCTEXT)), b0)

# ------------------------------------------------------------------ 3./4./5./8. features
b0 = len(errors)
n_feat = 0
n_refs = 0
ROUTES = []
ROUTE_LAYERS = set()
FEEDERS = []
CONTACT = []
OPT_BY_ID = {o["id"]: o for o in OPTS["options"]}


def decimals_ok(v):
    return abs(round(v, 5) - v) < 1e-12


for oid, fc in FCS.items():
    o = OPT_BY_ID[oid]
    layer_ids = {lay["id"] for lay in o["layers"]}
    params = {p["id"]: p for p in o["parameters"]}
    seen = set()
    for i, f in enumerate(fc["features"]):
        n_feat += 1
        pr = f.get("properties") or {}
        w = "%s feature %s" % (oid, pr.get("id", i))
        if f.get("type") != "Feature":
            fail("%s: type must be Feature" % w)
        for k in ("option", "layer", "id", "name", "placement", "sources"):
            if not pr.get(k):
                fail("%s: missing %s" % (w, k))
        if pr.get("id") in seen:
            fail("%s: duplicate id" % w)
        seen.add(pr.get("id"))
        if pr.get("option") != oid:
            fail("%s: option %r should be %r" % (w, pr.get("option"), oid))
        if pr.get("layer") not in layer_ids:
            fail("%s: layer %r not declared in options.json" % (w, pr.get("layer")))
        if pr.get("placement") not in ("stated", "inferred"):
            fail("%s: placement must be stated|inferred" % w)
        if pr.get("placement") == "inferred" and not (pr.get("note") or "").strip():
            fail("%s: inferred placement needs a note" % w)
        check_troops(w, pr)
        for k in ("width_km", "radius_km"):
            if k in pr and (not isinstance(pr[k], (int, float)) or pr[k] <= 0):
                fail("%s: %s must be a positive number" % (w, k))
        if "stage" in pr and (not isinstance(pr["stage"], int) or pr["stage"] < 1):
            fail("%s: stage must be a positive integer" % w)
        if "stance" in pr and pr["stance"] not in STANCES:
            fail("%s: unknown stance %r" % (w, pr["stance"]))
        if "country" in pr and pr["country"] not in COUNTRY_GEOMS:
            fail("%s: country %r not in countries_10m" % (w, pr["country"]))
        if "stance" in pr and "country" not in pr:
            fail("%s: stance without country" % w)
        g = f.get("geometry")
        coords = []
        if g is not None:
            if g.get("type") == "Point":
                coords = [g["coordinates"]]
            elif g.get("type") == "LineString":
                coords = g["coordinates"]
                if len(coords) < 2:
                    fail("%s: LineString needs 2+ positions" % w)
            else:
                fail("%s: unexpected geometry type %r" % (w, g.get("type")))
            for c in coords:
                if len(c) != 2 or not (-180 <= c[0] <= 180 and -90 <= c[1] <= 90):
                    fail("%s: bad position %s" % (w, c))
                elif not (decimals_ok(c[0]) and decimals_ok(c[1])):
                    fail("%s: position %s has more than 5 decimals" % (w, c))
        elif "country" not in pr and "derive" not in pr:
            fail("%s: null geometry needs a country or a derive" % w)
        # derive
        d = pr.get("derive")
        if d is not None:
            kind = d.get("kind") if isinstance(d, dict) else None
            if kind not in DERIVE_KINDS:
                fail("%s: derive.kind %r unknown" % (w, kind))
            elif kind == "buffer":
                if (g or {}).get("type") != "LineString" or d.get("parameter") != "width_km" or "width_km" not in params \
                        or "width_km" not in pr or set(d) != {"kind", "parameter"}:
                    fail("%s: buffer derive needs a LineString, parameter width_km declared in the option, width_km property" % w)
                else:
                    CONTACT.append((w, f))
            elif kind == "range_ring":
                if (g or {}).get("type") != "Point" or d.get("parameter") != "radius_km" or "radius_km" not in params \
                        or "radius_km" not in pr or set(d) != {"kind", "parameter"}:
                    fail("%s: range_ring derive needs a Point, parameter radius_km declared in the option, radius_km property" % w)
                elif not (params["radius_km"]["min"] <= pr["radius_km"] <= params["radius_km"]["max"]):
                    fail("%s: radius_km outside the parameter range" % w)
            elif kind == "geodesic_route":
                if (g or {}).get("type") != "LineString" or set(d) != {"kind"}:
                    fail("%s: geodesic_route derive needs a LineString and no other keys" % w)
                else:
                    ROUTES.append((w, f))
                    ROUTE_LAYERS.add((oid, pr.get("layer")))
            elif kind == "occupied_side":
                seeds = d.get("seeds")
                if (g or {}).get("type") != "LineString" or not isinstance(seeds, list) or not seeds or \
                        any(not (isinstance(s, list) and len(s) == 2) for s in seeds):
                    fail("%s: occupied_side derive needs a LineString and seeds [[lon,lat],...]" % w)
                else:
                    CONTACT.append((w, f))
                    refs = d.get("seed_gazetteer", [])
                    if len(refs) != len(seeds):
                        fail("%s: seed_gazetteer must name one entry per seed" % w)
                    for s, ref in zip(seeds, refs):
                        n_refs += 1
                        try:
                            r = resolve(ref)
                            if not same(s, r):
                                fail("%s: seed %s differs from %s %s" % (w, s, ref, r[:2]))
                        except ValueError as e:
                            fail("%s: %s" % (w, e))
                    names = {ref.split(": ", 1)[-1] for ref in refs}
                    if not {"Donetsk", "Luhansk", "Melitopol", "Simferopol"} <= names:
                        fail("%s: seeds must include Donetsk, Luhansk, Melitopol, Simferopol" % w)
            elif kind == "country_area":
                if g is not None or d.get("country") not in COUNTRY_GEOMS:
                    fail("%s: country_area derive needs null geometry and a countries_10m country" % w)
        # gazetteer references
        if (g or {}).get("type") == "Point":
            c = coords[0]
            if pr.get("gazetteer"):
                n_refs += 1
                try:
                    r = resolve(pr["gazetteer"])
                    if not same(c, r):
                        fail("%s: point %s differs from %s %s" % (w, c, pr["gazetteer"], r[:2]))
                except ValueError as e:
                    fail("%s: %s" % (w, e))
            elif on_land(*c):
                fail("%s: point without gazetteer entry must be a sea position, but %s is on land" % (w, c))
        elif (g or {}).get("type") == "LineString":
            vs = pr.get("vertices")
            if not isinstance(vs, list) or len(vs) != len(coords):
                fail("%s: LineString needs a vertices list with one entry per position" % w)
            else:
                for c, v in zip(coords, vs):
                    if not same(c, (v.get("lon"), v.get("lat")), 1e-9):
                        fail("%s: vertex %s lon/lat differ from the geometry %s" % (w, v.get("name"), c))
                    if v.get("gazetteer"):
                        n_refs += 1
                        try:
                            r = resolve(v["gazetteer"])
                            if not same(c, r):
                                fail("%s: vertex %s %s differs from %s %s" % (w, v.get("name"), c, v["gazetteer"], r[:2]))
                        except ValueError as e:
                            fail("%s: %s" % (w, e))
                    elif not v.get("purpose"):
                        fail("%s: vertex %s has neither gazetteer entry nor purpose" % (w, v.get("name")))
                    elif on_land(*c):
                        fail("%s: sea waypoint %s at %s is on land" % (w, v.get("name"), c))
                    elif v.get("purpose") and v["name"].split(" ")[0] not in (pr.get("note") or ""):
                        fail("%s: waypoint %s purpose not given in the note" % (w, v.get("name")))
for oid, fc in FCS.items():
    for f in fc["features"]:
        pr = f.get("properties") or {}
        if (oid, pr.get("layer")) in ROUTE_LAYERS and (f.get("geometry") or {}).get("type") == "LineString" \
                and (pr.get("derive") or {}).get("kind") != "geodesic_route":
            FEEDERS.append(("%s feature %s" % (oid, pr.get("id")), f))
group("features (%d): required properties, placement, notes, numbers, derive, %d gazetteer references, countries"
      % (n_feat, n_refs), b0)

# ------------------------------------------------------------------ 6. routes
b0 = len(errors)
route_lines = []
PORT_TOL_M = 3000.0
min_clear = None
for w, f in ROUTES + FEEDERS:
    coords = f["geometry"]["coordinates"]
    vs = f["properties"]["vertices"]
    kinds = []
    for v in vs:
        try:
            kinds.append(resolve(v["gazetteer"])[2] if v.get("gazetteer") else None)
        except ValueError:
            kinds.append(None)
    first = vs[0].get("gazetteer", "").split(": ", 1)[-1]
    if first not in ODESA_PORTS:
        fail("%s: route must start at an Odesa-area port (Odesa, Chornomorsk, Pivdennyi), starts at %r" % (w, first))
    for i in range(len(coords) - 1):
        a, b = coords[i], coords[i + 1]
        pts = densify(a, b, 25.0)
        leg = linestring(pts)
        inter = leg.Intersection(LAND)
        if not inter.IsEmpty():
            ports = [c for c, k in ((a, kinds[i]), (b, kinds[i + 1])) if k == "port"]
            env = inter.GetEnvelope()
            corners = [(x, y) for x in env[:2] for y in env[2:]]
            ok = bool(ports) and all(min(geod_inv(p, c)[0] for p in ports) <= PORT_TOL_M for c in corners)
            if not ok:
                fail("%s: leg %d (%s -> %s) crosses land" % (w, i + 1, vs[i]["name"], vs[i + 1]["name"]))
        else:
            # clearance in metres (conservative: a degree of longitude at this latitude)
            clr = leg.Distance(LAND) * 111320 * math.cos(math.radians(max(abs(a[1]), abs(b[1]))))
            min_clear = clr if min_clear is None else min(min_clear, clr)
    route_lines.append((w, f, linestring(coords)))
main = [r for r in route_lines if (r[1]["properties"].get("derive") or {}).get("kind") == "geodesic_route"]
for r in main:
    if len(r[1]["geometry"]["coordinates"]) < 3:
        fail("%s: a geodesic route is a whole passage, not a single leg" % r[0])
if not main:
    fail("no geodesic_route feature")
for name in ("Bosporus", "Dardanelles"):
    sp = resolve("places.geojson: " + name)
    for r in main:
        if not any(same(c, sp) for c in r[1]["geometry"]["coordinates"]):
            fail("%s: does not pass through the %s (places.geojson strait point as a waypoint)" % (r[0], name))
for w, f, g in route_lines:
    if (f["properties"].get("derive") or {}).get("kind") != "geodesic_route":
        end = f["geometry"]["coordinates"][-1]
        if not any(any(same(end, c, 1e-9) for c in m[1]["geometry"]["coordinates"]) for m in main):
            fail("%s: feeder does not end on a waypoint of the main route" % w)
group("routes (%d geodesic, %d feeders): legs at sea except at ports, Bosporus + Dardanelles, feeders join; min clearance %.0f m"
      % (len(ROUTES), len(FEEDERS), min_clear or 0), b0)

# ------------------------------------------------------------------ 7. contact line
b0 = len(errors)
share_txt = ""
geoms = {json.dumps(f["geometry"]) for _, f in CONTACT}
if len(CONTACT) < 2 or len(geoms) != 1:
    fail("contact line: need a buffer feature and an occupied_side feature with the same geometry")
for w, f in CONTACT[:1] + [c for c in CONTACT[1:] if json.dumps(c[1]["geometry"]) != json.dumps(CONTACT[0][1]["geometry"])]:
    coords = f["geometry"]["coordinates"]
    line = linestring(coords)
    if not line.IsSimple():
        fail("%s: contact line is not simple" % w)
    if not RUSSIA.Contains(pt(*coords[0])):
        fail("%s: contact line must start inside Russia" % w)
    if on_land(*coords[-1]):
        fail("%s: contact line must end in water" % w)
    x = line.Intersection(UKRAINE.GetBoundary())
    n_cross = x.GetGeometryCount() if x.GetGeometryName() == "MULTIPOINT" else (1 if x.GetGeometryName() == "POINT" else -1)
    if n_cross != 2:
        fail("%s: contact line crosses Ukraine's border %s times (%s), must be exactly 2" % (w, n_cross, x.GetGeometryName()))
    # split Ukraine by the line
    faces = []
    polys = UKRAINE.GetBoundary().Union(line).Polygonize()
    for i in range(polys.GetGeometryCount()):
        p = polys.GetGeometryRef(i).Clone()
        if UKRAINE.Contains(p.PointOnSurface()):
            faces.append(p)

    def face_of(c):
        q = pt(c[0], c[1])
        for k, fc_ in enumerate(faces):
            if fc_.Contains(q):
                return k
        return None

    seeds = [fo[1]["properties"]["derive"]["seeds"] for fo in CONTACT if fo[1]["properties"]["derive"]["kind"] == "occupied_side"]
    seeds = seeds[0] if seeds else []
    occ = {face_of(s) for s in seeds}
    if None in occ:
        fail("%s: a seed is not inside Ukraine's polygon" % w)
    for nm in ("Kyiv", "Kharkiv", "Dnipro", "Zaporizhzhia", "Odesa", "Lviv", "Mykolaiv", "Kramatorsk"):
        c = resolve("places.geojson: " + nm)
        if face_of(c) in occ and UKRAINE.Contains(pt(*c[:2])):
            fail("%s: %s falls on the occupied side" % (w, nm))
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    laea = osr.SpatialReference()
    laea.ImportFromProj4("+proj=laea +lat_0=48.5 +lon_0=31.5 +ellps=WGS84 +units=m")
    ct = osr.CoordinateTransformation(wgs, laea)
    tot = occ_a = 0.0
    for k, fc_ in enumerate(faces):
        h = fc_.Clone()
        h.Transform(ct)
        tot += h.GetArea()
        if k in occ:
            occ_a += h.GetArea()
    share_txt = "; occupied side %.1f %% of Ukraine's area (%d faces)" % (100 * occ_a / tot, len(faces))
group("contact line: starts in Russia, ends in water, crosses Ukraine's border exactly twice, seeds split%s" % share_txt, b0)

print("\n".join(summary))
if errors:
    print("\n%d problem(s):" % len(errors))
    for e in errors:
        print("  - " + e)
    sys.exit(1)
print("\nall checks passed")
