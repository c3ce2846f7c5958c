#!/usr/bin/env python3
"""Writes a call list: reference_id, target (valid US numbers) and three variables.

usage: gen-calllist.py ROWS OUT.csv
"""
import sys

rows, out = int(sys.argv[1]), sys.argv[2]
with open(out, "w", newline="") as f:
    f.write("reference_id,target,first_name,amount_due,account\r\n")
    for i in range(rows):
        f.write(f"ref-{i:08d},+1512{2000000 + i % 8_000_000:07d},Name{i % 977},{(i * 37) % 100000 / 100:.2f},ACC{i:09d}\r\n")
