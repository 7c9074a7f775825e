#!/usr/bin/python3
"""How the channel waypoints of the Black Sea route (black_sea.geojson) were found.

The Bosporus and the Dardanelles are only a few hundred metres to a few km wide in the 1:10m coastline,
so their waypoints were not picked by eye: for each strait segment this script
  1. rasterises the 1:10m countries (countries_10m, ALL_TOUCHED) over a small box,
  2. computes the distance of every water cell to land (gdal.ComputeProximity),
  3. finds a least-cost path between two water points with cost = step * (cap / min(distance, cap))^2,
     which keeps to the middle of narrow channels and is simply shortest in open water,
  4. simplifies it greedily: from each waypoint, the farthest path point whose WGS84 geodesic leg
     (densified every 50 m) keeps at least `clear_m` from land becomes the next waypoint.
The forced intermediate points are the places.geojson strait points (Bosporus, Dardanelles).

Usage: /usr/bin/python3 strait_path.py bosporus|dardanelles      (30 s / 2 min; prints the waypoints)
The open-sea waypoints (O1, W1–W5, S0, M1, D0, A1) were chosen by hand and, like these, are verified by
check_options.py.
"""
import ctypes
import heapq
import json
import math
import os
import sys

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()
ogr.UseExceptions()
GPKG = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "basemap.gpkg")

_lib = ctypes.CDLL("libproj.so.25")
_g = ctypes.create_string_buffer(4096)
_D = ctypes.c_double
_lib.geod_init.argtypes = [ctypes.c_void_p, _D, _D]
_lib.geod_inverse.argtypes = [ctypes.c_void_p, _D, _D, _D, _D] + [ctypes.POINTER(_D)] * 3
_lib.geod_direct.argtypes = [ctypes.c_void_p, _D, _D, _D, _D] + [ctypes.POINTER(_D)] * 3
_lib.geod_init(_g, 6378137.0, 1 / 298.257223563)


def densify(a, b, step_m):
    s, a1, a2 = _D(), _D(), _D()
    _lib.geod_inverse(_g, a[1], a[0], b[1], b[0], ctypes.byref(s), ctypes.byref(a1), ctypes.byref(a2))
    n = max(1, int(math.ceil(s.value / step_m)))
    pts = [tuple(a)]
    for i in range(1, n):
        la, lo, az = _D(), _D(), _D()
        _lib.geod_direct(_g, a[1], a[0], a1.value, s.value * i / n, ctypes.byref(la), ctypes.byref(lo), ctypes.byref(az))
        pts.append((lo.value, la.value))
    return pts + [tuple(b)]


def land_geom(bbox):
    ds = ogr.Open(GPKG)
    lyr = ds.GetLayerByName("countries_10m")
    lyr.SetSpatialFilterRect(*bbox)
    u = None
    for f in lyr:
        g = f.GetGeometryRef().Clone()
        u = g if u is None else u.Union(g)
    return u


def grid_path(bbox, start, end, res, cap_px):
    xmin, ymin, xmax, ymax = bbox
    W, H = int(round((xmax - xmin) / res)), int(round((ymax - ymin) / res))
    drv = gdal.GetDriverByName("MEM")
    ds = drv.Create("", W, H, 1, gdal.GDT_Byte)
    ds.SetGeoTransform((xmin, res, 0, ymax, 0, -res))
    src = ogr.Open(GPKG)
    gdal.RasterizeLayer(ds, [1], src.GetLayerByName("countries_10m"), burn_values=[1], options=["ALL_TOUCHED=TRUE"])
    prox = drv.Create("", W, H, 1, gdal.GDT_Float32)
    prox.SetGeoTransform(ds.GetGeoTransform())
    gdal.ComputeProximity(ds.GetRasterBand(1), prox.GetRasterBand(1), ["VALUES=1", "DISTUNITS=PIXEL"])
    land = ds.GetRasterBand(1).ReadAsArray()
    P = prox.GetRasterBand(1).ReadAsArray()
    cell = lambda p: (int((ymax - p[1]) / res), int((p[0] - xmin) / res))  # noqa: E731
    s, e = cell(start), cell(end)
    assert land[s] == 0 and land[e] == 0, "start/end must be in water"
    dist = np.full((H, W), np.inf)
    dist[s] = 0
    prev = {}
    pq = [(0.0, s)]
    nb = [(-1, 0, 1), (1, 0, 1), (0, -1, 1), (0, 1, 1), (-1, -1, 1.4142), (-1, 1, 1.4142), (1, -1, 1.4142), (1, 1, 1.4142)]
    while pq:
        d, c = heapq.heappop(pq)
        if c == e:
            break
        if d > dist[c]:
            continue
        for dr, dc, w in nb:
            r1, c1 = c[0] + dr, c[1] + dc
            if 0 <= r1 < H and 0 <= c1 < W and land[r1, c1] == 0:
                nd = d + w * (cap_px / min(P[r1, c1], cap_px)) ** 2
                if nd < dist[r1, c1]:
                    dist[r1, c1] = nd
                    prev[(r1, c1)] = c
                    heapq.heappush(pq, (nd, (r1, c1)))
    path = [e]
    while path[-1] != s:
        path.append(prev[path[-1]])
    path.reverse()
    pts = [(xmin + (c + 0.5) * res, ymax - (r + 0.5) * res) for r, c in path]
    pts[0], pts[-1] = tuple(start), tuple(end)
    return pts


def clearance_m(a, b, land):
    g = ogr.Geometry(ogr.wkbLineString)
    for x, y in densify(a, b, 50.0):
        g.AddPoint_2D(x, y)
    return -1 if g.Intersects(land) else g.Distance(land) * 111320 * math.cos(math.radians(max(a[1], b[1])))


def simplify(path, land, clear_m):
    out, i = [path[0]], 0
    while i < len(path) - 1:
        best = i + 1
        for j in range(len(path) - 1, i, -1):
            if clearance_m(path[i], path[j], land) >= clear_m:
                best = j
                break
        out.append(path[best])
        i = best
    return [(round(x, 5), round(y, 5)) for x, y in out]


SEGMENTS = {
    # bbox, [start, forced strait point, end], grid resolution (deg), cap (px), clearance (m)
    "bosporus": ([28.85, 40.85, 29.3, 41.35], [(29.15, 41.26), (29.05701, 41.08276), (28.98, 40.93)], 0.0003, 8, 150),
    "dardanelles": ([25.75, 39.85, 27.1, 40.6], [(27.0, 40.5), (26.38506, 40.16984), (25.85, 39.95)], 0.0007, 10, 500),
}

if __name__ == "__main__":
    bbox, pts, res, cap, clear = SEGMENTS[sys.argv[1]]
    land = land_geom(bbox)
    out = []
    for a, b in zip(pts, pts[1:]):
        seg = simplify(grid_path(bbox, a, b, res, cap), land, clear)
        out += seg if not out else seg[1:]
    print(json.dumps(out))
