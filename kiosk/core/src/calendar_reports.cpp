// Group attendance per month: sessions held and who joined or came, per group.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "porchlight/core/calendar.hpp"
#include "porchlight/core/csv.hpp"

namespace porchlight::core {

Result<GroupAttendanceReport> group_attendance_for_month(Store& store, int year, int month) {
  if (month < 1 || month > 12) return make_error("a month is from 1 to 12");
  GroupAttendanceReport report;
  report.year = year;
  report.month = month;
  const DateRange range = month_of(year, month);
  const TimeRange instants = store.center_time().days(range);

  std::map<std::string, GroupMonthAttendance> by_group;
  PL_TRY_ASSIGN(groups, list_groups(store, true));
  for (const auto& group : groups) {
    PL_TRY_ASSIGN(overrides, group_overrides(store, group.id));
    auto expanded = expand_group(group, overrides, range.from, range.to, store.center().time_zone);
    if (!expanded) {
      report.skipped.push_back(SkippedGroup{group.id, group.title, expanded.error().message});
      continue;  // its attendance rows, if any, are not counted under another group either
    }
    const auto& sessions = expanded.value();
    GroupMonthAttendance row;
    row.group_id = group.id;
    row.title = group.title;
    for (const auto& session : sessions) {
      if (session.cancelled || group.cancelled) {
        ++row.cancelled_sessions;
      } else {
        ++row.sessions;
      }
    }
    by_group.emplace(group.id, std::move(row));
  }
  PL_TRY_ASSIGN(query, store.db().query(
                           "SELECT s.group_id, count(*), count(a.attended_at), count(DISTINCT a.participant_id) "
                           "FROM attendance a JOIN calendar_session s ON s.id = a.session_id "
                           "WHERE s.starts_at >= ?1 AND s.starts_at < ?2 GROUP BY s.group_id"));
  query.bind(1, instants.start).bind(2, instants.end);
  for (;;) {
    PL_TRY_ASSIGN(has_row, query.step());
    if (!has_row) break;
    auto found = by_group.find(query.text(0));
    if (found == by_group.end()) continue;
    found->second.joined = query.integer(1);
    found->second.attended = query.integer(2);
    found->second.unique_people = query.integer(3);
  }
  for (auto& [id, row] : by_group) {
    if (row.sessions > 0 || row.cancelled_sessions > 0 || row.joined > 0) report.groups.push_back(std::move(row));
  }
  std::sort(report.groups.begin(), report.groups.end(), [](const auto& a, const auto& b) {
    return a.title != b.title ? a.title < b.title : a.group_id < b.group_id;
  });
  return report;
}

std::string group_attendance_csv(const GroupAttendanceReport& report) {
  char month[16];
  std::snprintf(month, sizeof month, "%04d-%02d", report.year, report.month);
  std::string out = csv_row({"month", "group_id", "group", "sessions", "cancelled_sessions", "joined", "attended",
                             "unique_people"});
  for (const auto& row : report.groups) {
    out += csv_row({month, row.group_id, row.title, std::to_string(row.sessions),
                    std::to_string(row.cancelled_sessions), std::to_string(row.joined), std::to_string(row.attended),
                    std::to_string(row.unique_people)});
  }
  return out;
}

nlohmann::json group_attendance_json(const GroupAttendanceReport& report) {
  char month[16];
  std::snprintf(month, sizeof month, "%04d-%02d", report.year, report.month);
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& row : report.groups) {
    groups.push_back({{"group_id", row.group_id},
                      {"group", row.title},
                      {"sessions", row.sessions},
                      {"cancelled_sessions", row.cancelled_sessions},
                      {"joined", row.joined},
                      {"attended", row.attended},
                      {"unique_people", row.unique_people}});
  }
  nlohmann::json out{{"month", month}, {"groups", groups}};
  if (!report.skipped.empty()) {
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& group : report.skipped) {
      skipped.push_back({{"group_id", group.group_id}, {"group", group.title}, {"reason", group.reason}});
    }
    out["skipped"] = std::move(skipped);
  }
  return out;
}

}  // namespace porchlight::core
