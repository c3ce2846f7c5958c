#!/usr/bin/env bash
# Dispatch benchmark (PostgreSQL, simulator at talk time 0), on one node or several sharing the
# database.
#   bench/dispatch.sh [BATCHES] [ROWS_PER_BATCH] [WINDOW_SECONDS] [NODES]   (defaults: 2000 120 60 1)
# With the rules that protect people on (issue 13):
#   SUPPRESSIONS=10000000 CONTACT_LIMIT='{"max_attempts":7,"days":7,"after_conversation_days":7}' \
#     DISTINCT_TARGETS=1 bench/dispatch.sh
# seeds that many suppression entries (1 in 100 of the batches' own numbers among them, the rest
# other numbers) and sets the organization's contact limit before the batches are made.
# With the calling calendar on (issue 14): POLICY='{...}' is PUT to /policy first (restricted dates,
# recipient rules, max_concurrent; it replaces CONTACT_LIMIT's row, so put a contact_limit in it),
# CAMPAIGN_EXTRA='{...}' is merged into the campaign (e.g. restricted_dates, max_concurrent).
# Webhooks under load (issue 17): WEBHOOKS=1 subscribes a campaign webhook to every channel status,
# pointing at bench/webhook_receiver.py on WEBHOOK_PORT (default BENCH_PORT+50), and reports events
# per second delivered, the delivery lag p50/p99 and the backlog; it sets
# OUTBOUND_WEBHOOKS_ALLOW_PRIVATE=true (the receiver is on loopback). Other OUTBOUND_* settings in
# the environment reach the service as they are (e.g. OUTBOUND_WEBHOOKS_CONCURRENCY=64).
# BENCH_PORT (default 18183, the first node's port; node n uses BENCH_PORT+n-1) and BENCH_DB
# (default bench_dispatch) let several benchmarks share the machine. JFR=1 records a flight
# recording of node 1 over the run into target/dispatch-<batches>.jfr; BENCH_JAR runs another build.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib-jdk.sh 2>/dev/null || export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
batches=${1:-2000}; rows=${2:-120}; window=${3:-60}; nodes=${4:-1}
base_port=${BENCH_PORT:-18183}
db=${BENCH_DB:-bench_dispatch}
key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-bench.XXXX)
jar=${BENCH_JAR:-target/outbound.jar}
[ -f "$jar" ] || mvn -q -B -DskipTests package
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
pids=(); ports=(); helpers=()
trap 'kill "${pids[@]}" "${helpers[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
if [ "${WEBHOOKS:-}" = 1 ]; then
  webhook_port=${WEBHOOK_PORT:-$((base_port + 50))}
  python3 bench/webhook_receiver.py "$webhook_port" "$work/webhooks.log" &
  helpers+=($!)
  export OUTBOUND_WEBHOOKS_ALLOW_PRIVATE=true WEBHOOK_URL=http://127.0.0.1:$webhook_port/hook WEBHOOK_LOG=$work/webhooks.log
fi
for n in $(seq 1 "$nodes"); do
  port=$((base_port + n - 1))
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SPRING_DATASOURCE_USERNAME=postgres \
    OUTBOUND_DATA_DIR="$work" SERVER_PORT=$port OUTBOUND_BOOTSTRAP_API_KEY=$key OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_API_ORG_RATE_LIMIT=0 OUTBOUND_METRICS_TOKEN=bench-metrics-token OUTBOUND_SIMULATOR_TALK_TIME=0s \
    OUTBOUND_NODE_ID=bench-node-$n \
    "$JAVA_HOME/bin/java" -Xmx1g ${JFR:+$([ "$n" = 1 ] && echo "-XX:StartFlightRecording=filename=target/dispatch-$batches.jfr,settings=profile")} -jar "$jar" >"$work/service-$n.log" 2>&1 &
  pids+=($!); ports+=($port)
  # One node at a time: the first one migrates the schema and creates the bootstrap key.
  # Up to 3 minutes: on a machine busy with builds a start can take well over one.
  for _ in $(seq 1 360); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "node $n did not start:"; tail -20 "$work/service-$n.log"; exit 1; }
done
org=$(psql -qtA -h 127.0.0.1 -U postgres -d $db -c "SELECT MIN(id) FROM organization")
if [ -n "${SUPPRESSIONS:-}" ]; then
  start=$(date +%s)
  psql -q -h 127.0.0.1 -U postgres -d $db <<SQL
INSERT INTO suppression (organization_id, target_key, kind, source, reason, added_by, created_at)
SELECT $org, '+4477' || lpad(g::text, 8, '0'), 'UNSUBSCRIBED', 'UPLOAD', NULL, 'bench', now()
FROM generate_series(1, ${SUPPRESSIONS}) g;
INSERT INTO suppression (organization_id, target_key, kind, source, reason, added_by, created_at)
SELECT $org, '+15122' || lpad(g::text, 6, '0'), 'BOUNCED', 'UPLOAD', NULL, 'bench', now()
FROM generate_series(0, $((batches * rows - 1)), 100) g ON CONFLICT DO NOTHING;
ANALYZE suppression;
SQL
  echo "seeded $(psql -qtA -h 127.0.0.1 -U postgres -d $db -c "SELECT COUNT(*) FROM suppression") suppression entries in $(( $(date +%s) - start ))s"
fi
if [ -n "${CONTACT_LIMIT:-}" ]; then
  psql -q -h 127.0.0.1 -U postgres -d $db -c \
    "INSERT INTO organization_policy (organization_id, contact_limit, updated_at, updated_by) VALUES ($org, '$CONTACT_LIMIT', now(), 'bench')"
  echo "organization contact limit: $CONTACT_LIMIT"
fi
python3 bench/dispatch.py "$(IFS=,; echo "${ports[*]}")" "$key" "$(IFS=,; echo "${pids[*]}")" \
  "$batches" "$rows" "$window" $db
