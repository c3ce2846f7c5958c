#!/usr/bin/env bash
# Calls per second one node's SIP channel sets up through a SIPp trunk (3PCC: callee INVITE, 200,
# agent INVITE, 200, both ACKs), CPS limit off. Needs sipp (sip-tester). Ports 15070-15072 (UDP).
# usage: bench/sip-cps.sh [CALLS]   (default 500)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bin/lib-jdk.sh
source bin/lib-jdk.sh
calls=${1:-500}
mvn -q -B test-compile
cp=$(mvn -q -B dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
java -cp "target/test-classes:target/classes:$cp" dev.outbound.channel.SipCpsBench "$calls"
