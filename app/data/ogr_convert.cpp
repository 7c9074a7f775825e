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

}  // namespace briefmap::data
