#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace porchlight::formats {

// Case- and accent-folded form for matching: "José García" -> "jose garcia". Invalid UTF-8 folds to "".
std::string fold_for_search(std::string_view text);

// Trims ASCII and Unicode white space at both ends and collapses inner runs to one space.
std::string tidy_spaces(std::string_view text);

bool is_valid_utf8(std::string_view text);

// Unicode NFC, so "é" typed as e + combining accent and as one character are stored alike.
std::string normalize_nfc(std::string_view text);

// True when the text holds control characters (line breaks, tabs, escapes) that no name should carry.
bool has_control_characters(std::string_view text);

// The only form of a participant's name that public screens show: "Maria G." (first name, initial).
std::string display_name(std::string_view first_name, std::string_view last_name);

// Number of Unicode code points (not bytes).
std::size_t code_point_count(std::string_view text);

}  // namespace porchlight::formats
