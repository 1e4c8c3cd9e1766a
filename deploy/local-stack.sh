#!/usr/bin/env bash
# The distributed Engram platform on this machine, without Docker (docs/local-stack.md):
# Kafka, PostgreSQL, the Qdrant emulator (in memory: for tests and local use, not a production index), one api-gateway and
# N ingest-workers, each its own process on 127.0.0.1. Prints the URLs, the admin key and the log files; Ctrl-C stops all.
#
#   deploy/local-stack.sh [--workers N (2)] [--partitions N (4)] [--keycloak KEYCLOAK_HOME] [--dashboard]
#                         [--work-dir DIR] [--admin-key KEY] [--rebuild]
#
# --keycloak starts Keycloak (an unpacked org.keycloak:keycloak-quarkus-dist 26.x zip) with the engram realm and turns on
# the gateway's OIDC tenant; --dashboard (the dashboard-backend) needs it.
# While it runs, type 'kill 1' (SIGKILL worker 1), 'term 1', 'restart 1', 'status' or 'stop' into it.
# Needs a JDK 21+ (found by ./engram) and PostgreSQL's server binaries (apt-get install postgresql).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

rebuild=false dashboard=false
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild) rebuild=true; shift ;;
    --dashboard) dashboard=true; args+=("$1"); shift ;;
    --workers|--partitions|--work-dir|--admin-key|--keycloak)
      [ $# -ge 2 ] || { echo "local-stack: $1 needs a value" >&2; exit 2; }
      args+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "local-stack: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
# The work directory defaults to one place per checkout, so logs of the last run are easy to find.
case " ${args[*]:-} " in *" --work-dir "*) ;; *) args+=(--work-dir "$ROOT/target/local-stack") ;; esac

# The JDK: the one ./engram found (./engram stack exports it as JAVA_HOME), else ask the launcher which one it uses.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1; }
java_home="${JAVA_HOME:-}"
if [ -z "$java_home" ] || [ ! -x "$java_home/bin/java" ] || [ "$(java_major "$java_home/bin/java")" -lt 21 ] 2>/dev/null; then
  java_home="$("$ROOT/engram" mvn -v 2>/dev/null | awk -F': ' '/^Java home/ {print $2; exit}')"
fi
[ -n "$java_home" ] && [ -x "$java_home/bin/java" ] || { echo "local-stack: no JDK 21+ found (see ./engram)" >&2; exit 1; }

modules=(testing api-gateway ingest-worker)
$dashboard && modules+=(dashboard-backend)
jars=(api-gateway/target/quarkus-app/quarkus-run.jar ingest-worker/target/quarkus-app/quarkus-run.jar)
$dashboard && jars+=(dashboard-backend/target/quarkus-app/quarkus-run.jar)

# True when a runnable jar or the testing classes are missing, or older than a source or build file they are made from.
# (The compiler rewrites every class of a module it recompiles, so LocalStackMain.class dates the testing classes.)
stale() {
  local outputs=("${jars[@]}" testing/target/classes/dev/engram/testing/stack/LocalStackMain.class) out
  for out in "${outputs[@]}" testing/target/runtime-classpath.txt; do [ -e "$out" ] || return 0; done
  local oldest
  oldest="$(ls -t "${outputs[@]}" | tail -1)"
  local sources=(pom.xml memory-core/pom.xml memory-core/src/main platform/pom.xml platform/src/main testing/pom.xml testing/src/main)
  local m
  for m in "${modules[@]}"; do sources+=("$m/pom.xml" "$m/src/main"); done
  [ -n "$(find "${sources[@]}" -newer "$oldest" -type f -print -quit 2>/dev/null)" ]
}

if $rebuild || stale; then
  echo "local-stack: building ${modules[*]} (and what they need): ./engram mvn -q package -DskipTests"
  modules_csv="$(IFS=,; echo "${modules[*]}")"
  "$ROOT/engram" mvn -q package -DskipTests -pl "$modules_csv" -am
fi

classpath="$ROOT/testing/target/classes:$(cat "$ROOT/testing/target/runtime-classpath.txt")"
# exec: the JVM becomes this process, so Ctrl-C reaches it and its shutdown hook stops every part of the stack.
# (kafka-clients logs through SLF4J, which has no provider here: its "no providers" notice is noise.)
exec "$java_home/bin/java" -Xmx512m -cp "$classpath" -Dengram.repository.root="$ROOT" -Dslf4j.internal.verbosity=ERROR \
  dev.engram.testing.stack.LocalStackMain "${args[@]}"
