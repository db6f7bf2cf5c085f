#pragma once
// Staff mode's "find a person" (signing someone in, adding someone to a group, referring): a name typed on the
// on-screen keyboard, matches once two letters are typed ("First L." only), and a no-name button whose words the
// page chooses. One object, used by every staff page that asks whom.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/core/participants.hpp"
#include "porchlight/core/store.hpp"
#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::app {

class PersonPicker {
 public:
  struct Answer {
    enum class Kind { None, Back, Picked, NoName } kind = Kind::None;
    std::optional<core::ParticipantMatch> person;  // with Picked
  };

  PersonPicker() = default;
  PersonPicker(std::string_view heading_key, std::string_view no_name_key)
      : heading_key_(heading_key), no_name_key_(no_name_key) {}

  // One frame of the search; typing finds the matches again, picking answers the person.
  Answer draw(ui::Ui& ui, core::Store& store);
  // The search as if typed (demo screens, tests).
  void type(core::Store& store, std::string text);

  void set_error(std::string key) { error_key_ = std::move(key); }
  [[nodiscard]] const std::vector<core::ParticipantMatch>& matches() const { return matches_; }
  [[nodiscard]] const std::string& error_key() const { return error_key_; }

 private:
  void find(core::Store& store);

  std::string typed_;
  ui::KeyboardState keyboard_;
  std::vector<core::ParticipantMatch> matches_;
  std::string error_key_;
  std::string_view heading_key_ = "staff.sign_in_heading";
  std::string_view no_name_key_ = "staff.sign_in_guest";
};

}  // namespace porchlight::app
