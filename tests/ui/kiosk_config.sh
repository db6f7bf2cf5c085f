#!/bin/sh
# The kiosk's settings file, without a display: the kiosk opens its database before it opens a window, so the file
# it made shows which database the settings chose; a broken file stops it with one line and exit 2, before that.
# Usage: kiosk_config.sh PORCHLIGHT_BINARY
set -u
kiosk=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
run() { env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" "$@" >"$dir/out" 2>"$dir/err"; echo $? >"$dir/code"; }

printf 'database = "%s/from-file/kiosk.db"\nlanguage = "es"\n' "$dir" >"$dir/kiosk.toml"
run --config "$dir/kiosk.toml"
[ -f "$dir/from-file/kiosk.db" ] || fail "the database named in --config was not opened: $(cat "$dir/err")"

run --config "$dir/kiosk.toml" --db "$dir/from-flag.db"
[ -f "$dir/from-flag.db" ] || fail "--db did not win over the file"

printf 'database = "%s/typo.db"\nidle_second = 90\n' "$dir" >"$dir/typo.toml"
run --config "$dir/typo.toml"
[ "$(cat "$dir/code")" = 2 ] || fail "a misspelt key should exit 2, not $(cat "$dir/code")"
[ "$(wc -l <"$dir/err")" = 1 ] || fail "want one line on stderr: $(cat "$dir/err")"
grep -q "^porchlight: $dir/typo.toml:2: unknown setting 'idle_second'" "$dir/err" || fail "$(cat "$dir/err")"
[ ! -e "$dir/typo.db" ] || fail "a broken file still opened its database"

run --config "$dir/absent.toml"
[ "$(cat "$dir/code")" = 2 ] || fail "a missing --config file should exit 2"
grep -q "^porchlight: cannot read $dir/absent.toml$" "$dir/err" || fail "$(cat "$dir/err")"
echo "ok: the kiosk reads --config, --db wins, a broken or missing file exits 2 with one line"
