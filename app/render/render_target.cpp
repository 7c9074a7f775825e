#include "briefmap/render/render_target.hpp"

#include <algorithm>
#include <string>

namespace briefmap::render {

void WindowTarget::bind() {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(m_x, m_y, m_width, m_height);
  glScissor(m_x, m_y, m_width, m_height);
  glEnable(GL_SCISSOR_TEST);
}

namespace {
GlRenderbuffer makeColourBuffer(int width, int height, int samples) {
  GLuint id = 0;
  glGenRenderbuffers(1, &id);
  glBindRenderbuffer(GL_RENDERBUFFER, id);
  if (samples > 1) glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, width, height);
  else glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  return GlRenderbuffer(id);
}

// A framebuffer whose colour is `attach`ed by the caller (a renderbuffer or a texture).
template <typename Attach>
GlFramebuffer makeFramebufferWith(Attach attach, int width, int height) {
  GLuint id = 0;
  glGenFramebuffers(1, &id);
  glBindFramebuffer(GL_FRAMEBUFFER, id);
  attach();
  GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (status != GL_FRAMEBUFFER_COMPLETE) {
    throw GlError("cannot create an offscreen image of " + std::to_string(width) + "x" + std::to_string(height) +
                  " pixels (framebuffer status 0x" + std::to_string(status) + ")");
  }
  return GlFramebuffer(id);
}
auto renderbufferAttachment(const GlRenderbuffer& colour) {
  return [&colour] { glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour.id()); };
}

void checkOffscreenSize(int width, int height) {
  const int limit = OffscreenTarget::maxSize();
  if (width <= 0 || height <= 0 || width > limit || height > limit) {
    throw GlError("offscreen image size " + std::to_string(width) + "x" + std::to_string(height) +
                  " is outside what this OpenGL driver renders in one piece (1.." + std::to_string(limit) + ")");
  }
}
}  // namespace

int OffscreenTarget::maxSize() {
  GLint maxRb = 0, maxDims[2] = {0, 0};
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxRb);
  glGetIntegerv(GL_MAX_VIEWPORT_DIMS, maxDims);
  return std::min({maxRb, maxDims[0], maxDims[1]});
}

OffscreenTarget::OffscreenTarget(int width, int height, int samples)
    : m_width(width), m_height(height), m_samples(samples) {
  checkOffscreenSize(width, height);
  GLint maxSamples = 1;
  glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
  m_samples = std::clamp(samples, 1, std::max(1, maxSamples));
  m_colour = makeColourBuffer(width, height, m_samples);
  m_fbo = makeFramebufferWith(renderbufferAttachment(m_colour), width, height);
  if (m_samples > 1) {
    m_resolveColour = makeColourBuffer(width, height, 1);
    m_resolveFbo = makeFramebufferWith(renderbufferAttachment(m_resolveColour), width, height);
  }
}

void OffscreenTarget::bind() {
  glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
  glViewport(0, 0, m_width, m_height);
  glDisable(GL_SCISSOR_TEST);
}

std::vector<std::uint8_t> OffscreenTarget::readPixels() {
  std::vector<std::uint8_t> pixels(static_cast<size_t>(m_width) * m_height * 4);
  readPixels(pixels.data());
  return pixels;
}

void OffscreenTarget::readPixels(std::uint8_t* out) {
  GLuint readFrom = m_fbo.id();
  if (m_samples > 1) {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_resolveFbo.id());
    glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    readFrom = m_resolveFbo.id();
  }
  glBindFramebuffer(GL_READ_FRAMEBUFFER, readFrom);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, out);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

TextureTarget::TextureTarget(int width, int height) : m_width(width), m_height(height) {
  checkOffscreenSize(width, height);
  m_texture = makeTexture();
  glBindTexture(GL_TEXTURE_2D, m_texture.id());
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  // Without mipmaps the default minification filter leaves the texture incomplete (it samples black).
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
  const GLuint texture = m_texture.id();
  m_fbo = makeFramebufferWith(
      [texture] { glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture, 0); }, width, height);
}

void TextureTarget::bind() {
  glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
  glViewport(0, 0, m_width, m_height);
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace briefmap::render
