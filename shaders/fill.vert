#version 330 core
// Polygon fill: map metres -> clip space. Colour per vertex (choropleths), opacity per layer.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec4 a_colour;
uniform vec2 u_centre;   // view centre, map metres
uniform vec2 u_scale;    // clip units per metre, x and y
uniform float u_opacity;
uniform vec3 u_tint;     // layer colour; white for layers that colour each feature (the basemap)
out vec4 v_colour;
void main() {
  gl_Position = vec4((a_pos - u_centre) * u_scale, 0.0, 1.0);
  v_colour = vec4(a_colour.rgb * u_tint, a_colour.a * u_opacity);
}
