#version 330 core
// Text from a signed-distance-field glyph atlas, positioned in screen pixels.
layout(location = 0) in vec2 a_pos;    // pixels, y down
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_colour;
layout(location = 3) in vec4 a_halo;
layout(location = 4) in vec2 a_params; // x: SDF units per screen pixel (for the AA ramp), y: halo width in SDF units
uniform vec2 u_viewport;
out vec2 v_uv;
out vec4 v_colour;
out vec4 v_halo;
out vec2 v_params;
void main() {
  vec2 ndc = vec2(a_pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - a_pos.y / u_viewport.y * 2.0);
  gl_Position = vec4(ndc, 0.0, 1.0);
  v_uv = a_uv;
  v_colour = a_colour;
  v_halo = a_halo;
  v_params = a_params;
}
