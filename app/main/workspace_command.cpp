// `briefmap workspace …`: the workspace for scripts and tests: documents and candidates, features, and the
// analyst's own options, layers, parameters and presets.
#include <ogr_geometry.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <tuple>

#include "briefmap/data/ogr_convert.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/extract/extractor.hpp"
#include "briefmap/extract/gazetteer.hpp"
#include "briefmap/workspace/workspace.hpp"
#include "commands.hpp"

namespace briefmap::cli {
namespace {

// One line of a tab-separated table: tabs and line breaks inside a value become spaces.
std::string cell(std::string value) {
  for (char& c : value)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return value;
}

void printCandidates(const std::vector<workspace::CandidateRecord>& candidates) {
  std::printf("id\tdoc\tplace\toption\trelevance\tstatus\tquote\n");
  for (const auto& c : candidates)
    std::printf("%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n", c.id.c_str(), cell(c.doc).c_str(), cell(c.place).c_str(),
                c.option.c_str(), c.relevance, workspace::toString(c.status), cell(c.quote).c_str());
}

int fail(const char* command, const std::string& message, int code = 1) {
  std::fprintf(stderr, "briefmap workspace %s: %s\n", command, message.c_str());
  return code;
}

data::Geometry geometryFromWkt(const std::string& wkt) {
  OGRGeometry* parsed = nullptr;
  if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &parsed) != OGRERR_NONE || !parsed)
    throw std::invalid_argument("--wkt: not a WKT geometry: '" + wkt.substr(0, 80) + "'");
  std::unique_ptr<OGRGeometry> owned(parsed);
  data::Geometry g;
  data::appendOgrGeometry(owned.get(), g);
  if (g.empty()) throw std::invalid_argument("--wkt: the geometry is empty");
  const auto box = g.bounds();
  if (!(box.minX >= -180 && box.maxX <= 180 && box.minY >= -90 && box.maxY <= 90))
    throw std::invalid_argument("--wkt: coordinates must be longitude, latitude in degrees (WGS84)");
  return g;
}

void printCatalogue(const workspace::Workspace& w) {
  std::printf("option\torigin\ttitle\tlayers\tparameters\n");
  for (const auto& r : w.optionRecords()) {
    std::string layers, parameters;
    for (const auto& l : r.definition.layers) layers += (layers.empty() ? "" : ",") + l.id;
    for (const auto& p : r.definition.parameters) {
      char range[96];
      std::snprintf(range, sizeof range, "=%g [%g..%g]", p.defaultValue, p.min, p.max);
      parameters += (parameters.empty() ? "" : ",") + p.id + range;
    }
    std::printf("%s\t%s\t%s\t%s\t%s\n", r.definition.id.c_str(), r.origin.c_str(), cell(r.definition.title).c_str(),
                layers.c_str(), parameters.c_str());
  }
  std::printf("\npreset\ttitle\toptions\tparameters\n");
  for (const auto& p : w.presets()) {
    std::string shown, values;
    for (const auto& o : p.options) shown += (shown.empty() ? "" : ",") + o;
    for (const auto& [option, parameter, value] : p.parameters) {
      char number[48];
      std::snprintf(number, sizeof number, "=%g", value);
      values += (values.empty() ? "" : ",") + option + "." + parameter + number;
    }
    std::printf("%s\t%s\t%s\t%s\n", p.id.c_str(), cell(p.title).c_str(), shown.c_str(), values.c_str());
  }
}

// "option.parameter=value" as a preset holds it.
std::tuple<std::string, std::string, double> presetValue(const std::string& text) {
  const auto dot = text.find('.'), equals = text.find('=');
  if (dot == std::string::npos || equals == std::string::npos || equals < dot)
    throw std::invalid_argument("--set " + text + ": expected option.parameter=value");
  const std::string number = text.substr(equals + 1);
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(number, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != number.size() || !std::isfinite(value))
    throw std::invalid_argument("--set " + text + ": '" + number + "' is not a number");
  return {text.substr(0, dot), text.substr(dot + 1, equals - dot - 1), value};
}

options::Option existingOption(const workspace::Workspace& w, const std::string& id) {
  auto record = w.optionRecord(id);
  if (!record) {
    std::string known;
    for (const auto& r : w.optionRecords()) known += " " + r.definition.id;
    throw std::invalid_argument(w.name() + " has no option '" + id + "'; it has:" + known);
  }
  return record->definition;
}

// The catalogue commands: each makes one change and commits it.
std::optional<workspace::Change> catalogueChange(const workspace::Workspace& w, const WorkspaceOptions& o) {
  if (o.command == "add-option") {
    options::Option option;
    option.id = o.id;
    option.title = o.title;
    option.summary = o.summary;
    option.colour = o.colour;
    for (const auto& layer : o.layers) {
      const auto equals = layer.find('=');
      option.layers.push_back({layer.substr(0, equals), equals == std::string::npos ? std::string() : layer.substr(equals + 1), ""});
    }
    return w.addOptionChange(option);
  }
  if (o.command == "edit-option") {
    options::Option option = existingOption(w, o.id);
    if (!o.title.empty()) option.title = o.title;
    if (!o.summary.empty()) option.summary = o.summary;
    if (!o.colour.empty()) option.colour = o.colour;
    return w.editOptionChange(o.id, option);
  }
  if (o.command == "delete-option") return w.deleteOptionChange(existingOption(w, o.id).id);
  if (o.command == "add-layer") {
    options::Option option = existingOption(w, o.option);
    option.layers.push_back({o.layer, o.title, o.summary});
    auto change = w.editOptionChange(o.option, option);
    change.label = "Add layer " + o.layer + " to " + o.option;
    return change;
  }
  if (o.command == "add-parameter") {
    options::Option option = existingOption(w, o.option);
    if (option.parameter(o.parameter))
      throw std::invalid_argument("option '" + o.option + "' already has a parameter '" + o.parameter + "'");
    option.parameters.push_back({o.parameter, o.title, o.unit, o.defaultValue, o.minValue, o.maxValue, o.step, o.note, {}});
    auto change = w.editOptionChange(o.option, option);
    change.label = "Add parameter " + o.parameter + " to " + o.option;
    return change;
  }
  if (o.command == "save-preset") {
    options::Preset preset;
    preset.id = o.id;
    preset.title = o.title;
    preset.options = o.show;
    for (const auto& set : o.sets) preset.parameters.push_back(presetValue(set));
    return w.savePresetChange(preset);
  }
  if (o.command == "delete-preset") return w.deletePresetChange(o.id);
  return std::nullopt;
}

}  // namespace

int runWorkspace(const WorkspaceOptions& o) {
  const char* command = o.command.c_str();
  try {
    const auto geodata = data::findGeodataDir();
    if (o.command == "create") {
      if (!workspace::Workspace::isPostgresTarget(o.target)) {
        const auto folder = std::filesystem::absolute(o.target).parent_path();
        cleanUpOnInterrupt(folder);
      }
      const auto bundled = options::loadOptionCatalog(geodata / "options");
      auto w = workspace::Workspace::create(o.target, bundled);
      if (!o.quiet)
        std::printf("created %s: %zu options, %zu features, %zu facts\n", w->name().c_str(), bundled.options.size(),
                    w->features().size(), w->facts().size());
      return 0;
    }
    auto w = workspace::Workspace::open(o.target);
    if (o.command == "import") {
      const auto gazetteer = extract::Gazetteer::load(geodata);
      const extract::Extractor extractor(gazetteer);
      std::vector<std::filesystem::path> paths(o.documents.begin(), o.documents.end());
      std::vector<std::string> warnings;
      const auto added = w->importDocuments(paths, extractor, &warnings);
      for (const auto& warning : warnings) std::fprintf(stderr, "briefmap workspace import: %s\n", warning.c_str());
      printCandidates(added);
      return 0;
    }
    if (o.command == "candidates") {
      printCandidates(w->candidates(o.pendingOnly));
      return 0;
    }
    if (o.command == "accept" || o.command == "reject") {
      const auto candidate = w->candidate(o.id);
      if (!candidate) return fail(command, w->name() + " has no candidate '" + o.id + "' (see: briefmap workspace candidates)");
      const auto change = o.command == "accept" ? w->acceptChange(*candidate, o.option, o.layer) : w->rejectChange(*candidate);
      const auto result = w->commit(change);
      if (!result.ok()) return fail(command, result.reason);
      if (!o.quiet) {
        if (o.command == "accept") {
          const auto& f = result.committed.features.front().after;
          std::printf("accepted %s (%s) as feature %s in %s/%s\n", o.id.c_str(), candidate->place.c_str(), f->uid.c_str(),
                      f->option.c_str(), f->layer.c_str());
        } else {
          std::printf("rejected %s (%s)\n", o.id.c_str(), candidate->place.c_str());
        }
      }
      return 0;
    }
    if (o.command == "options") {
      printCatalogue(*w);
      return 0;
    }
    if (auto change = catalogueChange(*w, o)) {
      const auto result = w->commit(*change);
      if (!result.ok()) return fail(command, result.reason);
      if (!o.quiet) std::printf("%s\n", change->label.c_str());
      return 0;
    }
    if (o.command == "add") {
      const auto catalog = w->catalog(geodata / "sources");
      if (!catalog.find(o.option)) {
        std::string known;
        for (const auto& option : catalog.options) known += " " + option.id;
        return fail(command, "--option: " + w->name() + " has no option '" + o.option + "'; it has:" + known, 2);
      }
      workspace::FeatureRecord feature;
      feature.uid = workspace::newFeatureUid();
      feature.option = o.option;
      feature.layer = o.layer;
      feature.feature.geometry = geometryFromWkt(o.wkt);
      // Drawn by the analyst: never presented as stated by a document.
      feature.feature.properties = {{"name", o.name}, {"placement", "analyst"}};
      if (!o.note.empty()) feature.feature.properties["note"] = o.note;
      if (!o.derive.empty()) {
        const std::string kind = o.derive == "route" ? "geodesic_route" : o.derive;
        nlohmann::json derive = {{"kind", kind}};
        if (!o.parameter.empty()) derive["parameter"] = o.parameter;
        const std::string sizedBy = kind == "buffer" ? o.parameter.empty() ? "width_km" : o.parameter
                                    : kind == "range_ring" ? o.parameter.empty() ? "radius_km" : o.parameter : "";
        if (!sizedBy.empty() && !catalog.find(o.option)->parameter(sizedBy))
          return fail(command, "--derive " + o.derive + ": option '" + o.option + "' has no parameter '" + sizedBy +
                                   "' (add one with: briefmap workspace add-parameter)", 2);
        if ((kind == "buffer" || kind == "geodesic_route") && feature.feature.geometry.lines.empty())
          return fail(command, "--derive " + o.derive + " needs a LINESTRING", 2);
        if (kind == "range_ring" && feature.feature.geometry.points.empty())
          return fail(command, "--derive range_ring needs a POINT", 2);
        feature.feature.properties["derive"] = derive;
      }
      const auto result = w->commit({"Add " + o.name, {{std::nullopt, feature}}, {}, {}});
      if (!result.ok()) return fail(command, result.reason);
      if (!o.quiet) std::printf("added %s (%s) to %s/%s\n", feature.uid.c_str(), o.name.c_str(), o.option.c_str(), o.layer.c_str());
      return 0;
    }
    return fail(command, "unknown command", 2);
  } catch (const std::invalid_argument& e) {
    return fail(command, e.what(), 2);
  } catch (const std::exception& e) {
    return fail(command, e.what());
  }
}

}  // namespace briefmap::cli
