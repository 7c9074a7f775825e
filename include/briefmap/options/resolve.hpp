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
struct ResolvedLayer {
  std::string optionId;
  std::string layerId;
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
