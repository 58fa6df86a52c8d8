#!/usr/bin/env bash
# Prints the figures of docs/policies.md (io.clearing.benchmarks.PolicyFigures): the extra debt liquidity sources
# clear on seeded deep-cycle networks, what clearing by community, region and top level leaves uncleared
# against clearing flat, and what clearing by novation through community accounts discharges beyond flat and leaves
# the accounts carrying. Exact, deterministic figures (no timing). Not part of `mvn test`.
#
#   benchmarks/policy-figures.sh                   5 seeds, 2,000 firms, 20,000 obligations (a minute or two)
#   benchmarks/policy-figures.sh SEEDS FIRMS OBLIGATIONS
#   benchmarks/policy-figures.sh --no-build ...    use what is already compiled
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ "${1:-}" = "--no-build" ]; then
    shift
else
    echo "Building benchmarks ..." >&2
    mvn -q -pl benchmarks -am compile
fi
if [ ! -f benchmarks/target/classpath.txt ]; then
    echo "policy-figures.sh: benchmarks are not compiled: run without --no-build" >&2
    exit 1
fi
jvm_flags="$(sed -n 's/^jvm\.flags=//p' bin/jvm.properties | head -n 1)"
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086
exec "$java_cmd" -Xmx2g $jvm_flags \
    -cp "benchmarks/target/classes:clearing-core/target/classes:$(cat benchmarks/target/classpath.txt)" \
    io.clearing.benchmarks.PolicyFigures "$@"
