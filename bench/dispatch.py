#!/usr/bin/env python3
"""Dispatch benchmark: BATCHES batches at 3600/h each, all active at once, on one or more nodes
sharing PostgreSQL, with the simulator at talk time 0. Measures for WINDOW seconds after a
warm-up: achieved attempts per second, each batch's deviation from its rate, claim latency and
CPU (summed over the nodes) and PostgreSQL's CPU (its backends serving DATABASE, plus its
background processes, which other databases on the server share).
With WEBHOOK_URL set (bench/dispatch.sh WEBHOOKS=1) the campaign gets a webhook on every channel
status and, from WEBHOOK_LOG (bench/webhook_receiver.py), the run reports events delivered per
second in the window, the lag p50/p99 of those deliveries and the backlog (undelivered events)
at the start and end of the window.

usage: dispatch.py PORTS KEY PIDS BATCHES ROWS_PER_BATCH WINDOW_SECONDS DATABASE
       (PORTS and PIDS comma-separated, one per node; the API calls go to the first)
"""
import concurrent.futures
import http.client
import json
import math
import os
import threading
import subprocess
import sys
import time
import uuid

ports = [int(p) for p in sys.argv[1].split(",")]
key, pids = sys.argv[2], [int(p) for p in sys.argv[3].split(",")]
port = ports[0]
batches, rows, window, db = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
local = threading.local()


def call(method, path, body=None, content_type="application/json"):
    # One connection per thread: the batches are made from a few threads at once.
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = local.conn = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Syllable-API-Key": key}
    if body is not None:
        headers["Content-Type"] = content_type
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit(f"{method} {path} -> {r.status} {data[:300]!r}")
    return json.loads(data) if data else None


def psql(sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def cpu_seconds():
    total = 0.0
    for pid in pids:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / 100.0  # utime + stime in clock ticks (100/s)
    return total


def pg_cpu_seconds():
    """CPU of the PostgreSQL backends serving this database, and of its background processes."""
    rows = psql("SELECT pid || ' ' || COALESCE(datname = current_database(), false)::int "
                "FROM pg_stat_activity WHERE datname = current_database() OR datname IS NULL")
    own = shared = 0.0
    for row in rows.splitlines():
        pid, mine = row.split()
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        t = (int(fields[11]) + int(fields[12])) / 100.0
        if mine == "1":
            own += t
        else:
            shared += t
    return own, shared


def metric(text, name):
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name) and not line.startswith("#"):
            total += float(line.rsplit(" ", 1)[1])
    return total


# POLICY='{...}': the organization policy (PUT /policy) before anything is made; CAMPAIGN_EXTRA='{...}':
# fields merged into the campaign (restricted_dates, max_concurrent, hours_in, ...), so a run can
# switch on the calendar's rules.
if os.environ.get("POLICY"):
    call("PUT", "/api/v1/outbound/policy", os.environ["POLICY"])
campaign_body = {
    "campaign_name": "bench", "campaign_variables": {}, "caller_id": None, "hourly_rate": 3600,
    "active_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}
campaign_body.update(json.loads(os.environ.get("CAMPAIGN_EXTRA") or "{}"))
# Every channel status the contract knows: the webhook hears about every change.
ALL_STATUSES = ["PENDING", "DUPLICATE", "INVALID", "UNEXPECTED_ERROR", "FILTERED_LINE_TYPE", "NO_OUTCOME",
    "PROCESSED", "DROPPED", "DEFERRED", "BOUNCED", "DELIVERED", "OPENED", "CLICKED", "SPAM_REPORT",
    "UNSUBSCRIBED", "PRIOR_UNSUBSCRIBED", "PRIOR_SPAM_REPORT", "PRIOR_DROPPED", "PRIOR_BOUNCED", "SENT",
    "ACCEPTED", "QUEUED", "SENDING", "UNDELIVERED", "DELIVERY_UNKNOWN", "DELIVERY_FAILED", "IN-PROGRESS",
    "BUSY", "CANCELED", "COMPLETED", "DECLINED", "NO-ANSWER", "MACHINE", "HUMAN", "UNKNOWN", "FAILED",
    "SIP_NOT_FOUND", "SIP_TEMPORARILY_UNAVAILABLE", "SIP_LOOP_DETECTED", "SIP_DOES_NOT_EXIST_ANYWHERE"]
webhook_url = os.environ.get("WEBHOOK_URL")
if webhook_url:
    campaign_body["webhooks"] = [{"trigger_statuses": ALL_STATUSES, "url": webhook_url, "request_method": "POST"}]
campaign = call("POST", "/api/v1/outbound/campaigns", json.dumps(campaign_body))["id"]
# DISTINCT_TARGETS=1: every row of every batch is another person (+15122000000 onwards), as a
# run with contact limits needs; otherwise every batch holds the same numbers.
distinct = os.environ.get("DISTINCT_TARGETS") == "1"
boundary = "----bench" + uuid.uuid4().hex
def upload_of(b):
    if distinct:
        lines = "".join(f"r{i},+15122{b * rows + i:06d}\r\n" for i in range(rows))
    else:
        lines = "".join(f"r{i},+1512200{i % 10000:04d}\r\n" for i in range(rows))
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\nreference_id,target\r\n{lines}\r\n--{boundary}--\r\n").encode()
start = time.time()
def make(b):
    call("POST", "/api/v1/outbound/batches", json.dumps({"batch_id": f"b{b}", "campaign_id": campaign, "paused": True}))
    call("POST", f"/api/v1/outbound/batches/b{b}/upload_batch", upload_of(b), f"multipart/form-data; boundary={boundary}")
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    list(pool.map(make, range(batches)))
print(f"setup: {batches} batches x {rows} rows in {time.time() - start:.1f}s", flush=True)

# Release every batch in one statement so they all start together.
psql("UPDATE batch SET paused = false")
time.sleep(10)  # warm-up: the loop reaches its steady state
def prometheus():
    # Fresh connections: a server closes one idle for as long as the measuring window. The
    # nodes' texts are joined, so counters and sums add up over the nodes.
    texts = []
    for p in ports:
        c = http.client.HTTPConnection("127.0.0.1", p)
        c.request("GET", "/actuator/prometheus", headers={"Authorization": "Bearer bench-metrics-token"})
        texts.append(c.getresponse().read().decode())
    return "\n".join(texts)


def backlog():
    return int(psql("SELECT COUNT(*) FROM webhook_event WHERE status = 'PENDING'")) if webhook_url else 0


before = prometheus()
backlog0 = backlog()
w0 = time.time()
pg0 = pg_cpu_seconds()
t0 = psql("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
cpu0 = cpu_seconds()
time.sleep(window)
cpu1 = cpu_seconds()
pg1 = pg_cpu_seconds()
w1 = time.time()
backlog1 = backlog()
t1 = psql("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
after = prometheus()

per_batch = psql(f"""
    SELECT COALESCE(MIN(n), 0) || ' ' || COALESCE(MAX(n), 0) || ' ' || COALESCE(SUM(n), 0) || ' ' || COUNT(*)
    FROM (SELECT b.pk, COUNT(a.request_id) AS n FROM batch b
          LEFT JOIN request r ON r.batch_pk = b.pk
          LEFT JOIN request_attempt a ON a.request_id = r.id
               AND a.started_at >= '{t0}' AND a.started_at < '{t1}'
          GROUP BY b.pk) x""")
lo, hi, total, count = (int(float(v)) for v in per_batch.split())
# 3600/h = 1 per second per batch, over the window as it really lasted (a little over WINDOW).
elapsed = float(psql(f"SELECT EXTRACT(EPOCH FROM TIMESTAMPTZ '{t1}' - TIMESTAMPTZ '{t0}')"))
expected = elapsed
claims = metric(after, "outbound_dispatch_claim_seconds_count") - metric(before, "outbound_dispatch_claim_seconds_count")
claim_time = metric(after, "outbound_dispatch_claim_seconds_sum") - metric(before, "outbound_dispatch_claim_seconds_sum")
ticks = metric(after, "outbound_dispatch_tick_seconds_count") - metric(before, "outbound_dispatch_tick_seconds_count")
tick_time = metric(after, "outbound_dispatch_tick_seconds_sum") - metric(before, "outbound_dispatch_tick_seconds_sum")
lag = metric(after, "outbound_dispatch_lag_seconds") / len(ports)
worst = max(abs(lo - expected), abs(hi - expected)) / expected * 100
print(f"nodes={len(ports)} batches={count} window_s={elapsed:.2f} attempts={total} attempts_per_s={total / elapsed:.1f} "
      f"target_per_s={batches} per_batch_min={lo} per_batch_max={hi} expected_per_batch={expected:.2f} "
      f"worst_deviation_pct={worst:.1f} claim_mean_ms={(claim_time / claims * 1000) if claims else 0:.2f} "
      f"claims={int(claims)} tick_mean_ms={(tick_time / ticks * 1000) if ticks else 0:.1f} ticks={int(ticks)} "
      f"last_lag_s={lag:.3f} cpu_cores_used={(cpu1 - cpu0) / elapsed:.2f} "
      f"pg_cpu_cores={(pg1[0] - pg0[0]) / elapsed:.2f} pg_background_cpu_cores={(pg1[1] - pg0[1]) / elapsed:.2f}")
if webhook_url:
    time.sleep(1.5)  # the receiver writes its log once a second
    lags = []
    for line in open(os.environ["WEBHOOK_LOG"]):
        arrived, occurred = (float(v) for v in line.split())
        if w0 <= arrived < w1 and not math.isnan(occurred):
            lags.append(arrived - occurred)
    lags.sort()
    def pct(p):
        return lags[min(len(lags) - 1, int(p / 100 * len(lags)))] if lags else float("nan")
    print(f"webhooks: events_delivered={len(lags)} events_per_s={len(lags) / (w1 - w0):.1f} "
          f"lag_p50_s={pct(50):.3f} lag_p99_s={pct(99):.3f} lag_max_s={(lags[-1] if lags else float('nan')):.3f} "
          f"backlog_start={backlog0} backlog_end={backlog1} backlog_growth_per_s={(backlog1 - backlog0) / (w1 - w0):.1f}")
