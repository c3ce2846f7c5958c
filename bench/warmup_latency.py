#!/usr/bin/env python3
"""Latency right after a start against steady state, over one keep-alive connection.

Alternates GET of a batch and GET /actuator/health: the first N of each (right after the
service answered its first health check), then WARM more of each, then N more as the steady
state. Prints the median and p90 of each phase per path, and first/steady median ratio.

usage: warmup_latency.py PORT KEY BATCH_PATH [N] [WARM]      (defaults: 1000 3000)
"""
import http.client
import statistics
import sys
import time

port, key, batch = int(sys.argv[1]), sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
warm = int(sys.argv[5]) if len(sys.argv) > 5 else 3000
paths = {"batch": batch, "health": "/actuator/health"}
conn = http.client.HTTPConnection("127.0.0.1", port)
headers = {"Syllable-API-Key": key}


def phase(count):
    samples = {name: [] for name in paths}
    for _ in range(count):
        for name, path in paths.items():
            start = time.perf_counter()
            conn.request("GET", path, headers=headers)
            r = conn.getresponse()
            r.read()
            samples[name].append((time.perf_counter() - start) * 1000)
            assert r.status == 200, (path, r.status)
    return samples


def p(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * q))]


first = phase(n)
phase(warm)
steady = phase(n)
for name in paths:
    f, s = statistics.median(first[name]), statistics.median(steady[name])
    print(f"path={name} first{n}_p50_ms={f:.2f} first{n}_p90_ms={p(first[name], 0.9):.2f} "
          f"first100_p50_ms={statistics.median(first[name][:100]):.2f} "
          f"steady_p50_ms={s:.2f} first_over_steady={f / s:.2f}")
