#!/bin/sh
# The dependency audit catches a package left out of scripts/setup: in a copy of scripts/setup, one package of the
# kiosk group (libxrandr-dev: the smoke test's glfw3native.h reads Xrandr.h) and one of the test group (sqlite3: the
# audit tests' shell, found by find_program) are removed; the audit must fail and name each with its group.
# Usage: dependency_audit_test.sh SOURCE_DIR BUILD_DIR WORK_DIR
set -eu
source_dir=$1
build_dir=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
sed -e 's/ libxrandr-dev / /' -e 's/^\( *\)sqlite3 /\1/' "$source_dir/scripts/setup" >"$work/setup"
chmod +x "$work/setup"
for package in libxrandr-dev sqlite3; do
  if "$work/setup" --list test | grep -qx "$package"; then
    echo "FAILED: could not remove $package from the copy of scripts/setup"
    exit 1
  fi
done

audit() { /usr/bin/python3 "$source_dir/tests/static/dependency_audit.py" --strict --build "$build_dir" --source "$source_dir" "$@"; }

# The real scripts/setup passes, so what follows is caused by the removals alone.
audit >"$work/real.log" 2>&1 || { cat "$work/real.log"; echo "FAILED: the audit fails with the real scripts/setup"; exit 1; }

status=0
audit --setup "$work/setup" >"$work/planted.log" 2>&1 || status=$?
cat "$work/planted.log"
[ "$status" -eq 1 ] || { echo "FAILED: the audit exited $status with two packages missing (expected 1)"; exit 1; }
grep -q "/usr/include/X11/extensions/Xrandr.h from the Debian package libxrandr-dev, .*for the kiosk group: add libxrandr-dev to kiosk_packages" "$work/planted.log" ||
  { echo "FAILED: libxrandr-dev was not named with its header and the kiosk group"; exit 1; }
grep -q "PORCHLIGHT_SQLITE3_SHELL uses /usr/bin/sqlite3 from the Debian package sqlite3, .*for the test group: add sqlite3 to test_packages" "$work/planted.log" ||
  { echo "FAILED: sqlite3 was not named with its program and the test group"; exit 1; }
echo "the audit named both planted omissions"
