// Demo content for each screen, for --screenshot and tests: what a participant would see midway through.
#include "porchlight/app/kiosk_app.hpp"

namespace porchlight::app {

void KioskApp::prepare_demo_screen(ScreenId screen) {
  wipe();
  switch (screen) {
    case ScreenId::Welcome:
      break;
    case ScreenId::SignIn:
      break;
    case ScreenId::Returning:
      session_.name_query = "Mar";
      refresh_matches();
      break;
    case ScreenId::Confirm:
      session_.name_query = "Mar";
      refresh_matches();
      if (!session_.matches.empty()) start_confirm(session_.matches.front());
      session_.confirm_method = ui::ConfirmMethod::Pin;
      session_.confirm_entry = "12";
      break;
    case ScreenId::New:
      session_.first_name = "María";
      session_.last_name = "G";
      session_.active_field = ui::NewField::None;  // the whole form: what is kept and why, and the consent
      break;
    case ScreenId::Reasons:
      session_.greeting_name = "Maria";
      session_.reasons = {"drop-in", "meal"};
      session_.mood = 4;
      load_reasons();
      break;
    case ScreenId::Done:
      session_.greeting_name = "María";
      done_at_ = clock_.now();
      break;
    case ScreenId::Crisis:
      break;
  }
  screen_ = screen;
  before_crisis_ = ScreenId::Welcome;
}

}  // namespace porchlight::app
