#!/usr/bin/env bash
# Start-up time: from launching the jar until /actuator/health answers 200, on each store, N
# runs each (a fresh PostgreSQL database or H2 directory every run, so Flyway migrates from
# scratch), then the median. Prints one line per run and per store.
#
#   bench/startup.sh [RUNS] [postgres|h2|both]      (defaults: 5 both)
set -euo pipefail
source "$(dirname "$0")/lib-service.sh"
runs=${1:-5}
which=${2:-both}
port=18193
db=bench_startup
work=$(mktemp -d /tmp/outbound-startup.XXXX)
ensure_jar
trap 'stop_service; rm -rf "$work"' EXIT
stores=(postgres h2)
[ "$which" = both ] || stores=("$which")

for store in "${stores[@]}"; do
  times=()
  for run in $(seq 1 "$runs"); do
    rm -rf "$work/data"
    [ "$store" = postgres ] && fresh_pg $db
    # shellcheck disable=SC2207
    envs=($(store_env "$store" $db "$work/data") SERVER_PORT=$port OUTBOUND_DISPATCH_ENABLED=false)
    start=$(date +%s.%N)
    start_service "$work/service.log" "${envs[@]}"
    while ! curl -sf -m 1 "http://127.0.0.1:$port/actuator/health" >/dev/null; do
      kill -0 "$service_pid" 2>/dev/null || { echo "FAIL: the service exited"; tail -20 "$work/service.log"; exit 1; }
      sleep 0.05
    done
    took=$(echo "$(date +%s.%N) - $start" | bc)
    stop_service
    printf 'store=%s run=%d healthy_after_s=%.2f\n' "$store" "$run" "$took"
    times+=("$took")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}')
  echo "store=$store runs=$runs median_healthy_after_s=$median"
done
