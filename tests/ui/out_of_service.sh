#!/bin/sh
# Issue 15: the real kiosk in a real window (its own Xvfb) on a database whose header is damaged stays up on the
# out-of-service screen and logs why; once a backup is restored with porchlight-admin, as that screen tells staff to,
# it goes back into service on Welcome by itself, in the same process. Screenshots of both are read from Xvfb's
# screen file (-fbdir), so the running kiosk is pictured as it is, and saved to OUTPUT_DIR to be looked at.
# Usage: out_of_service.sh PORCHLIGHT PORCHLIGHT_ADMIN OUTPUT_DIR XVFB PYTHON3
set -eu
kiosk=$1
admin=$2
out=$3
xvfb=$4
python=$5
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
xvfb_pid=""
kiosk_pid=""
cleanup() {
  set +e  # a killed process's status must not stop the cleanup half-way
  if [ -n "$kiosk_pid" ]; then kill "$kiosk_pid" 2>/dev/null; wait "$kiosk_pid" 2>/dev/null; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- kiosk log:"; cat "$work/log" 2>/dev/null; exit 1; }
mkdir -p "$out"

# Our own X server on a free display (CI has none), its screen kept in a file.
"$xvfb" -displayfd 3 -screen 0 1280x800x24 -fbdir "$work" -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { cat "$work/xvfb.log"; fail "Xvfb did not start"; }
DISPLAY=:$(cat "$work/display")
export DISPLAY

# A real database and its backup, then the kiosk's file: a copy whose SQLite header is overwritten.
"$admin" --db "$work/center.db" init --center-name "Eastside Wellness" --time-zone UTC >/dev/null
"$admin" --db "$work/center.db" backup "$work/backup.db" >/dev/null
cp "$work/backup.db" "$work/kiosk.db"
printf 'this is no header' | dd of="$work/kiosk.db" bs=1 conv=notrunc status=none
"$admin" --db "$work/kiosk.db" check >/dev/null 2>&1 && fail "the damaged copy still checks out"

screenshot() {
  colours=$("$python" "$here/xwd_to_png.py" "$work/Xvfb_screen0" "$1") || fail "no screenshot $1"
  [ "$colours" -gt 10 ] || fail "$1 is blank ($colours colours)"
  echo "screenshot $1 ($colours colours)"
}

"$kiosk" --db "$work/kiosk.db" --windowed 1280x800 --store-retry-seconds 2 >"$work/log" 2>&1 &
kiosk_pid=$!
sleep 6  # three retries
kill -0 "$kiosk_pid" 2>/dev/null || fail "the kiosk exited on a damaged database"
grep -q "^porchlight: error: out of service: damaged: database: $work/kiosk.db is damaged" "$work/log" ||
  fail "no out-of-service line with the kind"
[ "$(grep -c "out of service" "$work/log")" = 1 ] || fail "a failing retry should not log again"
grep -q "back in service" "$work/log" && fail "back in service on a damaged file"
screenshot "$out/out-of-service-running.png"
# Out of service the loop sleeps until a touch or the next retry: over 3 s it uses far less than a core.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$kiosk_pid/stat"; }
before=$(cpu_ticks); sleep 3; after=$(cpu_ticks)
ticks_per_second=$(getconf CLK_TCK)
[ $((after - before)) -lt "$ticks_per_second" ] || fail "busy out of service: $((after - before)) ticks of CPU in 3 s"
echo "out of service, idle: $((after - before)) ticks of CPU in 3 s ($ticks_per_second a second)"

# What the staff part says to do.
"$admin" --db "$work/kiosk.db" restore "$work/backup.db" >/dev/null || fail "restore over the damaged file"
for _ in $(seq 100); do grep -q "in service: welcome" "$work/log" && break; sleep 0.1; done
grep -q "^porchlight: back in service: $work/kiosk.db opened" "$work/log" || fail "not back in service in 10 s"
grep -q "^porchlight: in service: welcome$" "$work/log" || fail "not on Welcome"
sleep 1
kill -0 "$kiosk_pid" 2>/dev/null || fail "the kiosk exited after going back into service"
screenshot "$out/back-in-service-running.png"
cmp -s "$out/out-of-service-running.png" "$out/back-in-service-running.png" && fail "the screen did not change"
echo "ok: out of service on a damaged database, back in service on Welcome after a restore, without a restart"
