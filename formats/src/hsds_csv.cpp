// HSDS CSV packages, read forgiving of what real exports contain (the kiosk writes them: directory_export.cpp).
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <set>

#include <nlohmann/json.hpp>

#include "porchlight/formats/csv.hpp"
#include "porchlight/formats/hsds.hpp"

namespace porchlight::formats {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 256u * 1024u * 1024u;

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string base_name(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// Which table a file holds, by its name (3.0 first, then older and looser names).
const hsds::Table* table_for_file(const std::string& file) {
  const std::string name = lower_ascii(base_name(file));
  for (const auto& table : hsds::tables()) {
    if (name == table.file) return &table;
  }
  for (const auto& table : hsds::tables()) {
    for (const char* other : table.other_files) {
      if (name == other) return &table;
    }
  }
  return nullptr;
}

void read_table(const hsds::Table& table, const std::string& file, std::string_view text, HsdsParse& out) {
  const CsvText csv = parse_csv_text(text);
  if (csv.problem) {
    ImportProblem problem = *csv.problem;
    problem.file = file;
    out.problems.push_back(std::move(problem));
  }
  if (csv.records.empty()) return;
  const auto& header_record = csv.records.front();
  std::vector<std::string> header;
  std::set<std::string> present;
  for (const auto& name : header_record.fields) present.insert(lower_ascii(trim(name)));
  std::vector<std::string> unused;
  for (const auto& raw : header_record.fields) {
    const std::string name = lower_ascii(trim(raw));
    std::string mapped;
    if (hsds::find_field(table, name)) {
      mapped = name;
    } else {
      for (const auto& [old_name, new_name] : table.other_columns) {
        if (name == old_name && !present.count(new_name)) mapped = new_name;
      }
    }
    if (mapped.empty() && !name.empty()) unused.push_back(name);
    header.push_back(mapped);
  }
  if (!unused.empty()) {
    std::string list;
    for (const auto& name : unused) list += (list.empty() ? "" : ", ") + name;
    out.notes.push_back(file + ": columns not used: " + list);
  }
  if (std::find(header.begin(), header.end(), "id") == header.end()) {
    out.problems.push_back({file, header_record.line, "", "the header has no id column; the file was skipped"});
    return;
  }
  const std::string file_name = lower_ascii(base_name(file));
  for (std::size_t r = 1; r < csv.records.size(); ++r) {
    const auto& record = csv.records[r];
    if (std::all_of(record.fields.begin(), record.fields.end(), [](const std::string& f) { return trim(f).empty(); }))
      continue;
    if (record.fields.size() > header.size()) {
      const bool extra_values = std::any_of(record.fields.begin() + static_cast<std::ptrdiff_t>(header.size()),
                                            record.fields.end(), [](const std::string& f) { return !trim(f).empty(); });
      if (extra_values) {
        out.problems.push_back({file, record.line, "",
                                std::string("the row has ").append(std::to_string(record.fields.size())) + " values but the header has " +
                                    std::to_string(header.size()) + " columns"});
        continue;
      }
    }
    HsdsRow row;
    row.table = table.name;
    row.file = file;
    row.line = record.line;
    for (std::size_t c = 0; c < header.size() && c < record.fields.size(); ++c) {
      if (header[c].empty()) continue;
      std::string value = trim(record.fields[c]);
      if (!value.empty()) row.fields[header[c]] = std::move(value);
    }
    // What older file layouts imply without saying.
    if (table.name == std::string_view("address") && !row.fields.count("address_type")) {
      row.fields["address_type"] = file_name.find("postal") != std::string::npos ? "postal" : "physical";
    }
    if (table.name == std::string_view("attribute") && !row.fields.count("link_entity") &&
        file_name != "attributes.csv") {
      row.fields["link_entity"] = "service";
    }
    out.rows.push_back(std::move(row));
  }
}

// HSDS 2.0 kept eligibility in its own table (service_id, eligibility): fold it into the services.
void merge_eligibility(const std::string& file, std::string_view text, HsdsParse& out) {
  const CsvText csv = parse_csv_text(text);
  if (csv.records.empty()) return;
  int service_column = -1;
  int text_column = -1;
  for (std::size_t c = 0; c < csv.records[0].fields.size(); ++c) {
    const auto name = lower_ascii(trim(csv.records[0].fields[c]));
    if (name == "service_id") service_column = static_cast<int>(c);
    if (name == "eligibility" || name == "eligibility_description") text_column = static_cast<int>(c);
  }
  if (service_column < 0 || text_column < 0) {
    out.notes.push_back(file + ": no service_id and eligibility columns; not used");
    return;
  }
  for (std::size_t r = 1; r < csv.records.size(); ++r) {
    const auto& fields = csv.records[r].fields;
    const auto at = [&](int c) { return static_cast<std::size_t>(c) < fields.size() ? trim(fields[static_cast<std::size_t>(c)]) : std::string(); };
    const std::string service = at(service_column);
    const std::string eligibility = at(text_column);
    if (service.empty() || eligibility.empty()) continue;
    for (auto& row : out.rows) {
      if (row.table != "service" || row.fields["id"] != service) continue;
      auto& current = row.fields["eligibility_description"];
      current += (current.empty() ? "" : "; ") + eligibility;
    }
  }
}

Result<std::string> read_file(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) return make_error("cannot read " + path.string() + ": " + error.message());
  if (size > kMaxFileBytes) return make_error(path.string() + " is larger than 256 MB");
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot open " + path.string());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return make_error("cannot read " + path.string());
  return text;
}

}  // namespace

std::string ImportProblem::text() const {
  std::string out = file;
  if (line > 0) out.append(" line ").append(std::to_string(line));
  if (!where.empty()) out += (out.empty() ? "" : " ") + where;
  return out + ": " + reason;
}

CsvText parse_csv_text(std::string_view text) {
  CsvText out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRecord record;
    record.line = line;
    std::string field;
    bool done = false;
    while (!done) {
      if (i < text.size() && text[i] == '"') {
        // A quoted field: anything up to the closing quote, "" for a quote.
        const int started = line;
        ++i;
        bool closed = false;
        while (i < text.size()) {
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
          field += c;
          ++i;
        }
        if (!closed) {
          out.problem = ImportProblem{"", started, "", "a quoted value is never closed; the rest of the file was skipped"};
          return out;
        }
      }
      // Unquoted text (or stray text after a closing quote), up to a comma or a line end.
      while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') field += text[i++];
      record.fields.push_back(std::move(field));
      field.clear();
      if (i >= text.size()) {
        done = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        done = true;
      }
    }
    const bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank) out.records.push_back(std::move(record));
  }
  return out;
}

HsdsParse parse_hsds_csv_package(const std::map<std::string, std::string>& files) {
  HsdsParse out;
  // datapackage.json names each resource's file; without one, the file names say it.
  std::map<std::string, const hsds::Table*> chosen;  // file -> table
  std::set<std::string> described;
  for (const auto& [file, contents] : files) {
    if (lower_ascii(base_name(file)) != "datapackage.json") continue;
    const auto package = nlohmann::json::parse(contents, nullptr, false);
    if (package.is_discarded() || !package.is_object()) {
      out.problems.push_back({file, 0, "", "not valid JSON; the CSV files were matched by their names instead"});
      continue;
    }
    const auto resources = package.find("resources");
    if (resources == package.end() || !resources->is_array()) continue;
    for (const auto& resource : *resources) {
      if (!resource.is_object() || !resource.contains("name") || !resource["name"].is_string() ||
          !resource.contains("path") || !resource["path"].is_string())
        continue;
      const std::string path = base_name(resource["path"].get<std::string>());
      const auto* table = hsds::find_table(resource["name"].get<std::string>());
      described.insert(path);
      if (!files.count(path)) continue;
      if (table) {
        chosen[path] = table;
      }
    }
  }
  for (const auto& [file, contents] : files) {
    const std::string name = lower_ascii(base_name(file));
    if (name == "datapackage.json" || chosen.count(file)) continue;
    if (name.size() < 4 || name.substr(name.size() - 4) != ".csv") continue;
    if (const auto* table = table_for_file(file)) {
      chosen[file] = table;
    } else if (name != "eligibility.csv") {
      out.notes.push_back(file + ": not a table the directory keeps; not used");
    }
  }
  // Parents before children, so problems read in a sensible order.
  for (const auto& table : hsds::tables()) {
    for (const auto& [file, picked] : chosen) {
      if (picked == &table) read_table(table, file, files.at(file), out);
    }
  }
  for (const auto& [file, contents] : files) {
    if (lower_ascii(base_name(file)) == "eligibility.csv") merge_eligibility(file, contents, out);
  }
  return out;
}

Result<HsdsParse> read_hsds(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) return make_error(path.string() + " does not exist");
  if (std::filesystem::is_directory(status)) {
    std::map<std::string, std::string> files;
    bool has_table = false;
    for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
      if (!entry.is_regular_file()) continue;
      const std::string name = entry.path().filename().string();
      const std::string lower = lower_ascii(name);
      const bool csv = lower.size() > 4 && lower.substr(lower.size() - 4) == ".csv";
      if (!csv && lower != "datapackage.json") continue;
      PL_TRY_ASSIGN(contents, read_file(entry.path()));
      if (csv && (table_for_file(name) || lower == "eligibility.csv")) has_table = true;
      files.emplace(name, std::move(contents));
    }
    if (error) return make_error("cannot list " + path.string() + ": " + error.message());
    if (!has_table) return make_error(path.string() + " holds no HSDS CSV files (services.csv, organizations.csv, ...)");
    return parse_hsds_csv_package(files);
  }
  const std::string name = lower_ascii(path.filename().string());
  if (name == "datapackage.json") return read_hsds(path.parent_path());
  if (name.size() > 5 && name.substr(name.size() - 5) == ".json") {
    PL_TRY_ASSIGN(contents, read_file(path));
    HsdsParse parsed = parse_hsds_json(contents, path.filename().string());
    if (parsed.rows.empty() && !parsed.problems.empty()) return make_error(parsed.problems.front().text());
    return parsed;
  }
  return make_error(path.string() + " is neither a folder with an HSDS CSV package nor an HSDS .json file");
}

}  // namespace porchlight::formats
