#!/usr/bin/env bash
# Prints line and branch coverage per module from the JaCoCo reports that `./mvnw -B verify` writes
# (<module>/target/site/jacoco/jacoco.csv). Each module's figure counts only its own tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
printf '%-12s %8s %8s\n' module lines branches
for csv in "$ROOT"/*/target/site/jacoco/jacoco.csv; do
  [ -f "$csv" ] || continue
  module="$(basename "$(dirname "$(dirname "$(dirname "$(dirname "$csv")")")")")"
  awk -F, -v m="$module" 'NR > 1 { bm += $6; bc += $7; lm += $8; lc += $9 }
    END { printf "%-12s %7.0f%% %7.0f%%\n", m, (lm + lc) ? 100 * lc / (lm + lc) : 0, (bm + bc) ? 100 * bc / (bm + bc) : 0 }' "$csv"
done
