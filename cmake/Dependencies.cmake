# Every dependency is a Debian package, found through pkg-config or its CMake config. scripts/setup installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(SQLite3 REQUIRED IMPORTED_TARGET sqlite3>=3.40)
pkg_check_modules(Sodium REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
pkg_check_modules(Utf8proc REQUIRED IMPORTED_TARGET libutf8proc>=2.6)
pkg_check_modules(QRencode REQUIRED IMPORTED_TARGET libqrencode>=4.0)  # "Take this with you" QR codes
find_package(date CONFIG REQUIRED)            # libhowardhinnant-date-dev: IANA time zones from the system tzdata
find_package(nlohmann_json 3.11 CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(doctest CONFIG REQUIRED)
