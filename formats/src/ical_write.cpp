// iCalendar writing: libical serialises a VCALENDAR with a VTIMEZONE for the center's zone.
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

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

icalproperty* with_time_zone(icalproperty* property, bool all_day, bool floating, const std::string& zone) {
  if (!all_day && !floating) icalproperty_add_parameter(property, icalparameter_new_tzid(zone.c_str()));
  return property;
}

icalproperty* x_property(const char* name, const std::string& value) {
  icalproperty* property = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(property, name);
  return property;
}

Result<LocalDateTime> end_of(const std::string& zone, const LocalDateTime& start, int minutes, bool all_day) {
  if (all_day) return LocalDateTime{start.date.plus_days(std::max(1, minutes / 1440)), 0, 0, 0};
  PL_TRY_ASSIGN(instant, local_to_utc(zone, start));
  return utc_to_local(zone, instant + static_cast<Millis>(minutes) * 60'000);
}

icaltimetype utc_ical(Millis instant) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(instant / 1000), 0, icaltimezone_get_utc_timezone());
}

// A VTIMEZONE for the center's zone from the system's tz data, cut to the years the calendar needs.
icalcomponent* time_zone_component(const std::string& zone_name, int first_year) {
  icaltimezone* zone = icaltimezone_get_builtin_timezone(zone_name.c_str());
  if (!zone) return nullptr;
  icalcomponent* source = icaltimezone_get_component(zone);
  if (!source) return nullptr;
  icalcomponent* copy = icalcomponent_new_clone(source);
  icaltimetype from = icaltime_null_time();
  from.year = first_year;
  from.month = 1;
  from.day = 1;
  from.zone = icaltimezone_get_utc_timezone();
  icaltimezone_truncate_vtimezone(copy, from, icaltime_null_time(), 0);
  if (icalproperty* tzid = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY)) {
    icalproperty_set_tzid(tzid, zone_name.c_str());
  }
  return copy;
}

Result<void> add_event(icalcomponent* calendar, const ExportedGroup& exported, const std::string& zone,
                       Millis stamp) {
  const Group& group = exported.group;
  // Times are kept in the center's wall clock; a group that repeats in a zone of its own is written in that zone,
  // so that a calendar program (and our own import) repeats it there too.
  const bool own_zone = !group.time_zone.empty() && group.time_zone != zone && !group.all_day && !group.floating;
  const std::string& tzid = own_zone ? group.time_zone : zone;
  auto in_own = [&](const LocalDateTime& local) -> Result<LocalDateTime> {
    if (!own_zone) return local;
    PL_TRY_ASSIGN(instant, local_to_utc(zone, local));
    return utc_to_local(group.time_zone, instant);
  };
  auto time = [&](const LocalDateTime& local) { return to_ical(local, group.all_day); };
  auto common = [&](icalcomponent* event, const std::string& room) {
    icalcomponent_add_property(event, icalproperty_new_uid(group.uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(utc_ical(stamp)));
    icalcomponent_add_property(event, icalproperty_new_summary(group.title.c_str()));
    if (!group.description.empty()) {
      icalcomponent_add_property(event, icalproperty_new_description(group.description.c_str()));
    }
    if (!room.empty()) icalcomponent_add_property(event, icalproperty_new_location(room.c_str()));
  };
  ComponentPtr event(icalcomponent_new_vevent());
  common(event.get(), group.room);
  PL_TRY_ASSIGN(own_start, in_own(group.start));
  icalcomponent_add_property(event.get(), with_time_zone(icalproperty_new_dtstart(time(own_start)), group.all_day,
                                                         group.floating, tzid));
  PL_TRY_ASSIGN(end, end_of(zone, group.start, group.duration_minutes, group.all_day));
  PL_TRY_ASSIGN(own_end, in_own(end));
  icalcomponent_add_property(event.get(),
                             with_time_zone(icalproperty_new_dtend(time(own_end)), group.all_day, group.floating, tzid));
  if (!group.rrule.empty()) {
    PL_TRY_ASSIGN(rule, parse_rrule(group.rrule));
    if (!icaltime_is_null_time(rule.until) && !rule.until.is_date && !group.floating && !group.all_day) {
      const auto until = from_ical(rule.until);
      if (until) {
        PL_TRY_ASSIGN(instant, local_to_utc(tzid, *until));  // kept in the wall clock the rule repeats in
        rule.until = utc_ical(instant);
      }
    }
    icalcomponent_add_property(event.get(), icalproperty_new_rrule(rule));
  }
  for (const auto& center_extra : group.rdates) {
    PL_TRY_ASSIGN(extra, in_own(center_extra));
    icaldatetimeperiodtype value;
    value.time = time(extra);
    value.period = icalperiodtype_null_period();
    icalproperty* rdate = icalproperty_new_rdate(value);
    if (group.all_day) icalproperty_add_parameter(rdate, icalparameter_new_value(ICAL_VALUE_DATE));
    icalcomponent_add_property(event.get(), with_time_zone(rdate, group.all_day, group.floating, tzid));
  }
  for (const auto& center_excluded : group.exdates) {
    PL_TRY_ASSIGN(excluded, in_own(center_excluded));
    icalproperty* exdate = icalproperty_new_exdate(time(excluded));
    icalcomponent_add_property(event.get(), with_time_zone(exdate, group.all_day, group.floating, tzid));
  }
  if (!group.category.empty()) icalcomponent_add_property(event.get(), icalproperty_new_categories(group.category.c_str()));
  if (group.cancelled) icalcomponent_add_property(event.get(), icalproperty_new_status(ICAL_STATUS_CANCELLED));
  if (!group.facilitator.empty()) {
    icalcomponent_add_property(event.get(), x_property("X-PORCHLIGHT-FACILITATOR", group.facilitator));
  }
  if (group.capacity) {
    icalcomponent_add_property(event.get(), x_property("X-PORCHLIGHT-CAPACITY", std::to_string(*group.capacity)));
  }
  icalcomponent_add_property(event.get(), x_property("X-PORCHLIGHT-LANGUAGE", group.language));
  if (group.sensitive) icalcomponent_add_property(event.get(), x_property("X-PORCHLIGHT-SENSITIVE", "TRUE"));
  icalcomponent_add_property(event.get(), x_property("X-PORCHLIGHT-CHECKIN-BEFORE",
                                                     std::to_string(group.check_in.before_minutes)));
  icalcomponent_add_property(event.get(), x_property("X-PORCHLIGHT-CHECKIN-AFTER",
                                                     std::to_string(group.check_in.after_minutes)));
  icalcomponent_add_component(calendar, event.release());

  for (const auto& change : exported.overrides) {
    ComponentPtr exception(icalcomponent_new_vevent());
    common(exception.get(), change.room.value_or(group.room));
    PL_TRY_ASSIGN(own_occurrence, in_own(change.occurrence));
    icalcomponent_add_property(exception.get(), with_time_zone(icalproperty_new_recurrenceid(time(own_occurrence)),
                                                               group.all_day, group.floating, tzid));
    const LocalDateTime start = change.start.value_or(change.occurrence);
    PL_TRY_ASSIGN(own_exception_start, in_own(start));
    icalcomponent_add_property(exception.get(), with_time_zone(icalproperty_new_dtstart(time(own_exception_start)),
                                                               group.all_day, group.floating, tzid));
    PL_TRY_ASSIGN(exception_end, end_of(zone, start, change.duration_minutes.value_or(group.duration_minutes),
                                        group.all_day));
    PL_TRY_ASSIGN(own_exception_end, in_own(exception_end));
    icalcomponent_add_property(exception.get(), with_time_zone(icalproperty_new_dtend(time(own_exception_end)),
                                                               group.all_day, group.floating, tzid));
    if (change.cancelled) icalcomponent_add_property(exception.get(), icalproperty_new_status(ICAL_STATUS_CANCELLED));
    icalcomponent_add_component(calendar, exception.release());
  }
  return {};
}

}  // namespace

Result<std::string> write_ics(const std::vector<ExportedGroup>& groups, const std::string& center_zone, Millis stamp) {
  if (!known_zone(center_zone)) return make_error("unknown time zone '" + center_zone + "'");
  ComponentPtr calendar(icalcomponent_new_vcalendar());
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//Porchlight//Group calendar//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  int first_year = 9999;
  std::set<std::string> zones;  // the center's, and those groups repeat in
  for (const auto& exported : groups) {
    if (exported.group.all_day || exported.group.floating) continue;
    zones.insert(exported.group.time_zone.empty() ? center_zone : exported.group.time_zone);
    first_year = std::min(first_year, exported.group.start.date.year);
  }
  for (const auto& zone_name : zones) {
    if (icalcomponent* zone = time_zone_component(zone_name, std::max(1900, first_year - 1))) {
      icalcomponent_add_component(calendar.get(), zone);
    }
  }
  for (const auto& exported : groups) PL_TRY(add_event(calendar.get(), exported, center_zone, stamp));
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  if (!text) return make_error("the calendar could not be written");
  std::string out(text);
  icalmemory_free_buffer(text);
  icalerror_clear_errno();
  return out;
}

}  // namespace porchlight::formats
