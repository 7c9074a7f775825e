#pragma once
// Input events in the application's own terms, so that only the platform layer knows SDL.
#include <string>
#include <variant>

namespace briefmap::session {

enum class Key {
  Other, Left, Right, Up, Down, Plus, Minus, Home, End, PageUp, PageDown, Space, Escape, Enter, Backspace, Period,
  F5, F11, A, B, C, D, F, G, K, L, M, O, P, Q, S, X, Y, Z, Delete, Tab
};

struct QuitEvent {};
struct ResizeEvent {};
struct MouseMoveEvent { float x, y; };                       ///< physical pixels, y down
struct MouseButtonEvent { int button; bool down; float x, y; int clicks; };  ///< button 1 left, 2 middle, 3 right
struct MouseWheelEvent { float dx, dy; float x, y; };        ///< dy > 0 = away from the user (zoom in)
struct KeyEvent { Key key; bool down; bool ctrl; bool shift; bool repeat; };
struct DropFileEvent { std::string path; };

using InputEvent =
    std::variant<QuitEvent, ResizeEvent, MouseMoveEvent, MouseButtonEvent, MouseWheelEvent, KeyEvent, DropFileEvent>;

}  // namespace briefmap::session
