#!/usr/bin/env bash
# Load figures of the REST server on loopback (io.clearing.benchmarks.server.ServerLoadFigures): single-obligation
# POSTs per second with p50/p99 latency, and bulk CSV upload obligations per second; bounded rounds after a
# warm-up, each printed, then the medians. The server runs in the same JVM with a fresh temporary data folder.
#
#   benchmarks/server-load.sh                    5 rounds of 20,000 POSTs by 8 clients; CSV rounds of 1,000,000
#   benchmarks/server-load.sh 5 20000 8 1000000 10000   ROUNDS POSTS CLIENTS CSV_OBLIGATIONS PARTICIPANTS
#   benchmarks/server-load.sh --no-build ...     use what is already compiled
set -euo pipefail

# shellcheck source=benchmarks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build=1
if [ "${1:-}" = "--no-build" ]; then
    build=0
    shift
fi
bench_setup server-load.sh "$build"
exec "${BENCH_JAVA[@]}" -Xmx3g -cp "$(bench_classpath)" io.clearing.benchmarks.server.ServerLoadFigures "$@"
