// The analyst's own options, layers, parameters and presets: the changes that make them, and how a commit
// writes them. Options are rows of the `options` table (their definition as options.json has it); presets live
// in the meta row "catalog" beside the stances. Both are checked like feature rows: a "before" that is not what
// is stored any more is a conflict, and the catalogue is checked whole before the transaction commits, so no
// change can leave a workspace that does not open (a preset naming a deleted option, say).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "briefmap/data/vector_reader.hpp"
#include "store.hpp"

namespace briefmap::workspace {

using nlohmann::json;
using namespace detail;

namespace {

constexpr const char* kAnalystLayer = "analyst";

// Ids name rows, files of exported layers and presets' keys ("option.parameter"), so they stay plain.
bool validId(const std::string& id) {
  if (id.empty() || id.size() > 48 || !std::islower(static_cast<unsigned char>(id.front()))) return false;
  return std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_' || c == '-'; });
}

std::string idRule(const std::string& what, const std::string& id) {
  return what + " '" + id + "': an id is lower-case letters, digits, '_' or '-' (up to 48), starting with a letter";
}

bool validColour(const std::string& colour) {
  return colour.size() == 7 && colour[0] == '#' &&
         std::all_of(colour.begin() + 1, colour.end(), [](unsigned char c) { return std::isxdigit(c); });
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

// "Polish corridor (draft 2)" -> "polish_corridor_draft_2"; unique among `taken`.
std::string idFromTitle(const std::string& title, const std::set<std::string>& taken, const char* fallback) {
  std::string id;
  for (unsigned char c : title) {
    if (std::isalnum(c) && c < 128) id += static_cast<char>(std::tolower(c));
    else if (!id.empty() && id.back() != '_') id += '_';
    if (id.size() >= 40) break;
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (id.empty() || !std::islower(static_cast<unsigned char>(id.front()))) id = std::string(fallback) + (id.empty() ? "" : "_" + id);
  std::string unique = id;
  for (int n = 2; taken.count(unique); ++n) unique = id + "_" + std::to_string(n);
  return unique;
}

options::Option parseDefinition(const json& definition, const std::string& name) {
  json index = {{"options", json::array({definition})}};
  try {
    auto catalog = options::catalogFromIndex(index, name, [](const std::string&, const std::string&) {
      return std::vector<data::Feature>{};
    });
    return std::move(catalog.options.front());
  } catch (const data::DataError& e) {
    throw WorkspaceError(e.what());
  }
}

options::Option storedDefinition(OGRFeature& row, const std::string& name) {
  json definition = json::parse(row.GetFieldAsString("definition"), nullptr, false);
  if (!definition.is_object())
    throw WorkspaceError(name + ": option " + row.GetFieldAsString("option_id") + " is damaged");
  return parseDefinition(definition, name);
}

options::Preset presetFromJson(const json& p) {
  options::Preset preset;
  preset.id = p.value("id", std::string());
  preset.title = p.value("title", preset.id);
  for (const auto& o : p.value("options", json::array()))
    if (o.is_string()) preset.options.push_back(o.get<std::string>());
  const json parameters = p.value("parameters", json::object());
  for (const auto& [key, value] : parameters.items()) {
    const auto dot = key.find('.');
    if (dot != std::string::npos && value.is_number())
      preset.parameters.emplace_back(key.substr(0, dot), key.substr(dot + 1), value.get<double>());
  }
  return preset;
}

// Every check a definition must pass; fills in what may be left out (a layer's title).
void normaliseDefinition(options::Option& o) {
  if (!validId(o.id)) throw WorkspaceError(idRule("option", o.id));
  if (blank(o.title)) throw WorkspaceError("option '" + o.id + "' needs a title");
  if (o.colour.empty()) o.colour = "#0072B2";
  if (!validColour(o.colour)) throw WorkspaceError("option '" + o.id + "': colour '" + o.colour + "' is not #RRGGBB");
  std::set<std::string> layers, parameters;
  // A layer or parameter added in the window comes with a title only: its id is made from it.
  for (const auto& l : o.layers) layers.insert(l.id);
  for (const auto& p : o.parameters) parameters.insert(p.id);
  for (auto& l : o.layers)
    if (l.id.empty()) layers.insert(l.id = idFromTitle(l.title, layers, "layer"));
  for (auto& p : o.parameters)
    if (p.id.empty()) parameters.insert(p.id = idFromTitle(p.label + (p.unit.empty() ? "" : " " + p.unit), parameters, "parameter"));
  layers.clear();
  parameters.clear();
  for (auto& l : o.layers) {
    if (!validId(l.id)) throw WorkspaceError(idRule("layer", l.id));
    if (!layers.insert(l.id).second) throw WorkspaceError("option '" + o.id + "' has two layers '" + l.id + "'");
    if (blank(l.title)) l.title = l.id;
  }
  for (auto& p : o.parameters) {
    if (!validId(p.id)) throw WorkspaceError(idRule("parameter", p.id));
    if (!parameters.insert(p.id).second) throw WorkspaceError("option '" + o.id + "' has two parameters '" + p.id + "'");
    if (blank(p.label)) p.label = p.id;
    const std::string what = "parameter '" + o.id + "." + p.id + "'";
    if (!std::isfinite(p.min) || !std::isfinite(p.max) || !std::isfinite(p.defaultValue) || !std::isfinite(p.step))
      throw WorkspaceError(what + ": its numbers must be finite");
    if (!(p.min <= p.defaultValue && p.defaultValue <= p.max))
      throw WorkspaceError(what + ": the default must lie between the minimum and the maximum");
    if (!(p.step > 0)) throw WorkspaceError(what + ": the step must be above zero");
  }
}

// The parameter a derived feature takes its size from (a buffer's width, a ring's radius); empty for none.
std::string parameterUsedBy(const data::Feature& feature) {
  const auto derive = feature.properties.find("derive");
  if (derive == feature.properties.end() || !derive->is_object()) return {};
  const std::string kind = derive->value("kind", std::string());
  if (kind == "buffer") return derive->value("parameter", std::string("width_km"));
  if (kind == "range_ring") return derive->value("parameter", std::string("radius_km"));
  return {};
}

// The preset without `option` (or without only its `parameter` when one is given).
options::Preset presetWithout(options::Preset preset, const std::string& option, const std::string& parameter = {}) {
  if (parameter.empty()) preset.options.erase(std::remove(preset.options.begin(), preset.options.end(), option), preset.options.end());
  auto& ps = preset.parameters;
  ps.erase(std::remove_if(ps.begin(), ps.end(),
                          [&](const auto& p) {
                            return std::get<0>(p) == option && (parameter.empty() || std::get<1>(p) == parameter);
                          }),
           ps.end());
  return preset;
}

bool samePreset(const options::Preset& a, const options::Preset& b) { return presetJson(a) == presetJson(b); }

json& presetList(json& extras) {
  if (!extras.contains("presets") || !extras["presets"].is_array()) extras["presets"] = json::array();
  return extras["presets"];
}

OGRFeature* metaCatalogRow(std::vector<std::unique_ptr<OGRFeature>>& rows) { return rows.empty() ? nullptr : rows.front().get(); }

}  // namespace

namespace detail {

std::string writeCatalogEdits(GDALDataset& ds, Change& change, const std::string& name) {
  if (change.options.empty() && change.presets.empty()) return {};
  OGRLayer& optionsTable = table(ds, kOptionsTable, name);
  for (const auto& edit : change.options) {
    const auto& shown = edit.after ? edit.after : edit.before;
    const std::string id = shown->definition.id;
    auto rows = rowsWhere(optionsTable, "option_id", id);
    if (edit.before) {
      if (rows.empty()) return "option '" + edit.before->definition.title + "' was deleted by someone else";
      const options::Option stored = storedDefinition(*rows.front(), name);
      if (optionDefinition(stored) != optionDefinition(edit.before->definition) ||
          rows.front()->GetFieldAsInteger("position") != edit.before->position)
        return "option '" + edit.before->definition.title + "' was changed by someone else";
    } else if (!rows.empty()) {
      return "option '" + id + "' already exists";
    }
    if (!edit.after) {
      if (optionsTable.DeleteFeature(rows.front()->GetFID()) != OGRERR_NONE)
        throw WorkspaceError(name + ": cannot delete option " + id + ": " + lastGdalError());
    } else {
      OGRFeature row(optionsTable.GetLayerDefn());
      row.SetField("option_id", id.c_str());
      row.SetField("position", edit.after->position);
      row.SetField("origin", edit.after->origin.empty() ? "analyst" : edit.after->origin.c_str());
      row.SetField("definition", optionDefinition(edit.after->definition).dump().c_str());
      if (rows.empty()) {
        putRow(optionsTable, row, name);
      } else {
        row.SetFID(rows.front()->GetFID());
        if (optionsTable.SetFeature(&row) != OGRERR_NONE)
          throw WorkspaceError(name + ": cannot write option " + id + ": " + lastGdalError());
      }
    }
    logChange(ds, change.label, "option", id, name);
  }

  OGRLayer& meta = table(ds, kMetaTable, name);
  auto metaRows = rowsWhere(meta, "key", "catalog");
  OGRFeature* metaRow = metaCatalogRow(metaRows);
  json extras = metaRow ? json::parse(metaRow->GetFieldAsString("value"), nullptr, false) : json::object();
  if (!extras.is_object()) extras = json::object();
  if (!change.presets.empty()) {
    json& list = presetList(extras);
    for (const auto& edit : change.presets) {
      const std::string id = edit.after ? edit.after->id : edit.before->id;
      auto stored = std::find_if(list.begin(), list.end(), [&](const json& p) { return p.value("id", std::string()) == id; });
      if (edit.before) {
        if (stored == list.end()) return "preset '" + edit.before->title + "' was deleted by someone else";
        if (!samePreset(presetFromJson(*stored), *edit.before)) return "preset '" + edit.before->title + "' was changed by someone else";
      } else if (stored != list.end()) {
        return "preset '" + id + "' already exists";
      }
      if (!edit.after) list.erase(stored);
      else if (stored == list.end()) list.push_back(presetJson(*edit.after));
      else *stored = presetJson(*edit.after);
      logChange(ds, change.label, "preset", id, name);
    }
    OGRFeature row(meta.GetLayerDefn());
    row.SetField("key", "catalog");
    row.SetField("value", extras.dump().c_str());
    if (metaRow) {
      row.SetFID(metaRow->GetFID());
      if (meta.SetFeature(&row) != OGRERR_NONE) throw WorkspaceError(name + ": cannot write the presets: " + lastGdalError());
    } else {
      putRow(meta, row, name);
    }
  }

  // The catalogue as it would now be stored must load: every preset's options and parameters exist.
  json index = extras;
  index["options"] = json::array();
  for (const auto& row : rowsWhere(optionsTable, "", "")) {
    json definition = json::parse(row->GetFieldAsString("definition"), nullptr, false);
    if (definition.is_object()) index["options"].push_back(std::move(definition));
  }
  try {
    options::catalogFromIndex(index, name, [](const std::string&, const std::string&) { return std::vector<data::Feature>{}; });
  } catch (const data::DataError& e) {
    throw WorkspaceError(std::string(e.what()) + "; nothing was changed");
  }
  return {};
}

}  // namespace detail

std::vector<OptionRecord> Workspace::optionRecords() const {
  std::vector<OptionRecord> out;
  for (const auto& row : rowsWhere(table(*m->ds, kOptionsTable, m_name), "", "")) {
    OptionRecord r;
    r.definition = storedDefinition(*row, m_name);
    r.position = row->GetFieldAsInteger("position");
    r.origin = row->GetFieldAsString("origin");
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.position < b.position; });
  return out;
}

std::optional<OptionRecord> Workspace::optionRecord(const std::string& id) const {
  for (auto& r : optionRecords())
    if (r.definition.id == id) return std::move(r);
  return std::nullopt;
}

std::vector<options::Preset> Workspace::presets() const {
  std::vector<options::Preset> out;
  for (const auto& p : parsedCatalogExtras().value("presets", json::array()))
    if (p.is_object()) out.push_back(presetFromJson(p));
  return out;
}

Change Workspace::addOptionChange(options::Option definition) const {
  const auto existing = optionRecords();
  std::set<std::string> taken;
  int position = 0;
  for (const auto& r : existing) {
    taken.insert(r.definition.id);
    position = std::max(position, r.position + 1);
  }
  if (definition.id.empty()) definition.id = idFromTitle(definition.title, taken, "option");
  else if (taken.count(definition.id)) throw WorkspaceError(m_name + " already has an option '" + definition.id + "'");
  if (definition.layers.empty())
    definition.layers.push_back({kAnalystLayer, "Drawn by the analyst", "Points, lines and zones the analyst drew; no document states them"});
  definition.features = {};
  definition.facts.clear();
  normaliseDefinition(definition);
  Change change;
  change.label = "New option " + definition.title;
  change.options.push_back({std::nullopt, OptionRecord{std::move(definition), position, "analyst"}});
  return change;
}

Change Workspace::editOptionChange(const std::string& id, options::Option definition) const {
  auto before = optionRecord(id);
  if (!before) throw WorkspaceError(m_name + " has no option '" + id + "'");
  definition.id = id;  // features, facts and presets refer to it
  definition.features = {};
  definition.facts.clear();
  normaliseDefinition(definition);
  Change change;
  change.label = "Edit option " + definition.title;
  auto listed = [](const auto& items, const std::string& itemId) {
    return std::any_of(items.begin(), items.end(), [&](const auto& i) { return i.id == itemId; });
  };
  const auto features = this->features(id);
  for (const auto& p : before->definition.parameters) {
    if (listed(definition.parameters, p.id)) continue;
    for (const auto& f : features)
      if (parameterUsedBy(f.feature) == p.id)
        throw WorkspaceError("'" + f.feature.properties.value("name", f.uid) + "' takes its size from " + p.id +
                             ", so the parameter stays; change or delete that feature first");
    for (const auto& preset : presets()) {
      options::Preset after = presetWithout(preset, id, p.id);
      if (!samePreset(after, preset)) change.presets.push_back({preset, after});
    }
  }
  // A layer taken away takes its features with it (undo brings both back).
  for (const auto& l : before->definition.layers)
    if (!listed(definition.layers, l.id))
      for (const auto& f : features)
        if (f.layer == l.id) change.features.push_back({f, std::nullopt});
  OptionRecord after = *before;
  after.definition = std::move(definition);
  change.options.push_back({std::move(before), std::move(after)});
  return change;
}

Change Workspace::deleteOptionChange(const std::string& id) const {
  auto before = optionRecord(id);
  if (!before) throw WorkspaceError(m_name + " has no option '" + id + "'");
  Change change;
  change.label = "Delete option " + before->definition.title;
  for (const auto& preset : presets()) {
    options::Preset after = presetWithout(preset, id);
    if (!samePreset(after, preset)) change.presets.push_back({preset, after});
  }
  for (auto& f : features(id)) change.features.push_back({std::move(f), std::nullopt});
  for (auto& f : facts(id)) change.facts.push_back({std::move(f), std::nullopt});
  change.options.push_back({std::move(before), std::nullopt});
  return change;
}

Change Workspace::savePresetChange(options::Preset preset) const {
  const auto stored = presets();
  if (blank(preset.title)) throw WorkspaceError("a preset needs a title");
  if (preset.id.empty()) {
    // Saving under a title already used replaces that preset, as saving a file under its name does.
    for (const auto& p : stored)
      if (p.title == preset.title) preset.id = p.id;
    if (preset.id.empty()) {
      std::set<std::string> taken;
      for (const auto& p : stored) taken.insert(p.id);
      preset.id = idFromTitle(preset.title, taken, "preset");
    }
  }
  if (!validId(preset.id)) throw WorkspaceError(idRule("preset", preset.id));
  const auto options = optionRecords();
  auto find = [&](const std::string& option) -> const OptionRecord* {
    for (const auto& r : options)
      if (r.definition.id == option) return &r;
    return nullptr;
  };
  for (const auto& o : preset.options)
    if (!find(o)) throw WorkspaceError("preset '" + preset.title + "': " + m_name + " has no option '" + o + "'");
  for (const auto& [option, parameter, value] : preset.parameters) {
    const OptionRecord* r = find(option);
    const options::Parameter* p = r ? r->definition.parameter(parameter) : nullptr;
    if (!p) throw WorkspaceError("preset '" + preset.title + "': no parameter '" + option + "." + parameter + "'");
    if (!std::isfinite(value)) throw WorkspaceError("preset '" + preset.title + "': " + option + "." + parameter + " is not a number");
  }
  std::optional<options::Preset> before;
  for (const auto& p : stored)
    if (p.id == preset.id) before = p;
  Change change;
  change.label = "Save preset " + preset.title;
  change.presets.push_back({std::move(before), std::move(preset)});
  return change;
}

Change Workspace::deletePresetChange(const std::string& id) const {
  for (const auto& p : presets())
    if (p.id == id) {
      Change change;
      change.label = "Delete preset " + p.title;
      change.presets.push_back({p, std::nullopt});
      return change;
    }
  throw WorkspaceError(m_name + " has no preset '" + id + "'");
}

}  // namespace briefmap::workspace
