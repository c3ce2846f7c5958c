#!/usr/bin/env bash
# Reliability: PostgreSQL goes away for a few seconds while the dispatcher works BATCHES batches
# (simulator, talk time 0) and two clients keep calling the API (GET a batch, list campaigns, add
# a request). Checks: during the outage the API answers 503 with Retry-After, never hangs
# (10 s client timeout) and never 500; the service recovers by itself; afterwards every request
# reaches a final status, no accepted request is lost, and the counters match the rows.
# Prints PASS or FAIL; exits 1 on FAIL.
#
#   bench/pg-restart.sh [shared|private] [OUTAGE_SECONDS] [BATCHES] [ROWS]   (defaults: shared 5 10 60)
#
# shared:  stops and starts the machine's cluster (pg_ctlcluster ... main stop/start): every
#          other user of that PostgreSQL sees the outage too.
# private: a throwaway cluster on port 55432 (initdb as user postgres), restarted with pg_ctl;
#          nothing else is disturbed.
set -euo pipefail
source "$(dirname "$0")/lib-service.sh"
mode=${1:-shared}
outage=${2:-5}
batches=${3:-10}
rows=${4:-60}
port=18192
db=bench_pg_restart
key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-pg-restart.XXXX)
mkdir -p target/bench
chmod 755 "$work"
ensure_jar
version=$(ls /etc/postgresql | sort -V | tail -n 1)
bin=/usr/lib/postgresql/$version/bin

if [ "$mode" = private ]; then
  pgport=55432
  pgdata=$work/pgdata
  mkdir -p "$pgdata" && chown postgres "$pgdata" && chmod 700 "$pgdata"
  su postgres -c "$bin/initdb -A trust -U postgres -D $pgdata" >/dev/null
  as_pg="su postgres -c"
  pg_stop="$as_pg '$bin/pg_ctl -D $pgdata -m fast -w stop'"
  pg_start="$as_pg '$bin/pg_ctl -D $pgdata -w -l $pgdata/log -o \"-p $pgport -k /tmp -c listen_addresses=127.0.0.1\" start'"
  eval "$pg_start" >/dev/null
  trap 'stop_service; cp "$work/service.log" target/bench/pg-restart-service.log; eval "$pg_stop" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
else
  pgport=5432
  pg_stop="pg_ctlcluster --skip-systemctl-redirect $version main stop -m fast"
  pg_start="pg_ctlcluster --skip-systemctl-redirect $version main start"
  trap 'stop_service; cp "$work/service.log" target/bench/pg-restart-service.log; pg_isready -q -h 127.0.0.1 -p 5432 || $pg_start; rm -rf "$work"' EXIT
fi
psql -q -h 127.0.0.1 -p $pgport -U postgres -d postgres \
  -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"

start_service "$work/service.log" SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$pgport/$db \
  SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= OUTBOUND_DATA_DIR="$work/data" \
  SERVER_PORT=$port OUTBOUND_BOOTSTRAP_API_KEY=$key OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_API_ORG_RATE_LIMIT=0 \
  OUTBOUND_SIMULATOR_TALK_TIME=0s OUTBOUND_DISPATCH_LEASE=${OUTBOUND_DISPATCH_LEASE:-15s}
wait_healthy $port || { echo "FAIL: the service did not start"; tail -20 "$work/service.log"; exit 1; }
rc=0
python3 bench/pg_restart.py $port "$key" $db $pgport "$batches" "$rows" "$outage" "$pg_stop" "$pg_start" || rc=$?
echo "service log (kept in target/bench/pg-restart-service.log): $(grep -c ' ERROR ' "$work/service.log" || true) ERROR lines, $(grep -c ' WARN ' "$work/service.log" || true) WARN lines"
grep ' ERROR ' "$work/service.log" | cut -c1-300 | sort | uniq -c | sort -rn | head -5 || true
exit $rc
