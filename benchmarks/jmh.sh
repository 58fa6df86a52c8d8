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

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build=1
if [ "${1:-}" = "--no-build" ]; then
    build=0
    shift
fi
if [ "$build" = 1 ]; then
    echo "Building benchmarks ..."
    mvn -q -pl benchmarks -am compile
fi
if [ ! -f benchmarks/target/classpath.txt ] || [ ! -f benchmarks/target/classes/META-INF/BenchmarkList ]; then
    echo "jmh.sh: benchmarks are not compiled (no BenchmarkList): run without --no-build" >&2
    exit 1
fi

java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_cmd" -Xmx512m -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    -Dclearing.jvm.properties="$root/bin/jvm.properties" \
    io.clearing.benchmarks.JmhRunner \
    -rf json -rff benchmarks/target/jmh-result.json \
    "$@"
