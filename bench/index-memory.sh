#!/usr/bin/env bash
# Heap an upload's duplicate indexes hold per row (ReferenceIndex always; PersonIndex when the
# campaign skips duplicate people), measured as used heap after a full GC before and after
# adding N distinct ids. The README's "memory per row" comes from this.
#
#   bench/index-memory.sh [N ...]        (defaults: 100000 1000000 5000000)
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib-jdk.sh 2>/dev/null || export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -d target/test-classes/dev/outbound/ingest ] || mvn -q -B -DskipTests test-compile
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseSerialGC -cp target/classes:target/test-classes \
  dev.outbound.ingest.IndexMemory "$@"
