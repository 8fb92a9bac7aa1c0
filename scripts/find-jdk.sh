# Sourced by ./itb, bench/run and bench/clinic-load: find_jdk NAME prints the first JDK >= 21 among JAVA_HOME, Temurin 25
# and /usr/lib/jvm/*, reading each one's release file (no JVM start); otherwise it says so, as NAME, and fails.
MIN_JAVA=21

java_major() { # the major version of the JDK in $1, or 0
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true)
  echo "${v:-0}"
}

find_jdk() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -n "$c" ] && [ -x "$c/bin/java" ] && [ "$(java_major "$c")" -ge "$MIN_JAVA" ]; then
      echo "$c"; return 0
    fi
  done
  echo "$1: no JDK >= $MIN_JAVA found (looked at JAVA_HOME and /usr/lib/jvm/*); install Temurin 21+ and retry" >&2
  return 1
}
