#!/usr/bin/env python3
"""Checks the container image tarball bin/image built (target/jib-image.tar by default): a
non-root user, the Java entrypoint of outbound, port 8080 exposed, the configuration by
environment, and a layer with the Java runtime and the health probe. Exits 1 naming each
problem. Usage: check-image.py [image.tar]
"""
import json
import sys
import tarfile

MAIN_CLASS = "dev.outbound.OutboundApplication"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "target/jib-image.tar"
    problems = []
    with tarfile.open(path) as image:
        manifest = json.load(image.extractfile("manifest.json"))[0]
        config = json.load(image.extractfile(manifest["Config"]))
        files = {}
        for layer in manifest["Layers"]:
            with tarfile.open(fileobj=image.extractfile(layer)) as t:
                for m in t.getmembers():
                    files[m.name.lstrip("./").rstrip("/")] = m
    c = config.get("config", {})
    user = c.get("User", "")
    uid = user.split(":")[0]
    if uid in ("", "0", "root"):
        problems.append(f"runs as root (User {user!r}); it must be a non-root user")
    entrypoint = c.get("Entrypoint") or []
    if not entrypoint or entrypoint[0] != "java" or MAIN_CLASS not in entrypoint:
        problems.append(f"entrypoint {entrypoint} does not start java with {MAIN_CLASS}")
    if "8080/tcp" not in (c.get("ExposedPorts") or {}):
        problems.append(f"port 8080/tcp not exposed: {c.get('ExposedPorts')}")
    env = dict(e.split("=", 1) for e in c.get("Env") or [])
    if "/opt/java/bin" not in env.get("PATH", ""):
        problems.append(f"PATH {env.get('PATH')!r} does not find the runtime's java")
    if env.get("OUTBOUND_DATA_DIR") != "/data":
        problems.append("OUTBOUND_DATA_DIR is not /data")
    for name in ("opt/java/bin/java", "opt/outbound/probe/HealthProbe.class", "lib64/ld-linux-x86-64.so.2",
                 "etc/passwd", "app/jib-classpath-file"):
        if name not in files:
            problems.append(f"/{name} is missing from the layers")
    data = files.get("data")
    if data is None or str(data.uid) != uid:
        problems.append(f"/data is not owned by the image's user {uid}")
    tmp = files.get("tmp")
    if tmp is None or tmp.mode & 0o1777 != 0o1777:
        problems.append("/tmp is missing or not world-writable with the sticky bit (uploads stream to it)")
    if problems:
        for p in problems:
            print(f"{path}: {p}", file=sys.stderr)
        sys.exit(1)
    size = sum(m.size for m in files.values()) // (1024 * 1024)
    print(f"{path}: user {user}, entrypoint {' '.join(entrypoint[:2])} ... {entrypoint[-1]}, "
          f"ports {', '.join(c['ExposedPorts'])}, {len(manifest['Layers'])} layers, {size} MiB unpacked: OK")


if __name__ == "__main__":
    main()
