#include "briefmap/session/workspace_controller.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/render/frame.hpp"
#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/session/map_session.hpp"

namespace briefmap::session {
namespace {

using Tool = WorkspaceState::Tool;
using workspace::Change;
using workspace::CommitResult;
using workspace::FeatureRecord;

ApplyResult refused(std::string why) { return ApplyResult::failed("Workspace: " + std::move(why)); }

void info(AppState& state, const std::string& text) { state.messages.push_back({MessageLevel::Info, "Workspace: " + text}); }

void rememberRecent(AppState& state, WorkspaceSession& ws, const std::string& shown, const std::string& target) {
  // A PG: string is remembered without its password (the usual PostgreSQL files and environment supply it).
  const std::string kept = workspace::Workspace::isPostgresTarget(target) ? shown : target;
  auto& recent = state.workspace.recent;
  recent.erase(std::remove(recent.begin(), recent.end(), kept), recent.end());
  recent.insert(recent.begin(), kept);
  if (recent.size() > 8) recent.resize(8);
  if (ws.recentFile.empty()) return;
  std::string text;
  for (const auto& r : recent) text += r + "\n";
  try {
    std::filesystem::create_directories(ws.recentFile.parent_path());
    data::writeFileAtomically(ws.recentFile, text);
  } catch (const std::exception& e) {
    state.messages.push_back({MessageLevel::Warning, std::string("Recent workspaces not saved: ") + e.what()});
  }
}

/// Shows the store as it is now: catalogue, candidate decisions, undo labels, the selection's feature.
void refresh(AppState& state, MapSession& maps, WorkspaceSession& ws) {
  auto& w = *ws.store;
  ws.seen.clear();
  for (auto& f : w.features()) ws.seen.emplace(f.uid, std::move(f));
  maps.useCatalog(state, std::make_shared<const options::OptionCatalog>(w.catalog(maps.geodataDir() / "sources")));
  state.workspace.reviewed.clear();
  for (const auto& c : w.candidates())
    if (c.status != workspace::CandidateStatus::Pending) state.workspace.reviewed[c.id] = c.status;
  state.workspace.undoLabel = ws.history->undoLabel();
  state.workspace.redoLabel = ws.history->redoLabel();
  state.workspace.briefings = w.briefingIds();
  ws.lastSeenChange = w.lastChange();
  if (state.selection) {
    const std::string uid = state.selection->feature.properties.value("id", std::string());
    auto it = ws.seen.find(uid);
    if (it != ws.seen.end()) {
      state.selection->feature = it->second.feature;
      state.selection->layerId = it->second.layer;
    } else if (!uid.empty() && state.selection->layerId != kCandidateLayerId) {
      state.selection.reset();  // deleted (or undone)
    }
  }
}

ApplyResult afterCommit(AppState& state, MapSession& maps, WorkspaceSession& ws, const CommitResult& result,
                        const Change& change) {
  if (result.status == CommitResult::Status::Conflict) {
    if (!change.empty()) ws.refused = change;
    state.workspace.conflict = result.reason;
    return refused(result.reason + ". Reload to see their version, or Keep mine to make your change over it (Edit menu).");
  }
  if (!result.ok()) {
    state.workspace.undoLabel = ws.history->undoLabel();
    state.workspace.redoLabel = ws.history->redoLabel();
    return refused(result.reason);
  }
  ws.refused.reset();
  state.workspace.conflict.clear();
  try {
    refresh(state, maps, ws);
  } catch (const std::exception& e) {
    return refused(std::string("the change is saved, but the workspace could not be read back: ") + e.what());
  }
  return ApplyResult::done();
}

ApplyResult commit(AppState& state, MapSession& maps, WorkspaceSession& ws, const Change& change) {
  if (state.workspace.readOnly) return refused(ws.store->name() + " is open read-only: nothing can be changed");
  return afterCommit(state, maps, ws, ws.history->apply(change), change);
}

ApplyResult openStore(AppState& state, MapSession& maps, WorkspaceSession& ws, const std::string& target, bool create,
                      bool readOnly) {
  if (target.empty()) return refused("no workspace given");
  std::unique_ptr<workspace::Workspace> store;
  try {
    if (create) {
      const auto bundled = options::loadOptionCatalog(maps.geodataDir() / "options");
      store = workspace::Workspace::create(target, bundled);
    } else {
      store = workspace::Workspace::open(target, readOnly ? workspace::OpenMode::ReadOnly : workspace::OpenMode::Auto);
    }
  } catch (const std::exception& e) {
    return ApplyResult::failed(e.what());  // the workspace open until now stays open
  }
  ws.store = std::move(store);
  ws.history = std::make_unique<workspace::History>(*ws.store);
  ws.recordedDocuments.clear();
  ws.refused.reset();
  ws.connectionLost = false;
  auto& w = state.workspace;
  w.open = true;
  w.name = ws.store->name();
  w.readOnly = ws.store->readOnly();
  w.postgres = ws.store->isPostgres();
  w.conflict.clear();
  w.tool = Tool::None;
  w.draft.clear();
  ++w.draftRevision;
  try {
    refresh(state, maps, ws);
  } catch (const std::exception& e) {
    ws.store.reset();
    w.open = false;
    return ApplyResult::failed(e.what());
  }
  rememberRecent(state, ws, w.name, target);
  info(state, std::string(create ? "created " : "opened ") + w.name + (w.readOnly ? " (read-only: nothing can be changed)" : ""));
  return ApplyResult::done();
}

/// The row an edit starts from: as the window last showed it.
const FeatureRecord* shownFeature(const WorkspaceSession& ws, const std::string& uid) {
  auto it = ws.seen.find(uid);
  return it == ws.seen.end() ? nullptr : &it->second;
}

std::string nameOf(const FeatureRecord& f) { return f.feature.properties.value("name", f.uid); }

bool insideLonLat(const data::Geometry& g) {
  const auto box = g.bounds();
  return !g.empty() && box.minX >= -180 && box.maxX <= 180 && box.minY >= -90 && box.maxY <= 90;
}

template <typename Visit>
void forEachVertex(data::Geometry& g, Visit visit) {
  for (auto& p : g.points) visit(p);
  for (auto& line : g.lines)
    for (auto& p : line) visit(p);
  for (auto& polygon : g.polygons)
    for (auto& ring : polygon.rings)
      for (auto& p : ring) visit(p);
}

geo::LonLat lonLatAt(const AppState& state, const MapSession& maps, double xPx, double yPx) {
  return maps.toLonLat(render::screenToMap(state.view, state.viewportW, state.viewportH, {xPx, yPx}));
}

ApplyResult changeGeometry(AppState& state, MapSession& maps, WorkspaceSession& ws, const std::string& uid,
                           data::Geometry geometry, const std::string& verb) {
  const FeatureRecord* before = shownFeature(ws, uid);
  if (!before) return refused("no feature '" + uid + "' (derived geometry changes with the feature it comes from)");
  if (!insideLonLat(geometry)) return refused("the new geometry lies outside longitude -180..180, latitude -90..90");
  FeatureRecord after = *before;
  after.feature.geometry = std::move(geometry);
  // A place a document named, moved by the analyst, is no longer where the document put it.
  if (after.feature.properties.value("placement", std::string()) == "stated") after.feature.properties["placement"] = "inferred";
  return commit(state, maps, ws, {verb + " " + nameOf(*before), {{*before, after}}, {}, {}});
}

ApplyResult addFeature(AppState& state, MapSession& maps, WorkspaceSession& ws, const action::AddFeature& a) {
  if (!state.findOption(a.option)) return refused("no option '" + a.option + "'");
  if (!insideLonLat(a.geometry)) return refused("a feature needs a geometry in longitude, latitude");
  FeatureRecord f;
  f.uid = workspace::newFeatureUid();
  f.option = a.option;
  f.layer = a.layer.empty() ? "analyst" : a.layer;
  f.feature.geometry = a.geometry;
  std::string name = a.name;
  if (name.empty()) {
    const char* kind = !a.geometry.polygons.empty() ? "Zone" : !a.geometry.lines.empty() ? "Line" : "Point";
    int n = 1;
    for (const auto& [uid, seen] : ws.seen) n += seen.feature.properties.value("placement", std::string()) == "analyst";
    name = std::string(kind) + " " + std::to_string(n);
  }
  // Drawn by the analyst, with no quote: never presented as stated by a document.
  f.feature.properties = {{"name", name}, {"placement", "analyst"}};
  if (!a.note.empty()) f.feature.properties["note"] = a.note;
  auto result = commit(state, maps, ws, {"Draw " + name, {{std::nullopt, f}}, {}, {}});
  if (result.isDone()) {
    if (OptionState* o = state.findOption(a.option)) {
      o->visible = true;  // what was drawn is seen at once
      if (OptionLayerState* l = o->layer(f.layer)) l->visible = true;
    }
    state.selection = Selection{a.option, f.layer, ws.seen.count(f.uid) ? ws.seen.at(f.uid).feature : f.feature};
  }
  return result;
}

ApplyResult finishDrawing(AppState& state, MapSession& maps, WorkspaceSession& ws, const std::string& name) {
  auto& w = state.workspace;
  data::Geometry g;
  if (w.tool == Tool::Point && !w.draft.empty()) g.points.push_back(w.draft.back());
  else if (w.tool == Tool::Line && w.draft.size() >= 2) g.lines.push_back(w.draft);
  else if (w.tool == Tool::Zone && w.draft.size() >= 3) g.polygons.push_back({{w.draft}});
  else
    return refused(w.tool == Tool::Zone   ? "a zone needs at least three points"
                   : w.tool == Tool::Line ? "a line needs at least two points"
                                          : "click the map to place it first");
  auto result = addFeature(state, maps, ws, {w.drawOption, w.drawLayer, name, g, {}});
  w.draft.clear();
  ++w.draftRevision;
  return result;
}

ApplyResult addDraftVertex(AppState& state, MapSession& maps, WorkspaceSession& ws, const action::AddDraftVertexAt& a) {
  auto& w = state.workspace;
  if (w.tool != Tool::Point && w.tool != Tool::Line && w.tool != Tool::Zone) return refused("no drawing tool is chosen");
  const geo::LonLat at = lonLatAt(state, maps, a.xPx, a.yPx);
  if (!std::isfinite(at.lon) || !std::isfinite(at.lat)) return refused("that point lies outside the map projection");
  w.draft.push_back(at);
  ++w.draftRevision;
  if (w.tool == Tool::Point) return finishDrawing(state, maps, ws, {});
  return ApplyResult::done();
}

ApplyResult moveBy(AppState& state, MapSession& maps, WorkspaceSession& ws, const action::MoveFeatureBy& a) {
  const FeatureRecord* f = shownFeature(ws, a.uid);
  if (!f) return refused("no feature '" + a.uid + "' to move");
  data::Geometry g = f->feature.geometry;
  const double mpp = state.view.metresPerPixel;
  const auto& projection = maps.projection();
  bool ok = true;
  forEachVertex(g, [&](geo::LonLat& p) {
    geo::MapXY xy = projection.forward(p);
    xy.x += a.dxPx * mpp;
    xy.y -= a.dyPx * mpp;  // screen y grows downwards
    p = projection.inverse(xy);
    ok = ok && std::isfinite(p.lon) && std::isfinite(p.lat);
  });
  if (!ok) return refused("the feature would leave the map projection");
  return changeGeometry(state, maps, ws, a.uid, std::move(g), "Move");
}

ApplyResult moveVertex(AppState& state, MapSession& maps, WorkspaceSession& ws, const action::MoveVertex& a) {
  const FeatureRecord* f = shownFeature(ws, a.uid);
  if (!f) return refused("no feature '" + a.uid + "' to reshape");
  data::Geometry g = f->feature.geometry;
  const geo::MapXY from = render::screenToMap(state.view, state.viewportW, state.viewportH, {a.fromXPx, a.fromYPx});
  const double tolerance = 10.0 * state.pixelRatio * state.view.metresPerPixel;
  geo::LonLat* nearest = nullptr;
  double best = tolerance;
  forEachVertex(g, [&](geo::LonLat& p) {
    const geo::MapXY xy = maps.projection().forward(p);
    const double d = std::hypot(xy.x - from.x, xy.y - from.y);
    if (d <= best) {
      best = d;
      nearest = &p;
    }
  });
  if (!nearest) return refused("no vertex of " + nameOf(*f) + " there: press on a vertex and drag it");
  const geo::LonLat to = lonLatAt(state, maps, a.toXPx, a.toYPx);
  if (!std::isfinite(to.lon) || !std::isfinite(to.lat)) return refused("that point lies outside the map projection");
  *nearest = to;
  return changeGeometry(state, maps, ws, a.uid, std::move(g), "Reshape");
}

ApplyResult editFeature(AppState& state, MapSession& maps, WorkspaceSession& ws, const action::EditFeature& a) {
  const FeatureRecord* before = shownFeature(ws, a.uid);
  if (!before) return refused("no feature '" + a.uid + "' to edit");
  if (!a.properties.is_object() || a.properties.empty()) return refused("nothing to change");
  FeatureRecord after = *before;
  std::string what;
  for (const auto& [key, value] : a.properties.items()) {
    if (key == "id" || key == "option" || key == "layer" || key == "author" || key == "modified")
      return refused("'" + key + "' is kept by the workspace and cannot be edited");
    if (key == "placement" && value.is_string() && value != "stated" && value != "inferred" && value != "analyst")
      return refused("placement must be stated, inferred or analyst");
    if (key == "placement" && value == "stated" && options::sourcesOf(before->feature).empty())
      return refused("only a feature with a source sentence can be 'stated' (attach one from the Sources panel)");
    if (value.is_null()) after.feature.properties.erase(key);
    else after.feature.properties[key] = value;
    what = key;
  }
  if (after.feature.properties == before->feature.properties) return ApplyResult::done();
  const std::string verb = a.properties.size() == 1 && what == "name" ? "Rename " : "Edit ";
  return commit(state, maps, ws, {verb + nameOf(*before), {{*before, after}}, {}, {}});
}

ApplyResult attachSource(AppState& state, MapSession& maps, WorkspaceSession& ws, const action::AttachSource& a) {
  const FeatureRecord* before = shownFeature(ws, a.uid);
  if (!before) return refused("no feature '" + a.uid + "'");
  if (a.doc.empty() || a.quote.empty()) return refused("no sentence is chosen in the Sources panel");
  FeatureRecord after = *before;
  auto sources = nlohmann::json::array();
  for (const auto& s : options::sourcesOf(before->feature)) {
    if (s.doc == a.doc && s.quote == a.quote) return refused(nameOf(*before) + " already has this sentence as a source");
    sources.push_back({{"doc", s.doc}, {"quote", s.quote}});
  }
  sources.push_back({{"doc", a.doc}, {"quote", a.quote}});
  after.feature.properties["sources"] = sources;
  return commit(state, maps, ws, {"Attach a source to " + nameOf(*before), {{*before, after}}, {}, {}});
}

/// The workspace's record of a Sources panel candidate (recording its document first if needed).
std::optional<workspace::CandidateRecord> candidateOf(AppState& state, WorkspaceSession& ws, int document, int candidate) {
  auto& src = state.sources;
  if (document < 0 || document >= static_cast<int>(src.documents.size())) return std::nullopt;
  const auto& d = *src.documents[document];
  if (candidate < 0 || candidate >= static_cast<int>(d.analysed.candidates.size())) return std::nullopt;
  if (!ws.recordedDocuments.count(d.analysed.record.hash) && !state.workspace.readOnly) {
    ws.store->recordDocuments({d.analysed});
    ws.recordedDocuments.insert(d.analysed.record.hash);
  }
  return ws.store->candidate(d.analysed.candidates[candidate].id);
}

ApplyResult decide(AppState& state, MapSession& maps, WorkspaceSession& ws, int document, int candidate,
                   const std::string* acceptInto) {
  std::optional<workspace::CandidateRecord> record;
  try {
    record = candidateOf(state, ws, document, candidate);
  } catch (const std::exception& e) {
    return refused(e.what());
  }
  if (!record) return refused("no candidate " + std::to_string(candidate) + " in document " + std::to_string(document));
  Change change;
  try {
    change = acceptInto ? ws.store->acceptChange(*record, *acceptInto) : ws.store->rejectChange(*record);
  } catch (const std::exception& e) {
    return refused(e.what());
  }
  auto result = commit(state, maps, ws, change);
  if (result.isDone() && acceptInto) {
    const auto& f = change.features.front().after;
    if (OptionState* o = state.findOption(f->option)) {
      o->visible = true;  // the analyst sees what was accepted at once
      if (OptionLayerState* l = o->layer(f->layer)) l->visible = true;
    }
    info(state, "accepted " + record->place + " into " + f->option + " (" + record->doc + ")");
  }
  return result;
}

ApplyResult addFactFromSource(AppState& state, MapSession& maps, WorkspaceSession& ws, const action::AddFactFromSource& a) {
  auto& src = state.sources;
  if (a.document < 0 || a.document >= static_cast<int>(src.documents.size())) return refused("no such document");
  const SourceDocument& d = *src.documents[a.document];
  if (a.fact < 0 || a.fact >= static_cast<int>(d.facts.size())) return refused("no such fact in " + d.document.name);
  const extract::FactCandidate& f = d.facts[a.fact];
  const std::string option = a.option.empty() ? f.option : a.option;
  if (!state.findOption(option)) return refused("no option '" + option + "'");
  workspace::FactRecord r;
  r.uid = "f" + workspace::sha256Hex(d.analysed.record.hash + ":" + std::to_string(f.quantity.start) + ":" + option).substr(0, 12);
  r.option = option;
  r.position = static_cast<int>(ws.store->facts(option).size());
  r.fact.text = f.quantity.text + " — " + d.document.name;
  if (f.quantity.min) r.fact.troopsMin = std::lround(*f.quantity.min);
  if (f.quantity.max) r.fact.troopsMax = std::lround(*f.quantity.max);
  r.fact.sources.push_back({f.doc, f.quote});
  r.note = "Read from the document by briefmap; added by the analyst.";
  return commit(state, maps, ws, {"Add fact " + f.quantity.text, {}, {{std::nullopt, r}}, {}});
}

ApplyResult saveBriefing(AppState& state, WorkspaceSession& ws, std::string id) {
  auto& b = state.briefing;
  if (!b.loaded) return refused("no briefing is open");
  if (id.empty()) id = !b.workspaceId.empty() ? b.workspaceId : !b.doc.title.empty() ? b.doc.title : "briefing";
  ws.store->saveBriefing(id, briefing::toJson(b.doc));
  b.workspaceId = id;
  b.dirty = false;
  state.workspace.briefings = ws.store->briefingIds();
  ws.lastSeenChange = ws.store->lastChange();
  info(state, "saved briefing '" + id + "'");
  return ApplyResult::done();
}

ApplyResult openBriefingFrom(AppState& state, MapSession& maps, WorkspaceSession& ws, const std::string& id) {
  const auto json = ws.store->briefing(id);
  if (!json) return refused("no briefing '" + id + "'");
  try {
    openBriefing(state, maps, briefing::parseBriefing(*json, id), {});
  } catch (const briefing::BriefingError& e) {
    return refused(e.what());  // the briefing that was open stays open
  }
  state.briefing.workspaceId = id;
  info(state, "opened briefing '" + id + "' (" + std::to_string(state.briefing.doc.slides.size()) + " slides)");
  return ApplyResult::done();
}

ApplyResult keepMine(AppState& state, MapSession& maps, WorkspaceSession& ws) {
  if (!ws.refused) return refused("no refused change to make again");
  Change again = *ws.refused;
  // The same change over what is stored now: their row becomes the one replaced (and undo brings it back).
  for (auto& edit : again.features) {
    const std::string uid = edit.after ? edit.after->uid : edit.before->uid;
    edit.before = ws.store->feature(uid);
  }
  for (auto& edit : again.candidates)
    if (auto now = ws.store->candidate(edit.before.id)) edit.before = *now;
  for (auto& edit : again.options)
    edit.before = ws.store->optionRecord(edit.after ? edit.after->definition.id : edit.before->definition.id);
  const auto presets = ws.store->presets();
  for (auto& edit : again.presets) {
    const std::string id = edit.after ? edit.after->id : edit.before->id;
    edit.before.reset();
    for (const auto& p : presets)
      if (p.id == id) edit.before = p;
  }
  again.label += " (kept over another analyst's change)";
  return commit(state, maps, ws, again);
}

// A preset of what the map shows: the options on, and only the parameters away from their defaults (applying a
// preset puts every other parameter back to its default, so this reproduces the view's options exactly).
options::Preset presetFromView(const AppState& state, const std::string& title) {
  options::Preset preset;
  preset.title = title;
  for (const auto& o : state.options) {
    if (o.visible) preset.options.push_back(o.id);
    const options::Option* def = state.catalog ? state.catalog->find(o.id) : nullptr;
    if (!def) continue;
    for (const auto& p : def->parameters)
      if (auto it = o.parameters.find(p.id); it != o.parameters.end() && it->second != p.defaultValue)
        preset.parameters.emplace_back(o.id, p.id, it->second);
  }
  return preset;
}

ApplyResult catalogueAction(AppState& state, MapSession& maps, WorkspaceSession& ws, const Action& a) {
  auto& w = *ws.store;
  if (auto* n = std::get_if<action::NewOption>(&a)) {
    options::Option definition;
    definition.title = n->title;
    definition.colour = n->colour;
    const Change change = w.addOptionChange(definition);
    const std::string id = change.options.front().after->definition.id;
    auto result = commit(state, maps, ws, change);
    if (result.isDone())
      if (OptionState* o = state.findOption(id)) o->visible = true;
    return result;
  }
  if (auto* e = std::get_if<action::EditOption>(&a)) return commit(state, maps, ws, w.editOptionChange(e->id, e->definition));
  if (auto* d = std::get_if<action::DeleteOption>(&a)) {
    auto result = commit(state, maps, ws, w.deleteOptionChange(d->id));
    if (result.isDone() && state.selection && state.selection->optionId == d->id) state.selection.reset();
    return result;
  }
  if (auto* p = std::get_if<action::SavePresetFromView>(&a)) return commit(state, maps, ws, w.savePresetChange(presetFromView(state, p->title)));
  if (auto* p = std::get_if<action::DeletePreset>(&a)) return commit(state, maps, ws, w.deletePresetChange(p->id));
  return ApplyResult::notMine();
}

bool isCatalogueAction(const Action& a) {
  return std::holds_alternative<action::NewOption>(a) || std::holds_alternative<action::EditOption>(a) ||
         std::holds_alternative<action::DeleteOption>(a) || std::holds_alternative<action::SavePresetFromView>(a) ||
         std::holds_alternative<action::DeletePreset>(a);
}

}  // namespace

ApplyResult handleWorkspaceAction(AppState& state, MapSession& maps, WorkspaceSession& ws, const Action& a) {
  if (auto* n = std::get_if<action::NewWorkspace>(&a)) return openStore(state, maps, ws, n->target, true, false);
  if (auto* o = std::get_if<action::OpenWorkspace>(&a)) return openStore(state, maps, ws, o->target, false, o->readOnly);
  const bool open = ws.store != nullptr;
  // Without a workspace, accepting stays in memory (Sources controller); rejecting is remembered until closing.
  if (auto* r = std::get_if<action::RejectCandidate>(&a); r && !open) {
    auto& src = state.sources;
    if (r->document < 0 || r->document >= static_cast<int>(src.documents.size())) return refused("no such document");
    const auto& d = *src.documents[r->document];
    if (r->candidate < 0 || r->candidate >= static_cast<int>(d.analysed.candidates.size())) return refused("no such candidate");
    state.workspace.reviewed[d.analysed.candidates[r->candidate].id] = workspace::CandidateStatus::Rejected;
    info(state, "rejected " + d.analysed.candidates[r->candidate].place + " (not kept: no workspace is open)");
    return ApplyResult::done();
  }
  if (std::holds_alternative<action::AcceptCandidate>(a) && !open) return ApplyResult::notMine();
  const bool workspaceAction =
      std::holds_alternative<action::CloseWorkspace>(a) || std::holds_alternative<action::Undo>(a) ||
      std::holds_alternative<action::Redo>(a) || std::holds_alternative<action::ReloadWorkspace>(a) ||
      std::holds_alternative<action::KeepMyVersion>(a) || std::holds_alternative<action::AddDraftVertexAt>(a) ||
      std::holds_alternative<action::FinishDrawing>(a) || std::holds_alternative<action::AddFeature>(a) ||
      std::holds_alternative<action::EditFeature>(a) || std::holds_alternative<action::SetFeatureGeometry>(a) ||
      std::holds_alternative<action::MoveFeatureBy>(a) || std::holds_alternative<action::MoveVertex>(a) ||
      std::holds_alternative<action::DeleteFeature>(a) || std::holds_alternative<action::AttachSource>(a) ||
      std::holds_alternative<action::AcceptCandidate>(a) || std::holds_alternative<action::RejectCandidate>(a) ||
      std::holds_alternative<action::AddFactFromSource>(a) || std::holds_alternative<action::SaveBriefingToWorkspace>(a) ||
      std::holds_alternative<action::OpenBriefingFromWorkspace>(a) || isCatalogueAction(a);
  // Save (Ctrl+S) of a briefing kept in the workspace goes back there.
  if (auto* save = std::get_if<action::SaveBriefing>(&a);
      save && open && save->path.empty() && !state.briefing.workspaceId.empty()) {
    try {
      return saveBriefing(state, ws, state.briefing.workspaceId);
    } catch (const std::exception& e) {
      return refused(std::string("briefing not saved: ") + e.what());
    }
  }
  if (!workspaceAction) return ApplyResult::notMine();
  if (!open) {
    if (std::holds_alternative<action::Undo>(a) || std::holds_alternative<action::Redo>(a)) return ApplyResult::done();
    return refused("no workspace is open (File → New workspace or Open workspace)");
  }
  try {
    if (std::holds_alternative<action::CloseWorkspace>(a)) {
      info(state, "closed " + ws.store->name());
      ws = WorkspaceSession{{}, {}, {}, 0, -1e9, {}, {}, false, ws.recentFile};
      const auto recent = state.workspace.recent;
      state.workspace = WorkspaceState{};
      state.workspace.recent = recent;
      maps.useCatalog(state, std::make_shared<const options::OptionCatalog>(
                                 options::loadOptionCatalog(maps.geodataDir() / "options")));
      return ApplyResult::done();
    }
    if (std::holds_alternative<action::Undo>(a)) {
      if (ws.history->undoLabel().empty()) return ApplyResult::done();
      const std::string label = ws.history->undoLabel();
      auto result = afterCommit(state, maps, ws, ws.history->undo(), {});
      if (result.isDone()) info(state, "undid " + label);
      return result;
    }
    if (std::holds_alternative<action::Redo>(a)) {
      if (ws.history->redoLabel().empty()) return ApplyResult::done();
      const std::string label = ws.history->redoLabel();
      auto result = afterCommit(state, maps, ws, ws.history->redo(), {});
      if (result.isDone()) info(state, "redid " + label);
      return result;
    }
    if (std::holds_alternative<action::ReloadWorkspace>(a)) {
      ws.refused.reset();
      state.workspace.conflict.clear();
      refresh(state, maps, ws);
      return ApplyResult::done();
    }
    if (std::holds_alternative<action::KeepMyVersion>(a)) return keepMine(state, maps, ws);
    if (auto* v = std::get_if<action::AddDraftVertexAt>(&a)) return addDraftVertex(state, maps, ws, *v);
    if (auto* f = std::get_if<action::FinishDrawing>(&a)) return finishDrawing(state, maps, ws, f->name);
    if (auto* f = std::get_if<action::AddFeature>(&a)) return addFeature(state, maps, ws, *f);
    if (auto* e = std::get_if<action::EditFeature>(&a)) return editFeature(state, maps, ws, *e);
    if (auto* g = std::get_if<action::SetFeatureGeometry>(&a)) return changeGeometry(state, maps, ws, g->uid, g->geometry, "Reshape");
    if (auto* m = std::get_if<action::MoveFeatureBy>(&a)) return moveBy(state, maps, ws, *m);
    if (auto* m = std::get_if<action::MoveVertex>(&a)) return moveVertex(state, maps, ws, *m);
    if (auto* d = std::get_if<action::DeleteFeature>(&a)) {
      const FeatureRecord* before = shownFeature(ws, d->uid);
      if (!before) return refused("no feature '" + d->uid + "' to delete");
      return commit(state, maps, ws, {"Delete " + nameOf(*before), {{*before, std::nullopt}}, {}, {}});
    }
    if (auto* s = std::get_if<action::AttachSource>(&a)) return attachSource(state, maps, ws, *s);
    if (auto* f = std::get_if<action::AddFactFromSource>(&a)) return addFactFromSource(state, maps, ws, *f);
    if (auto* b = std::get_if<action::SaveBriefingToWorkspace>(&a)) return saveBriefing(state, ws, b->id);
    if (auto* b = std::get_if<action::OpenBriefingFromWorkspace>(&a)) return openBriefingFrom(state, maps, ws, b->id);
    if (auto* acc = std::get_if<action::AcceptCandidate>(&a)) {
      std::string into = acc->option;
      if (into.empty() && acc->document >= 0 && acc->document < static_cast<int>(state.sources.documents.size()) &&
          acc->candidate >= 0 &&
          acc->candidate < static_cast<int>(state.sources.documents[acc->document]->candidates.size()))
        into = state.sources.documents[acc->document]->candidates[acc->candidate].option;
      return decide(state, maps, ws, acc->document, acc->candidate, &into);
    }
    if (auto* r = std::get_if<action::RejectCandidate>(&a)) return decide(state, maps, ws, r->document, r->candidate, nullptr);
    if (isCatalogueAction(a)) {
      if (state.workspace.readOnly) return refused(ws.store->name() + " is open read-only: nothing can be changed");
      return catalogueAction(state, maps, ws, a);
    }
  } catch (const std::exception& e) {
    return refused(e.what());  // a lost connection mid-change: the window keeps what it shows
  }
  return ApplyResult::notMine();
}

bool pollWorkspace(AppState& state, MapSession& maps, WorkspaceSession& ws) {
  if (!ws.store) return false;
  bool changed = false;
  try {
    // Documents read in the Sources panel are recorded, and their candidates show their decisions.
    if (!state.workspace.readOnly) {
      std::vector<workspace::AnalysedDocument> unrecorded;
      for (const auto& d : state.sources.documents)
        if (!ws.recordedDocuments.count(d->analysed.record.hash)) unrecorded.push_back(d->analysed);
      if (!unrecorded.empty()) {
        ws.store->recordDocuments(unrecorded);
        for (const auto& d : unrecorded) ws.recordedDocuments.insert(d.record.hash);
        changed = true;
      }
    }
    if (state.clockSeconds - ws.lastPollSeconds >= kWorkspacePollSeconds || changed) {
      ws.lastPollSeconds = state.clockSeconds;
      const auto last = ws.store->lastChange();
      if (ws.connectionLost) {
        ws.connectionLost = false;
        info(state, "connection to " + ws.store->name() + " is back");
      }
      if (last > ws.lastSeenChange) {
        for (const auto& note : ws.store->changesSince(ws.lastSeenChange))
          if (note.author != workspace::Workspace::author() && note.label.rfind("Read ", 0) != 0)
            info(state, note.author + ": " + note.label);
        if (!ws.refused) refresh(state, maps, ws);  // during a conflict the analyst chooses: Reload or Keep mine
        changed = true;
      }
    }
  } catch (const std::exception& e) {
    if (!ws.connectionLost)
      state.messages.push_back({MessageLevel::Warning, std::string("Workspace: ") + e.what() +
                                                           " — the map keeps what it shows; changes will fail until it is back"});
    ws.connectionLost = true;
    changed = true;
  }
  return changed;
}

std::vector<std::string> readRecentWorkspaces(const std::filesystem::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line) && out.size() < 8;)
    if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace briefmap::session
