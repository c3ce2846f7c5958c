#!/usr/bin/env python3
"""Drives bench/pg-restart.sh: dispatch and API load while PostgreSQL goes away and comes back.

usage: pg_restart.py PORT KEY DB PSQL_PORT BATCHES ROWS OUTAGE_S STOP_CMD START_CMD
Prints what it saw and PASS or FAIL; exits 1 on FAIL.
"""
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

port, key, db, psql_port = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
batches, rows, outage = int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
stop_cmd, start_cmd = sys.argv[8], sys.argv[9]
base = f"http://127.0.0.1:{port}"
FINAL = {"COMPLETED", "FAILED", "CANCELED", "INVALID", "DUPLICATE", "SKIPPED"}
TIMEOUT = 10  # an answer slower than this counts as a hang


def call(method, path, body=None, ctype="application/json", timeout=TIMEOUT):
    """Answers (status, headers, body); status 0 means no answer in time or no connection."""
    req = urllib.request.Request(base + path, data=body, method=method,
                                 headers={"Syllable-API-Key": key, "Content-Type": ctype})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
    except Exception as e:  # timeout, refused, reset
        return 0, {}, str(e).encode()


def ok(method, path, body=None, ctype="application/json"):
    status, _, data = call(method, path, body, ctype, timeout=120)
    if status != 200:
        sys.exit(f"setup failed: {method} {path} -> {status} {data[:300]!r}")
    return json.loads(data) if data else None


def psql(sql):
    return subprocess.run(["psql", "-qtA", "-F", " ", "-h", "127.0.0.1", "-p", psql_port, "-U", "postgres",
                           "-d", db, "-c", sql], check=True, capture_output=True, text=True).stdout


def target(i):
    # Last digit 0-6: the simulator answers and completes, so every request can end COMPLETED.
    return f"+1512200{(i // 7) % 1000:03d}{i % 7}"


# Setup: BATCHES batches of ROWS requests at 3600/h each, held, then released together.
campaign = ok("POST", "/api/v1/outbound/campaigns", json.dumps({
    "campaign_name": "pg-restart", "campaign_variables": {}, "caller_id": None, "hourly_rate": 3600,
    "retry_count": 0, "active_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}).encode())["id"]
boundary = "----pgrestart" + uuid.uuid4().hex
for b in range(batches):
    csv = "reference_id,target\r\n" + "".join(f"r{i},{target(i)}\r\n" for i in range(rows))
    ok("POST", "/api/v1/outbound/batches", json.dumps({"batch_id": f"b{b}", "campaign_id": campaign}).encode())
    ok("POST", f"/api/v1/outbound/batches/b{b}/upload_batch",
       (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\n"
        f"Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n").encode(),
       f"multipart/form-data; boundary={boundary}")

log = []  # (t, kind, status, retry_after, seconds, reference_id)
stop = threading.Event()


def load(worker):
    n = 0
    while not stop.is_set():
        n += 1
        ref = f"load-{worker}-{n}"
        for kind, method, path, body in (
                ("get-batch", "GET", f"/api/v1/outbound/batches/b{n % batches}", None),
                ("list-campaigns", "GET", "/api/v1/outbound/campaigns", None),
                ("add-request", "POST", f"/api/v1/outbound/batches/b{n % batches}/requests",
                 json.dumps({"reference_id": ref, "target": target(n), "request_variables": {}}).encode())):
            t0 = time.time()
            status, headers, _ = call(method, path, body)
            retry = {k.lower(): v for k, v in headers.items()}.get("retry-after")
            log.append((t0, kind, status, retry, time.time() - t0, ref if kind == "add-request" else None,
                        n % batches))
            time.sleep(0.05)


threads = [threading.Thread(target=load, args=(w,), daemon=True) for w in range(2)]
t_start = time.time()
for t in threads:
    t.start()
time.sleep(15)
print(f"stopping PostgreSQL for {outage:.0f} s: {stop_cmd}", flush=True)
t_down = time.time()
subprocess.run(stop_cmd, shell=True, check=True)
time.sleep(outage)
subprocess.run(start_cmd, shell=True, check=True)
t_up = time.time()
print(f"PostgreSQL back after {t_up - t_down:.1f} s", flush=True)

recovered = None
while time.time() - t_up < 60:
    if call("GET", "/actuator/health", timeout=3)[0] == 200 and call("GET", "/api/v1/outbound/campaigns")[0] == 200:
        recovered = time.time() - t_up
        break
    time.sleep(0.2)
time.sleep(5)
stop.set()
for t in threads:
    t.join()

# Wait until every request is final (a claim lost in the outage comes back after the lease).
deadline = time.time() + 240
while True:
    counts = {}
    for b in range(batches):
        for s, n in ok("GET", f"/api/v1/outbound/batches/b{b}")["status_counts"].items():
            counts[s] = counts.get(s, 0) + n
    open_ = {s: n for s, n in counts.items() if s not in FINAL and n}
    if not open_ or time.time() > deadline:
        break
    time.sleep(2)

failures = []
during = [e for e in log if t_down <= e[0] <= t_up + (recovered or 60)]
by_status = {}
for e in during:
    by_status[e[2]] = by_status.get(e[2], 0) + 1
print(f"requests: {len(log)} in total, {len(during)} from the stop until recovery; statuses then: {by_status}")
slowest = max((e[4] for e in during), default=0)
print(f"slowest answer during the outage: {slowest:.2f} s (hang limit {TIMEOUT} s)")
bad = [e for e in log if e[2] not in (200, 503)]
if bad:
    failures.append(f"{len(bad)} answers other than 200/503, e.g. {bad[:3]}")
if any(e[2] == 503 and not e[3] for e in log):
    failures.append("a 503 without Retry-After")
if recovered is None:
    failures.append("the service did not recover within 60 s of PostgreSQL's return")
else:
    print(f"service answered again {recovered:.1f} s after PostgreSQL was back")
after = [e for e in log if recovered is not None and e[0] > t_up + recovered + 1]
if any(e[2] != 200 for e in after):
    failures.append(f"errors after recovery: {[e for e in after if e[2] != 200][:3]}")

accepted = {e[5] for e in log if e[1] == "add-request" and e[2] == 200}
refused = {e[5] for e in log if e[1] == "add-request" and e[2] != 200}
stored = set()
for b in range(batches):
    stored |= {r["reference_id"] for r in ok("GET", f"/api/v1/outbound/batches/b{b}/results")}
lost = accepted - stored
print(f"requests added through the API: {len(accepted)} accepted, {len(refused)} refused "
      f"({len(refused & stored)} of those stored anyway)")
if lost:
    failures.append(f"{len(lost)} accepted requests are missing, e.g. {sorted(lost)[:3]}")
expected_total = batches * rows + len(accepted) + len(refused & stored)
total = sum(counts.values())
print(f"final status counts: {counts} (total {total}, expected {expected_total})")
if total != expected_total:
    failures.append(f"counts add up to {total}, not {expected_total}")
if open_:
    failures.append(f"requests not final after 240 s: {open_}")
rows_by_status = {}
for line in psql("SELECT r.status, COUNT(*) FROM request r JOIN batch b ON b.pk = r.batch_pk "
                 "WHERE b.batch_id LIKE 'b%' GROUP BY r.status").split("\n"):
    if line.strip():
        s, n = line.split()
        rows_by_status[s] = int(n)
print(f"request rows by status (SELECT): {rows_by_status}")
if rows_by_status != {s: n for s, n in counts.items() if n}:
    failures.append("status counters differ from the request rows")
attempts = psql("SELECT COUNT(*) FROM request_attempt").strip()
print(f"attempts recorded: {attempts}")

for f in failures:
    print("FAIL " + f)
print(("PASS" if not failures else "FAIL") + f" pg-restart outage={outage:.0f}s batches={batches} rows={rows}")
sys.exit(1 if failures else 0)
