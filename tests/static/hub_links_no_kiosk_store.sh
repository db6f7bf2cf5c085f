#!/bin/sh
# porchlight-hub links the formats, the sync protocol and its own libraries, never the kiosk's store
# (porchlight_core): CMake's target graph of a scratch configuration of <source> is read for porchlight-hub's
# dependencies, direct and transitive.
# Usage: hub_links_no_kiosk_store.sh <source folder> <scratch folder>
set -eu
source_dir=$1
scratch=$2
rm -rf "$scratch"
mkdir -p "$scratch"
if ! cmake -S "$source_dir" -B "$scratch/build" -DPORCHLIGHT_BUILD_UI=OFF -DPORCHLIGHT_BUILD_TESTS=OFF \
    --graphviz="$scratch/targets.dot" >"$scratch/configure.log" 2>&1; then
  cat "$scratch/configure.log"
  echo "FAIL: cannot configure $source_dir"
  exit 1
fi
graph="$scratch/targets.dot.porchlight-hub"
# A graph that lacks what the hub surely links was not read right: fail rather than pass on nothing.
if [ ! -f "$graph" ] || ! grep -q 'label = "porchlight_sync_protocol"' "$graph"; then
  echo "FAIL: no target graph of porchlight-hub in $scratch"
  exit 1
fi
if grep -q 'label = "porchlight_core"' "$graph"; then
  echo "FAIL: porchlight-hub links porchlight_core, the kiosk's store; its libraries:"
  sed -n 's/.*label = "\([^"]*\)".*/  \1/p' "$graph"
  exit 1
fi
echo "ok: porchlight-hub links no porchlight_core"
