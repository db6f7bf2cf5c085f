// Sensitive data over sync, end to end with the real kiosk client and a real hub (SQLite or PostgreSQL): sensitive
// visit reasons leave the kiosk only when the center allows it, a participant's consent decides what of them the
// hub learns, the hub's reason reports (CLI and HTTP, JSON and CSV) carry a re-disclosure notice exactly when they
// show a sensitive reason, and a retention purge on the kiosk clears the hub's copy too.
#include <doctest/doctest.h>

#include <httplib.h>

#include "support/checks.hpp"
#include "support/hub.hpp"

using namespace porchlight::test;
using nlohmann::json;

namespace {

const std::string kCenter = "Harbor Light";
constexpr long long kDayMs = 86'400'000;

void sync_now(const Admin& kiosk) { require_ok(kiosk({"sync", "now", "--timeout", "20"})); }

// Every form of the reasons report: CLI JSON and CSV, HTTP JSON and CSV.
struct ReasonReports {
  json cli_json, http_json;
  std::string cli_csv, http_csv;
};

ReasonReports reason_reports(const Hub& hub) {
  ReasonReports out;
  const auto cli = hub.run({"report", "reasons", "--format", "json"});
  require_ok(cli);
  out.cli_json = json::parse(cli.out);
  const auto csv = hub.run({"report", "reasons", "--format", "csv"});
  require_ok(csv);
  out.cli_csv = csv.out;
  const auto token = hub.run({"admin-token", "--label", "coordinator"});
  require_ok(token);
  httplib::Client client("127.0.0.1", hub.port());
  const httplib::Headers admin{{"Authorization", "Bearer " + token.out_lines().at(0)}};
  const auto http_json = client.Get("/v1/reports/reasons?format=json", admin);
  REQUIRE(http_json);
  REQUIRE(http_json->status == 200);
  out.http_json = json::parse(http_json->body);
  const auto http_csv = client.Get("/v1/reports/reasons?format=csv", admin);
  REQUIRE(http_csv);
  REQUIRE(http_csv->status == 200);
  out.http_csv = http_csv->body;
  return out;
}

void check_notice(const ReasonReports& reports, bool expected) {
  CHECK(reports.cli_json.contains("redisclosure_notice") == expected);
  CHECK(reports.http_json.contains("redisclosure_notice") == expected);
  CHECK((reports.cli_csv.find("42 CFR Part 2") != std::string::npos) == expected);
  CHECK((reports.http_csv.find("42 CFR Part 2") != std::string::npos) == expected);
  CHECK((reports.cli_csv.rfind("notice,", 0) == 0) == expected);
  if (expected) CHECK(reports.cli_json["redisclosure_notice"].get<std::string>().find("42 CFR Part 2") != std::string::npos);
}

}  // namespace

TEST_CASE("privacy: sensitive reasons reach the hub only when the center allows it, and reports then carry a notice") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  const auto person = single_line(kiosk({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));

  // Not allowed (the default): the visit arrives with its other reasons only.
  const auto held_back = single_line(kiosk({"signin", "--participant", person, "--reason", "drop-in", "--reason",
                                            "recovery", "--reason", "mental-health"}));
  sync_now(kiosk);
  CHECK(storage.column("SELECT reasons FROM visit WHERE id = '" + held_back + "'") ==
        std::vector<std::string>{"[\"drop-in\"]"});
  CHECK(storage.count("SELECT count(*) FROM mutation WHERE payload LIKE '%recovery%' OR payload LIKE '%mental-health%'") == 0);
  const auto before = reason_reports(hub);
  REQUIRE(before.cli_json["rows"].size() == 1);
  CHECK(before.cli_json["rows"][0]["reason"] == "drop-in");
  check_notice(before, false);
  // The kiosk still knows why they came: its own reports are complete.
  CHECK(count_rows(kiosk.db(), "SELECT count(*) FROM visit_reason WHERE visit_id = ?", held_back) == 3);

  // The hub's coordinator allows it for this center; the kiosk learns it at its next sync.
  require_ok(hub.run({"settings", "set", "--center", kCenter, "share_sensitive_reasons", "true"}));
  sync_now(kiosk);
  const auto shared = single_line(kiosk({"signin", "--participant", person, "--reason", "meal", "--reason", "recovery"}));
  sync_now(kiosk);
  CHECK(storage.column("SELECT reasons FROM visit WHERE id = '" + shared + "'") ==
        std::vector<std::string>{"[\"meal\",\"recovery\"]"});
  // The earlier visit is not re-sent: what was held back stays held back.
  CHECK(storage.column("SELECT reasons FROM visit WHERE id = '" + held_back + "'") ==
        std::vector<std::string>{"[\"drop-in\"]"});
  const auto after = reason_reports(hub);
  check_notice(after, true);
  bool recovery_marked = false;
  for (const auto& row : after.http_json["rows"]) {
    if (row["reason"] == "recovery") recovery_marked = row["sensitive"] == true && row["visits"] == 1;
    if (row["reason"] == "meal") CHECK(row["sensitive"] == false);
  }
  CHECK(recovery_marked);
  // A report filtered to a period without the sensitive visit carries no notice.
  const auto none = hub.run({"report", "reasons", "--from", "2000-01-01", "--to", "2000-12-31", "--format", "json"});
  require_ok(none);
  CHECK_FALSE(json::parse(none.out).contains("redisclosure_notice"));
}

TEST_CASE("privacy: consent decides what the hub learns of a participant, and a purge clears the hub's copy") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  const auto private_person =
      single_line(kiosk({"participant", "add", "--first", "Privatename", "--last", "Keepaway", "--phone",
                         "(555) 010-1111", "--email", "private@example.org", "--birth-date", "1970-01-02", "--consent"}));
  const auto shares_only = single_line(kiosk({"participant", "add", "--first", "Sharename", "--last", "Nocontact",
                                              "--phone", "(555) 010-2222", "--email", "share@example.org", "--consent",
                                              "--consent-share"}));
  const auto shares_all = single_line(kiosk({"participant", "add", "--first", "Fullshare", "--last", "Contactable",
                                             "--phone", "(555) 010-3333", "--email", "full@example.org", "--birth-date",
                                             "1980-03-04", "--consent", "--consent-share", "--consent-contact"}));
  sync_now(kiosk);
  auto payload_of = [&](const std::string& id) {
    const auto rows = storage.column("SELECT payload FROM participant WHERE id = '" + id + "'");
    REQUIRE(rows.size() == 1);
    return json::parse(rows.front());
  };
  // No consent to share: an opaque id for unduplicated counts, nothing about who.
  const auto hidden = payload_of(private_person);
  for (const char* key : {"first_name", "last_name", "phone", "email", "birth_date"}) CHECK_FALSE(hidden.contains(key));
  CHECK(storage.count("SELECT count(*) FROM mutation WHERE payload LIKE '%Privatename%' OR payload LIKE "
                      "'%private@example.org%' OR payload LIKE '%010-1111%'") == 0);
  // Consent to share but not to be contacted: the name, never the phone or email.
  const auto named = payload_of(shares_only);
  CHECK(named["first_name"] == "Sharename");
  CHECK(named["phone"].is_null());
  CHECK(named["email"].is_null());
  CHECK(storage.count("SELECT count(*) FROM mutation WHERE payload LIKE '%share@example.org%'") == 0);
  // Both: the profile as given.
  const auto full = payload_of(shares_all);
  CHECK(full["first_name"] == "Fullshare");
  CHECK(full["phone"] == "(555) 010-3333");

  // A year and more without a visit: the kiosk purges them, and the purge travels to the hub.
  execute_sql(kiosk.db(), "UPDATE participant SET created_at = created_at - " + std::to_string(400 * kDayMs) +
                              " WHERE id = '" + shares_all + "'");
  const auto purged = kiosk({"purge", "--months", "12"});
  require_ok(purged);
  CHECK(purged.out.find("Purged 1 participant") != std::string::npos);
  sync_now(kiosk);
  const auto cleared = payload_of(shares_all);
  for (const char* key : {"first_name", "last_name", "phone", "email", "birth_date"}) CHECK_FALSE(cleared.contains(key));
  CHECK(storage.count("SELECT count(*) FROM mutation WHERE payload LIKE '%Fullshare%' OR payload LIKE "
                      "'%full@example.org%' OR payload LIKE '%010-3333%'") == 0);
  CHECK(payload_of(shares_only)["first_name"] == "Sharename");  // the others are untouched
  CHECK(storage.count("SELECT count(*) FROM participant") == 3);
}
