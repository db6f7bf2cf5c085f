#pragma once
// Open Referral HSDS 3.0 directories as files: an HSDS CSV package or HSDS JSON read into rows (pure: text in, rows
// and problems out), the rows checked as an import checks them, and services nested again as HSDS JSON. The
// kiosk's store (porchlight/core/directory.hpp) keeps the rows; the hub publishes them without a store.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "porchlight/formats/hsds_tables.hpp"
#include "porchlight/result.hpp"

namespace porchlight::formats {

// One row of an HSDS table, by HSDS 3.0 table and column names, with where it came from.
struct HsdsRow {
  std::string table;  // "service", "phone", ...
  std::map<std::string, std::string> fields;
  std::string file;
  int line = 0;  // first line of the record (CSV), 0 for JSON
  std::string where;  // JSON: "[2].phones[0]"
};

struct ImportProblem {
  std::string file;
  int line = 0;  // 0 when the problem has no line (a whole file, or JSON)
  std::string where;
  std::string reason;
  std::string text() const;  // "services.csv line 4: ...", "list.json [1].phones[0]: ..."
};

struct HsdsParse {
  std::vector<HsdsRow> rows;
  std::vector<ImportProblem> problems;
  std::vector<std::string> notes;  // files or columns that were not used
};

// RFC 4180 with what real files add: a byte-order mark, CRLF or LF or CR line ends, quoted line breaks and quotes.
struct CsvRecord {
  int line = 0;  // line where the record starts
  std::vector<std::string> fields;
};
struct CsvText {
  std::vector<CsvRecord> records;  // the header is records[0]
  std::optional<ImportProblem> problem;  // an unterminated quote (the records before it are kept)
};
CsvText parse_csv_text(std::string_view text);

// An HSDS CSV package given as file name -> contents (datapackage.json optional). Maps HSDS 2.0/1.1 file and
// column names where they map.
HsdsParse parse_hsds_csv_package(const std::map<std::string, std::string>& files);
// HSDS JSON: one service, a list of services, or a page ({"contents": [...]}), nested as HSDS 3.0 nests them.
HsdsParse parse_hsds_json(std::string_view text, const std::string& file_name);
// A folder (CSV package) or a .json file. An error only when nothing can be read at all.
Result<HsdsParse> read_hsds(const std::filesystem::path& path);

// The rows of a parse that an import keeps, each checked and normalised (defaults for older layouts, allowed
// values spelled as the specification spells them, dates and times in their HSDS form, links that resolve), with
// every row skipped named in `problems` (the parse's own problems first) and what was dropped from a kept row in
// `notes`. A row that repeats an id is one row (JSON nests a phone under each parent); a CSV line that repeats
// one is skipped.
struct HsdsChecked {
  std::vector<HsdsRow> rows;  // in import order: a table after every table it links to
  std::vector<ImportProblem> problems;
  std::vector<std::string> notes;
};
// Whether `table` already holds `id` outside this parse (a directory being added to); links resolve against it too.
using HsdsKnownId = std::function<Result<bool>(const hsds::Table& table, const std::string& id)>;
Result<HsdsChecked> check_hsds(const HsdsParse& parsed, const HsdsKnownId& known_elsewhere = {});

// One kept row's values by field name; a missing or empty value is no value.
using HsdsFields = std::map<std::string, std::string>;

// Where nesting reads rows from: the kiosk's tables, or checked rows in memory.
class HsdsRowSource {
 public:
  virtual ~HsdsRowSource() = default;
  // Every row of `table` whose `column` is `value`, by id.
  virtual Result<std::vector<HsdsFields>> rows(const hsds::Table& table, const std::string& column,
                                               const std::string& value) = 0;
  // Every service's id, by name and then id.
  virtual Result<std::vector<std::string>> service_ids() = 0;
};

// HSDS JSON: an array of services in the shape of schema/compiled/service_with_definitions.json.
Result<nlohmann::json> nest_hsds_services(HsdsRowSource& source);
// The same for checked rows held in memory: what a store that imported them into an empty directory exports.
Result<nlohmann::json> hsds_services_json(const std::vector<HsdsRow>& checked_rows);

}  // namespace porchlight::formats
