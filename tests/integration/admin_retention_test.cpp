// Retention and file modes against the real binaries: porchlight-admin purge leaves none of a purged
// participant's details in the raw bytes of the database, its WAL, shared memory or journal files, and the
// databases and exports that porchlight-admin and porchlight-hub create are readable by their owner only.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/checks.hpp"
#include "support/hub.hpp"

using namespace porchlight::test;

namespace {

const std::string kData = PORCHLIGHT_TEST_DATA;
const std::string kCounselling = "ac148810-d857-441c-9679-408f346de14b";
constexpr long long kDayMs = 86'400'000;

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The files SQLite may keep a database's bytes in.
std::vector<std::filesystem::path> database_files(const std::filesystem::path& db) {
  return {db, db.string() + "-wal", db.string() + "-shm", db.string() + "-journal"};
}

// Which canaries occur, ignoring case (the lookup keys are folded copies), in which file.
std::map<std::string, std::string> find_canaries(const std::filesystem::path& db, const std::vector<std::string>& canaries) {
  std::map<std::string, std::string> found;
  for (const auto& file : database_files(db)) {
    if (!std::filesystem::exists(file)) continue;
    const std::string bytes = lowered(read_file(file));
    for (const auto& canary : canaries) {
      if (bytes.find(lowered(canary)) != std::string::npos) found[canary] += file.filename().string() + " ";
    }
  }
  return found;
}

unsigned mode_of(const std::filesystem::path& file) {
  struct stat info {};
  REQUIRE_MESSAGE(::stat(file.c_str(), &info) == 0, "no file " << file);
  return info.st_mode & 0777u;
}

// A plain SQLite connection held open: while it lives, porchlight-admin is not the last connection, so SQLite
// does not delete the WAL at exit and the scan sees whatever the purge left in it.
class HeldOpen {
 public:
  explicit HeldOpen(const std::filesystem::path& file) {
    REQUIRE(sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db_, "SELECT count(*) FROM participant", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  ~HeldOpen() { sqlite3_close_v2(db_); }
  HeldOpen(const HeldOpen&) = delete;
  HeldOpen& operator=(const HeldOpen&) = delete;

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace

TEST_CASE("retention: purge leaves no canary in the database, WAL, shm or journal, keeps counts and the recent") {
  TempDir dir;
  const Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  require_ok(admin({"directory", "import", kData + "/hsds/example-csv"}));
  require_ok(admin({"staff", "add", "--name", "Dana Cruz", "--role", "peer", "--pin", "2580"}));

  // Two people who stopped coming, every identifying field a canary; sharing allowed so the outbox holds them too.
  std::vector<std::string> canaries = {"Qwertyfirst",         "Zxcvblastname",        "(555) 013-7779",
                                       "canary.q7@example.org", "1931-07-19",           "Plonkfirst",
                                       "Grumbleton",           "(555) 014-8881",       "plonk.k3@example.org",
                                       "1944-02-29",           "CanaryReferralNoteAlpha", "CanaryFollowUpNoteBeta",
                                       "CanarySecondNoteGamma"};
  const auto gone = single_line(admin({"participant", "add", "--first", "Qwertyfirst", "--last", "Zxcvblastname",
                                       "--pin", "482913", "--phone", "(555) 013-7779", "--email",
                                       "canary.q7@example.org", "--birth-date", "1931-07-19", "--consent",
                                       "--consent-contact", "--consent-share"}));
  const auto never_came = single_line(admin({"participant", "add", "--first", "Plonkfirst", "--last", "Grumbleton",
                                             "--pin", "771234", "--phone", "(555) 014-8881", "--email",
                                             "plonk.k3@example.org", "--birth-date", "1944-02-29", "--consent",
                                             "--consent-contact", "--consent-share"}));
  const auto recent = single_line(admin({"participant", "add", "--first", "Keeprecent", "--last", "Stayington",
                                         "--pin", "135790", "--phone", "(555) 015-1212", "--birth-date", "1990-01-01",
                                         "--consent", "--consent-share"}));
  single_line(admin({"signin", "--participant", gone, "--reason", "drop-in", "--reason", "recovery"}));
  single_line(admin({"signin", "--participant", gone, "--reason", "meal"}));
  single_line(admin({"signin", "--guest", "--reason", "resources"}));
  const auto referral = single_line(admin({"referral", "add", "--service", kCounselling, "--participant", gone,
                                           "--staff", "Dana Cruz", "--note", "CanaryReferralNoteAlpha"}));
  require_ok(admin({"referral", "update", referral, "--status", "connected", "--staff", "Dana Cruz", "--note",
                    "CanaryFollowUpNoteBeta"}));
  const auto second = single_line(admin({"referral", "add", "--service", kCounselling, "--participant", never_came,
                                         "--staff", "Dana Cruz", "--note", "CanarySecondNoteGamma"}));
  (void)second;
  // The PIN hashes and member-card codes are identifying too: plant them as canaries by their stored text.
  for (const auto& value : query_column(admin.db(), "SELECT pin_hash FROM participant WHERE first_name <> 'Keeprecent'"))
    canaries.push_back(value);
  for (const auto& value : query_column(admin.db(), "SELECT card_code FROM participant WHERE first_name <> 'Keeprecent'"))
    canaries.push_back(value);
  REQUIRE(canaries.size() == 17);

  // Time passes: their records move 400 days into the past (plain SQL, as an old database would hold them).
  const std::string back = std::to_string(400 * kDayMs);
  execute_sql(admin.db(), "UPDATE participant SET created_at = created_at - " + back + ", updated_at = updated_at - " +
                              back + " WHERE id IN ('" + gone + "', '" + never_came + "');"
                              "UPDATE visit SET signed_in_at = signed_in_at - " + back + ", created_at = created_at - " +
                              back + " WHERE participant_id = '" + gone + "' OR guest = 1;"
                              "UPDATE participant SET first_visit_at = first_visit_at - " + back + " WHERE id = '" +
                              gone + "';");
  single_line(admin({"signin", "--participant", recent, "--reason", "drop-in"}));
  const auto old_month = query_column(admin.db(), "SELECT strftime('%Y-%m', min(signed_in_at) / 1000, 'unixepoch') FROM visit").front();
  const auto this_month = query_column(admin.db(), "SELECT strftime('%Y-%m', max(signed_in_at) / 1000, 'unixepoch') FROM visit").front();
  auto report = [&](const std::string& month) {
    const auto run = admin({"report", "unduplicated", "--month", month, "--format", "csv"});
    require_ok(run);
    return run.out;
  };
  const auto old_before = report(old_month), now_before = report(this_month);
  const auto referrals_before =
      admin({"referral", "report", "--from", "2000-01-01", "--to", "2100-01-01", "--format", "csv"}).out;

  // The scanner works: before the purge every canary is in the files.
  CHECK(find_canaries(admin.db(), canaries).size() == canaries.size());

  const auto dry = admin({"purge", "--months", "12", "--dry-run"});
  require_ok(dry);
  CHECK(dry.out.find("2 participants") != std::string::npos);
  CHECK(dry.out.find("would be purged") != std::string::npos);
  CHECK(find_canaries(admin.db(), canaries).size() == canaries.size());
  // With no retention set and no --months, nothing happens.
  const auto off = admin({"purge"});
  require_ok(off);
  CHECK(off.out.find("Retention is off") != std::string::npos);

  {
    const HeldOpen reader(admin.db());
    require_ok(admin({"init", "--retention-months", "12"}));
    const auto purged = admin({"purge"});
    require_ok(purged);
    CHECK(purged.out.find("Purged 2 participants") != std::string::npos);
    // While the reader keeps the files open they are scanned as the purge left them.
    const auto left = find_canaries(admin.db(), canaries);
    for (const auto& [canary, where] : left) MESSAGE("canary " << canary << " still in " << where);
    CHECK(left.empty());
    CHECK(std::filesystem::exists(admin.db().string() + "-wal"));
    CHECK(std::filesystem::file_size(admin.db().string() + "-wal") == 0);
  }
  CHECK(find_canaries(admin.db(), canaries).empty());

  // Counts are the same; the recent participant is untouched; the audit says how many, not who.
  CHECK(report(old_month) == old_before);
  CHECK(report(this_month) == now_before);
  CHECK(admin({"referral", "report", "--from", "2000-01-01", "--to", "2100-01-01", "--format", "csv"}).out ==
        referrals_before);
  const auto kept = parse_json(admin({"participant", "show", recent, "--format", "json"}));
  CHECK(kept["first_name"] == "Keeprecent");
  CHECK(kept["last_name"] == "Stayington");
  CHECK(kept["phone"] == "(555) 015-1212");
  CHECK(kept["birth_date"] == "1990-01-01");
  const auto former = parse_json(admin({"participant", "show", gone, "--format", "json"}));
  CHECK(former["first_name"] == "Former");
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM audit WHERE action = ?", "participant.purge") == 1);
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM outbox WHERE operation = ?", "purge") == 2);
  require_ok(admin({"check"}));
  // The next run has nobody to purge.
  CHECK(admin({"purge"}).out.find("Purged 0 participants") != std::string::npos);
}

TEST_CASE("files: databases, WAL and shm files and exports made by porchlight-admin and porchlight-hub are 0600") {
  TempDir dir;
  const Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  {
    // Held open so the -wal and -shm files exist to be looked at.
    const HeldOpen reader(admin.db());
    single_line(admin({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));
    CHECK(mode_of(admin.db()) == 0600u);
    CHECK(mode_of(admin.db().string() + "-wal") == 0600u);
    CHECK(mode_of(admin.db().string() + "-shm") == 0600u);
  }
  require_ok(admin({"directory", "import", kData + "/hsds/example-csv"}));
  require_ok(admin({"directory", "export", "--format", "json", (dir / "directory.json").string()}));
  CHECK(mode_of(dir / "directory.json") == 0600u);
  require_ok(admin({"directory", "export", "--format", "csv", (dir / "package").string()}));
  for (const auto& name : list_directory(dir / "package")) CHECK_MESSAGE(mode_of(dir / "package" / name) == 0600u, name);
  require_ok(admin({"calendar", "export", (dir / "groups.ics").string()}));
  CHECK(mode_of(dir / "groups.ics") == 0600u);

  // A database made by an older version with the umask's 0644 is tightened when opened.
  ::chmod(admin.db().c_str(), 0644);
  require_ok(admin({"check"}));
  CHECK(mode_of(admin.db()) == 0600u);

  // The hub's SQLite file (over PostgreSQL the server's own files are the server's business).
  const HubStorage storage(dir);
  if (!storage.postgres()) {
    Hub hub(storage);
    hub.start();
    const auto kiosk = enrolled_kiosk(dir, "front", hub, "Harbor Light");
    // While the hub runs, its database and the WAL and shm beside it exist.
    for (const char* name : {"hub.db", "hub.db-wal", "hub.db-shm"}) CHECK_MESSAGE(mode_of(dir / name) == 0600u, name);
    // The kiosk's sync configuration holds the device token.
    CHECK(mode_of(kiosk.db().string() + ".sync.json") == 0600u);
  }
}
