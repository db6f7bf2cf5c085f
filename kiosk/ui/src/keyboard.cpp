#include "porchlight/ui/keyboard.hpp"

#include <array>
#include <string_view>

namespace porchlight::ui {

namespace {

// Key widths are in units of one letter key; every row adds up to kRowUnits.
constexpr float kRowUnits = 11.5f;

struct Key {
  std::string_view id;      // "key-" + this
  std::string_view letter;  // typed text (lower case); empty for special keys
  float units = 1.0f;
};

constexpr std::array<std::array<Key, 11>, 2> kTopRows{{
    {{{"q", "q"},
      {"w", "w"},
      {"e", "e"},
      {"r", "r"},
      {"t", "t"},
      {"y", "y"},
      {"u", "u"},
      {"i", "i"},
      {"o", "o"},
      {"p", "p"},
      {"backspace", "", 1.5f}}},
    {{{"a", "a"},
      {"s", "s"},
      {"d", "d"},
      {"f", "f"},
      {"g", "g"},
      {"h", "h"},
      {"j", "j"},
      {"k", "k"},
      {"l", "l"},
      {"ñ", "ñ"},
      {"done", "", 1.5f}}},
}};
constexpr std::array<Key, 10> kThirdRow{{{"shift", "", 2.5f},
                                         {"z", "z"},
                                         {"x", "x"},
                                         {"c", "c"},
                                         {"v", "v"},
                                         {"b", "b"},
                                         {"n", "n"},
                                         {"m", "m"},
                                         {"hyphen", "-"},
                                         {"apostrophe", "'"}}};
constexpr std::array<Key, 10> kDigitRow{{{"1", "1"},
                                         {"2", "2"},
                                         {"3", "3"},
                                         {"4", "4"},
                                         {"5", "5"},
                                         {"6", "6"},
                                         {"7", "7"},
                                         {"8", "8"},
                                         {"9", "9"},
                                         {"0", "0"}}};
constexpr std::array<Key, 7> kFourthRow{
    {{"á", "á"}, {"é", "é"}, {"í", "í"}, {"ó", "ó"}, {"ú", "ú"}, {"ü", "ü"}, {"space", " ", 5.5f}}};

bool word_start(const std::string& target) { return target.empty() || target.back() == ' ' || target.back() == '-'; }

bool capital_next(const KeyboardState& state, const std::string& target) {
  if (state.shift) return true;
  return state.sentence_case ? target.empty() : word_start(target);
}

std::string key_label(const Ui& ui, const Key& key, bool capitals) {
  if (key.id == "backspace") return ui.t("keyboard.backspace");
  if (key.id == "done") return ui.t("keyboard.done");
  if (key.id == "shift") return ui.t("keyboard.shift");
  if (key.id == "space") return ui.t("keyboard.space");
  return capitals ? to_upper_letter(std::string(key.letter)) : std::string(key.letter);
}

template <std::size_t N>
KeyboardEvent draw_row(Ui& ui, KeyboardState& state, std::string& target, std::size_t max_characters,
                       const std::array<Key, N>& row, ImVec2 origin, float unit, float gap) {
  const bool capitals = capital_next(state, target);
  KeyboardEvent event = KeyboardEvent::None;
  float x = origin.x;
  for (const Key& key : row) {
    const float width = unit * key.units + gap * (key.units - 1.0f);
    ImGui::SetCursorScreenPos(ImVec2(x, origin.y));
    const std::string id = "key-" + std::string(key.id);
    const bool special = key.letter.empty();
    const Tone tone = key.id == "done" ? Tone::Primary : Tone::Secondary;
    if (button(ui, id, key_label(ui, key, capitals),
               {.size = ImVec2(width, ui.m().key_height), .tone = tone, .large_font = !special})) {
      if (key.id == "backspace") {
        erase_last_character(target);
        event = KeyboardEvent::Typed;
      } else if (key.id == "done") {
        event = KeyboardEvent::Done;
      } else if (key.id == "shift") {
        state.shift = !state.shift;
      } else if (character_count(target) < max_characters) {
        target += capitals && key.id != "space" ? to_upper_letter(std::string(key.letter)) : std::string(key.letter);
        state.shift = false;
        event = KeyboardEvent::Typed;
      }
    }
    x += width + gap;
  }
  return event;
}

KeyboardEvent merge(KeyboardEvent a, KeyboardEvent b) { return b != KeyboardEvent::None ? b : a; }

}  // namespace

float letter_keyboard_height(const Ui& ui, bool digits) {
  const float rows = digits ? 5.0f : 4.0f;
  return rows * ui.m().key_height + (rows - 1.0f) * ui.m().gap;
}
float number_pad_height(const Ui& ui) { return 4.0f * ui.m().key_height + 3.0f * ui.m().gap; }

KeyboardEvent letter_keyboard(Ui& ui, KeyboardState& state, std::string& target, std::size_t max_characters,
                              bool digits) {
  const float gap = ui.m().gap;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float unit = (width - gap * (kRowUnits - 1.0f)) / kRowUnits;
  const float row_step = ui.m().key_height + gap;
  KeyboardEvent event = KeyboardEvent::None;
  ImVec2 origin = top;
  if (digits) {
    // Digits never turn the next letter into a capital, so the row shares draw_row with the letters.
    event = draw_row(ui, state, target, max_characters, kDigitRow, origin, unit, gap);
    origin.y += row_step;
  }
  for (std::size_t r = 0; r < kTopRows.size(); ++r) {
    event = merge(event, draw_row(ui, state, target, max_characters, kTopRows[r],
                                  ImVec2(origin.x, origin.y + row_step * static_cast<float>(r)), unit, gap));
  }
  event = merge(event, draw_row(ui, state, target, max_characters, kThirdRow,
                                ImVec2(origin.x, origin.y + row_step * 2.0f), unit, gap));
  event = merge(event, draw_row(ui, state, target, max_characters, kFourthRow,
                                ImVec2(origin.x, origin.y + row_step * 3.0f), unit, gap));
  ImGui::SetCursorScreenPos(top);
  ImGui::Dummy(ImVec2(width, letter_keyboard_height(ui, digits)));
  return event;
}

KeyboardEvent number_pad(Ui& ui, std::string& target, std::size_t max_digits) {
  constexpr std::array<std::string_view, 12> kKeys{"1", "2", "3", "4",         "5", "6",
                                                   "7", "8", "9", "backspace", "0", "done"};
  const float gap = ui.m().gap;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float key_w = std::min(ui.m().key_height * 2.6f, (avail - 2.0f * gap) / 3.0f);
  const float pad_w = key_w * 3.0f + gap * 2.0f;
  const float left = origin.x + (avail - pad_w) * 0.5f;
  KeyboardEvent event = KeyboardEvent::None;
  for (std::size_t i = 0; i < kKeys.size(); ++i) {
    const float col = static_cast<float>(i % 3);
    const float row = static_cast<float>(i / 3);
    ImGui::SetCursorScreenPos(ImVec2(left + col * (key_w + gap), origin.y + row * (ui.m().key_height + gap)));
    const std::string_view key = kKeys[i];
    const std::string id = "num-" + std::string(key);
    const bool digit = key.size() == 1;
    const std::string label = key == "backspace" ? ui.t("keyboard.backspace")
                              : key == "done"    ? ui.t("keyboard.done")
                                                 : std::string(key);
    if (button(ui, id, label,
               {.size = ImVec2(key_w, ui.m().key_height),
                .tone = key == "done" ? Tone::Primary : Tone::Secondary,
                .large_font = digit})) {
      if (key == "backspace") {
        erase_last_character(target);
        event = KeyboardEvent::Typed;
      } else if (key == "done") {
        event = KeyboardEvent::Done;
      } else if (target.size() < max_digits) {
        target += key;
        event = KeyboardEvent::Typed;
      }
    }
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(avail, number_pad_height(ui)));
  return event;
}

std::vector<std::string> keyboard_characters() {
  std::vector<std::string> characters;
  auto add = [&](const Key& key) {
    if (key.letter.empty()) return;
    characters.emplace_back(key.letter);
    characters.push_back(to_upper_letter(std::string(key.letter)));
  };
  for (const auto& row : kTopRows)
    for (const auto& key : row) add(key);
  for (const auto& key : kThirdRow) add(key);
  for (const auto& key : kFourthRow) add(key);
  characters.emplace_back("0123456789|\xE2\x80\xA2");
  return characters;
}

void erase_last_character(std::string& text) {
  if (text.empty()) return;
  std::size_t at = text.size() - 1;
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0u) == 0x80u) --at;  // continuation bytes
  text.erase(at);
}

std::size_t character_count(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++count;
  }
  return count;
}

std::string to_upper_letter(const std::string& letter) {
  if (letter.size() == 1 && letter[0] >= 'a' && letter[0] <= 'z') {
    return std::string(1, static_cast<char>(letter[0] - 'a' + 'A'));
  }
  // Latin-1 lower-case letters (á é í ó ú ü ñ) are C3 A0..BE; their capitals are 0x20 lower.
  if (letter.size() == 2 && static_cast<unsigned char>(letter[0]) == 0xC3u &&
      static_cast<unsigned char>(letter[1]) >= 0xA0u && static_cast<unsigned char>(letter[1]) != 0xB7u) {
    std::string upper = letter;
    upper[1] = static_cast<char>(static_cast<unsigned char>(letter[1]) - 0x20u);
    return upper;
  }
  return letter;
}

}  // namespace porchlight::ui
