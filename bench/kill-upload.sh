#!/usr/bin/env bash
# Reliability: SIGKILL the service in the middle of a large upload, restart it, and check the
# batch holds all of its rows or none (API counts, status counters and SELECT count(*) agree),
# then upload again and check it is accepted in full. Prints PASS or FAIL; exits 1 on FAIL.
#
#   bench/kill-upload.sh [postgres|h2] [ROWS]      (defaults: postgres 1000000)
#   PORT and BENCH_DB override the service port and the PostgreSQL database name; START_WAIT
#   the seconds a start may take (default 120; a loaded machine needs more).
#
# On PostgreSQL the kill comes once COPY has streamed KILL_AT_ROWS rows (default a third of
# ROWS, read from pg_stat_progress_copy); on H2 it comes KILL_AFTER seconds (default 3) after
# the file has been sent.
set -euo pipefail
source "$(dirname "$0")/lib-service.sh"
store=${1:-postgres}
rows=${2:-1000000}
port=${PORT:-18191}
db=${BENCH_DB:-bench_kill_upload}
key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-kill-upload.XXXX)
base=http://127.0.0.1:$port/api/v1/outbound
csv=target/bench/calllist-$rows.csv
mkdir -p target/bench
[ -f "$csv" ] || python3 bench/gen-calllist.py "$rows" "$csv"
ensure_jar
trap 'stop_service; rm -rf "$work"' EXIT

[ "$store" = postgres ] && fresh_pg $db
# shellcheck disable=SC2207
envs=($(store_env "$store" $db "$work/data") SERVER_PORT=$port OUTBOUND_BOOTSTRAP_API_KEY=$key
  OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_API_ORG_RATE_LIMIT=0 OUTBOUND_DISPATCH_ENABLED=false)
start_service "$work/service.log" "${envs[@]}"
wait_healthy $port "${START_WAIT:-120}" || { echo "FAIL: the service did not start"; tail -20 "$work/service.log"; exit 1; }

api() { curl -sS -m 30 -H "Syllable-API-Key: $key" -H 'Content-Type: application/json' "$@"; }
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
cid=$(api -X POST "$base/campaigns" \
  -d '{"campaign_name":"kill","campaign_variables":{},"caller_id":null,"active_days":["mon"]}' | json 'd["id"]')
api -X POST "$base/batches" -d "{\"batch_id\":\"kill\",\"campaign_id\":$cid}" >/dev/null

curl -sS -H "Syllable-API-Key: $key" -F "file=@$csv;type=text/csv" "$base/batches/kill/upload_batch" \
  >"$work/upload1.json" 2>"$work/upload1.err" &
curl_pid=$!
if [ "$store" = postgres ]; then
  kill_at=${KILL_AT_ROWS:-$((rows / 3))}
  copied=0
  for _ in $(seq 1 600); do
    copied=$(psql -qtA -h 127.0.0.1 -U postgres -d $db -c \
      "SELECT COALESCE(MAX(tuples_processed), 0) FROM pg_stat_progress_copy WHERE datname = '$db'")
    [ "$copied" -ge "$kill_at" ] && break
    kill -0 $curl_pid 2>/dev/null || break
    sleep 0.1
  done
  echo "killing the service with SIGKILL after $copied rows were copied"
else
  # H2 shows no progress from outside; sending 1M rows takes about a second of the wait.
  sleep "${KILL_AFTER:-3}"
  echo "killing the service with SIGKILL ${KILL_AFTER:-3} s into the upload"
fi
kill -9 "$service_pid"
wait "$service_pid" 2>/dev/null || true
wait $curl_pid 2>/dev/null || true
echo "first upload's answer: $(cat "$work/upload1.json" "$work/upload1.err" | head -c 300 | tr '\n' ' ')"

start_service "$work/service.log" "${envs[@]}"
wait_healthy $port "${START_WAIT:-120}" || { echo "FAIL: the service did not come back after SIGKILL"; tail -20 "$work/service.log"; exit 1; }

# db_counts: "requests counters" as the store sees them (H2: only after the service stopped).
db_counts() {
  local sql="SELECT (SELECT COUNT(*) FROM request r JOIN batch b ON b.pk = r.batch_pk WHERE b.batch_id = 'kill'),
    (SELECT COALESCE(SUM(s.n), 0) FROM status_count s JOIN batch b ON b.pk = s.batch_pk WHERE b.batch_id = 'kill')"
  if [ "$store" = postgres ]; then
    psql -qtA -F ' ' -h 127.0.0.1 -U postgres -d $db -c "$sql"
  else
    [ -f "$work/h2.jar" ] || unzip -p target/outbound.jar "$(unzip -Z1 target/outbound.jar | grep 'BOOT-INF/lib/h2-.*\.jar')" >"$work/h2.jar"
    "$JAVA_HOME/bin/java" -cp "$work/h2.jar" org.h2.tools.Shell \
      -url "jdbc:h2:file:$work/data/outbound;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" -user sa -password "" \
      -sql "$sql" | sed -n 2p | tr -s ' |' ' ' | sed 's/^ //'
  fi
}

fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
after=$(api "$base/batches/kill")
counted=$(echo "$after" | json 'sum(d["status_counts"].values())')
status=$(echo "$after" | json 'd["status"]')
echo "after restart: batch status=$status, API count=$counted"
check "the batch holds all $rows rows or none (API count $counted)" "[ $counted = 0 ] || [ $counted = $rows ]"
if [ "$store" = postgres ]; then
  read -r stored counters <<<"$(db_counts)"
  echo "after restart: SELECT count(*) = $stored, status_count sum = $counters"
  check "request rows ($stored) match the API count" "[ $stored = $counted ]"
  check "status counters ($counters) match the rows" "[ $counters = $stored ]"
fi

if [ "$counted" = 0 ]; then
  code=$(curl -sS -o "$work/upload2.json" -w '%{http_code}' -H "Syllable-API-Key: $key" \
    -F "file=@$csv;type=text/csv" "$base/batches/kill/upload_batch")
  echo "second upload: HTTP $code $(head -c 200 "$work/upload2.json")"
  check "the second upload is accepted" "[ $code = 200 ]"
  counted=$(api "$base/batches/kill" | json 'sum(d["status_counts"].values())')
  check "the second upload counted all $rows rows (API count $counted)" "[ $counted = $rows ]"
fi
stop_service
read -r stored counters <<<"$(db_counts)"
echo "at the end: SELECT count(*) = $stored, status_count sum = $counters"
check "the store holds exactly $rows rows and counters" "[ $stored = $rows ] && [ $counters = $rows ]"

if [ $fail = 0 ]; then echo "PASS kill-upload store=$store rows=$rows"; else echo "FAIL kill-upload store=$store rows=$rows"; exit 1; fi
