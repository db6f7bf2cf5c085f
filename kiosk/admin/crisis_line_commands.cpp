// crisis-lines list | add | remove
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "porchlight/core/crisis_lines.hpp"
#include "text_table.hpp"

namespace porchlight::admin {

namespace {

int run_list(const Context& context) {
  auto store = context.open();
  const auto lines = expect(core::list_crisis_lines(*store));
  std::cout << "988 Suicide & Crisis Lifeline (always shown first)\n";
  if (lines.empty()) {
    std::cout << "No local crisis lines yet (add the center's with 'porchlight-admin crisis-lines add').\n";
    return 0;
  }
  TextTable table({"#", "Label", "Label (Spanish)", "Number"}, {TextTable::Align::Right});
  for (std::size_t i = 0; i < lines.size(); ++i) {
    table.add_row({std::to_string(i + 1), lines[i].label_en, lines[i].label_es, lines[i].number});
  }
  table.print(std::cout);
  return 0;
}

int run_add(const Context& context, const core::CrisisLine& line) {
  // Checked before the database is opened, so a bad line changes nothing.
  if (auto problem = core::crisis_line_problem(line); !problem.empty()) usage_error(problem);
  auto store = context.open();
  auto lines = expect(core::list_crisis_lines(*store));
  if (lines.size() >= core::kMaxCrisisLines) {
    failure("the crisis screen has room for " + std::to_string(core::kMaxCrisisLines) +
            " local lines; remove one first (see 'porchlight-admin crisis-lines list')");
  }
  lines.push_back(line);
  expect(core::set_crisis_lines(*store, lines));
  std::cout << "Added " << line.label_en << " (" << line.number << "); the kiosk shows it the next time its crisis "
            << "screen opens.\n";
  return 0;
}

int run_remove(const Context& context, int position) {
  if (position < 1) usage_error("the line to remove is a number from 'porchlight-admin crisis-lines list'");
  auto store = context.open();
  auto lines = expect(core::list_crisis_lines(*store));
  const auto index = static_cast<std::size_t>(position - 1);
  if (index >= lines.size()) {
    failure("there is no crisis line " + std::to_string(position) + " (there are " + std::to_string(lines.size()) +
            "; see 'porchlight-admin crisis-lines list')");
  }
  const auto removed = lines[index];
  lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(index));
  expect(core::set_crisis_lines(*store, lines));
  std::cout << "Removed " << removed.label_en << " (" << removed.number << ").\n";
  return 0;
}

}  // namespace

void add_crisis_line_commands(CLI::App& root, Context& context, CommandTable& table) {
  auto* group = root.add_subcommand("crisis-lines", "The center's own crisis lines, shown under 988 (audited)");
  group->require_subcommand(1);
  {
    auto* list = group->add_subcommand("list", "Show the lines the crisis screen shows, in order");
    table.add(list, [&context] { return run_list(context); });
  }
  {
    auto line = std::make_shared<core::CrisisLine>();
    auto* add = group->add_subcommand("add", "Add a line at the end of the list");
    add->add_option("--label", line->label_en, "What people call it, in English: \"County crisis line\"")->required();
    add->add_option("--label-es", line->label_es, "The same in Spanish (the English label shows when empty)");
    add->add_option("--number", line->number, "As people dial or text it: \"(555) 010-0143\"")->required();
    table.add(add, [&context, line] { return run_add(context, *line); });
  }
  {
    auto position = std::make_shared<int>(0);
    auto* remove = group->add_subcommand("remove", "Remove a line by its number in 'crisis-lines list'");
    remove->add_option("position", *position, "Its number in the list")->required();
    table.add(remove, [&context, position] { return run_remove(context, *position); });
  }
}

}  // namespace porchlight::admin
