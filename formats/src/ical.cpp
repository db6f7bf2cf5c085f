// iCalendar reading and writing. libical parses and serialises; a scan of our own first checks the
// structure line by line, so that every error can name the line it is on.
#include "porchlight/formats/ical.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <set>

#include "porchlight/formats/calendar_rules.hpp"
#include "porchlight/formats/text.hpp"

namespace porchlight::formats {

namespace {

// ---- our own scan: logical lines with their line numbers, and the nesting of components ----------------

struct ContentLine {
  int line = 0;
  std::string name;  // upper case
  std::string value;
};

struct ScannedEvent {
  int begin_line = 0;
  std::vector<ContentLine> lines;  // the VEVENT's own properties (not those of a nested VALARM)
};

struct Scan {
  std::vector<ScannedEvent> events;
};

std::string upper(std::string text) {
  for (auto& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

Error at_line(int line, const std::string& message) { return make_error("line " + std::to_string(line) + ": " + message); }

Result<Scan> scan(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!is_valid_utf8(text)) {
    // Name the first line with bad bytes.
    int line = 1;
    std::size_t start = 0;
    while (start < text.size()) {
      auto end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      if (!is_valid_utf8(text.substr(start, end - start))) return at_line(line, "the text is not valid UTF-8");
      start = end + 1;
      ++line;
    }
    return make_error("the calendar is not valid UTF-8 text");
  }
  // Unfold: a line that starts with a space or tab continues the one before it (RFC 5545 3.1).
  struct Logical {
    int line;
    std::string text;
  };
  std::vector<Logical> logical;
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ++number;
    start = end + 1;
    if (raw.find('\0') != std::string_view::npos) return at_line(number, "the line holds a NUL byte");
    if (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) {
      if (logical.empty()) return at_line(number, "a continuation line with nothing before it");
      logical.back().text.append(raw.substr(1));
      continue;
    }
    if (raw.empty()) continue;
    logical.push_back({number, std::string(raw)});
  }
  if (logical.empty()) return make_error("line 1: the file is empty (a calendar starts with BEGIN:VCALENDAR)");

  Scan result;
  std::vector<std::pair<std::string, int>> open;  // component name, line of its BEGIN
  bool calendar_done = false;
  for (const auto& [line, content] : logical) {
    // name *(";" param) ":" value; a quoted parameter value may hold ':' and ';'.
    std::size_t i = 0;
    while (i < content.size() && (std::isalnum(static_cast<unsigned char>(content[i])) || content[i] == '-')) ++i;
    if (i == 0 || i == content.size() || (content[i] != ':' && content[i] != ';')) {
      std::string shown = content.substr(0, 40);
      return at_line(line, "'" + shown + "' is not an iCalendar line (NAME:value)");
    }
    const std::string name = upper(content.substr(0, i));
    bool quoted = false;
    while (i < content.size() && (quoted || content[i] != ':')) {
      if (content[i] == '"') quoted = !quoted;
      ++i;
    }
    if (i == content.size()) return at_line(line, "the " + name + " line has no ':' before its value");
    const std::string value = content.substr(i + 1);
    if (calendar_done) return at_line(line, "there is more after END:VCALENDAR (one calendar per file)");
    if (open.empty() && !(name == "BEGIN" && upper(value) == "VCALENDAR")) {
      return at_line(line, "a calendar file starts with BEGIN:VCALENDAR");
    }
    if (name == "BEGIN") {
      const std::string component = upper(value);
      if (component.empty()) return at_line(line, "BEGIN without a component name");
      if (open.size() > 8) return at_line(line, "components are nested too deeply");
      const bool top_level = component == "VEVENT" || component == "VTODO" || component == "VJOURNAL" ||
                             component == "VTIMEZONE" || component == "VFREEBUSY";
      if (top_level && open.size() != 1) {
        return at_line(line, "BEGIN:" + component + " inside BEGIN:" + open.back().first + " of line " +
                                 std::to_string(open.back().second) + " (is an END line missing?)");
      }
      if (component == "VEVENT") result.events.push_back({line, {}});
      open.emplace_back(component, line);
      continue;
    }
    if (name == "END") {
      const std::string component = upper(value);
      if (open.empty() || open.back().first != component) {
        return at_line(line, "END:" + value + " does not close " +
                                 (open.empty() ? std::string("anything") : "BEGIN:" + open.back().first + " of line " +
                                                                               std::to_string(open.back().second)));
      }
      open.pop_back();
      if (open.empty()) calendar_done = true;
      continue;
    }
    if (open.size() == 2 && open.back().first == "VEVENT") result.events.back().lines.push_back({line, name, value});
  }
  if (!open.empty()) {
    return at_line(logical.back().line, "the file ends inside BEGIN:" + open.back().first + " of line " +
                                            std::to_string(open.back().second));
  }
  return result;
}

int line_of(const ScannedEvent& event, const std::string& name, int nth = 0) {
  int seen = 0;
  for (const auto& line : event.lines) {
    if (line.name == name && seen++ == nth) return line.line;
  }
  return event.begin_line;
}

// ---- libical helpers ------------------------------------------------------------------------------------

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

std::string x_lic_error_line(const ScannedEvent& event, const std::string& message) {
  // libical says "... in NAME property. Removing entire property: VALUE".
  const auto in = message.find(" in ");
  const auto property = message.find(" property", in == std::string::npos ? 0 : in);
  if (in != std::string::npos && property != std::string::npos) {
    const std::string name = upper(message.substr(in + 4, property - in - 4));
    const auto colon = message.rfind(": ");
    const std::string value = colon == std::string::npos ? std::string() : message.substr(colon + 2);
    for (const auto& line : event.lines) {
      if (line.name == name && (value.empty() || line.value.find(value) != std::string::npos)) {
        return std::to_string(line.line);
      }
    }
    for (const auto& line : event.lines) {
      if (line.name == name) return std::to_string(line.line);
    }
  }
  return std::to_string(event.begin_line);
}

// libical's "Can't parse as RECUR value in RRULE property. Removing entire property: FREQ=X" in words that
// fit an import that stores nothing: "the RRULE value 'FREQ=X' cannot be read (RECUR expected)".
std::string plain_error(const std::string& message) {
  const std::string prefix = "Can't parse as ";
  const auto in = message.find(" value in ");
  const auto property = message.find(" property", in == std::string::npos ? 0 : in);
  const auto colon = message.rfind(": ");
  if (message.rfind(prefix, 0) != 0 || in == std::string::npos || property == std::string::npos ||
      colon == std::string::npos) {
    return message;
  }
  const std::string type = message.substr(prefix.size(), in - prefix.size());
  const std::string name = message.substr(in + 10, property - in - 10);
  return "the " + name + " value '" + message.substr(colon + 2) + "' cannot be read (" + type + " expected)";
}

std::optional<std::string> tzid_of(icalproperty* property) {
  icalparameter* parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
  if (!parameter) return std::nullopt;
  const char* tzid = icalparameter_get_tzid(parameter);
  if (!tzid) return std::nullopt;
  return std::string(tzid);
}

// An IANA name inside a TZID ("America/New_York", "/freeassociation.sourceforge.net/Tzfile/America/New_York").
std::optional<std::string> iana_name(const std::string& tzid) {
  std::string candidate = tzid;
  for (int guard = 0; guard < 8 && !candidate.empty(); ++guard) {
    if (candidate.front() != '/' && known_zone(candidate)) return candidate;
    const auto slash = candidate.find('/', candidate.front() == '/' ? 1 : 0);
    if (slash == std::string::npos) break;
    candidate = candidate.substr(slash + 1);
  }
  return std::nullopt;
}

struct TimeValue {
  LocalDateTime local;  // in the center's wall clock
  bool all_day = false;
  bool floating = false;
  std::string zone;  // the IANA zone of its TZID when that is not the center's (a rule repeats there)
};

class TimeReader {
 public:
  TimeReader(icalcomponent* calendar, std::string center_zone)
      : calendar_(calendar), center_zone_(std::move(center_zone)) {}

  Result<TimeValue> read(icaltimetype time, const std::optional<std::string>& tzid, int line) const {
    const auto local = from_ical(time);
    if (!local || time.month < 1 || time.month > 12 || time.day < 1 || time.day > 31) {
      return at_line(line, "the date or time cannot be read");
    }
    if (time.is_date) return TimeValue{*local, true, false, {}};
    if (icaltime_is_utc(time)) {
      const time_t seconds = icaltime_as_timet(time);
      PL_TRY_ASSIGN(center, utc_to_local(center_zone_, static_cast<Millis>(seconds) * 1000));
      return TimeValue{center, false, false, {}};
    }
    if (!tzid) return TimeValue{*local, false, true, {}};
    if (*tzid == center_zone_) return TimeValue{*local, false, false, {}};
    if (icaltimezone* zone = icalcomponent_get_timezone(calendar_, tzid->c_str())) {
      icaltimetype floating = time;
      floating.zone = nullptr;
      const time_t seconds = icaltime_as_timet_with_zone(floating, zone);
      PL_TRY_ASSIGN(center, utc_to_local(center_zone_, static_cast<Millis>(seconds) * 1000));
      // A VTIMEZONE without an IANA name (Outlook's "Eastern Standard Time") repeats in the center's clock.
      const auto name = iana_name(*tzid);
      return TimeValue{center, false, false, name && *name != center_zone_ ? *name : std::string()};
    }
    if (auto name = iana_name(*tzid)) {
      if (*name == center_zone_) return TimeValue{*local, false, false, {}};
      PL_TRY_ASSIGN(instant, local_to_utc(*name, *local));
      PL_TRY_ASSIGN(center, utc_to_local(center_zone_, instant));
      return TimeValue{center, false, false, *name};
    }
    return at_line(line, "unknown time zone '" + *tzid + "' (no VTIMEZONE for it in the file)");
  }

  const std::string& center_zone() const { return center_zone_; }

 private:
  icalcomponent* calendar_;
  std::string center_zone_;
};

struct RawEvent {
  const ScannedEvent* scanned = nullptr;
  std::string uid;
  std::optional<LocalDateTime> recurrence_id;
  GroupDefinition group;
  bool cancelled = false;
};

Result<int> minutes_between(const std::string& zone, const TimeValue& start, const TimeValue& end) {
  if (start.all_day) {
    return (end.local.date.days_since_epoch() - start.local.date.days_since_epoch()) * 1440;
  }
  PL_TRY_ASSIGN(from, local_to_utc(zone, start.local));
  PL_TRY_ASSIGN(to, local_to_utc(zone, end.local));
  return static_cast<int>((to - from) / 60'000);
}

Result<int> whole_minutes(const std::string& text, int line, const char* what) {
  if (text.empty() || text.size() > 6 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return at_line(line, std::string(what) + " must be a whole number, not '" + text + "'");
  }
  return std::atoi(text.c_str());
}

Result<RawEvent> read_event(icalcomponent* event, const ScannedEvent& scanned, const TimeReader& times) {
  RawEvent raw;
  raw.scanned = &scanned;
  for (icalproperty* error = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY); error;
       error = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
    const std::string message = icalproperty_get_xlicerror(error) ? icalproperty_get_xlicerror(error) : "";
    return make_error("line " + x_lic_error_line(scanned, message) + ": " + plain_error(message));
  }
  GroupDefinition& group = raw.group;
  icalproperty* uid = icalcomponent_get_first_property(event, ICAL_UID_PROPERTY);
  if (!uid || !icalproperty_get_uid(uid) || std::string(icalproperty_get_uid(uid)).empty()) {
    return at_line(scanned.begin_line, "the event has no UID");
  }
  raw.uid = icalproperty_get_uid(uid);
  group.uid = raw.uid;

  icalproperty* dtstart = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
  if (!dtstart) return at_line(scanned.begin_line, "the event has no DTSTART");
  PL_TRY_ASSIGN(start, times.read(icalproperty_get_dtstart(dtstart), tzid_of(dtstart), line_of(scanned, "DTSTART")));
  group.start = start.local;
  group.all_day = start.all_day;
  group.floating = start.floating;
  group.time_zone = start.zone;

  group.duration_minutes = start.all_day ? 1440 : 60;  // RFC 5545: a DATE lasts a day; no end is read as an hour
  if (icalproperty* dtend = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)) {
    const int line = line_of(scanned, "DTEND");
    PL_TRY_ASSIGN(end, times.read(icalproperty_get_dtend(dtend), tzid_of(dtend), line));
    if (end.all_day != start.all_day) return at_line(line, "DTEND and DTSTART must both be dates or both times");
    PL_TRY_ASSIGN(minutes, minutes_between(times.center_zone(), start, end));
    if (minutes < 0) return at_line(line, "the event ends before it starts");
    if (minutes > 0) group.duration_minutes = minutes;
  } else if (icalproperty* duration = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY)) {
    const int seconds = icaldurationtype_as_int(icalproperty_get_duration(duration));
    if (seconds < 0) return at_line(line_of(scanned, "DURATION"), "the DURATION is negative");
    if (seconds >= 60) group.duration_minutes = seconds / 60;
  }

  if (icalproperty* summary = icalcomponent_get_first_property(event, ICAL_SUMMARY_PROPERTY)) {
    group.title = icalproperty_get_summary(summary) ? icalproperty_get_summary(summary) : "";
  }
  if (tidy_spaces(group.title).empty()) group.title = "Untitled group";
  if (icalproperty* description = icalcomponent_get_first_property(event, ICAL_DESCRIPTION_PROPERTY)) {
    group.description = icalproperty_get_description(description) ? icalproperty_get_description(description) : "";
  }
  if (icalproperty* location = icalcomponent_get_first_property(event, ICAL_LOCATION_PROPERTY)) {
    group.room = icalproperty_get_location(location) ? icalproperty_get_location(location) : "";
  }
  if (icalproperty* categories = icalcomponent_get_first_property(event, ICAL_CATEGORIES_PROPERTY)) {
    const std::string all = icalproperty_get_categories(categories) ? icalproperty_get_categories(categories) : "";
    group.category = all.substr(0, all.find(','));
  }
  if (icalproperty* organizer = icalcomponent_get_first_property(event, ICAL_ORGANIZER_PROPERTY)) {
    if (icalparameter* cn = icalproperty_get_first_parameter(organizer, ICAL_CN_PARAMETER)) {
      if (icalparameter_get_cn(cn)) group.facilitator = icalparameter_get_cn(cn);
    }
  }
  if (icalproperty* status = icalcomponent_get_first_property(event, ICAL_STATUS_PROPERTY)) {
    raw.cancelled = icalproperty_get_status(status) == ICAL_STATUS_CANCELLED;
  }
  for (icalproperty* x = icalcomponent_get_first_property(event, ICAL_X_PROPERTY); x;
       x = icalcomponent_get_next_property(event, ICAL_X_PROPERTY)) {
    const std::string name = upper(icalproperty_get_x_name(x) ? icalproperty_get_x_name(x) : "");
    const std::string value = icalproperty_get_x(x) ? icalproperty_get_x(x) : "";
    const int line = line_of(scanned, name);
    if (name == "X-PORCHLIGHT-FACILITATOR") {
      group.facilitator = value;
    } else if (name == "X-PORCHLIGHT-CAPACITY") {
      PL_TRY_ASSIGN(seats, whole_minutes(value, line, "X-PORCHLIGHT-CAPACITY"));
      if (seats < 1) return at_line(line, "X-PORCHLIGHT-CAPACITY must be at least 1");
      group.capacity = seats;
    } else if (name == "X-PORCHLIGHT-LANGUAGE") {
      group.language = value;
    } else if (name == "X-PORCHLIGHT-SENSITIVE") {
      group.sensitive = upper(value) == "TRUE";
    } else if (name == "X-PORCHLIGHT-CHECKIN-BEFORE") {
      PL_TRY_ASSIGN(minutes, whole_minutes(value, line, "X-PORCHLIGHT-CHECKIN-BEFORE"));
      group.check_in.before_minutes = minutes;
    } else if (name == "X-PORCHLIGHT-CHECKIN-AFTER") {
      PL_TRY_ASSIGN(minutes, whole_minutes(value, line, "X-PORCHLIGHT-CHECKIN-AFTER"));
      group.check_in.after_minutes = minutes;
    }
  }

  if (icalproperty* recurrence_id = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY)) {
    PL_TRY_ASSIGN(original, times.read(icalproperty_get_recurrenceid(recurrence_id), tzid_of(recurrence_id),
                                       line_of(scanned, "RECURRENCE-ID")));
    raw.recurrence_id = original.local;
    return raw;  // an exception to one session: its rule parts, if any, are the series'
  }

  int rules = 0;
  for (icalproperty* rrule = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY); rrule;
       rrule = icalcomponent_get_next_property(event, ICAL_RRULE_PROPERTY)) {
    const int line = line_of(scanned, "RRULE", rules);
    if (++rules > 1) return at_line(line, "more than one RRULE in one event");
    icalrecurrencetype rule = icalproperty_get_rrule(rrule);
    if (rule.freq == ICAL_NO_RECURRENCE) return at_line(line, "the RRULE has no FREQ");
    if (!icaltime_is_null_time(rule.until) && !rule.until.is_date && icaltime_is_utc(rule.until)) {
      // UNTIL is UTC when DTSTART has a zone; the rule is expanded in a wall clock (the event's own zone, or
      // the center's), so UNTIL is kept in that wall clock.
      const time_t seconds = icaltime_as_timet(rule.until);
      PL_TRY_ASSIGN(until, utc_to_local(group.time_zone.empty() ? times.center_zone() : group.time_zone,
                                        static_cast<Millis>(seconds) * 1000));
      rule.until = to_ical(until, false);
    }
    char* text = icalrecurrencetype_as_string_r(&rule);
    if (!text) return at_line(line, "the RRULE cannot be read");
    group.rrule = text;
    icalmemory_free_buffer(text);
    if (auto checked = normalize_rrule(group.rrule); !checked) {
      return at_line(line, checked.error().message + " (event '" + raw.uid + "')");
    }
  }
  int index = 0;
  for (icalproperty* rdate = icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY); rdate;
       rdate = icalcomponent_get_next_property(event, ICAL_RDATE_PROPERTY), ++index) {
    const icaldatetimeperiodtype value = icalproperty_get_rdate(rdate);
    const icaltimetype time = icaltime_is_null_time(value.time) ? value.period.start : value.time;
    PL_TRY_ASSIGN(extra, times.read(time, tzid_of(rdate), line_of(scanned, "RDATE", index)));
    group.rdates.push_back(extra.local);
  }
  index = 0;
  for (icalproperty* exdate = icalcomponent_get_first_property(event, ICAL_EXDATE_PROPERTY); exdate;
       exdate = icalcomponent_get_next_property(event, ICAL_EXDATE_PROPERTY), ++index) {
    PL_TRY_ASSIGN(excluded, times.read(icalproperty_get_exdate(exdate), tzid_of(exdate),
                                       line_of(scanned, "EXDATE", index)));
    LocalDateTime time = excluded.local;
    if (excluded.all_day && !group.all_day) {
      // EXDATE;VALUE=DATE on a timed series removes that day's session.
      time.hour = group.start.hour;
      time.minute = group.start.minute;
      time.second = group.start.second;
    }
    group.exdates.push_back(time);
  }
  return raw;
}

}  // namespace

Result<std::vector<ImportedGroup>> parse_ics(std::string_view text, const std::string& center_zone) {
  if (!known_zone(center_zone)) return make_error("unknown time zone '" + center_zone + "'");
  if (text.size() > 16 * 1024 * 1024) return make_error("the calendar file is larger than 16 MB");
  PL_TRY_ASSIGN(scanned, scan(text));
  const std::string owned(text.substr(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0));
  ComponentPtr calendar(icalparser_parse_string(owned.c_str()));
  icalerror_clear_errno();
  if (!calendar || icalcomponent_isa(calendar.get()) != ICAL_VCALENDAR_COMPONENT) {
    return make_error("line 1: the file is not an iCalendar VCALENDAR");
  }
  for (icalcomponent* zone = icalcomponent_get_first_component(calendar.get(), ICAL_VTIMEZONE_COMPONENT); zone;
       zone = icalcomponent_get_next_component(calendar.get(), ICAL_VTIMEZONE_COMPONENT)) {
    if (icalcomponent_count_errors(zone) > 0) return make_error("line 1: a VTIMEZONE in the file cannot be read");
  }
  TimeReader times(calendar.get(), center_zone);

  std::vector<RawEvent> raws;
  std::size_t index = 0;
  for (icalcomponent* event = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT); event;
       event = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT), ++index) {
    if (index >= scanned.events.size()) return make_error("line 1: the events of the file cannot be told apart");
    PL_TRY_ASSIGN(raw, read_event(event, scanned.events[index], times));
    raws.push_back(std::move(raw));
  }
  if (index != scanned.events.size()) return make_error("line 1: the events of the file cannot be told apart");

  std::vector<ImportedGroup> groups;
  std::map<std::string, std::size_t> by_uid;
  for (const auto& raw : raws) {
    if (raw.recurrence_id) continue;
    if (by_uid.count(raw.uid)) {
      return at_line(raw.scanned->begin_line, "a second event with the UID '" + raw.uid + "'");
    }
    auto checked = checked_definition(raw.group);
    if (!checked) return at_line(raw.scanned->begin_line, checked.error().message);
    by_uid.emplace(raw.uid, groups.size());
    groups.push_back(ImportedGroup{*checked, raw.cancelled, {}, raw.scanned->begin_line});
  }
  for (const auto& raw : raws) {
    if (!raw.recurrence_id) continue;
    const int line = line_of(*raw.scanned, "RECURRENCE-ID");
    const auto found = by_uid.find(raw.uid);
    if (found == by_uid.end()) return at_line(line, "a RECURRENCE-ID for '" + raw.uid + "', which has no series");
    ImportedGroup& series = groups[found->second];
    SessionOverride change;
    change.occurrence = *raw.recurrence_id;
    if (series.group.all_day) change.occurrence.hour = change.occurrence.minute = change.occurrence.second = 0;
    change.cancelled = raw.cancelled;
    if (raw.group.start != change.occurrence) change.start = raw.group.start;
    if (raw.group.duration_minutes != series.group.duration_minutes) change.duration_minutes = raw.group.duration_minutes;
    if (raw.group.room != series.group.room) change.room = raw.group.room;
    for (const auto& existing : series.overrides) {
      if (existing.occurrence == change.occurrence) return at_line(line, "a second change to the same session");
    }
    series.overrides.push_back(std::move(change));
  }
  for (auto& group : groups) std::sort(group.overrides.begin(), group.overrides.end());
  return groups;
}

}  // namespace porchlight::formats
