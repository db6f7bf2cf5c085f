#!/bin/sh
# The directory porchlight-admin exports validates as HSDS 3.0: the JSON against the official compiled schema
# (python3-jsonschema), the CSV package against its datapackage.json and the official one.
# Usage: export_validates.sh PORCHLIGHT_ADMIN TESTS_DATA_HSDS WORK_DIR
set -eu
admin="$1"
data="$2"
work="$3"
here="$(dirname "$0")"
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "python3-jsonschema is not installed (scripts/setup test installs it): skipping"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
db="$work/directory.db"
# The demo town's directory, the official example package and the official example JSON service, together.
"$admin" --db "$db" demo --participants 5 --weeks 1 >/dev/null
"$admin" --db "$db" directory import "$data/example-csv" >/dev/null
"$admin" --db "$db" directory import "$data/service_full.json" >/dev/null
"$admin" --db "$db" directory export --format json "$work/directory.json" >/dev/null
"$admin" --db "$db" directory export --format csv "$work/package" >/dev/null
# The validator itself accepts the official example and refuses a broken copy of it.
python3 "$here/validate_export.py" json "$work/directory.json" "$data/schema/service_with_definitions.json"
python3 "$here/validate_export.py" csv "$work/package" "$data/example-csv/datapackage.json"
python3 - "$data/service_full.json" "$work/official.json" "$work/broken.json" <<'PY'
import json, sys
service = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump([service], open(sys.argv[2], "w"))
del service["name"]
json.dump([service], open(sys.argv[3], "w"))
PY
python3 "$here/validate_export.py" json "$work/official.json" "$data/schema/service_with_definitions.json" >/dev/null
if python3 "$here/validate_export.py" json "$work/broken.json" "$data/schema/service_with_definitions.json" >/dev/null; then
  echo "the validator accepted a service without a name"
  exit 1
fi
echo "exports validate"
