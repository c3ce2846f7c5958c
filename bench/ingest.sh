#!/usr/bin/env bash
# Ingest benchmark: uploads a ROWS-row call list through the API into a batch, on PostgreSQL or
# the embedded H2 store, with -Xmx256m, and (on PostgreSQL) compares with psql \copy of the same
# file into a bare table on the same server.
#
#   bench/ingest.sh [postgres|h2] [ROWS]      (defaults: postgres 1000000)
#   CAMPAIGN_EXTRA='"duplicate_targets":"skip",' bench/ingest.sh ...   adds campaign fields
#   PORT and BENCH_DB override the service port and the PostgreSQL database name; JAR the service's
#   jar (default target/outbound.jar), to compare two builds in the same window.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib-jdk.sh 2>/dev/null || export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
store=${1:-postgres}
rows=${2:-1000000}
port=${PORT:-18181}
db=${BENCH_DB:-bench_ingest}
key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-bench.XXXX)
csv=target/bench/calllist-$rows.csv
mkdir -p target/bench
[ -f "$csv" ] || python3 bench/gen-calllist.py "$rows" "$csv"
jar=${JAR:-target/outbound.jar}
[ -f "$jar" ] || mvn -q -B -DskipTests package
size=$(stat -Lc %s "$csv")

env_db=()
if [ "$store" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  env_db=(SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=)
fi
env "${env_db[@]}" OUTBOUND_DATA_DIR="$work" SERVER_PORT=$port OUTBOUND_BOOTSTRAP_API_KEY=$key OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_API_ORG_RATE_LIMIT=0 \
  "$JAVA_HOME/bin/java" -Xmx256m ${JAVA_OPTS:-} -jar "$jar" >"$work/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
# Up to 5 minutes: a loaded machine starts the service slowly.
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 0.5; done

api() { curl -sS -H "Syllable-API-Key: $key" -H 'Content-Type: application/json' "$@"; }
cid=$(api -X POST "http://127.0.0.1:$port/api/v1/outbound/campaigns" \
  -d '{'"${CAMPAIGN_EXTRA:-}"'"campaign_name":"bench","campaign_variables":{},"caller_id":null,"active_days":["mon"]}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
api -X POST "http://127.0.0.1:$port/api/v1/outbound/batches" -d "{\"batch_id\":\"bench\",\"campaign_id\":$cid}" >/dev/null

# CPU seconds (user+system) of the service and of its PostgreSQL backends, which say more than
# wall time on a machine busy with other work.
cpu_of() { local t=0 p; for p in "$@"; do [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }
backends() { [ "$store" = postgres ] && psql -qAt -h 127.0.0.1 -U postgres -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$db'" || true; }
pg_pids=$(backends)
svc_cpu0=$(cpu_of $pid); pg_cpu0=$(cpu_of $pg_pids)
start=$(date +%s.%N)
curl -sS -H "Syllable-API-Key: $key" -F "file=@$csv;type=text/csv" \
  "http://127.0.0.1:$port/api/v1/outbound/batches/bench/upload_batch" >"$work/upload.json"
total=$(api "http://127.0.0.1:$port/api/v1/outbound/batches/bench" | python3 -c 'import sys,json;print(sum(json.load(sys.stdin)["status_counts"].values()))')
end=$(date +%s.%N)
upload=$(echo "$end - $start" | bc)
tick=$(getconf CLK_TCK)
svc_cpu=$(echo "scale=2; ($(cpu_of $pid) - $svc_cpu0) / $tick" | bc)
pg_cpu=$(echo "scale=2; ($(cpu_of $pg_pids) - $pg_cpu0) / $tick" | bc)
rss=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
echo "store=$store rows=$rows file_bytes=$size upload_until_counted_s=$upload counted=$total peak_rss_kib=$rss heap=-Xmx256m"
echo "service_cpu_s=$svc_cpu pg_backends_cpu_s=$pg_cpu load=$(cut -d' ' -f1 /proc/loadavg)"
cat "$work/upload.json"; echo
[ "$total" = "$rows" ] || { echo "FAIL: counts show $total of $rows rows" >&2; exit 1; }

if [ "$store" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres -d $db -c "DROP TABLE IF EXISTS bare" \
    -c "CREATE TABLE bare (reference_id text, target text, first_name text, amount_due text, account text)"
  # The backend's CPU is read inside the same psql session, around the COPY.
  out=$(psql -q -h 127.0.0.1 -U postgres -d $db <<SQL
SELECT pg_backend_pid() AS pid \\gset
\\setenv PGPID :pid
\\! awk '{print "cpu0", \$14+\$15}' /proc/\$PGPID/stat; date +"t0 %s.%N"
\\copy bare FROM '$csv' WITH (FORMAT csv, HEADER true)
\\! date +"t1 %s.%N"; awk '{print "cpu1", \$14+\$15}' /proc/\$PGPID/stat
SQL
)
  cstart=$(echo "$out" | awk '/^t0/{print $2}'); cend=$(echo "$out" | awk '/^t1/{print $2}')
  copy_cpu=$(echo "$out" | awk '/^cpu0/{a=$2} /^cpu1/{b=$2} END{print b-a}')
  copy=$(echo "$cend - $cstart" | bc)
  echo "bare_psql_copy_s=$copy ratio=$(echo "scale=2; $upload / $copy" | bc) bare_copy_pg_cpu_s=$(echo "scale=2; $copy_cpu / $tick" | bc)"
fi
