#!/bin/sh
# Prints the sync figures against DESIGN.md's targets, with a real porchlight-hub on loopback:
#   drain: a kiosk backlog of 100k records reaching the hub (target <= 10 s), by the real client;
#   ingest: 200 simulated kiosks pushing 1,000 records each at once (target >= 20k records/s on PostgreSQL);
#   the hub's peak resident memory (VmHWM) over both.
# Usage: sync_figures.sh PORCHLIGHT-HUB PORCHLIGHT-BENCH-SYNC PORCHLIGHT-HUB-LOAD [--quick] [--backend sqlite|postgres|both]
# PostgreSQL runs through tests/integration/with_postgres.sh (a server of its own, removed afterwards).
set -eu
hub=$1 bench=$2 load=$3
shift 3
quick=0 backend=both
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --backend) backend=$2; shift ;;
    *) echo "sync_figures: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
here=$(cd "$(dirname "$0")" && pwd)
if [ "$quick" = 1 ]; then records=2000 kiosks=10 per_kiosk=200; else records=100000 kiosks=200 per_kiosk=1000; fi

if [ "$backend" = both ]; then
  sh "$0" "$hub" "$bench" "$load" $( [ "$quick" = 1 ] && echo --quick ) --backend sqlite
  exec sh "$here/../integration/with_postgres.sh" sh "$0" "$hub" "$bench" "$load" $( [ "$quick" = 1 ] && echo --quick ) --backend postgres
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/porchlight-sync-figures-XXXXXX")
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ "$backend" = postgres ]; then storage="--postgres $PORCHLIGHT_TEST_POSTGRES"; else storage="--db $work/hub.db"; fi

start_hub() {
  # shellcheck disable=SC2086
  "$hub" $storage serve --listen 127.0.0.1:0 >"$work/hub.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q "listening on" "$work/hub.log" && break
    sleep 0.1
  done
  port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/hub.log")
  [ -n "$port" ] || { cat "$work/hub.log"; exit 1; }
}
# shellcheck disable=SC2086
enroll() { "$hub" $storage enroll --center "$1" | tail -n 1; }

echo "== sync figures, hub over $backend ($(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"
start_hub
"$bench" --hub "http://127.0.0.1:$port" --code "$(enroll "Drain Center")" --records "$records"
for i in $(seq 1 "$kiosks"); do enroll "Center $((i % 20))"; done >"$work/codes"
"$load" --hub "127.0.0.1:$port" --kiosks "$kiosks" --records "$per_kiosk" <"$work/codes"
awk '/^VmHWM/ { printf "hub resident memory: peak %.1f MB", $2 / 1024 } /^VmRSS/ { printf ", now %.1f MB\n", $2 / 1024 }' "/proc/$pid/status"
