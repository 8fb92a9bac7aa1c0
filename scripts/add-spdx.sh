#!/usr/bin/env bash
# Adds the licence line `SPDX-License-Identifier: Apache-2.0` to every tracked Java source file that
# lacks it (as its first line). Safe to run again: files that have it are left alone.
#   scripts/add-spdx.sh          add the line where it is missing
#   scripts/add-spdx.sh --check  only list the files without it; exit 1 if there are any
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LINE='// SPDX-License-Identifier: Apache-2.0'
missing=0
while IFS= read -r f; do
  [ -f "$f" ] || continue
  if ! head -n 3 "$f" | grep -q 'SPDX-License-Identifier:'; then
    missing=$((missing + 1))
    if [ "${1:-}" = "--check" ]; then
      echo "no SPDX licence line: $f"
    else
      { printf '%s\n' "$LINE"; cat "$f"; } >"$f.spdx" && mv "$f.spdx" "$f"
    fi
  fi
done < <(git ls-files --cached --others --exclude-standard -- '*.java')
if [ "${1:-}" = "--check" ] && [ "$missing" -gt 0 ]; then
  echo "$missing file(s) without the SPDX licence line; run scripts/add-spdx.sh" >&2
  exit 1
fi
[ "${1:-}" = "--check" ] || echo "add-spdx: added the licence line to $missing file(s)"
