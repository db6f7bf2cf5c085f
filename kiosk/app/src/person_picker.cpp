#include "porchlight/app/person_picker.hpp"

#include "porchlight/core/text.hpp"
#include "porchlight/log.hpp"
#include "porchlight/ui/strings.hpp"

namespace porchlight::app {

namespace {

constexpr std::size_t kMinimumTypedForMatches = 2;
constexpr int kMatchLimit = 12;

}  // namespace

// Matches once two letters are typed.
void PersonPicker::find(core::Store& store) {
  matches_.clear();
  error_key_.clear();
  if (ui::character_count(typed_) < kMinimumTypedForMatches) return;
  auto found = core::find_participants(store, core::tidy_spaces(typed_), kMatchLimit);
  if (!found) {
    log::error(found.error().message);
    error_key_ = "error.generic";
    return;
  }
  matches_ = std::move(found.value());
}

void PersonPicker::type(core::Store& store, std::string text) {
  typed_ = std::move(text);
  find(store);
}

PersonPicker::Answer PersonPicker::draw(ui::Ui& ui, core::Store& store) {
  using Kind = ui::StaffSignInAction::Kind;
  const auto action =
      ui::staff_sign_in_screen(ui, {typed_, keyboard_, matches_, error_key_, heading_key_, no_name_key_});
  switch (action.kind) {
    case Kind::None:
      return {};
    case Kind::Back:
      return {Answer::Kind::Back, std::nullopt};
    case Kind::Typed:
      find(store);
      return {};
    case Kind::Picked:
      if (action.index >= matches_.size()) return {};
      return {Answer::Kind::Picked, matches_[action.index]};
    case Kind::Guest:
      return {Answer::Kind::NoName, std::nullopt};
  }
  return {};
}

}  // namespace porchlight::app
