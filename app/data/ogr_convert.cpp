#include "briefmap/data/ogr_convert.hpp"

namespace briefmap::data {

std::unique_ptr<OGRLinearRing> toOgrRing(const Ring& ring) {
  auto r = std::make_unique<OGRLinearRing>();
  r->setNumPoints(static_cast<int>(ring.size()) + 1);
  for (size_t i = 0; i < ring.size(); ++i) r->setPoint(static_cast<int>(i), ring[i].lon, ring[i].lat);
  if (!ring.empty()) r->setPoint(static_cast<int>(ring.size()), ring.front().lon, ring.front().lat);
  return r;
}

std::unique_ptr<OGRPolygon> toOgrPolygon(const Polygon& polygon) {
  auto p = std::make_unique<OGRPolygon>();
  for (const auto& ring : polygon.rings) p->addRingDirectly(toOgrRing(ring).release());
  return p;
}

std::unique_ptr<OGRLineString> toOgrLine(const LineString& line) {
  auto l = std::make_unique<OGRLineString>();
  l->setNumPoints(static_cast<int>(line.size()));
  for (size_t i = 0; i < line.size(); ++i) l->setPoint(static_cast<int>(i), line[i].lon, line[i].lat);
  return l;
}

Ring fromOgrRing(const OGRLinearRing* r) {
  Ring out;
  const int n = r->getNumPoints();
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back({r->getX(i), r->getY(i)});
  if (out.size() > 1 && out.front() == out.back()) out.pop_back();
  return out;
}

void appendOgrPolygons(const OGRGeometry* g, std::vector<Polygon>& out) {
  if (!g || g->IsEmpty()) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbPolygon) {
    Polygon p;
    for (const auto* ring : *g->toPolygon()) {
      Ring r = fromOgrRing(ring);
      if (r.size() >= 3) p.rings.push_back(std::move(r));
      else if (p.rings.empty()) return;  // a collapsed outer ring: no polygon
    }
    if (!p.rings.empty()) out.push_back(std::move(p));
  } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
    for (const auto* part : *g->toGeometryCollection()) appendOgrPolygons(part, out);
  }
}

void appendOgrLines(const OGRGeometry* g, std::vector<LineString>& out) {
  if (!g || g->IsEmpty()) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbLineString) {
    const auto* l = g->toLineString();
    LineString line;
    for (int i = 0; i < l->getNumPoints(); ++i) line.push_back({l->getX(i), l->getY(i)});
    if (line.size() >= 2) out.push_back(std::move(line));
  } else if (type == wkbMultiLineString || type == wkbGeometryCollection) {
    for (const auto* part : *g->toGeometryCollection()) appendOgrLines(part, out);
  }
}

std::unique_ptr<OGRGeometry> toOgrGeometry(const Geometry& g) {
  auto collection = std::make_unique<OGRGeometryCollection>();
  auto multiPolygon = std::make_unique<OGRMultiPolygon>();
  auto multiLine = std::make_unique<OGRMultiLineString>();
  auto multiPoint = std::make_unique<OGRMultiPoint>();
  for (const auto& poly : g.polygons) multiPolygon->addGeometryDirectly(toOgrPolygon(poly).release());
  for (const auto& line : g.lines) multiLine->addGeometryDirectly(toOgrLine(line).release());
  for (const auto& v : g.points) multiPoint->addGeometryDirectly(new OGRPoint(v.lon, v.lat));
  const int kinds = !g.polygons.empty() + !g.lines.empty() + !g.points.empty();
  if (kinds == 0) return nullptr;
  if (kinds == 1) {
    // The simplest type that holds it: a single part stays a single part.
    if (!g.polygons.empty())
      return g.polygons.size() == 1 ? std::unique_ptr<OGRGeometry>(multiPolygon->getGeometryRef(0)->clone())
                                    : std::move(multiPolygon);
    if (!g.lines.empty())
      return g.lines.size() == 1 ? std::unique_ptr<OGRGeometry>(multiLine->getGeometryRef(0)->clone())
                                 : std::move(multiLine);
    return g.points.size() == 1 ? std::unique_ptr<OGRGeometry>(multiPoint->getGeometryRef(0)->clone())
                                : std::move(multiPoint);
  }
  if (!g.polygons.empty()) collection->addGeometryDirectly(multiPolygon.release());
  if (!g.lines.empty()) collection->addGeometryDirectly(multiLine.release());
  if (!g.points.empty()) collection->addGeometryDirectly(multiPoint.release());
  return collection;
}

static void appendRing(const OGRLinearRing* ring, Ring& out) {
  const int n = ring->getNumPoints();
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back({ring->getX(i), ring->getY(i)});
  // OGR repeats the closing vertex; our rings do not (the tessellator needs it so).
  if (out.size() > 1 && out.front() == out.back()) out.pop_back();
}

void appendOgrGeometry(const OGRGeometry* g, Geometry& out) {
  if (!g || g->IsEmpty()) return;
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: {
      auto* p = g->toPoint();
      out.points.push_back({p->getX(), p->getY()});
      break;
    }
    case wkbLineString:
    case wkbLinearRing:
    case wkbCircularString: {
      std::unique_ptr<OGRGeometry> linear;
      const OGRSimpleCurve* curve = nullptr;
      if (g->hasCurveGeometry()) {
        linear.reset(g->getLinearGeometry());
        curve = linear->toSimpleCurve();
      } else {
        curve = g->toSimpleCurve();
      }
      LineString line;
      line.reserve(curve->getNumPoints());
      for (int i = 0; i < curve->getNumPoints(); ++i) line.push_back({curve->getX(i), curve->getY(i)});
      if (line.size() >= 2) out.lines.push_back(std::move(line));
      break;
    }
    case wkbPolygon: {
      auto* poly = g->toPolygon();
      Polygon p;
      for (const auto* ring : *poly) {
        Ring r;
        appendRing(ring, r);
        if (r.size() >= 3) p.rings.push_back(std::move(r));
        else if (p.rings.empty()) return;  // a degenerate outer ring means no polygon at all
      }
      if (!p.rings.empty()) out.polygons.push_back(std::move(p));
      break;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
      for (const auto* part : *g->toGeometryCollection()) appendOgrGeometry(part, out);
      break;
    }
    default: {
      // Curves, surfaces, TINs…: ask OGR for the linear equivalent and try again.
      std::unique_ptr<OGRGeometry> linear(g->getLinearGeometry());
      if (linear && wkbFlatten(linear->getGeometryType()) != wkbFlatten(g->getGeometryType())) {
        appendOgrGeometry(linear.get(), out);
      }
      break;
    }
  }
}

}  // namespace briefmap::data
