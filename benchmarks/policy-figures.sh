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

# shellcheck source=benchmarks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build=1
if [ "${1:-}" = "--no-build" ]; then
    build=0
    shift
fi
bench_setup policy-figures.sh "$build"
exec "${BENCH_JAVA[@]}" -Xmx2g -cp "$(bench_classpath clearing-core)" io.clearing.benchmarks.PolicyFigures "$@"
