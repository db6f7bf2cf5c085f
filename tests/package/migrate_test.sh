#!/usr/bin/env bash
# What a package upgrade runs, without installing anything: the previous release's kiosk and hub databases are
# backed up into the folder given and brought up to this version's schema, keeping their rows; a second run,
# a missing database, and a database from a newer version change nothing.
# Usage: migrate_test.sh OLD_DATABASES_TOOL PORCHLIGHT_ADMIN PORCHLIGHT_HUB
set -euo pipefail
old_databases="$1"
admin="$2"
hub="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/backups"
failures=0
fail() { printf 'FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
expect_contains() { [[ "$2" == *"$3"* ]] || fail "$1: expected '$3' in: $2"; }

"$old_databases" kiosk "$work/kiosk.db" >/dev/null
"$old_databases" hub "$work/hub.db" >/dev/null

out=$("$admin" --db "$work/kiosk.db" migrate --backup-dir "$work/backups")
expect_contains "kiosk migrate" "$out" "Backed up $work/kiosk.db to $work/backups/kiosk-schema"
expect_contains "kiosk migrate" "$out" "Migrated $work/kiosk.db from schema version"
backup=$(ls "$work"/backups/kiosk-schema*.db)
"$admin" check-backup "$backup" >/dev/null || fail "the kiosk's upgrade backup is not sound"
expect_contains "participant kept" "$("$admin" --db "$work/kiosk.db" participant find gar)" "Maria G."
expect_contains "audit of the migration" "$("$admin" --db "$work/kiosk.db" audit --limit 1)" "database.migrate"
expect_contains "kiosk migrate again" "$("$admin" --db "$work/kiosk.db" migrate --backup-dir "$work/backups")" \
  "nothing to do"
[[ $(ls "$work"/backups/kiosk-schema*.db | wc -l) -eq 1 ]] || fail "a second migrate made another backup"
expect_contains "kiosk migrate, no database" "$("$admin" --db "$work/none.db" migrate)" "nothing to migrate"
[[ ! -e "$work/none.db" ]] || fail "migrate made a database where there was none"

out=$("$hub" --db "$work/hub.db" migrate --backup-dir "$work/backups")
expect_contains "hub migrate" "$out" "Backed up $work/hub.db to $work/backups/hub-schema"
expect_contains "hub migrate" "$out" "Migrated the hub database from schema version"
expect_contains "hub migrate again" "$("$hub" --db "$work/hub.db" migrate)" "nothing to do"
expect_contains "hub migrate, no database" "$("$hub" --db "$work/none-hub.db" migrate)" "the hub makes it when it first starts"
[[ ! -e "$work/none-hub.db" ]] || fail "hub migrate made a database where there was none"
expect_contains "hub center kept" "$(sqlite3 "$work/hub.db" 'SELECT name FROM center')" "Old Town Center"

# A database from a newer Porchlight: refused, byte for byte unchanged.
sqlite3 "$work/kiosk.db" 'PRAGMA user_version = 999'
before=$(sha256sum <"$work/kiosk.db")
if "$admin" --db "$work/kiosk.db" migrate --backup-dir "$work/backups" >"$work/out" 2>"$work/err"; then
  fail "migrate accepted a database from a newer version"
fi
expect_contains "newer database refused" "$(cat "$work/out" "$work/err")" "cannot be migrated"
[[ $(sha256sum <"$work/kiosk.db") == "$before" ]] || fail "a refused migrate changed the database"

[[ $failures -eq 0 ]] || { echo "migrate_test: $failures check(s) failed" >&2; exit 1; }
echo "migrate_test: kiosk and hub databases of the previous release backed up and migrated"
