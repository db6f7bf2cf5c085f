#pragma once
// Screenshots for end-to-end tests and bug reports: the finished frame read back from the GL back buffer.

#include <cstdint>
#include <filesystem>
#include <vector>

#include "porchlight/platform/result.hpp"

namespace porchlight::platform {

class Window;

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;  // 8-bit RGBA, top row first, alpha always 255
};

// Only between Window::render() and Window::present(): after the swap the back buffer is undefined.
[[nodiscard]] Result<Image> capture_back_buffer(const Window& window);

// Writes to "<path>.tmp" and renames, so a reader never sees half a PNG.
[[nodiscard]] Result<void> write_png(const Image& image, const std::filesystem::path& path);

}  // namespace porchlight::platform
