#!/usr/bin/env bash
# Speed of the simulations: about 10,000 agents, 10 years of daily steps (3,600), 30 replications on all cores, in two
# economies:
#   shaymuratovo-10k:   9,000 households, an enterprise of 3,000 workers, 1,000 local firms; cash and vouchers with
#                       demurrage (no invoices);
#   mutual-credit-10k:  9,000 households, 1,000 firms trading on invoices with mutual credit lines and a monthly
#                       optimal clearing of all open invoices by the exact solver (120 runs per replication).
# Prints each run's line of bin/clearing simulate (agent-steps per second and time), then the median per economy.
#
#   simulations/scripts/speed.sh [-n RUNS] [--only shaymuratovo-10k|mutual-credit-10k] [extra simulate options]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=1
ONLY=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) RUNS="$2"; shift 2 ;;
        --only) ONLY="$2"; shift 2 ;;
        *) break ;;
    esac
done
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

declare -A ARGS=(
    [shaymuratovo-10k]="shaymuratovo --set households=9000 --set firms=1000 --set enterprise.workers=3000"
    [mutual-credit-10k]="mutual-credit --set households=9000 --set firms=1000"
)
for name in shaymuratovo-10k mutual-credit-10k; do
    [[ -z "$ONLY" || "$ONLY" == "$name" ]] || continue
    TIMES=()
    for ((run = 1; run <= RUNS; run++)); do
        # shellcheck disable=SC2086
        line="$("$ROOT/bin/clearing" simulate ${ARGS[$name]} --set years=10 --replications 30 --seed 1 \
            --out "$OUT/$name-$run" "$@" | grep '^agent-steps')"
        echo "$name run $run: $line"
        # "agent-steps  N in S s simulated (R agent-steps/s); T s with the outputs"
        TIMES+=("$(sed -E 's/.* in ([0-9.]+) s simulated.*/\1/' <<< "$line") $(sed -E 's/^agent-steps +([0-9,]+) .*/\1/' <<< "$line" | tr -d ,)")
    done
    printf '%s\n' "${TIMES[@]}" | sort -n | awk -v name="$name" '{ t[NR] = $1; steps = $2 }
        END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
              printf "%s: median of %d run(s) %.1f s simulated, %.3g agent-steps/s (%.4g agent-steps)\n", name, NR, m, steps / m, steps }'
done
