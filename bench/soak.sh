#!/usr/bin/env bash
# Soak of issue 19: a long mixed run against the built-in simulator with faults (not in CI).
#
#   bench/soak.sh                 10 minutes (the default)
#   bench/soak.sh --duration 300  any bounded length, in seconds
#   bench/soak.sh --concurrency 24 --out soak-report.txt
#
# bench/soak/Soak.java starts the simulator in its own JVM and the gateway jar as a separate process
# (-Xmx256m), then runs OpenAI, Anthropic and Responses streams and whole answers, tool calls,
# clients that leave mid-stream and clients that read slowly, while upstream faults (5xx, cut
# streams, overload, a silent upstream, HTML pages) and admin changes (credentials added and
# removed) go on. Every 30 s it samples the gateway's RSS, heap after a full GC (jcmd), file
# descriptors and threads; at the end it checks that no request went unanswered, that answers did
# not cross between requests, that every answered request reached the simulator, and that the file
# descriptors are back near the baseline. docs/PERFORMANCE.md ("Soak") keeps the figures.
#
# Loopback only; builds the jar first when it is missing. Everything it starts ends with it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$ROOT/gateway/target/warp2api.jar"
find_java() { # a JDK >= 21, as the ./warp2api launcher looks for one (the default java may be older)
  local c v
  for c in "${JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -n "$c" && -x "$c" ]] || continue
    v=$("$c" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    [[ "${v%%.*}" =~ ^[0-9]+$ ]] && ((${v%%.*} >= 21)) && { echo "$c"; return; }
  done
  return 1
}
JAVA=$(find_java) || { echo "soak: no JDK 21 or newer found (JAVA, JAVA_HOME, PATH, /usr/lib/jvm)" >&2; exit 1; }
DURATION=600
ARGS=()
while (($#)); do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --concurrency|--out) ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "usage: bench/soak.sh [--duration SECONDS] [--concurrency N] [--out FILE]" >&2; exit 2 ;;
  esac
done
[[ "$DURATION" =~ ^[0-9]+$ ]] && ((DURATION >= 30 && DURATION <= 86400)) \
  || { echo "soak: --duration must be 30..86400 seconds" >&2; exit 2; }

if [[ ! -f "$JAR" ]]; then
  (cd "$ROOT" && ./mvnw -q -o -pl gateway -DskipTests package)
fi
cd "$ROOT"
exec timeout $((DURATION + 300)) "$JAVA" -Xmx512m -cp "$JAR" bench/soak/Soak.java \
  --duration "$DURATION" --jar "$JAR" --java "$JAVA" "${ARGS[@]}"
