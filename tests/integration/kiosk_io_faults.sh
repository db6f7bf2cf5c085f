#!/bin/sh
# Issue 15: I/O errors (EIO, ENOSPC) injected by libfiu's fiu-run into the real `porchlight-admin simulate`'s pwrite
# and fsync. Each round must end without a signal, with one line on stderr, and every printed (acknowledged) visit id
# must be in the database exactly once when it is opened without faults; `porchlight-admin check` must pass.
# Usage: kiosk_io_faults.sh ADMIN_BINARY WORK_DIR
set -eu
admin=$1
work=$2
if ! command -v fiu-run >/dev/null 2>&1; then echo "skipped: fiu-run not installed (scripts/setup test)"; exit 77; fi
if ! command -v sqlite3 >/dev/null 2>&1; then echo "skipped: sqlite3 not installed (scripts/setup test)"; exit 77; fi
# Under AddressSanitizer, its runtime goes first in LD_PRELOAD (asan_first.sh says why), and libfiu's own start-up
# allocation, which it never frees, is not our leak.
asan_first="$(cd "$(dirname "$0")" && pwd)/asan_first.sh"
ASAN_RUNTIME="$(ldd "$admin" | awk '/libasan/ { print $3 }')"
export ASAN_RUNTIME
rm -rf "$work"; mkdir -p "$work"; cd "$work"
echo "leak:fiu_run_preload.so" >"$work/lsan.supp"
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$work/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS
start=$(date +%s); rounds=0; acked_total=0; failed_rounds=0; signin_failures=0
for errno in 5 28; do
  for seed in 1 2 3; do
    rm -f k.db k.db-*
    "$admin" --db k.db init --time-zone UTC >/dev/null
    rc=0
    # SQLite on Linux writes with pwrite, syncs with fdatasync (never fsync), resets the WAL with ftruncate and
    # reads with pread: those are the calls a failing disk fails.
    timeout 120 fiu-run -x -c "enable_random name=posix/io/rw/pwrite,probability=0.0005,failinfo=$errno" \
      -c "enable_random name=posix/io/sync/fdatasync,probability=0.002,failinfo=$errno" \
      -c "enable_random name=posix/io/rw/ftruncate,probability=0.005,failinfo=$errno" \
      -c "enable_random name=posix/io/rw/pread,probability=0.0001,failinfo=$errno" \
      sh "$asan_first" "$admin" --db k.db simulate --signins 500 --seed "$seed" >ids.txt 2>err.txt || rc=$?
    if [ "$rc" -ge 124 ]; then echo "errno=$errno seed=$seed: exit $rc (timeout or signal)"; cat err.txt; exit 1; fi
    if grep -q AddressSanitizer err.txt; then echo "errno=$errno seed=$seed: ASan report"; cat err.txt; exit 1; fi
    if [ "$rc" -ne 0 ] && [ "$(wc -l <err.txt)" -ne 1 ]; then echo "errno=$errno seed=$seed: not one line"; cat err.txt; exit 1; fi
    if [ "$rc" -ne 0 ] && ! grep -q "the disk is full\|could not be read or written" err.txt; then
      echo "errno=$errno seed=$seed: the message does not name the disk"; cat err.txt; exit 1
    fi
    for id in $(cat ids.txt); do
      n=$(sqlite3 k.db "select count(*) from visit where id='$id'")
      if [ "$n" != 1 ]; then echo "errno=$errno seed=$seed: acknowledged $id found $n times"; exit 1; fi
    done
    "$admin" --db k.db check >/dev/null || { echo "errno=$errno seed=$seed: check failed"; exit 1; }
    echo "errno=$errno seed=$seed exit=$rc acknowledged=$(wc -l <ids.txt) message: $(cat err.txt)"
    rounds=$((rounds + 1)); acked_total=$((acked_total + $(wc -l <ids.txt)))
    [ "$rc" -eq 0 ] || failed_rounds=$((failed_rounds + 1))
  done
done
# One sign-in at a time, as the kiosk saves them: a fault in the one commit leaves no half a visit.
for errno in 5 28; do
  rm -f k.db k.db-*
  "$admin" --db k.db init --time-zone UTC >/dev/null
  reason=$("$admin" --db k.db reasons | awk 'NR == 3 { print $1 }')
  saved=0
  for attempt in $(seq 1 40); do
    rc=0
    fiu-run -x -c "enable_random name=posix/io/rw/pwrite,probability=0.02,failinfo=$errno" \
      -c "enable_random name=posix/io/sync/fdatasync,probability=0.04,failinfo=$errno" \
      sh "$asan_first" "$admin" --db k.db signin --guest --reason "$reason" >id.txt 2>err.txt || rc=$?
    if [ "$rc" -ge 124 ]; then echo "signin errno=$errno: exit $rc (timeout or signal)"; cat err.txt; exit 1; fi
    if [ "$rc" -ne 0 ]; then
      [ "$(wc -l <err.txt)" -eq 1 ] || { echo "signin errno=$errno: not one line"; cat err.txt; exit 1; }
      grep -q "the disk is full\|could not be read or written" err.txt || { echo "signin errno=$errno: unclear"; cat err.txt; exit 1; }
      signin_failures=$((signin_failures + 1))
      continue
    fi
    saved=$((saved + 1))
  done
  n=$(sqlite3 k.db "select count(*) from visit")
  [ "$n" = "$saved" ] || { echo "signin errno=$errno: $saved acknowledged, $n in the file"; exit 1; }
  "$admin" --db k.db check >/dev/null || { echo "signin errno=$errno: check failed"; exit 1; }
  echo "signin errno=$errno: 40 tries, $saved acknowledged and saved, last message: $(cat err.txt)"
done
# A run of this test in which no fault fired proves nothing.
[ "$failed_rounds" -gt 0 ] || { echo "no simulate round met a fault"; exit 1; }
[ "$signin_failures" -gt 0 ] || { echo "no signin met a fault"; exit 1; }
echo "$rounds rounds ($failed_rounds met a fault), $signin_failures failed sign-ins, $acked_total acknowledged ids all present once, $(( $(date +%s) - start )) s"
