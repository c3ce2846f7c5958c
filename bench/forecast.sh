#!/usr/bin/env bash
# Forecast benchmark (PostgreSQL): the time GET /batches/{id}/forecast takes for one batch of
# ROWS waiting requests (default 1,000,000) of a campaign with hours_in: recipient, a 09:00-17:00
# weekday window, retries by outcome and a restricted date.
#   bench/forecast.sh [ROWS] [RUNS]    (defaults: 1000000 7)
# The campaign and batch are made through the API; the rows are generated with generate_series
# straight into request and status_count (as an upload would leave them: PENDING, due now, with
# their numbers' time-zone sets spread over six US sets), then ANALYZEd. The dispatcher is off, so
# the batch stays as generated. Prints each run's time and the median.
set -euo pipefail
source "$(dirname "$0")/lib-service.sh"
rows=${1:-1000000}; runs=${2:-7}
port=18191; db=bench_forecast; key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-forecast.XXXX)
ensure_jar
fresh_pg "$db"
trap 'stop_service; rm -rf "$work"' EXIT
start_service "$work/service.log" $(store_env postgres "$db" "$work") SERVER_PORT=$port \
  OUTBOUND_BOOTSTRAP_API_KEY=$key OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_API_ORG_RATE_LIMIT=0 OUTBOUND_DISPATCH_ENABLED=false
wait_healthy $port || { tail -50 "$work/service.log"; exit 1; }
api() { curl -sS -f -H "Syllable-API-Key: $key" -H 'Content-Type: application/json' "$@"; }
campaign=$(api "http://127.0.0.1:$port/api/v1/outbound/campaigns" -d '{
  "campaign_name": "Forecast bench", "campaign_variables": {}, "caller_id": null, "mode": "voice",
  "active_days": ["mon", "tue", "wed", "thu", "fri"], "daily_start_time": "09:00:00", "daily_end_time": "17:00:00",
  "timezone": "America/New_York", "hours_in": "recipient", "hourly_rate": 3600, "retry_count": 1, "retry_interval": "1h",
  "retry_rules": {"BUSY": {"count": 3, "interval": "10m"}, "NO-ANSWER": {"count": 2, "interval": "1d"}},
  "restricted_dates": [{"start": "2026-12-24", "end": "2026-12-26", "name": "Christmas"}]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
api "http://127.0.0.1:$port/api/v1/outbound/batches" -d "{\"batch_id\": \"big\", \"campaign_id\": $campaign}" >/dev/null
start=$(date +%s)
psql -q -h 127.0.0.1 -U postgres -d "$db" <<SQL
INSERT INTO request (batch_pk, reference_id, ordinal, target, request_variables, status, channel_manager_status,
                     attempt_count, due_at, created_at, updated_at, time_zone)
SELECT b.pk, 'r' || g, 0, '+1' || (ARRAY['212','312','303','415','602','907'])[1 + g % 6] || lpad((g % 10000000)::text, 7, '0'),
       '{}', 'PENDING', 'PENDING', 0, now(), now(), now(),
       (ARRAY['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Phoenix',
              'America/Anchorage'])[1 + g % 6]
FROM batch b, generate_series(1, $rows) g WHERE b.batch_id = 'big';
INSERT INTO status_count (batch_pk, request_status, channel_status, stripe, n)
SELECT pk, 'PENDING', 'PENDING', 0, $rows FROM batch WHERE batch_id = 'big';
UPDATE batch SET upload_filename = 'generated.csv' WHERE batch_id = 'big';
ANALYZE request;
SQL
echo "generated $rows requests in $(( $(date +%s) - start ))s"
times=()
for i in $(seq 1 "$runs"); do
  t=$(curl -sS -o "$work/forecast.json" -w '%{time_total}' -H "Syllable-API-Key: $key" \
    "http://127.0.0.1:$port/api/v1/outbound/batches/big/forecast")
  times+=("$t"); echo "run $i: ${t}s"
done
python3 - "$work/forecast.json" "${times[@]}" <<'PY'
import json, statistics, sys
f = json.load(open(sys.argv[1])); times = sorted(float(t) for t in sys.argv[2:])
print("median %.3fs (min %.3fs, max %.3fs) over %d runs" % (statistics.median(times), times[0], times[-1], len(times)))
print("remaining %s, expected attempts %s, first %s, finish %s, days %d, step %ss" % (
    f["remaining"], f["expected_attempts"], f["expected_first_attempt"], f["expected_finish"], len(f["by_day"]),
    f["assumptions"]["step_seconds"]))
PY
