#!/usr/bin/python3
"""Everything a build read, linked or ran from the system comes from a Debian package that scripts/setup installs.

After a build, this reads what the build actually used:
  - every header and source the compiler read from outside the checkout (the compiler's dependency files, *.o.d);
  - every library given to the linker (each target's link.txt: full paths and -l names);
  - every program CMake's find_program found (FILEPATH entries of CMakeCache.txt);
maps each file to the Debian package that owns it (dpkg's own file lists) and checks that package against what
`scripts/setup --list GROUP` installs for the group that builds that code, together with those packages' own
dependencies (Depends and Pre-Depends, no Recommends) and a minimal Debian's required packages. Code under tests/
belongs to the test group, the kiosk window (platform/, kiosk/ui, kiosk/app) to kiosk, packaging/ to package, the
rest (libraries, porchlight-admin, the hub) to build.

A problem names the file, the package it came from and the group of scripts/setup it belongs in. A file that no
package owns (/usr/local, a language manager's shims) is a problem too: a fresh machine would not have it.

Usage: dependency_audit.py --build BUILD_DIR --source SOURCE_DIR [--setup SCRIPT] [--strict]
  --strict  also fails when a program the tests look for was not found (CI sets it: a test that skips because
            its program is missing would otherwise pass unseen).
Exit 0: all used files accounted for; 1: problems (listed); 2: the audit itself could not run.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys
from collections import defaultdict

# The cumulative groups of scripts/setup, in order: each includes the ones before it.
GROUPS = ["build", "kiosk", "package", "test"]

# Where a build folder's code belongs, by its path inside the build (first match wins).
GROUP_OF_PATH = [
    ("tests/", "test"),
    ("platform/", "kiosk"),
    ("kiosk/ui/", "kiosk"),
    ("kiosk/app/", "kiosk"),
    ("packaging/", "package"),
]

# Merged /usr: dpkg may list a file under /lib while the compiler names it /usr/lib, or the other way round.
MERGED_USR_DIRS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


def fail_to_run(message):
    print(f"dependency audit: {message}", file=sys.stderr)
    sys.exit(2)


def group_of(relative_path):
    for prefix, group in GROUP_OF_PATH:
        if relative_path.startswith(prefix):
            return group
    return "build"


def canonical(path):
    path = os.path.normpath(path)
    for directory in MERGED_USR_DIRS:
        if path == directory or path.startswith(directory + "/"):
            return "/usr" + path
    return path


class Dpkg:
    """What dpkg knows of the installed packages: who owns each file, and each package's dependencies."""

    def __init__(self):
        self.owner = {}
        info = "/var/lib/dpkg/info"
        try:
            names = os.listdir(info)
        except OSError as error:
            fail_to_run(f"cannot read dpkg's database ({error}): is this a Debian machine?")
        for name in names:
            if not name.endswith(".list"):
                continue
            package = name[: -len(".list")].split(":")[0]
            with open(os.path.join(info, name), encoding="utf-8", errors="surrogateescape") as listing:
                for line in listing:
                    self.owner.setdefault(canonical(line.rstrip("\n")), package)
        fields = "${Package}\\t${db:Status-Abbrev}\\t${Priority}\\t${Essential}\\t${Provides}\\t${Depends}\\t${Pre-Depends}\\n"
        query = subprocess.run(["dpkg-query", "-W", "-f", fields], capture_output=True, text=True)
        if query.returncode != 0:
            fail_to_run(f"dpkg-query failed: {query.stderr.strip()}")
        self.installed = set()
        self.required = set()
        self.provided_by = defaultdict(set)
        self.depends = {}
        for line in query.stdout.splitlines():
            package, status, priority, essential, provides, depends, pre_depends = line.split("\t")
            if not status.startswith("ii"):
                continue
            self.installed.add(package)
            if priority == "required" or essential == "yes":
                self.required.add(package)
            for virtual in split_relations(provides):
                self.provided_by[virtual[0]].add(package)
            self.depends[package] = split_relations(depends) + split_relations(pre_depends)

    def owner_of(self, path):
        for candidate in (path, os.path.realpath(path)):
            package = self.owner.get(canonical(candidate))
            if package:
                return package
        return None

    def closure(self, packages):
        """The packages, and everything they depend on that is installed (any installed alternative counts)."""
        seen = set()
        pending = [p for p in packages if p in self.installed]
        while pending:
            package = pending.pop()
            if package in seen:
                continue
            seen.add(package)
            for alternatives in self.depends.get(package, []):
                for name in alternatives:
                    for candidate in {name} | self.provided_by.get(name, set()):
                        if candidate in self.installed and candidate not in seen:
                            pending.append(candidate)
        return seen


def split_relations(text):
    """'a (>= 1) | b:any, c' -> [['a', 'b'], ['c']]."""
    relations = []
    for clause in text.split(","):
        names = [re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", alternative).strip().split(":")[0]
                 for alternative in clause.split("|")]
        names = [name for name in names if name]
        if names:
            relations.append(names)
    return relations


def setup_groups(setup):
    packages = {}
    for group in GROUPS:
        listed = subprocess.run([setup, "--list", group], capture_output=True, text=True)
        if listed.returncode != 0:
            fail_to_run(f"{setup} --list {group} failed: {listed.stderr.strip()}")
        packages[group] = set(listed.stdout.split())
    return packages


def outside_checkout(path, roots):
    return os.path.isabs(path) and not any(path == root or path.startswith(root + "/") for root in roots)


def depfile_paths(text):
    """The prerequisites of a make-style dependency file (backslash-newline continuations, escaped spaces)."""
    text = text.replace("\\\n", " ")
    _, _, prerequisites = text.partition(": ")
    return [token.replace("\\ ", " ") for token in re.findall(r"(?:\\ |[^\s])+", prerequisites)]


def uses_of_build(build, roots):
    """(group, path, what used it) for every system file the build read or linked."""
    uses = []
    for folder, _, files in os.walk(build):
        relative_folder = os.path.relpath(folder, build)
        for name in files:
            full = os.path.join(folder, name)
            relative = os.path.join(relative_folder, name)
            if name.endswith(".o.d"):
                with open(full, encoding="utf-8", errors="surrogateescape") as depfile:
                    for path in depfile_paths(depfile.read()):
                        if outside_checkout(path, roots):
                            uses.append((group_of(relative), path, relative[: -len(".d")]))
            elif name == "link.txt":
                with open(full, encoding="utf-8") as link:
                    for path in linked_libraries(link.read(), folder):
                        if outside_checkout(path, roots):
                            uses.append((group_of(relative), path, os.path.dirname(relative)))
    return uses


LIBRARY_DIRS = ["/usr/lib/x86_64-linux-gnu", "/usr/lib", "/lib/x86_64-linux-gnu", "/lib"]


def library_named(name):
    """Where the linker finds -lNAME: the first shared or static library of that name in its search folders."""
    candidates = (os.path.join(directory, f"lib{name}{suffix}") for directory in LIBRARY_DIRS for suffix in (".so", ".a"))
    return next((path for path in candidates if os.path.exists(path)), None)


def linked_libraries(command, folder):
    found = []
    for token in shlex.split(command):
        if token.startswith("-l") and len(token) > 2:
            path = library_named(token[2:])
            if path:
                found.append(path)
        elif re.search(r"\.(so(\.\d+)*|a)$", token):
            path = token if os.path.isabs(token) else os.path.normpath(os.path.join(folder, token))
            if os.path.exists(path):
                found.append(path)
    return found


def uses_of_programs(build, source, roots):
    """(group, program, cache entry) for every program find_program put in the cache; and the ones not found."""
    cache = os.path.join(build, "CMakeCache.txt")
    try:
        with open(cache, encoding="utf-8") as text:
            entries = re.findall(r"^([A-Za-z0-9_]+):FILEPATH=(.*)$", text.read(), re.M)
    except OSError as error:
        fail_to_run(f"cannot read {cache} ({error}): build first")
    # The group of the CMakeLists.txt that names the entry; CMake's own entries (the compiler, ar, pkg-config)
    # belong to build.
    mentions = {}
    for folder, directories, files in os.walk(source):
        directories[:] = [d for d in directories if not d.startswith(".") and not d.startswith("build")]
        if "CMakeLists.txt" in files:
            with open(os.path.join(folder, "CMakeLists.txt"), encoding="utf-8") as lists:
                text = lists.read()
            relative = os.path.relpath(folder, source) + "/"
            for entry, _ in entries:
                if re.search(rf"\b{entry}\b", text):
                    mentions.setdefault(entry, group_of(relative))
    uses, missing = [], []
    for entry, value in entries:
        group = mentions.get(entry, "build")
        if value.endswith("-NOTFOUND"):
            if entry in mentions:
                missing.append((group, entry))
            continue
        if os.path.isfile(value) and os.access(value, os.X_OK) and outside_checkout(value, roots):
            uses.append((group, value, f"CMakeCache.txt {entry}"))
    return uses, missing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--setup")
    parser.add_argument("--strict", action="store_true")
    options = parser.parse_args()
    build = os.path.realpath(options.build)
    source = os.path.realpath(options.source)
    setup = options.setup or os.path.join(source, "scripts", "setup")
    roots = [build, source]

    dpkg = Dpkg()
    listed = setup_groups(setup)
    base = dpkg.closure(dpkg.required | {"apt"})  # what `debootstrap --variant=minbase` leaves
    allowed, cumulative = {}, set()
    for group in GROUPS:
        cumulative |= listed[group]
        allowed[group] = base | dpkg.closure(cumulative)

    uses = uses_of_build(build, roots)
    program_uses, missing_programs = uses_of_programs(build, source, roots)
    uses += program_uses
    if not uses:
        fail_to_run(f"nothing to check in {build}: build it first")

    # One problem per (package, group), with the first file that showed it.
    problems = {}
    unowned = {}
    packages_seen = set()
    for group, path, user in uses:
        package = dpkg.owner_of(path)
        if package is None:
            unowned.setdefault(path, user)
            continue
        packages_seen.add(package)
        if package not in allowed[group]:
            problems.setdefault((package, group), (path, user))

    for (package, group), (path, user) in sorted(problems.items()):
        print(f"{user} uses {path} from the Debian package {package}, which scripts/setup does not install "
              f"for the {group} group: add {package} to {group}_packages in scripts/setup")
    for path, user in sorted(unowned.items()):
        print(f"{user} uses {path}, which no Debian package installed: a fresh machine will not have it "
              f"(use the Debian package's copy, found on the Debian PATH /usr/bin:/bin)")
    for group, entry in sorted(missing_programs):
        print(f"{entry} was not found, so the tests that need it check nothing: add its Debian package to "
              f"{group}_packages in scripts/setup" + ("" if options.strict else " (a warning; --strict fails)"))

    failed = bool(problems or unowned or (options.strict and missing_programs))
    print(f"dependency audit: {len(uses)} uses of {len({path for _, path, _ in uses})} system files from "
          f"{len(packages_seen)} Debian packages checked against scripts/setup: "
          + ("FAILED" if failed else "all installed by it"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
