# shellcheck shell=bash
# Sourced by the reliability scripts in bench/: JDK, an up-to-date jar, a fresh database, and
# starting, waiting for and killing one service process.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/lib-jdk.sh

# Builds target/outbound.jar when it is missing or older than src/main or pom.xml (like bin/run).
ensure_jar() {
  if [ ! -f target/outbound.jar ] || [ -n "$(find src/main pom.xml -newer target/outbound.jar -print -quit)" ]; then
    echo "building target/outbound.jar..." >&2
    mvn -q -B -DskipTests package >&2
  fi
}

# fresh_pg NAME: drops and creates database NAME on 127.0.0.1:5432.
fresh_pg() {
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

# store_env STORE DBNAME DATADIR: prints the environment for the store (postgres|h2).
store_env() {
  if [ "$1" = postgres ]; then
    echo "SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$2 SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= OUTBOUND_DATA_DIR=$3"
  else
    echo "OUTBOUND_DATA_DIR=$3"
  fi
}

# start_service LOG VAR=VALUE...: starts the jar in the background; sets $service_pid.
# SERVICE_JAR (default target/outbound.jar) and JAVA_OPTS choose what and how, e.g. the
# extracted jar with its AOT cache (bench/startup.sh).
start_service() {
  local log=$1
  shift
  env "$@" "$JAVA_HOME/bin/java" -Xmx512m ${JAVA_OPTS:-} -jar "${SERVICE_JAR:-target/outbound.jar}" >>"$log" 2>&1 &
  service_pid=$!
}

# wait_healthy PORT [SECONDS]: waits until /actuator/health answers 200; false on timeout.
wait_healthy() {
  local deadline=$((SECONDS + ${2:-120}))
  while [ $SECONDS -lt $deadline ]; do
    curl -sf -m 2 "http://127.0.0.1:$1/actuator/health" >/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# stop_service: SIGTERM and wait, if it still runs.
stop_service() {
  if [ -n "${service_pid:-}" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  service_pid=""
}
