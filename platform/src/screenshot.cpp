#include "porchlight/platform/screenshot.hpp"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>
#include <system_error>

#include <GL/gl.h>
// Declarations only: Debian's libstb already carries the stb_image_write implementation (-lstb).
#include <stb_image_write.h>

#include "porchlight/platform/window.hpp"

namespace porchlight::platform {

namespace {

constexpr int kRgbaBytesPerPixel = 4;
constexpr int kMaxGlErrorsToDrain = 32;

void drain_gl_errors() {
  for (int drained = 0; drained < kMaxGlErrorsToDrain && glGetError() != GL_NO_ERROR; ++drained) {
  }
}

const char* gl_error_name(GLenum error) {
  switch (error) {
    case GL_INVALID_ENUM:
      return "GL_INVALID_ENUM";
    case GL_INVALID_VALUE:
      return "GL_INVALID_VALUE";
    case GL_INVALID_OPERATION:
      return "GL_INVALID_OPERATION";
    case GL_OUT_OF_MEMORY:
      return "GL_OUT_OF_MEMORY";
    default:
      return "unexpected GL error";
  }
}

}  // namespace

Result<Image> capture_back_buffer(const Window& window) {
  if (window.frame_phase() != FramePhase::Rendered) {
    return Error{"capture the back buffer after Window::render() and before Window::present()"};
  }
  const FramebufferSize size = window.framebuffer_size();
  if (size.width <= 0 || size.height <= 0) return Error{"the window has no framebuffer (minimised?)"};

  const std::size_t row_bytes = static_cast<std::size_t>(size.width) * kRgbaBytesPerPixel;
  std::vector<std::uint8_t> bottom_row_first(row_bytes * static_cast<std::size_t>(size.height));

  drain_gl_errors();  // so an error below is ours
  GLint previous_pack_alignment = 4;
  glGetIntegerv(GL_PACK_ALIGNMENT, &previous_pack_alignment);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, size.width, size.height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_row_first.data());
  const GLenum read_error = glGetError();
  glPixelStorei(GL_PACK_ALIGNMENT, previous_pack_alignment);
  if (read_error != GL_NO_ERROR) {
    return Error{std::string("glReadPixels failed: ") + gl_error_name(read_error)};
  }

  // GL's rows start at the bottom; PNG's at the top.
  Image image{size.width, size.height, std::vector<std::uint8_t>(bottom_row_first.size())};
  for (int row = 0; row < size.height; ++row) {
    const std::size_t from = static_cast<std::size_t>(size.height - 1 - row) * row_bytes;
    std::memcpy(image.rgba.data() + static_cast<std::size_t>(row) * row_bytes, bottom_row_first.data() + from,
                row_bytes);
  }
  // The default framebuffer may have no alpha channel or hold blending leftovers; a screenshot is opaque.
  for (std::size_t alpha = 3; alpha < image.rgba.size(); alpha += kRgbaBytesPerPixel) image.rgba[alpha] = 255;
  return image;
}

Result<void> write_png(const Image& image, const std::filesystem::path& path) {
  const std::size_t expected_bytes =
      static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * kRgbaBytesPerPixel;
  if (image.width <= 0 || image.height <= 0 || image.rgba.size() != expected_bytes) {
    return Error{"cannot write " + path.string() + ": the image is empty or its size does not match"};
  }
  std::filesystem::path temporary = path;
  temporary += ".tmp";

  errno = 0;
  const int written = stbi_write_png(temporary.c_str(), image.width, image.height, kRgbaBytesPerPixel,
                                     image.rgba.data(), image.width * kRgbaBytesPerPixel);
  if (written == 0) {
    const int saved_errno = errno;
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return Error{"cannot write " + temporary.string() + ": " +
                 (saved_errno != 0 ? std::strerror(saved_errno) : "stb_image_write failed")};
  }
  std::error_code rename_error;
  std::filesystem::rename(temporary, path, rename_error);
  if (rename_error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return Error{"cannot move " + temporary.string() + " to " + path.string() + ": " + rename_error.message()};
  }
  return {};
}

}  // namespace porchlight::platform
