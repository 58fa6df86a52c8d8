#!/usr/bin/env bash
# Times a third party's check of a policy run end to end, beside the run itself: `bin/clearing clear --policy
# --certificate` and `bin/clearing verify --policy --certificate` on the demo network (20,000 firms, 200,000
# invoices, seed 42) under a policy of 4,000 disputes (every 50th invoice), receivable caps for 200 firms and
# liquidity commitments for 200 firms. Each command runs in a fresh JVM; prints every run and the medians.
# Not part of `mvn test`.
#
#   benchmarks/policy-verify-timing.sh          5 runs of each
#   benchmarks/policy-verify-timing.sh RUNS
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/bin/clearing" demo --out-dir "$work" > /dev/null
# The policy, derived from the generated file: no randomness beyond the demo's seed.
{
    awk -F, 'NR > 1 && (NR - 2) % 50 == 0 { print "dispute," $1 }' "$work/obligations.csv"
    awk -F, 'NR > 1 { print $2; print $3 }' "$work/obligations.csv" | LC_ALL=C sort -u > "$work/firms.txt"
    awk 'NR % 100 == 1 { print "cap," $1 ",,100000" }' "$work/firms.txt"
    awk 'NR % 100 == 8 { print "liquidity," $1 ",,500000" }' "$work/firms.txt"
} > "$work/policy.csv"

seconds() {
    local start end
    start="$(date +%s%N)"
    "$@" > "$work/last.out"
    end="$(date +%s%N)"
    echo "scale=2; ($end - $start) / 1000000000" | bc
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

: > "$work/clear.times"
: > "$work/verify.times"
for ((i = 1; i <= runs; i++)); do
    c="$(seconds "$root/bin/clearing" clear "$work/obligations.csv" --policy "$work/policy.csv" \
        --out "$work/setoff.csv" --certificate "$work/cert.csv")"
    v="$(seconds "$root/bin/clearing" verify "$work/obligations.csv" "$work/setoff.csv" \
        --policy "$work/policy.csv" --certificate "$work/cert.csv")"
    grep -q '^OK: ' "$work/last.out" || { cat "$work/last.out"; exit 1; }
    echo "run $i: clear --policy --certificate ${c} s, verify --policy ${v} s"
    echo "$c" >> "$work/clear.times"
    echo "$v" >> "$work/verify.times"
done
echo "policy: $(grep -c '^dispute' "$work/policy.csv") disputes, $(grep -c '^cap' "$work/policy.csv") caps," \
    "$(grep -c '^liquidity' "$work/policy.csv") commitments; certificate rows: $(($(wc -l < "$work/cert.csv") - 1))"
cat "$work/last.out"
echo "median of $runs: clear --policy --certificate $(median < "$work/clear.times") s," \
    "verify --policy $(median < "$work/verify.times") s"
