#version 330 core
// Point symbols of a layer, one instance per point: the points stay on the GPU in map metres and each frame
// draws them with a quad expanded here (fragments as shape.frag draws a circle with its edge).
layout(location = 0) in vec2 a_corner;     // (-1, -1) … (1, 1): the corner of the quad
layout(location = 1) in vec2 a_centre;     // map metres, per instance
uniform vec2 u_centre;                     // view centre, map metres
uniform vec2 u_scale;                      // map metres to clip space
uniform vec2 u_viewport;                   // pixels
uniform float u_halfQuadPx;
uniform vec4 u_fill;
uniform vec4 u_stroke;
uniform vec3 u_params;                     // as shape.vert's a_params: shape, half size px, stroke px
out vec2 v_local;
out vec4 v_fill;
out vec4 v_stroke;
flat out vec3 v_params;
void main() {
  vec2 at = (a_centre - u_centre) * u_scale;
  gl_Position = vec4(at + a_corner * u_halfQuadPx * 2.0 / u_viewport, 0.0, 1.0);
  v_local = a_corner * u_halfQuadPx;
  v_fill = u_fill;
  v_stroke = u_stroke;
  v_params = u_params;
}
