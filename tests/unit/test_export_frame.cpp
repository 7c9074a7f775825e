// The framed area of File → Export snapshot, without a window: where the frame first appears, moving and
// resizing it with the output's aspect, the input that drives it (and does not pan the map), and the view a
// framed export draws, which must show exactly the frame.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <unistd.h>

#include "briefmap/data/resources.hpp"
#include "briefmap/ui/export_dialog.hpp"
#include "briefmap/session/export_frame.hpp"
#include "briefmap/session/map_session.hpp"

using namespace briefmap;
using namespace briefmap::session;

namespace {

geo::MapBox box(double x0, double y0, double x1, double y1) {
  geo::MapBox b;
  b.add(x0, y0);
  b.add(x1, y1);
  return b;
}

double aspectOf(const geo::MapBox& b) { return b.width() / b.height(); }

bool inside(const geo::MapBox& inner, const geo::MapBox& outer, double slack) {
  return inner.minX >= outer.minX - slack && inner.maxX <= outer.maxX + slack && inner.minY >= outer.minY - slack &&
         inner.maxY <= outer.maxY + slack;
}

void expectSameBox(const geo::MapBox& a, const geo::MapBox& b, double metres) {
  EXPECT_NEAR(a.minX, b.minX, metres);
  EXPECT_NEAR(a.minY, b.minY, metres);
  EXPECT_NEAR(a.maxX, b.maxX, metres);
  EXPECT_NEAR(a.maxY, b.maxY, metres);
}

// A window as application.cpp describes it: a 1600 x 900 map area at 1.3 km a pixel, UI scale 1.25.
AppState windowState() {
  AppState s;
  s.view.centre = {250'000, -120'000};
  s.view.metresPerPixel = 1300;
  s.viewportW = 1600;
  s.viewportH = 900;
  s.pixelRatio = 1.25f;
  s.crs = geo::knownMapCrs().front();
  return s;
}

session::InputEvent press(double x, double y, int clicks = 1) {
  return session::MouseButtonEvent{1, true, static_cast<float>(x), static_cast<float>(y), clicks};
}
session::InputEvent release(double x, double y) {
  return session::MouseButtonEvent{1, false, static_cast<float>(x), static_cast<float>(y), 1};
}
session::InputEvent moveTo(double x, double y) {
  return session::MouseMoveEvent{static_cast<float>(x), static_cast<float>(y)};
}
session::InputEvent escape() { return session::KeyEvent{session::Key::Escape, true, false, false, false}; }

}  // namespace

TEST(ExportFrame, FirstFrameIsTheLargestOfTheOutputAspectInsideTheMapArea) {
  render::View view;
  view.centre = {-40'000, 95'000};
  view.metresPerPixel = 850;
  for (auto [w, h] : {std::pair{1600, 900}, std::pair{900, 1600}, std::pair{1280, 1024}, std::pair{640, 480}}) {
    const geo::MapBox visible = visibleMapBox(view, w, h);
    for (double aspect : {16.0 / 9, 3508.0 / 2480, 1.0, 0.5, 4.0}) {
      for (double margin : {0.0, 16.0}) {
        SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h) + " aspect " + std::to_string(aspect));
        const geo::MapBox f = initialExportFrame(view, w, h, aspect, margin);
        EXPECT_NEAR(aspectOf(f), aspect, 1e-9 * aspect);
        geo::MapBox usable = visible;
        const double m = margin * view.metresPerPixel;
        usable = box(visible.minX + m, visible.minY + m, visible.maxX - m, visible.maxY - m);
        EXPECT_TRUE(inside(f, usable, 1e-6));
        // Largest: it touches the usable area on both sides of one axis.
        const bool fillsWidth = std::abs(f.width() - usable.width()) < 1e-6;
        const bool fillsHeight = std::abs(f.height() - usable.height()) < 1e-6;
        EXPECT_TRUE(fillsWidth || fillsHeight);
        EXPECT_NEAR((f.minX + f.maxX) / 2, view.centre.x, 1e-6);
        EXPECT_NEAR((f.minY + f.maxY) / 2, view.centre.y, 1e-6);
      }
    }
  }
}

TEST(ExportFrame, HandlesCornersEdgesAndInside) {
  render::View view;
  view.metresPerPixel = 1000;
  // Frame from screen pixel (300, 200) to (700, 425) in an 800 x 600 map area.
  const geo::MapXY tl = render::screenToMap(view, 800, 600, {300, 200});
  const geo::MapXY br = render::screenToMap(view, 800, 600, {700, 425});
  const geo::MapBox f = box(tl.x, tl.y, br.x, br.y);
  auto at = [&](double x, double y) { return framePartAt(f, view, 800, 600, {x, y}, 8); };
  EXPECT_EQ(at(302, 197), FramePart::TopLeft);
  EXPECT_EQ(at(695, 204), FramePart::TopRight);
  EXPECT_EQ(at(306, 430), FramePart::BottomLeft);
  EXPECT_EQ(at(707, 432), FramePart::BottomRight);
  EXPECT_EQ(at(296, 300), FramePart::Left);
  EXPECT_EQ(at(704, 300), FramePart::Right);
  EXPECT_EQ(at(500, 205), FramePart::Top);
  EXPECT_EQ(at(500, 421), FramePart::Bottom);
  EXPECT_EQ(at(500, 300), FramePart::Inside);
  EXPECT_EQ(at(280, 300), FramePart::None);
  EXPECT_EQ(at(500, 440), FramePart::None);
  EXPECT_EQ(at(100, 100), FramePart::None);
}

TEST(ExportFrame, CornerResizeKeepsTheAspectAndTheOppositeCorner) {
  const geo::MapBox start = box(-200'000, -100'000, 200'000, 125'000);  // 16:9
  const double aspect = 16.0 / 9, minSide = 10'000;
  std::mt19937 random(5);
  std::uniform_real_distribution<double> delta(-150'000, 150'000);
  for (auto part : {FramePart::TopLeft, FramePart::TopRight, FramePart::BottomLeft, FramePart::BottomRight}) {
    const bool right = part == FramePart::TopRight || part == FramePart::BottomRight;
    const bool top = part == FramePart::TopLeft || part == FramePart::TopRight;
    const geo::MapXY grabbed{right ? start.maxX : start.minX, top ? start.maxY : start.minY};
    for (int i = 0; i < 200; ++i) {
      const geo::MapXY to{grabbed.x + delta(random), grabbed.y + delta(random)};
      const geo::MapBox f = dragExportFrame(start, part, grabbed, to, aspect, minSide);
      EXPECT_NEAR(aspectOf(f), aspect, 1e-9 * aspect);
      // The opposite corner has not moved (so the frame never flipped over it either).
      EXPECT_DOUBLE_EQ(right ? f.minX : f.maxX, right ? start.minX : start.maxX);
      EXPECT_DOUBLE_EQ(top ? f.minY : f.maxY, top ? start.minY : start.maxY);
      // The pointer is on the outline (or the frame is at its smallest): it follows the hand.
      const double onX = std::abs((right ? f.maxX : f.minX) - to.x), onY = std::abs((top ? f.maxY : f.minY) - to.y);
      const bool smallest = std::abs(std::min(f.width(), f.height()) - minSide) < 1e-6;
      EXPECT_TRUE(onX < 1e-6 || onY < 1e-6 || smallest);
    }
  }
}

TEST(ExportFrame, EdgeResizeKeepsTheOppositeEdgeAndTheMiddleLine) {
  const geo::MapBox start = box(0, 0, 297'000, 210'000);  // A4 landscape
  const double aspect = 297.0 / 210;
  const double midX = start.width() / 2, midY = start.height() / 2;
  geo::MapBox f = dragExportFrame(start, FramePart::Right, {start.maxX, midY}, {start.maxX + 99'000, midY + 50'000},
                                  aspect, 1000);
  EXPECT_DOUBLE_EQ(f.minX, 0);
  EXPECT_NEAR(f.maxX, 396'000, 1e-6);  // only the horizontal part of the movement counts
  EXPECT_NEAR((f.minY + f.maxY) / 2, midY, 1e-6);
  EXPECT_NEAR(aspectOf(f), aspect, 1e-12);
  f = dragExportFrame(start, FramePart::Top, {midX, start.maxY}, {midX, start.maxY - 105'000}, aspect, 1000);
  EXPECT_DOUBLE_EQ(f.minY, 0);
  EXPECT_NEAR(f.height(), 105'000, 1e-6);
  EXPECT_NEAR((f.minX + f.maxX) / 2, midX, 1e-6);
  f = dragExportFrame(start, FramePart::Left, {0, midY}, {-50'000, midY}, aspect, 1000);
  EXPECT_DOUBLE_EQ(f.maxX, start.maxX);
  EXPECT_NEAR(f.width(), 347'000, 1e-6);
  f = dragExportFrame(start, FramePart::Bottom, {midX, 0}, {midX, 30'000}, aspect, 1000);
  EXPECT_DOUBLE_EQ(f.maxY, start.maxY);
  EXPECT_NEAR(f.height(), 180'000, 1e-6);
  // Dragged far past the opposite edge: the smallest frame, still on the same side.
  f = dragExportFrame(start, FramePart::Right, {start.maxX, midY}, {-900'000, midY}, aspect, 20'000);
  EXPECT_DOUBLE_EQ(f.minX, 0);
  EXPECT_NEAR(f.height(), 20'000, 1e-6);
  EXPECT_NEAR(aspectOf(f), aspect, 1e-12);
}

TEST(ExportFrame, MoveTranslatesWithoutChangingTheSize) {
  const geo::MapBox start = box(10, 20, 1610, 920);
  const geo::MapBox f = dragExportFrame(start, FramePart::Inside, {500, 500}, {620.5, 380}, 16.0 / 9, 100);
  expectSameBox(f, box(130.5, -100, 1730.5, 800), 1e-9);
}

TEST(ExportFrame, ANewOutputSizeReshapesTheFrameAboutItsCentre) {
  const geo::MapBox visible = box(-800'000, -450'000, 800'000, 450'000);
  const geo::MapBox f = box(-300'000, -100'000, 100'000, 125'000);  // 16:9, inside
  const geo::MapBox a4 = reshapeExportFrame(f, 297.0 / 210, visible);
  EXPECT_NEAR(aspectOf(a4), 297.0 / 210, 1e-12);
  EXPECT_NEAR((a4.minX + a4.maxX) / 2, -100'000, 1e-6);
  EXPECT_NEAR((a4.minY + a4.maxY) / 2, 12'500, 1e-6);
  EXPECT_NEAR(a4.width() * a4.height(), f.width() * f.height(), 1e-3 * f.width() * f.height());
  // The frame filling the window turned portrait: it shrinks to stay inside the window.
  const geo::MapBox whole = box(-800'000, -450'000, 800'000, 450'000);
  const geo::MapBox portrait = reshapeExportFrame(whole, 9.0 / 16, visible);
  EXPECT_TRUE(inside(portrait, visible, 1e-6));
  EXPECT_NEAR(portrait.height(), visible.height(), 1e-6);
  EXPECT_NEAR(aspectOf(portrait), 9.0 / 16, 1e-12);
}

TEST(ExportFrame, TheViewOfAFrameExportsExactlyTheFramesExtent) {
  const AppState window = windowState();
  std::mt19937 random(11);
  std::uniform_real_distribution<double> unit(0, 1);
  for (auto [w, h] : {std::pair{3840, 2160}, std::pair{1920, 1080}, std::pair{3508, 2480}, std::pair{777, 1333}}) {
    for (int i = 0; i < 20; ++i) {
      // A frame somewhere on (or partly off) the window, moved and resized as an analyst would.
      geo::MapBox f = initialExportFrame(window.view, window.viewportW, window.viewportH, double(w) / h, 16);
      const double mpp = window.view.metresPerPixel;
      f = dragExportFrame(f, FramePart::Inside, {0, 0}, {(unit(random) - 0.5) * 900 * mpp, (unit(random) - 0.5) * 500 * mpp},
                          double(w) / h, 24 * mpp);
      f = dragExportFrame(f, FramePart::BottomRight, {f.maxX, f.minY},
                          {f.maxX - unit(random) * 700 * mpp, f.minY + unit(random) * 300 * mpp}, double(w) / h, 24 * mpp);
      const FramedView framed = framedExportView(f, w, h, window.view, window.pixelRatio);
      // The frame's corners are the corners of the image, within half an output pixel.
      const geo::ScreenPx tl = render::mapToScreen(framed.view, w, h, {f.minX, f.maxY});
      const geo::ScreenPx br = render::mapToScreen(framed.view, w, h, {f.maxX, f.minY});
      EXPECT_NEAR(tl.x, 0, 0.5);
      EXPECT_NEAR(tl.y, 0, 0.5);
      EXPECT_NEAR(br.x, w, 0.5);
      EXPECT_NEAR(br.y, h, 0.5);
      // Sizes as on screen: the ratio grows with the output pixels per framed window pixel.
      const double framePx = f.width() / mpp;
      EXPECT_NEAR(framed.pixelRatio, std::clamp(window.pixelRatio * w / framePx, 0.25, 16.0), 1e-4 * framed.pixelRatio);
    }
  }
  // Limits: a tiny frame exported large, a huge one exported small.
  const geo::MapBox tiny = box(0, 0, 20 * window.view.metresPerPixel, 20 * window.view.metresPerPixel);
  EXPECT_FLOAT_EQ(framedExportView(tiny, 8000, 8000, window.view, window.pixelRatio).pixelRatio, kMaxFramedPixelRatio);
  const geo::MapBox huge = box(0, 0, 40'000 * window.view.metresPerPixel, 40'000 * window.view.metresPerPixel);
  EXPECT_FLOAT_EQ(framedExportView(huge, 100, 100, window.view, window.pixelRatio).pixelRatio, kMinFramedPixelRatio);
}

// With the frame on the whole map area the framed export is the "Window" export: same view, same sizes.
TEST(ExportFrame, FramingTheWholeWindowGivesTheWindowExtentExport) {
  MapSession session{data::findGeodataDir()};
  AppState state = windowState();
  ExportDialogState dialog;
  dialog.file = "map.png";
  dialog.sizePreset = 2;  // 3840 x 2160, the window's aspect
  std::string error;
  const auto windowRequest = exportRequestFrom(dialog, state, error);
  ASSERT_TRUE(windowRequest) << error;
  EXPECT_FALSE(windowRequest->view);  // the window's extent

  dialog.extent = ExportExtent::FramedArea;
  dialog.frame.hasBox = true;
  dialog.frame.box = visibleMapBox(state.view, state.viewportW, state.viewportH);
  const auto framedRequest = exportRequestFrom(dialog, state, error);
  ASSERT_TRUE(framedRequest) << error;
  ASSERT_TRUE(framedRequest->view);

  const render::FrameSnapshot a = exportFrame(session, state, *windowRequest);
  const render::FrameSnapshot b = exportFrame(session, state, *framedRequest);
  EXPECT_EQ(a.widthPx, b.widthPx);
  EXPECT_EQ(a.heightPx, b.heightPx);
  EXPECT_NEAR(a.view.centre.x, b.view.centre.x, 1e-6);
  EXPECT_NEAR(a.view.centre.y, b.view.centre.y, 1e-6);
  EXPECT_NEAR(a.view.metresPerPixel, b.view.metresPerPixel, 1e-9 * a.view.metresPerPixel);
  EXPECT_FLOAT_EQ(a.pixelRatio, b.pixelRatio);
  EXPECT_FLOAT_EQ(b.pixelRatio, 1.25f * 3840 / 1600);  // output pixels per window pixel
}

TEST(ExportFrame, DraggingTheFrameMovesItAndNeverPansTheMap) {
  AppState state = windowState();
  ExportFrameState frame;
  const double aspect = 16.0 / 9;
  updateExportFrame(frame, true, state, aspect);
  ASSERT_TRUE(frame.hasBox);
  const geo::MapBox before = frame.box;
  const geo::ScreenPx tl = render::mapToScreen(state.view, state.viewportW, state.viewportH, {before.minX, before.maxY});
  std::vector<Action> actions;
  auto send = [&](const session::InputEvent& e, bool mapHasMouse = true) {
    return exportFrameInput(e, frame, state, aspect, mapHasMouse, true, actions);
  };

  // Move: press inside, drag 100 px right and 40 px down.
  EXPECT_EQ(send(press(800, 450)), FrameInput::Taken);
  EXPECT_EQ(send(moveTo(850, 470)), FrameInput::Taken);
  EXPECT_EQ(send(moveTo(900, 490)), FrameInput::Taken);
  EXPECT_EQ(send(release(900, 490)), FrameInput::Taken);
  EXPECT_TRUE(actions.empty()) << "the frame's drag must not pan or pick";
  const double mpp = state.view.metresPerPixel;
  expectSameBox(frame.box, box(before.minX + 100 * mpp, before.minY - 40 * mpp, before.maxX + 100 * mpp, before.maxY - 40 * mpp), 1e-6);

  // Resize from the top-left corner (now 100 px right, 40 px down): the bottom-right corner stays.
  const geo::MapBox moved = frame.box;
  EXPECT_EQ(send(press(tl.x + 101, tl.y + 41)), FrameInput::Taken);
  EXPECT_EQ(send(moveTo(tl.x + 300, tl.y + 200)), FrameInput::Taken);
  EXPECT_EQ(send(release(tl.x + 300, tl.y + 200)), FrameInput::Taken);
  EXPECT_TRUE(actions.empty());
  EXPECT_DOUBLE_EQ(frame.box.maxX, moved.maxX);
  EXPECT_DOUBLE_EQ(frame.box.minY, moved.minY);
  EXPECT_LT(frame.box.width(), moved.width());
  EXPECT_NEAR(aspectOf(frame.box), aspect, 1e-9);

  // Outside the frame, and over a panel, the map has the mouse.
  EXPECT_EQ(send(press(5, 5)), FrameInput::Ignored);
  EXPECT_EQ(send(release(5, 5)), FrameInput::Ignored);
  EXPECT_EQ(send(press(800, 450), /*mapHasMouse=*/false), FrameInput::Ignored);
  // The wheel zooms the map even over the frame.
  EXPECT_EQ(send(session::MouseWheelEvent{0, 1, 800, 450}), FrameInput::Ignored);

  // A click inside without moving picks the feature under it; a double-click zooms, as on the map.
  EXPECT_EQ(send(press(800, 450)), FrameInput::Taken);
  EXPECT_EQ(send(moveTo(801, 451)), FrameInput::Taken);
  EXPECT_EQ(send(release(801, 451)), FrameInput::Taken);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<action::PickAt>(actions[0]));
  EXPECT_EQ(send(press(801, 451, 2)), FrameInput::Taken);
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<action::ZoomAt>(actions[1]));
  EXPECT_EQ(send(release(801, 451)), FrameInput::Ignored);  // no drag began

  // Esc during a drag puts the frame back; Esc otherwise asks to close the dialog.
  const geo::MapBox placed = frame.box;
  EXPECT_EQ(send(press(800, 450)), FrameInput::Taken);
  EXPECT_EQ(send(moveTo(500, 200)), FrameInput::Taken);
  EXPECT_NE(frame.box.minX, placed.minX);
  EXPECT_EQ(send(escape()), FrameInput::Taken);
  expectSameBox(frame.box, placed, 0);
  EXPECT_EQ(send(moveTo(400, 100)), FrameInput::Ignored);  // the drag is over: the map's again
  EXPECT_EQ(send(release(400, 100)), FrameInput::Ignored);
  EXPECT_EQ(send(escape()), FrameInput::Dismiss);

  // Hidden: nothing is the frame's.
  updateExportFrame(frame, false, state, aspect);
  EXPECT_EQ(send(press(800, 450)), FrameInput::Ignored);
  EXPECT_EQ(send(escape()), FrameInput::Ignored);
}

TEST(ExportFrame, TheFrameStaysOnTheMapAndFollowsTheOutputSize) {
  AppState state = windowState();
  ExportFrameState frame;
  updateExportFrame(frame, true, state, 16.0 / 9);
  const geo::MapBox first = frame.box;
  // Panning and zooming move the map, not the frame's place on it.
  state.view.centre.x += 300 * state.view.metresPerPixel;
  state.view.metresPerPixel *= 0.8;
  updateExportFrame(frame, true, state, 16.0 / 9);
  expectSameBox(frame.box, first, 0);
  // Another size: reshaped about its centre; typing through odd values and back gives it back unchanged.
  for (double aspect : {3.0 / 2160, 38.0 / 2160, 384.0 / 2160, 297.0 / 210}) updateExportFrame(frame, true, state, aspect);
  EXPECT_NEAR(aspectOf(frame.box), 297.0 / 210, 1e-9);
  EXPECT_NEAR((frame.box.minX + frame.box.maxX) / 2, (first.minX + first.maxX) / 2, 1e-6);
  updateExportFrame(frame, true, state, 16.0 / 9);
  expectSameBox(frame.box, first, 1e-6);
  // Hidden and shown again where the analyst left it, even if only a corner is in view ...
  updateExportFrame(frame, false, state, 16.0 / 9);
  state.view.centre.x = first.maxX + 0.45 * state.viewportW * state.view.metresPerPixel;
  updateExportFrame(frame, true, state, 16.0 / 9);
  expectSameBox(frame.box, first, 1e-6);
  // ... but placed anew when it would be entirely out of sight, or in another CRS.
  updateExportFrame(frame, false, state, 16.0 / 9);
  state.view.centre.x = first.maxX + 5000 * state.view.metresPerPixel;
  updateExportFrame(frame, true, state, 16.0 / 9);
  EXPECT_TRUE(frame.box.intersects(visibleMapBox(state.view, state.viewportW, state.viewportH)));
  const geo::MapBox here = frame.box;
  state.crs = geo::mapCrsFromText("EPSG:3035");
  state.view.centre = {5'000'000, 3'000'000};
  updateExportFrame(frame, true, state, 16.0 / 9);
  EXPECT_NE(frame.box.minX, here.minX);
  EXPECT_TRUE(inside(frame.box, visibleMapBox(state.view, state.viewportW, state.viewportH), 1e-6));
}

// The export dialog: the file goes to the chosen folder, reported as an absolute path; the dialog opens on the
// last export's folder; the title comes from the current slide unless the analyst typed their own.
TEST(ExportDialog, FolderPathAndTitleFromTheSlide) {
  namespace fs = std::filesystem;
  const fs::path folder = fs::temp_directory_path() / ("briefmap-export-dialog-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  AppState state;
  state.viewportW = 800;
  state.viewportH = 600;
  state.recent.exportFolder = folder.string();
  ExportDialogState dialog;
  dialog.file = "map.pdf";
  prepareExportDialog(dialog, state);
  EXPECT_EQ(dialog.folder, folder.string());
  EXPECT_EQ(exportPathOf(dialog), folder / "map.pdf");
  EXPECT_TRUE(exportPathOf(dialog).is_absolute());
  std::string error;
  auto request = exportRequestFrom(dialog, state, error);
  ASSERT_TRUE(request) << error;
  EXPECT_EQ(request->out, folder / "map.pdf");
  // A relative folder becomes absolute; a missing folder is named before any work.
  dialog.folder = "";
  EXPECT_EQ(exportPathOf(dialog), fs::current_path() / "map.pdf");
  dialog.folder = (folder / "missing").string();
  EXPECT_FALSE(exportRequestFrom(dialog, state, error));
  EXPECT_NE(error.find("missing"), std::string::npos) << error;

  // Titles: the current slide's, following the slide; a typed title stays.
  ExportDialogState titled;
  prepareExportDialog(titled, state);
  EXPECT_TRUE(titled.furniture.title.empty()) << "no slide, no title";
  state.briefing.doc.slides.resize(2);
  state.briefing.doc.slides[0].title = "The three-tier plan";
  state.briefing.doc.slides[0].caption = "Buffer, reassurance, backstop";
  state.briefing.doc.slides[1].title = "European reassurance force";
  state.briefing.current = 0;
  prepareExportDialog(titled, state);
  EXPECT_EQ(titled.furniture.title, "The three-tier plan");
  EXPECT_EQ(titled.furniture.subtitle, "Buffer, reassurance, backstop");
  state.briefing.current = 1;  // the slide changes while the dialog is open
  exportTitleFollowsSlide(titled, state);
  EXPECT_EQ(titled.furniture.title, "European reassurance force");
  EXPECT_EQ(titled.furniture.subtitle, "");
  titled.furniture.title = "My own title";
  state.briefing.current = 0;
  prepareExportDialog(titled, state);
  EXPECT_EQ(titled.furniture.title, "My own title");
  fs::remove_all(folder);
}
