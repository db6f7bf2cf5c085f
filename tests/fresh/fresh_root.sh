#!/usr/bin/env bash
# The README's Quick start on a bare Debian 12: makes a minimal root with debootstrap (--variant=minbase, nothing
# but Debian's required packages and apt), copies this checkout into it, and there, as root with Debian's PATH and
# an empty environment:
#   kiosk  ./scripts/run-kiosk        installs the kiosk group, builds, makes the demo center, draws every screen
#   setup  ./scripts/setup test       installs the test group
#   tests  ./scripts/build -DPORCHLIGHT_BUILD_TESTS=ON; the dependency audit; ctest -L unit
# Each step's minutes are printed at the end. Needs root (debootstrap, chroot, mounts) and Debian's archive.
#
# Usage: tests/fresh/fresh_root.sh [--steps kiosk,setup,tests] [--work DIR] [--cache DIR] [--keep]
#   --steps  which steps to run, in this order (default: all three); CI runs kiosk,setup (.ci/run says why)
#   --work   where the root is made (default: a new folder under /var/tmp, removed at the end unless --keep)
#   --cache  where the bare root is kept as a tarball between runs (default: /var/cache/porchlight-fresh). It holds
#            only what debootstrap made, before anything of ours touched it; it is made again after 7 days, and
#            `apt-get update` inside the root brings its package lists up to date each run.
# Exit 0 when every step passed, 1 when one failed (its log's tail is printed), 77 when this machine cannot make
# a root (not root, no network to Debian's archive).
set -euo pipefail

source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
steps="kiosk,setup,tests"
work=""
cache=/var/cache/porchlight-fresh
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --steps) steps="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "fresh_root: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

say() { echo "fresh_root: $*"; }
skip() { say "skipped: $*"; exit 77; }

[[ $(id -u) -eq 0 ]] || skip "making a root with debootstrap needs root"
command -v debootstrap >/dev/null || { say "debootstrap is missing (scripts/setup test installs it)"; exit 1; }
command -v unshare >/dev/null || { say "unshare is missing (util-linux)"; exit 1; }

# The archive this machine itself installs Debian 12 from, as its apt sources name it: the root uses the same one,
# so the network the machine has is the network the root has.
mirror=$(python3 - <<'EOF'
import glob, re
uris = []
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    for stanza in open(path, encoding="utf-8").read().split("\n\n"):
        fields = dict(re.findall(r"^([A-Za-z-]+):\s*(.*)$", stanza, re.M))
        if "bookworm" in fields.get("Suites", "").split() and fields.get("Enabled", "yes") != "no":
            uris += fields.get("URIs", "").split()
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
    try:
        for line in open(path, encoding="utf-8"):
            match = re.match(r"\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+bookworm\s", line)
            if match:
                uris.append(match.group(1))
    except OSError:
        pass
print(uris[0] if uris else "")
EOF
)
[[ -n "$mirror" ]] || skip "this machine's apt sources name no Debian 12 (bookworm) archive"

if [[ -z "$work" ]]; then
  work=$(mktemp -d /var/tmp/porchlight-fresh.XXXXXX)
else
  mkdir -p "$work"
fi
root="$work/root"
logs="$work/logs"
mkdir -p "$logs" "$cache"
cleanup() {
  if [[ $keep -eq 0 ]]; then
    rm -rf --one-file-system "$work"
  else
    say "kept the root in $root and the logs in $logs"
  fi
}
trap cleanup EXIT

declare -a summary=()
minutes() { awk -v s="$1" 'BEGIN { printf "%.1f", s / 60 }'; }

# The bare root, from the cache when it is recent.
base="$cache/bookworm-minbase.tar"
started=$SECONDS
if [[ -s "$base" && -z $(find "$base" -mtime +7) ]]; then
  base_note="from the cache"
else
  say "making a bare Debian 12 root with debootstrap (from $mirror)"
  rm -rf "$work/base"
  if ! debootstrap --variant=minbase bookworm "$work/base" "$mirror" >"$logs/debootstrap.log" 2>&1; then
    tail -20 "$logs/debootstrap.log"
    if grep -qiE "couldn't download|failed to connect|could not resolve|temporary failure" "$logs/debootstrap.log"; then
      skip "Debian's archive cannot be reached from here"
    fi
    exit 1
  fi
  tar -C "$work/base" -cf "$base.new" . && mv "$base.new" "$base"
  rm -rf --one-file-system "$work/base"
  base_note="made by debootstrap"
fi
mkdir -p "$root"
tar -C "$root" -xf "$base"
summary+=("bare root ($base_note): $(minutes $((SECONDS - started))) min")

# The machine's own way to Debian's archive: its sources for bookworm and its apt settings for fetching.
rm -f "$root/etc/apt/sources.list"
for sources in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
  [[ -f "$sources" ]] && grep -q bookworm "$sources" && cp "$sources" "$root$sources"
done
for conf in /etc/apt/apt.conf.d/*; do
  [[ -f "$conf" ]] && grep -q "Acquire::" "$conf" && cp "$conf" "$root$conf"
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

# The checkout as a clone would have it: tracked files and new ones, without build folders or ignored files.
mkdir -p "$root/root/porchlight"
git -C "$source_dir" ls-files -z --cached --others --exclude-standard |
  tar -C "$source_dir" --null --no-recursion --ignore-failed-read -T - -cf - 2>/dev/null |
  tar -C "$root/root/porchlight" -xf -
[[ -x "$root/root/porchlight/scripts/run-kiosk" ]] || { say "copying the checkout failed"; exit 1; }

# Runs a command in the root as a new user's shell would: root, Debian's PATH, nothing of this machine's
# environment. The mounts live in a private mount namespace, so they go away with it whatever happens.
in_root() {
  unshare --mount --propagation private -- sh -c '
    root=$1; shift
    mount -t proc proc "$root/proc" && mount -t sysfs sys "$root/sys" && mount --rbind /dev "$root/dev" &&
    mount -t tmpfs tmpfs "$root/tmp" && mount -t tmpfs tmpfs "$root/dev/shm" &&
    exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb PATH=/usr/sbin:/usr/bin:/sbin:/bin \
      /bin/bash -c "cd /root/porchlight && $*"' in_root "$root" "$@"
}

failed=0
run_step() {
  local name=$1 description=$2 command=$3
  local log="$logs/$name.log"
  say "$description"
  local step_started=$SECONDS
  if in_root "$command" >"$log" 2>&1; then
    summary+=("$name: $description: $(minutes $((SECONDS - step_started))) min, passed")
  else
    summary+=("$name: $description: $(minutes $((SECONDS - step_started))) min, FAILED (log: $log)")
    say "$name failed; the end of its log:"
    tail -40 "$log"
    failed=1
  fi
}

IFS=, read -r -a wanted_steps <<<"$steps"
for step in "${wanted_steps[@]}"; do
  [[ $failed -eq 0 ]] || break
  case "$step" in
    kiosk)
      run_step kiosk "./scripts/run-kiosk (kiosk group, build, demo center, every screen drawn)" \
        './scripts/run-kiosk && screens=$(build/kiosk/app/porchlight --list-screens | wc -w) &&
         n=$(ls /root/.local/share/porchlight/screenshots/*.png | wc -l) && echo "$n screenshots of $screens screens" &&
         [ "$screens" -gt 0 ] && [ "$n" -eq $((2 * screens)) ]'
      ;;
    setup)
      run_step setup "./scripts/setup test (the test group)" './scripts/setup test'
      ;;
    tests)
      run_step tests "configure and build with the tests, the dependency audit, the unit tests" \
        './scripts/build -DPORCHLIGHT_BUILD_TESTS=ON && ctest --test-dir build --output-on-failure -R "^static\.dependencies" && ctest --test-dir build --output-on-failure -j2 -L "^unit$"'
      ;;
    *) say "unknown step '$step' (kiosk, setup, tests)"; exit 2 ;;
  esac
done

say "summary"
for line in "${summary[@]}"; do echo "  $line"; done
if [[ -f "$logs/kiosk.log" ]]; then
  grep -E "^[0-9]+ screenshots of" "$logs/kiosk.log" | sed 's/^/  kiosk: /' || true
fi
if [[ -f "$logs/tests.log" ]]; then
  grep -E "tests passed|tests failed|dependency audit:" "$logs/tests.log" | sed 's/^/  tests: /' || true
fi
exit $failed
