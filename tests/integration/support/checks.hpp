#pragma once
// Assertions shared by the porchlight-admin tests (doctest).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "admin.hpp"

namespace porchlight::test {

// The run succeeded; on failure the output says why.
inline void require_ok(const ProcessResult& run) {
  INFO("stdout: " << run.out);
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
}

// The run was refused the promised way: the exit code, and exactly one line "porchlight-admin: ..." on stderr.
inline void check_refused(const ProcessResult& run, int exit_code) {
  INFO("stdout: " << run.out);
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == exit_code);
  const auto lines = run.err_lines();
  REQUIRE(lines.size() == 1);
  CHECK(lines.front().rfind("porchlight-admin: ", 0) == 0);
  CHECK(lines.front().size() > std::string("porchlight-admin: ").size() + 5);
}

// The single line of stdout (ids printed by add, signin, card).
inline std::string single_line(const ProcessResult& run) {
  require_ok(run);
  const auto lines = run.out_lines();
  REQUIRE(lines.size() == 1);
  return lines.front();
}

inline nlohmann::json parse_json(const ProcessResult& run) {
  require_ok(run);
  return nlohmann::json::parse(run.out);
}

inline nlohmann::json daily_report(const Admin& admin, const std::string& date) {
  return parse_json(admin({"report", "daily", "--date", date, "--format", "json"}));
}

// Every sign-in listed by the daily reports from `first_date` to today (UTC), so a test that runs across
// midnight still sees all of its visits.
inline std::vector<nlohmann::json> sign_ins_since(const Admin& admin, const std::string& first_date) {
  std::vector<nlohmann::json> rows;
  for (const auto& date : utc_dates_between(first_date, utc_date_today())) {
    const auto report = daily_report(admin, date);
    for (const auto& row : report.at("sign_ins")) rows.push_back(row);
  }
  return rows;
}

inline const nlohmann::json* find_visit(const std::vector<nlohmann::json>& rows, const std::string& visit_id) {
  for (const auto& row : rows) {
    if (row.at("visit_id") == visit_id) return &row;
  }
  return nullptr;
}

}  // namespace porchlight::test
