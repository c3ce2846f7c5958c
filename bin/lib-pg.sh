# shellcheck shell=bash
# Sourced by bin/test: makes sure PostgreSQL answers on 127.0.0.1:5432, starting the
# local cluster with pg_ctlcluster when it does not.

outbound_pg_ready() {
    pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1
}

outbound_ensure_postgres() {
    if ! command -v pg_isready >/dev/null 2>&1; then
        echo "PostgreSQL client tools (pg_isready) are not installed; the store tests need PostgreSQL on 127.0.0.1:5432." >&2
        return 1
    fi
    outbound_pg_ready && return 0
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$version" ] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
        echo "PostgreSQL does not answer on 127.0.0.1:5432 and no local cluster was found in /etc/postgresql to start." >&2
        return 1
    fi
    echo "Starting PostgreSQL $version (cluster main)..." >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    local i
    for i in $(seq 1 30); do
        outbound_pg_ready && return 0
        sleep 1
    done
    echo "PostgreSQL $version did not answer on 127.0.0.1:5432 within 30 s." >&2
    return 1
}
