#include "porchlight/hub/hub_report_queries.hpp"

namespace porchlight::hub {

namespace {

SqlValue value_of(const std::optional<std::string>& text) { return text ? SqlValue(*text) : SqlValue(); }

// Visits, unique identified people and guest visits per center and period (`period` is an SQL expression over
// the center's own day, v.local_date), as rows of {center, period, visits, unique_people, guest_visits}.
template <class Row>
Result<std::vector<Row>> visit_counts(SqlPool& pool, const std::string& period, const ReportFilter& filter) {
  PL_TRY_ASSIGN(session, pool.acquire());
  const std::vector<SqlValue> values{value_of(filter.center), value_of(filter.from), value_of(filter.to)};
  PL_TRY_ASSIGN(found, session->run("SELECT c.name, " + period + " AS period, COUNT(*), COUNT(DISTINCT v.participant_id), "
                                    "SUM(CASE WHEN v.guest = 1 THEN 1 ELSE 0 END) "
                                    "FROM visit v JOIN center c ON c.id = v.center_id "
                                    "WHERE (CAST($1 AS TEXT) IS NULL OR c.name = $1) "
                                    "AND (CAST($2 AS TEXT) IS NULL OR v.local_date >= $2) "
                                    "AND (CAST($3 AS TEXT) IS NULL OR v.local_date <= $3) "
                                    "GROUP BY c.name, " + period + " ORDER BY c.name, period",
                                    values));
  std::vector<Row> rows;
  for (const auto& row : found.rows) {
    rows.push_back({as_text(row[0]), as_text(row[1]), as_int(row[2]), as_int(row[3]), as_int(row[4])});
  }
  return rows;
}

}  // namespace

Result<std::vector<AttendanceRow>> HubReports::attendance_by_day(const ReportFilter& filter) {
  return visit_counts<AttendanceRow>(*pool_, "v.local_date", filter);
}

Result<std::vector<MonthlyUnduplicatedRow>> HubReports::unduplicated_by_month(const ReportFilter& filter) {
  return visit_counts<MonthlyUnduplicatedRow>(*pool_, "substr(v.local_date, 1, 7)", filter);
}

Result<std::vector<ReasonRow>> HubReports::visits_by_reason(const ReportFilter& filter) {
  PL_TRY_ASSIGN(session, pool_->acquire());
  // Each visit's reasons are a JSON list; each engine unnests it in its own words.
  const bool postgres = dialect() == Dialect::PostgreSQL;
  const std::string each_reason = postgres ? "CROSS JOIN LATERAL jsonb_array_elements_text(CAST(v.reasons AS jsonb)) "
                                             "AS r(value)"
                                           : "CROSS JOIN json_each(v.reasons) AS r";
  const std::string is_sensitive =
      postgres ? "jsonb_exists(CAST(v.sensitive_reasons AS jsonb), r.value)"
               : "EXISTS (SELECT 1 FROM json_each(v.sensitive_reasons) AS s WHERE s.value = r.value)";
  const std::vector<SqlValue> values{value_of(filter.center), value_of(filter.from), value_of(filter.to)};
  PL_TRY_ASSIGN(found, session->run("SELECT c.name, substr(v.local_date, 1, 7) AS period, r.value AS reason, "
                                    "MAX(CASE WHEN " + is_sensitive + " THEN 1 ELSE 0 END), COUNT(*) "
                                    "FROM visit v JOIN center c ON c.id = v.center_id " + each_reason + " "
                                    "WHERE (CAST($1 AS TEXT) IS NULL OR c.name = $1) "
                                    "AND (CAST($2 AS TEXT) IS NULL OR v.local_date >= $2) "
                                    "AND (CAST($3 AS TEXT) IS NULL OR v.local_date <= $3) "
                                    "GROUP BY c.name, substr(v.local_date, 1, 7), r.value "
                                    "ORDER BY c.name, period, reason",
                                    values));
  std::vector<ReasonRow> rows;
  for (const auto& row : found.rows) {
    rows.push_back({as_text(row[0]), as_text(row[1]), as_text(row[2]), as_int(row[3]) != 0, as_int(row[4])});
  }
  return rows;
}

Result<HubTotals> HubReports::totals() {
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(found, session->run("SELECT (SELECT COUNT(*) FROM center), (SELECT COUNT(*) FROM device), "
                                    "(SELECT COUNT(*) FROM mutation), (SELECT COUNT(*) FROM visit)"));
  const auto& row = found.rows.at(0);
  return HubTotals{as_int(row[0]), as_int(row[1]), as_int(row[2]), as_int(row[3])};
}

}  // namespace porchlight::hub
