#include "porchlight/app/out_of_service.hpp"

#include <algorithm>
#include <string>

#include <imgui.h>

#include "porchlight/log.hpp"
#include "porchlight/ui/screens.hpp"

namespace porchlight::app {

namespace {

// "damaged", "disk_full", ...: the words of ErrorKind, for a log line scripts and staff can grep.
const char* kind_name(core::ErrorKind kind) {
  switch (kind) {
    case core::ErrorKind::disk_full:
      return "disk_full";
    case core::ErrorKind::io_error:
      return "io_error";
    case core::ErrorKind::damaged:
      return "damaged";
    case core::ErrorKind::newer_schema:
      return "newer_schema";
    case core::ErrorKind::other:
      break;
  }
  return "other";
}

std::string describe(const core::Error& error) { return std::string(kind_name(error.kind)) + ": " + error.message; }

}  // namespace

OutOfServiceScreen::OutOfServiceScreen(std::filesystem::path database_path, core::Error error, StoreOpener open,
                                       const core::Clock& clock, OutOfServiceOptions options)
    : database_path_(std::move(database_path)),
      error_(std::move(error)),
      open_(std::move(open)),
      clock_(clock),
      options_(std::move(options)),
      idle_(options_.idle_timeout, 0) {
  reset_state();
  next_retry_at_ = clock_.now() + options_.retry_interval;
  if (options_.log_changes) log::error("out of service: " + describe(error_));
}

void OutOfServiceScreen::reset_state() {
  state_ = OutOfServiceState{.language = options_.start_language, .large_text = options_.start_large_text};
  touched_ = false;
}

void OutOfServiceScreen::try_open(core::Millis now, bool tapped) {
  next_retry_at_ = now + options_.retry_interval;
  auto opened = open_();
  if (opened) {
    store_ = std::move(opened.value());
    if (options_.log_changes) log::info("back in service: " + database_path_.string() + " opened");
    return;
  }
  state_.still_failing = tapped;
  // One line per change, not one every 30 s for a night.
  if (opened.error().kind != error_.kind || opened.error().message != error_.message) {
    error_ = opened.error();
    if (options_.log_changes) log::error("still out of service: " + describe(error_));
  }
}

core::Millis OutOfServiceScreen::next_timer_in() const {
  const core::Millis now = clock_.now();
  core::Millis next = std::max<core::Millis>(0, next_retry_at_ - now);
  if (touched_) next = std::min(next, std::max<core::Millis>(0, idle_.remaining(now)));
  return next;
}

void OutOfServiceScreen::draw(const ui::Fonts& fonts, float body_pixel_size) {
  const ImGuiIO& io = ImGui::GetIO();
  const core::Millis now = clock_.now();
  if (touched_this_frame(io)) {
    idle_.touch(now);
    touched_ = true;
  } else if (touched_ && idle_.expired(now)) {
    reset_state();  // the next person finds the participant part, in the kiosk's own language
  }
  if (!in_service() && now >= next_retry_at_) try_open(now, false);

  ui::Ui ui = frame_.begin("porchlight-out-of-service", fonts, body_pixel_size, options_.ui_scale, state_.language);
  // No center name: it lives in the database that did not open.
  switch (ui::top_bar(ui, {.center_name = "", .large_text = state_.large_text})) {
    case ui::TopBarAction::None:
      break;
    case ui::TopBarAction::ToggleLanguage:
      state_.language = state_.language == ui::Language::English ? ui::Language::Spanish : ui::Language::English;
      break;
    case ui::TopBarAction::ToggleLargeText:
      state_.large_text = !state_.large_text;
      break;
    case ui::TopBarAction::Crisis:
      state_.staff = false;  // the participant part is where 988 and 911 are
      break;
  }
  frame_.begin_body(ui);
  const std::string path = database_path_.string();
  const std::string backups = options_.backups_folder.string();
  const ui::OutOfServiceView view{.staff = state_.staff,
                                  .kind = error_.kind,
                                  .message = error_.message,
                                  .database_path = path,
                                  .backups_folder = backups,
                                  .retry_seconds = static_cast<int>(options_.retry_interval / 1000),
                                  .still_failing = state_.still_failing};
  switch (ui::out_of_service_screen(ui, view)) {
    case ui::OutOfServiceAction::None:
      break;
    case ui::OutOfServiceAction::ForStaff:
      state_.staff = true;
      state_.still_failing = false;
      break;
    case ui::OutOfServiceAction::Back:
      state_.staff = false;
      break;
    case ui::OutOfServiceAction::TryAgain:
      try_open(now, true);
      break;
  }
  frame_.end_body();
  frame_.end();
}

core::Error demo_out_of_service_error(const std::filesystem::path& database_path) {
  return core::make_error(core::ErrorKind::damaged,
                          "database: " + database_path.string() +
                              " is damaged or not a Porchlight database (database: file is not a database)");
}

}  // namespace porchlight::app
