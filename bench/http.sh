#!/usr/bin/env bash
# HTTP throughput: wrk -t2 -c32 against the service and, in the same run, against the bare Spring
# Boot app in bench/reference-app (same Spring Boot version, same PostgreSQL), one endpoint pair
# at a time (reference first, then the service), and prints req/s, p50, p99 and the ratio
# service / reference of the rates.
#
#   bench/http.sh                 DURATION=10s WARMUP=20s by default; warm-up then goes on in
#                                 rounds of 10 s until two rounds' rates differ by under 10 %
#                                 (at most MAX_ROUNDS=12), so each app is measured warm
#   PORT=19301 REF_PORT=19302 DB=h3_http   the service's and the reference's ports, the database
#   ONLY=batch                    only the GET-of-a-batch pair (batch|health|static|openapi)
#
# Pairs: GET of a batch (1,000 requests, PostgreSQL, API key)  vs  GET /items/{id} (one SELECT 1)
#        /actuator/health                                      vs  /actuator/health (actuator's own)
#        /console/assets/console.js                            vs  the same file, Spring's static handler
#        /openapi.json                                         vs  the same bytes as a static file
# The service runs with its rate limits raised far above what wrk reaches (not turned off), so
# the limiter's work is measured but never refuses. JAVA_OPTS is passed to both JVMs;
# SERVICE_OPTS to the service only (e.g. -XX:StartFlightRecording=...). OUTBOUND_JAR=path runs
# that jar instead of building target/outbound.jar (to measure an older build in the same way).
set -euo pipefail
source "$(dirname "$0")/lib-service.sh"
duration=${DURATION:-10s}
# A fixed 5 s measured the service's JIT compiler, not the service: after 5 s of GET of a batch
# it still spent 0.8-1.2 ms of CPU per request, after 40-60 s 0.12-0.17 ms; on a busy machine
# even 40 s was not always enough (docs/benchmarks.md, part D). The bare app has far less code
# to compile and is warm much sooner. So warm-up lasts until the rate stops climbing.
warmup=${WARMUP:-20s}
max_rounds=${MAX_ROUNDS:-12}
port=${PORT:-19301}
ref_port=${REF_PORT:-19302}
db=${DB:-h3_http}
key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-http.XXXX)
ref_pid=""
cleanup() {
  stop_service
  if [ -n "$ref_pid" ]; then kill "$ref_pid" 2>/dev/null || true; wait "$ref_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

jar=${OUTBOUND_JAR:-}
if [ -z "$jar" ]; then
  ensure_jar
  jar=target/outbound.jar
fi
ref_jar=bench/reference-app/target/reference-app.jar
if [ ! -f $ref_jar ] || [ -n "$(find bench/reference-app/src bench/reference-app/pom.xml src/main/resources/static -newer $ref_jar -print -quit)" ]; then
  echo "building $ref_jar..." >&2
  mvn -q -B -f bench/reference-app/pom.xml -DskipTests package >&2
fi
mkdir -p target/bench
[ -f target/bench/calllist-1000.csv ] || python3 bench/gen-calllist.py 1000 target/bench/calllist-1000.csv

fresh_pg $db
env $(store_env postgres $db "$work") SERVER_PORT=$port \
  OUTBOUND_BOOTSTRAP_API_KEY="$key" OUTBOUND_API_RATE_LIMIT=1000000 OUTBOUND_API_RATE_BURST=1000000 \
  OUTBOUND_API_ORG_RATE_LIMIT=1000000 OUTBOUND_API_ORG_RATE_BURST=1000000 \
  "$JAVA_HOME/bin/java" -Xmx512m ${JAVA_OPTS:-} ${SERVICE_OPTS:-} -jar "$jar" >"$work/service.log" 2>&1 &
service_pid=$!
wait_healthy $port 400 || { tail -50 "$work/service.log"; exit 1; }

api() { curl -sS -H "Syllable-API-Key: $key" -H 'Content-Type: application/json' "$@"; }
cid=$(api -X POST "http://127.0.0.1:$port/api/v1/outbound/campaigns" \
  -d '{"campaign_name":"bench","campaign_variables":{},"caller_id":null,"active_days":["mon"]}' \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
api -X POST "http://127.0.0.1:$port/api/v1/outbound/batches" -d "{\"batch_id\":\"b1000\",\"campaign_id\":$cid}" >/dev/null
curl -sS -H "Syllable-API-Key: $key" -F "file=@target/bench/calllist-1000.csv" \
  "http://127.0.0.1:$port/api/v1/outbound/batches/b1000/upload_batch" >/dev/null
psql -q -h 127.0.0.1 -U postgres -d $db -c "VACUUM ANALYZE"

# The reference serves the service's OpenAPI document as a plain static file.
mkdir -p "$work/ref-static"
curl -sSf "http://127.0.0.1:$port/openapi.json" -o "$work/ref-static/openapi.json"
env SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD= SERVER_PORT=$ref_port \
  SPRING_WEB_RESOURCES_STATIC_LOCATIONS="classpath:/static/,file:$work/ref-static/" \
  "$JAVA_HOME/bin/java" -Xmx512m ${JAVA_OPTS:-} -jar $ref_jar >"$work/reference.log" 2>&1 &
ref_pid=$!
wait_healthy $ref_port 400 || { tail -50 "$work/reference.log"; exit 1; }

# to_ms VALUE: wrk's "812.00us", "1.23ms", "1.01s" in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# cpu_ticks PID...: user + system clock ticks used so far by these processes (all their threads).
cpu_ticks() {
  local t=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && t=$((t + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")))
  done
  echo $t
}

# backends: the PostgreSQL backends connected to the benchmark's database (both apps' pools).
backends() {
  psql -qAt -h 127.0.0.1 -U postgres -d postgres \
    -c "SELECT pid FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()" | tr '\n' ' '
}

# measure NAME URL HEADER LABEL PID: warms up, then one wrk run; prints one line and sets $rate.
# cpu_ms/req is the CPU the app's JVM (PID) and the database's backends spent per request during
# the measured run: on a loaded machine it moves much less than req/s does.
measure() {
  local name=$1 url=$2 header=$3 label=$4 pid=$5 out pgs jvm0 pg0 jvm1 pg1 hz
  wrk -t2 -c32 -d"$warmup" -H "$header" "$url" >/dev/null
  local prev=0 now round=0
  while [ $round -lt "$max_rounds" ]; do
    round=$((round + 1))
    now=$(wrk -t2 -c32 -d10s -H "$header" "$url" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
    awk -v a="$prev" -v b="$now" 'BEGIN { exit !(a > 0 && b < a * 1.1 && b > a * 0.9) }' && break
    prev=$now
  done
  pgs=$(backends)
  jvm0=$(cpu_ticks "$pid")
  pg0=$(cpu_ticks $pgs)
  out=$(wrk -t2 -c32 -d"$duration" --latency -H "$header" "$url")
  jvm1=$(cpu_ticks "$pid")
  pg1=$(cpu_ticks $pgs)
  hz=$(getconf CLK_TCK)
  rate=$(echo "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
  local total p50 p99 bad jvm_ms pg_ms
  total=$(echo "$out" | awk '/requests in/ { print $1 }')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  bad=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  jvm_ms=$(awk -v t=$((jvm1 - jvm0)) -v hz="$hz" -v n="$total" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')
  pg_ms=$(awk -v t=$((pg1 - pg0)) -v hz="$hz" -v n="$total" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')
  printf '%-28s %-9s req/s=%-7s p50_ms=%-7s p99_ms=%-7s cpu_ms/req jvm=%-6s pg=%-6s warm-up=%s+%dx10s%s\n' \
    "$name" "$label" "$rate" "$p50" "$p99" "$jvm_ms" "$pg_ms" "$warmup" "$round" "${bad:+ non_2xx=$bad}"
}

# pair NAME SERVICE_URL REFERENCE_URL [HEADER]: the reference, the service, and the ratio.
pair() {
  local ref_rate svc_rate
  measure "$1" "$3" "X-Bench: 1" reference "$ref_pid"
  ref_rate=$rate
  measure "$1" "$2" "${4:-X-Bench: 1}" service "$service_pid"
  svc_rate=$rate
  printf '%-28s ratio service/reference = %s\n' "$1" "$(echo "scale=2; $svc_rate / $ref_rate" | bc)"
}

echo "wrk -t2 -c32 -d$duration (after -d$warmup warm-up and rounds until steady), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
only=${ONLY:-}
if [ -z "$only" ] || [ "$only" = batch ]; then
  pair "GET batch (1,000 requests)" "http://127.0.0.1:$port/api/v1/outbound/batches/b1000" \
    "http://127.0.0.1:$ref_port/items/b1000" "Syllable-API-Key: $key"
fi
if [ -z "$only" ] || [ "$only" = health ]; then
  pair "/actuator/health" "http://127.0.0.1:$port/actuator/health" "http://127.0.0.1:$ref_port/actuator/health"
fi
if [ -z "$only" ] || [ "$only" = static ]; then
  pair "/console/assets/console.js" "http://127.0.0.1:$port/console/assets/console.js" \
    "http://127.0.0.1:$ref_port/console/assets/console.js"
fi
if [ -z "$only" ] || [ "$only" = openapi ]; then
  pair "/openapi.json" "http://127.0.0.1:$port/openapi.json" "http://127.0.0.1:$ref_port/openapi.json"
fi
