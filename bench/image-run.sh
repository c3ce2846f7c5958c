#!/usr/bin/env bash
# bench/image-run.sh [PORT] [IMAGE_TAR]: runs the container image without a container runtime,
# to show it really starts (no Docker daemon here): unpacks target/jib-image.tar's layers into a
# root directory, starts the image's entrypoint in it with chroot as the image's user, with the
# image's environment and working directory, on the host's network, against PostgreSQL database
# h5_image (fresh). Prints the image's sizes, the time until /readyz answers 200, the uid the
# process runs as, the HealthProbe's exit code inside the root, and the service's own start time.
# Needs root (chroot) and python3. Default PORT 19510.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port=${1:-19510}
image=${2:-target/jib-image.tar}
[ "$(id -u)" -eq 0 ] || { echo "needs root (chroot)" >&2; exit 1; }
[ -f "$image" ] || { echo "$image is missing: run bin/image first" >&2; exit 1; }
root=$(mktemp -d /tmp/outbound-image-root.XXXXXX)
chmod 755 "$root" # it becomes /, which the image's user must traverse
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  umount "$root/proc" "$root/dev" 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT

# The image's config (user, env, workdir, entrypoint) and its layers, applied in order.
python3 - "$image" "$root" >"$root.cmd" <<'PY'
import json, shlex, sys, tarfile
image, root = sys.argv[1], sys.argv[2]
with tarfile.open(image) as t:
    manifest = json.load(t.extractfile("manifest.json"))[0]
    config = json.load(t.extractfile(manifest["Config"]))["config"]
    total = 0
    for layer in manifest["Layers"]:
        with tarfile.open(fileobj=t.extractfile(layer)) as l:
            total += sum(m.size for m in l.getmembers())
            l.extractall(root, numeric_owner=True, filter="fully_trusted")
import os
print(f"echo 'image: {os.path.getsize(image) // 2**20} MiB tarball, {total // 2**20} MiB unpacked, {len(manifest['Layers'])} layers' >&2")
print("user=" + shlex.quote(config["User"]))
print("workdir=" + shlex.quote(config.get("WorkingDir", "/")))
print("envs=(" + " ".join(shlex.quote(e) for e in config.get("Env", [])) + ")")
print("entrypoint=(" + " ".join(shlex.quote(a) for a in config["Entrypoint"]) + ")")
PY
# shellcheck disable=SC1090
source "$root.cmd"
rm -f "$root.cmd"
# What a container runtime provides: /proc (the loader finds the runtime's libraries through
# /proc/self/exe) and /dev (urandom, null).
mkdir -p "$root/proc" "$root/dev"
mount --bind /proc "$root/proc"
mount --bind /dev "$root/dev"

psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS h5_image WITH (FORCE)" -c "CREATE DATABASE h5_image"
log=$(mktemp /tmp/outbound-image-log.XXXXXX)
[ ! -e "$root/bin/sh" ] || echo "the image has a shell (/bin/sh): it should not" >&2
# The image's environment and user; GNU chroot starts in / (the image's workdir is $workdir).
run_in_image() {
  exec env -i "${envs[@]}" SERVER_PORT="$port" \
    SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/h5_image SPRING_DATASOURCE_USERNAME=postgres \
    OUTBOUND_BOOTSTRAP_API_KEY=image-run-key-image-run-key-image-run \
    /usr/sbin/chroot --userspec="$user" "$root" "$@"
}
(run_in_image java -version) >/dev/null 2>&1 || { echo "java does not run in the image's root" >&2; (run_in_image java -version); exit 1; }
start=$(date +%s.%N)
(run_in_image "${entrypoint[@]}") >"$log" 2>&1 &
pid=$!
ready=""
for _ in $(seq 1 600); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; then ready=yes; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
end=$(date +%s.%N)
if [ -z "$ready" ]; then
  echo "the image's service did not become ready; its log:" >&2; tail -40 "$log" >&2; exit 1
fi
uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
set +e
(run_in_image java -Xshare:auto -XX:TieredStopAtLevel=1 \
  -XX:+UseSerialGC -Xmx16m -cp /opt/outbound/probe HealthProbe "http://127.0.0.1:$port/readyz")
probe=$?
set -e
printf 'ready after %.1f s (from exec to /readyz 200); process uid %s; HealthProbe exit %s\n' \
  "$(awk "BEGIN {print $end - $start}")" "$uid" "$probe"
grep -o 'Started OutboundApplication in [0-9.]* seconds[^)]*)' "$log" || true
rm -f "$log"
