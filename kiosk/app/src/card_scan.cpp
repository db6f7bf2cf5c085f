// Member-card sign-in from a USB barcode scanner on Welcome (see card_scan.hpp).
#include "porchlight/app/card_scan.hpp"

#include <imgui.h>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/app/participant_pages.hpp"
#include "porchlight/core/participants.hpp"

namespace porchlight::app {

namespace {

constexpr unsigned int kFirstPrintable = 0x21;  // '!': a space is never part of a code
constexpr unsigned int kLastPrintable = 0x7E;   // '~'

bool enter_pressed() {
  const int enter = ImGui::GetKeyIndex(ImGuiKey_Enter);
  const int keypad_enter = ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter);
  return (enter >= 0 && ImGui::IsKeyPressed(enter, false)) ||
         (keypad_enter >= 0 && ImGui::IsKeyPressed(keypad_enter, false));
}

}  // namespace

void CardScanBuffer::add(unsigned int character, core::Millis now) {
  if (!code.empty() && stale(now)) code.clear();
  last_at = now;
  if (character < kFirstPrintable || character > kLastPrintable) return;
  if (code.size() >= kMaxLength) code.clear();
  code.push_back(static_cast<char>(character));
}

std::string CardScanBuffer::take(core::Millis now) {
  std::string taken = stale(now) ? std::string() : std::move(code);
  clear();
  return taken;
}

void KioskApp::watch_card_scanner(PageContext& context, core::Millis now) {
  if (session_.card_notice_until != 0 && now >= session_.card_notice_until) session_.card_notice_until = 0;
  if (screen() != ScreenId::Welcome || staff_mode()) {
    session_.card_scan.clear();
    return;
  }
  const ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    session_.card_scan.add(static_cast<unsigned int>(io.InputQueueCharacters[i]), now);
  }
  if (!enter_pressed()) return;
  const std::string code = session_.card_scan.take(now);
  if (code.empty()) return;
  auto found = core::find_by_card(store_, code);
  if (!found) return context.fail(found.error());
  if (!found.value()) {
    session_.card_notice_until = now + options_.card_notice_duration;
    return;
  }
  const core::ParticipantMatch& match = *found.value();
  session_.card_notice_until = 0;
  session_.participant_id = match.id;
  session_.guest = false;
  session_.greeting_name = first_word(match.display_name);
  session_.welcome_back = true;
  apply(context, continue_after_identifying(context));
}

}  // namespace porchlight::app
