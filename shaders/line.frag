#version 330 core
in float v_acrossPx;
in float v_alongPx;
uniform float u_halfWidthPx;
uniform vec2 u_dashPx;   // on and off lengths in pixels; (0, 0) = solid
uniform vec4 u_colour;   // straight alpha, opacity applied
out vec4 o_colour;
void main() {
  float coverage = clamp(u_halfWidthPx + 0.5 - abs(v_acrossPx), 0.0, 1.0);
  if (u_dashPx.x > 0.0) {
    // Anti-aliased dash ends: coverage falls off over one pixel at each end of a dash.
    float phase = mod(v_alongPx, u_dashPx.x + u_dashPx.y);
    coverage *= clamp(min(phase + 0.5, u_dashPx.x + 0.5 - phase), 0.0, 1.0);
  }
  float a = u_colour.a * coverage;
  o_colour = vec4(u_colour.rgb * a, a);
}
