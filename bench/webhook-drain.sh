#!/usr/bin/env bash
# Webhook delivery alone (issue 17): one campaign webhook pointing at bench/webhook_receiver.py, a
# backlog of BACKLOG pending events (chains of four per request, as a call's QUEUED, IN-PROGRESS,
# HUMAN, COMPLETED) written straight into the outbox in one transaction, dispatch off. Reports how
# fast one node drains it (events/s), the receiver's count, and the CPU seconds of the service and
# of PostgreSQL's backends per 1,000 delivered events, over the drain (or WINDOW seconds at most).
#   [BENCH_JAR=jar] [BENCH_PORT=18190] [BENCH_DB=bench_drain] bench/webhook-drain.sh [BACKLOG] [WINDOW]
#   (defaults 100000 120; OUTBOUND_WEBHOOKS_* settings in the environment reach the service,
#   OUTBOUND_WEBHOOKS_CONCURRENCY defaults to 200 here)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib-service.sh
backlog=${1:-100000}; window=${2:-120}
port=${BENCH_PORT:-18190}; webhook_port=$((port + 50)); db=${BENCH_DB:-bench_drain}
jar=${BENCH_JAR:-target/outbound.jar}
key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-drain.XXXX)
helpers=()
trap 'stop_service; kill "${helpers[@]}" 2>/dev/null || true; rm -rf "$work"; psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
fresh_pg "$db"
python3 bench/webhook_receiver.py "$webhook_port" "$work/webhooks.log" &
helpers+=($!)
SERVICE_JAR=$jar start_service "$work/service.log" SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db \
  SPRING_DATASOURCE_USERNAME=postgres OUTBOUND_DATA_DIR="$work" SERVER_PORT=$port OUTBOUND_BOOTSTRAP_API_KEY=$key \
  OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_API_ORG_RATE_LIMIT=0 OUTBOUND_DISPATCH_ENABLED=false \
  OUTBOUND_WEBHOOKS_ALLOW_PRIVATE=true OUTBOUND_WEBHOOKS_CONCURRENCY=${OUTBOUND_WEBHOOKS_CONCURRENCY:-200}
wait_healthy "$port" 600 || { tail -20 "$work/service.log"; exit 1; }
campaign=$(curl -s -H "Syllable-API-Key: $key" -H 'Content-Type: application/json' \
  -d "{\"campaign_name\":\"drain\",\"campaign_variables\":{},\"caller_id\":null,\"hourly_rate\":3600,\"active_days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"],\"webhooks\":[{\"trigger_statuses\":[\"COMPLETED\"],\"url\":\"http://127.0.0.1:$webhook_port/hook\",\"request_method\":\"POST\"}]}" \
  "http://127.0.0.1:$port/api/v1/outbound/campaigns")
[[ $campaign == *'"webhooks"'* ]] || { echo "campaign not made: $campaign"; exit 1; }
read -r cid wid < <(python3 -c 'import json,sys; c=json.loads(sys.argv[1]); print(c["id"], c["webhooks"][0]["id"])' "$campaign")
q() { psql -qtA -h 127.0.0.1 -U postgres -d "$db" -c "$1"; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_cpu() {  # CPU ticks of this database's backends
  local t=0 p
  for p in $(q "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"); do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo $t
}
pg0=$(pg_cpu); cpu0=$(cpu "$service_pid"); t0=$(date +%s.%N)
q "INSERT INTO webhook_event (event_id, webhook_id, campaign_id, request_id, seq, channel_status, payload, status,
     attempts, created_at, next_attempt_at)
   SELECT 'e' || g, $wid, $cid, g / 4, 1 + g % 4, 'COMPLETED',
          '{\"event_id\":\"e' || g || '\",\"occurred_at\":\"' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') || '\",\"pad\":\"' || repeat('x', 600) || '\"}',
          'PENDING', 0, now(), now()
   FROM generate_series(0, $backlog - 1) g"
t_loaded=$(date +%s.%N)
left=$backlog
while :; do
  sleep 1
  left=$(q "SELECT COUNT(*) FROM webhook_event WHERE status = 'PENDING'")
  now=$(date +%s.%N)
  [ "$left" = 0 ] && break
  python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) - float(sys.argv[2]) < float(sys.argv[3]) else 1)" "$now" "$t_loaded" "$window" || break
done
pg1=$(pg_cpu); cpu1=$(cpu "$service_pid"); t1=$(date +%s.%N)
sleep 1.5  # the receiver writes its log once a second
received=$(wc -l < "$work/webhooks.log")
python3 - "$backlog" "$left" "$received" "$t0" "$t_loaded" "$t1" "$cpu0" "$cpu1" "$pg0" "$pg1" <<'PY'
import sys
backlog, left, received = (int(v) for v in sys.argv[1:4])
t0, t_loaded, t1 = (float(v) for v in sys.argv[4:7])
cpu0, cpu1, pg0, pg1 = (int(v) for v in sys.argv[7:11])
done = backlog - left
secs = t1 - t_loaded
per_k = lambda ticks: (ticks / 100.0) / done * 1000 if done else float("nan")
print(f"backlog={backlog} delivered={done} received={received} left={left} load_s={t_loaded - t0:.1f} "
      f"drain_s={secs:.1f} events_per_s={done / secs:.1f} service_cpu_s_per_1000={per_k(cpu1 - cpu0):.3f} "
      f"pg_backend_cpu_s_per_1000={per_k(pg1 - pg0):.3f}")
PY
