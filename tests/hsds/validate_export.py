#!/usr/bin/env python3
"""Checks an exported directory the way another HSDS tool would read it.

  validate_export.py json EXPORT.json SCHEMA.json
      every service in the list validates against the official compiled schema
      (schema/compiled/service_with_definitions.json) with python3-jsonschema;
  validate_export.py csv FOLDER [OFFICIAL_DATAPACKAGE.json]
      every CSV matches the datapackage.json beside it (columns, required values, types, enums, unique ids,
      foreign keys), and, when given, the official datapackage.json's definition of the same resources.
Prints one line per problem and exits 1 if there is any.
"""
import csv
import datetime
import json
import os
import re
import sys

UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
problems = []


def check_json(export_path, schema_path):
    import jsonschema
    services = json.load(open(export_path, encoding="utf-8"))
    schema = json.load(open(schema_path, encoding="utf-8"))
    if not isinstance(services, list) or not services:
        problems.append(f"{export_path}: expected a non-empty list of services")
        return 0
    validator = jsonschema.validators.validator_for(schema)(schema)
    for index, service in enumerate(services):
        for error in validator.iter_errors(service):
            path = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{export_path}[{index}] {path}: {error.message}")
    return len(services)


def value_ok(field, value):
    kind = field.get("type", "string")
    try:
        if kind == "number":
            float(value)
        elif kind == "integer":
            int(value)
        elif kind == "date":
            datetime.date.fromisoformat(value)
        elif kind == "time":
            datetime.time.fromisoformat(value)
        elif kind == "datetime":
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return f"'{value}' is not a {kind}"
    if field.get("format") == "uuid" and not UUID.match(value):
        return f"'{value}' is not a uuid"
    allowed = field.get("constraints", {}).get("enum")
    if allowed and value not in allowed:
        return f"'{value}' is not one of {allowed}"
    return None


def check_csv(folder, official_path):
    package = json.load(open(os.path.join(folder, "datapackage.json"), encoding="utf-8"))
    official = {}
    if official_path:
        for resource in json.load(open(official_path, encoding="utf-8"))["resources"]:
            official[resource["name"]] = resource
    tables = {}
    rows_total = 0
    for resource in package["resources"]:
        path = os.path.join(folder, resource["path"])
        if not os.path.exists(path):
            problems.append(f"{resource['path']}: listed in datapackage.json but missing")
            continue
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            rows = list(reader)
        fields = resource["schema"]["fields"]
        names = [f["name"] for f in fields]
        if header != names:
            problems.append(f"{resource['path']}: header {header} is not the datapackage's {names}")
        definitions = [fields]
        if resource["name"] in official:
            theirs = {f["name"]: f for f in official[resource["name"]]["schema"]["fields"]}
            for name in header:
                if name not in theirs:
                    problems.append(f"{resource['path']}: column {name} is not in the official {resource['name']}")
            for name, field in theirs.items():
                if field.get("constraints", {}).get("required") and name not in header:
                    problems.append(f"{resource['path']}: required official column {name} is missing")
            definitions.append([theirs[n] for n in header if n in theirs])
        tables[resource["name"]] = [dict(zip(header, row)) for row in rows]
        rows_total += len(rows)
        seen = set()
        for line, row in enumerate(rows, start=2):
            record = dict(zip(header, row))
            if len(row) != len(header):
                problems.append(f"{resource['path']} line {line}: {len(row)} values for {len(header)} columns")
            for definition in definitions:
                for field in definition:
                    value = record.get(field["name"], "")
                    if value == "":
                        if field.get("constraints", {}).get("required"):
                            problems.append(f"{resource['path']} line {line}: {field['name']} is required")
                        continue
                    why = value_ok(field, value)
                    if why:
                        problems.append(f"{resource['path']} line {line}: {field['name']} {why}")
            key = record.get("id")
            if key in seen:
                problems.append(f"{resource['path']} line {line}: id {key} is not unique")
            seen.add(key)
    for resource in package["resources"]:
        for foreign in resource["schema"].get("foreignKeys", []):
            target = foreign["reference"]["resource"]
            ids = {row.get("id") for row in tables.get(target, [])}
            for line, row in enumerate(tables.get(resource["name"], []), start=2):
                value = row.get(foreign["fields"], "")
                if value and value not in ids:
                    problems.append(f"{resource['path']} line {line}: {foreign['fields']} {value} is not a {target}")
    return rows_total


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "json":
        count = check_json(sys.argv[2], sys.argv[3])
        what = f"{count} services"
    elif len(sys.argv) in (3, 4) and sys.argv[1] == "csv":
        count = check_csv(sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None)
        what = f"{count} rows"
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    print(f"{what}, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
