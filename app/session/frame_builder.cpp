#include "briefmap/session/frame_builder.hpp"
#include "briefmap/session/sources_controller.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "briefmap/geo/geodesic.hpp"
#include "briefmap/options/option.hpp"

namespace briefmap::session {
namespace {

// The kinds of point a layer draws, in legend order.
std::vector<options::SymbolKind> kindsOf(const data::Layer& layer) {
  std::vector<options::SymbolKind> kinds;
  for (options::SymbolKind kind : options::kSymbolKinds)
    for (const auto& feature : layer.features)
      if (!feature.geometry.points.empty() && options::symbolKindOf(feature) == kind) {
        kinds.push_back(kind);
        break;
      }
  return kinds;
}

void appendOptionLayers(const AppState& state, render::FrameSnapshot& f) {
  using render::LegendEntry;
  using render::Rgba;
  const Rgba occupied = Rgba::hex(0xc0392b);  // front-line maps colour occupied territory red
  for (const auto& o : state.options) {
    // Slide transitions fade options in and out; a fading-out option is drawn but not in the legend.
    const float opacity = o.opacity * (o.visible ? o.fade : o.fadeOut);
    if (opacity <= 0.004f) continue;
    bool headed = !o.visible;
    for (const auto& l : o.layers) {
      if (!l.visible) continue;
      const options::LayerKind kind = l.resolved ? l.resolved->kind : options::LayerKind::Features;
      const bool stances = kind == options::LayerKind::Stances;
      const bool occupiedSide = kind == options::LayerKind::OccupiedSide;
      const Rgba colour = occupiedSide ? occupied : o.colour;
      auto add = [&](const std::shared_ptr<const render::SceneGroup>& group, const char* part, bool inferred, bool derived) {
        if (!group || (group->fill.empty() && group->lines.empty() && group->points.empty())) return;
        render::LayerDraw d;
        d.id = "option/" + o.id + "/" + l.id + "/" + part;
        d.group = group;
        d.opacity = opacity;
        d.style.stroke = colour;
        d.style.point = colour;
        // Range rings overlap one another and cover half the map: a faint wash, the outline does the work.
        const bool rings = derived && kind == options::LayerKind::RangeRings;
        d.style.fill = stances ? Rgba::hex(0xffffff, 0.6f)
                               : colour.withAlpha(!derived ? 0.28f : occupiedSide ? 0.32f : rings ? 0.035f : 0.22f);
        d.style.strokeWidth = stances ? 0.f : derived ? 1.6f : 2.6f;
        d.style.pointRadius = 5.f;
        d.style.dashed = inferred;
        d.style.hollowPoints = inferred;
        // Dark enough to read on any background: the option colour at two thirds.
        d.style.labelColour = derived && !group->points.empty() ? Rgba{} : Rgba{colour.r * 0.65f, colour.g * 0.65f, colour.b * 0.65f, 1.f};
        if (stances) d.style.labelColour = Rgba{};
        f.layers.push_back(std::move(d));
        if (!headed) {
          f.legend.push_back({LegendEntry::Symbol::Heading, o.colour, o.title});
          headed = true;
        }
        const LegendEntry::Symbol symbol = !group->fill.empty() ? LegendEntry::Symbol::Fill
                                     : !group->lines.empty() ? (inferred ? LegendEntry::Symbol::DashedLine : LegendEntry::Symbol::Line)
                                                             : (inferred ? LegendEntry::Symbol::HollowPoint : LegendEntry::Symbol::Point);
        std::string label = rings ? "Range rings (computed)" : l.title;
        // What the analyst drew is theirs, not a placement inferred from a document.
        const bool analystOnly = inferred && l.resolved && !l.resolved->inferred.features.empty() &&
                                 std::all_of(l.resolved->inferred.features.begin(), l.resolved->inferred.features.end(),
                                             [](const data::Feature& x) { return x.properties.value("placement", "") == "analyst"; });
        if (inferred && !(analystOnly && l.title.find("analyst") != std::string::npos))
          label += analystOnly ? " (drawn by the analyst)" : " (placement inferred)";
        if (derived && !occupiedSide && !rings) label += " (computed)";
        if (stances || !o.visible) return;
        const Rgba swatch = derived ? colour.withAlpha(0.5f) : colour;
        const bool points = symbol == LegendEntry::Symbol::Point || symbol == LegendEntry::Symbol::HollowPoint;
        const std::vector<options::SymbolKind> kinds = points && l.resolved ? kindsOf(derived ? l.resolved->derived : inferred ? l.resolved->inferred : l.resolved->stated)
                                                                            : std::vector<options::SymbolKind>{};
        if (kinds.size() < 2) {
          const auto kind = kinds.empty() ? options::SymbolKind::Position : kinds.front();
          f.legend.push_back({symbol, swatch, label, symbolShapeOf(kind)});
          return;
        }
        // One row per kind of point drawn: the layer's own title beside its positions (or its first kind), the
        // others by what they are.
        const bool positions = kinds.front() == options::SymbolKind::Position;
        for (size_t i = 0; i < kinds.size(); ++i) {
          const std::string name = i == 0 ? (positions ? label : label + " \u2014 " + options::symbolKindName(kinds[i]))
                                          : options::symbolKindName(kinds[i]);
          f.legend.push_back({symbol, swatch, name, symbolShapeOf(kinds[i])});
        }
      };
      // Derived areas underneath, then lines and points on top.
      if (l.rangeWash && !l.rangeWash->fill.empty()) {
        render::LayerDraw wash;
        wash.id = "option/" + o.id + "/" + l.id + "/range";
        wash.group = l.rangeWash;
        wash.opacity = opacity;
        wash.style.fill = colour.withAlpha(0.10f);
        wash.style.strokeWidth = 0.f;
        wash.style.labelColour = Rgba{};
        f.layers.push_back(std::move(wash));
        if (o.visible) {
          if (!headed) {
            f.legend.push_back({LegendEntry::Symbol::Heading, o.colour, o.title});
            headed = true;
          }
          f.legend.push_back({LegendEntry::Symbol::Fill, colour.withAlpha(0.35f), "Within range of a base (computed)"});
        }
      }
      add(l.derived, "derived", false, true);
      add(l.inferred, "inferred", true, false);
      add(l.stated, "stated", false, false);
      if (stances && state.catalog && o.visible) {
        for (const auto& st : state.catalog->stances)
          f.legend.push_back({LegendEntry::Symbol::Fill, Rgba::fromHex(st.colour), st.label});
      }
    }
  }
}

// The candidates of the document the Sources panel shows (prepared by the map session), and their legend line.
void appendCandidates(const AppState& state, render::FrameSnapshot& f) {
  const SourceDocument* document = state.sources.showPanel ? state.sources.selectedDocument() : nullptr;
  if (!document || state.candidateDraws.empty()) return;
  f.layers.insert(f.layers.end(), state.candidateDraws.begin(), state.candidateDraws.end());
  f.legend.push_back({render::LegendEntry::Symbol::HollowPoint, kCandidateGrey, "Candidates in " + documentLabel(document->document)});
}

}  // namespace

render::SymbolShape symbolShapeOf(options::SymbolKind kind) {
  switch (kind) {
    case options::SymbolKind::AirBase: return render::SymbolShape::Triangle;
    case options::SymbolKind::Port: return render::SymbolShape::Square;
    case options::SymbolKind::NuclearPlant: return render::SymbolShape::Diamond;
    case options::SymbolKind::Position: break;
  }
  return render::SymbolShape::Circle;
}

double groundMetresPerPixel(const geo::Projection& projection, const render::View& view) {
  constexpr double kHalfSpanPx = 50;
  const double d = kHalfSpanPx * view.metresPerPixel;
  const geo::LonLat a = projection.inverse({view.centre.x - d, view.centre.y});
  const geo::LonLat b = projection.inverse({view.centre.x + d, view.centre.y});
  if (!std::isfinite(a.lon) || !std::isfinite(b.lon)) return view.metresPerPixel;
  return geo::geodesicDistance(a, b) / (2 * kHalfSpanPx);
}

double northAngleDeg(const geo::Projection& projection, const render::View& view) {
  // Project a point a little north of the centre: the direction it lands in is true north on the map.
  const geo::LonLat c = projection.inverse(view.centre);
  if (!std::isfinite(c.lon) || !std::isfinite(c.lat) || c.lat > 89.9) return 0;
  const geo::MapXY a = projection.forward(c);
  const geo::MapXY b = projection.forward({c.lon, c.lat + 0.05});
  if (!std::isfinite(b.x) || !std::isfinite(b.y) || (a.x == b.x && a.y == b.y)) return 0;
  return std::atan2(b.x - a.x, b.y - a.y) * 180.0 / M_PI;
}

std::vector<std::string> visibleSources(const AppState& state) {
  std::set<std::string> docs;
  for (const auto& o : state.options) {
    if (!o.visible || o.opacity <= 0) continue;
    for (const auto& l : o.layers) {
      if (!l.visible || !l.resolved) continue;
      for (const data::Layer* part : {&l.resolved->stated, &l.resolved->inferred, &l.resolved->derived})
        for (const auto& feature : part->features)
          for (const auto& s : options::sourcesOf(feature)) docs.insert(s.doc);
    }
  }
  // Named as the inspector and the Sources panel name them (headline and date), by the one function.
  std::vector<std::string> lines;
  for (const auto& doc : docs) lines.push_back(documentLabel(state, doc));
  return lines;
}

render::FrameSnapshot buildFrame(const AppState& state, const geo::Projection& projection, int widthPx, int heightPx,
                                 float pixelRatio) {
  render::FrameSnapshot f;
  f.view = state.view;
  f.widthPx = widthPx;
  f.heightPx = heightPx;
  f.pixelRatio = pixelRatio;
  f.basemap = state.basemapScene;
  f.style = render::defaultMapStyle();
  f.showScaleBar = state.showScaleBar;
  f.groundMetresPerPixel = groundMetresPerPixel(projection, state.view);
  f.furniture.northAngleDeg = static_cast<float>(northAngleDeg(projection, state.view));
  f.attribution =
      "Natural Earth (public domain) · Rivers, lakes: GSHHG (Wessel & Smith 1996), LGPL · Places: GeoNames "
      "(geonames.org), CC BY 4.0";
  for (const auto& l : state.layers) {
    if (!l.visible || l.opacity <= 0) continue;
    render::LayerDraw d;
    d.id = l.id;
    d.isBasemap = l.isBasemap;
    d.part = l.part;
    d.group = l.scene;
    d.style = l.style;
    d.opacity = l.opacity;
    if (!d.isBasemap && !d.group) {
      // A file still being read: the batches prepared so far, in the order read.
      for (size_t k = 0; k < l.partialScenes.size(); ++k) {
        render::LayerDraw part = d;
        part.id = l.id + "/batch" + std::to_string(k);
        part.group = l.partialScenes[k];
        part.partOfALoad = true;
        f.layers.push_back(std::move(part));
      }
      continue;
    }
    f.layers.push_back(std::move(d));
  }
  appendOptionLayers(state, f);
  appendCandidates(state, f);
  f.layers.insert(f.layers.end(), state.annotationDraws.begin(), state.annotationDraws.end());
  f.layers.insert(f.layers.end(), state.editDraws.begin(), state.editDraws.end());
  f.layers.insert(f.layers.end(), state.selectionDraws.begin(), state.selectionDraws.end());  // on top of all
  return f;
}

}  // namespace briefmap::session
