#!/bin/sh
# Compares two folders of kiosk screenshots (made by screenshots.sh from two builds, e.g. before and after a
# refactor) and names every screen that changed. The kiosk's PNG writer is deterministic (same pixels, same bytes),
# so equal files mean equal pixels. A screen only in AFTER is new and listed; one only in BEFORE is gone: a failure.
# Usage: compare_screenshots.sh BEFORE_DIR AFTER_DIR [EXPECTED_CHANGE...]
#   EXPECTED_CHANGE: file names (welcome-en.png) a fixed defect is allowed to change; they are listed, not failed.
set -eu
before=$1
after=$2
shift 2
same=0; changed=0; expected=0; gone=0; new=0
for png in "$before"/*.png; do
  [ -e "$png" ] || { echo "no screenshots in $before"; exit 1; }
  name=$(basename "$png")
  if [ ! -e "$after/$name" ]; then echo "GONE    $name"; gone=$((gone + 1)); continue; fi
  if cmp -s "$png" "$after/$name"; then same=$((same + 1)); continue; fi
  allowed=no
  for name_allowed in "$@"; do [ "$name_allowed" = "$name" ] && allowed=yes; done
  if [ $allowed = yes ]; then echo "changed (expected) $name"; expected=$((expected + 1))
  else echo "CHANGED $name"; changed=$((changed + 1)); fi
done
for png in "$after"/*.png; do
  [ -e "$png" ] || continue
  name=$(basename "$png")
  [ -e "$before/$name" ] || { echo "new     $name"; new=$((new + 1)); }
done
echo "$same identical, $changed changed, $expected changed as expected, $new new, $gone gone"
[ $changed -eq 0 ] && [ $gone -eq 0 ]
