#!/usr/bin/env bash
# Start-up and warm-up, without and with the AOT cache (README, "Fast start"), on each store.
# The store is seeded once (a campaign and a batch of the README's call list, through the API);
# then each run starts the service on it as a deploy does (migrations already applied), times
# from launching the JVM until /actuator/health answers 200, and right away measures the first
# 1,000 GETs of the batch and of /actuator/health (alternating, one keep-alive connection), then
# 3,000 more of each, then 1,000 more as the steady state (bench/warmup_latency.py).
#   mode=jar: java -jar target/outbound.jar (the run contract)
#   mode=aot: java -XX:AOTCache=target/aot/outbound.aot -Dspring.aot.enabled=true
#             -jar target/aot/outbound.jar (bin/run: the JDK's AOT cache and Spring's AOT code)
#   mode=jdkaot: the same without -Dspring.aot.enabled=true (the JDK's cache alone; only when
#             MODES names it)
# Each run also reports the CPU seconds the service process had used when health answered
# (user + system, all threads: the JIT compilers' included), steadier than wall time on a
# loaded machine. Prints one line per run and per path, then the medians per store and mode.
#
#   bench/startup.sh [RUNS] [postgres|h2|both]      (defaults: 3 both)
#   PORT (default 18193), DB (PostgreSQL database, default bench_startup) and MODES (default
#   "jar aot"; e.g. "jar jdkaot aot") can be set. Runs of the modes alternate.
set -euo pipefail
source "$(dirname "$0")/lib-service.sh"
runs=${1:-3}
which=${2:-both}
port=${PORT:-18193}
db=${DB:-bench_startup}
key=bench-key-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
work=$(mktemp -d /tmp/outbound-startup.XXXX)
ensure_jar
trap 'stop_service; rm -rf "$work"' EXIT
stores=(postgres h2)
[ "$which" = both ] || stores=("$which")
read -r -a modes <<<"${MODES:-jar aot}"
if ! [ -f target/aot/outbound.aot ] || ! [ target/aot/outbound.aot -nt target/outbound.jar ]; then
  echo "no target/aot/outbound.aot newer than target/outbound.jar (JDK 25 build?): only mode=jar" >&2
  modes=(jar)
fi
common=(SERVER_PORT=$port OUTBOUND_DISPATCH_ENABLED=false OUTBOUND_BOOTSTRAP_API_KEY=$key
  OUTBOUND_API_RATE_LIMIT=0 OUTBOUND_API_ORG_RATE_LIMIT=0)
base=http://127.0.0.1:$port/api/v1/outbound
api() { curl -sSf -H "Syllable-API-Key: $key" "$@"; }

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

for store in "${stores[@]}"; do
  rm -rf "$work/data" "$work"/*.txt
  [ "$store" = postgres ] && fresh_pg "$db"
  # shellcheck disable=SC2207
  envs=($(store_env "$store" "$db" "$work/data") "${common[@]}")
  # Seeding: migrations, the key, one campaign and one batch of the example call list.
  SERVICE_JAR=target/outbound.jar JAVA_OPTS="" start_service "$work/seed.log" "${envs[@]}"
  wait_healthy "$port" 300 || { echo "FAIL: seeding service not healthy"; tail -20 "$work/seed.log"; exit 1; }
  cid=$(api -H 'Content-Type: application/json' -X POST "$base/campaigns" -d @examples/campaign.json |
    python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  api -H 'Content-Type: application/json' -X POST "$base/batches" -d "{\"batch_id\":\"warm\",\"campaign_id\":$cid}" >/dev/null
  api -F "file=@examples/calllist.csv" "$base/batches/warm/upload_batch" >/dev/null
  stop_service
  for run in $(seq 1 "$runs"); do
    for mode in "${modes[@]}"; do
      case $mode in
        aot) jar=target/aot/outbound.jar opts="-XX:AOTCache=target/aot/outbound.aot -Dspring.aot.enabled=true" ;;
        jdkaot) jar=target/aot/outbound.jar opts="-XX:AOTCache=target/aot/outbound.aot" ;;
        *) jar=target/outbound.jar opts="" ;;
      esac
      start=$(date +%s.%N)
      SERVICE_JAR=$jar JAVA_OPTS=$opts start_service "$work/service.log" "${envs[@]}"
      while ! curl -sf -m 1 "http://127.0.0.1:$port/actuator/health" >/dev/null; do
        kill -0 "$service_pid" 2>/dev/null || { echo "FAIL: the service exited"; tail -20 "$work/service.log"; exit 1; }
        sleep 0.05
      done
      took=$(echo "$(date +%s.%N) - $start" | bc)
      read -r -a stat <"/proc/$service_pid/stat"
      cpu=$(echo "(${stat[13]} + ${stat[14]}) / $(getconf CLK_TCK)" | bc -l)
      lat=$(python3 bench/warmup_latency.py "$port" "$key" /api/v1/outbound/batches/warm)
      stop_service
      printf 'store=%s mode=%s run=%d healthy_after_s=%.2f cpu_s=%.2f\n' "$store" "$mode" "$run" "$took" "$cpu"
      echo "$took" >>"$work/$mode-start.txt"
      echo "$cpu" >>"$work/$mode-cpu.txt"
      while read -r line; do
        echo "  $line"
        echo "$line" >>"$work/$mode-lat.txt"
      done <<<"$lat"
    done
  done
  for mode in "${modes[@]}"; do
    printf 'store=%s mode=%s runs=%d median_healthy_after_s=%s median_cpu_s=%s' "$store" "$mode" "$runs" \
      "$(median <"$work/$mode-start.txt")" "$(median <"$work/$mode-cpu.txt")"
    for path in batch health; do
      for field in first1000_p50_ms steady_p50_ms first_over_steady; do
        printf ' %s_%s=%s' "$path" "$field" \
          "$(grep "path=$path " "$work/$mode-lat.txt" | sed "s/.* $field=\([0-9.]*\).*/\1/" | median)"
      done
    done
    echo
  done
done
