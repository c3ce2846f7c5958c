#!/usr/bin/env python3
"""GETs a path N times over one keep-alive connection; prints p50/p99 in ms.

usage: read_latency.py PORT KEY PATH [N]
"""
import http.client
import sys
import time

port, key, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
conn = http.client.HTTPConnection("127.0.0.1", port)
headers = {"Syllable-API-Key": key}
for _ in range(50):  # warm-up
    conn.request("GET", path, headers=headers)
    conn.getresponse().read()
samples = []
for _ in range(n):
    start = time.perf_counter()
    conn.request("GET", path, headers=headers)
    r = conn.getresponse()
    r.read()
    samples.append((time.perf_counter() - start) * 1000)
    assert r.status == 200, r.status
samples.sort()
print(f"path={path} n={n} p50_ms={samples[n // 2]:.2f} p99_ms={samples[int(n * 0.99) - 1]:.2f}")
