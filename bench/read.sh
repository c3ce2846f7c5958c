#!/usr/bin/env bash
# Read benchmark: GET of a batch holding 1,000,000 requests vs one holding 1,000, 1,000 calls each
# over a keep-alive connection, on PostgreSQL. Counts come from counters, so both should cost alike.
# Then the 1M results as streamed JSON and as the CSV export, with the peak RSS after each.
#
#   bench/read.sh [ROWS_BIG]     (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib-jdk.sh 2>/dev/null || export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
big=${1:-1000000}
port=18182
key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-bench.XXXX)
mkdir -p target/bench
for rows in 1000 "$big"; do
  [ -f target/bench/calllist-$rows.csv ] || python3 bench/gen-calllist.py "$rows" target/bench/calllist-$rows.csv
done
[ -f target/outbound.jar ] || mvn -q -B -DskipTests package
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS bench_read" -c "CREATE DATABASE bench_read"
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/bench_read SPRING_DATASOURCE_USERNAME=postgres \
  OUTBOUND_DATA_DIR="$work" SERVER_PORT=$port OUTBOUND_BOOTSTRAP_API_KEY=$key OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_API_ORG_RATE_LIMIT=0 \
  "$JAVA_HOME/bin/java" -Xmx256m -jar target/outbound.jar >"$work/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 0.5; done
api() { curl -sS -H "Syllable-API-Key: $key" -H 'Content-Type: application/json' "$@"; }
cid=$(api -X POST "http://127.0.0.1:$port/api/v1/outbound/campaigns" \
  -d '{"campaign_name":"bench","campaign_variables":{},"caller_id":null,"active_days":["mon"]}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
for rows in 1000 "$big"; do
  api -X POST "http://127.0.0.1:$port/api/v1/outbound/batches" -d "{\"batch_id\":\"b$rows\",\"campaign_id\":$cid}" >/dev/null
  curl -sS -H "Syllable-API-Key: $key" -F "file=@target/bench/calllist-$rows.csv" \
    "http://127.0.0.1:$port/api/v1/outbound/batches/b$rows/upload_batch" >/dev/null
done
psql -q -h 127.0.0.1 -U postgres -d bench_read -c "VACUUM ANALYZE"
small=$(python3 bench/read_latency.py $port "$key" /api/v1/outbound/batches/b1000 1000)
large=$(python3 bench/read_latency.py $port "$key" /api/v1/outbound/batches/b$big 1000)
echo "$small"; echo "$large"
p50s=$(echo "$small" | sed 's/.*p50_ms=\([0-9.]*\).*/\1/'); p50l=$(echo "$large" | sed 's/.*p50_ms=\([0-9.]*\).*/\1/')
echo "p50_ratio_large_over_small=$(echo "scale=2; $p50l / $p50s" | bc)"
start=$(date +%s.%N)
curl -sS -H "Syllable-API-Key: $key" "http://127.0.0.1:$port/api/v1/outbound/batches/b$big/results" -o "$work/results.json"
end=$(date +%s.%N)
echo "results_stream rows=$big bytes=$(stat -c %s "$work/results.json") seconds=$(echo "$end - $start" | bc) peak_rss_kib=$(grep VmHWM /proc/$pid/status | awk '{print $2}') heap=-Xmx256m"
start=$(date +%s.%N)
curl -sS -H "Syllable-API-Key: $key" "http://127.0.0.1:$port/api/v1/outbound/batches/b$big/results.csv" -o "$work/results.csv"
end=$(date +%s.%N)
echo "results_csv_export rows=$(($(wc -l < "$work/results.csv") - 1)) bytes=$(stat -c %s "$work/results.csv") seconds=$(echo "$end - $start" | bc) peak_rss_kib=$(grep VmHWM /proc/$pid/status | awk '{print $2}') heap=-Xmx256m"
