#!/usr/bin/env bash
# What each part of the request row costs a COPY, without the service: the call list and the
# rows an upload sends for it (the 13 load columns, binary) are COPYed server-side into fresh
# tables shaped like `request` with and without each index, the identity, ...; each variant
# prints its backend's CPU seconds (read from /proc around the COPY), wall time and WAL bytes.
#
#   bench/copy-parts.sh [ROWS]        (default 1000000)
#   BENCH_DB: a database that has the request table (default bench_ingest, left by
#   bench/ingest.sh); the script adds and drops its own tables there.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
db=${BENCH_DB:-bench_ingest}
csv=$(realpath target/bench/calllist-$rows.csv)
[ -f "$csv" ] || python3 bench/gen-calllist.py "$rows" "$csv"
dir=$(mktemp -d /tmp/outbound-copy-parts.XXXX)
chmod 777 "$dir"
trap 'psql -qh 127.0.0.1 -U postgres -d $db -c "DROP TABLE IF EXISTS cp_t, cp_src" >/dev/null; rm -rf "$dir"' EXIT
q() { psql -qAt -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"; }
cols="batch_pk, reference_id, ordinal, target, request_variables, status, channel_manager_status, attempt_count, due_at, created_at, updated_at, time_zone, line_type"
q -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS cp_src, cp_t" \
  -c "CREATE TABLE cp_src (reference_id text, target text, first_name text, amount_due text, account text)" \
  -c "\\copy cp_src FROM '$csv' WITH (FORMAT csv, HEADER true)" \
  -c "COPY (SELECT 1::bigint, reference_id, 0, target, format('{\"first_name\":\"%s\",\"amount_due\":\"%s\",\"account\":\"%s\"}', first_name, amount_due, account), 'PENDING', 'PENDING', 0, now(), now(), now(), NULL::text, 'FIXED_LINE_OR_MOBILE' FROM cp_src) TO '$dir/load.bin' WITH (FORMAT binary)" \
  -c "COPY (SELECT row_number() OVER (), 1::bigint, reference_id, 0, target, format('{\"first_name\":\"%s\",\"amount_due\":\"%s\",\"account\":\"%s\"}', first_name, amount_due, account), 'PENDING', 'PENDING', 0, now(), now(), now(), NULL::text, 'FIXED_LINE_OR_MOBILE' FROM cp_src) TO '$dir/load_id.bin' WITH (FORMAT binary)"

# run NAME SETUP COPY: one measured COPY into cp_t after SETUP and a CHECKPOINT.
run() {
  q -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS cp_t" -c "$2" -c "CHECKPOINT" >/dev/null
  local out
  out=$(q <<SQL
SELECT pg_backend_pid() AS pid \gset
\setenv PGPID :pid
SELECT pg_current_wal_insert_lsn() AS l0 \gset
\! awk '{print "cpu0", \$14+\$15}' /proc/\$PGPID/stat; date +"t0 %s.%N"
$3;
\! date +"t1 %s.%N"; awk '{print "cpu1", \$14+\$15}' /proc/\$PGPID/stat
SELECT 'wal ' || pg_wal_lsn_diff(pg_current_wal_insert_lsn(), :'l0');
SQL
)
  echo "$out" | awk -v name="$1" -v tick="$(getconf CLK_TCK)" -v la="$(cut -d' ' -f1 /proc/loadavg)" '
    /^cpu0/{c0=$2} /^cpu1/{c1=$2} /^t0/{t0=$2} /^t1/{t1=$2} /^wal/{w=$2}
    END{printf "| %s | %.2f s | %.2f s | %.0f MB | %s |\n", name, (c1-c0)/tick, t1-t0, w/1048576, la}'
}
like="CREATE TABLE cp_t (LIKE request INCLUDING DEFAULTS INCLUDING IDENTITY)"
echo "| COPY into | backend CPU | wall | WAL | load |"
echo "|---|---|---|---|---|"
run "bare table, call list CSV" "CREATE TABLE cp_t (reference_id text, target text, first_name text, amount_due text, account text)" \
  "COPY cp_t FROM '$csv' WITH (FORMAT csv, HEADER true)"
run "request, no index, ids given (no identity)" "CREATE TABLE cp_t (LIKE request INCLUDING DEFAULTS)" \
  "COPY cp_t (id, $cols) FROM '$dir/load_id.bin' WITH (FORMAT binary)"
run "request, no index" "$like" "COPY cp_t ($cols) FROM '$dir/load.bin' WITH (FORMAT binary)"
run "request, primary key" "$like; ALTER TABLE cp_t ADD PRIMARY KEY (id)" "COPY cp_t ($cols) FROM '$dir/load.bin' WITH (FORMAT binary)"
run "request, primary key + request_batch_reference" "$like; ALTER TABLE cp_t ADD PRIMARY KEY (id); CREATE UNIQUE INDEX ON cp_t (batch_pk, reference_id, ordinal)" \
  "COPY cp_t ($cols) FROM '$dir/load.bin' WITH (FORMAT binary)"
run "request, primary key + request_claim" "$like; ALTER TABLE cp_t ADD PRIMARY KEY (id); CREATE INDEX ON cp_t (batch_pk, status, due_at)" \
  "COPY cp_t ($cols) FROM '$dir/load.bin' WITH (FORMAT binary)"
run "request as on main (all its indexes)" "CREATE TABLE cp_t (LIKE request INCLUDING ALL)" "COPY cp_t ($cols) FROM '$dir/load.bin' WITH (FORMAT binary)"
run "request, no index, then the 3 indexes built (one process)" "$like" \
  "SET max_parallel_maintenance_workers = 0; COPY cp_t ($cols) FROM '$dir/load.bin' WITH (FORMAT binary); ALTER TABLE cp_t ADD PRIMARY KEY (id); CREATE UNIQUE INDEX ON cp_t (batch_pk, reference_id, ordinal); CREATE INDEX ON cp_t (batch_pk, status, due_at)"
