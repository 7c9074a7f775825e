#pragma once
#include <span>

#include "briefmap/data/layer.hpp"

namespace briefmap::data {

/// A copy of the layer with every line and ring simplified (Douglas–Peucker through GEOS/OGR) so that
/// no vertex moves more than `toleranceDeg` degrees; parts that collapse are dropped. Rings may cross
/// themselves where the tolerance allows; the tessellator's odd winding rule resolves that. Used for level of detail: 0.5 px of the target scale.
Layer simplifyLayer(const Layer& layer, double toleranceDeg);

/// What geometryForScale() did, for tests and the bench: features whose box meets `within` were prepared,
/// the others left alone.
struct ScalePrepareStats {
  size_t featuresPrepared = 0;
  size_t featuresOutside = 0;
};

/// The geometry of a user's layer for one scale, as one feature without properties (what a scene needs): with `within`, only the features whose box meets
/// it, their polygons cut to it and their lines to the runs of segments that meet it, so a layer that spans the
/// world costs what the view shows; then simplified as simplifyLayer() and, past a tolerance > 0, points closer
/// than the tolerance thinned to one (they draw as one symbol). Any thread.
Layer geometryForScale(const Layer& layer, double toleranceDeg, const geo::LonLatBox* within = nullptr,
                       ScalePrepareStats* stats = nullptr);
/// The same for a part of the layer's features (a run of `layer.features`), so parts can be prepared on several
/// threads; points are thinned within the part.
Layer geometryForScale(const Layer& layer, std::span<const Feature> features, double toleranceDeg,
                       const geo::LonLatBox* within = nullptr, ScalePrepareStats* stats = nullptr);

/// Where to put an area's label: a point inside its largest polygon (GEOS point-on-surface),
/// and that polygon's area in square degrees (for deciding at which scales it is labelled).
/// Returns false when the geometry has no polygon.
bool areaLabelPoint(const Geometry& geometry, LonLat& at, double& areaDeg2);

}  // namespace briefmap::data
