#!/usr/bin/env bash
# The dispatch ceiling of one node (issue 17): runs bench/dispatch.sh at rising numbers of batches
# (each at 3600/h, the contract's highest rate, so BATCHES attempts/s) until the worst batch
# deviates from its pace by more than 2 %, and prints per step: target attempts/s, achieved,
# worst-batch deviation, the service's CPU cores and PostgreSQL's (its backends for this database;
# its background processes separately, shared with any other database on the server).
#   bench/ceiling.sh [STEPS...]          (default: 2000 3000 4000 6000 8000 10000 12000)
# WINDOW (default 60 s: one attempt more or fewer in a batch is then 1.7 %, under the 2 % line),
# KEEP_GOING=1 runs every step even past the ceiling; BENCH_PORT / BENCH_DB / OUTBOUND_* as for
# bench/dispatch.sh. Above 5,000 batches OUTBOUND_DISPATCH_BATCHES_PER_TICK is raised to match.
set -euo pipefail
cd "$(dirname "$0")/.."
window=${WINDOW:-60}
rows=$((window + 60)) # warm-up 10 s, the window, and room to spare: no batch runs dry
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(2000 3000 4000 6000 8000 10000 12000)
printf '%-9s %-9s %-10s %-11s %-13s %-10s %-8s %s\n' target/s achieved worst_dev% service_cpu postgres_cpu pg_bg_cpu claim_ms tick_ms
for n in "${steps[@]}"; do
  per_tick=${OUTBOUND_DISPATCH_BATCHES_PER_TICK:-$(( n > 5000 ? n : 5000 ))}
  out=$(OUTBOUND_DISPATCH_BATCHES_PER_TICK=$per_tick bench/dispatch.sh "$n" "$rows" "$window" 2>&1 | tail -5 || true)
  line=$(grep '^nodes=' <<<"$out" || true)
  if [ -z "$line" ]; then
    echo "step $n failed:"; echo "$out"; exit 1
  fi
  f() { grep -o "$1=[^ ]*" <<<"$line" | cut -d= -f2; }
  dev=$(f worst_deviation_pct)
  printf '%-9s %-9s %-10s %-11s %-13s %-10s %-8s %s\n' "$n" "$(f attempts_per_s)" "$dev" "$(f cpu_cores_used)" \
    "$(f pg_cpu_cores)" "$(f pg_background_cpu_cores)" "$(f claim_mean_ms)" "$(f tick_mean_ms)"
  if [ "${KEEP_GOING:-}" != 1 ] && awk "BEGIN{exit !($dev > 2.0)}"; then
    echo "ceiling: the worst batch fell more than 2 % off its pace at $n attempts/s"
    exit 0
  fi
done
echo "no step fell more than 2 % off its pace"
