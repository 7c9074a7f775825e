#pragma once
#include <cstdint>
#include <vector>

#include "briefmap/render/gl.hpp"

namespace briefmap::render {

/// Something the renderer draws into: the window's default framebuffer or an offscreen one.
class RenderTarget {
 public:
  virtual ~RenderTarget() = default;
  virtual int width() const = 0;
  virtual int height() const = 0;
  /// Binds the framebuffer and sets the viewport.
  virtual void bind() = 0;
  /// The GL framebuffer drawn into and the lower-left corner of the drawn area in it (for copies).
  virtual GLuint framebuffer() const = 0;
  virtual int originX() const { return 0; }
  virtual int originY() const { return 0; }
};

/// A rectangle of the window's default framebuffer (the map area between the menu and status bars).
class WindowTarget final : public RenderTarget {
 public:
  /// x, y: lower-left corner in GL window coordinates (y up), physical pixels.
  void setArea(int x, int y, int width, int height) { m_x = x; m_y = y; m_width = width; m_height = height; }
  int width() const override { return m_width; }
  int height() const override { return m_height; }
  void bind() override;  ///< also sets the scissor box, so clearing stays inside the area
  GLuint framebuffer() const override { return 0; }
  int originX() const override { return m_x; }
  int originY() const override { return m_y; }

 private:
  int m_x = 0, m_y = 0, m_width = 0, m_height = 0;
};

/// An offscreen RGBA8 framebuffer (with 4x multisampling resolved on read-back when asked).
class OffscreenTarget final : public RenderTarget {
 public:
  /// Throws GlError when the driver cannot make a framebuffer of this size.
  OffscreenTarget(int width, int height, int samples = 4);
  int width() const override { return m_width; }
  int height() const override { return m_height; }
  void bind() override;
  GLuint framebuffer() const override { return m_fbo.id(); }
  /// Reads the pixels back as RGBA8, row 0 = BOTTOM (GL order).
  std::vector<std::uint8_t> readPixels();
  /// The same into `out` (width × height × 4 bytes), which may be uninitialised memory: a 4K image is
  /// 33 MB that a vector would first fill with zeros.
  void readPixels(std::uint8_t* out);
  /// Largest width or height this driver can render in one piece.
  static int maxSize();

 private:
  int m_width, m_height, m_samples;
  GlFramebuffer m_fbo;
  GlRenderbuffer m_colour;
  GlFramebuffer m_resolveFbo;
  GlRenderbuffer m_resolveColour;
};

/// An offscreen RGBA8 framebuffer drawn into a texture (one sample, linear filtering, no mipmaps), so a rendered
/// frame can be shown again without a read-back: the presenter window's slide thumbnails, drawn by ImGui.
class TextureTarget final : public RenderTarget {
 public:
  /// Throws GlError like OffscreenTarget.
  TextureTarget(int width, int height);
  int width() const override { return m_width; }
  int height() const override { return m_height; }
  void bind() override;
  GLuint framebuffer() const override { return m_fbo.id(); }
  GLuint texture() const { return m_texture.id(); }  ///< row 0 = bottom (GL order)

 private:
  int m_width, m_height;
  GlTexture m_texture;
  GlFramebuffer m_fbo;
};

}  // namespace briefmap::render
