#!/usr/bin/env bash
# Speed of the simulations: a 10,000-agent economy (9,000 households, 1,000 firms trading on invoices, mutual credit,
# monthly optimal clearing with the exact solver), 10 years of daily steps, 30 replications on all cores.
# Prints, per run, the line of bin/clearing simulate with agent-steps per second and the time, then the median.
#
#   simulations/scripts/speed.sh [-n RUNS] [extra simulate options, e.g. --threads 1]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=1
if [[ "${1:-}" == "-n" ]]; then
    RUNS="$2"
    shift 2
fi
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

TIMES=()
for ((run = 1; run <= RUNS; run++)); do
    line="$("$ROOT/bin/clearing" simulate mutual-credit --set households=9000 --set firms=1000 --set years=10 \
        --replications 30 --seed 1 --out "$OUT/run-$run" "$@" | grep '^agent-steps')"
    echo "run $run: $line"
    # "agent-steps  N in S s simulated (R agent-steps/s); T s with the outputs"
    TIMES+=("$(sed -E 's/.* in ([0-9.]+) s simulated.*/\1/' <<< "$line")")
done
printf '%s\n' "${TIMES[@]}" | sort -n | awk '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
    printf "median of %d run(s): %.1f s simulated (10,002 agents x 3,600 days x 30 replications = %.3g agent-steps: %.3g agent-steps/s)\n", NR, m, 10002 * 3600 * 30, 10002 * 3600 * 30 / m }'
