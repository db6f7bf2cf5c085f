#pragma once
// The on-screen keyboard and number pad. A participant never needs a physical keyboard. They type into a string
// the model owns (ImGui's InputText would lose focus when a key in another window is tapped, ocornut/imgui#5805).
#include <cstddef>
#include <string>
#include <vector>

#include "porchlight/ui/touch.hpp"

namespace porchlight::ui {

struct KeyboardState {
  bool shift = false;  // the next letter is a capital (the first letter of each word is one anyway)
  // Notes are sentences: only their first letter is a capital. Names and places have one at each word.
  bool sentence_case = false;
};

enum class KeyboardEvent { None, Typed, Done };

// Letters, á é í ó ú ü ñ, hyphen, apostrophe, space, delete, shift, done. Drawn at the cursor, full width.
// With `digits`, a row of 1..0 on top (staff typing room names such as "Room 2").
KeyboardEvent letter_keyboard(Ui& ui, KeyboardState& state, std::string& target, std::size_t max_characters,
                              bool digits = false);
[[nodiscard]] float letter_keyboard_height(const Ui& ui, bool digits = false);

// Digits, delete, done. Drawn at the cursor, centred in the available width.
KeyboardEvent number_pad(Ui& ui, std::string& target, std::size_t max_digits);
[[nodiscard]] float number_pad_height(const Ui& ui);

// Every character the keyboard can type (for the fonts' glyph ranges).
[[nodiscard]] std::vector<std::string> keyboard_characters();

// UTF-8 helpers the keyboard uses; public for tests.
void erase_last_character(std::string& text);
[[nodiscard]] std::size_t character_count(const std::string& text);
[[nodiscard]] std::string to_upper_letter(const std::string& letter);  // a→A, ñ→Ñ, á→Á

}  // namespace porchlight::ui
