#!/bin/sh
# Prints the real kiosk's process figures against DESIGN.md's targets, under Xvfb (Mesa llvmpipe):
#   start to first frame (<= 0.5 s): the kiosk logs it itself ("first frame on screen N ms after start", counted
#     from exec, so loading shared libraries counts); five cold starts on a fresh database each;
#   idle CPU (<= 0.5 % of one core): utime+stime from /proc/PID/stat over 30 s, window open, nothing touched;
#   resident memory (<= 80 MB): VmRSS and PSS after that idle period, split by mapping so the software GL driver's
#     code (libLLVM, swrast_dri) and X shared memory show apart from the heap and the rest.
# Usage: kiosk_process_figures.sh PATH/TO/porchlight [IDLE_SECONDS]
# Without a DISPLAY it runs itself again under `xvfb-run -a` at 1280x800x24.
set -eu
binary=$1
idle_seconds=${2:-30}
[ -x "$binary" ] || { echo "usage: $0 PATH/TO/porchlight [IDLE_SECONDS]" >&2; exit 2; }

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" sh "$0" "$binary" "$idle_seconds"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/porchlight-figures-XXXXXX")
pid=""
stop_kiosk() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    sleep 0.3
    kill -9 "$pid" 2>/dev/null || true
  fi
  pid=""
}
cleanup() {
  stop_kiosk
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # utime + stime, in clock ticks

# Starts the kiosk on database $1 with its log in $2 and waits for its first-frame line.
start_kiosk() {
  "$binary" --windowed 1280x800 --db "$1" >"$2" 2>&1 &
  pid=$!
  waited=0
  until grep -q "first frame on screen" "$2"; do
    kill -0 "$pid" 2>/dev/null || { echo "the kiosk exited:"; cat "$2"; exit 1; }
    waited=$((waited + 1))
    [ "$waited" -lt 3000 ] || { echo "no first frame after 30 s:"; cat "$2"; exit 1; }
    sleep 0.01
  done
}

echo "porchlight process figures (DISPLAY=$DISPLAY, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"

# 1. Start to first frame, as the kiosk logs it: five starts, each on a new database.
runs=""
for i in 1 2 3 4 5; do
  start_kiosk "$work/start-$i.db" "$work/start-$i.log"
  runs="$runs $(sed -n 's/.*first frame on screen \([0-9]*\) ms after start.*/\1/p' "$work/start-$i.log")"
  stop_kiosk
done
echo "start to first frame (exec to the first frame presented), 5 starts, ms:$runs"
echo "$runs" | tr ' ' '\n' | grep . | sort -n |
  awk '{ a[NR] = $1 } END { printf "  median %d ms, min %d ms, max %d ms (target 500 ms)\n", a[int((NR + 1) / 2)], a[1], a[NR] }'

# 2. Idle CPU and memory of one running kiosk.
start_kiosk "$work/kiosk.db" "$work/kiosk.log"
sleep 3
hz=$(getconf CLK_TCK)
before=$(ticks "$pid")
t0=$(date +%s%3N)
sleep "$idle_seconds"
after=$(ticks "$pid")
t1=$(date +%s%3N)
awk -v d="$((after - before))" -v hz="$hz" -v ms="$((t1 - t0))" \
  'BEGIN { printf "idle CPU over %.1f s: %d ticks at %d Hz = %.3f %% of one core (target 0.5 %%)\n", ms / 1000, d, hz, 100 * d / hz / (ms / 1000) }'

rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup")
awk -v r="$rss" -v p="$pss" 'BEGIN { printf "resident memory: VmRSS %.1f MB, PSS %.1f MB (target 80 MB)\n", r / 1024, p / 1024 }'
# Resident kB per mapping, for the software GL driver's share.
awk '/^[0-9a-f]+-[0-9a-f]+ / { name = $6 } /^Rss:/ { rss[name] += $2 }
     END {
       for (n in rss) {
         if (n ~ /libLLVM/) llvm += rss[n]; else if (n ~ /swrast_dri|libgallium/) dri += rss[n];
         else if (n ~ /^\/SYSV/) shm += rss[n]; else if (n == "[heap]") heap += rss[n]; else rest += rss[n];
       }
       printf "  Mesa llvmpipe code: libLLVM %.1f MB + swrast_dri %.1f MB; X shared-memory image %.1f MB\n", llvm / 1024, dri / 1024, shm / 1024
       printf "  heap %.1f MB (Mesa and the kiosk together); everything else %.1f MB\n", heap / 1024, rest / 1024
     }' "/proc/$pid/smaps"
