#version 330 core
in float v_acrossPx;
uniform float u_halfWidthPx;
uniform vec4 u_colour;   // straight alpha, opacity applied
out vec4 o_colour;
void main() {
  float coverage = clamp(u_halfWidthPx + 0.5 - abs(v_acrossPx), 0.0, 1.0);
  float a = u_colour.a * coverage;
  o_colour = vec4(u_colour.rgb * a, a);
}
