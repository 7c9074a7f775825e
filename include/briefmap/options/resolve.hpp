#pragma once
// From curated features to what is drawn: each option layer's features plus the geometry derived from
// them (buffer bands, range rings, densified routes, the occupied side of the contact line, country areas)
// for the analyst's current parameter values. Derived features keep the sources of their inputs.
#include <map>
#include <string>
#include <vector>

#include "briefmap/options/option.hpp"

namespace briefmap::options {

/// Parameter values by id ("width_km" -> 20).
using ParameterValues = std::map<std::string, double>;

/// One option layer, ready to draw, split by how sure the placement is (inferred ones are drawn dashed).
/// What a layer is, for drawing and the legend: set here from the option data (its derived geometry and
/// records), never guessed later from ids or label text.
enum class LayerKind {
  Features,      ///< curated points, lines and areas
  Band,          ///< a buffer either side of a line (derive "buffer")
  RangeRings,    ///< geodesic rings about bases (derive "range_ring"): overlapping, drawn as one wash
  Route,         ///< a geodesic route (derive "geodesic_route")
  OccupiedSide,  ///< the side of the contact line Russia occupies (derive "occupied_side")
  Stances,       ///< countries coloured by their stance (records with a "stance")
};

struct ResolvedLayer {
  std::string optionId;
  std::string layerId;
  LayerKind kind = LayerKind::Features;
  data::Layer stated;    ///< placement "stated"
  data::Layer inferred;  ///< placement "inferred"
  data::Layer derived;   ///< computed: placement "derived"
  std::vector<std::string> notes;  ///< figures worth showing beside the layer ("rings cover 74 % of Ukraine")
};

/// The default value of every parameter of the option.
ParameterValues defaultParameters(const Option& option);

/// Resolves every layer of the option. `countries` are the basemap's country polygons (field "name"),
/// used for country areas, stances and the territory of Ukraine. Throws std::runtime_error on impossible
/// derived geometry (the message names the feature).
std::vector<ResolvedLayer> resolveOption(const Option& option, const ParameterValues& values,
                                         const data::Layer& countries);

}  // namespace briefmap::options
