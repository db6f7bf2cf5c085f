#pragma once
// The two engines' connection makers (sql_sqlite.cpp, sql_postgres.cpp).
#include <memory>
#include <string>

#include "porchlight/hub/sql.hpp"

namespace porchlight::hub {

Result<std::unique_ptr<SqlSession>> make_sqlite_session(const std::string& path);
Result<std::unique_ptr<SqlSession>> make_postgres_session(const std::string& conninfo);

}  // namespace porchlight::hub
