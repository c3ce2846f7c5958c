#!/usr/bin/env bash
# Calls per second one node's SIP channel sets up through a SIPp trunk (3PCC: callee INVITE, 180,
# 200, agent INVITE, 200, both ACKs), CPS limit off. Calls are offered paced at each rate in turn
# for SECONDS each (after a 3 s warm-up at 50/s); per rate: set-up rate achieved (calls joined to
# the agent per second), set-up latency p50/p99/max, calls lost, CPU per call of the JVM and of
# SIPp. Stops at the ceiling: the first rate that loses calls, passes 1 s at p99 or is not kept up.
# Needs sipp (sip-tester). Ports 16070-16072 (UDP).
# usage: bench/sip-cps.sh [RATES] [SECONDS]   (default 50,100,200,300,400,600,800 5)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bin/lib-jdk.sh
source bin/lib-jdk.sh
rates=${1:-50,100,200,300,400,600,800}
seconds=${2:-5}
mvn -q -B test-compile
cp=$(mvn -q -B dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
java -cp "target/test-classes:target/classes:$cp" dev.outbound.channel.SipCpsBench "$rates" "$seconds"
