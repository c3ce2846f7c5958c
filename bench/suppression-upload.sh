#!/usr/bin/env bash
# Suppression upload benchmark (issue 13): uploads a ROWS-row suppression list through the API
# into an empty list of a service started with -Xmx256m, on PostgreSQL or the embedded H2 store,
# uploads it a second time (every row then already listed), and (on PostgreSQL) compares with
# psql \copy of the same file into a bare table of the same shape (three text columns) on the
# same server.
#
#   bench/suppression-upload.sh [postgres|h2] [ROWS]      (defaults: postgres 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib-service.sh
store=${1:-postgres}
rows=${2:-1000000}
case $store in postgres | h2) ;; *) echo "usage: $0 [postgres|h2] [ROWS]" >&2; exit 2 ;; esac
port=18187
db=bench_suppression
key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-bench.XXXX)
csv=target/bench/suppressions-$rows.csv
mkdir -p target/bench
[ -f "$csv" ] || python3 bench/gen-suppressions.py "$rows" "$csv"
ensure_jar
size=$(stat -c %s "$csv")
[ "$store" = postgres ] && fresh_pg $db

# shellcheck disable=SC2046
env $(store_env "$store" $db "$work") SERVER_PORT=$port OUTBOUND_BOOTSTRAP_API_KEY=$key OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_API_ORG_RATE_LIMIT=0 \
  OUTBOUND_DISPATCH_ENABLED=false \
  "$JAVA_HOME/bin/java" -Xmx256m ${JAVA_OPTS:-} -jar target/outbound.jar >"$work/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
wait_healthy $port || { tail -50 "$work/service.log" >&2; exit 1; }

# upload NAME: posts the file, prints seconds; the answer is in $work/NAME.json.
upload() {
  local start end
  start=$(date +%s.%N)
  curl -sS -f -H "Syllable-API-Key: $key" -F "file=@$csv;type=text/csv" \
    "http://127.0.0.1:$port/api/v1/outbound/suppressions/upload" >"$work/$1.json"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
count() {
  curl -sS -H "Syllable-API-Key: $key" "http://127.0.0.1:$port/api/v1/outbound/suppressions?limit=1" |
    python3 -c 'import sys,json;print(json.load(sys.stdin)["total_count"])'
}

first=$(upload first)
listed=$(count)
second=$(upload second)
rss=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
echo "store=$store rows=$rows file_bytes=$size heap=-Xmx256m peak_rss_kib=$rss"
echo "upload_new_s=$first answer=$(cat "$work/first.json") listed=$listed"
echo "upload_again_s=$second answer=$(cat "$work/second.json")"
[ "$listed" = "$rows" ] || { echo "FAIL: the list holds $listed of $rows rows" >&2; exit 1; }
[ "$store" = postgres ] || exit 0

psql -q -h 127.0.0.1 -U postgres -d $db -c "DROP TABLE IF EXISTS bare" \
  -c "CREATE TABLE bare (target text, kind text, reason text)"
cstart=$(date +%s.%N)
psql -q -h 127.0.0.1 -U postgres -d $db -c "\\copy bare FROM '$csv' WITH (FORMAT csv, HEADER true)"
cend=$(date +%s.%N)
copy=$(echo "$cend - $cstart" | bc)
echo "bare_psql_copy_s=$copy ratio_new=$(echo "scale=2; $first / $copy" | bc) ratio_again=$(echo "scale=2; $second / $copy" | bc)"
