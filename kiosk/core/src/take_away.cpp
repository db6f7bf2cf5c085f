#include "porchlight/core/take_away.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace porchlight::core {

namespace {

constexpr int kQuietZone = 4;
constexpr std::size_t kMaxHoursLines = 4;

}  // namespace

std::string take_away_text(const ServiceDetail& detail) {
  std::string text = detail.summary.name + "\n";
  if (!detail.summary.organization.empty() && detail.summary.organization != detail.summary.name)
    text += detail.summary.organization + "\n";
  for (const auto& phone : detail.phones) {
    text += "Phone: " + phone.number + (phone.extension.empty() ? "" : " ext. " + phone.extension) + "\n";
  }
  if (!detail.addresses.empty()) text += detail.addresses.front() + "\n";
  for (std::size_t i = 0; i < detail.hours.size() && i < kMaxHoursLines; ++i) text += "Hours: " + detail.hours[i] + "\n";
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

Result<QrCode> encode_qr(std::string_view text) {
  if (text.empty()) return make_error("there is nothing to put in the QR code");
  // Byte mode with an ECI header saying UTF-8: without it readers guess the encoding, and "español" came back
  // as Shift JIS in zbar.
  std::unique_ptr<QRinput, void (*)(QRinput*)> input(QRinput_new2(0, QR_ECLEVEL_M), QRinput_free);
  if (!input) return make_error("the QR code could not be made (out of memory)");
  constexpr unsigned int kEciUtf8 = 26;
  if (QRinput_appendECIheader(input.get(), kEciUtf8) != 0 ||
      QRinput_append(input.get(), QR_MODE_8, static_cast<int>(text.size()),
                     reinterpret_cast<const unsigned char*>(text.data())) != 0)
    return make_error("the QR code could not be made");
  errno = 0;
  std::unique_ptr<QRcode, void (*)(QRcode*)> encoded(QRcode_encodeInput(input.get()), QRcode_free);
  if (!encoded) {
    if (errno == ERANGE) return make_error("the text is too long for a QR code");
    return make_error("the QR code could not be made");
  }
  QrCode code;
  code.size = encoded->width;
  code.dark.resize(static_cast<std::size_t>(code.size * code.size));
  for (std::size_t i = 0; i < code.dark.size(); ++i) code.dark[i] = (encoded->data[i] & 1) != 0;
  return code;
}

std::string qr_pgm(const QrCode& code, int scale) {
  const int side = (code.size + 2 * kQuietZone) * scale;
  std::string image = "P5\n";
  image.append(std::to_string(side)).append(" ").append(std::to_string(side)).append("\n255\n");
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const int mx = x / scale - kQuietZone;
      const int my = y / scale - kQuietZone;
      const bool dark = mx >= 0 && my >= 0 && mx < code.size && my < code.size && code.at(mx, my);
      image += static_cast<char>(dark ? 0 : 255);
    }
  }
  return image;
}

}  // namespace porchlight::core
