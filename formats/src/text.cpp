#include "porchlight/formats/text.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace porchlight::formats {

namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

// Decodes one code point at `pos`; returns its byte length, 0 on invalid input.
std::size_t decode(std::string_view text, std::size_t pos, utf8proc_int32_t& code_point) {
  const auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                       static_cast<utf8proc_ssize_t>(text.size() - pos), &code_point);
  return length > 0 ? static_cast<std::size_t>(length) : 0;
}

void append_code_point(std::string& out, utf8proc_int32_t code_point) {
  utf8proc_uint8_t buffer[4];
  const auto length = utf8proc_encode_char(code_point, buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

bool is_space(utf8proc_int32_t code_point) {
  const auto category = utf8proc_category(code_point);
  return code_point == '\t' || code_point == '\n' || code_point == '\r' || category == UTF8PROC_CATEGORY_ZS;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t code_point = 0;
    const auto length = decode(text, pos, code_point);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

std::string fold_for_search(std::string_view text) {
  if (!is_valid_utf8(text)) return {};
  utf8proc_uint8_t* folded = nullptr;
  // Decompose, drop the accents (combining marks), fold case, recompose what is left.
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                      UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_STABLE);
  const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                   static_cast<utf8proc_ssize_t>(text.size()), &folded, options);
  if (length < 0) return {};
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(folded);
  return tidy_spaces(std::string_view(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(length)));
}

std::string normalize_nfc(std::string_view text) {
  if (!is_valid_utf8(text)) return std::string(text);
  utf8proc_uint8_t* composed = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                   static_cast<utf8proc_ssize_t>(text.size()), &composed, options);
  if (length < 0) return std::string(text);
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(composed);
  return std::string(reinterpret_cast<const char*>(composed), static_cast<std::size_t>(length));
}

bool has_control_characters(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t code_point = 0;
    const auto length = decode(text, pos, code_point);
    if (length == 0) return true;
    const auto category = utf8proc_category(code_point);
    if (category == UTF8PROC_CATEGORY_CC || category == UTF8PROC_CATEGORY_CF) return true;
    pos += length;
  }
  return false;
}

std::string tidy_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t code_point = 0;
    const auto length = decode(text, pos, code_point);
    if (length == 0) return std::string(text);  // not UTF-8: leave it for validation to reject
    if (is_space(code_point)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

std::string display_name(std::string_view first_name, std::string_view last_name) {
  if (!is_valid_utf8(first_name) || !is_valid_utf8(last_name)) return {};
  std::string shown = tidy_spaces(first_name);
  const std::string last = tidy_spaces(last_name);
  if (last.empty()) return shown;
  utf8proc_int32_t initial = 0;
  if (decode(last, 0, initial) == 0) return shown;
  shown.push_back(' ');
  append_code_point(shown, utf8proc_toupper(initial));
  shown.push_back('.');
  return shown;
}

std::size_t code_point_count(std::string_view text) {
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t code_point = 0;
    const auto length = decode(text, pos, code_point);
    pos += length == 0 ? 1 : length;
    ++count;
  }
  return count;
}

}  // namespace porchlight::formats
