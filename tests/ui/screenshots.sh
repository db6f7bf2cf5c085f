#!/bin/sh
# Draws every screen the kiosk lists, in English and in Spanish with larger text, under Xvfb at 1280x800.
# Usage: screenshots.sh PORCHLIGHT_BINARY OUTPUT_DIR XVFB_RUN
set -eu
binary=$1
out=$2
xvfb_run=$3
mkdir -p "$out"
screens=$("$binary" --list-screens)
[ -n "$screens" ] || { echo "no screens listed"; exit 1; }
failed=0
for screen in $screens; do
  for variant in en es-large; do
    case $variant in
      en) extra="" ;;
      es-large) extra="--language es --large-text" ;;
    esac
    png="$out/$screen-$variant.png"
    rm -f "$png"
    # shellcheck disable=SC2086
    if "$xvfb_run" -a -s "-screen 0 1280x800x24" "$binary" --screenshot "$png" --screen "$screen" $extra \
       && [ -s "$png" ]; then
      echo "ok $png"
    else
      echo "FAILED $screen ($variant)"
      failed=1
    fi
  done
done
exit $failed
