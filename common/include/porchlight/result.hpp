#pragma once
// Error values instead of exceptions: every failure (SQLite, GLFW, GL, files) reaches the caller as a
// message it can show. Shared by every layer; it depends on nothing.
#include <string>
#include <utility>
#include <variant>

namespace porchlight {

// What kind of failure, where a screen must say more than "something went wrong" (the UI puts it in words);
// the message is for logs and staff's terminals.
enum class ErrorKind {
  other,
  disk_full,     // SQLITE_FULL, ENOSPC, EDQUOT: free space; the records are safe
  io_error,      // the file could not be read or written (EIO and the like)
  damaged,       // SQLITE_NOTADB, SQLITE_CORRUPT: restore a backup
  newer_schema,  // written by a newer Porchlight
};

struct Error {
  std::string message;
  ErrorKind kind = ErrorKind::other;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

inline Error make_error(std::string message) { return Error{std::move(message)}; }
inline Error make_error(ErrorKind kind, std::string message) { return Error{std::move(message), kind}; }

}  // namespace porchlight

// Returns early with the error of a failed Result; keeps call sites flat.
#define PL_TRY(expr)                                    \
  do {                                                  \
    auto&& pl_try_result_ = (expr);                     \
    if (!pl_try_result_) return pl_try_result_.error(); \
  } while (false)

// Declares `var` from a successful Result, or returns its error.
#define PL_TRY_ASSIGN(var, expr)                    \
  auto var##_result_ = (expr);                      \
  if (!var##_result_) return var##_result_.error(); \
  auto var = std::move(var##_result_).value()
