#include "briefmap/briefing/briefing.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/options/option.hpp"

namespace briefmap::briefing {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;  // keeps keys in the order written: stable, readable files

constexpr std::uintmax_t kMaxFileBytes = 16u << 20;

// Collects warnings with the place they refer to ("slide 3: view.centre: …").
struct Reader {
  std::vector<std::string>& warnings;
  std::string where;

  void warn(const std::string& what) { warnings.push_back(where + what); }

  std::string text(const Json& object, const char* key, const std::string& fallback = {}) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return fallback;
    if (!it->is_string()) {
      warn(std::string(key) + ": expected text, ignored");
      return fallback;
    }
    // Control characters (a NUL, an escape) have no place in a title or a note and break PNG text chunks.
    std::string value = it->get<std::string>();
    const auto kept = std::remove_if(value.begin(), value.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u < 0x20 && c != '\n' && c != '\t';
    });
    if (kept != value.end()) {
      warn(std::string(key) + ": " + std::to_string(value.end() - kept) + " control character(s) removed");
      value.erase(kept, value.end());
    }
    return value;
  }

  double number(const Json& object, const char* key, double fallback, double min, double max) {
    auto it = object.find(key);
    if (it == object.end()) return fallback;
    if (!it->is_number() || !std::isfinite(it->get<double>())) {
      warn(std::string(key) + ": expected a number, using " + format(fallback));
      return fallback;
    }
    const double v = it->get<double>();
    if (v < min || v > max) {
      warn(std::string(key) + ": " + format(v) + " is outside " + format(min) + "…" + format(max) + ", using " +
           format(std::clamp(v, min, max)));
      return std::clamp(v, min, max);
    }
    return v;
  }

  static std::string format(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
  }

  bool lonLat(const Json& value, geo::LonLat& out, const std::string& what) {
    if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number()) {
      warn(what + ": expected [longitude, latitude]");
      return false;
    }
    const double lon = value[0].get<double>(), lat = value[1].get<double>();
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
      warn(what + ": [" + format(lon) + ", " + format(lat) + "] is not a longitude and latitude");
      return false;
    }
    out = {lon, lat};
    return true;
  }
};

SlideView readView(Reader& r, const Json& j) {
  SlideView v;
  if (!j.is_object()) {
    r.warn("view: expected an object, using the default view");
    return v;
  }
  if (auto it = j.find("centre"); it != j.end()) {
    geo::LonLat c;
    if (r.lonLat(*it, c, "view.centre")) v.centre = c;
  }
  if (auto it = j.find("extent_km"); it != j.end()) {
    if (it->is_array() && it->size() == 2 && (*it)[0].is_number() && (*it)[1].is_number() &&
        (*it)[0].get<double>() > 0 && (*it)[1].get<double>() > 0 && (*it)[0].get<double>() < 40000 &&
        (*it)[1].get<double>() < 40000) {
      v.widthKm = (*it)[0].get<double>();
      v.heightKm = (*it)[1].get<double>();
    } else {
      r.warn("view.extent_km: expected [width, height] in km (each above 0 and below 40,000), using the default");
    }
  }
  v.crs = r.text(j, "crs");
  return v;
}

Annotation readAnnotation(Reader& r, const Json& j, bool& ok) {
  Annotation a;
  ok = false;
  if (!j.is_object()) {
    r.warn("annotation: expected an object, ignored");
    return a;
  }
  const std::string kind = r.text(j, "kind", "freehand");
  if (kind == "arrow") a.kind = Annotation::Kind::Arrow;
  else if (kind != "freehand") {
    r.warn("annotation kind '" + kind + "': expected freehand or arrow, ignored");
    return a;
  }
  a.colour = r.text(j, "colour", a.colour);
  auto it = j.find("points");
  if (it == j.end() || !it->is_array()) {
    r.warn("annotation: no points, ignored");
    return a;
  }
  for (const auto& p : *it) {
    geo::LonLat ll;
    if (!r.lonLat(p, ll, "annotation point")) return a;
    a.points.push_back(ll);
  }
  if (a.points.size() < 2) {
    r.warn("annotation: needs at least two points, ignored");
    return a;
  }
  ok = true;
  return a;
}

Slide readSlide(Reader& r, const Json& j) {
  Slide s;
  s.title = r.text(j, "title");
  s.caption = r.text(j, "caption");
  s.notes = r.text(j, "notes");
  if (auto it = j.find("view"); it != j.end()) s.view = readView(r, *it);
  if (auto it = j.find("options"); it != j.end()) {
    if (!it->is_array()) r.warn("options: expected a list of option ids");
    else
      for (const auto& o : *it) {
        if (o.is_string()) s.options.push_back(o.get<std::string>());
        else r.warn("options: an entry is not text, ignored");
      }
  }
  if (auto it = j.find("layers"); it != j.end()) {
    if (!it->is_object()) r.warn("layers: expected {\"layer\": true|false, …}");
    else
      for (const auto& [name, visible] : it->items()) {
        if (visible.is_boolean()) s.layers[name] = visible.get<bool>();
        else r.warn("layers." + name + ": expected true or false, ignored");
      }
  }
  if (auto it = j.find("parameters"); it != j.end()) {
    if (!it->is_object()) r.warn("parameters: expected {\"option.parameter\": number, …}");
    else
      for (const auto& [name, value] : it->items()) {
        if (name.find('.') == std::string::npos) r.warn("parameters." + name + ": expected option.parameter, ignored");
        else if (!value.is_number() || !std::isfinite(value.get<double>()))
          r.warn("parameters." + name + ": expected a number, ignored");
        else s.parameters[name] = value.get<double>();
      }
  }
  if (auto it = j.find("annotations"); it != j.end()) {
    if (!it->is_array()) r.warn("annotations: expected a list");
    else
      for (const auto& a : *it) {
        bool ok = false;
        Annotation annotation = readAnnotation(r, a, ok);
        if (ok) s.annotations.push_back(std::move(annotation));
      }
  }
  return s;
}

double rounded(double v, double step) { return std::round(v / step) * step; }

OrderedJson lonLatJson(geo::LonLat p) { return OrderedJson::array({rounded(p.lon, 1e-5), rounded(p.lat, 1e-5)}); }

}  // namespace

static void capWarnings(std::vector<std::string>& warnings) {
  constexpr size_t kShown = 50;  // a message list of a million lines helps nobody
  if (warnings.size() <= kShown) return;
  const size_t more = warnings.size() - kShown;
  warnings.resize(kShown);
  warnings.push_back("… and " + std::to_string(more) + " more warnings");
}

LoadResult parseBriefing(std::string_view text, const std::string& name) {
  Json j;
  try {
    j = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {  // a syntax error, or a number no double holds (1e400)
    throw BriefingError(name + ": not valid JSON (" + e.what() + ")");
  }
  if (!j.is_object() || !j.contains("slides"))
    throw BriefingError(name + ": not a briefing (expected an object with \"slides\")");
  LoadResult result;
  Reader r{result.warnings, ""};
  if (auto it = j.find("briefmap_briefing"); it != j.end() && it->is_number_integer() && it->get<int>() > kFormatVersion)
    r.warn("written by a newer briefmap (format " + std::to_string(it->get<int>()) + "); unknown fields are ignored");
  Briefing& b = result.briefing;
  b.title = r.text(j, "title");
  if (auto it = j.find("high_contrast"); it != j.end()) {
    if (it->is_boolean()) b.highContrast = it->get<bool>();
    else r.warn("high_contrast: expected true or false");
  }
  b.presentationScale = static_cast<float>(r.number(j, "presentation_scale", 1.0, 0.5, 4.0));
  b.symbolScale = static_cast<float>(r.number(j, "symbol_scale", kDefaultSymbolScale, 0.5, 4.0));
  b.lineScale = static_cast<float>(r.number(j, "line_scale", kDefaultLineScale, 0.5, 4.0));
  if (auto it = j.find("files"); it != j.end()) {
    if (!it->is_array()) r.warn("files: expected a list of paths");
    else
      for (const auto& f : *it) {
        if (f.is_string()) b.files.push_back(f.get<std::string>());
        else r.warn("files: an entry is not text, ignored");
      }
  }
  const Json& slides = j["slides"];
  if (!slides.is_array()) throw BriefingError(name + ": \"slides\" must be a list");
  for (size_t i = 0; i < slides.size(); ++i) {
    r.where = "slide " + std::to_string(i + 1) + ": ";
    if (!slides[i].is_object()) {
      r.warn("not an object, skipped");
      continue;
    }
    b.slides.push_back(readSlide(r, slides[i]));
  }
  capWarnings(result.warnings);
  return result;
}

LoadResult loadBriefing(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw BriefingError(path.string() + ": cannot read (" + ec.message() + ")");
  if (size > kMaxFileBytes) throw BriefingError(path.string() + ": too large for a briefing (" + std::to_string(size) + " bytes)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BriefingError(path.string() + ": cannot open");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LoadResult result = parseBriefing(text, path.string());
  for (auto& f : result.briefing.files) {
    const std::filesystem::path p(f);
    if (p.is_relative()) f = (path.parent_path() / p).lexically_normal().string();
  }
  return result;
}

std::string toJson(const Briefing& b) {
  OrderedJson j;
  j["briefmap_briefing"] = kFormatVersion;
  j["title"] = b.title;
  j["high_contrast"] = b.highContrast;
  j["presentation_scale"] = rounded(b.presentationScale, 0.01);
  j["symbol_scale"] = rounded(b.symbolScale, 0.01);
  j["line_scale"] = rounded(b.lineScale, 0.01);
  if (!b.files.empty()) j["files"] = b.files;
  j["slides"] = OrderedJson::array();
  for (const auto& s : b.slides) {
    OrderedJson js;
    js["title"] = s.title;
    js["caption"] = s.caption;
    if (!s.notes.empty()) js["notes"] = s.notes;
    OrderedJson view;
    view["centre"] = lonLatJson(s.view.centre);
    view["extent_km"] = OrderedJson::array({rounded(s.view.widthKm, 0.1), rounded(s.view.heightKm, 0.1)});
    if (!s.view.crs.empty()) view["crs"] = s.view.crs;
    js["view"] = view;
    js["options"] = s.options;
    if (!s.layers.empty()) {
      OrderedJson layers = OrderedJson::object();
      for (const auto& [k, v] : s.layers) layers[k] = v;
      js["layers"] = layers;
    }
    if (!s.parameters.empty()) {
      OrderedJson parameters = OrderedJson::object();
      for (const auto& [k, v] : s.parameters) parameters[k] = v;
      js["parameters"] = parameters;
    }
    if (!s.annotations.empty()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& a : s.annotations) {
        OrderedJson ja;
        ja["kind"] = a.kind == Annotation::Kind::Arrow ? "arrow" : "freehand";
        ja["colour"] = a.colour;
        OrderedJson points = OrderedJson::array();
        for (const auto& p : a.points) points.push_back(lonLatJson(p));
        ja["points"] = points;
        list.push_back(ja);
      }
      js["annotations"] = list;
    }
    j["slides"].push_back(js);
  }
  return j.dump(2) + "\n";
}

void saveBriefing(const std::filesystem::path& path, const Briefing& briefing) {
  data::writeFileAtomically(path, toJson(briefing), /*keepBackup=*/true);
}

namespace {

// A briefing may name thousands of unknown ids: one warning per slide and kind, naming the first few.
void warnUnknown(std::vector<std::string>& warnings, const std::string& where, const char* kind,
                 const std::vector<std::string>& names, const char* outcome) {
  if (names.empty()) return;
  if (names.size() == 1) {
    warnings.push_back(where + "no " + kind + " '" + names[0] + "'; it is " + outcome);
    return;
  }
  std::string listed;
  for (size_t i = 0; i < names.size() && i < 3; ++i) listed += (i ? ", '" : "'") + names[i] + "'";
  if (names.size() > 3) listed += " and " + std::to_string(names.size() - 3) + " more";
  warnings.push_back(where + std::to_string(names.size()) + " unknown " + kind + "s (" + listed + "); they are " + outcome);
}

}  // namespace

std::vector<std::string> checkReferences(const Briefing& briefing, const options::OptionCatalog& catalog,
                                         const std::vector<std::string>& layerNames) {
  std::vector<std::string> warnings;
  for (size_t i = 0; i < briefing.slides.size(); ++i) {
    const Slide& s = briefing.slides[i];
    const std::string where = "slide " + std::to_string(i + 1) + ": ";
    std::vector<std::string> unknownOptions, unknownParameters, unknownLayers;
    for (const auto& id : s.options)
      if (!catalog.find(id)) unknownOptions.push_back(id);
    warnUnknown(warnings, where, "option", unknownOptions, "left out");
    for (const auto& [name, value] : s.parameters) {
      const auto dot = name.find('.');
      const auto* option = catalog.find(name.substr(0, dot));
      const auto* parameter = option ? option->parameter(name.substr(dot + 1)) : nullptr;
      if (!parameter) {
        unknownParameters.push_back(name);
      } else if (value < parameter->min || value > parameter->max) {
        warnings.push_back(where + name + " = " + Reader::format(value) + " is outside " + Reader::format(parameter->min) +
                           "…" + Reader::format(parameter->max) + " " + parameter->unit + "; it is clamped");
      }
    }
    warnUnknown(warnings, where, "parameter", unknownParameters, "ignored");
    for (const auto& [name, visible] : s.layers)
      if (std::find(layerNames.begin(), layerNames.end(), name) == layerNames.end()) unknownLayers.push_back(name);
    warnUnknown(warnings, where, "layer", unknownLayers, "ignored");
  }
  capWarnings(warnings);
  return warnings;
}

}  // namespace briefmap::briefing
