#!/usr/bin/env bash
# Claim time of a prioritized batch against an unprioritized one, on PostgreSQL (issue 14).
# Builds a scratch database from the migrations, loads two batches of N due requests (one with
# priority 0 everywhere, one with random priorities 0..9), and times the claim's pick, as
# ClaimStatement writes it, with EXPLAIN ANALYZE: median of RUNS executions of each.
# Usage: bench/priority-claim.sh [rows=100000] [runs=21] [limit=50]
set -euo pipefail
N=${1:-100000}; RUNS=${2:-21}; LIMIT=${3:-50}
PG="psql -h ${PGHOST:-127.0.0.1} -U ${PGUSER:-postgres} -v ON_ERROR_STOP=1 -q"
DB=bench_priority_$$
cd "$(dirname "$0")/.."
$PG -d postgres -c "CREATE DATABASE $DB" >/dev/null
trap '$PG -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null' EXIT
for f in $(ls src/main/resources/db/migration/V*.sql | sort -V); do $PG -d $DB -f "$f" >/dev/null; done
$PG -d $DB <<SQL
INSERT INTO organization (name, created_at) VALUES ('bench', now());
INSERT INTO campaign (organization_id, campaign_name, campaign_variables, hourly_rate, retry_count, active_days,
                      include_unknown_line_types, timezone, hours_in, created_at, updated_at, last_updated_by, version)
VALUES (1, 'bench', '{}', 3600, 0, 'mon', false, 'UTC', 'CAMPAIGN', now(), now(), 'b', 0);
INSERT INTO batch (organization_id, batch_id, campaign_id, status, paused, auto_call_rate, created_at, last_updated_by, version, prioritized)
VALUES (1, 'plain', 1, 'ACTIVE', false, false, now(), 'b', 0, false), (1, 'prio', 1, 'ACTIVE', false, false, now(), 'b', 0, true);
INSERT INTO request (batch_pk, reference_id, ordinal, target, request_variables, status, channel_manager_status,
                     due_at, created_at, updated_at, priority)
SELECT b, 'r' || i, 0, '+1512' || lpad(i::text, 7, '0'), '{}', 'PENDING', 'PENDING', now() - interval '1 hour', now(), now(),
       CASE WHEN b = 2 THEN (random() * 9)::int ELSE 0 END
FROM generate_series(1, $N) i, (VALUES (1), (2)) v(b);
VACUUM ANALYZE request;
SQL
pick() { # batch, order
  echo "EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM request WHERE batch_pk = $1 AND status = 'PENDING' AND due_at <= now() ORDER BY $2 LIMIT $LIMIT FOR UPDATE SKIP LOCKED;"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label batch order
  for _ in $(seq "$RUNS"); do
    $PG -d $DB -At -c "$(pick "$2" "$3")" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])'
  done | median | xargs printf "%-40s median %8.3f ms over $RUNS runs\n" "$1"
}
echo "rows per batch: $N, claim limit: $LIMIT"
[ -n "${PLAN:-}" ] && for o in "1|due_at, id" "2|priority DESC, due_at, id"; do $PG -d $DB -At -c "$(pick "${o%%|*}" "${o#*|}" | sed "s/ (ANALYZE, FORMAT JSON)/ (ANALYZE, COSTS OFF, TIMING OFF)/")"; done
measure "unprioritized (due_at, id)" 1 "due_at, id"
measure "prioritized (priority DESC, due_at, id)" 2 "priority DESC, due_at, id"
