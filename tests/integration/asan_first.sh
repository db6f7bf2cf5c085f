#!/bin/sh
# Runs "$@" with AddressSanitizer's runtime ($ASAN_RUNTIME, when set) first in LD_PRELOAD, ahead of what fiu-run
# put there. libfiu's POSIX preload wraps malloc, and ASan's start-up calls malloc before libfiu is ready (a
# segfault); with ASan first, its interceptors call on into libfiu's pwrite, fdatasync, ... and faults still fire.
# Usage: fiu-run ... sh asan_first.sh PROGRAM ARGS...
if [ -n "${ASAN_RUNTIME:-}" ]; then
  LD_PRELOAD="$ASAN_RUNTIME${LD_PRELOAD:+ $LD_PRELOAD}"
  export LD_PRELOAD
fi
exec "$@"
