#include "briefmap/render/gl.hpp"

#include <string>

namespace briefmap::render {

GlBuffer makeBuffer() {
  GLuint id = 0;
  glGenBuffers(1, &id);
  return GlBuffer(id);
}

GlVertexArray makeVertexArray() {
  GLuint id = 0;
  glGenVertexArrays(1, &id);
  return GlVertexArray(id);
}

GlTexture makeTexture() {
  GLuint id = 0;
  glGenTextures(1, &id);
  return GlTexture(id);
}

namespace {
GLuint compileStage(GLenum stage, const std::string& fileName) {
  const std::string_view source = embeddedShader(fileName);
  if (source.empty()) throw GlError("shader " + fileName + " is not embedded in the binary");
  GLuint shader = glCreateShader(stage);
  const char* text = source.data();
  const GLint length = static_cast<GLint>(source.size());
  glShaderSource(shader, 1, &text, &length);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[4096] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    glDeleteShader(shader);
    throw GlError("shaders/" + fileName + " does not compile:\n" + log);
  }
  return shader;
}
}  // namespace

GlProgram compileProgram(std::string_view name, std::string_view fragmentName) {
  const std::string base(name);
  GLuint vs = compileStage(GL_VERTEX_SHADER, base + ".vert");
  GLuint fs = 0;
  try {
    fs = compileStage(GL_FRAGMENT_SHADER, std::string(fragmentName.empty() ? name : fragmentName) + ".frag");
  } catch (...) {
    glDeleteShader(vs);
    throw;
  }
  GlProgram program(glCreateProgram());
  glAttachShader(program.id(), vs);
  glAttachShader(program.id(), fs);
  glLinkProgram(program.id());
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(program.id(), GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[4096] = {};
    glGetProgramInfoLog(program.id(), sizeof log, nullptr, log);
    throw GlError("shaders/" + base + ".vert/.frag do not link:\n" + log);
  }
  return program;
}

}  // namespace briefmap::render
