#!/bin/sh
# A full disk and a failing disk are named as such by porchlight-admin, not as a damaged database: staff must
# not restore a backup over a sound file. Faults are real ENOSPC/EIO from libfiu's POSIX wrappers (fiu-run,
# Debian's fiu-utils), injected into the real binary; only a file of random bytes is called damaged.
# Usage: disk_full.sh PORCHLIGHT_ADMIN WORK_DIR
set -eu
admin="$1"
work="$2"
if ! command -v fiu-run >/dev/null 2>&1 || ! command -v fiu-ctrl >/dev/null 2>&1; then
  echo "fiu-run is not installed (scripts/setup test installs fiu-utils): skipping"
  exit 77
fi
# Under AddressSanitizer, its runtime goes first in LD_PRELOAD (asan_first.sh says why), and libfiu's own start-up
# allocation, which it never frees, is not our leak.
asan_first="$(cd "$(dirname "$0")" && pwd)/asan_first.sh"
ASAN_RUNTIME="$(ldd "$admin" | awk '/libasan/ { print $3 }')"
export ASAN_RUNTIME
rm -rf "$work"
mkdir -p "$work"
echo "leak:fiu_run_preload.so" >"$work/lsan.supp"
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$work/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS
db="$work/kiosk.db"
"$admin" --db "$db" demo --participants 5 --weeks 1 >/dev/null
reason="$("$admin" --db "$db" reasons | awk 'NR == 3 { print $1 }')"

fail() {
  echo "FAIL: $1" >&2
  echo "--- porchlight-admin said:" >&2
  cat "$work/said" >&2
  exit 1
}
# expect WHAT TEXT: the last run failed, said TEXT and never that the file is damaged.
expect() {
  grep -q "$2" "$work/said" || fail "$1: expected '$2'"
  if grep -qi "not a Porchlight database\|damaged" "$work/said"; then fail "$1: a sound file was called damaged"; fi
}
# The disk already full: every write fails with ENOSPC (errno from failinfo).
full="enable name=posix/io/rw/pwrite,failinfo=28"
if fiu-run -x -c "$full" sh "$asan_first" "$admin" --db "$db" check >"$work/said" 2>&1; then fail "check on a full disk succeeded"; fi
expect "check, disk full" "the disk is full"
expect "check, disk full" "records already saved are safe"
if fiu-run -x -c "$full" sh "$asan_first" "$admin" --db "$db" signin --guest --reason "$reason" >"$work/said" 2>&1; then
  fail "signin on a full disk succeeded"
fi
expect "signin, disk full" "the disk is full"
# A failing disk: reads fail with EIO.
if fiu-run -x -c "enable name=posix/io/rw/pread,failinfo=5" sh "$asan_first" "$admin" --db "$db" check >"$work/said" 2>&1; then
  fail "check with read errors succeeded"
fi
expect "check, read error" "could not be read or written (Input/output error)"
# The disk fills while sign-ins are being saved: the failing save says so, and every acknowledged one is kept.
# The file exists before the background run opens it: otherwise the wait below could read no file, stop waiting and
# send the fault before libfiu's control pipe is up. The run is bounded, so a lost fault fails the test, not the clock.
: >"$work/saved"
fiu-run -x sh "$asan_first" "$admin" --db "$db" simulate --signins 1000000 --guest-ratio 1 >"$work/saved" 2>"$work/said" &
simulating=$!
tries=0
while [ "$(wc -l <"$work/saved")" -lt 50 ]; do
  tries=$((tries + 1))
  [ "$tries" -lt 600 ] || { kill "$simulating"; fail "simulate saved nothing in 60 s"; }
  sleep 0.1
done
if ! fiu-ctrl -c "$full" "$simulating" >"$work/ctrl" 2>&1 || grep -q "Error" "$work/ctrl"; then
  kill "$simulating"
  cat "$work/ctrl" >>"$work/said"
  fail "fiu-ctrl could not reach the running simulate"
fi
status=0
wait "$simulating" || status=$?
[ "$status" -ne 0 ] || fail "simulate went on saving on a full disk"
expect "signin, the disk fills" "saving: the disk is full"
# Disk space back: the file is sound and holds what was acknowledged.
"$admin" --db "$db" check >"$work/said" 2>&1 || fail "check after the disk filled"
if command -v sqlite3 >/dev/null 2>&1; then
  last="$(tail -n 1 "$work/saved" | awk '{ print $NF }')"
  found="$(sqlite3 "$db" "SELECT count(*) FROM visit WHERE id = '$last'")"
  [ "$found" = 1 ] || { echo "last acknowledged: $last" >"$work/said"; fail "an acknowledged sign-in was lost"; }
fi
# A file of random bytes is the one that is damaged.
head -c 16384 /dev/urandom >"$work/random.db"
chmod 600 "$work/random.db"
if "$admin" --db "$work/random.db" check >"$work/said" 2>&1; then fail "check accepted random bytes"; fi
grep -q "damaged or not a Porchlight database" "$work/said" || fail "random bytes: expected 'damaged'"
echo "ok: full disk, failing disk and damaged file each named"
