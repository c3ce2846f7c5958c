#!/usr/bin/env bash
# Dispatch benchmark (one node, PostgreSQL, simulator at talk time 0).
#   bench/dispatch.sh [BATCHES] [ROWS_PER_BATCH] [WINDOW_SECONDS]   (defaults: 2000 120 60)
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib-jdk.sh 2>/dev/null || export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
batches=${1:-2000}; rows=${2:-120}; window=${3:-60}
port=18183
key=bench-key-$RANDOM$RANDOM
work=$(mktemp -d /tmp/outbound-bench.XXXX)
[ -f target/outbound.jar ] || mvn -q -B -DskipTests package
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS bench_dispatch" -c "CREATE DATABASE bench_dispatch"
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/bench_dispatch SPRING_DATASOURCE_USERNAME=postgres \
  OUTBOUND_DATA_DIR="$work" SERVER_PORT=$port OUTBOUND_BOOTSTRAP_API_KEY=$key OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_SIMULATOR_TALK_TIME=0s \
  "$JAVA_HOME/bin/java" -Xmx1g -jar target/outbound.jar >"$work/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 0.5; done
python3 bench/dispatch.py $port "$key" $pid "$batches" "$rows" "$window" bench_dispatch
