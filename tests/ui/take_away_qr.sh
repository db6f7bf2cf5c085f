#!/bin/sh
# The real kiosk draws a service's card under Xvfb; its "Take this with you" QR code, read back from the PNG by
# zbarimg, must hold the service's name and phone.
# Usage: take_away_qr.sh PORCHLIGHT_BINARY OUTPUT_PNG XVFB_RUN ZBARIMG
set -eu
binary=$1
png=$2
xvfb_run=$3
zbarimg=$4
name="Eastside Food Bank"  # the demo directory's service that --screen help-detail shows
phone="(518) 555-0100"
rm -f "$png"
"$xvfb_run" -a -s "-screen 0 1280x800x24" "$binary" --screenshot "$png" --screen help-detail
decoded=$("$zbarimg" --quiet --raw "$png") || { echo "zbarimg found no code in $png"; exit 1; }
printf '%s\n' "$decoded"
case $decoded in *"$name"*) ;; *) echo "the code does not hold the name '$name'"; exit 1 ;; esac
case $decoded in *"$phone"*) ;; *) echo "the code does not hold the phone '$phone'"; exit 1 ;; esac
echo "ok: the code holds the name and the phone"
