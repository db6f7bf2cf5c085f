#include "porchlight/core/reports.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "porchlight/core/csv.hpp"
#include "porchlight/core/text.hpp"
#include "porchlight/core/visits.hpp"

namespace porchlight::core {

namespace {

std::vector<std::string> split_codes(const std::string& joined) {
  std::vector<std::string> codes;
  std::size_t start = 0;
  while (start < joined.size()) {
    const auto comma = joined.find(',', start);
    codes.push_back(joined.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return codes;
}

using Uuid128 = std::pair<std::uint64_t, std::uint64_t>;

// The 32 hex digits of a canonical UUID as two numbers (dashes skipped); ids are compared, not shown.
Uuid128 uuid_bits(const std::string& id) {
  Uuid128 bits{0, 0};
  int digits = 0;
  for (char c : id) {
    int value = -1;
    if (c >= '0' && c <= '9')
      value = c - '0';
    else if (c >= 'a' && c <= 'f')
      value = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      value = c - 'A' + 10;
    if (value < 0) continue;
    auto& half = digits < 16 ? bits.first : bits.second;
    half = (half << 4) | static_cast<std::uint64_t>(value);
    ++digits;
  }
  return bits;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) joined += (i ? separator : "") + items[i];
  return joined;
}

}  // namespace

Result<DailyAttendance> daily_attendance(Store& store, LocalDate date, const std::string& label_language) {
  DailyAttendance report;
  report.date = date;
  const TimeRange day = store.center_time().day(date);

  PL_TRY_ASSIGN(reasons, list_reasons(store, true));
  std::unordered_map<std::string, std::size_t> reason_index;
  for (const auto& reason : reasons) {
    reason_index.emplace(reason.code, report.by_reason.size());
    report.by_reason.push_back(ReasonCount{reason.code, reason.label(label_language), reason.sensitive, 0});
  }

  PL_TRY_ASSIGN(query, store.db().query(
                           "SELECT v.id, v.signed_in_at, v.participant_id, v.mood, v.signed_out_at, p.first_name, "
                           "p.last_name, p.first_visit_at, "
                           "(SELECT group_concat(r.reason_code) FROM visit_reason r WHERE r.visit_id = v.id) "
                           "FROM visit v INDEXED BY visit_by_time LEFT JOIN participant p ON p.id = v.participant_id "
                           "WHERE v.signed_in_at >= ?1 AND v.signed_in_at < ?2 ORDER BY v.signed_in_at, v.id"));
  query.bind(1, day.start).bind(2, day.end);
  std::unordered_set<std::string> people;
  for (;;) {
    PL_TRY_ASSIGN(has_row, query.step());
    if (!has_row) break;
    AttendanceRow row;
    row.visit_id = query.text(0);
    row.signed_in_at = query.integer(1);
    row.time = store.center_time().clock_time(row.signed_in_at);
    row.participant_id = query.optional_text(2);
    row.guest = !row.participant_id;
    if (const auto mood = query.optional_integer(3)) row.mood = static_cast<int>(*mood);
    row.signed_out_at = query.optional_integer(4);
    if (row.guest) {
      ++report.guest_visits;
    } else {
      row.display_name = display_name(query.text(5), query.text(6));
      row.full_name = query.text(5) + " " + query.text(6);
      row.first_visit = query.optional_integer(7) == row.signed_in_at;
      people.insert(*row.participant_id);
    }
    row.reasons = split_codes(query.text(8));
    std::sort(row.reasons.begin(), row.reasons.end(), [&](const std::string& a, const std::string& b) {
      const auto ia = reason_index.count(a) ? reason_index[a] : reasons.size();
      const auto ib = reason_index.count(b) ? reason_index[b] : reasons.size();
      return ia != ib ? ia < ib : a < b;
    });
    for (const auto& code : row.reasons) {
      if (auto found = reason_index.find(code); found != reason_index.end()) ++report.by_reason[found->second].visits;
    }
    const int hour = store.center_time().hour_of(row.signed_in_at);
    if (hour >= 0 && hour < 24) ++report.by_hour[static_cast<std::size_t>(hour)];
    report.visits.push_back(std::move(row));
  }
  report.visit_count = static_cast<std::int64_t>(report.visits.size());
  report.unique_people = static_cast<std::int64_t>(people.size());

  PL_TRY_ASSIGN(registrations, store.db().query("SELECT count(*) FROM participant WHERE created_at >= ?1 AND "
                                                "created_at < ?2 AND merged_into IS NULL"));
  PL_TRY_ASSIGN(new_count, registrations.bind(1, day.start).bind(2, day.end).single_int());
  report.new_registrations = new_count;
  return report;
}

Result<PeriodAttendance> period_attendance(Store& store, DateRange range) {
  if (range.to < range.from) return make_error("the report's end date is before its start date");
  PeriodAttendance report;
  report.range = range;
  const TimeRange span = store.center_time().days(range);
  {
    // Distinct people come from the covering index: ids are read in time order and de-duplicated here as
    // 128-bit numbers, which is about twice as fast as SQLite's count(DISTINCT) over 36-character text.
    PL_TRY_ASSIGN(query, store.db().query("SELECT participant_id FROM visit INDEXED BY visit_by_time "
                                          "WHERE signed_in_at >= ?1 AND signed_in_at < ?2"));
    query.bind(1, span.start).bind(2, span.end);
    std::vector<Uuid128> people;
    for (;;) {
      PL_TRY_ASSIGN(has_row, query.step());
      if (!has_row) break;
      ++report.visits;
      if (query.is_null(0)) {
        ++report.guest_visits;
      } else {
        people.push_back(uuid_bits(query.text(0)));
      }
    }
    std::sort(people.begin(), people.end());
    report.unique_people = std::unique(people.begin(), people.end()) - people.begin();
  }
  PL_TRY_ASSIGN(first_timers, store.db().query("SELECT count(*) FROM participant WHERE merged_into IS NULL AND "
                                               "first_visit_at >= ?1 AND first_visit_at < ?2"));
  PL_TRY_ASSIGN(new_people, first_timers.bind(1, span.start).bind(2, span.end).single_int());
  report.new_people = new_people;
  report.returning_people = report.unique_people - report.new_people;
  return report;
}

std::string daily_attendance_csv(const DailyAttendance& report, std::string_view guest_name) {
  std::unordered_map<std::string, std::string> labels;
  for (const auto& reason : report.by_reason) labels[reason.code] = reason.label;
  std::string csv = csv_row({"date", "time", "name", "guest", "first_visit", "reasons", "mood", "signed_out"});
  for (const auto& row : report.visits) {
    std::vector<std::string> reason_labels;
    for (const auto& code : row.reasons) reason_labels.push_back(labels.count(code) ? labels[code] : code);
    csv += csv_row({report.date.iso(), row.time, row.guest ? std::string(guest_name) : row.display_name,
                    row.guest ? "yes" : "no",
                    row.first_visit ? "yes" : "no", join(reason_labels, "; "),
                    row.mood ? std::to_string(*row.mood) : "", row.signed_out_at ? "yes" : "no"});
  }
  return csv;
}

std::string daily_summary_csv(const DailyAttendance& report) {
  std::string csv = csv_row({"date", "section", "item", "count"});
  const std::string date = report.date.iso();
  csv += csv_row({date, "total", "visits", std::to_string(report.visit_count)});
  csv += csv_row({date, "total", "unique_people", std::to_string(report.unique_people)});
  csv += csv_row({date, "total", "guest_visits", std::to_string(report.guest_visits)});
  csv += csv_row({date, "total", "new_registrations", std::to_string(report.new_registrations)});
  for (std::size_t hour = 0; hour < report.by_hour.size(); ++hour) {
    char label[24];
    std::snprintf(label, sizeof label, "%02zu:00", hour);
    csv += csv_row({date, "by_hour", label, std::to_string(report.by_hour[hour])});
  }
  for (const auto& reason : report.by_reason)
    csv += csv_row({date, "by_reason", reason.label, std::to_string(reason.visits)});
  return csv;
}

std::string period_attendance_csv(const PeriodAttendance& report) {
  return csv_row({"from", "to", "visits", "unique_people", "guest_visits", "new_people", "returning_people"}) +
         csv_row({report.range.from.iso(), report.range.to.iso(), std::to_string(report.visits),
                  std::to_string(report.unique_people), std::to_string(report.guest_visits),
                  std::to_string(report.new_people), std::to_string(report.returning_people)});
}

nlohmann::json daily_attendance_json(const DailyAttendance& report, std::string_view guest_name) {
  nlohmann::json visits = nlohmann::json::array();
  for (const auto& row : report.visits) {
    visits.push_back({{"visit_id", row.visit_id},
                      {"time", row.time},
                      {"signed_in_at", iso_utc(row.signed_in_at)},
                      {"name", row.guest ? std::string(guest_name) : row.display_name},
                      {"guest", row.guest},
                      {"first_visit", row.first_visit},
                      {"reasons", row.reasons},
                      {"mood", row.mood ? nlohmann::json(*row.mood) : nlohmann::json()},
                      {"signed_out", row.signed_out_at.has_value()}});
  }
  nlohmann::json by_hour = nlohmann::json::object();
  for (std::size_t hour = 0; hour < report.by_hour.size(); ++hour) {
    if (report.by_hour[hour] > 0) by_hour[std::to_string(hour)] = report.by_hour[hour];
  }
  nlohmann::json by_reason = nlohmann::json::array();
  for (const auto& reason : report.by_reason) {
    by_reason.push_back(
        {{"code", reason.code}, {"label", reason.label}, {"sensitive", reason.sensitive}, {"visits", reason.visits}});
  }
  return {{"date", report.date.iso()},
          {"visits", report.visit_count},
          {"unique_people", report.unique_people},
          {"guest_visits", report.guest_visits},
          {"new_registrations", report.new_registrations},
          {"by_hour", by_hour},
          {"by_reason", by_reason},
          {"sign_ins", visits}};
}

nlohmann::json period_attendance_json(const PeriodAttendance& report) {
  return {{"from", report.range.from.iso()},
          {"to", report.range.to.iso()},
          {"visits", report.visits},
          {"unique_people", report.unique_people},
          {"guest_visits", report.guest_visits},
          {"new_people", report.new_people},
          {"returning_people", report.returning_people}};
}

}  // namespace porchlight::core
