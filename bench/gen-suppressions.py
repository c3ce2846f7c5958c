#!/usr/bin/env python3
"""Writes a suppression list: target (nine in ten valid US numbers, one in ten email
addresses, all distinct), kind (cycling through the four kinds) and a reason on every third row.

usage: gen-suppressions.py ROWS OUT.csv
"""
import sys

KINDS = ("unsubscribed", "bounced", "spam_report", "dropped")
rows, out = int(sys.argv[1]), sys.argv[2]
with open(out, "w", newline="") as f:
    f.write("target,kind,reason\r\n")
    for i in range(rows):
        target = f"Person.{i}@Example.com" if i % 10 == 9 else f"+1512{2000000 + i % 8_000_000:07d}"
        reason = f"ticket {i}" if i % 3 == 0 else ""
        f.write(f"{target},{KINDS[i % 4]},{reason}\r\n")
