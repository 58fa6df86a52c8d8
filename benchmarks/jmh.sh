#!/usr/bin/env bash
# Runs the JMH benchmarks of the solver phases (io.clearing.benchmarks.SolverPhasesBenchmark) through JmhRunner,
# which appends the engine's JVM flags from bin/jvm.properties to every fork. Not part of `mvn test`.
#
#   benchmarks/jmh.sh                              all phases at 10k, 100k and 1M obligations (about 10 minutes)
#   benchmarks/jmh.sh -p obligations=10000,100000  only some sizes
#   benchmarks/jmh.sh 'SolverPhasesBenchmark.solve' -prof gc   one phase, with allocation per operation
#   benchmarks/jmh.sh --no-build ...               use what is already compiled
# Any other argument goes to JMH as it is (-h lists them). Results also go to benchmarks/target/jmh-result.json.
set -euo pipefail

# shellcheck source=benchmarks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build=1
if [ "${1:-}" = "--no-build" ]; then
    build=0
    shift
fi
bench_setup jmh.sh "$build"
if [ ! -f benchmarks/target/classes/META-INF/BenchmarkList ]; then
    echo "jmh.sh: benchmarks are not compiled (no BenchmarkList): run without --no-build" >&2
    exit 1
fi

# The runner's own JVM needs no flags: it adds bin/jvm.properties' to every fork.
exec "${BENCH_JAVA[0]}" -Xmx512m -cp "$(bench_classpath)" \
    -Dclearing.jvm.properties="$PWD/bin/jvm.properties" \
    io.clearing.benchmarks.JmhRunner \
    -rf json -rff benchmarks/target/jmh-result.json \
    "$@"
