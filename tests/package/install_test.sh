#!/usr/bin/env bash
# The Debian packages, for real on this machine: build them with cpack, install them with apt (which must pull in
# every dependency), check the units with systemd-analyze, upgrade over the previous release's databases, change
# settings in the installed /etc/porchlight files and see their effect, then start the hub the way its unit does
# and enroll and sync the installed kiosk with the installed porchlight-admin. Everything it installs or makes is
# removed at the end. Needs root (CI runs as root); scripts/test runs it last, as `ctest -L package`.
#
# Usage: install_test.sh BUILD_DIR OLD_DATABASES_TOOL
set -euo pipefail

build_dir="$1"
old_databases_tool="$2"

kiosk_state=/var/lib/porchlight
hub_state=/var/lib/porchlight-hub
marker=.porchlight-package-test  # marks state folders this test made, so only those are ever deleted
port=$((20000 + RANDOM % 20000))
failures=0
hub_pid=""

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
expect_contains() {  # WHAT TEXT NEEDLE
  if [[ "$2" != *"$3"* ]]; then fail "$1: expected to see '$3' in: $2"; fi
}

if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then exec sudo -n bash "$0" "$@"; fi
  echo "install_test: installing packages needs root (or password-less sudo)" >&2
  exit 1
fi

# A machine with a real Porchlight install keeps it: this test only ever touches what it made itself.
for state in "$kiosk_state" "$hub_state"; do
  if [[ -e "$state" && ! -e "$state/$marker" ]]; then
    echo "install_test: $state exists and was not made by this test; not touching a real install (skipped)" >&2
    exit 77
  fi
done

cleanup() {
  set +e
  [[ -n "$hub_pid" ]] && kill "$hub_pid" 2>/dev/null && wait "$hub_pid" 2>/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -q porchlight-kiosk porchlight-hub >/dev/null 2>&1
  rm -rf "$kiosk_state" "$hub_state" /etc/porchlight "$work"
  for user in porchlight porchlight-hub; do
    getent passwd "$user" >/dev/null && deluser --quiet --system "$user" >/dev/null 2>&1
    getent group "$user" >/dev/null && delgroup --quiet --system "$user" >/dev/null 2>&1
  done
}
work=$(mktemp -d)
chmod 755 "$work"
trap cleanup EXIT
# A run that was killed before its cleanup left the packages behind (its folders carry the marker): start clean.
left_behind=$(dpkg-query -W -f='${Status}' porchlight-kiosk 2>/dev/null || true)
if [[ "$left_behind" == *installed* ]]; then cleanup; work=$(mktemp -d); chmod 755 "$work"; fi

say "building the packages (cpack)"
rm -f "$build_dir"/packages/*.deb
(cd "$build_dir" && cpack -G DEB >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; exit 1; }
kiosk_deb=$(ls "$build_dir"/packages/porchlight-kiosk_*.deb)
hub_deb=$(ls "$build_dir"/packages/porchlight-hub_*.deb)
cp "$kiosk_deb" "$hub_deb" "$work/"
kiosk_deb="$work/$(basename "$kiosk_deb")"
hub_deb="$work/$(basename "$hub_deb")"
ls -l "$kiosk_deb" "$hub_deb"

say "what the packages say they need and hold"
kiosk_depends=$(dpkg-deb -f "$kiosk_deb" Depends)
hub_depends=$(dpkg-deb -f "$hub_deb" Depends)
echo "porchlight-kiosk Depends: $kiosk_depends"
echo "porchlight-hub Depends: $hub_depends"
for needed in libsqlite3-0 libsodium23 libglfw3 libcurl4 xserver-xorg-core xinit x11-xserver-utils fonts-noto-core; do
  expect_contains "porchlight-kiosk Depends" "$kiosk_depends" "$needed"
done
for needed in libsqlite3-0 libpq5 libcpp-httplib; do expect_contains "porchlight-hub Depends" "$hub_depends" "$needed"; done
kiosk_files=$(dpkg-deb -c "$kiosk_deb")
for path in ./usr/bin/porchlight ./usr/bin/porchlight-admin ./etc/porchlight/kiosk.toml \
  ./usr/lib/systemd/system/porchlight-kiosk.service ./usr/libexec/porchlight/kiosk-session \
  ./etc/X11/xorg.conf.d/90-porchlight-kiosk.conf ./usr/share/doc/porchlight-kiosk/install.md; do
  expect_contains "porchlight-kiosk contents" "$kiosk_files" "$path"
done
hub_files=$(dpkg-deb -c "$hub_deb")
for path in ./usr/bin/porchlight-hub ./etc/porchlight/hub.toml ./usr/lib/systemd/system/porchlight-hub.service; do
  expect_contains "porchlight-hub contents" "$hub_files" "$path"
done
expect_contains "porchlight-kiosk conffiles" "$(dpkg-deb -I "$kiosk_deb" conffiles)" /etc/porchlight/kiosk.toml

say "apt install ./porchlight-kiosk ./porchlight-hub (dependencies come from the archive)"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q "$kiosk_deb" "$hub_deb" >"$work/apt.log" 2>&1 || { tail -40 "$work/apt.log" >&2; exit 1; }
touch "$kiosk_state/$marker" "$hub_state/$marker"
for program in /usr/bin/porchlight /usr/bin/porchlight-admin /usr/bin/porchlight-hub; do
  missing=$(ldd "$program" | grep 'not found' || true)
  [[ -z "$missing" ]] || fail "$program lacks libraries after apt install: $missing"
done
getent passwd porchlight >/dev/null || fail "the kiosk's user 'porchlight' was not made"
getent passwd porchlight-hub >/dev/null || fail "the hub's user 'porchlight-hub' was not made"
[[ $(stat -c '%U %a' "$kiosk_state") == "porchlight 700" ]] || fail "$kiosk_state is $(stat -c '%U %a' "$kiosk_state")"
[[ $(stat -c '%U %a' "$hub_state") == "porchlight-hub 700" ]] || fail "$hub_state is $(stat -c '%U %a' "$hub_state")"
[[ $(stat -c '%G %a' /etc/porchlight/hub.toml) == "porchlight-hub 640" ]] ||
  fail "/etc/porchlight/hub.toml is $(stat -c '%G %a' /etc/porchlight/hub.toml), not readable by the hub only"

say "systemd-analyze verify"
for unit in porchlight-kiosk.service porchlight-hub.service; do
  if ! systemd-analyze verify "/usr/lib/systemd/system/$unit" >"$work/verify.log" 2>&1; then
    fail "systemd-analyze verify $unit: $(cat "$work/verify.log")"
  elif [[ -s "$work/verify.log" ]]; then
    fail "systemd-analyze verify $unit complained: $(cat "$work/verify.log")"
  fi
done
hub_exec=$(sed -n 's/^ExecStart=//p' /usr/lib/systemd/system/porchlight-hub.service)
hub_user=$(sed -n 's/^User=//p' /usr/lib/systemd/system/porchlight-hub.service)
[[ "$hub_user" == porchlight-hub ]] || fail "the hub's unit runs as '$hub_user'"
for hardening in ProtectSystem=strict PrivateTmp=yes NoNewPrivileges=yes ProtectHome=yes; do
  grep -qx "$hardening" /usr/lib/systemd/system/porchlight-hub.service || fail "the hub's unit lacks $hardening"
done
# The unit's ceilings: a memory limit, and room for every connection thread hub.toml's default allows.
grep -q '^MemoryMax=[0-9]\+[KMG]$' /usr/lib/systemd/system/porchlight-hub.service || fail "the hub's unit has no MemoryMax"
hub_tasks=$(sed -n 's/^TasksMax=//p' /usr/lib/systemd/system/porchlight-hub.service)
hub_threads=$(sed -n 's/^#* *threads = \([0-9]\+\)$/\1/p' /etc/porchlight/hub.toml)
[[ -n "$hub_threads" ]] || fail "hub.toml does not show the default number of threads"
[[ "$hub_tasks" =~ ^[0-9]+$ && $hub_tasks -ge $((hub_threads + 64)) ]] ||
  fail "the hub's unit allows $hub_tasks tasks, too few for hub.toml's $hub_threads connection threads"

say "upgrade: the previous release's databases are backed up and migrated by installing again"
cp "$old_databases_tool" "$work/old-databases"
runuser -u porchlight -- "$work/old-databases" kiosk "$kiosk_state/kiosk.db"
runuser -u porchlight-hub -- "$work/old-databases" hub "$hub_state/hub.db"
apt-get install -y -q --reinstall "$kiosk_deb" "$hub_deb" >"$work/apt.log" 2>&1 || { tail -40 "$work/apt.log" >&2; exit 1; }
migrated_kiosk=$(runuser -u porchlight -- porchlight-admin migrate)
expect_contains "kiosk database after the upgrade" "$migrated_kiosk" "this version's: nothing to do"
expect_contains "kiosk upgrade output" "$(cat "$work/apt.log")" "Migrated $kiosk_state/kiosk.db from schema version"
ls "$kiosk_state"/backups/kiosk-schema*.db >/dev/null 2>&1 || fail "no backup of the kiosk database before migrating"
runuser -u porchlight -- porchlight-admin check-backup "$(ls "$kiosk_state"/backups/kiosk-schema*.db | head -1)" >/dev/null ||
  fail "the kiosk's upgrade backup is not a sound backup"
found=$(runuser -u porchlight -- porchlight-admin participant find gar)
expect_contains "a participant written by the previous release" "$found" "Maria G."
runuser -u porchlight -- porchlight-admin check >/dev/null || fail "porchlight-admin check fails after the upgrade"
migrated_hub=$(runuser -u porchlight-hub -- porchlight-hub migrate)
expect_contains "hub database after the upgrade" "$migrated_hub" "this version's: nothing to do"
ls "$hub_state"/backups/hub-schema*.db >/dev/null 2>&1 || fail "no backup of the hub database before migrating"
expect_contains "a center from the previous release" "$(sqlite3 "$hub_state/hub.db" 'SELECT name FROM center')" \
  "Old Town Center"
rm -f "$kiosk_state"/kiosk.db* "$hub_state"/hub.db*

say "the installed kiosk.toml is read: its database setting decides where porchlight-admin works"
sed -i "s|^database = .*|database = \"$kiosk_state/center.db\"|" /etc/porchlight/kiosk.toml
runuser -u porchlight -- porchlight-admin init --center-name "Eastside Wellness" --time-zone America/Chicago >/dev/null
[[ -f "$kiosk_state/center.db" ]] || fail "porchlight-admin did not use the database named in /etc/porchlight/kiosk.toml"
[[ ! -e "$kiosk_state/kiosk.db" ]] || fail "porchlight-admin used the old database path"
[[ $(stat -c '%U %a' "$kiosk_state/center.db") == "porchlight 600" ]] || fail "the database is not the kiosk's own"

say "the installed hub.toml is read: its listen setting decides the hub's port"
sed -i "s|^#* *listen = .*|listen = \"127.0.0.1:$port\"|" /etc/porchlight/hub.toml
grep -q "^listen = \"127.0.0.1:$port\"" /etc/porchlight/hub.toml || fail "hub.toml has no listen setting to change"
# Exactly the command the unit runs, as the unit's user.
read -r -a hub_command <<<"$hub_exec"
runuser -u porchlight-hub -- "${hub_command[@]}" >"$work/hub.out" 2>"$work/hub.err" &
hub_pid=$!
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
for _ in $(seq 1 100); do
  listening && break
  kill -0 "$hub_pid" 2>/dev/null || break
  sleep 0.1
done
listening || fail "the hub is not listening on the port set in hub.toml: $(cat "$work/hub.out" "$work/hub.err")"

say "enroll and sync the installed kiosk with the installed hub"
code=$(runuser -u porchlight-hub -- porchlight-hub enroll --center "Eastside Wellness" | tail -1)
runuser -u porchlight -- porchlight-admin participant add --first Ada --last Lovelace --consent --consent-share >"$work/added"
participant=$(tail -1 "$work/added")
runuser -u porchlight -- porchlight-admin signin --participant "$participant" --reason drop-in >/dev/null
runuser -u porchlight -- porchlight-admin sync enroll --hub "http://127.0.0.1:$port" --code "$code" --name front-desk
synced=$(runuser -u porchlight -- porchlight-admin sync now)
echo "$synced"
expect_contains "porchlight-admin sync now" "$synced" "pushed "
[[ "$synced" != *"pushed 0,"* ]] || fail "the kiosk pushed nothing: $synced"
devices=$(runuser -u porchlight-hub -- porchlight-hub devices list)
expect_contains "porchlight-hub devices list" "$devices" "Eastside Wellness"
expect_contains "porchlight-hub devices list" "$devices" "front-desk"
attendance=$(runuser -u porchlight-hub -- porchlight-hub report attendance --format csv)
expect_contains "the hub's attendance report" "$attendance" "Eastside Wellness"
status=$(runuser -u porchlight -- porchlight-admin sync status)
expect_contains "porchlight-admin sync status" "$status" "http://127.0.0.1:$port"
expect_contains "porchlight-admin sync status" "$status" "pending:        0"

say "the kiosk session script starts the installed kiosk on an X display, as the kiosk's user"
if command -v xvfb-run >/dev/null; then
  timeout 20 xvfb-run -a -s "-screen 0 1280x800x24 -ac" \
    runuser -u porchlight -- /usr/libexec/porchlight/kiosk-session >"$work/session.out" 2>"$work/session.err" || true
  expect_contains "the kiosk session" "$(cat "$work/session.err")" "first frame on screen"
else
  fail "xvfb-run is missing (scripts/setup test installs it)"
fi

kill "$hub_pid" 2>/dev/null && wait "$hub_pid" 2>/dev/null || true
hub_pid=""

if [[ $failures -ne 0 ]]; then
  echo "install_test: $failures check(s) failed" >&2
  exit 1
fi
echo "install_test: packages built, installed, verified, upgraded, configured and synced"
