// A group's definition checked and tidied the same way wherever it comes from: the staff's form, an .ics file.
#include <algorithm>

#include "porchlight/formats/calendar_rules.hpp"
#include "porchlight/formats/text.hpp"

namespace porchlight::formats {

Result<std::string> clean_text(const std::string& text, const char* what, bool required, std::size_t max_points,
                               bool multiline) {
  if (!is_valid_utf8(text)) return make_error(std::string("the ") + what + " is not valid UTF-8 text");
  std::string tidy = multiline ? text : tidy_spaces(text);
  if (multiline) {
    while (!tidy.empty() && (tidy.back() == ' ' || tidy.back() == '\n' || tidy.back() == '\r')) tidy.pop_back();
  }
  tidy = normalize_nfc(tidy);
  if (required && tidy.empty()) return make_error(std::string("the group needs a ") + what);
  if (!multiline && has_control_characters(tidy)) return make_error(std::string("the ") + what + " has control characters");
  if (code_point_count(tidy) > max_points) {
    return make_error(std::string("the ") + what + " is longer than " + std::to_string(max_points) + " characters");
  }
  return tidy;
}

Result<GroupDefinition> checked_definition(const GroupDefinition& group) {
  GroupDefinition clean = group;
  PL_TRY_ASSIGN(title, clean_text(group.title, "title", true, 120));
  PL_TRY_ASSIGN(description, clean_text(group.description, "description", false, 4000, true));
  PL_TRY_ASSIGN(facilitator, clean_text(group.facilitator, "facilitator", false, 120));
  PL_TRY_ASSIGN(room, clean_text(group.room, "room", false, 120));
  PL_TRY_ASSIGN(category, clean_text(group.category, "category", false, 60));
  PL_TRY_ASSIGN(language, clean_text(group.language.empty() ? std::string("en") : group.language, "language", true, 20));
  clean.title = title;
  clean.description = description;
  clean.facilitator = facilitator;
  clean.room = room;
  clean.category = category;
  clean.language = language;
  if (clean.uid.size() > 255 || has_control_characters(clean.uid) || !is_valid_utf8(clean.uid)) {
    return make_error("the group's UID is not usable (255 printable characters at most)");
  }
  if (group.capacity && (*group.capacity < 1 || *group.capacity > 10000)) {
    return make_error("a group's capacity is a number of seats from 1 to 10000");
  }
  if (group.duration_minutes < 1 || group.duration_minutes > kMaxDurationMinutes) {
    return make_error("a session lasts from 1 minute to 14 days");
  }
  if (group.check_in.before_minutes < 0 || group.check_in.before_minutes > kMaxWindowMinutes ||
      group.check_in.after_minutes < 0 || group.check_in.after_minutes > kMaxWindowMinutes) {
    return make_error("the check-in window reaches at most 24 hours either side of the start");
  }
  if (!group.time_zone.empty() && !known_zone(group.time_zone)) {
    return make_error("unknown time zone '" + group.time_zone + "'");
  }
  if (group.all_day || group.floating) clean.time_zone.clear();
  if (group.start.date.year < 1900 || group.start.date.year > 2200) {
    return make_error("the group's first session must be between the years 1900 and 2200");
  }
  if (group.all_day) {
    clean.start.hour = clean.start.minute = clean.start.second = 0;
    for (auto& time : clean.rdates) time.hour = time.minute = time.second = 0;
    for (auto& time : clean.exdates) time.hour = time.minute = time.second = 0;
    clean.duration_minutes = std::max(1, (group.duration_minutes + 1439) / 1440) * 1440;
  }
  if (!group.rrule.empty()) {
    PL_TRY_ASSIGN(normal, normalize_rrule(group.rrule));
    clean.rrule = normal;
  }
  auto tidy = [](std::vector<LocalDateTime>& times) {
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
  };
  tidy(clean.rdates);
  tidy(clean.exdates);
  return clean;
}

}  // namespace porchlight::formats
