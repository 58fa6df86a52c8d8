#!/usr/bin/env bash
# Sustained journaled ingest through the engine's pipeline (io.clearing.benchmarks.engine.IngestPipelineBenchmark): one
# producer thread, the ring, the journal (on disk under the directory given, fresh per run) and the logic thread;
# throughput as the median of several runs, then latency at fixed offered rates. Not part of `mvn test`.
#
#   benchmarks/ingest-pipeline.sh                       3,000,000 obligations x 5 runs, 100k/s and 500k/s offered
#   benchmarks/ingest-pipeline.sh --no-build 15000000 2 100000 PHASED_BACKOFF 100000 10000 target/ingest-bench
#   benchmarks/ingest-pipeline.sh --thread-cpu ...      also prints each busy thread's CPU share once a second
# Arguments: [obligations] [runs] [participants] [waitStrategy] [rates] [latencyObligations] [dir]. JAVA_OPTS adds JVM
# options, e.g. JAVA_OPTS="-DjournalThread=false -DpretouchJournal=false -DringSize=16384" (see the class comment).
set -euo pipefail

# shellcheck source=benchmarks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build=1
thread_cpu=0
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0; shift ;;
        --thread-cpu) thread_cpu=1; shift ;;
        *) break ;;
    esac
done
bench_setup ingest-pipeline.sh "$build"
if [ $# -eq 0 ]; then
    set -- 3000000 5 100000 PHASED_BACKOFF 100000,500000 1000000 target/ingest-bench
fi

# shellcheck disable=SC2086
"${BENCH_JAVA[@]}" -Xmx4g -XX:+UseTransparentHugePages -DsingleProducer=true ${JAVA_OPTS:-} \
    -cp "$(bench_classpath clearing-core)" io.clearing.benchmarks.engine.IngestPipelineBenchmark "$@" &
pid=$!
if [ "$thread_cpu" = 1 ]; then
    # CPU per thread from /proc/<pid>/task/*/stat (user + system clock ticks, 100 a second, over the time since the
    # last line): what `top -H` shows, for threads above 10 %. The engine names its threads engine-journal,
    # engine-logic (engine-stages when one thread does both) and journal-touch; the producer is the main thread.
    declare -A last
    last_ns=$(date +%s%N)
    while kill -0 "$pid" 2>/dev/null; do
        line="$(date +%T)"
        now_ns=$(date +%s%N)
        centiseconds=$(( (now_ns - last_ns) / 10000000 ))
        last_ns=$now_ns
        for task in /proc/"$pid"/task/*; do
            stat="$(cat "$task/stat" 2>/dev/null)" || continue
            name="$(cat "$task/comm" 2>/dev/null)" || continue
            read -r -a fields <<< "${stat##*) }"
            ticks=$(( fields[11] + fields[12] ))
            tid="${task##*/}"
            if [ -n "${last[$tid]:-}" ] && [ "$centiseconds" -gt 0 ] &&
                [ $(( (ticks - last[$tid]) * 100 / centiseconds )) -gt 10 ]; then
                line="$line ${name// /_}:$(( (ticks - last[$tid]) * 100 / centiseconds ))%"
            fi
            last[$tid]=$ticks
        done
        echo "$line" >&2
        sleep 1
    done
fi
wait "$pid"
