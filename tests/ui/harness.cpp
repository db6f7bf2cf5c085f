#include "harness.hpp"

#include <cfloat>
#include <cstdlib>

#include <doctest/doctest.h>

#include "porchlight/core/participants.hpp"
#include "porchlight/ui/keyboard.hpp"

namespace porchlight::testing {

namespace {

const ImVec2 kNoPointer{-FLT_MAX, -FLT_MAX};

}  // namespace

std::filesystem::path make_temporary_folder(std::string_view prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

HeadlessImGui::HeadlessImGui() {
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280.0f, 800.0f);
  ImFontConfig body;
  body.SizePixels = kBodyPixels;
  fonts_.body = io.Fonts->AddFontDefault(&body);
  fonts_.bold = fonts_.body;
  ImFontConfig heading;
  heading.SizePixels = kBodyPixels * 1.6f;
  fonts_.heading = io.Fonts->AddFontDefault(&heading);
  io.Fonts->Build();
}

HeadlessImGui::~HeadlessImGui() { ImGui::DestroyContext(context_); }

void HeadlessImGui::frame(ImVec2 pointer, bool down, const std::function<void()>& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = 1.0f / 60.0f;
  io.MousePos = pointer;
  io.MouseDown[0] = down;
  ImGui::NewFrame();
  draw();
  ImGui::Render();
}

Harness::Harness(app::AppOptions options, bool with_sync_worker) {
  directory_ = make_temporary_folder("porchlight-ui");
  core::StoreOptions store_options;
  store_options.clock = &clock_;
  store_options.pin_cost = core::PinHashCost::Fast;
  store_options.initial_time_zone = "America/New_York";
  store_options.initial_center_name = "Test Center";
  database_path_ = directory_ / "kiosk.db";
  auto store = core::Store::open(database_path_, store_options);
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  store_ = std::move(store.value());

  if (with_sync_worker) {
    sync_worker_ = std::make_unique<sync::SyncWorker>(database_path_, nullptr);
    options.sync_worker = sync_worker_.get();
  }
  app_ = std::make_unique<app::KioskApp>(*store_, clock_, std::move(options));
  run_frames(2);
}

Harness::~Harness() {
  app_.reset();
  sync_worker_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

void Harness::frame(ImVec2 pointer, bool down) {
  imgui_.frame(pointer, down, [this] { app_->draw(imgui_.fonts(), kBodyPixels); });
  if (after_frame_) after_frame_();
}

void Harness::run_frames(int count) {
  for (int i = 0; i < count; ++i) frame(kNoPointer, false);
}

void Harness::tap(std::string_view widget_id) {
  const auto widget = app_->probe().find(widget_id);
  REQUIRE_MESSAGE(widget.has_value(), "no widget '" << std::string(widget_id) << "' on screen '"
                                                    << std::string(app::screen_name(app_->screen())) << "'");
  const ImVec2 centre = widget->centre();
  frame(centre, true);
  frame(centre, false);
  run_frames(1);  // the finger is gone: the pointer leaves, as platform's hover rule does
}

void Harness::tap_label(std::string_view label) {
  for (const auto& widget : app_->probe().widgets()) {
    if (widget.label == label) {
      const std::string id = widget.id;
      tap(id);
      return;
    }
  }
  FAIL("no widget labelled '" << std::string(label) << "'");
}

void Harness::drag(std::string_view from_widget_id, float dy) {
  const auto widget = app_->probe().find(from_widget_id);
  REQUIRE(widget.has_value());
  ImVec2 pointer = widget->centre();
  frame(pointer, true);
  constexpr int kSteps = 8;
  for (int step = 0; step < kSteps; ++step) {
    pointer.y += dy / kSteps;
    frame(pointer, true);
  }
  frame(pointer, false);
  run_frames(1);
}

void Harness::hold(std::string_view widget_id, core::Millis duration, float dy) {
  const auto widget = app_->probe().find(widget_id);
  REQUIRE_MESSAGE(widget.has_value(), "no widget '" << std::string(widget_id) << "'");
  ImVec2 pointer = widget->centre();
  frame(pointer, true);
  constexpr int kSteps = 4;
  for (int step = 0; step < kSteps; ++step) {
    clock_.advance(duration / kSteps);
    pointer.y += dy / kSteps;
    frame(pointer, true);
  }
  frame(pointer, false);
  run_frames(1);
}

void Harness::press_key(int key) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[key] = true;
  run_frames(1);
  io.KeysDown[key] = false;
  run_frames(1);
}

void Harness::type_on_screen_keyboard(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t length = 1;
    if ((static_cast<unsigned char>(text[at]) & 0xE0u) == 0xC0u) length = 2;  // á é í ó ú ü ñ
    const std::string character(text.substr(at, length));
    at += length;
    if (character == " ") {
      tap("key-space");
    } else if (character == "-") {
      tap("key-hyphen");
    } else if (character == "'") {
      tap("key-apostrophe");
    } else {
      tap("key-" + character);
    }
  }
}

void Harness::scan_card(std::string_view code, core::Millis gap) {
  constexpr int kGlfwKeyEnter = 257;
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Enter] = kGlfwKeyEnter;
  for (const char character : code) {
    clock_.advance(gap);
    io.AddInputCharacter(static_cast<unsigned char>(character));
    run_frames(1);
  }
  clock_.advance(gap);
  press_key(kGlfwKeyEnter);
}

void Harness::type_on_number_pad(std::string_view digits) {
  for (const char digit : digits) tap("num-" + std::string(1, digit));
}

std::string Harness::add_participant(const std::string& first, const std::string& last, const char* pin,
                                     const char* birth_date) {
  core::NewParticipant person;
  person.first_name = first;
  person.last_name = last;
  if (pin != nullptr) person.pin = pin;
  if (birth_date != nullptr) person.birth_date = birth_date;
  person.consent_record = true;
  auto id = core::register_participant(*store_, person);
  REQUIRE_MESSAGE(id.ok(), (id.ok() ? "" : id.error().message));
  return id.value();
}

}  // namespace porchlight::testing
