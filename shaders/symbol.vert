#version 330 core
// Point symbols of a layer, one instance per point: the points stay on the GPU in map metres and each frame
// draws them with a quad expanded here (fragments as shape.frag draws the point's shape with its edge).
layout(location = 0) in vec2 a_corner;     // (-1, -1) … (1, 1): the corner of the quad
layout(location = 1) in vec2 a_centre;     // map metres, per instance
layout(location = 2) in float a_shape;     // per instance: shape.frag's shape id (1 circle … 4 diamond)
uniform vec2 u_centre;                     // view centre, map metres
uniform vec2 u_scale;                      // map metres to clip space
uniform vec2 u_viewport;                   // pixels
uniform float u_halfQuadPx;
uniform vec4 u_fill;
uniform vec4 u_stroke;
uniform vec2 u_sizes;                      // as shape.vert's a_params.yz: half size px, stroke px
out vec2 v_local;
out vec4 v_fill;
out vec4 v_stroke;
flat out vec3 v_params;
void main() {
  vec2 at = (a_centre - u_centre) * u_scale;
  gl_Position = vec4(at + a_corner * u_halfQuadPx * 2.0 / u_viewport, 0.0, 1.0);
  // shape.frag works in pixels with y down (as the screen-space shapes): clip space has y up.
  v_local = vec2(a_corner.x, -a_corner.y) * u_halfQuadPx;
  v_fill = u_fill;
  v_stroke = u_stroke;
  v_params = vec3(a_shape, u_sizes);
}
