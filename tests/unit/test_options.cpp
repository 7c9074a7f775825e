// The option layers against their documents, and the option actions of the model.
#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "briefmap/data/resources.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "briefmap/options/option.hpp"
#include "briefmap/options/symbol.hpp"
#include "briefmap/session/app_state.hpp"

using namespace briefmap;
namespace fs = std::filesystem;

namespace {

const options::OptionCatalog& catalog() {
  static const options::OptionCatalog c = options::loadOptionCatalog(data::findGeodataDir() / "options");
  return c;
}

std::string document(const std::string& name) {
  static std::map<std::string, std::string> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  std::ifstream in(catalog().sourcesDir / name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return cache[name] = options::normaliseWhitespace(s.str());
}

void expectQuotesInDocuments(const std::vector<options::SourceRef>& sources, const std::string& where) {
  EXPECT_FALSE(sources.empty()) << where << " has no source";
  for (const auto& s : sources) {
    ASSERT_TRUE(fs::exists(catalog().sourcesDir / s.doc)) << where << ": no document " << s.doc;
    EXPECT_FALSE(s.quote.empty()) << where;
    EXPECT_NE(document(s.doc).find(options::normaliseWhitespace(s.quote)), std::string::npos)
        << where << ": quote not found verbatim in " << s.doc << ":\n  " << s.quote;
  }
}

}  // namespace

TEST(OptionData, TheCorpusTravelsWithTheProject) {
  size_t docs = 0;
  for (const auto& e : fs::directory_iterator(catalog().sourcesDir)) docs += e.path().extension() == ".txt";
  EXPECT_GE(docs, 5u);
}

TEST(OptionData, EveryQuoteAppearsVerbatimInItsDocument) {
  ASSERT_GE(catalog().options.size(), 7u);
  size_t quotes = 0;
  for (const auto& o : catalog().options) {
    for (const auto& f : o.features.features) {
      const auto sources = options::sourcesOf(f);
      expectQuotesInDocuments(sources, o.id + "/" + f.properties.value("name", std::string("?")));
      quotes += sources.size();
    }
    for (const auto& fact : o.facts) {
      expectQuotesInDocuments(fact.sources, o.id + " fact '" + fact.text + "'");
      quotes += fact.sources.size();
    }
    for (const auto& p : o.parameters) {
      EXPECT_FALSE(p.basis.empty()) << o.id << "." << p.id << " has no stated basis";
      EXPECT_GE(p.defaultValue, p.min);
      EXPECT_LE(p.defaultValue, p.max);
    }
  }
  EXPECT_GT(quotes, 30u);
}

TEST(OptionData, EveryFeatureCarriesItsProvenance) {
  const std::set<std::string> placements = {"stated", "inferred", "derived"};
  for (const auto& o : catalog().options) {
    std::set<std::string> layers;
    for (const auto& l : o.layers) layers.insert(l.id);
    for (const auto& f : o.features.features) {
      const std::string name = f.properties.value("name", std::string());
      EXPECT_FALSE(name.empty()) << o.id;
      EXPECT_EQ(f.properties.value("option", std::string()), o.id) << name;
      EXPECT_TRUE(layers.count(f.properties.value("layer", std::string()))) << name << " names an unknown layer";
      const std::string placement = f.properties.value("placement", std::string());
      EXPECT_TRUE(placements.count(placement)) << name << ": placement '" << placement << "'";
      if (placement == "inferred") {
        EXPECT_FALSE(f.properties.value("note", std::string()).empty()) << name << ": inferred without a note";
      }
    }
  }
}

TEST(OptionData, TheDocumentsCentralOptionsAreThere) {
  for (const char* id : {"reassurance_force", "us_backstop", "buffer_zone", "black_sea", "air_policing", "force_concepts",
                         "contributors"}) {
    EXPECT_NE(catalog().find(id), nullptr) << id;
  }
  const auto* buffer = catalog().find("buffer_zone");
  ASSERT_NE(buffer, nullptr);
  const auto* width = buffer->parameter("width_km");
  ASSERT_NE(width, nullptr);
  EXPECT_EQ(width->defaultValue, 20);  // "20 kilometers on either side of the contact line"
}

namespace {
session::AppState stateWithOptions() {
  session::AppState s;
  s.catalog = std::shared_ptr<const options::OptionCatalog>(&catalog(), [](const options::OptionCatalog*) {});
  for (const auto& def : catalog().options) {
    session::OptionState o;
    o.id = def.id;
    o.parameters = options::defaultParameters(def);
    for (const auto& l : def.layers) o.layers.push_back({l.id, l.title, l.legend, true, nullptr, nullptr, nullptr, nullptr});
    s.options.push_back(std::move(o));
  }
  return s;
}
}  // namespace

TEST(OptionActions, ToggleOptionsAndLayers) {
  auto s = stateWithOptions();
  EXPECT_TRUE(session::applyAction(s, session::action::SetOptionVisible{"buffer_zone", true}).isDone());
  EXPECT_TRUE(s.findOption("buffer_zone")->visible);
  EXPECT_TRUE(session::applyAction(s, session::action::SetOptionLayerVisible{"buffer_zone", "occupied", false}).isDone());
  EXPECT_FALSE(s.findOption("buffer_zone")->layer("occupied")->visible);
  EXPECT_TRUE(session::applyAction(s, session::action::SetOptionVisible{"no_such_option", true}).isFailed());
}

TEST(OptionActions, ParameterChangesAreClampedAndTriggerRecomputation) {
  auto s = stateWithOptions();
  auto* buffer = s.findOption("buffer_zone");
  const unsigned before = buffer->revision;
  EXPECT_TRUE(session::applyAction(s, session::action::SetOptionParameter{"buffer_zone", "width_km", 35}).isDone());
  EXPECT_EQ(buffer->parameters["width_km"], 35);
  EXPECT_EQ(buffer->revision, before + 1);
  const double max = catalog().find("buffer_zone")->parameter("width_km")->max;
  session::applyAction(s, session::action::SetOptionParameter{"buffer_zone", "width_km", max * 10});
  EXPECT_EQ(buffer->parameters["width_km"], max);
  const unsigned revision = buffer->revision;
  EXPECT_TRUE(session::applyAction(s, session::action::SetOptionParameter{"buffer_zone", "width_km", max}).isDone());
  EXPECT_EQ(buffer->revision, revision) << "no change, nothing to recompute";
  const auto refused = session::applyAction(s, session::action::SetOptionParameter{"buffer_zone", "nonsense", 1});
  EXPECT_TRUE(refused.isFailed());
  EXPECT_NE(refused.reason.find("nonsense"), std::string::npos) << refused.reason;
}

TEST(OptionActions, PresetsGiveTheSameVisibleSetEveryTime) {
  auto s = stateWithOptions();
  session::applyAction(s, session::action::SetOptionVisible{"black_sea", true});
  session::applyAction(s, session::action::SetOptionParameter{"buffer_zone", "width_km", 70});
  ASSERT_TRUE(session::applyAction(s, session::action::ApplyPreset{"guarantee_stack"}).isDone());
  std::set<std::string> visible;
  for (const auto& o : s.options)
    if (o.visible) visible.insert(o.id);
  EXPECT_EQ(visible, (std::set<std::string>{"buffer_zone", "reassurance_force", "us_backstop"}));
  EXPECT_EQ(s.findOption("buffer_zone")->parameters["width_km"], 20);  // back to the reported width
  ASSERT_TRUE(session::applyAction(s, session::action::ApplyPreset{"buffer_20_vs_50"}).isDone());
  EXPECT_EQ(s.findOption("buffer_zone")->parameters["width_km"], 50);
  EXPECT_TRUE(session::applyAction(s, session::action::ApplyPreset{"no_such_preset"}).isFailed());
}

TEST(OptionCatalog, PresetsAreOptionDataAndCheckedAgainstTheOptions) {
  const options::Preset* stack = catalog().preset("guarantee_stack");
  ASSERT_NE(stack, nullptr);
  EXPECT_EQ(stack->options, (std::vector<std::string>{"buffer_zone", "reassurance_force", "us_backstop"}));
  const options::Preset* wide = catalog().preset("buffer_20_vs_50");
  ASSERT_NE(wide, nullptr);
  ASSERT_EQ(wide->parameters.size(), 1u);
  EXPECT_EQ(wide->parameters[0], std::make_tuple(std::string("buffer_zone"), std::string("width_km"), 50.0));

  // A preset that names an option the data does not have is refused when the catalogue loads.
  const fs::path dir = fs::temp_directory_path() / ("briefmap-presets-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(data::findGeodataDir() / "options"))
    if (e.path().extension() == ".geojson") fs::copy_file(e.path(), dir / e.path().filename());
  std::ifstream in(data::findGeodataDir() / "options" / "options.json");
  nlohmann::json index = nlohmann::json::parse(in);
  index["presets"].push_back({{"id", "broken"}, {"title", "Broken"}, {"options", {"no_such_option"}}});
  std::ofstream(dir / "options.json") << index.dump();
  try {
    options::loadOptionCatalog(dir);
    ADD_FAILURE() << "a preset naming a missing option was accepted";
  } catch (const data::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_option"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

// Each point's symbol kind comes from the gazetteer entry it cites: the bundled options give the plants,
// ports and air bases the documents name their own symbols, and the cities a force would hold the dot.
TEST(SymbolKinds, BundledOptionPointsTakeTheKindOfTheirGazetteerEntry) {
  auto kindOf = [](const std::string& option, const std::string& id) {
    for (const auto& f : catalog().find(option)->features.features)
      if (f.properties.value("id", std::string()) == id) return options::symbolKindOf(f);
    ADD_FAILURE() << "no feature " << id << " in " << option;
    return options::SymbolKind::Position;
  };
  using K = options::SymbolKind;
  EXPECT_EQ(kindOf("reassurance_force", "rf_kyiv"), K::Position);
  EXPECT_EQ(kindOf("reassurance_force", "rf_lviv"), K::Position);
  EXPECT_EQ(kindOf("reassurance_force", "rf_odesa"), K::Port);
  EXPECT_EQ(kindOf("reassurance_force", "rf_chornomorsk"), K::Port);
  EXPECT_EQ(kindOf("reassurance_force", "rf_pivdennyi"), K::Port);
  EXPECT_EQ(kindOf("reassurance_force", "rf_rivne_npp"), K::NuclearPlant);
  EXPECT_EQ(kindOf("reassurance_force", "rf_khmelnytskyi_npp"), K::NuclearPlant);
  EXPECT_EQ(kindOf("reassurance_force", "rf_south_ukraine_npp"), K::NuclearPlant);
  EXPECT_EQ(kindOf("reassurance_force", "rf_training_yavoriv"), K::Position);  // a GeoNames town
  EXPECT_EQ(kindOf("us_backstop", "us_powidz"), K::AirBase);
  EXPECT_EQ(kindOf("us_backstop", "us_campia_turzii"), K::AirBase);
  EXPECT_EQ(kindOf("black_sea", "bs_royal_navy"), K::Position);  // no gazetteer entry: the dot
  EXPECT_EQ(kindOf("air_policing", "ap_odesa"), K::Position);  // Odesa's airport, not its port (the layer says so)
  // Every point of every option has its kind written on it, and the derived copies keep it.
  for (const auto& o : catalog().options)
    for (const auto& f : o.features.features)
      if (!f.geometry.points.empty()) {
        EXPECT_TRUE(f.properties.contains(options::kSymbolProperty)) << o.id << " " << f.properties.value("id", "");
      }
}

TEST(SymbolKinds, GazetteerKindsMapToSymbols) {
  using K = options::SymbolKind;
  EXPECT_EQ(options::symbolKindOfPlaceKind("air_base"), K::AirBase);
  EXPECT_EQ(options::symbolKindOfPlaceKind("port"), K::Port);
  EXPECT_EQ(options::symbolKindOfPlaceKind("seaport"), K::Port);
  EXPECT_EQ(options::symbolKindOfPlaceKind("naval_base"), K::Port);
  EXPECT_EQ(options::symbolKindOfPlaceKind("nuclear_plant"), K::NuclearPlant);
  for (const char* other : {"capital", "city", "strait", "headquarters", ""})
    EXPECT_EQ(options::symbolKindOfPlaceKind(other), K::Position) << other;
  for (K k : options::kSymbolKinds) {
    EXPECT_EQ(options::symbolKindFromId(options::symbolKindId(k)), k);
    EXPECT_FALSE(options::symbolKindName(k).empty());
  }
  EXPECT_EQ(options::symbolKindFromId("no such kind"), K::Position);
}

// The gazetteer files themselves: facilities.csv (read through GDAL) gives the naval base its port symbol.
TEST(SymbolKinds, ResolvedFromPlacesAndFacilitiesAndBadReferencesNameTheFile) {
  const auto gazetteer = options::loadGazetteerKinds(data::findGeodataDir());
  ASSERT_TRUE(gazetteer.count("places.geojson"));
  ASSERT_TRUE(gazetteer.count("facilities.csv"));
  EXPECT_EQ(gazetteer.at("facilities.csv").at("Sevastopol Naval Base"), "naval_base");
  auto point = [](const std::string& reference) {
    data::Feature f;
    f.geometry.points.push_back({33.5, 44.6});
    f.properties = {{"name", "test"}};
    if (!reference.empty()) f.properties["gazetteer"] = reference;
    return f;
  };
  std::vector<data::Feature> features{point("facilities.csv: Sevastopol Naval Base"), point("places.geojson: Odesa"),
                                      point("facilities.csv: Zaporizhzhia NPP"), point("places.geojson: Rzeszów-Jasionka"),
                                      point("")};
  features.back().properties[options::kSymbolProperty] = "nuclear_plant";  // a kind set in the file stays
  options::resolveSymbolKinds(features, gazetteer, "test.geojson");
  using K = options::SymbolKind;
  EXPECT_EQ(options::symbolKindOf(features[0]), K::Port);
  EXPECT_EQ(options::symbolKindOf(features[1]), K::Port);
  EXPECT_EQ(options::symbolKindOf(features[2]), K::NuclearPlant);
  EXPECT_EQ(options::symbolKindOf(features[3]), K::AirBase);
  EXPECT_EQ(options::symbolKindOf(features[4]), K::NuclearPlant);
  for (const char* bad : {"places.geojson: Atlantis", "nowhere.csv: Kyiv"}) {
    std::vector<data::Feature> one{point(bad)};
    try {
      options::resolveSymbolKinds(one, gazetteer, "test.geojson");
      ADD_FAILURE() << bad << " was accepted";
    } catch (const data::DataError& e) {
      EXPECT_NE(std::string(e.what()).find("test.geojson"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}
