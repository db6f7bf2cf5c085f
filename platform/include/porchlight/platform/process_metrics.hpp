#pragma once
// Start-up time, memory and CPU of this process, from /proc and getrusage.

#include <string>
#include <string_view>

namespace porchlight::platform {

// Since the kernel started the process (exec), so dynamic loading counts too. 10 ms resolution (clock ticks).
[[nodiscard]] double seconds_since_exec();

// A line of /proc/self/status such as "VmRSS:   98976 kB".
[[nodiscard]] std::string proc_status_line(std::string_view key);

// The number of a /proc/self/status line in kB ("VmRSS", "VmHWM"), or -1 when it cannot be read.
[[nodiscard]] long status_kilobytes(std::string_view key);

// User + system CPU time used so far, all threads.
[[nodiscard]] double cpu_seconds_used();

}  // namespace porchlight::platform
