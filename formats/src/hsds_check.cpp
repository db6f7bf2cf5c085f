// An HSDS parse checked as an import checks it: each row normalised and its links resolved, the bad ones named.
#include <array>
#include <cmath>
#include <unordered_map>

#include "porchlight/formats/hsds.hpp"
#include "porchlight/formats/schedule.hpp"
#include "porchlight/formats/text.hpp"

namespace porchlight::formats {

namespace {

std::string value_of(const HsdsRow& row, const char* field) {
  const auto found = row.fields.find(field);
  return found == row.fields.end() ? std::string() : found->second;
}

// Fields HSDS marks required that real directories often leave out and that we can live without.
bool lenient_required(std::string_view table, std::string_view field) {
  return (table == "organization" && field == "description") || (table == "taxonomy" && field == "description");
}

std::optional<std::string> normal_number(const std::string& text) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(value)) return std::nullopt;
    return text;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// HSDS 2.0 "weekday" numbers (1 = Monday ... 7 = Sunday, ISO 8601) become BYDAY codes.
std::string byday_of(const std::string& text) {
  static const std::array<const char*, 8> codes{"", "MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '7') return codes[static_cast<std::size_t>(text[0] - '0')];
  return text;
}

std::string time_text(int minutes) {
  return minutes_text(minutes % (24 * 60)) + ":00";
}

// Checks and normalises one row in place. Empty: the row is good (`notes` may say what was dropped);
// otherwise why it is skipped.
std::string check_row(const hsds::Table& table, HsdsRow& row, std::vector<std::string>& notes) {
  auto& fields = row.fields;
  const std::string where = row.line > 0 ? row.file + " line " + std::to_string(row.line) : row.file + " " + row.where;
  auto drop = [&](const std::string& field, const std::string& why) {
    notes.push_back(where + ": " + field + " '" + fields[field] + "' " + why + "; left empty");
    fields.erase(field);
  };
  // Defaults for what older layouts did not have.
  if (table.name == std::string_view("service") && !fields.count("status")) fields["status"] = "active";
  if (table.name == std::string_view("location") && !fields.count("location_type")) fields["location_type"] = "physical";
  if (table.name == std::string_view("taxonomy_term") && !fields.count("description") && fields.count("name"))
    fields["description"] = fields["name"];
  if (table.name == std::string_view("address") && !fields.count("country")) fields["country"] = "US";
  if (table.name == std::string_view("schedule") && fields.count("byday")) fields["byday"] = byday_of(fields["byday"]);

  for (auto it = fields.begin(); it != fields.end();) {
    if (!hsds::find_field(table, it->first)) {
      it = fields.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& field : table.fields) {
    const bool present = fields.count(field.name) > 0;
    if (!present) {
      if (field.required && !lenient_required(table.name, field.name)) return std::string("no ") + field.name;
      continue;
    }
    std::string& value = fields[field.name];
    if (!field.allowed.empty()) {
      std::string canonical;
      for (const char* allowed : field.allowed) {
        if (fold_for_search(value) == fold_for_search(allowed)) canonical = allowed;
      }
      if (canonical.empty()) {
        if (field.required || std::string_view(field.name) == "freq")
          return std::string(field.name) + " '" + value + "' is not one of the allowed values";
        drop(field.name, "is not one of the allowed values");
        continue;
      }
      value = canonical;
    }
    switch (field.type) {
      case hsds::Type::Number:
        if (!normal_number(value)) {
          if (field.required) return std::string(field.name) + " '" + value + "' is not a number";
          drop(field.name, "is not a number");
        }
        break;
      case hsds::Type::Date:
      case hsds::Type::DateTime: {
        const auto date = LocalDate::parse(std::string_view(value).substr(0, 10));
        if (!date) {
          if (table.name == std::string_view("schedule")) return std::string(field.name) + " '" + value + "' is not a date";
          drop(field.name, "is not a date");
        } else if (field.type == hsds::Type::Date) {
          value = date->iso();
        }
        break;
      }
      case hsds::Type::Time: {
        const auto minutes = parse_time_of_day(value);
        if (!minutes) return std::string(field.name) + " '" + value + "' is not a time of day";
        value = time_text(*minutes);
        break;
      }
      case hsds::Type::String:
        break;
    }
  }
  if (table.name == std::string_view("schedule")) {
    ScheduleFields schedule{value_of(row, "freq"),     value_of(row, "interval"), value_of(row, "byday"),
                            value_of(row, "bymonthday"), value_of(row, "valid_from"), value_of(row, "valid_to"),
                            value_of(row, "dtstart"),  value_of(row, "until"),    value_of(row, "opens_at"),
                            value_of(row, "closes_at")};
    auto parsed = parse_schedule(schedule);
    if (!parsed) return parsed.error().message;
  }
  return {};
}

}  // namespace

Result<HsdsChecked> check_hsds(const HsdsParse& parsed, const HsdsKnownId& known_elsewhere) {
  HsdsChecked checked;
  checked.problems = parsed.problems;
  checked.notes = parsed.notes;

  // Check every row first (against the package and what the directory already holds); keep the good ones.
  std::vector<HsdsRow>& accepted = checked.rows;
  std::unordered_map<std::string, std::unordered_map<std::string, std::size_t>> accepted_ids;  // table -> id -> index
  std::unordered_map<std::string, std::unordered_map<std::string, std::string>> first_seen;    // table -> id -> where
  for (const auto& table : hsds::tables()) {
    auto known = [&](const char* other, const std::string& id) -> Result<bool> {
      if (accepted_ids[other].count(id)) return true;
      if (!known_elsewhere) return false;
      return known_elsewhere(*hsds::find_table(other), id);
    };
    for (const auto& original : parsed.rows) {
      if (original.table != table.name) continue;
      HsdsRow row = original;
      auto skip = [&](const std::string& reason) {
        checked.problems.push_back({row.file, row.line, row.where, reason + "; the row was skipped"});
      };
      const std::string id = value_of(row, "id");
      if (id.empty()) {
        skip("no id");
        continue;
      }
      if (auto seen = first_seen[table.name].find(id); seen != first_seen[table.name].end()) {
        const auto index = accepted_ids[table.name].find(id);
        if (row.line == 0 && index != accepted_ids[table.name].end()) {
          // JSON repeats one phone or location under every parent that has it: the copies are one row.
          for (const auto& [key, value] : row.fields) accepted[index->second].fields.emplace(key, value);
        } else if (row.line > 0) {
          skip(std::string(table.name) + " id " + id + " is already used at " + seen->second);
        }
        continue;
      }
      first_seen[table.name][id] = row.line > 0 ? std::string("line ").append(std::to_string(row.line)) : row.where;
      std::vector<std::string> notes;
      if (auto reason = check_row(table, row, notes); !reason.empty()) {
        skip(reason);
        continue;
      }
      std::string bad_link;
      for (const auto& link : table.links) {
        const auto value = row.fields.find(link.field);
        if (value == row.fields.end()) continue;
        PL_TRY_ASSIGN(is_known, known(link.table, value->second));
        if (is_known) continue;
        if (link.required) {
          bad_link = std::string(link.field) + " " + value->second + " is not a " + link.table + " in the directory";
          break;
        }
        notes.push_back((row.line > 0 ? row.file + " line " + std::to_string(row.line) : row.file + " " + row.where) +
                        ": " + link.field + " " + value->second + " is not a " + link.table +
                        " in the directory; left empty");
        row.fields.erase(value);
      }
      if (!bad_link.empty()) {
        skip(bad_link);
        continue;
      }
      const std::string_view name = table.name;
      if (name == "phone" || name == "schedule" || name == "language") {
        bool linked = false;
        for (const auto& link : table.links) linked = linked || row.fields.count(link.field) > 0;
        if (!linked) {
          skip(std::string("the ") + table.name + " belongs to no service, location or organization in the directory");
          continue;
        }
      }
      checked.notes.insert(checked.notes.end(), notes.begin(), notes.end());
      accepted_ids[table.name][id] = accepted.size();
      accepted.push_back(std::move(row));
    }
  }
  return checked;
}

}  // namespace porchlight::formats
