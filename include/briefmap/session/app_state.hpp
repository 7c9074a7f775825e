#pragma once
// The model the window shows: view, layers, settings, messages. Panels read it and return actions;
// only applyAction() and the session change it (one place), so behaviour is testable without ImGui.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <string>
#include <variant>
#include <vector>

#include "briefmap/briefing/briefing.hpp"
#include "briefmap/data/layer.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "briefmap/extract/extractor.hpp"
#include "briefmap/options/option.hpp"
#include "briefmap/options/resolve.hpp"
#include "briefmap/geo/projection.hpp"
#include "briefmap/render/frame.hpp"
#include "briefmap/session/panel_layout.hpp"
#include "briefmap/workspace/workspace.hpp"

namespace briefmap::session {

/// A user's file being read on the files worker: a progress row with a Cancel button in the layers panel.
struct FileLoadState {
  int id = 0;                     ///< for action::CancelFileLoad
  std::string file;               ///< as the user named it
  bool opening = true;            ///< GDAL is still opening it (a GeoJSON is parsed whole there)
  std::size_t featuresRead = 0;
  double fraction = -1;           ///< data::ReadProgress::fraction(): negative when unknown (the bar shows the count)
};

/// One row of the layers panel.
struct LayerEntry {
  std::string id;
  std::string name;
  bool visible = true;
  float opacity = 1.f;
  bool isBasemap = false;
  render::BasemapPart part = render::BasemapPart::Countries;
  std::shared_ptr<const data::Layer> data;          ///< WGS84 features, geometry only (non-basemap layers)
  std::shared_ptr<const render::SceneGroup> scene;  ///< projected for the current CRS: what is drawn now
  /// A user layer's scenes by detail band (index into render::basemapDetailBands()), each simplified to under a
  /// pixel of its band's scales; null until the view first needs that band (the map session prepares it then).
  std::vector<std::shared_ptr<const render::SceneGroup>> bandScenes;
  render::LayerStyle style;
  std::string detail;  ///< shown as a tooltip: source file, feature count
  /// While its file is still read (the window shows a big file as it comes): the file's load (FileLoadState::id),
  /// 0 once loaded; the scenes of the runs of features prepared so far, drawn in turn while `scene` is null; and how
  /// many features they hold. `data` is null until the read ends.
  int loadingFileId = 0;
  std::vector<std::shared_ptr<const render::SceneGroup>> partialScenes;
  std::size_t featuresShown = 0;
  /// A user layer's part of the keys of its cached bands: the file's content hash, the read options that shape its
  /// geometry and the layer's place in the file; empty when no cache is used.
  std::string cacheKey;
};

/// One layer of an option as the window shows it, with its prepared geometry.
struct OptionLayerState {
  std::string id;
  std::string title;
  std::string legend;
  bool visible = true;
  std::shared_ptr<const options::ResolvedLayer> resolved;  ///< WGS84 features: curated and derived
  std::shared_ptr<const render::SceneGroup> stated, inferred, derived;  ///< projected for the current CRS
  /// Overlapping range rings: the area they cover together, filled once (the rings keep their outlines).
  std::shared_ptr<const render::SceneGroup> rangeWash;
};

/// An option in the Options panel: on/off, its layers, the analyst's parameter values.
struct OptionState {
  std::string id;
  std::string title;
  render::Rgba colour;
  bool visible = false;
  float opacity = 1.f;
  options::ParameterValues parameters;
  std::vector<OptionLayerState> layers;
  std::vector<std::string> notes;  ///< computed figures ("rings cover 74 % of Ukraine")
  unsigned revision = 0;           ///< bumped on every parameter change; older results are dropped
  bool preparing = false;
  /// Slide transitions fade options in and out: drawn opacity = opacity × fade while visible, and
  /// opacity × fadeOut while a switched-off option is still disappearing.
  float fade = 1.f, fadeOut = 0.f;
  float fadeFrom = 1.f, fadeOutFrom = 0.f;  ///< values when the running transition started

  OptionLayerState* layer(const std::string& layerId);
};

/// The id of the option layer that holds accepted candidates ("Accepted from documents").
inline constexpr const char* kAcceptedLayerId = "accepted";
/// The layer id of candidate features picked on the map (Selection::layerId).
inline constexpr const char* kCandidateLayerId = "candidates";

/// What the inspector shows: one feature and where it came from.
struct Selection {
  std::string optionId;
  std::string layerId;
  data::Feature feature;
};

enum class MessageLevel { Info, Warning, Error };
struct Message {
  MessageLevel level = MessageLevel::Info;
  std::string text;
  double postedAt = -1;  ///< the host's clock when first shown (stampMessages); -1 = not yet shown
};

/// How long a message stays on the map as a notice before it has faded (seconds of the host's clock);
/// warnings and errors stay longer. The message log keeps every message until cleared.
inline constexpr double kNoticeSeconds = 5.0, kProblemNoticeSeconds = 10.0, kNoticeFadeSeconds = 1.0;
inline constexpr size_t kMaxNotices = 3;

/// The docked panels: which are collapsed to their title, and whether all are out of the way.
struct PanelsState {
  bool hidden = false;  ///< Tab: every docked panel hidden, the map alone between the bars
  std::set<PanelId> collapsed = {PanelId::Layers};  ///< a first start opens Options, not every list at once
  bool showLog = false;  ///< View → Message log
  bool showShortcuts = false;  ///< Help → Keyboard shortcuts
  bool isCollapsed(PanelId id) const { return collapsed.count(id) > 0; }
};

/// The briefing being edited or presented, and the state of presentation mode.
struct BriefingState {
  briefing::Briefing doc;
  std::filesystem::path path;  ///< where it was opened from or last saved; empty for a new one
  std::string workspaceId;     ///< stored in the open workspace under this id (then Save goes there)
  bool loaded = false;         ///< a briefing is open (possibly with no slides yet)
  bool dirty = false;          ///< changed since opened or saved
  bool referencesChecked = true;  ///< options and layers named by the slides checked against what loaded
  int current = -1;            ///< slide shown, -1 = none
  bool showPanel = true;

  bool presenting = false;
  bool black = false;              ///< B: the screen goes black (the audience looks at the presenter)
  bool showPresenterInfo = true;   ///< slide counter and clock in a corner
  bool showPresenterView = false;  ///< P: the presenter view (its own window: current and next slide, notes, timer)
  double presentingSinceSeconds = 0;
  /// The viewport (map-area pixels) the current slide's view was computed for: when presenting changes it
  /// (F5 goes full screen a frame after the slide is shown), the slide is framed again for the new size.
  int framedWidthPx = 0, framedHeightPx = 0;

  /// A fly-to between two views; eased, under a second, interrupted by the next slide change.
  struct Transition {
    bool active = false;
    render::View from, to;
    double startSeconds = 0, durationSeconds = 0;
  } transition;

  enum class Tool { None, Freehand, Arrow };
  Tool tool = Tool::None;
  std::vector<briefing::Annotation> drafts;  ///< drawn on the current slide, not yet kept in it
  unsigned annotationRevision = 0;           ///< bumped on every change of what annotations show

  const briefing::Slide* currentSlide() const {
    return current >= 0 && current < static_cast<int>(doc.slides.size()) ? &doc.slides[current] : nullptr;
  }
};

/// One document of the Sources panel: its text, the sentences the extractor found something in (places,
/// quantities or an option), and its candidates, each also as a map feature with provenance.
struct SourceDocument {
  extract::Document document;
  std::vector<extract::SentenceAnalysis> sentences;  ///< in text order
  std::vector<extract::Candidate> candidates;        ///< in text order
  std::vector<data::Feature> features;  ///< one per candidate, same order: toFeature() plus name, layer, sources
  workspace::AnalysedDocument analysed;  ///< as a workspace records it: content hash, candidate ids (same order)
  std::vector<extract::FactCandidate> facts;  ///< troop numbers in relevant sentences that name no place
};

/// The extraction engine, loaded once on the worker (the gazetteer takes 20–60 ms) and then shared read-only.
/// Held by shared_ptr and never moved: the extractor refers to the gazetteer beside it.
struct SourceEngine {
  extract::Gazetteer gazetteer;
  std::unique_ptr<const extract::Extractor> extractor;
};

/// The Sources panel: a folder of documents, the one being read, and the sentence and mention in focus.
struct SourcesState {
  bool showPanel = false;
  bool loading = false;
  std::filesystem::path folder;  ///< the folder the documents came from
  std::shared_ptr<const SourceEngine> engine;
  std::vector<std::shared_ptr<const SourceDocument>> documents;  ///< sorted by file name
  int selected = -1;  ///< document shown, -1 = none
  /// What the panel highlights and scrolls to: set by a click on a mention, a candidate row or a map feature.
  struct Focus {
    int document = -1;
    size_t sentenceStart = 0, sentenceEnd = 0;  ///< bytes, end exclusive; end == 0: no sentence
    size_t mentionStart = 0, mentionEnd = 0;    ///< the place's words; end == 0: no mention
    int candidate = -1;                         ///< index into the document's candidates, -1 = none
    unsigned revision = 0;                      ///< bumped on every jump, so the panel scrolls once
  } focus;

  const SourceDocument* selectedDocument() const {
    return selected >= 0 && selected < static_cast<int>(documents.size()) ? documents[selected].get() : nullptr;
  }
};

/// The workspace the window works in: what the panels and menus show of it (the store is the session's).
struct WorkspaceState {
  bool open = false;
  std::string name;  ///< a path, or a PG: string without its password
  bool readOnly = false;
  bool postgres = false;
  std::string undoLabel, redoLabel;  ///< what Edit → Undo / Redo would do; empty: nothing
  std::string conflict;              ///< a change another analyst's edit refused, until reloaded or kept
  std::map<std::string, workspace::CandidateStatus> reviewed;  ///< candidate id -> decision (pending ones absent)
  std::vector<std::string> recent;   ///< recently opened workspaces, newest first (no passwords)
  std::vector<std::string> briefings;  ///< ids of the briefings stored in the workspace

  /// Drawing into an option layer: clicks add vertices; a point is done at the first click.
  enum class Tool { None, Point, Line, Zone, Move, Reshape };
  Tool tool = Tool::None;
  std::string drawOption, drawLayer = "analyst";
  std::vector<geo::LonLat> draft;
  unsigned draftRevision = 0;
};

/// A gazetteer place offered for what was typed in place search.
struct PlaceSuggestion {
  extract::PlaceId place = 0;
  std::string name;     ///< the place's canonical name ("Kyiv")
  std::string matched;  ///< the spelling that matched ("Kiev"); equal to name when the name itself matched
  std::string kind;     ///< capital, city, country, sea…
  std::string country;  ///< ISO 3166-1 alpha-2 where known
};

/// Place search (Ctrl+F): the text typed and the places offered for it.
struct PlaceSearchState {
  bool open = false;
  std::string query;
  std::vector<PlaceSuggestion> suggestions;
};

/// The measure tool (M): clicked points; two or more give a geodesic length, three or more an area.
struct MeasureState {
  bool active = false;
  std::vector<geo::LonLat> points;
};

/// What the File menu offers again, remembered between runs (session::Settings).
struct RecentState {
  std::vector<std::string> briefings;  ///< opened or saved briefing files, newest first
  std::vector<std::string> files;      ///< vector files opened, newest first
  std::string exportFolder;            ///< where the last export went
};
inline constexpr size_t kMaxRecent = 10;
/// Puts `item` first in `list` (once), keeping at most kMaxRecent.
void rememberRecent(std::vector<std::string>& list, const std::string& item);

struct AppState {
  render::View view;
  int viewportW = 0, viewportH = 0;  ///< physical pixels of the map area
  float pixelRatio = 1.f;
  geo::MapCrs crs;
  std::vector<LayerEntry> layers;     ///< draw order, bottom first
  std::vector<FileLoadState> fileLoads;  ///< users' files being read, in the order asked for (the map session keeps it)
  std::vector<OptionState> options;   ///< drawn above the layers, in catalogue order
  std::shared_ptr<const options::OptionCatalog> catalog;  ///< facts, parameters and quotes for the panels
  std::optional<Selection> selection;
  /// Where the last pick landed (map coordinates): a click near it again steps through what is stacked there.
  std::optional<geo::MapXY> lastPickAt;
  bool showOptionsPanel = true;
  std::vector<Message> messages;      ///< newest last; the UI shows them until dismissed
  float uiScale = 1.f;
  bool showLayersPanel = true;
  PanelsState panels;
  RecentState recent;
  PlaceSearchState placeSearch;
  MeasureState measure;
  bool showScaleBar = true;
  bool quitRequested = false;
  bool homeRequested = false;         ///< the session frames the home view once data is ready
  double clockSeconds = 0;            ///< the host's monotonic clock; transitions are computed from it
  BriefingState briefing;
  SourcesState sources;
  WorkspaceState workspace;
  // Prepared by the map session for the current CRS (the frame draws them; nothing else changes them).
  std::shared_ptr<const render::BasemapScene> basemapScene;  ///< the detail bands loaded so far
  std::vector<render::LayerDraw> annotationDraws;  ///< the current slide's marks, kept and drafts
  std::vector<render::LayerDraw> candidateDraws;   ///< the shown document's candidates and the one in focus
  std::vector<render::LayerDraw> editDraws;        ///< while a drawing tool is on: the draft, the selection's vertices
  std::vector<render::LayerDraw> selectionDraws;   ///< the selected feature, highlighted above everything else

  LayerEntry* findLayer(const std::string& id);
  OptionState* findOption(const std::string& id);
};

/// The layers a new session starts with: the basemap parts, graticule off.
std::vector<LayerEntry> defaultBasemapLayers();

namespace action {
struct PanBy { double dxPx, dyPx; };                   ///< move the map content by this many pixels
struct ZoomAt { double factor; double xPx, yPx; };     ///< factor > 1 zooms in, about a screen point
struct GoHome {};
struct SetLayerVisible { std::string id; bool visible; };
struct SetLayerOpacity { std::string id; float opacity; };
struct MoveLayer { std::string id; int delta; };       ///< +1 = one step up (drawn later)
struct RemoveLayer { std::string id; };
struct SetCrs { std::string idOrDefinition; };
struct SetUiScale { float scale; };
struct OpenFiles { std::vector<std::string> paths; data::ReadOptions read = {}; };  ///< read: CRS and CSV columns
/// Stops reading a file (FileLoadState::id): none of its layers is added, nothing else changes.
struct CancelFileLoad { int id; };
struct DismissMessage { size_t index; };
struct ToggleLayersPanel {};
struct ToggleOptionsPanel {};
struct TogglePanels {};                                 ///< hide every docked panel, or bring them back
struct SetPanelCollapsed { PanelId panel; bool collapsed; };
struct SetPanelShown { PanelId panel; bool shown; };    ///< Inspector: false clears the selection
struct ToggleMessageLog {};
struct ToggleShortcutsHelp {};
// Place search and the measure tool.
struct OpenPlaceSearch {};                   ///< loads the gazetteer when needed
struct ClosePlaceSearch {};
struct SearchPlaces { std::string query; };  ///< fills placeSearch.suggestions
struct FlyToPlace { extract::PlaceId place; };  ///< flies there and closes the search
struct SetMeasureTool { bool active; };      ///< off clears the points
struct AddMeasurePointAt { double xPx, yPx; };  ///< a map-area pixel
struct ClearMeasure {};
struct ClearMessages {};
struct SetOptionVisible { std::string option; bool visible; };
struct SetOptionLayerVisible { std::string option; std::string layer; bool visible; };
struct SetOptionOpacity { std::string option; float opacity; };
struct SetOptionParameter { std::string option; std::string parameter; double value; };
/// `bringIntoView`: the window's Options panel also flies the map to the preset's options when they are not all in
/// view (an export or a slide keeps the view it was given).
struct ApplyPreset { std::string id; bool bringIntoView = false; };
struct PickAt { double xPx, yPx; };    ///< select the option feature under a map-area pixel
struct ClearSelection {};
struct ExportOptionLayers { std::string folder; std::string format; };
struct Quit {};

// Briefings. Slide indices are 0-based.
struct NewBriefing {};
struct OpenBriefing { std::string path; };
struct SaveBriefing { std::string path; };        ///< empty = where it came from
struct AddSlideFromView {};                        ///< after the current slide, and shows it
struct UpdateSlideFromView { int index; };         ///< the slide takes the current view, options and parameters
struct DuplicateSlide { int index; };
struct DeleteSlide { int index; };
struct MoveSlide { int index; int delta; };
struct SetSlideText { int index; std::string title, caption, notes; };
struct GoToSlide { int index; bool animate = true; };
struct NextSlide {};
struct PreviousSlide {};
struct StartPresentation { int fromSlide = -1; };  ///< -1 = the current slide (or the first)
struct StopPresentation {};
struct ToggleBlackScreen {};
struct TogglePresenterInfo {};
struct TogglePresenterView {};  ///< P: the presenter view (current and next slide, notes, timer) shown or not
struct SetPresenterView { bool shown; };  ///< the show starts with a second display, or its window was closed
struct SetAnnotationTool { BriefingState::Tool tool; };
struct AddAnnotation { briefing::Annotation annotation; };  ///< a draft on the current slide
struct KeepAnnotations {};                                   ///< drafts become part of the slide
struct SetBriefingLook { bool highContrast; float presentationScale; };  ///< theme and type size when presenting
struct ClearAnnotations {};  ///< the drafts; when there are none, the marks kept in the slide

// Sources panel. Document and candidate indices are 0-based, into state.sources.
struct OpenSourcesFolder { std::string path; };  ///< reads and analyses every document of the folder
struct ToggleSourcesPanel {};
struct SelectDocument { int index; };
/// Flies to the place a mention names (identified by its first byte in the document) and focuses its sentence.
struct FlyToMention { int document; size_t start; };
/// The candidate becomes a feature of the option's "accepted" layer, with its sentence as source.
struct AcceptCandidate { int document; int candidate; std::string option; };  ///< option empty = the candidate's own
struct RejectCandidate { int document; int candidate; };

// The workspace. Features are named by their uid (the `id` property of an option feature).
struct NewWorkspace { std::string target; };   ///< a .gpkg path or a PG: string; it becomes the open workspace
struct OpenWorkspace { std::string target; bool readOnly = false; };
struct CloseWorkspace {};                      ///< back to the bundled options
struct Undo {};
struct Redo {};
struct ReloadWorkspace {};                     ///< after a conflict: take what is stored now
struct KeepMyVersion {};                       ///< after a conflict: make the refused change again over theirs
struct SetDrawTool { WorkspaceState::Tool tool; std::string option; std::string layer; };
struct AddDraftVertexAt { double xPx, yPx; };  ///< a map-area pixel
struct FinishDrawing { std::string name; };    ///< the draft becomes a feature (empty name: "Point 3", "Zone 2"…)
struct CancelDrawing {};
struct AddFeature { std::string option, layer, name; data::Geometry geometry; std::string note; };
/// Sets properties of a feature (name, placement, note, numbers…); a null value removes one.
struct EditFeature { std::string uid; nlohmann::json properties; };
struct SetFeatureGeometry { std::string uid; data::Geometry geometry; };
/// Drags on the map: the whole feature by a pixel offset (Move), or its vertex nearest `from` to `to` (Reshape).
struct MoveFeatureBy { std::string uid; double dxPx, dyPx; };
struct MoveVertex { std::string uid; double fromXPx, fromYPx, toXPx, toYPx; };
struct DeleteFeature { std::string uid; };
/// The sentence in focus in the Sources panel becomes a source of the feature.
struct AttachSource { std::string uid; std::string doc; std::string quote; };
/// A number without a place found in a document becomes a fact of an option (empty: the sentence's option).
struct AddFactFromSource { int document; int fact; std::string option; };
/// Briefings kept in the workspace, by id (a briefing file on disk opens and saves as before).
struct SaveBriefingToWorkspace { std::string id; };  ///< empty: the briefing's title
struct OpenBriefingFromWorkspace { std::string id; };
/// The analyst's own catalogue in the workspace: options, their layers and parameters, presets.
struct NewOption { std::string title; std::string colour; };  ///< with one layer for drawing; shown at once
/// A new definition of an option: title, summary, colour, layers, parameters (a layer taken away takes its features).
struct EditOption { std::string id; options::Option definition; };
struct DeleteOption { std::string id; };                       ///< with its features and facts; out of every preset
/// A preset of what the map shows now: the options on, and the parameters set away from their defaults.
struct SavePresetFromView { std::string title; };              ///< the same title replaces that preset
struct DeletePreset { std::string id; };
}  // namespace action

using Action = std::variant<action::PanBy, action::ZoomAt, action::GoHome, action::SetLayerVisible,
                            action::SetLayerOpacity, action::MoveLayer, action::RemoveLayer, action::SetCrs,
                            action::SetUiScale, action::OpenFiles, action::CancelFileLoad, action::DismissMessage, action::ToggleLayersPanel, action::ToggleOptionsPanel,
                            action::TogglePanels, action::SetPanelCollapsed, action::SetPanelShown,
                            action::ToggleMessageLog, action::ToggleShortcutsHelp, action::ClearMessages, action::OpenPlaceSearch,
                            action::ClosePlaceSearch, action::SearchPlaces, action::FlyToPlace,
                            action::SetMeasureTool, action::AddMeasurePointAt, action::ClearMeasure,
                            action::SetOptionVisible, action::SetOptionLayerVisible, action::SetOptionOpacity,
                            action::SetOptionParameter, action::ApplyPreset, action::PickAt, action::ClearSelection, action::ExportOptionLayers,
                            action::Quit, action::NewBriefing, action::OpenBriefing, action::SaveBriefing,
                            action::AddSlideFromView, action::UpdateSlideFromView, action::DuplicateSlide,
                            action::DeleteSlide, action::MoveSlide, action::SetSlideText, action::GoToSlide,
                            action::NextSlide, action::PreviousSlide, action::StartPresentation,
                            action::StopPresentation, action::ToggleBlackScreen, action::TogglePresenterInfo,
                            action::TogglePresenterView, action::SetPresenterView,
                            action::SetAnnotationTool, action::AddAnnotation, action::KeepAnnotations,
                            action::ClearAnnotations, action::SetBriefingLook, action::OpenSourcesFolder,
                            action::ToggleSourcesPanel, action::SelectDocument, action::FlyToMention,
                            action::AcceptCandidate, action::RejectCandidate, action::NewWorkspace,
                            action::OpenWorkspace, action::CloseWorkspace, action::Undo, action::Redo,
                            action::ReloadWorkspace, action::KeepMyVersion, action::SetDrawTool,
                            action::AddDraftVertexAt, action::FinishDrawing, action::CancelDrawing, action::AddFeature,
                            action::EditFeature, action::SetFeatureGeometry, action::MoveFeatureBy, action::MoveVertex,
                            action::DeleteFeature, action::AttachSource, action::AddFactFromSource,
                            action::SaveBriefingToWorkspace, action::OpenBriefingFromWorkspace, action::NewOption,
                            action::EditOption, action::DeleteOption, action::SavePresetFromView, action::DeletePreset>;


/// Scale limits of the view, metres per physical pixel. Zooming in stops at 1:500,000 (at 96 dpi, the
/// status bar's scale: 132 m a pixel): GSHHG high resolution (~200 m) and Natural Earth 1:10m hold
/// nothing finer, and closer in the map would be a blank field.
constexpr double kMinScaleDenominator = 500000;
constexpr double kMinMetresPerPixel = kMinScaleDenominator * 0.0254 / 96;
constexpr double kMaxMetresPerPixel = 40000.0;

/// What applying an action came to. NotMine: the handler asked does not handle this kind of action (the
/// next one may); Done: handled (also when there was nothing to change); Failed: refused, with the reason
/// ("no option 'x'"), the model unchanged.
struct ApplyResult {
  enum class Status { NotMine, Done, Failed };
  Status status = Status::NotMine;
  std::string reason;  ///< with Failed: why, in a sentence a user can read

  static ApplyResult notMine() { return {Status::NotMine, {}}; }
  static ApplyResult done() { return {Status::Done, {}}; }
  static ApplyResult failed(std::string why) { return {Status::Failed, std::move(why)}; }
  bool isDone() const { return status == Status::Done; }
  bool isFailed() const { return status == Status::Failed; }
  bool isMine() const { return status != Status::NotMine; }
};

/// The pure reducer: applies the actions that only change the model. Actions with side effects (files,
/// the projection, workers) are NotMine here; Session::apply hands them on. A parameter change bumps the
/// option's revision; the session then recomputes its derived geometry. Use Session::apply, not this,
/// outside the session module.
ApplyResult applyAction(AppState& state, const Action& action);

/// Gives every message not yet shown the current clock (the host calls it each frame), so notices fade from
/// when they appeared, however the message was added.
void stampMessages(AppState& state);
/// A message shown as a notice on the map now, and its opacity (1 until it starts fading, then to 0).
struct Notice {
  size_t index;  ///< into state.messages
  float opacity;
};
/// The notices to show at the state's clock: at most kMaxNotices, the newest last.
std::vector<Notice> activeNotices(const AppState& state);
/// Whether a docked panel is shown (its own switch, and not every panel hidden).
bool panelShown(const AppState& state, PanelId id);

}  // namespace briefmap::session
