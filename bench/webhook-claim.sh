#!/usr/bin/env bash
# Cost of one webhook delivery claim with a large backlog, on PostgreSQL: BACKLOG pending events
# over three webhooks, in chains of four per request (seq 1-4, as a call's QUEUED, IN-PROGRESS,
# HUMAN, COMPLETED), the first event of the oldest 200 requests of each webhook leased (in flight),
# plus DELIVERED rows kept for the log. Then EXPLAIN ANALYZE of the statements EventStatusWriter
# runs for one webhook (read from its source at REF, so they are the real ones), first on a table
# that was never analyzed (autovacuum off, or not yet run: what the planner sees under a fast-
# growing backlog), then after ANALYZE. The schema is the migrations' at REF.
#   [REF=main] bench/webhook-claim.sh [BACKLOG] [DELIVERED]     (defaults: 500000 300000; REF: the work tree)
# A statement still running after 60 s is cut off and reported as "timeout".
set -euo pipefail
cd "$(dirname "$0")/.."
backlog=${1:-500000}; delivered=${2:-300000}
db=${BENCH_DB:-bench_webhook_claim}
ref=${REF:-}
show() { if [ -n "$ref" ]; then git show "$ref:$1"; else cat "$1"; fi; }
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
[ -n "${KEEP:-}" ] || trap 'psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
q() { psql -q -h 127.0.0.1 -U postgres -d $db "$@"; }
# The outbox tables and their indexes, as the migrations that touch them leave them.
migrations=$( (if [ -n "$ref" ]; then git ls-tree --name-only "$ref" src/main/resources/db/migration/; else ls src/main/resources/db/migration/*; fi) \
  | xargs -n1 basename | sort -V)
: > /tmp/$db.sql
for m in $migrations; do
  if show "src/main/resources/db/migration/$m" | grep -q 'webhook_event'; then
    show "src/main/resources/db/migration/$m" >> /tmp/$db.sql
  fi
done
q -f /tmp/$db.sql
q -c "INSERT INTO webhook_event (event_id, webhook_id, campaign_id, request_id, seq, channel_status, payload, status,
        attempts, created_at, next_attempt_at)
      SELECT 'e' || g, 1 + (g / 4) % 3, 1, g / 12, 1 + g % 4, 'COMPLETED', '{}', 'PENDING', 0, now(),
             now() - interval '1 hour' + (g || ' ms')::interval
      FROM generate_series(0, $backlog - 1) g" \
  -c "UPDATE webhook_event SET lease_owner = 'other', lease_until = now() + interval '1 minute'
      WHERE seq = 1 AND request_id < 200" \
  -c "INSERT INTO webhook_event (event_id, webhook_id, campaign_id, request_id, seq, channel_status, payload, status,
        attempts, created_at, next_attempt_at)
      SELECT 'd' || g, 1 + g % 3, 1, 100000000 + g, 1, 'COMPLETED', '{}', 'DELIVERED', 1, now(), now()
      FROM generate_series(1, $delivered) g"
show src/main/java/dev/outbound/webhook/EventStatusWriter.java > /tmp/$db-writer.java
python3 - "$db" <<'PY'
import re, sys
src = open(f"/tmp/{sys.argv[1]}-writer.java").read()
def const(name):
    i = src.index(name + ' = sendable("""') + len(name + ' = sendable("""')
    return src[i:src.index('""");', i)].replace("{sendable}", "'PENDING'")
def bind(sql):
    for k, v in {":token": "'bench'", ":leaseUntil": "now() + interval '1 minute'", ":now": "now()",
                 ":limit": "200", ":webhookId": "2"}.items():
        sql = sql.replace(k, v)
    return sql
if "PICK = " in src:   # one statement: Dialect.updatePicked around the pick
    claim = ("WITH picked AS MATERIALIZED (" + const("PICK") + " FOR UPDATE SKIP LOCKED) UPDATE webhook_event t "
             "SET lease_owner = :token, lease_until = :leaseUntil FROM picked WHERE t.id = picked.id RETURNING picked.id")
    read = None
else:                  # the update, then the rows read back by lease owner
    claim = const("CLAIM") % " FOR UPDATE SKIP LOCKED"
    read = const("CLAIMED")
with open(f"/tmp/{sys.argv[1]}-claim.sql", "w") as f:
    f.write("SET statement_timeout = '60s';\n")
    f.write("EXPLAIN ANALYZE " + const("PENDING_WEBHOOKS") + ";\n")
    f.write("EXPLAIN ANALYZE " + bind(const("IN_FLIGHT")) + ";\n")
    f.write("BEGIN;\nEXPLAIN ANALYZE " + bind(claim) + ";\n")
    if read:
        f.write("EXPLAIN ANALYZE " + bind(read.replace(":token", "'bench'")) + ";\n")
    f.write("ROLLBACK;\n")
PY
run() { q -f /tmp/$db-claim.sql 2>&1 | grep -o 'Execution Time: [0-9.]*\|canceling statement due to statement timeout' \
  | sed 's/Execution Time: //; s/canceling.*/timeout/' | paste -sd' '; }
steps="pending_webhooks_ms/in_flight_ms/claim_ms$(grep -q 'PICK = ' /tmp/$db-writer.java || echo '/read_back_ms')"
echo "ref=${ref:-worktree} backlog=$backlog delivered_kept=$delivered never_analyzed $steps=$(run)"
q -c "ANALYZE webhook_event"
echo "ref=${ref:-worktree} backlog=$backlog delivered_kept=$delivered analyzed $steps=$(run)"
