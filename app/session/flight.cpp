#include "briefmap/session/flight.hpp"

#include <algorithm>
#include <cmath>

namespace briefmap::session {
namespace {

// Parameters of the fly-to path (van Wijk and Nuij): rho² = 2 balances zooming out against panning.
constexpr double kRho = 1.4142135623730951;
constexpr double kMinTransitionSeconds = 0.45;  // long enough to see the fades
constexpr double kMaxTransitionSeconds = 0.9;   // the issue asks for under a second

double easeInOutCubic(double t) { return t < 0.5 ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3) / 2; }
double smoothstep(double t) {
  t = std::clamp(t, 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

struct FlightPath {
  double dx = 0, dy = 0, d = 0;  // map metres
  double w0 = 0, w1 = 0;         // view widths in map metres
  double r0 = 0, S = 0;          // path start and length (in the paper's units)
  bool zoomOnly = false;
};

FlightPath flightPath(const render::View& a, const render::View& b, int widthPx) {
  FlightPath p;
  p.dx = b.centre.x - a.centre.x;
  p.dy = b.centre.y - a.centre.y;
  p.d = std::hypot(p.dx, p.dy);
  p.w0 = a.metresPerPixel * std::max(1, widthPx);
  p.w1 = b.metresPerPixel * std::max(1, widthPx);
  if (p.d < 1e-6 * std::max(p.w0, p.w1)) {
    p.zoomOnly = true;
    p.S = std::abs(std::log(p.w1 / p.w0)) / kRho;
    return p;
  }
  const double rho2 = kRho * kRho, rho4 = rho2 * rho2;
  const double b0 = (p.w1 * p.w1 - p.w0 * p.w0 + rho4 * p.d * p.d) / (2 * p.w0 * rho2 * p.d);
  const double b1 = (p.w1 * p.w1 - p.w0 * p.w0 - rho4 * p.d * p.d) / (2 * p.w1 * rho2 * p.d);
  p.r0 = std::log(std::sqrt(b0 * b0 + 1) - b0);
  const double r1 = std::log(std::sqrt(b1 * b1 + 1) - b1);
  p.S = (r1 - p.r0) / kRho;
  return p;
}

}  // namespace

render::View interpolateFlight(const render::View& from, const render::View& to, int widthPx, double t) {
  if (t <= 0) return from;
  if (t >= 1) return to;
  const FlightPath p = flightPath(from, to, widthPx);
  const double W = std::max(1, widthPx);
  render::View v;
  if (p.zoomOnly) {
    v.centre = {from.centre.x + (to.centre.x - from.centre.x) * t, from.centre.y + (to.centre.y - from.centre.y) * t};
    v.metresPerPixel = from.metresPerPixel * std::pow(to.metresPerPixel / from.metresPerPixel, t);
    return v;
  }
  const double s = t * p.S;
  const double coshR0 = std::cosh(p.r0);
  const double u = p.w0 / (kRho * kRho * p.d) * (coshR0 * std::tanh(kRho * s + p.r0) - std::sinh(p.r0));
  v.centre = {from.centre.x + u * p.dx, from.centre.y + u * p.dy};
  v.metresPerPixel = p.w0 * coshR0 / std::cosh(kRho * s + p.r0) / W;
  return v;
}

double flightSeconds(const render::View& from, const render::View& to, int widthPx) {
  const double S = flightPath(from, to, widthPx).S;
  if (!std::isfinite(S)) return kMinTransitionSeconds;
  return std::clamp(0.3 + 0.15 * S, kMinTransitionSeconds, kMaxTransitionSeconds);
}

void flyTo(AppState& state, const render::View& target) {
  auto& tr = state.briefing.transition;
  if (state.viewportW <= 0) {
    state.view = target;
    tr.active = false;
    return;
  }
  advanceTransitions(state);
  for (auto& o : state.options) {
    o.fadeFrom = o.visible ? 1.f : 0.f;
    o.fadeOutFrom = 0.f;
  }
  tr.active = true;
  tr.from = state.view;
  tr.to = target;
  tr.startSeconds = state.clockSeconds;
  tr.durationSeconds = flightSeconds(state.view, target, state.viewportW);
}

bool advanceTransitions(AppState& state) {
  auto& tr = state.briefing.transition;
  if (!tr.active) return false;
  const double p = tr.durationSeconds > 0 ? (state.clockSeconds - tr.startSeconds) / tr.durationSeconds : 1.0;
  if (p >= 1) {
    tr.active = false;
    state.view = tr.to;
    for (auto& o : state.options) {
      o.fade = 1.f;
      o.fadeOut = 0.f;
    }
    return false;
  }
  state.view = interpolateFlight(tr.from, tr.to, state.viewportW, easeInOutCubic(std::max(0.0, p)));
  // Cross-fade: what leaves goes in the first 60 % of the flight, what arrives comes in the last 60 %.
  const float out = static_cast<float>(1 - smoothstep(p / 0.6));
  const float in = static_cast<float>(smoothstep((p - 0.4) / 0.6));
  for (auto& o : state.options) {
    if (o.visible) {
      o.fade = o.fadeFrom + (1.f - o.fadeFrom) * in;
      o.fadeOut = 0.f;
    } else {
      o.fade = 0.f;
      o.fadeOut = o.fadeOutFrom * out;
    }
  }
  return true;
}

}  // namespace briefmap::session
