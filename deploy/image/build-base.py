#!/usr/bin/env python3
"""Builds the container image's base, target/image-base.tar, from this machine's JDK, offline.

Jib normally pulls its base image (e.g. eclipse-temurin:25-jre) from a registry. Where only Maven
Central is reachable that cannot work, so the base is made here instead and Jib reads it with
`<from><image>tar://...` (a `docker save` tarball). One layer holds:

- /opt/java: a Java runtime jlink'ed from $JAVA_HOME (the JDK the build uses, 25) with only the
  modules outbound needs (plus jcmd for thread dumps and JFR), with its default CDS archive;
- the C libraries that runtime links against (ldd of every binary and library in it), copied
  from this machine at the same paths; glibc 2.34+ has the files and dns name services built in;
- /etc/passwd and /etc/group with user `outbound` (10001), /tmp (1777), /data owned by 10001
  (the H2 store when no PostgreSQL is configured);
- /opt/outbound/probe/HealthProbe.class: the health check (no shell or curl in the image).

Everything gets owner root and a fixed modification time except /data, so the same JDK and
libraries give the same layer digest. Usage: build-base.py [target-dir] (default ./target).
"""
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile

MODULES = [
    "java.base", "java.compiler", "java.desktop", "java.instrument", "java.logging",
    "java.management", "java.naming", "java.net.http", "java.prefs", "java.rmi", "java.scripting",
    "java.security.jgss", "java.security.sasl", "java.sql", "java.transaction.xa", "java.xml",
    "jdk.crypto.cryptoki", "jdk.jfr", "jdk.management", "jdk.management.jfr", "jdk.naming.dns",
    "jdk.net", "jdk.unsupported", "jdk.zipfs", "jdk.jcmd",
]
# Native parts of AWT's X11 toolkit, sound and the splash screen: a headless server never loads
# them, so the X11 and ALSA libraries they link against stay out of the image.
HEADFUL = {"libawt_xawt.so", "libjsound.so", "libsplashscreen.so", "libjawt.so"}
UID = 10001
MTIME = 1700000000
PASSWD = "root:x:0:0:root:/root:/sbin/nologin\noutbound:x:10001:10001:outbound:/data:/sbin/nologin\n"
GROUP = "root:x:0:\noutbound:x:10001:\n"
NSSWITCH = "passwd: files\ngroup: files\nhosts: files dns\n"


def run(*cmd):
    subprocess.run(cmd, check=True)


def linked_libraries(root):
    """Absolute paths of the shared libraries the runtime's ELF files load (ldd), outside it."""
    libs = set()
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            if not (name.endswith(".so") or dirpath.endswith("/bin")) or name in HEADFUL:
                continue
            out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
            for line in out.splitlines():
                m = re.search(r"(?:=>\s*)?(/\S+)\s+\(0x", line)
                if m and not m.group(1).startswith(root):
                    libs.add(m.group(1))
    # glibc loads libgcc_s when a thread is cancelled or unwinds; the JVM may do both.
    for extra in ("/lib/x86_64-linux-gnu/libgcc_s.so.1",):
        if os.path.exists(extra):
            libs.add(extra)
    return sorted(libs)


def add_dir(tar, name, mode=0o755, uid=0):
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.uid, info.gid, info.mtime = tarfile.DIRTYPE, mode, uid, uid, MTIME
    tar.addfile(info)


def add_bytes(tar, name, data, mode=0o644):
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), mode, MTIME
    tar.addfile(info, io.BytesIO(data))


def add_file(tar, name, path, dirs):
    parent = os.path.dirname(name)
    parts = parent.split("/")
    for i in range(1, len(parts) + 1):
        d = "/".join(parts[:i])
        if d and d not in dirs:
            dirs.add(d)
            add_dir(tar, d)
    with open(path, "rb") as f:
        data = f.read()
    add_bytes(tar, name, data, os.stat(path).st_mode & 0o777)


def main():
    target = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target")
    java_home = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
    work = os.path.join(target, "image-base")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    runtime = os.path.join(work, "java")
    run(os.path.join(java_home, "bin", "jlink"), "--add-modules", ",".join(MODULES),
        "--strip-debug", "--no-man-pages", "--no-header-files", "--compress", "zip-6",
        "--generate-cds-archive", "--output", runtime)
    probe = os.path.join(work, "probe")
    here = os.path.dirname(os.path.abspath(__file__))
    run(os.path.join(java_home, "bin", "javac"), "--release", "21", "-d", probe,
        os.path.join(here, "HealthProbe.java"))

    layer = os.path.join(work, "layer.tar")
    dirs = set()
    with tarfile.open(layer, "w", format=tarfile.GNU_FORMAT) as tar:
        add_dir(tar, "etc"); dirs.add("etc")
        add_bytes(tar, "etc/passwd", PASSWD.encode())
        add_bytes(tar, "etc/group", GROUP.encode())
        add_bytes(tar, "etc/nsswitch.conf", NSSWITCH.encode())
        add_dir(tar, "tmp", 0o1777); dirs.add("tmp")
        add_dir(tar, "data", 0o750, UID); dirs.add("data")
        for lib in linked_libraries(runtime):
            add_file(tar, lib.lstrip("/"), os.path.realpath(lib), dirs)
        for base, prefix in ((runtime, "opt/java"), (probe, "opt/outbound/probe")):
            for dirpath, dirnames, files in os.walk(base):
                dirnames.sort()
                rel = os.path.relpath(dirpath, base)
                inner = prefix if rel == "." else prefix + "/" + rel
                for name in sorted(files):
                    add_file(tar, inner + "/" + name, os.path.join(dirpath, name), dirs)

    with open(layer, "rb") as f:
        diff_id = "sha256:" + hashlib.sha256(f.read()).hexdigest()
    config = {
        "architecture": "amd64",
        "os": "linux",
        "config": {
            "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
            "User": f"{UID}:{UID}",
            "WorkingDir": "/data",
        },
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created": "2023-11-14T22:13:20Z",
                     "created_by": "deploy/image/build-base.py: jlink'ed JDK runtime, glibc, user outbound"}],
    }
    config_bytes = json.dumps(config, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = [{"Config": config_name, "RepoTags": ["outbound-base:local"], "Layers": ["layer.tar"]}]
    out = os.path.join(target, "image-base.tar")
    with tarfile.open(out, "w", format=tarfile.GNU_FORMAT) as tar:
        add_bytes(tar, config_name, config_bytes)
        add_bytes(tar, "manifest.json", json.dumps(manifest).encode())
        info = tarfile.TarInfo("layer.tar")
        info.size, info.mode, info.mtime = os.path.getsize(layer), 0o644, MTIME
        with open(layer, "rb") as f:
            tar.addfile(info, f)
    print(f"{out}: {os.path.getsize(out) // (1024 * 1024)} MiB, layer {diff_id}")


if __name__ == "__main__":
    main()
