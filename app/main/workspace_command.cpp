// `briefmap workspace create|import|candidates|accept|reject|add`: the workspace for scripts and tests.
#include <ogr_geometry.h>

#include <cstdio>
#include <iostream>

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
      printCandidates(w->importDocuments(paths, extractor));
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
