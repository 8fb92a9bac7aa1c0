#!/usr/bin/env bash
# Checks that the build is reproducible: two fresh clones of the current commit, in two different
# folders, built one after the other, must give byte-identical jars and SBOMs (every module's
# target/*.jar, cli/target/openitb-sbom.{json,xml}). Prints the differing files and exits 1 if any.
#   scripts/check-reproducible.sh [extra Maven options, e.g. -o]
# Takes two builds without tests (about 2-4 minutes each here). What makes it work: the fixed
# project.build.outputTimestamp in pom.xml (jar entry times), and maven-artifact-plugin's
# check-buildplan in every build, which fails on a plugin known to be non-reproducible.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for side in a b; do
  git clone -q --no-hardlinks "$ROOT" "$WORK/$side"
  echo "check-reproducible: build $side in $WORK/$side" >&2
  (cd "$WORK/$side" && ./mvnw -B -q -DskipTests "$@" verify >"$WORK/$side.log" 2>&1) || {
    echo "check-reproducible: build $side failed, see its log:" >&2; tail -40 "$WORK/$side.log" >&2; exit 2; }
  (cd "$WORK/$side" && find . -path ./.git -prune -o -path '*/target/*' \
      \( -name '*.jar' -o -name 'openitb-sbom.*' \) -print | sort | xargs sha256sum) >"$WORK/$side.sha256"
done
count=$(wc -l <"$WORK/a.sha256")
if [ "$count" -eq 0 ]; then echo "check-reproducible: no artifacts found" >&2; exit 2; fi
if diff "$WORK/a.sha256" "$WORK/b.sha256" >&2; then
  echo "check-reproducible: $count artifacts byte-identical across two builds"
else
  echo "check-reproducible: the builds differ (lines above)" >&2; exit 1
fi
