#!/usr/bin/env bash
# Cost of one webhook delivery claim with a large backlog, on PostgreSQL: BACKLOG due events over
# three webhooks plus DELIVERED rows kept for the log, then EXPLAIN ANALYZE of the statements
# EventRepository runs for one webhook (read from its source, so they are the real ones).
#   bench/webhook-claim.sh [BACKLOG] [DELIVERED]     (defaults: 500000 300000)
set -euo pipefail
cd "$(dirname "$0")/.."
backlog=${1:-500000}; delivered=${2:-300000}
db=bench_webhook_claim
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q() { psql -q -h 127.0.0.1 -U postgres -d $db "$@"; }
# The outbox table and its indexes, as the migrations create them.
sed -n '/^CREATE TABLE webhook_event/,/^);/p' src/main/resources/db/migration/V4__webhook_outbox.sql > /tmp/$db.sql
grep -h '^CREATE INDEX webhook_event' src/main/resources/db/migration/V4__webhook_outbox.sql \
  src/main/resources/db/migration/V6__webhook_claim_index.sql >> /tmp/$db.sql
q -f /tmp/$db.sql
q -c "INSERT INTO webhook_event (event_id, webhook_id, campaign_id, request_id, seq, channel_status, payload, status,
        attempts, created_at, next_attempt_at)
      SELECT 'e' || g, 1 + g % 3, 1, g / 3, 1, 'COMPLETED', '{}', 'PENDING', 1, now(), now() - (g || ' ms')::interval
      FROM generate_series(1, $backlog) g" \
  -c "INSERT INTO webhook_event (event_id, webhook_id, campaign_id, request_id, seq, channel_status, payload, status,
        attempts, created_at, next_attempt_at)
      SELECT 'd' || g, 1, 1, 100000000 + g, 1, 'COMPLETED', '{}', 'DELIVERED', 1, now(), now()
      FROM generate_series(1, $delivered) g" \
  -c "ANALYZE webhook_event"
python3 - "$db" <<'PY'
import sys
src = open("src/main/java/dev/outbound/webhook/EventRepository.java").read()
def const(name):
    i = src.index(name + ' = """') + len(name + ' = """')
    return src[i:src.index('""";', i)]
def bind(sql):
    for k, v in {":token": "'bench'", ":leaseUntil": "now() + interval '1 minute'", ":now": "now()",
                 ":limit": "4", ":webhookId": "2"}.items():
        sql = sql.replace(k, v)
    return sql
with open(f"/tmp/{sys.argv[1]}-claim.sql", "w") as f:
    f.write("EXPLAIN ANALYZE " + const("PENDING_WEBHOOKS") + ";\n")
    f.write("EXPLAIN ANALYZE " + bind(const("IN_FLIGHT")) + ";\n")
    f.write("BEGIN;\nEXPLAIN ANALYZE " + bind(const("CLAIM") % " FOR UPDATE SKIP LOCKED") + ";\nROLLBACK;\n")
PY
times=$(q -f /tmp/$db-claim.sql | grep -o 'Execution Time: [0-9.]*' | awk '{print $3}' | paste -sd' ')
echo "backlog=$backlog delivered_kept=$delivered pending_webhooks_ms/in_flight_ms/claim_ms=$times"
