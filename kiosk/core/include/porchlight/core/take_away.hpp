#pragma once
// "Take this with you": a service's name, phone, address and hours as plain text, and that text as a QR code
// that any phone camera reads without the internet. The kiosk draws the code as rectangles.
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/core/directory.hpp"
#include "porchlight/core/result.hpp"

namespace porchlight::core {

// Name, organization, phone(s), address, hours, one per line; short enough for a QR code a phone reads easily.
std::string take_away_text(const ServiceDetail& detail);

struct QrCode {
  int size = 0;            // modules per side, without the quiet zone
  std::vector<bool> dark;  // size * size, row by row
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// The text (UTF-8, byte mode, error correction level M) as a QR code; an error when it does not fit.
Result<QrCode> encode_qr(std::string_view text);

// A printable grey-map image (PGM, "P5") of the code: `scale` pixels per module and a 4-module quiet zone.
std::string qr_pgm(const QrCode& code, int scale = 4);

}  // namespace porchlight::core
