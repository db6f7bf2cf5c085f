#pragma once
// Files that hold people's records (databases, exports, the device token's config) are readable by their owner
// only, whatever the umask. SQLite gives a database's -wal, -shm and -journal files the mode of the database
// file itself, so making the database 0600 before SQLite first opens it covers them too.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include "porchlight/result.hpp"

namespace porchlight {

// What an errno from creating or opening a file means to staff: free space, or look at the disk (a failing disk
// is often remounted read-only by the kernel, hence EROFS).
inline ErrorKind error_kind_of_errno(int number) {
  if (number == ENOSPC || number == EDQUOT) return ErrorKind::disk_full;
  if (number == EIO || number == EROFS) return ErrorKind::io_error;
  return ErrorKind::other;
}

// Makes an empty file with mode 0600 when `path` does not exist yet (an empty file is a valid empty SQLite
// database), and takes group and other access away from an existing database we own and its companions.
inline Result<void> prepare_private_database_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd >= 0) {
    if (::close(fd) != 0) {
      return make_error(error_kind_of_errno(errno), "cannot create " + path.string() + ": " + std::strerror(errno));
    }
    return {};
  }
  if (errno != EEXIST) {
    return make_error(error_kind_of_errno(errno), "cannot create " + path.string() + ": " + std::strerror(errno));
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::string file = path.string() + suffix;
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_uid != ::geteuid()) continue;
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) == 0) continue;
    // Best effort: a file we own but cannot chmod (a read-only mount) still opens as before.
    (void)::chmod(file.c_str(), info.st_mode & (S_IRUSR | S_IWUSR | S_IXUSR));
  }
  return {};
}

// Writes `text` to `path` (replacing it) through `path`.part, with mode 0600 from the first byte, synced.
inline Result<void> write_private_file(const std::filesystem::path& path, std::string_view text) {
  const std::string temporary = path.string() + ".part";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) return make_error("cannot write " + path.string() + ": " + std::strerror(errno));
  // O_CREAT's mode does not apply to a .part file left over from before; fchmod does.
  bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
  for (std::string_view rest = text; ok && !rest.empty();) {
    const ssize_t written = ::write(fd, rest.data(), rest.size());
    if (written < 0 && errno == EINTR) continue;
    ok = written > 0;
    if (ok) rest.remove_prefix(static_cast<std::size_t>(written));
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved = errno;
  if (::close(fd) != 0) ok = false;
  if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(ok ? errno : saved);
    ::unlink(temporary.c_str());
    return make_error("cannot write " + path.string() + ": " + why);
  }
  return {};
}

}  // namespace porchlight
