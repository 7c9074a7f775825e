#version 330 core
in vec2 v_local;
in vec4 v_fill;
in vec4 v_stroke;
flat in vec3 v_params;
out vec4 o_colour;
void main() {
  float shape = v_params.x;
  float halfSize = v_params.y;
  float stroke = v_params.z;
  if (shape < 0.5) {  // plain rectangle: covers its quad exactly
    o_colour = vec4(v_fill.rgb * v_fill.a, v_fill.a);
    return;
  }
  // Signed distance to the shape's edge in pixels (negative inside).
  float d = shape < 1.5 ? length(v_local) - halfSize
                        : max(abs(v_local.x), abs(v_local.y)) - halfSize;
  float outer = clamp(0.5 - d, 0.0, 1.0);
  float inner = clamp(0.5 - (d + stroke), 0.0, 1.0);
  vec4 c = mix(v_stroke, v_fill, stroke > 0.0 ? inner : 1.0);
  float a = c.a * outer;
  o_colour = vec4(c.rgb * a, a);
}
