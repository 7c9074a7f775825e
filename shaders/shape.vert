#version 330 core
// Screen-space shapes (point symbols, map furniture): a quad per shape, drawn by distance in the fragment shader.
layout(location = 0) in vec2 a_pos;        // pixels, y down
layout(location = 1) in vec2 a_local;      // pixels from the shape's centre
layout(location = 2) in vec4 a_fill;
layout(location = 3) in vec4 a_stroke;
layout(location = 4) in vec3 a_params;     // x: shape (as shape.frag: 0 rect … 4 diamond), y: half size px, z: stroke px
uniform vec2 u_viewport;
out vec2 v_local;
out vec4 v_fill;
out vec4 v_stroke;
flat out vec3 v_params;
void main() {
  vec2 ndc = vec2(a_pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - a_pos.y / u_viewport.y * 2.0);
  gl_Position = vec4(ndc, 0.0, 1.0);
  v_local = a_local;
  v_fill = a_fill;
  v_stroke = a_stroke;
  v_params = a_params;
}
