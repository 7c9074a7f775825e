#version 330 core
in vec2 v_uv;
in vec4 v_colour;
in vec4 v_halo;
in vec2 v_params;
uniform sampler2D u_atlas;   // R8 distance field: 0.5 is the glyph edge, larger is inside
out vec4 o_colour;
void main() {
  float d = texture(u_atlas, v_uv).r;
  float ramp = max(v_params.x, 1e-4) * 0.5;
  float fill = smoothstep(0.5 - ramp, 0.5 + ramp, d);
  float haloEdge = 0.5 - v_params.y;
  float halo = v_params.y > 0.0 ? smoothstep(haloEdge - ramp, haloEdge + ramp, d) : 0.0;
  float fillA = v_colour.a * fill;
  float haloA = v_halo.a * halo * (1.0 - fillA);
  float a = fillA + haloA;
  vec3 rgb = v_colour.rgb * fillA + v_halo.rgb * haloA;
  o_colour = vec4(rgb, a);
}
