#!/usr/bin/env bash
# Side by side, end to end, each run in a fresh JVM: our `bin/clearing clear` against Google OR-Tools' MinCostFlow
# called from Java (io.clearing.benchmarks.OrToolsClear) on the same files, alternating, with the same Java heap
# cap. Prints medians, the ratio, whether both cleared the same total, and the issue's targets.
#
# Files: ../shared/datasets/mtcspy/network-01..03.csv (skipped with a message when absent) and a generated
# deep-cycle network (1,000,000 obligations, 100,000 firms, seed 42) written under benchmarks/target/.
# Everything written goes to benchmarks/target/compare-peers/: runs.tsv (one row per run), the last outputs.
set -euo pipefail

usage()
{
    cat <<'USAGE'
usage: benchmarks/compare-peers.sh [-n RUNS] [--no-build] [--no-scale] [--only-scale] [--check] [--datasets DIR]
  -n, --runs RUNS   runs of each solver per file, alternating ours / OR-Tools (default 5)
  --no-build        use what is already compiled
  --no-scale        skip the generated 1M-obligation network
  --only-scale      skip the dataset files
  --check           afterwards run the referee (check-setoff.py) on the last output of each solver and file
  --datasets DIR    datasets folder (default ../shared/datasets from the project root)
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runs=5
build=1
datasets=1
scale=1
check=0
datasets_dir="../shared/datasets"
while [ $# -gt 0 ]; do
    case "$1" in
        -n|--runs) runs="${2:?$1 needs a number}"; shift 2 ;;
        --no-build) build=0; shift ;;
        --no-scale) scale=0; shift ;;
        --only-scale) datasets=0; shift ;;
        --check) check=1; shift ;;
        --datasets) datasets_dir="${2:?$1 needs a folder}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare-peers.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "compare-peers.sh: --runs must be a positive integer, got '$runs'" >&2
    exit 2
fi

scale_seed=42
scale_firms=100000
scale_obligations=1000000
out="benchmarks/target/compare-peers"
data="benchmarks/target/data"
referee="$root/../shared/tools/check-setoff.py"

if [ ! -x bin/clearing ]; then
    echo "compare-peers.sh: bin/clearing not found: this script times the command users run" >&2
    exit 1
fi
if [ "$build" = 1 ]; then
    echo "Building bin/clearing (if its sources changed) and the benchmarks ..."
    bin/clearing --help > /dev/null
    mvn -q -pl benchmarks -am compile
fi
for needed in benchmarks/target/classes/io/clearing/benchmarks/OrToolsClear.class benchmarks/target/classpath.txt; do
    if [ ! -e "$needed" ]; then
        echo "compare-peers.sh: $needed is missing: run without --no-build" >&2
        exit 1
    fi
done
# Ours is timed exactly as users run it: bin/clearing with its batch class path and start-up archive. No build may
# happen inside a timed run: bin/clearing is brought up to date (and its archive made) here, and the build stamp is
# checked again after the runs.
stamp="clearing-server/target/bin/build.stamp"
bin/clearing --version > /dev/null
stamp_before="$(stat -c %Y "$stamp")"

# The same JVM flags bin/clearing uses, from the one place they are defined (built above, so only checked here).
# shellcheck source=benchmarks/common.sh
source benchmarks/common.sh
bench_setup compare-peers.sh 0
java_cmd="${BENCH_JAVA[0]}"
jvm_flags="${BENCH_JAVA[*]:1}"
# bin/clearing's own JVM tuning (collector etc.) goes to the peer's JVM too, so only the solvers differ.
jvm_tuning="$(sed -n 's/^JVM_TUNING=(\(.*\))$/\1/p' bin/clearing | head -n 1)"
peer_jvm_flags="$jvm_flags $jvm_tuning"
bench_cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

rm -rf "$out"
mkdir -p "$out" "$data"
runs_tsv="$out/runs.tsv"
targets_tsv="$out/targets.tsv"
printf 'file\tmax_s\tmax_ratio\n' > "$targets_tsv"

# file path, heap cap, display name; targets from the issue "Foundation and optimal batch clearing"
files=()
heaps=()
if [ "$datasets" = 1 ]; then
    if [ -d "$datasets_dir/mtcspy" ]; then
        for n in 01 02 03; do
            files+=("$datasets_dir/mtcspy/network-$n.csv")
            heaps+=("256m")
        done
        printf 'network-03.csv\t1.0\t0.5\n' >> "$targets_tsv"
    else
        echo "Skipping network-01..03: $datasets_dir/mtcspy not found (the shared datasets are not on this machine)."
    fi
fi
if [ "$scale" = 1 ]; then
    scale_file="$data/deep-cycle-${scale_obligations}-${scale_firms}-seed${scale_seed}.csv"
    echo "Generating $scale_file ..."
    "$java_cmd" -Xmx2g $jvm_flags -cp "$bench_cp" io.clearing.benchmarks.GenerateNetwork \
        "$scale_seed" "$scale_firms" "$scale_obligations" "$scale_file"
    files+=("$scale_file")
    heaps+=("2g")
    printf '%s\t\t0.5\n' "$(basename "$scale_file")" >> "$targets_tsv"
fi
if [ "${#files[@]}" = 0 ]; then
    echo "Nothing to run."
    exit 0
fi

have_time=0
if [ -x /usr/bin/time ]; then
    have_time=1
fi

# Runs one command in a fresh JVM, timing its wall clock; records it through peers.py.
timed_run()
{
    local file="$1" tool="$2" run="$3" heap="$4" result="$5"
    shift 5
    local name stdout rss_file start end status rss
    name="$(basename "$file")"
    stdout="$out/$tool-$name.stdout"
    rss_file="$out/rss.txt"
    rm -f "$result" "$rss_file"
    start=$(date +%s%N)
    if [ "$have_time" = 1 ]; then
        set +e; /usr/bin/time -f '%M' -o "$rss_file" "$@" > "$stdout" 2> "$out/$tool-$name.stderr"; status=$?; set -e
        rss="$(tail -n 1 "$rss_file" 2>/dev/null || echo -)"
    else
        set +e; "$@" > "$stdout" 2> "$out/$tool-$name.stderr"; status=$?; set -e
        rss="-"
    fi
    end=$(date +%s%N)
    if [ "$status" != 0 ]; then
        echo "  $tool run $run on $name failed (exit $status):" >&2
        tail -n 5 "$out/$tool-$name.stderr" >&2
    fi
    python3 benchmarks/scripts/peers.py record "$runs_tsv" "$name" "$tool" "$run" "$heap" "$status" \
        "$((end - start))" "$rss" "$stdout" "$result"
}

for i in "${!files[@]}"; do
    file="${files[$i]}"
    heap="${heaps[$i]}"
    name="$(basename "$file")"
    echo "$name: $runs runs each, alternating, -Xmx$heap"
    for run in $(seq 1 "$runs"); do
        timed_run "$file" ours "$run" "$heap" "$out/ours-$name" \
            env JAVA_OPTS="-Xmx$heap" bin/clearing clear "$file" --out "$out/ours-$name"
        timed_run "$file" ortools "$run" "$heap" "$out/ortools-$name" \
            "$java_cmd" $peer_jvm_flags "-Xmx$heap" -cp "$bench_cp" io.clearing.benchmarks.OrToolsClear \
            "$file" --out "$out/ortools-$name"
    done
done

if [ "$(stat -c %Y "$stamp")" != "$stamp_before" ]; then
    echo "compare-peers.sh: bin/clearing rebuilt itself during the runs (a source changed): figures invalid" >&2
    exit 1
fi

echo
echo "OR-Tools JVM: the flags of bin/jvm.properties and bin/clearing's tuning (${jvm_tuning:-none found}), -Xmx as ours."
echo "Results ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
    "$("$java_cmd" -version 2>&1 | head -n 1)):"
echo
status=0
python3 benchmarks/scripts/peers.py report "$runs_tsv" "$targets_tsv" || status=$?

if [ "$check" = 1 ]; then
    echo
    if [ ! -f "$referee" ]; then
        echo "Skipping the referee: $referee not found."
    else
        for file in "${files[@]}"; do
            name="$(basename "$file")"
            for tool in ours ortools; do
                printf '%s %-8s ' "$name" "$tool"
                python3 "$referee" "$file" "$out/$tool-$name" | tail -n 1 || status=1
            done
        done
    fi
fi
exit "$status"
