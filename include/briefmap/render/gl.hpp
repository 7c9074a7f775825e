#pragma once
// OpenGL 3.3 core entry points (GLVND's libOpenGL exports them all; no loader needed) and
// move-only owners for GL objects. Only the renderer includes this header.
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace briefmap::render {

/// A GL call failed in a way the user cannot fix (driver without GL 3.3, out of memory…).
class GlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Owns one GL object name; deleter is a plain function so the type stays tiny.
template <void (*Delete)(GLuint)>
class GlHandle {
 public:
  GlHandle() = default;
  explicit GlHandle(GLuint id) : m_id(id) {}
  ~GlHandle() { reset(); }
  GlHandle(GlHandle&& o) noexcept : m_id(std::exchange(o.m_id, 0)) {}
  GlHandle& operator=(GlHandle&& o) noexcept {
    if (this != &o) {
      reset();
      m_id = std::exchange(o.m_id, 0);
    }
    return *this;
  }
  GlHandle(const GlHandle&) = delete;
  GlHandle& operator=(const GlHandle&) = delete;
  GLuint id() const { return m_id; }
  explicit operator bool() const { return m_id != 0; }
  void reset() {
    if (m_id) Delete(m_id);
    m_id = 0;
  }

 private:
  GLuint m_id = 0;
};

namespace gldetail {
inline void deleteBuffer(GLuint id) { glDeleteBuffers(1, &id); }
inline void deleteVertexArray(GLuint id) { glDeleteVertexArrays(1, &id); }
inline void deleteTexture(GLuint id) { glDeleteTextures(1, &id); }
inline void deleteFramebuffer(GLuint id) { glDeleteFramebuffers(1, &id); }
inline void deleteRenderbuffer(GLuint id) { glDeleteRenderbuffers(1, &id); }
inline void deleteProgram(GLuint id) { glDeleteProgram(id); }
}  // namespace gldetail

using GlBuffer = GlHandle<gldetail::deleteBuffer>;
using GlVertexArray = GlHandle<gldetail::deleteVertexArray>;
using GlTexture = GlHandle<gldetail::deleteTexture>;
using GlFramebuffer = GlHandle<gldetail::deleteFramebuffer>;
using GlRenderbuffer = GlHandle<gldetail::deleteRenderbuffer>;
using GlProgram = GlHandle<gldetail::deleteProgram>;

GlBuffer makeBuffer();
GlVertexArray makeVertexArray();
GlTexture makeTexture();

/// Compiles and links the embedded shaders `<name>.vert` and `<fragmentName>.frag` (default `<name>.frag`); errors
/// name the file.
GlProgram compileProgram(std::string_view name, std::string_view fragmentName = {});

/// The GLSL source embedded at build time from shaders/, or empty when there is none.
std::string_view embeddedShader(std::string_view fileName);

}  // namespace briefmap::render
