#!/usr/bin/env bash
# Starts Keycloak 26.7.3 on loopback with Engram's realm (deploy/keycloak/engram-realm.json), for local use of the console:
#   deploy/keycloak.sh [--port N]        (default 8180; KEYCLOAK_PORT)
# The distribution comes from Maven Central (org.keycloak:keycloak-quarkus-dist, 176 MB), unpacked once into
# testing/target/keycloak by the testing module's "keycloak" profile, the same copy the end-to-end test uses.
# Development mode: an in-memory database (accounts are gone when it stops), HTTP on 127.0.0.1 only.
# Then start the dashboard with the printed QUARKUS_OIDC_* variables and open http://localhost:8082/console/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=26.7.3
HOME_DIR="$ROOT/testing/target/keycloak/keycloak-$VERSION"
port="${KEYCLOAK_PORT:-8180}"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "keycloak.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ ! -x "$HOME_DIR/bin/kc.sh" ]; then
  echo "keycloak.sh: unpacking Keycloak $VERSION into $HOME_DIR (downloads 176 MB the first time)"
  "$ROOT/engram" mvn -q -f "$ROOT/testing/pom.xml" -Pkeycloak dependency:unpack@unpack-keycloak
fi
# kc.sh needs Java 21+: the JDK the launcher picks (the same search as ./engram).
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for d in /usr/lib/jvm/*/; do
    if "${d}bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME="${d%/}"; fi
  done
fi

mkdir -p "$HOME_DIR/data/import"
cp "$ROOT/deploy/keycloak/engram-realm.json" "$HOME_DIR/data/import/engram-realm.json"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')}"
export ENGRAM_DASHBOARD_CLIENT_SECRET="${ENGRAM_DASHBOARD_CLIENT_SECRET:-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')}"

cat <<INFO
Keycloak:        http://127.0.0.1:$port  (admin console: http://127.0.0.1:$port/admin/)
Admin:           $KC_BOOTSTRAP_ADMIN_USERNAME / $KC_BOOTSTRAP_ADMIN_PASSWORD
Realm:           http://127.0.0.1:$port/realms/engram  (self-registration on)
Dashboard:       QUARKUS_OIDC_AUTH_SERVER_URL=http://127.0.0.1:$port/realms/engram \\
                 QUARKUS_OIDC_CLIENT_ID=engram-dashboard \\
                 QUARKUS_OIDC_CREDENTIALS_SECRET=$ENGRAM_DASHBOARD_CLIENT_SECRET
INFO
cd "$HOME_DIR"
exec bin/kc.sh start-dev --http-host=127.0.0.1 --http-port="$port" --hostname-strict=false --db=dev-mem --import-realm \
  --health-enabled=false --metrics-enabled=false
