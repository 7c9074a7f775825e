#pragma once
// The model the window shows: view, layers, settings, messages. Panels read it and return actions;
// only applyAction() and the session change it (one place), so behaviour is testable without ImGui.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "briefmap/data/layer.hpp"
#include "briefmap/geo/projection.hpp"
#include "briefmap/render/frame.hpp"

namespace briefmap::ui {

/// One row of the layers panel.
struct LayerEntry {
  std::string id;
  std::string name;
  bool visible = true;
  float opacity = 1.f;
  bool isBasemap = false;
  render::BasemapPart part = render::BasemapPart::Countries;
  std::shared_ptr<const data::Layer> data;          ///< WGS84 features (non-basemap layers)
  std::shared_ptr<const render::SceneGroup> scene;  ///< projected for the current CRS
  render::LayerStyle style;
  std::string detail;  ///< shown as a tooltip: source file, feature count
};

enum class MessageLevel { Info, Warning, Error };
struct Message {
  MessageLevel level = MessageLevel::Info;
  std::string text;
};

struct AppState {
  render::View view;
  int viewportW = 0, viewportH = 0;  ///< physical pixels of the map area
  float pixelRatio = 1.f;
  geo::MapCrs crs;
  std::vector<LayerEntry> layers;     ///< draw order, bottom first
  std::vector<Message> messages;      ///< newest last; the UI shows them until dismissed
  float uiScale = 1.f;
  bool showLayersPanel = true;
  bool showScaleBar = true;
  bool quitRequested = false;
  bool homeRequested = false;         ///< the session frames the home view once data is ready

  LayerEntry* findLayer(const std::string& id);
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
struct OpenFiles { std::vector<std::string> paths; };
struct DismissMessage { size_t index; };
struct ToggleLayersPanel {};
struct Quit {};
}  // namespace action

using Action = std::variant<action::PanBy, action::ZoomAt, action::GoHome, action::SetLayerVisible,
                            action::SetLayerOpacity, action::MoveLayer, action::RemoveLayer, action::SetCrs,
                            action::SetUiScale, action::OpenFiles, action::DismissMessage, action::ToggleLayersPanel,
                            action::Quit>;

/// Scale limits of the view, metres per physical pixel.
constexpr double kMinMetresPerPixel = 5.0;
constexpr double kMaxMetresPerPixel = 40000.0;

/// Applies the actions that only change the model. Actions with side effects (OpenFiles, SetCrs,
/// SetUiScale, GoHome) are left to the session and return false here.
bool applyAction(AppState& state, const Action& action);

}  // namespace briefmap::ui
