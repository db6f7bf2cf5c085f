#!/bin/sh
# Runs a command with a real PostgreSQL server of its own: a new cluster in a temporary folder, on a free
# loopback port, gone afterwards. The command finds it in PORCHLIGHT_TEST_POSTGRES (a libpq URL with a superuser).
# Usage: with_postgres.sh COMMAND [ARGS...]
# The server comes from Debian's postgresql package (scripts/setup test installs it). PostgreSQL refuses to run
# as root, so as root the cluster belongs to the 'postgres' user.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with_postgres: PostgreSQL's server is not installed (run scripts/setup test)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/porchlight-pg-XXXXXX")
chmod 755 "$work"
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$work"
  as_owner() { runuser -u postgres -- "$@"; }
fi
stop() {
  as_owner "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT INT TERM

as_owner "$bin/initdb" -D "$work/data" -U porchlight --auth=trust -E UTF8 --no-sync >"$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log" >&2; exit 1; }
# A free port: ask the kernel for one, then hand it to the server.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_owner "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >/dev/null ||
  { cat "$work/server.log" >&2; exit 1; }

export PORCHLIGHT_TEST_POSTGRES="postgresql://porchlight@127.0.0.1:$port/postgres"
echo "with_postgres: PostgreSQL $("$bin/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$port"
"$@"
