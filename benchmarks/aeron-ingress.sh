#!/usr/bin/env bash
# Obligations/s and acknowledgement latency through the Aeron ingress into the journaled engine
# (io.clearing.benchmarks.engine.AeronIngressFigures): client and server in one JVM, IPC by default, fresh journal and
# embedded media driver per run; throughput as the median of several runs, latency at fixed offered rates.
# Not part of `mvn test`.
#
#   benchmarks/aeron-ingress.sh                       2,000,000 obligations x 5 runs, then 100k/s and 500k/s offered
#   benchmarks/aeron-ingress.sh 1000000 3 100000 100000,500000 1000000 udp   the same over UDP loopback
#   benchmarks/aeron-ingress.sh --no-build ...        use what is already compiled
# Arguments: [obligations] [runs] [participants] [rates] [latencyObligations] [ipc|udp] [mtu]. JAVA_OPTS adds JVM
# options, e.g. JAVA_OPTS="-DidleStrategy=YIELDING -DwaitStrategy=PHASED_BACKOFF".
set -euo pipefail

# shellcheck source=benchmarks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build=1
if [ "${1:-}" = "--no-build" ]; then
    build=0
    shift
fi
bench_setup aeron-ingress.sh "$build"

# shellcheck disable=SC2086
exec "${BENCH_JAVA[@]}" -Xmx4g -XX:+UseTransparentHugePages ${JAVA_OPTS:-} \
    -cp "$(bench_classpath clearing-server clearing-core)" io.clearing.benchmarks.engine.AeronIngressFigures "$@"
