#version 330 core
// Wide lines extruded on the GPU so their width stays in screen pixels at every zoom.
// The strip is made one pixel wider than the line; the fragment shader fades that pixel (anti-aliasing).
layout(location = 0) in vec2 a_pos;     // map metres
layout(location = 1) in vec2 a_miter;   // unit normal scaled for the join
layout(location = 2) in float a_side;   // +1 or -1
layout(location = 3) in float a_along;  // metres along the line, for dashes
uniform vec2 u_centre;
uniform vec2 u_scale;
uniform float u_metresPerPixel;
uniform float u_halfWidthPx;
out float v_acrossPx;
out float v_alongPx;
void main() {
  float extent = u_halfWidthPx + 1.0;
  vec2 p = a_pos + a_miter * (a_side * extent * u_metresPerPixel);
  gl_Position = vec4((p - u_centre) * u_scale, 0.0, 1.0);
  v_acrossPx = a_side * extent;
  v_alongPx = a_along / u_metresPerPixel;
}
