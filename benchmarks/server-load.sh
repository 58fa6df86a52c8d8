#!/usr/bin/env bash
# Load figures of the REST server on loopback (io.clearing.benchmarks.server.ServerLoadFigures): single-obligation
# POSTs per second with p50/p99 latency, and bulk CSV upload obligations per second; bounded rounds after a
# warm-up, each printed, then the medians. The server runs in the same JVM with a fresh temporary data folder.
#
#   benchmarks/server-load.sh                    5 rounds of 20,000 POSTs by 8 clients; CSV rounds of 1,000,000
#   benchmarks/server-load.sh 5 20000 8 1000000 10000   ROUNDS POSTS CLIENTS CSV_OBLIGATIONS PARTICIPANTS
#   benchmarks/server-load.sh --no-build ...     use what is already compiled
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${1:-}" = "--no-build" ]; then
    shift
else
    echo "Building benchmarks ..." >&2
    mvn -q -pl benchmarks -am compile
fi
flags="$(sed -n 's/^jvm.flags=//p' bin/jvm.properties)"
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086
exec "$java_cmd" -Xmx3g $flags -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    io.clearing.benchmarks.server.ServerLoadFigures "$@"
