#!/usr/bin/python3
"""Add the layers `rivers` and `lakes` (GSHHG 2.3.7, high resolution, via GMT) to a basemap.gpkg.

Run by make_water.sh, which calls GMT and passes its outputs here:
  --rivers FILE   `gmt coast -IR -M -Dh` text: segments headed "> River Bin # N, Level L"
  --lakes FILE    `gmt grdlandmask -N0/0/1/0/0` grid: 1 where a lake or river-lake is
  --gpkg FILE     the GeoPackage to add the layers to (replaced if present)
  --gazetteer F   gazetteer_region.csv (GeoNames): the towns that place the Kakhovka cut

rivers: LINESTRING, field `level` (GSHHG: 1 permanent major, 2 additional major, 3 additional,
        4 minor). The pieces GMT cuts at its bin edges are joined again where two pieces of the
        same level end at the same point and nothing else does.
lakes:  POLYGON, fields `area_km2` (ETRS89-LAEA), `drained` (1: the Kakhovka reservoir) and `note`.
        Polygonized from the 30" mask, lakes under MIN_AREA_KM2 left out, simplified by
        SIMPLIFY_DEG (under a cell, so no lake loses its shape, but the cell staircase goes).
"""
import argparse
import csv
from collections import defaultdict

from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()

GPKG_DATE = "2024-01-01T00:00:00Z"  # as build_geodata.py: fixed gpkg_contents timestamps
MIN_AREA_KM2 = 4.0                   # about five 30" cells: smaller blobs are ponds or mask noise
SIMPLIFY_DEG = 0.004                 # half a 30" cell (0.0083 deg)

# The Kakhovka reservoir was drained after its dam was destroyed on 6 June 2023; GSHHG (2017) still
# has it, joined to the Dnipro cascade in one polygon. It is the part of that polygon east of the
# meridian of Nova Kakhovka (the town at the dam) and south of the parallel of Zaporizhzhia (the
# city of the Dnipro dam above it), both GeoNames points: cut out, kept as a separate lake with
# drained = 1 so the map can show the former reservoir as such rather than as water.
KAKHOVKA_DAM_TOWN = ("Nova Kakhovka", "08")
UPPER_DAM_TOWN = ("Zaporizhzhya", "26")  # the one at lat 47.85 (the other Zaporizhzhya, 47.15, is a village)
KAKHOVKA_NOTE = ("Kakhovka reservoir as in GSHHG 2.3.7 (2017): drained after the dam was destroyed on "
                 "6 June 2023; cut at the meridian of Nova Kakhovka and the parallel of Zaporizhzhia")


def gazetteer_point(path, name, admin1, north_of=None):
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f)
                if r["name"] == name and r["country"] == "UA" and r["admin1"] == admin1
                and (north_of is None or float(r["lat"]) > north_of)]
    if len(rows) != 1:
        raise SystemExit(f"gazetteer: {len(rows)} entries for {name} (UA {admin1}), want exactly one")
    return float(rows[0]["lon"]), float(rows[0]["lat"])


def read_river_segments(path):
    segments, level, points = [], None, []
    with open(path) as f:
        for line in f:
            if line.startswith(">"):
                if level is not None and len(points) >= 2:
                    segments.append((level, points))
                level, points = int(line.rsplit("Level", 1)[1]), []
            elif line.strip():
                x, y = line.split()[:2]
                points.append((float(x), float(y)))
    if level is not None and len(points) >= 2:
        segments.append((level, points))
    return segments


def merge_at_bin_cuts(segments):
    """Joins pieces of one level that meet end to end at a point no third piece of that level touches."""
    merged = []
    by_level = defaultdict(list)
    for level, pts in segments:
        by_level[level].append(list(pts))
    for level in sorted(by_level):
        lines = by_level[level]
        alive = [True] * len(lines)
        ends = defaultdict(list)  # endpoint -> indices of lines ending there
        for i, pts in enumerate(lines):
            ends[pts[0]].append(i)
            ends[pts[-1]].append(i)
        changed = True
        while changed:
            changed = False
            for point in sorted(ends):
                idx = [i for i in ends[point] if alive[i]]
                if len(idx) != 2 or idx[0] == idx[1]:
                    continue
                a, b = lines[idx[0]], lines[idx[1]]
                if a[-1] != point:
                    a.reverse()
                if b[0] != point:
                    b.reverse()
                joined = a + b[1:]
                lines[idx[0]] = joined
                alive[idx[1]] = False
                ends[point] = []
                ends[joined[-1]] = [i if i != idx[1] else idx[0] for i in ends[joined[-1]]]
                changed = True
        merged += [(level, pts) for i, pts in enumerate(lines) if alive[i]]
    return merged


def lake_polygons(grid_path):
    src = gdal.Open(grid_path)
    band = src.GetRasterBand(1)
    mem = ogr.GetDriverByName("Memory").CreateDataSource("mask")
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    layer = mem.CreateLayer("mask", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("value", ogr.OFTInteger))
    gdal.Polygonize(band, None, layer, 0)
    polys = []
    for f in layer:
        if f.GetField("value") == 1:
            polys.append(f.GetGeometryRef().Clone())
    return polys


def area_km2(g, to_laea):
    h = g.Clone()
    h.Transform(to_laea)
    return h.GetArea() / 1e6


def polygon_parts(g):
    if g is None or g.IsEmpty():
        return []
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbPolygon:
        return [g.Clone()]
    if t in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        out = []
        for i in range(g.GetGeometryCount()):
            out += polygon_parts(g.GetGeometryRef(i))
        return out
    return []


def line_parts(g):
    if g is None or g.IsEmpty():
        return []
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbLineString:
        return [g.Clone()]
    if t in (ogr.wkbMultiLineString, ogr.wkbGeometryCollection):
        out = []
        for i in range(g.GetGeometryCount()):
            out += line_parts(g.GetGeometryRef(i))
        return out
    return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rivers", required=True)
    ap.add_argument("--lakes", required=True)
    ap.add_argument("--gpkg", required=True)
    ap.add_argument("--gazetteer", required=True)
    args = ap.parse_args()

    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    laea = osr.SpatialReference()
    laea.ImportFromEPSG(3035)
    laea.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_laea = osr.CoordinateTransformation(wgs84, laea)

    dam_lon, _ = gazetteer_point(args.gazetteer, *KAKHOVKA_DAM_TOWN)
    _, upper_lat = gazetteer_point(args.gazetteer, *UPPER_DAM_TOWN, north_of=47.5)
    kakhovka_box = ogr.CreateGeometryFromWkt(
        f"POLYGON(({dam_lon} 44,{dam_lon} {upper_lat},38 {upper_lat},38 44,{dam_lon} 44))")

    lakes = []  # (area, drained, geometry)
    for poly in lake_polygons(args.lakes):
        if area_km2(poly, to_laea) < MIN_AREA_KM2:
            continue
        simple = poly.SimplifyPreserveTopology(SIMPLIFY_DEG).MakeValid()
        pieces = [(0, simple)]
        # Only the cascade's polygon, which runs on west of the dam and north of Zaporizhzhia; the other
        # lakes the box meets (Crimea's, the Azov coast's) are left whole.
        min_x, _, _, max_y = simple.GetEnvelope()
        if simple.Intersects(kakhovka_box) and min_x < dam_lon and max_y > upper_lat:
            pieces = [(0, simple.Difference(kakhovka_box)), (1, simple.Intersection(kakhovka_box))]
        for drained, g in pieces:
            for part in polygon_parts(g):
                a = area_km2(part, to_laea)
                if a >= MIN_AREA_KM2:
                    lakes.append((round(a, 1), drained, part))
    if sum(1 for _, d, _ in lakes if d) != 1:
        raise SystemExit("lakes: the Kakhovka cut should leave exactly one drained part")
    lakes.sort(key=lambda t: (-t[0], t[2].GetEnvelope()))

    # GMT hands out whole bins at the region's edge and repeats points where it cuts: clip to the box
    # and drop what has no length.
    region = ogr.CreateGeometryFromWkt("POLYGON((4 33,60 33,60 63,4 63,4 33))")
    rivers = []
    for level, pts in merge_at_bin_cuts(read_river_segments(args.rivers)):
        line = ogr.Geometry(ogr.wkbLineString)
        for x, y in pts:
            line.AddPoint_2D(x, y)
        if line.Length() == 0:
            continue
        clipped = line if line.Within(region) else line.Intersection(region)
        for part in line_parts(clipped):
            if part.Length() > 0:
                rivers.append((level, [tuple(part.GetPoint_2D(i)) for i in range(part.GetPointCount())]))
    rivers.sort(key=lambda t: (t[0], t[1][0], t[1][-1], len(t[1])))

    gdal.SetConfigOption("OGR_CURRENT_DATE", GPKG_DATE)
    ds = ogr.Open(args.gpkg, update=1)
    for name in ("rivers", "lakes"):
        if ds.GetLayerByName(name) is not None:
            ds.DeleteLayer(name)
    ds.StartTransaction()
    rl = ds.CreateLayer("rivers", wgs84, ogr.wkbLineString, ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"])
    rl.CreateField(ogr.FieldDefn("level", ogr.OFTInteger))
    for level, pts in rivers:
        f = ogr.Feature(rl.GetLayerDefn())
        f.SetField("level", level)
        line = ogr.Geometry(ogr.wkbLineString)
        for x, y in pts:
            line.AddPoint_2D(x, y)
        f.SetGeometry(line)
        rl.CreateFeature(f)
    ll = ds.CreateLayer("lakes", wgs84, ogr.wkbPolygon, ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"])
    ll.CreateField(ogr.FieldDefn("area_km2", ogr.OFTReal))
    ll.CreateField(ogr.FieldDefn("drained", ogr.OFTInteger))
    ll.CreateField(ogr.FieldDefn("note", ogr.OFTString))
    for a, drained, g in lakes:
        f = ogr.Feature(ll.GetLayerDefn())
        f.SetField("area_km2", a)
        f.SetField("drained", drained)
        f.SetField("note", KAKHOVKA_NOTE if drained else "")
        f.SetGeometry(g)
        ll.CreateFeature(f)
    ds.CommitTransaction()
    ds = None

    import sqlite3
    con = sqlite3.connect(args.gpkg)
    con.execute("VACUUM")
    con.close()
    levels = defaultdict(int)
    for level, pts in rivers:
        levels[level] += 1
    print(f"rivers: {len(rivers)} lines ({dict(sorted(levels.items()))}), "
          f"{sum(len(p) for _, p in rivers)} vertices; lakes: {len(lakes)}, "
          f"{sum(a for a, _, _ in lakes):.0f} km2")


if __name__ == "__main__":
    main()
