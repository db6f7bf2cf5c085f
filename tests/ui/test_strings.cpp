#include <set>

#include <doctest/doctest.h>

#include "porchlight/core/schedule.hpp"
#include "porchlight/ui/format.hpp"
#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/strings.hpp"
#include "porchlight/ui/theme.hpp"

namespace ui = porchlight::ui;

namespace {

std::set<std::string> placeholders(const std::string& text) {
  // "{name}" and the like. (Not std::regex: GCC 12 warns inside it under the sanitizers.)
  std::set<std::string> found;
  for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const auto close = text.find('}', open);
    if (close == std::string::npos) break;
    found.insert(text.substr(open, close - open + 1));
  }
  return found;
}

}  // namespace

TEST_CASE("strings: every language file has every key of en.json, with the same placeholders, and no other") {
  const auto keys = ui::string_keys();
  CHECK(keys.size() > 50);
  const auto codes = ui::language_codes();
  CHECK(codes.size() >= 2);
  for (const auto& code : codes) {
    CAPTURE(code);
    for (const auto& key : keys) {
      CAPTURE(key);
      const std::string* text = ui::find_text(code, key);
      REQUIRE(text != nullptr);
      CHECK_FALSE(text->empty());
      CHECK(placeholders(*text) == placeholders(*ui::find_text("en", key)));
    }
    CHECK(ui::string_keys(code) == keys);
  }
  CHECK_FALSE(ui::tr("top.crisis", ui::Language::English).empty());
  CHECK(ui::tr("top.crisis", ui::Language::Spanish) == *ui::find_text("es", "top.crisis"));
}

TEST_CASE("strings: formatting fills placeholders") {
  CHECK(ui::tr_format("done.heading_named", ui::Language::English, {{"name", "Maria"}}) == "Welcome, Maria!");
  CHECK(ui::tr_format("done.heading_named", ui::Language::Spanish, {{"name", "María"}}) == "¡Qué gusto verle, María!");
}

TEST_CASE("keyboard: UTF-8 editing and capitals") {
  std::string text = "Muñoz ñ";
  ui::erase_last_character(text);
  CHECK(text == "Muñoz ");
  CHECK(ui::character_count("Muñoz") == 5);
  CHECK(ui::to_upper_letter("ñ") == "Ñ");
  CHECK(ui::to_upper_letter("á") == "Á");
  CHECK(ui::to_upper_letter("q") == "Q");
}

TEST_CASE("theme: every text colour meets WCAG AA on its background") {
  const ui::Palette p;
  const std::pair<ui::Rgb, ui::Rgb> pairs[] = {
      {p.text, p.background},      {p.muted_text, p.background},  {p.text, p.surface},
      {p.muted_text, p.surface},   {p.on_primary, p.primary},     {p.on_primary, p.primary_pressed},
      {p.text, p.secondary},       {p.text, p.secondary_pressed}, {p.on_crisis, p.crisis}, {p.success_text, p.background}, {p.success_text, p.surface},
      {p.on_top_bar, p.top_bar},   {p.error_text, p.background},  {p.text, p.banner},
      {p.on_disabled, p.disabled}, {p.on_primary, p.selected},    {p.text, p.secondary}};
  for (const auto& [fore, back] : pairs) CHECK(ui::contrast_ratio(fore, back) >= 4.5);
}

TEST_CASE("theme: touch targets are at least 64 px at scale 1 and grow with the text") {
  CHECK(ui::Metrics::from_font_size(22.0f, 1.0f).touch_target >= 64.0f);
  CHECK(ui::Metrics::from_font_size(14.0f, 1.0f).touch_target >= 64.0f);
  CHECK(ui::Metrics::from_font_size(30.8f, 1.0f).touch_target > ui::Metrics::from_font_size(22.0f, 1.0f).touch_target);
}

namespace {

porchlight::core::ScheduleRule hours_rule(std::string freq, std::string interval, std::string byday,
                                          std::string bymonthday, std::string opens, std::string closes) {
  porchlight::core::ScheduleFields fields;
  fields.freq = std::move(freq);
  fields.interval = std::move(interval);
  fields.byday = std::move(byday);
  fields.bymonthday = std::move(bymonthday);
  fields.opens_at = std::move(opens);
  fields.closes_at = std::move(closes);
  fields.dtstart = "2026-03-04";
  auto rule = porchlight::core::parse_schedule(fields);
  REQUIRE(rule.ok());
  return rule.value();
}

}  // namespace

TEST_CASE("format: opening hours in English read as core's English lines - in Spanish, with Spanish words") {
  namespace core = porchlight::core;
  const std::vector<std::vector<core::ScheduleRule>> cases{
      {hours_rule("WEEKLY", "", "MO,TU,WE,TH,FR", "", "09:00", "17:00"), hours_rule("WEEKLY", "", "SA", "", "", ""),
       hours_rule("WEEKLY", "", "SU", "", "12:00", "15:00")},
      {hours_rule("WEEKLY", "", "MO,TU,WE,TH,FR,SA,SU", "", "19:00", "07:00")},
      {hours_rule("WEEKLY", "", "MO,WE,FR", "", "09:00", "12:00"), hours_rule("WEEKLY", "", "MO", "", "09:00", "17:00"),
       hours_rule("WEEKLY", "", "MO", "", "09:00", "10:00")},
      {hours_rule("MONTHLY", "", "2TU,-1FR", "", "18:00", "20:00"), hours_rule("MONTHLY", "", "", "1,-1", "", ""),
       hours_rule("MONTHLY", "", "", "", "10:00", "11:00"), hours_rule("MONTHLY", "", "4TH", "", "10:00", "24:00")},
      {hours_rule("WEEKLY", "2", "WE", "", "10:00", "12:00"), hours_rule("DAILY", "3", "", "", "08:00", "09:00")}};
  for (const auto& rules : cases) {
    const auto english = ui::opening_hours_text(ui::Language::English, core::opening_hours(rules));
    CHECK(english == core::hours_lines(rules));
  }
  CHECK(ui::opening_hours_text(ui::Language::Spanish, core::opening_hours(cases[0])) ==
        std::vector<std::string>{"lun-vie 09:00-17:00", "sáb Todo el día", "dom 12:00-15:00"});
  CHECK(ui::opening_hours_text(ui::Language::Spanish, core::opening_hours(cases[1])) ==
        std::vector<std::string>{"Todos los días 19:00-07:00"});
}

TEST_CASE("format: the 12-hour clock and dates in both languages") {
  CHECK(ui::clock_text(ui::Language::English, 18 * 60 + 5) == "6:05 PM");
  CHECK(ui::clock_text(ui::Language::English, 0) == "12:00 AM");
  CHECK(ui::clock_text(ui::Language::English, 12 * 60) == "12:00 PM");
  CHECK(ui::clock_text(ui::Language::Spanish, 9 * 60 + 30) == "9:30 a. m.");
  CHECK(ui::clock_text(ui::Language::English, 24 * 60 + 30) == "12:30 AM");
  const porchlight::core::LocalDate date{2026, 11, 24};
  CHECK(ui::date_text(ui::Language::English, date) == "Tuesday, November 24");
  CHECK(ui::date_text(ui::Language::Spanish, date) == "martes 24 de noviembre");
  CHECK(ui::month_day_text(ui::Language::English, date) == "November 24");
  CHECK(ui::month_day_text(ui::Language::Spanish, date) == "24 de noviembre");
}
