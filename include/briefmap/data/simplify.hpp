#pragma once
#include "briefmap/data/layer.hpp"

namespace briefmap::data {

/// A copy of the layer with every line and ring simplified (Douglas–Peucker through GEOS/OGR) so that
/// no vertex moves more than `toleranceDeg` degrees; parts that collapse are dropped. Rings may cross
/// themselves where the tolerance allows; the tessellator's odd winding rule resolves that. Used for level of detail: 0.5 px of the target scale.
Layer simplifyLayer(const Layer& layer, double toleranceDeg);

/// Where to put an area's label: a point inside its largest polygon (GEOS point-on-surface),
/// and that polygon's area in square degrees (for deciding at which scales it is labelled).
/// Returns false when the geometry has no polygon.
bool areaLabelPoint(const Geometry& geometry, LonLat& at, double& areaDeg2);

}  // namespace briefmap::data
