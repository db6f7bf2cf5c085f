#pragma once
// Start-up time, memory and CPU of this process, from /proc and getrusage.

#include <string>
#include <string_view>

namespace porchlight::smoke {

// Since the kernel started the process (exec), so dynamic loading counts too. 10 ms resolution (clock ticks).
[[nodiscard]] double seconds_since_exec();

// A line of /proc/self/status such as "VmRSS:   98976 kB".
[[nodiscard]] std::string proc_status_line(std::string_view key);

// User + system CPU time used so far, all threads.
[[nodiscard]] double cpu_seconds_used();

}  // namespace porchlight::smoke
