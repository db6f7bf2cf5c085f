#!/bin/sh
# Issue 15: I/O errors (EIO, ENOSPC) injected by libfiu's fiu-run into the real `porchlight-admin simulate`'s pwrite
# and fsync. Each round must end without a signal, with one line on stderr, and every printed (acknowledged) visit id
# must be in the database exactly once when it is opened without faults; `porchlight-admin check` must pass.
# Usage: kiosk_io_faults.sh ADMIN_BINARY WORK_DIR
set -eu
admin=$1
work=$2
if ! command -v fiu-run >/dev/null 2>&1; then echo "skipped: fiu-run not installed (scripts/setup test)"; exit 0; fi
if ! command -v sqlite3 >/dev/null 2>&1; then echo "skipped: sqlite3 not installed (scripts/setup test)"; exit 0; fi
# fiu-run LD_PRELOADs libfiu; an ASan build needs the link-order check off for that.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
rm -rf "$work"; mkdir -p "$work"; cd "$work"
start=$(date +%s); rounds=0; acked_total=0
for errno in 5 28; do
  for seed in 1 2 3; do
    rm -f k.db k.db-*
    "$admin" --db k.db init --time-zone UTC >/dev/null
    rc=0
    timeout 120 fiu-run -x -c "enable_random name=posix/io/rw/pwrite,probability=0.003,failinfo=$errno" \
      -c "enable_random name=posix/io/sync/fsync,probability=0.01,failinfo=$errno" \
      "$admin" --db k.db simulate --signins 500 --seed "$seed" >ids.txt 2>err.txt || rc=$?
    if [ "$rc" -ge 124 ]; then echo "errno=$errno seed=$seed: exit $rc (timeout or signal)"; cat err.txt; exit 1; fi
    if grep -q AddressSanitizer err.txt; then echo "errno=$errno seed=$seed: ASan report"; cat err.txt; exit 1; fi
    if [ "$rc" -ne 0 ] && [ "$(wc -l <err.txt)" -ne 1 ]; then echo "errno=$errno seed=$seed: not one line"; cat err.txt; exit 1; fi
    for id in $(cat ids.txt); do
      n=$(sqlite3 k.db "select count(*) from visit where id='$id'")
      if [ "$n" != 1 ]; then echo "errno=$errno seed=$seed: acknowledged $id found $n times"; exit 1; fi
    done
    "$admin" --db k.db check >/dev/null || { echo "errno=$errno seed=$seed: check failed"; exit 1; }
    echo "errno=$errno seed=$seed exit=$rc acknowledged=$(wc -l <ids.txt) message: $(cat err.txt)"
    rounds=$((rounds + 1)); acked_total=$((acked_total + $(wc -l <ids.txt)))
  done
done
echo "$rounds rounds, $acked_total acknowledged ids all present once, $(( $(date +%s) - start )) s"
