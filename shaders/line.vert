#version 330 core
// Wide lines extruded on the GPU so their width stays in screen pixels at every zoom.
// The strip is made one pixel wider than the line; the fragment shader fades that pixel (anti-aliasing).
layout(location = 0) in vec2 a_pos;     // map metres
layout(location = 1) in vec2 a_miter;   // unit normal scaled for the join, normalised to u_maxMiter
layout(location = 2) in float a_along;  // metres along the line, for dashes
uniform vec2 u_centre;
uniform vec2 u_scale;
uniform float u_metresPerPixel;
uniform float u_halfWidthPx;
uniform float u_maxMiter;
out float v_acrossPx;
out float v_alongPx;
void main() {
  // Vertices come in pairs, both sides of a point: the side is the index's parity (render::LineVertex).
  float side = (gl_VertexID & 1) == 0 ? 1.0 : -1.0;
  float extent = u_halfWidthPx + 1.0;
  vec2 p = a_pos + a_miter * u_maxMiter * (side * extent * u_metresPerPixel);
  gl_Position = vec4((p - u_centre) * u_scale, 0.0, 1.0);
  v_acrossPx = side * extent;
  v_alongPx = a_along / u_metresPerPixel;
}
