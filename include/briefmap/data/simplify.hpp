#pragma once
#include "briefmap/data/layer.hpp"

namespace briefmap::data {

/// A copy of the layer with every line and ring simplified (Douglas–Peucker through GEOS/OGR) so that
/// no vertex moves more than `toleranceDeg` degrees. Polygons keep their topology (no self-crossing
/// rings); parts that collapse are dropped. Used for level of detail: 0.5 px of the target scale.
Layer simplifyLayer(const Layer& layer, double toleranceDeg);

}  // namespace briefmap::data
