#include "porchlight/core/directory.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "porchlight/core/text.hpp"

namespace porchlight::core {

namespace {

struct CategoryInfo {
  Category category;
  const char* code;
  const char* label;
  // Extra words put into the search index, so "comida" or "GED" finds the tile's services.
  const char* search_words;
  // Folded words (or word starts) in taxonomy terms, names or descriptions that mean this category; AIRS/211
  // codes end with '-'.
  std::vector<const char*> keywords;
};

const std::vector<CategoryInfo>& category_table() {
  static const std::vector<CategoryInfo> table{
      {Category::Food, "food", "Food", "food comida alimentos",
       {"food", "meal", "pantry", "pantries", "grocer", "nutrition", "snap", "wic", "soup kitchen", "comida",
        "alimento", "despensa", "bd-"}},
      {Category::Shelter, "shelter", "Shelter", "shelter housing albergue refugio vivienda",
       {"shelter", "housing", "homeless", "rent assistance", "rental assistance", "eviction", "warming center",
        "albergue", "refugio", "vivienda", "bh-"}},
      {Category::Clothing, "clothing", "Clothing", "clothing clothes ropa",
       {"clothing", "clothes", "coat", "shoes", "ropa", "bm-6500.1500"}},
      {Category::Education, "education", "Education / GED", "education GED classes educacion clases",
       {"education", "ged", "hiset", "literacy", "esl", "english class", "class", "tutor", "school", "educacion",
        "clases", "hl-", "hh-"}},
      {Category::Jobs, "jobs", "Jobs", "jobs employment empleo trabajo",
       {"job", "employment", "career", "resume", "hiring", "workforce", "empleo", "trabajo", "nd-"}},
      {Category::Health, "health", "Health", "health medical salud medico clinica",
       {"health", "medical", "clinic", "dental", "dentist", "doctor", "pharmacy", "vaccin", "salud", "clinica",
        "medico", "ln-", "lf-", "lv-", "lt-"}},
      {Category::MentalHealth, "mental-health", "Mental health", "mental health counseling salud mental",
       {"mental health", "behavioral health", "counseling", "counselling", "therapy", "therapist", "psychiatr",
        "salud mental", "warmline", "peer support", "rp-", "rm-"}},
      {Category::Recovery, "recovery", "Recovery", "recovery addiction recuperacion",
       {"recovery", "substance", "addiction", "sobriety", "sober", "detox", "alcohol", "narcotics", "opioid",
        "naloxone", "harm reduction", "recuperacion", "adiccion", "rx-"}},
      {Category::Legal, "legal", "Legal", "legal lawyer abogado",
       {"legal", "lawyer", "attorney", "court", "expunge", "immigration", "tenant rights", "abogado", "f-", "ft-"}},
      {Category::Transportation, "transportation", "Transportation", "transportation bus transporte",
       {"transportation", "transit", "bus pass", "bus fare", "rides", "transporte", "bt-"}},
      {Category::Crisis, "crisis", "Crisis", "crisis hotline 988",
       {"crisis", "hotline", "suicid", "988", "domestic violence", "rp-1500"}},
  };
  return table;
}

const CategoryInfo& info(Category category) {
  for (const auto& entry : category_table()) {
    if (entry.category == category) return entry;
  }
  return category_table().front();
}

bool word_starts_with(const std::string& haystack, std::string_view needle) {
  // haystack is " " + folded text + " ": a keyword must start a word.
  std::size_t at = 0;
  while ((at = haystack.find(needle, at)) != std::string::npos) {
    const char before = at == 0 ? ' ' : haystack[at - 1];
    if (!std::isalnum(static_cast<unsigned char>(before))) return true;
    ++at;
  }
  return false;
}

std::vector<Category> match_categories(std::string_view text) {
  std::vector<Category> found;
  if (text.empty()) return found;
  std::string folded = " " + fold_for_search(text) + " ";
  for (const auto& entry : category_table()) {
    std::string haystack = folded;
    if (entry.category == Category::Health) {
      // "mental health" and "behavioral health" are the mental-health tile, not general health.
      for (const char* phrase : {"mental health", "behavioral health", "salud mental"}) {
        const std::size_t length = std::string_view(phrase).size();
        for (auto at = haystack.find(phrase); at != std::string::npos; at = haystack.find(phrase, at + length)) {
          std::fill_n(haystack.begin() + static_cast<std::ptrdiff_t>(at), length, ' ');  // blank it out in place
        }
      }
    }
    for (const char* keyword : entry.keywords) {
      if (word_starts_with(haystack, keyword)) {
        found.push_back(entry.category);
        break;
      }
    }
  }
  return found;
}

Result<bool> exists_in_db(Store& store, const hsds::Table& table, const std::string& id) {
  PL_TRY_ASSIGN(query, store.db().query(std::string("SELECT count(*) FROM ") + table.sql + " WHERE id = ?1"));
  PL_TRY_ASSIGN(count, query.bind(1, id).single_int());
  return count > 0;
}

Result<void> rebuild_index(Store& store) {
  PL_TRY(store.db().exec("DELETE FROM directory_category; DELETE FROM directory_search; DELETE FROM directory_name;"));
  PL_TRY_ASSIGN(add_name, store.db().query("INSERT INTO directory_name (service_id, name_key) VALUES (?1, ?2)"));
  PL_TRY_ASSIGN(services,
                store.db().query(
                    "SELECT s.rowid, s.id, s.name, coalesce(s.alternate_name, ''), coalesce(s.description, ''), "
                    "coalesce(o.name, ''), (SELECT group_concat(t.name || ' ' || coalesce(t.code, ''), ' ') "
                    "FROM hsds_attribute a JOIN hsds_taxonomy_term t ON t.id = a.taxonomy_term_id "
                    "WHERE a.link_id = s.id) FROM hsds_service s LEFT JOIN hsds_organization o ON o.id = s.organization_id"));
  PL_TRY_ASSIGN(add_category, store.db().query("INSERT OR IGNORE INTO directory_category (service_id, category) VALUES (?1, ?2)"));
  PL_TRY_ASSIGN(add_search, store.db().query("INSERT INTO directory_search (rowid, name, organization, description, taxonomy) "
                                             "VALUES (?1, ?2, ?3, ?4, ?5)"));
  for (;;) {
    PL_TRY_ASSIGN(has_row, services.step());
    if (!has_row) break;
    const std::string id = services.text(1);
    const std::string name = services.text(2) + " " + services.text(3);
    PL_TRY(add_name.bind(1, id).bind(2, fold_for_search(services.text(2))).run());
    add_name.reset();
    const std::string taxonomy = services.optional_text(6).value_or("");
    auto categories = categories_for(taxonomy, name);
    if (categories.empty()) categories = categories_for("", services.text(4));
    std::string search_words = taxonomy;
    for (auto category : categories) {
      PL_TRY(add_category.bind(1, id).bind(2, category_code(category)).run());
      add_category.reset();
      search_words += std::string(" ") + info(category).label + " " + info(category).search_words;
    }
    PL_TRY(add_search.bind(1, services.integer(0))
               .bind(2, name)
               .bind(3, services.text(5))
               .bind(4, services.text(4))
               .bind(5, search_words)
               .run());
    add_search.reset();
  }
  return {};
}

// The FTS5 query for typed words: each folded word a quoted prefix, all required. Empty for no words.
std::string match_expression(std::string_view typed) {
  const std::string folded = fold_for_search(typed);
  std::string expression;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    expression += (expression.empty() ? "\"" : " \"") + word + "\"*";
    word.clear();
  };
  for (char c : folded) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || byte >= 0x80) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return expression;
}

ScheduleRule rule_of(const Query& row, int first) {
  ScheduleFields fields;
  std::array<std::string*, 10> targets{&fields.freq,     &fields.interval, &fields.byday,  &fields.bymonthday,
                                       &fields.valid_from, &fields.valid_to, &fields.dtstart, &fields.until,
                                       &fields.opens_at, &fields.closes_at};
  for (std::size_t i = 0; i < targets.size(); ++i) *targets[i] = row.optional_text(first + static_cast<int>(i)).value_or("");
  auto rule = parse_schedule(fields);
  return rule ? *rule : ScheduleRule{};
}

struct ServiceHours {
  std::vector<ScheduleRule> rules;
  std::vector<std::string> notes;
  std::int64_t level = 0;
};

std::string json_ids(const std::vector<std::string>& ids) { return nlohmann::json(ids).dump(); }

// The hours that apply to each service: its own, else those of its service-at-location rows, else its
// locations'. One query for a whole page of results.
Result<std::unordered_map<std::string, ServiceHours>> service_schedules(Store& store, const std::vector<std::string>& ids) {
  PL_TRY_ASSIGN(query,
                store.db().query(
                    "SELECT service_id, 1, freq, interval, byday, bymonthday, valid_from, valid_to, dtstart, until, "
                    "opens_at, closes_at, description FROM hsds_schedule "
                    "WHERE service_id IN (SELECT value FROM json_each(?1)) "
                    "UNION ALL SELECT sal.service_id, 2, h.freq, h.interval, h.byday, h.bymonthday, h.valid_from, "
                    "h.valid_to, h.dtstart, h.until, h.opens_at, h.closes_at, h.description FROM hsds_schedule h "
                    "JOIN hsds_service_at_location sal ON sal.id = h.service_at_location_id "
                    "WHERE sal.service_id IN (SELECT value FROM json_each(?1)) "
                    "UNION ALL SELECT sal.service_id, 3, h.freq, h.interval, h.byday, h.bymonthday, h.valid_from, "
                    "h.valid_to, h.dtstart, h.until, h.opens_at, h.closes_at, h.description FROM hsds_schedule h "
                    "JOIN hsds_service_at_location sal ON sal.location_id = h.location_id "
                    "WHERE sal.service_id IN (SELECT value FROM json_each(?1)) ORDER BY 2"));
  query.bind(1, json_ids(ids));
  std::unordered_map<std::string, ServiceHours> hours;
  for (;;) {
    PL_TRY_ASSIGN(has_row, query.step());
    if (!has_row) break;
    auto& entry = hours[query.text(0)];
    const std::int64_t level = query.integer(1);
    if (entry.level != 0 && level != entry.level) continue;  // a closer level already gave hours
    entry.level = level;
    entry.rules.push_back(rule_of(query, 2));
    if (auto note = query.optional_text(12);
        note && !note->empty() && std::find(entry.notes.begin(), entry.notes.end(), *note) == entry.notes.end())
      entry.notes.push_back(*note);
  }
  return hours;
}

// Summaries (categories and open status) for a page of results, in two queries.
Result<std::vector<ServiceSummary>> summarise(Store& store, std::vector<std::tuple<std::string, std::string, std::string>> found,
                                              const LocalMoment& now) {
  std::vector<std::string> ids;
  for (const auto& row : found) ids.push_back(std::get<0>(row));
  PL_TRY_ASSIGN(hours, service_schedules(store, ids));
  PL_TRY_ASSIGN(query, store.db().query("SELECT service_id, category FROM directory_category "
                                        "WHERE service_id IN (SELECT value FROM json_each(?1))"));
  query.bind(1, json_ids(ids));
  PL_TRY_ASSIGN(pairs, query.collect([](const Query& row) { return std::make_pair(row.text(0), row.text(1)); }));
  std::vector<ServiceSummary> out;
  for (auto& [id, name, organization] : found) {
    ServiceSummary summary;
    for (auto category : all_categories()) {
      const auto code = category_code(category);
      // Named capture: clang 14 (the fuzz build) cannot capture a structured binding directly.
      const bool has = std::any_of(pairs.begin(), pairs.end(),
                                   [&, &service_id = id](const auto& p) { return p.first == service_id && p.second == code; });
      if (has) summary.categories.push_back(category);
    }
    const auto entry = hours.find(id);
    summary.status = open_status(entry == hours.end() ? std::vector<ScheduleRule>{} : entry->second.rules, now);
    summary.id = std::move(id);
    summary.name = std::move(name);
    summary.organization = std::move(organization);
    out.push_back(std::move(summary));
  }
  return out;
}

}  // namespace

const std::vector<Category>& all_categories() {
  static const std::vector<Category> all = [] {
    std::vector<Category> out;
    for (const auto& entry : category_table()) out.push_back(entry.category);
    return out;
  }();
  return all;
}

std::string_view category_code(Category category) { return info(category).code; }
std::string_view category_label(Category category) { return info(category).label; }

std::optional<Category> parse_category(std::string_view code) {
  for (const auto& entry : category_table()) {
    if (code == entry.code) return entry.category;
  }
  return std::nullopt;
}

std::vector<Category> categories_for(std::string_view taxonomy_text, std::string_view fallback_text) {
  auto found = match_categories(taxonomy_text);
  if (found.empty()) found = match_categories(fallback_text);
  return found;
}

int ImportReport::rows_imported() const {
  int total = 0;
  for (const auto& [table, n] : added) total += n;
  for (const auto& [table, n] : updated) total += n;
  return total;
}

Result<ImportReport> import_directory(Store& store, const HsdsParse& parsed, const ImportOptions& options) {
  ImportReport report;

  PL_TRY_ASSIGN(checked, check_hsds(parsed, [&](const hsds::Table& table, const std::string& id) {
    return exists_in_db(store, table, id);
  }));
  report.problems = std::move(checked.problems);
  report.notes = std::move(checked.notes);
  const std::vector<HsdsRow>& accepted = checked.rows;
  if (options.strict && !report.problems.empty()) {
    return make_error(std::to_string(report.problems.size()) + " bad rows, nothing imported; the first: " +
                      report.problems.front().text());
  }

  const Millis now = store.now();
  PL_TRY_ASSIGN(transaction, store.db().begin());
  for (const auto& row : accepted) {
    const auto* table = hsds::find_table(row.table);
    std::string columns;
    std::string values;
    std::string updates;
    int index = 1;
    for (const auto& field : table->fields) {
      columns += std::string(field.name) + ", ";
      values.append("?").append(std::to_string(index++)).append(", ");
      if (std::string_view(field.name) != "id") updates += std::string(field.name) + " = excluded." + field.name + ", ";
    }
    const std::string sql = std::string("INSERT INTO ") + table->sql + " (" + columns + "imported_at) VALUES (" + values +
                            std::string("?").append(std::to_string(index)) + ") ON CONFLICT (id) DO UPDATE SET " + updates +
                            "imported_at = excluded.imported_at";
    PL_TRY_ASSIGN(existed, exists_in_db(store, *table, row.fields.at("id")));
    PL_TRY_ASSIGN(upsert, store.db().query(sql));
    int bind = 1;
    for (const auto& field : table->fields) {
      const auto value = row.fields.find(field.name);
      if (value == row.fields.end()) {
        upsert.bind(bind++, std::nullopt);
      } else {
        upsert.bind(bind++, value->second);
      }
    }
    upsert.bind(bind, now);
    PL_TRY(upsert.run());
    (existed ? report.updated : report.added)[row.table] += 1;
  }
  PL_TRY(rebuild_index(store));
  {
    PL_TRY_ASSIGN(count, store.db().query("SELECT count(*) FROM hsds_service"));
    PL_TRY_ASSIGN(total, count.single_int());
    report.services_total = total;
  }
  PL_TRY(transaction.commit());
  return report;
}

Result<std::vector<ServiceSummary>> search_directory(Store& store, std::string_view words,
                                                     std::optional<Category> category, int limit) {
  const std::string expression = match_expression(words);
  const LocalMoment now = local_moment(store.center_time(), store.now());
  std::optional<std::string> code;
  if (category) code = std::string(category_code(*category));
  std::vector<std::tuple<std::string, std::string, std::string>> found;
  auto read = [](const Query& row) { return std::make_tuple(row.text(0), row.text(1), row.text(2)); };
  if (expression.empty()) {
    // A tile starts from its category; no tile reads services in name order from their index.
    PL_TRY_ASSIGN(query,
                  store.db().query(
                      code ? "SELECT s.id, s.name, coalesce(o.name, '') FROM directory_category c "
                             "JOIN hsds_service s ON s.id = c.service_id "
                             "LEFT JOIN hsds_organization o ON o.id = s.organization_id "
                             "WHERE c.category = ?1 AND s.status = 'active' ORDER BY s.name COLLATE NOCASE, s.id LIMIT ?2"
                           : "SELECT s.id, s.name, coalesce(o.name, '') FROM hsds_service s "
                             "LEFT JOIN hsds_organization o ON o.id = s.organization_id WHERE s.status = 'active' "
                             "AND ?1 IS NULL ORDER BY s.name COLLATE NOCASE, s.id LIMIT ?2"));
    query.bind(1, code).bind(2, limit);
    PL_TRY_ASSIGN(rows, query.collect(read));
    found = std::move(rows);
  } else {
    // Ranking every match (bm25) costs more than a keystroke may when a short prefix matches thousands of
    // services, so: services whose name matches come first, those whose name starts with what was typed before
    // the rest, alphabetically; then services that match only by organization, taxonomy or description.
    // FTS5 stops reading at the LIMIT, so each query reads at most a bounded number of matches.
    const std::string typed_folded = fold_for_search(words);
    const int candidates = limit * 4;
    PL_TRY_ASSIGN(query,
                  store.db().query(
                      "SELECT s.id, s.name, coalesce(o.name, ''), n.name_key FROM directory_search "
                      "JOIN hsds_service s ON s.rowid = directory_search.rowid "
                      "JOIN directory_name n ON n.service_id = s.id "
                      "LEFT JOIN hsds_organization o ON o.id = s.organization_id "
                      "WHERE directory_search MATCH ?1 AND s.status = 'active' AND "
                      "(?2 IS NULL OR s.id IN (SELECT service_id FROM directory_category WHERE category = ?2)) LIMIT ?3"));
    auto read_keyed = [](const Query& row) {
      return std::make_pair(std::make_tuple(row.text(0), row.text(1), row.text(2)), row.text(3));
    };
    query.bind(1, "{name} : (" + expression + ")").bind(2, code).bind(3, candidates);
    PL_TRY_ASSIGN(by_name, query.collect(read_keyed));
    std::sort(by_name.begin(), by_name.end(), [&](const auto& x, const auto& y) {
      const bool x_starts = x.second.rfind(typed_folded, 0) == 0;
      const bool y_starts = y.second.rfind(typed_folded, 0) == 0;
      if (x_starts != y_starts) return x_starts;
      return x.second < y.second;
    });
    std::unordered_set<std::string> seen;
    for (auto& [row, key] : by_name) {
      if (static_cast<int>(found.size()) >= limit) break;
      seen.insert(std::get<0>(row));
      found.push_back(std::move(row));
    }
    if (static_cast<int>(found.size()) < limit) {
      query.reset();
      query.bind(1, expression).bind(2, code).bind(3, candidates);
      PL_TRY_ASSIGN(anywhere, query.collect(read_keyed));
      std::sort(anywhere.begin(), anywhere.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
      for (auto& [row, key] : anywhere) {
        if (static_cast<int>(found.size()) >= limit) break;
        if (seen.insert(std::get<0>(row)).second) found.push_back(std::move(row));
      }
    }
  }
  return summarise(store, std::move(found), now);
}

Result<std::optional<ServiceDetail>> get_service(Store& store, const std::string& service_id) {
  PL_TRY_ASSIGN(query,
                store.db().query(
                    "SELECT s.id, s.name, coalesce(o.name, ''), coalesce(s.alternate_name, ''), "
                    "coalesce(s.description, ''), coalesce(s.eligibility_description, ''), "
                    "coalesce(s.fees_description, s.fees, ''), coalesce(s.application_process, ''), "
                    "coalesce(s.interpretation_services, ''), coalesce(s.alert, ''), coalesce(s.url, o.website, ''), "
                    "coalesce(s.email, o.email, ''), s.organization_id, s.minimum_age, s.maximum_age "
                    "FROM hsds_service s LEFT JOIN hsds_organization o ON o.id = s.organization_id WHERE s.id = ?1"));
  query.bind(1, service_id);
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row) return std::optional<ServiceDetail>();
  ServiceDetail detail;
  const LocalMoment now = local_moment(store.center_time(), store.now());
  const std::string organization_id = query.text(12);
  const auto minimum_age = query.optional_text(13);
  const auto maximum_age = query.optional_text(14);
  {
    PL_TRY_ASSIGN(summary, summarise(store, {{query.text(0), query.text(1), query.text(2)}}, now));
    detail.summary = std::move(summary.front());
  }
  detail.alternate_name = query.text(3);
  detail.description = query.text(4);
  detail.eligibility = query.text(5);
  detail.fees = query.text(6);
  detail.application_process = query.text(7);
  detail.interpretation = query.text(8);
  detail.alert = query.text(9);
  detail.url = query.text(10);
  detail.email = query.text(11);
  if (detail.eligibility.empty() && (minimum_age || maximum_age)) {
    detail.eligibility = "Ages " + minimum_age.value_or("0") + (maximum_age ? " to " + *maximum_age : " and over");
  }
  if (detail.fees.empty()) {
    PL_TRY_ASSIGN(costs, store.db().query("SELECT coalesce(option, ''), coalesce(amount, ''), coalesce(currency, ''), "
                                          "coalesce(amount_description, '') FROM hsds_cost_option WHERE service_id = ?1 "
                                          "ORDER BY id"));
    costs.bind(1, service_id);
    PL_TRY_ASSIGN(lines, costs.collect([](const Query& row) {
      std::string line = row.text(0);
      if (!row.text(1).empty()) line += (line.empty() ? "" : ": ") + row.text(1) + " " + row.text(2);
      if (!row.text(3).empty()) line += " " + row.text(3);
      return line;
    }));
    for (const auto& line : lines) detail.fees += (detail.fees.empty() ? "" : "; ") + line;
  }
  {
    // The service's own phones first, then those of where it is offered, then the organization's.
    PL_TRY_ASSIGN(phones,
                  store.db().query(
                      "SELECT number, coalesce(extension, ''), coalesce(type, ''), coalesce(description, ''), 1 "
                      "FROM hsds_phone WHERE service_id = ?1 "
                      "UNION ALL SELECT number, coalesce(extension, ''), coalesce(type, ''), coalesce(description, ''), 2 "
                      "FROM hsds_phone WHERE service_at_location_id IN "
                      "(SELECT id FROM hsds_service_at_location WHERE service_id = ?1) "
                      "UNION ALL SELECT number, coalesce(extension, ''), coalesce(type, ''), coalesce(description, ''), 3 "
                      "FROM hsds_phone WHERE location_id IN "
                      "(SELECT location_id FROM hsds_service_at_location WHERE service_id = ?1) "
                      "UNION ALL SELECT number, coalesce(extension, ''), coalesce(type, ''), coalesce(description, ''), 4 "
                      "FROM hsds_phone WHERE organization_id = ?2 AND service_id IS NULL AND location_id IS NULL "
                      "AND service_at_location_id IS NULL ORDER BY 5"));
    phones.bind(1, service_id).bind(2, organization_id);
    PL_TRY_ASSIGN(list, phones.collect([](const Query& row) {
      return PhoneInfo{row.text(0), row.text(1), row.text(2), row.text(3)};
    }));
    for (auto& phone : list) {
      const bool seen = std::any_of(detail.phones.begin(), detail.phones.end(),
                                    [&](const PhoneInfo& p) { return p.number == phone.number; });
      if (!seen) detail.phones.push_back(std::move(phone));
    }
  }
  {
    PL_TRY_ASSIGN(addresses,
                  store.db().query(
                      "SELECT a.address_1, coalesce(a.address_2, ''), a.city, a.state_province, a.postal_code "
                      "FROM hsds_address a JOIN hsds_service_at_location sal ON sal.location_id = a.location_id "
                      "WHERE sal.service_id = ?1 ORDER BY a.address_type = 'physical' DESC, a.id"));
    addresses.bind(1, service_id);
    PL_TRY_ASSIGN(lines, addresses.collect([](const Query& row) {
      std::string line = row.text(0);
      if (!row.text(1).empty()) line += ", " + row.text(1);
      return line + ", " + row.text(2) + ", " + row.text(3) + " " + row.text(4);
    }));
    for (auto& line : lines) {
      if (std::find(detail.addresses.begin(), detail.addresses.end(), line) == detail.addresses.end())
        detail.addresses.push_back(std::move(line));
    }
  }
  {
    PL_TRY_ASSIGN(languages,
                  store.db().query("SELECT coalesce(name, code) FROM hsds_language WHERE (service_id = ?1 OR location_id IN "
                                   "(SELECT location_id FROM hsds_service_at_location WHERE service_id = ?1)) "
                                   "AND coalesce(name, code) IS NOT NULL ORDER BY service_id IS NULL, id"));
    languages.bind(1, service_id);
    PL_TRY_ASSIGN(names, languages.collect([](const Query& row) { return row.text(0); }));
    for (auto& name : names) {
      if (std::find(detail.languages.begin(), detail.languages.end(), name) == detail.languages.end())
        detail.languages.push_back(std::move(name));
    }
  }
  PL_TRY_ASSIGN(hours, service_schedules(store, {service_id}));
  if (auto entry = hours.find(service_id); entry != hours.end()) {
    detail.schedules = std::move(entry->second.rules);
    detail.schedule_notes = std::move(entry->second.notes);
  }
  detail.hours = hours_lines(detail.schedules);
  return std::optional<ServiceDetail>(std::move(detail));
}

Result<DirectoryCounts> directory_counts(Store& store) {
  DirectoryCounts counts;
  {
    PL_TRY_ASSIGN(query, store.db().query("SELECT count(*) FROM hsds_service WHERE status = 'active'"));
    PL_TRY_ASSIGN(n, query.single_int());
    counts.services = n;
  }
  {
    PL_TRY_ASSIGN(query, store.db().query("SELECT count(*) FROM hsds_organization"));
    PL_TRY_ASSIGN(n, query.single_int());
    counts.organizations = n;
  }
  PL_TRY_ASSIGN(query, store.db().query("SELECT c.category, count(*) FROM directory_category c JOIN hsds_service s "
                                        "ON s.id = c.service_id WHERE s.status = 'active' GROUP BY c.category"));
  PL_TRY_ASSIGN(rows, query.collect([](const Query& row) { return std::make_pair(row.text(0), row.integer(1)); }));
  for (const auto& category : all_categories()) counts.by_category[category] = 0;
  for (const auto& [code, n] : rows) {
    if (auto category = parse_category(code)) counts.by_category[*category] = n;
  }
  return counts;
}

}  // namespace porchlight::core
