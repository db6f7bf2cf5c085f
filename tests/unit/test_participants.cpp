// Registering, finding and confirming participants, member cards and merging duplicates.
#include <set>

#include "porchlight/core/audit.hpp"
#include "porchlight/core/ids.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/reports.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/core/text.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

std::vector<std::string> names_of(const std::vector<ParticipantMatch>& matches) {
  std::vector<std::string> out;
  for (const auto& m : matches) out.push_back(m.display_name);
  return out;
}

std::vector<std::string> find_names(Store& store, std::string_view typed, int limit = 8) {
  return names_of(must(find_participants(store, typed, limit), "find_participants"));
}

// Registration that must fail, leaving no participant and no outbox row behind.
void check_refused(TestStore& s, const NewParticipant& p, std::string_view keyword) {
  const auto participants_before = s.participants();
  const auto outbox_before = s.outbox();
  auto made = register_participant(*s, p);
  REQUIRE_FALSE(made.ok());
  CHECK_FALSE(made.error().message.empty());
  if (!keyword.empty()) CHECK_MESSAGE(contains_nocase(made.error().message, keyword), made.error().message);
  CHECK(s.participants() == participants_before);
  CHECK(s.outbox() == outbox_before);
}

}  // namespace

TEST_CASE("participants: registering stores the record and returns a UUID") {
  TestStore s;
  auto p = person("Maria", "Garcia", "2468", "1990-05-17");
  p.phone = "555-0100";
  p.email = "maria@example.org";
  p.language = "es";
  p.consent_contact = true;
  const auto id = must(register_participant(*s, p));
  CHECK(is_uuid(id));

  const auto record = must(get_participant(*s, id));
  CHECK(record.id == id);
  CHECK(record.first_name == "Maria");
  CHECK(record.last_name == "Garcia");
  CHECK(record.display_name == "Maria G.");
  CHECK(record.phone == std::optional<std::string>("555-0100"));
  CHECK(record.email == std::optional<std::string>("maria@example.org"));
  CHECK(record.birth_date == std::optional<std::string>("1990-05-17"));
  CHECK(record.language == "es");
  CHECK(record.consent_record);
  CHECK(record.consent_contact);
  CHECK_FALSE(record.consent_share);
  CHECK(record.has_pin);
  CHECK(record.card_code.has_value());
  CHECK_FALSE(record.merged_into.has_value());
  CHECK(record.created_at == s->now());
  CHECK_FALSE(record.first_visit_at.has_value());

  // The PIN is kept only as an Argon2id hash.
  const auto hash = text_of(s.db(), "SELECT pin_hash FROM participant WHERE id = '" + id + "'");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK_FALSE(contains(hash, "2468"));
  CHECK(s.participants() == 1);
}

TEST_CASE("participants: names are tidied before they are stored") {
  TestStore s;
  const auto id = add_person(*s, "  Maria  ", " Garcia ");
  const auto record = must(get_participant(*s, id));
  CHECK(record.first_name == "Maria");
  CHECK(record.last_name == "Garcia");
  CHECK(record.display_name == "Maria G.");
}

TEST_CASE("participants: registration refuses incomplete or invalid details and stores nothing") {
  TestStore s;
  add_person(*s, "Existing", "Person");

  SUBCASE("missing first name") { check_refused(s, person("", "Garcia"), "first"); }
  SUBCASE("blank first name") { check_refused(s, person("   ", "Garcia"), "first"); }
  SUBCASE("empty last name") { check_refused(s, person("Maria", ""), "last"); }
  SUBCASE("blank last name") { check_refused(s, person("Maria", " \t "), "last"); }
  SUBCASE("PIN with a letter") { check_refused(s, person("Maria", "Garcia", "12a4"), "pin"); }
  SUBCASE("PIN too short") { check_refused(s, person("Maria", "Garcia", "123"), "pin"); }
  SUBCASE("PIN too long") { check_refused(s, person("Maria", "Garcia", "1234567"), "pin"); }
  SUBCASE("impossible birth date") { check_refused(s, person("Maria", "Garcia", std::nullopt, "1990-02-30"), "birth"); }
  SUBCASE("birth date not a date") { check_refused(s, person("Maria", "Garcia", std::nullopt, "May 17"), "birth"); }
  SUBCASE("birth date in the future") {
    check_refused(s, person("Maria", "Garcia", std::nullopt, "2030-01-01"), "birth");
  }
  SUBCASE("birth date tomorrow") {
    check_refused(s, person("Maria", "Garcia", std::nullopt, kToday.plus_days(1).iso()), "birth");
  }
  SUBCASE("no consent to keep the record") {
    auto p = person("Maria", "Garcia");
    p.consent_record = false;
    check_refused(s, p, "");
  }
  SUBCASE("invalid UTF-8 in a name") { check_refused(s, person("Mar\xC3", "Garcia"), ""); }
  SUBCASE("a terminal escape in a name") { check_refused(s, person("Maria\x1b[2J", "Garcia"), ""); }
  SUBCASE("a name too long to be a name") { check_refused(s, person(std::string(200, 'a'), "Garcia"), ""); }
  SUBCASE("phone with letters") {
    auto p = person("Maria", "Garcia");
    p.phone = "call me maybe";
    check_refused(s, p, "phone");
  }
  SUBCASE("email without an at sign") {
    auto p = person("Maria", "Garcia");
    p.email = "maria.example.org";
    check_refused(s, p, "email");
  }
  SUBCASE("a language the kiosk does not speak") {
    auto p = person("Maria", "Garcia");
    p.language = "xx";
    check_refused(s, p, "");
  }
}

TEST_CASE("participants: valid optional details are accepted") {
  TestStore s;
  CHECK(register_participant(*s, person("Ana", "Lopez")).ok());            // no PIN, no birth date
  CHECK(register_participant(*s, person("Ben", "Lopez", "1234")).ok());    // 4 digits
  CHECK(register_participant(*s, person("Cat", "Lopez", "123456")).ok());  // 6 digits
  CHECK(register_participant(*s, person("Dan", "L")).ok());                // initial only
  CHECK(register_participant(*s, person("Eve", "Lopez", std::nullopt, kToday.iso())).ok());
  CHECK(register_participant(*s, person("Fay", "Lopez", std::nullopt, "2024-02-29")).ok());
  CHECK(s.participants() == 6);
  // An empty PIN field means the person chose no PIN.
  const auto no_pin = must(register_participant(*s, person("Gus", "Lopez", "")));
  CHECK_FALSE(must(get_participant(*s, no_pin)).has_pin);
}

TEST_CASE("participants: lookup is by prefix and ignores case and accents") {
  TestStore s;
  add_person(*s, "José", "García");
  add_person(*s, "Maria", "Garcia");
  add_person(*s, "Mario", "Lopez");
  add_person(*s, "Zoë", "Ñuñez");

  CHECK(find_names(*s, "jose") == std::vector<std::string>{"José G."});
  CHECK(find_names(*s, "JOSÉ") == std::vector<std::string>{"José G."});
  CHECK(find_names(*s, "jo") == std::vector<std::string>{"José G."});
  CHECK(find_names(*s, "zoe") == std::vector<std::string>{"Zoë Ñ."});
  CHECK(find_names(*s, "nun") == std::vector<std::string>{"Zoë Ñ."});
  CHECK(find_names(*s, "garcia") == std::vector<std::string>{"José G.", "Maria G."});
  CHECK(find_names(*s, "GARCÍA") == std::vector<std::string>{"José G.", "Maria G."});
  CHECK(find_names(*s, "mar gar") == std::vector<std::string>{"Maria G."});
  CHECK(find_names(*s, "garcia maria") == std::vector<std::string>{"Maria G."});
  CHECK(find_names(*s, "maria garcia") == std::vector<std::string>{"Maria G."});
  CHECK(find_names(*s, "  maria   ") == std::vector<std::string>{"Maria G."});
  CHECK(find_names(*s, "mario garcia").empty());
  CHECK(find_names(*s, "xyz").empty());
  CHECK(find_names(*s, "arcia").empty());  // prefixes only, not substrings
}

TEST_CASE("participants: an empty search lists nobody") {
  TestStore s;
  add_person(*s, "Maria", "Garcia");
  CHECK(find_names(*s, "").empty());
  CHECK(find_names(*s, "   ").empty());
}

TEST_CASE("participants: wildcard characters typed into the search match only themselves") {
  TestStore s;
  add_person(*s, "Maria", "Garcia");
  add_person(*s, "Mario", "Lopez");
  add_person(*s, "Siobhan", "O'Brien");
  for (const char* typed : {"%", "_", "*", "?", "m%", "m_r", "ma*", "[m]", "%%"}) {
    CAPTURE(typed);
    CHECK(find_names(*s, typed).empty());
  }
  CHECK(find_names(*s, "o'b") == std::vector<std::string>{"Siobhan O."});
}

TEST_CASE("participants: ranking puts exact first names first, then first-name matches, then surnames") {
  TestStore s;
  add_person(*s, "Mario", "Lopez");
  add_person(*s, "Ana", "Marquez");
  add_person(*s, "Maria", "Garcia");
  add_person(*s, "Mar", "Smith");
  add_person(*s, "Marcus", "Garcia");

  CHECK(find_names(*s, "mar") == std::vector<std::string>{"Mar S.", "Marcus G.", "Maria G.", "Mario L.", "Ana M."});
  CHECK(find_names(*s, "maria") == std::vector<std::string>{"Maria G."});
  // Two words: first name by the first word, last name by the last, in either order.
  CHECK(find_names(*s, "mar gar") == std::vector<std::string>{"Marcus G.", "Maria G."});
  CHECK(find_names(*s, "garcia mar") == std::vector<std::string>{"Marcus G.", "Maria G."});
}

TEST_CASE("participants: the limit caps the number of matches") {
  TestStore s;
  for (int i = 0; i < 12; ++i) add_person(*s, "Sam", "Person" + std::to_string(i));
  CHECK(must(find_participants(*s, "sam", 8)).size() == 8);
  CHECK(must(find_participants(*s, "sam", 3)).size() == 3);
  CHECK(must(find_participants(*s, "sam", 50)).size() == 12);
}

TEST_CASE("participants: matches carry only an id and First L. and flags") {
  TestStore s;
  const auto maria = add_person(*s, "Maria", "Garcia", "1234");
  const auto jose = add_person(*s, "José", "García-Lorca", std::nullopt, "1980-01-02");
  const auto matches = must(find_participants(*s, "gar"));
  REQUIRE(matches.size() == 2);
  for (const auto& m : matches) {
    CAPTURE(m.display_name);
    CHECK(is_uuid(m.id));
    CHECK_FALSE(contains(m.display_name, "Garcia"));
    CHECK_FALSE(contains(m.display_name, "García"));
    CHECK_FALSE(contains(m.display_name, "Lorca"));
    CHECK(m.display_name.size() <= std::string("José G.").size());
  }
  const auto& m_maria = matches[0].id == maria ? matches[0] : matches[1];
  const auto& m_jose = matches[0].id == jose ? matches[0] : matches[1];
  REQUIRE(m_maria.id == maria);
  REQUIRE(m_jose.id == jose);
  CHECK(m_maria.has_pin);
  CHECK_FALSE(m_maria.has_birth_date);
  CHECK_FALSE(m_jose.has_pin);
  CHECK(m_jose.has_birth_date);
  // The public match type has exactly four members (id, display name, two flags): no room for a surname.
  const auto& [match_id, match_name, match_has_pin, match_has_birth_date] = m_maria;
  CHECK(match_id == maria);
  CHECK(match_name == "Maria G.");
  CHECK(match_has_pin);
  CHECK_FALSE(match_has_birth_date);
}

TEST_CASE("participants: confirm_by_pin") {
  TestStore s;
  const auto with_pin = add_person(*s, "Maria", "Garcia", "2468");
  const auto without_pin = add_person(*s, "José", "Garcia");
  CHECK(must(confirm_by_pin(*s, with_pin, "2468")));
  CHECK_FALSE(must(confirm_by_pin(*s, with_pin, "2469")));
  CHECK_FALSE(must(confirm_by_pin(*s, with_pin, "")));
  CHECK_FALSE(must(confirm_by_pin(*s, with_pin, "24680")));
  auto none = confirm_by_pin(*s, without_pin, "2468");
  CHECK((!none.ok() || !*none));
  auto unknown = confirm_by_pin(*s, "01890a5d-ac96-774b-bcce-b302099a8057", "2468");
  CHECK((!unknown.ok() || !*unknown));
}

TEST_CASE("participants: confirm_by_birth_date") {
  TestStore s;
  const auto id = add_person(*s, "Maria", "Garcia", std::nullopt, "1990-05-17");
  const auto no_date = add_person(*s, "Ana", "Lopez");
  CHECK(must(confirm_by_birth_date(*s, id, "1990-05-17")));
  CHECK_FALSE(must(confirm_by_birth_date(*s, id, "1990-05-18")));
  auto malformed = confirm_by_birth_date(*s, id, "17/05/1990");
  CHECK((!malformed.ok() || !*malformed));
  auto empty = confirm_by_birth_date(*s, no_date, "");
  CHECK((!empty.ok() || !*empty));
  auto missing = confirm_by_birth_date(*s, no_date, "1990-05-17");
  CHECK((!missing.ok() || !*missing));
}

TEST_CASE("participants: member cards find their holder and a reissued card replaces the old one") {
  TestStore s;
  const auto id = add_person(*s, "Maria", "Garcia");
  const auto other = add_person(*s, "Ana", "Lopez");
  const auto old_code = must(get_participant(*s, id)).card_code;
  REQUIRE(old_code.has_value());
  REQUIRE_FALSE(old_code->empty());

  auto found = must(find_by_card(*s, *old_code));
  REQUIRE(found.has_value());
  CHECK(found->id == id);
  CHECK(found->display_name == "Maria G.");

  CHECK_FALSE(must(find_by_card(*s, "NO-SUCH-CARD")).has_value());
  // Scanners with caps lock off, or a code read aloud and typed with spaces, still find the card.
  auto lower_case = must(find_by_card(*s, lower(*old_code)));
  REQUIRE(lower_case.has_value());
  CHECK(lower_case->id == id);
  auto spaced = must(find_by_card(*s, old_code->substr(0, 4) + " " + old_code->substr(4) + "\r\n"));
  REQUIRE(spaced.has_value());
  CHECK(spaced->id == id);
  CHECK_FALSE(must(find_by_card(*s, "")).has_value());

  const auto new_code = must(issue_member_card(*s, id));
  CHECK(new_code != *old_code);
  CHECK_FALSE(must(find_by_card(*s, *old_code)).has_value());
  auto by_new = must(find_by_card(*s, new_code));
  REQUIRE(by_new.has_value());
  CHECK(by_new->id == id);
  CHECK(must(get_participant(*s, id)).card_code == std::optional<std::string>(new_code));
  // The other person's card is untouched.
  auto theirs = must(find_by_card(*s, *must(get_participant(*s, other)).card_code));
  REQUIRE(theirs.has_value());
  CHECK(theirs->id == other);

  CHECK_FALSE(issue_member_card(*s, "01890a5d-ac96-774b-bcce-b302099a8057").ok());
}

TEST_CASE("participants: every participant gets a distinct card code") {
  TestStore s;
  std::set<std::string> codes;
  for (int i = 0; i < 30; ++i) {
    const auto id = add_person(*s, "Person", "Number" + std::to_string(i));
    const auto code = must(get_participant(*s, id)).card_code;
    REQUIRE(code.has_value());
    codes.insert(*code);
  }
  CHECK(codes.size() == 30);
}

TEST_CASE("participants: get_participant of an unknown id is an error") {
  TestStore s;
  CHECK_FALSE(get_participant(*s, "01890a5d-ac96-774b-bcce-b302099a8057").ok());
}

TEST_CASE("participants: merging folds a duplicate into the record kept") {
  TestStore s;
  const auto staff = must(add_staff(*s, "Sam Rivera", StaffRole::Admin, "1234"));

  // Registered on Monday, came again as a "new" person on Tuesday and Wednesday.
  const LocalDate monday = kToday.plus_days(-1);
  s.clock.set(local(monday, 9, 0));
  const auto keep = add_person(*s, "Maria", "Garcia");
  s.clock.set(local(monday, 9, 5));
  visit(*s, keep, {"meal"});

  s.clock.set(local(kToday, 10, 0));
  auto dup_details = person("Maria", "Garcia", "2468", "1990-05-17");
  dup_details.phone = "555-0100";
  const auto dup = must(register_participant(*s, dup_details));
  s.clock.set(local(kToday, 10, 1));
  visit(*s, dup, {"meal"});
  s.clock.set(local(kToday.plus_days(1), 11, 0));
  visit(*s, dup, {"group"});

  const DateRange week{monday, kToday.plus_days(1)};
  CHECK(must(period_attendance(*s, week)).unique_people == 2);
  CHECK(find_names(*s, "maria").size() == 2);
  const auto dup_card = must(get_participant(*s, dup)).card_code;

  const auto outbox_before = s.outbox();
  const auto audit_before = s.audit();
  s.clock.set(local(kToday.plus_days(1), 15, 0));
  must(merge_participants(*s, keep, dup, staff));

  // Visits moved over.
  CHECK(s.count("SELECT count(*) FROM visit WHERE participant_id = '" + keep + "'") == 3);
  CHECK(s.count("SELECT count(*) FROM visit WHERE participant_id = '" + dup + "'") == 0);
  CHECK(s.visits() == 3);

  // The duplicate disappears from lookup and only points at the record kept.
  const auto matches = must(find_participants(*s, "maria"));
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].id == keep);
  CHECK(must(get_participant(*s, dup)).merged_into == std::optional<std::string>(keep));

  // Unduplicated count drops.
  const auto after = must(period_attendance(*s, week));
  CHECK(after.unique_people == 1);
  CHECK(after.visits == 3);

  // Empty fields of the kept record are filled from the duplicate; its first visit is the earlier one.
  const auto kept = must(get_participant(*s, keep));
  CHECK(kept.phone == std::optional<std::string>("555-0100"));
  CHECK(kept.birth_date == std::optional<std::string>("1990-05-17"));
  CHECK(kept.first_visit_at == std::optional<Millis>(local(monday, 9, 5)));
  CHECK_FALSE(kept.merged_into.has_value());

  // Audited and queued for the hub.
  CHECK(s.audit() > audit_before);
  const auto entries = must(recent_audit(*s, 10));
  bool audited = false;
  for (const auto& e : entries) {
    if (contains(e.action, "merge") && e.staff_id == std::optional<std::string>(staff) &&
        (contains(e.subject, keep) || contains(e.subject, dup) || contains(e.detail, dup))) {
      audited = true;
    }
  }
  CHECK(audited);
  CHECK(s.outbox() == outbox_before + 1);
  CHECK(text_of(s.db(), "SELECT operation FROM outbox ORDER BY seq DESC LIMIT 1") == "merged");

  // A card of the merged-away record does not bring up a record that no longer exists on its own.
  if (dup_card) {
    auto by_card = must(find_by_card(*s, *dup_card));
    CHECK((!by_card.has_value() || by_card->id == keep));
  }
  CHECK(must(s.db().check_integrity()).empty());
}

TEST_CASE("participants: merging refuses nonsense and changes nothing") {
  TestStore s;
  const auto a = add_person(*s, "Maria", "Garcia");
  const auto b = add_person(*s, "Maria", "Garcia");
  const auto c = add_person(*s, "Maria", "Garcia");
  visit(*s, b);
  const auto unknown = std::string("01890a5d-ac96-774b-bcce-b302099a8057");
  const auto outbox_before = s.outbox();

  CHECK_FALSE(merge_participants(*s, a, a, std::nullopt).ok());
  CHECK_FALSE(merge_participants(*s, a, unknown, std::nullopt).ok());
  CHECK_FALSE(merge_participants(*s, unknown, b, std::nullopt).ok());
  CHECK(s.outbox() == outbox_before);
  CHECK(s.count("SELECT count(*) FROM participant WHERE merged_into IS NOT NULL") == 0);
  CHECK(s.count("SELECT count(*) FROM visit WHERE participant_id = '" + b + "'") == 1);

  // Once merged away, a record can be neither kept nor merged again.
  must(merge_participants(*s, a, b, std::nullopt));
  CHECK_FALSE(merge_participants(*s, b, c, std::nullopt).ok());
  CHECK_FALSE(merge_participants(*s, c, b, std::nullopt).ok());
  CHECK(s.count("SELECT count(*) FROM participant WHERE merged_into IS NOT NULL") == 1);
  CHECK(must(get_participant(*s, c)).merged_into == std::nullopt);
}

TEST_CASE("participants: a record merged twice over still signs in the person it now belongs to") {
  // Maria registered three times; staff merged A into B, later B into C. A stale id for A (a screen that
  // was open during the merge, a queued action) must land on C, the only record lookup still shows.
  TestStore s;
  const auto a = add_person(*s, "Maria", "Garcia");
  const auto b = add_person(*s, "Maria", "Garcia");
  const auto c = add_person(*s, "Maria", "Garcia");
  must(merge_participants(*s, b, a, std::nullopt));
  must(merge_participants(*s, c, b, std::nullopt));
  const auto v = visit(*s, a, {"meal"});
  CHECK(text_of(s.db(), "SELECT participant_id FROM visit WHERE id = '" + v + "'") == c);
  const auto day = must(daily_attendance(*s, kToday));
  CHECK(day.unique_people == 1);
  REQUIRE(day.visits.size() == 1);
  CHECK(day.visits[0].participant_id == std::optional<std::string>(c));
}
