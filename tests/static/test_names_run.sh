#!/bin/sh
# CTest splits a test's name at ';' (it is CMake's list separator), so a doctest case whose name holds one is
# registered under a name that matches no case: it "passes" without running. Refuse such names.
# Usage: test_names_run.sh SOURCE_DIR
set -eu
root=$1
found=$(grep -rn --include='*.cpp' -E 'TEST_CASE\("[^"]*;' "$root/tests" || true)
if [ -n "$found" ]; then
  echo "test names with ';' never run under ctest; use ' - ' instead:"
  echo "$found"
  exit 1
fi
echo "ok: no test name holds ';'"
