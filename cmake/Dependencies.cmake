# Every dependency is a Debian package, found through pkg-config or its CMake config. scripts/setup installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(SQLite3 REQUIRED IMPORTED_TARGET sqlite3>=3.40)
pkg_check_modules(Sodium REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
pkg_check_modules(Utf8proc REQUIRED IMPORTED_TARGET libutf8proc>=2.6)
pkg_check_modules(Ical REQUIRED IMPORTED_TARGET libical>=3.0)  # RRULE expansion and .ics (libical-dev)
pkg_check_modules(QRencode REQUIRED IMPORTED_TARGET libqrencode>=4.0)  # "Take this with you" QR codes
find_package(Cups REQUIRED)                   # libcups2-dev: "Print" on the kiosk (CMake's FindCups; no .pc)
find_package(date CONFIG REQUIRED)            # libhowardhinnant-date-dev: IANA time zones from the system tzdata
find_package(nlohmann_json 3.11 CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(doctest CONFIG REQUIRED)

# Sync: the hub (HTTP server, PostgreSQL, config) and the kiosk's client (HTTP client, gzip).
pkg_check_modules(HttpLib REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
pkg_check_modules(OpenSSL REQUIRED IMPORTED_TARGET openssl>=3)  # the hub's own HTTPS connections (libssl-dev)
pkg_check_modules(LibPQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(Curl REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(TomlPlusPlus REQUIRED IMPORTED_TARGET tomlplusplus>=3)
find_package(ZLIB REQUIRED)
