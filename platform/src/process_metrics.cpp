#include "porchlight/platform/process_metrics.hpp"

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace porchlight::platform {

double seconds_since_exec() {
  constexpr int kStartTimeField = 22;
  std::ifstream stat_file("/proc/self/stat");
  std::string stat_line;
  std::getline(stat_file, stat_line);
  // Fields after the ")" that closes the command name are space-separated; the first of them is field 3.
  std::istringstream fields(stat_line.substr(stat_line.rfind(')') + 2));
  std::string field;
  unsigned long long start_ticks = 0;
  for (int number = 3; number <= kStartTimeField && fields >> field; ++number) {
    if (number == kStartTimeField) start_ticks = std::stoull(field);
  }
  timespec boot_now{};
  clock_gettime(CLOCK_BOOTTIME, &boot_now);  // starttime counts from boot, suspend included
  const double now_seconds = static_cast<double>(boot_now.tv_sec) + static_cast<double>(boot_now.tv_nsec) * 1e-9;
  return now_seconds - static_cast<double>(start_ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string proc_status_line(std::string_view key) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with(key)) {
      for (char& character : line) {
        if (character == '\t') character = ' ';
      }
      return line;
    }
  }
  return std::string(key) + " unknown";
}

long status_kilobytes(std::string_view key) {
  const std::string line = proc_status_line(key);
  const auto digits = line.find_first_of("0123456789", key.size());
  if (digits == std::string::npos) return -1;
  return std::strtol(line.c_str() + digits, nullptr, 10);
}

double cpu_seconds_used() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& time) {
    return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace porchlight::platform
