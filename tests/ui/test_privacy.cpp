// The shared screen: walks every public screen and flow with people on file whose surnames, phones, e-mails, birth
// dates, card codes, notes and visit reasons are distinctive "canaries", records every string drawn in every frame,
// and shows that outside staff mode no surname beyond its initial, no phone, e-mail or birth date, no visit reason
// and nobody's history ever appears, and that nothing of a finished session is left after Done or the idle wipe.
//
// What is read each frame: the probe's texts and widget labels, and, independently of the probe, every glyph in
// the frame's ImGui draw lists (decoded from its font-atlas coordinates), so text drawn by any path is seen.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <imgui.h>

#include "harness.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/demo.hpp"
#include "porchlight/core/directory.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/core/visits.hpp"

using porchlight::app::ScreenId;
namespace core = porchlight::core;
using porchlight::testing::Harness;

namespace {

constexpr core::Millis kDay = 24 * 60 * 60'000;
constexpr core::Millis kLongPress = 2'100;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Each line with its spaces removed, so "867 - 5309" and "867-5309" look alike; lines stay apart.
std::string without_spaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\t') out += c;
  }
  return out;
}

void append_utf8(std::string& out, unsigned int code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// Every glyph in the frame's draw lists, as text: a glyph quad is four vertices whose texture coordinates are
// exactly one glyph's rectangle in the font atlas. Gaps wider than a space become spaces, other rows new lines.
class GlyphReader {
 public:
  GlyphReader() {
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) {
      for (const ImFontGlyph& glyph : font->Glyphs) {
        if (!glyph.Visible) continue;
        glyphs_[{glyph.U0, glyph.V0}].push_back({glyph.U1, glyph.V1, glyph.Codepoint, font->FontSize});
      }
    }
  }

  std::string read_frame() const {
    std::string text;
    const ImDrawData* data = ImGui::GetDrawData();
    if (data == nullptr) return text;
    for (int list = 0; list < data->CmdListsCount; ++list) {
      const ImVector<ImDrawVert>& vertices = data->CmdLists[list]->VtxBuffer;
      bool have_previous = false;
      float previous_right = 0.0f;
      float previous_top = 0.0f;
      for (int i = 0; i + 3 < vertices.Size; ++i) {
        const ImDrawVert& a = vertices[i];
        const auto found = glyphs_.find({a.uv.x, a.uv.y});
        if (found == glyphs_.end()) continue;
        const ImDrawVert& c = vertices[i + 2];
        for (const Glyph& glyph : found->second) {
          if (c.uv.x != glyph.u1 || c.uv.y != glyph.v1) continue;
          if (vertices[i + 1].uv.x != glyph.u1 || vertices[i + 3].uv.y != glyph.v1) continue;
          if (have_previous) {
            if (std::fabs(a.pos.y - previous_top) > glyph.size * 0.6f || a.pos.x < previous_right - 1.0f) {
              text += '\n';
            } else if (a.pos.x - previous_right > glyph.size * 0.45f) {
              text += ' ';
            }
          }
          append_utf8(text, glyph.codepoint);
          have_previous = true;
          previous_right = c.pos.x;
          previous_top = a.pos.y;
          i += 3;
          break;
        }
      }
      text += '\n';
    }
    return text;
  }

 private:
  struct Glyph {
    float u1;
    float v1;
    unsigned int codepoint;
    float size;
  };
  std::map<std::pair<float, float>, std::vector<Glyph>> glyphs_;
};

// Something that must not be on a public screen, and the forms it could take there (lower case, no spaces).
struct Canary {
  std::string name;  // "bob.surname"
  std::vector<std::string> forms;
};

// Looks at every frame the harness draws and remembers each canary seen where it is not allowed.
class ScreenWatch {
 public:
  explicit ScreenWatch(Harness& kiosk) : kiosk_(kiosk) {
    kiosk.on_each_frame([this] { look(); });
  }
  ~ScreenWatch() { kiosk_.on_each_frame({}); }
  ScreenWatch(const ScreenWatch&) = delete;
  ScreenWatch& operator=(const ScreenWatch&) = delete;

  void add(Canary canary) { canaries_.push_back(std::move(canary)); }
  // The participant's own input or name, legitimately on screen during their own session.
  void allow(const std::string& name) { allowed_.insert(name); }
  // The session is over: nothing of it may show any more.
  void end_session() { allowed_.clear(); }

  [[nodiscard]] const std::vector<std::string>& leaks() const { return leaks_; }
  [[nodiscard]] int frames_seen() const { return frames_; }
  [[nodiscard]] const std::set<std::string>& screens_seen() const { return screens_; }
  [[nodiscard]] bool ever_showed(const std::string& needle) const { return seen_text_.count(needle) > 0; }
  // The text of the last frame looked at (probe and glyphs), lower case.
  [[nodiscard]] const std::string& last_frame() const { return last_frame_; }

 private:
  bool allowed_here(const std::string& name, ScreenId screen) const {
    if (allowed_.count(name) > 0) return true;
    // The name search lists matches as "First L.", and Confirm asks "is this you?" with the one picked.
    if ((screen == ScreenId::Returning || screen == ScreenId::Confirm) && name.size() > 6 && name.compare(name.size() - 6, 6, ".first") == 0) {
      return true;
    }
    // The reasons to choose from are on Reasons; Find help's services may use the same words.
    if (name == "reason.sensitive") {
      return screen == ScreenId::Reasons || screen == ScreenId::FindHelp || screen == ScreenId::HelpList ||
             screen == ScreenId::HelpDetail;
    }
    return false;
  }

  void look() {
    // Staff see full names by design, behind their PIN; the frame in which "Exit staff mode" is tapped was still
    // drawn as a staff page.
    const bool was_staff = was_staff_;
    was_staff_ = kiosk_.app().staff_mode();
    if (was_staff_ || was_staff) return;
    ++frames_;
    // A tap switches the screen while the frame is drawn: that frame shows the screen it started on, so either
    // may explain what is on it.
    const ScreenId screen = kiosk_.app().screen();
    const ScreenId drawn_from = previous_screen_;
    previous_screen_ = screen;
    screens_.insert(std::string(porchlight::app::screen_name(screen)));
    std::string seen;
    for (const auto& text : kiosk_.app().probe().texts()) seen += text + "\n";
    for (const auto& widget : kiosk_.app().probe().widgets()) seen += widget.label + "\n";
    seen += reader_.read_frame();
    seen = lower(seen);
    last_frame_ = seen;
    const std::string squeezed = without_spaces(seen);
    for (const auto& canary : canaries_) {
      for (const auto& form : canary.forms) {
        if (seen.find(form) == std::string::npos && squeezed.find(form) == std::string::npos) continue;
        seen_text_.insert(form);
        if (allowed_here(canary.name, screen) || allowed_here(canary.name, drawn_from)) continue;
        const std::string leak = canary.name + " (\"" + form + "\") on " + std::string(porchlight::app::screen_name(screen));
        if (std::find(leaks_.begin(), leaks_.end(), leak) == leaks_.end()) leaks_.push_back(leak);
      }
    }
  }

  Harness& kiosk_;
  GlyphReader reader_;
  std::vector<Canary> canaries_;
  std::set<std::string> allowed_;
  std::vector<std::string> leaks_;
  std::set<std::string> screens_;
  std::set<std::string> seen_text_;
  std::string last_frame_;
  int frames_ = 0;
  ScreenId previous_screen_ = ScreenId::Welcome;
  bool was_staff_ = false;
};

struct Planted {
  std::string bob;
  std::string cordelia;
  std::string bob_card;
  std::string cordelia_service;  // lower case
  std::string session_key;  // today's 10:00 session of the daily group
};

// People on file with everything the public screens must keep to themselves.
Planted plant(Harness& kiosk) {
  Planted planted;
  REQUIRE(core::load_demo_directory(kiosk.store()).ok());
  const auto sam = core::add_staff(kiosk.store(), "Sam Rivera", core::StaffRole::Peer, "1234");
  REQUIRE(sam.ok());

  core::NewParticipant bob;
  bob.first_name = "Bartholomew";
  bob.last_name = "Quixlowe";
  bob.pin = "7391";
  bob.phone = "(412) 867-5309";
  bob.email = "bq.canary@example.org";
  bob.birth_date = "1961-02-17";
  bob.consent_record = true;
  bob.consent_contact = true;
  auto bob_id = core::register_participant(kiosk.store(), bob);
  REQUIRE(bob_id.ok());
  planted.bob = bob_id.value();
  auto bob_record = core::get_participant(kiosk.store(), planted.bob);
  REQUIRE(bob_record.ok());
  REQUIRE(bob_record->card_code.has_value());
  planted.bob_card = *bob_record->card_code;

  core::NewParticipant cordelia;
  cordelia.first_name = "Cordelia";
  cordelia.last_name = "Wexcombe";
  cordelia.phone = "503-729-4418";
  cordelia.email = "cw.canary@example.net";
  cordelia.birth_date = "1958-09-30";
  cordelia.consent_record = true;
  auto cordelia_id = core::register_participant(kiosk.store(), cordelia);
  REQUIRE(cordelia_id.ok());
  planted.cordelia = cordelia_id.value();

  // A sensitive reason that is no longer offered: if its label shows, it came from someone's history.
  core::VisitReason parole{"xylograph", "Xylograph parole check-in", "Xilografo libertad condicional", true, 200, true};
  REQUIRE(core::save_reason(kiosk.store(), parole).ok());
  for (const auto& [who, reasons] : {std::pair{planted.bob, std::vector<std::string>{"xylograph", "recovery"}},
                                     std::pair{planted.cordelia, std::vector<std::string>{"mental-health"}}}) {
    core::SignIn visit;
    visit.participant_id = who;
    visit.reasons = reasons;
    visit.mood = 1;
    REQUIRE(core::sign_in(kiosk.store(), visit).ok());
  }
  parole.active = false;
  REQUIRE(core::save_reason(kiosk.store(), parole).ok());

  // A group every day at 10:00 that Bob has joined (a history of group joins), and referrals with staff notes.
  core::GroupDefinition group;
  group.title = "Morning circle";
  group.room = "Room C";
  group.facilitator = "Denise Carter";
  group.capacity = 8;
  group.start = core::LocalDateTime{core::LocalDate{2026, 11, 16}, 10, 0, 0};
  group.duration_minutes = 90;
  group.rrule = "FREQ=DAILY";
  const auto group_id = core::save_group(kiosk.store(), group, std::nullopt);
  REQUIRE(group_id.ok());
  REQUIRE(core::join_session(kiosk.store(),
                             {group_id.value() + "/20261123T100000", planted.bob, std::nullopt, std::nullopt, true})
              .ok());
  const auto services = core::search_directory(kiosk.store(), "food bank");
  REQUIRE(services.ok());
  REQUIRE_FALSE(services->empty());
  REQUIRE(core::make_referral(kiosk.store(), {services->front().id, planted.bob, std::nullopt, std::nullopt, ""}).ok());
  const auto other_services = core::search_directory(kiosk.store(), "shelter");
  REQUIRE(other_services.ok());
  REQUIRE_FALSE(other_services->empty());
  REQUIRE(other_services->front().name != services->front().name);
  planted.cordelia_service = lower(other_services->front().name);
  REQUIRE(core::make_referral(kiosk.store(), {other_services->front().id, planted.cordelia, sam.value(), std::nullopt,
                                              "Zanzibar: lives with her sister, call after 6"})
              .ok());

  // The walk happens the next day, so yesterday's referrals are asked about and the group meets again.
  kiosk.clock().advance(kDay);
  planted.session_key = group_id.value() + "/20261124T100000";
  return planted;
}

void add_canaries(ScreenWatch& watch, const Planted& planted) {
  watch.add({"bob.surname", {"quixlowe", "quix", "bartholomewqu"}});
  watch.add({"bob.first", {"bartholomew"}});
  watch.add({"bob.phone", {"867-5309", "8675309", "867.5309"}});
  watch.add({"bob.email", {"bq.canary"}});
  watch.add({"bob.birth_date", {"1961", "02/17", "17/02"}});
  watch.add({"bob.card", {lower(planted.bob_card)}});
  watch.add({"cordelia.surname", {"wexcombe", "wexc", "cordeliawe"}});
  watch.add({"cordelia.first", {"cordelia"}});
  watch.add({"cordelia.phone", {"729-4418", "7294418", "729.4418"}});
  watch.add({"cordelia.email", {"cw.canary"}});
  watch.add({"cordelia.birth_date", {"1958", "09/30", "30/09"}});
  watch.add({"cordelia.staff_note", {"zanzibar"}});
  watch.add({"alice.surname", {"tennyworth", "tenn"}});
  watch.add({"alice.first", {"alice"}});
  watch.add({"alice.birth_date", {"1977", "04/05"}});
  // PINs are shown as dots, even to the one typing them: never allowed.
  watch.add({"pin", {"2580", "7391"}});
  watch.add({"reason.history", {"xylograph", "xilografo"}});
  watch.add({"reason.sensitive",
             {"recoverysupport", "apoyoenlarecuperaci", "mentalhealthsupport", "apoyodesaludmental"}});
  // Yesterday's referrals and the question about them belong to the person who made them.
  watch.add({"follow_up", {"lasttimeyouwerereferred", "laúltimavez", "laultimavez"}});
}

// The session's own fields are empty again: nothing typed or chosen is left in memory either.
void check_session_forgotten(Harness& kiosk) {
  const auto& session = kiosk.app().session();
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  CHECK(session.name_query.empty());
  CHECK(session.matches.empty());
  CHECK_FALSE(session.chosen.has_value());
  CHECK(session.confirm_entry.empty());
  CHECK(session.first_name.empty());
  CHECK(session.last_name.empty());
  CHECK(session.birth_digits.empty());
  CHECK(session.pin.empty());
  CHECK_FALSE(session.participant_id.has_value());
  CHECK(session.greeting_name.empty());
  CHECK(session.reasons.empty());
  CHECK_FALSE(session.follow_up.has_value());
  CHECK(session.help.query.empty());
  CHECK(session.done_notes.empty());
}

void check_no_leaks(const ScreenWatch& watch) {
  for (const auto& leak : watch.leaks()) CHECK_MESSAGE(false, "shown outside staff mode: " << leak);
}

void finish_reasons(Harness& kiosk, const char* reason) {
  REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
  // Nothing of an earlier visit is chosen for them.
  CHECK(kiosk.app().session().reasons.empty());
  kiosk.tap(std::string("reason-") + reason);
  kiosk.tap("mood-3");
  kiosk.tap("language");  // the same screen in Spanish
  kiosk.tap("language");
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Done);
}

}  // namespace

TEST_CASE("privacy: the recorder sees text drawn straight into the draw lists, not only what the probe records") {
  Harness kiosk;
  ScreenWatch watch(kiosk);
  watch.add({"bob.surname", {"quixlowe"}});
  // The center's name is drawn with the draw list and recorded by the probe; the clock on Welcome is drawn only.
  kiosk.run_frames(1);
  CHECK(watch.last_frame().find("test center") != std::string::npos);
  CHECK(watch.leaks().empty());
  GlyphReader reader;
  CHECK(lower(reader.read_frame()).find("test center") != std::string::npos);
}

TEST_CASE("privacy: no surname, phone, e-mail, birth date, visit reason or history on any public screen") {
  Harness kiosk;
  const Planted planted = plant(kiosk);
  ScreenWatch watch(kiosk);
  add_canaries(watch, planted);
  kiosk.run_frames(2);

  SUBCASE("welcome, groups, find help, crisis and the language switch") {
    kiosk.tap("language");
    kiosk.tap("language");
    kiosk.tap("todays-groups");
    REQUIRE(kiosk.app().screen() == ScreenId::TodaysGroups);
    CHECK(watch.last_frame().find("morning circle") != std::string::npos);  // the card is there, its roster is not
    kiosk.tap("language");
    kiosk.tap("language");
    kiosk.tap("primary");
    REQUIRE(kiosk.app().screen() == ScreenId::WeekGroups);
    kiosk.tap("back");
    kiosk.tap("back");
    REQUIRE(kiosk.app().screen() == ScreenId::Welcome);

    kiosk.tap("find-help");
    REQUIRE(kiosk.app().screen() == ScreenId::FindHelp);
    kiosk.tap("category-food");
    REQUIRE(kiosk.app().screen() == ScreenId::HelpList);
    REQUIRE_FALSE(kiosk.app().session().help.items.empty());
    kiosk.tap("service-" + kiosk.app().session().help.items.front().id);
    REQUIRE(kiosk.app().screen() == ScreenId::HelpDetail);
    kiosk.tap("language");
    kiosk.tap("language");
    kiosk.tap("back");
    kiosk.tap("back");
    kiosk.tap("help-search");
    kiosk.type_on_screen_keyboard("food");
    kiosk.tap("key-done");
    kiosk.tap("back");
    kiosk.tap("back");

    kiosk.tap("crisis");
    REQUIRE(kiosk.app().screen() == ScreenId::Crisis);
    kiosk.tap("language");
    kiosk.tap("language");
    kiosk.tap("primary");
    kiosk.clock().advance(61'000);
    kiosk.run_frames(2);
    check_session_forgotten(kiosk);
  }

  SUBCASE("a new participant: their own typing shows while they type, and is gone after Done") {
    kiosk.tap("sign-in");
    kiosk.tap("new");
    REQUIRE(kiosk.app().screen() == ScreenId::New);
    // What Alice types is on screen while she types it: hers, on purpose.
    watch.allow("alice.first");
    watch.allow("alice.surname");
    watch.allow("alice.birth_date");
    kiosk.type_on_screen_keyboard("alice");
    kiosk.tap("key-done");
    kiosk.type_on_screen_keyboard("tennyworth");
    kiosk.tap("key-done");
    kiosk.tap("birth-date");  // optional fields are typed into when tapped
    kiosk.type_on_number_pad("04051977");
    kiosk.tap("num-done");
    kiosk.type_on_number_pad("2580");
    kiosk.tap("num-done");
    CHECK(watch.ever_showed("tennyworth"));  // the recorder did see her typing
    CHECK_FALSE(watch.ever_showed("2580"));  // a PIN is shown as dots, even to its owner
    kiosk.tap("consent");
    kiosk.tap("primary");
    finish_reasons(kiosk, "recovery");
    CHECK(watch.last_frame().find("welcome, alice!") != std::string::npos);
    CHECK(watch.last_frame().find("tenn") == std::string::npos);  // not even her own surname after typing it
    kiosk.tap("primary");  // Finish
    watch.end_session();
    kiosk.run_frames(3);
    check_session_forgotten(kiosk);
    // The next person finds nothing of her: start a name search and look.
    kiosk.tap("sign-in");
    kiosk.tap("returning");
    kiosk.type_on_screen_keyboard("al");
    CHECK(watch.last_frame().find("alice t.") != std::string::npos);  // her "First L." as a match, nothing more
    kiosk.tap("back");
  }

  SUBCASE("returning with a birth date: others' records stay hidden; the typed date goes with the session") {
    kiosk.tap("sign-in");
    kiosk.tap("returning");
    kiosk.type_on_screen_keyboard("bar");  // someone else's "First L." in the matches
    CHECK(watch.last_frame().find("bartholomew q.") != std::string::npos);
    for (int i = 0; i < 3; ++i) kiosk.tap("key-backspace");
    kiosk.type_on_screen_keyboard("cor");
    CHECK(watch.last_frame().find("cordelia w.") != std::string::npos);
    kiosk.tap_label("Cordelia W.");
    REQUIRE(kiosk.app().screen() == ScreenId::Confirm);
    watch.allow("cordelia.first");
    watch.allow("cordelia.birth_date");  // only what she types herself
    kiosk.tap("language");
    kiosk.tap("language");
    kiosk.type_on_number_pad("09301958");
    // Cordelia's referral was made by staff: the kiosk may ask her, and only her, about it.
    watch.allow("follow_up");
    kiosk.tap("primary");
    if (kiosk.app().screen() == ScreenId::FollowUp) {
      CHECK(watch.last_frame().find(planted.cordelia_service) != std::string::npos);  // hers, not Bob's
      kiosk.tap("followup-skip");
    }
    finish_reasons(kiosk, "meal");
    // Done, left alone: it goes back to Welcome by itself.
    kiosk.clock().advance(7'000);
    kiosk.run_frames(2);
    watch.end_session();
    kiosk.run_frames(2);
    check_session_forgotten(kiosk);
  }

  SUBCASE("returning with a PIN: their own follow-up question and groups, nothing left after the idle wipe") {
    kiosk.tap("sign-in");
    kiosk.tap("returning");
    kiosk.type_on_screen_keyboard("bart");
    kiosk.tap_label("Bartholomew Q.");
    REQUIRE(kiosk.app().screen() == ScreenId::Confirm);
    kiosk.type_on_number_pad("7391");
    CHECK_FALSE(watch.ever_showed("7391"));
    watch.allow("bob.first");
    watch.allow("follow_up");  // his own referral, asked after his PIN
    kiosk.tap("num-done");
    REQUIRE(kiosk.app().screen() == ScreenId::FollowUp);
    kiosk.tap("language");
    kiosk.tap("language");
    kiosk.tap("followup-skip");
    REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
    CHECK(watch.last_frame().find("morning circle") != std::string::npos);
    kiosk.tap("crisis");  // crisis in the middle of a sign-in
    REQUIRE(kiosk.app().screen() == ScreenId::Crisis);
    kiosk.tap("primary");
    REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
    kiosk.tap("reason-meal");
    // Walks away: the countdown, then the wipe.
    kiosk.clock().advance(52'000);
    kiosk.run_frames(1);
    CHECK(watch.last_frame().find("clearing in") != std::string::npos);
    kiosk.clock().advance(9'000);
    kiosk.run_frames(1);
    watch.end_session();
    kiosk.run_frames(2);
    check_session_forgotten(kiosk);
  }

  SUBCASE("a member card, an unknown card, a guest") {
    watch.allow("bob.first");
    // A card alone (no PIN) also brings up the card holder's referral question: it is theirs, but whoever holds
    // the card sees it. Accepted here as the product decides today; reported, not changed.
    watch.allow("follow_up");
    kiosk.scan_card(planted.bob_card);
    if (kiosk.app().screen() == ScreenId::FollowUp) kiosk.tap("followup-skip");
    REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
    CHECK(watch.last_frame().find("welcome back, bartholomew!") != std::string::npos);
    kiosk.tap("reason-meal");
    kiosk.tap("primary");
    REQUIRE(kiosk.app().screen() == ScreenId::Done);
    kiosk.tap("primary");
    watch.end_session();
    kiosk.run_frames(2);
    check_session_forgotten(kiosk);

    kiosk.scan_card("PL-NOT-A-CARD-1961");
    CHECK(kiosk.app().screen() == ScreenId::Welcome);
    CHECK(watch.last_frame().find("not-a-card") == std::string::npos);  // the scanned code is not echoed
    kiosk.clock().advance(7'000);
    kiosk.run_frames(2);

    kiosk.tap("sign-in");
    kiosk.tap("guest");
    finish_reasons(kiosk, "drop-in");
    kiosk.tap("primary");
    kiosk.run_frames(2);
    check_session_forgotten(kiosk);
  }

  SUBCASE("staff mode shows full names; leaving it leaves nothing on the public screen") {
    kiosk.hold("staff-corner", kLongPress);
    REQUIRE(kiosk.app().screen() == ScreenId::StaffLogin);  // public until the PIN: checked like the rest
    kiosk.tap_label("Sam Rivera");
    kiosk.type_on_number_pad("1234");
    kiosk.tap("num-done");
    REQUIRE(kiosk.app().staff_mode());
    kiosk.tap("previous-day");  // the planted visits were yesterday
    CHECK(kiosk.shows("Bartholomew Quixlowe"));  // the watch rests in staff mode; the probe still sees
    kiosk.tap("exit-staff");
    kiosk.run_frames(2);
    check_session_forgotten(kiosk);
  }

  INFO("frames looked at: " << watch.frames_seen());
  CHECK(watch.frames_seen() > 10);
  check_no_leaks(watch);
}
