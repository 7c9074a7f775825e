#version 330 core
// Shapes by signed distance (pixels, y down): 0 plain rectangle, 1 circle, 2 square, 3 triangle pointing
// up, 4 diamond. The triangle's and diamond's proportions are render::kTriangleCircumradius and
// kDiamondHalfDiagonal (style.hpp), which the vector export draws too.
in vec2 v_local;
in vec4 v_fill;
in vec4 v_stroke;
flat in vec3 v_params;
out vec4 o_colour;

float triangleDistance(vec2 p, float circumradius) {
  // Equilateral, centroid at the origin (after Inigo Quilez's exact distance), y up here.
  const float k = sqrt(3.0);
  float r = circumradius * k * 0.5;  // half the side
  p = vec2(abs(p.x) - r, -p.y + r / k);
  if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
  p.x -= clamp(p.x, -2.0 * r, 0.0);
  return -length(p) * sign(p.y);
}

void main() {
  float shape = v_params.x;
  float halfSize = v_params.y;
  float stroke = v_params.z;
  if (shape < 0.5) {  // plain rectangle: covers its quad exactly
    o_colour = vec4(v_fill.rgb * v_fill.a, v_fill.a);
    return;
  }
  // Signed distance to the shape's edge in pixels (negative inside).
  float d;
  if (shape < 1.5) d = length(v_local) - halfSize;
  else if (shape < 2.5) d = max(abs(v_local.x), abs(v_local.y)) - halfSize;
  else if (shape < 3.5) d = triangleDistance(v_local, 1.3 * halfSize);
  else d = (abs(v_local.x) + abs(v_local.y) - 1.25 * halfSize) * 0.70710678;
  float outer = clamp(0.5 - d, 0.0, 1.0);
  float inner = clamp(0.5 - (d + stroke), 0.0, 1.0);
  vec4 c = mix(v_stroke, v_fill, stroke > 0.0 ? inner : 1.0);
  float a = c.a * outer;
  o_colour = vec4(c.rgb * a, a);
}
