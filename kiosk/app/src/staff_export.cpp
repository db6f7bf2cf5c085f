// Staff mode's CSV exports to the configured folder (a USB stick): the shown day (attendance and summary) and its
// month (unduplicated people, group attendance, referrals by category and outcome). Each file is written to a
// temporary name in the folder, synced, then renamed, with mode 0600, so a pulled stick never holds half a file under
// the real name. Every export is audited.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "porchlight/app/staff_pages.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/reports.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

namespace fs = std::filesystem;

namespace {

struct ExportFile {
  std::string name;
  std::string content;
};

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) return false;
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// Writes `content` to a fresh temporary file in `dir`; its path, or empty when it could not be written (nothing left).
fs::path write_temporary(const fs::path& dir, const ExportFile& file) {
  std::string pattern = (dir / ("." + file.name + ".XXXXXX")).string();
  const int fd = ::mkstemp(pattern.data());  // created 0600
  if (fd < 0) return {};
  const bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0 && write_all(fd, file.content) && ::fsync(fd) == 0;
  if (::close(fd) != 0 || !ok) {
    ::unlink(pattern.c_str());
    return {};
  }
  return pattern;
}

// All files or none: temporaries first, then the renames (a failed rename takes back the ones already done).
bool write_files(const fs::path& dir, const std::vector<ExportFile>& files, std::vector<fs::path>& written) {
  std::vector<fs::path> temporaries;
  for (const auto& file : files) {
    fs::path temporary = write_temporary(dir, file);
    if (temporary.empty()) {
      for (const auto& done : temporaries) ::unlink(done.c_str());
      return false;
    }
    temporaries.push_back(std::move(temporary));
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    const fs::path target = dir / files[i].name;
    if (::rename(temporaries[i].c_str(), target.c_str()) != 0) {
      for (std::size_t j = i; j < temporaries.size(); ++j) ::unlink(temporaries[j].c_str());
      for (const auto& done : written) ::unlink(done.c_str());
      written.clear();
      return false;
    }
    written.push_back(target);
  }
  if (const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dir_fd >= 0) {
    ::fsync(dir_fd);  // the renames themselves reach the stick
    ::close(dir_fd);
  }
  return true;
}

std::string two_digits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

}  // namespace

// Exports take full names off the kiosk, so they are for admins; the buttons are disabled for peers, and this
// checks again against the database (the role may have changed since sign-in).
static bool admin_may_export(core::Store& store, const std::string& staff_id, StaffNotice& notice) {
  if (auto allowed = core::require_admin(store, staff_id); !allowed) {
    notice = {"staff.export_admin_only", "", "", true};
    return false;
  }
  return true;
}

// Writes the files, then audits; an export that cannot be audited is taken back. Says what happened in staff_.notice.
static void export_files(core::Store& store, const fs::path& dir, const std::string& staff_id, const char* action,
                         const std::string& subject, const std::vector<ExportFile>& files, StaffNotice& notice) {
  std::error_code error;
  if (dir.empty() || !fs::is_directory(dir, error)) {
    notice = {"staff.export_no_folder", "", "", true};
    return;
  }
  std::vector<fs::path> written;
  if (!write_files(dir, files, written)) {
    notice = {"staff.export_failed", dir.string(), "", true};
    return;
  }
  std::string names;
  for (const auto& file : files) names += (names.empty() ? "" : ",") + file.name;
  if (auto audited = core::record_audit(store, staff_id, action, subject, names); !audited) {
    log::error(audited.error().message);
    for (const auto& path : written) ::unlink(path.c_str());
    notice = {"error.generic", "", "", true};
    return;
  }
  std::string others;  // the files beside the first, by name
  for (std::size_t i = 1; i < written.size(); ++i) others += (others.empty() ? "" : ", ") + written[i].filename().string();
  notice = {written.size() > 1 ? "staff.export_saved_two" : "staff.export_saved", written.front().string(), others,
            false};
}

void StaffDayPage::export_day(PageContext& context) {
  StaffSession& staff_ = context.staff;
  core::Store& store_ = context.store;
  if (!staff_.member || !staff_.report) return;
  if (!admin_may_export(store_, staff_.member->id, staff_.notice)) return;
  const std::string date = staff_.date.iso();
  export_files(store_, context.options.export_dir, staff_.member->id, "export.daily.csv", date,
               {{"attendance-" + date + ".csv", core::daily_attendance_csv(*staff_.report, ui::tr("staff.guest", context.language()))},
                {"summary-" + date + ".csv", core::daily_summary_csv(*staff_.report)}},
               staff_.notice);
}

void StaffDayPage::export_month(PageContext& context) {
  StaffSession& staff_ = context.staff;
  core::Store& store_ = context.store;
  if (!staff_.member) return;
  if (!admin_may_export(store_, staff_.member->id, staff_.notice)) return;
  const std::string month = std::to_string(staff_.date.year) + "-" + two_digits(staff_.date.month);
  auto report = core::period_attendance(store_, core::month_of(staff_.date.year, staff_.date.month));
  if (!report) {
    context.staff_fail(report.error());
    return;
  }
  auto groups = core::group_attendance_for_month(store_, staff_.date.year, staff_.date.month);
  if (!groups) {
    context.staff_fail(groups.error());
    return;
  }
  auto referrals = core::referral_report(store_, core::month_of(staff_.date.year, staff_.date.month));
  if (!referrals) {
    context.staff_fail(referrals.error());
    return;
  }
  export_files(store_, context.options.export_dir, staff_.member->id, "export.month.csv", month,
               {{"unduplicated-" + month + ".csv", core::period_attendance_csv(report.value())},
                {"groups-" + month + ".csv", core::group_attendance_csv(groups.value())},
                {"referrals-" + month + ".csv", core::referral_report_csv(referrals.value())}},
               staff_.notice);
}

}  // namespace porchlight::app
