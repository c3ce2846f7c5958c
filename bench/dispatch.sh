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
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib-jdk.sh 2>/dev/null || export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
batches=${1:-2000}; rows=${2:-120}; window=${3:-60}; nodes=${4:-1}
base_port=18183
key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-bench.XXXX)
[ -f target/outbound.jar ] || mvn -q -B -DskipTests package
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS bench_dispatch" -c "CREATE DATABASE bench_dispatch"
pids=(); ports=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
for n in $(seq 1 "$nodes"); do
  port=$((base_port + n - 1))
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/bench_dispatch SPRING_DATASOURCE_USERNAME=postgres \
    OUTBOUND_DATA_DIR="$work" SERVER_PORT=$port OUTBOUND_BOOTSTRAP_API_KEY=$key OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_API_ORG_RATE_LIMIT=0 OUTBOUND_METRICS_TOKEN=bench-metrics-token OUTBOUND_SIMULATOR_TALK_TIME=0s \
    OUTBOUND_NODE_ID=bench-node-$n \
    "$JAVA_HOME/bin/java" -Xmx1g -jar target/outbound.jar >"$work/service-$n.log" 2>&1 &
  pids+=($!); ports+=($port)
  # One node at a time: the first one migrates the schema and creates the bootstrap key.
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 0.5; done
done
org=$(psql -qtA -h 127.0.0.1 -U postgres -d bench_dispatch -c "SELECT MIN(id) FROM organization")
if [ -n "${SUPPRESSIONS:-}" ]; then
  start=$(date +%s)
  psql -q -h 127.0.0.1 -U postgres -d bench_dispatch <<SQL
INSERT INTO suppression (organization_id, target_key, kind, source, reason, added_by, created_at)
SELECT $org, '+4477' || lpad(g::text, 8, '0'), 'UNSUBSCRIBED', 'UPLOAD', NULL, 'bench', now()
FROM generate_series(1, ${SUPPRESSIONS}) g;
INSERT INTO suppression (organization_id, target_key, kind, source, reason, added_by, created_at)
SELECT $org, '+15122' || lpad(g::text, 6, '0'), 'BOUNCED', 'UPLOAD', NULL, 'bench', now()
FROM generate_series(0, $((batches * rows - 1)), 100) g ON CONFLICT DO NOTHING;
ANALYZE suppression;
SQL
  echo "seeded $(psql -qtA -h 127.0.0.1 -U postgres -d bench_dispatch -c "SELECT COUNT(*) FROM suppression") suppression entries in $(( $(date +%s) - start ))s"
fi
if [ -n "${CONTACT_LIMIT:-}" ]; then
  psql -q -h 127.0.0.1 -U postgres -d bench_dispatch -c \
    "INSERT INTO organization_policy (organization_id, contact_limit, updated_at, updated_by) VALUES ($org, '$CONTACT_LIMIT', now(), 'bench')"
  echo "organization contact limit: $CONTACT_LIMIT"
fi
python3 bench/dispatch.py "$(IFS=,; echo "${ports[*]}")" "$key" "$(IFS=,; echo "${pids[*]}")" \
  "$batches" "$rows" "$window" bench_dispatch
