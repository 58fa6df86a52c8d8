# Sourced by the benchmark scripts, not run: what each needs before it starts a JVM, kept in one place.
#
#   bench_setup NAME BUILD       the project root as working directory; the benchmarks (and the modules they use)
#                                compiled when BUILD is 1, else checked to be ("NAME: ... run without --no-build")
#   BENCH_JAVA                   set by bench_setup: the java command (JAVA_HOME's when set) and the flags of
#                                bin/jvm.properties, jvm.flags.jdk24 included on JDK 24 and later, as bin/clearing
#                                starts the engine
#   bench_classpath [MODULE...]  the benchmarks' class path, the named modules' classes first
# shellcheck shell=bash

bench_setup()
{
    local name="$1" build="$2"
    cd "$(dirname "${BASH_SOURCE[0]}")/.."
    if [ "$build" = 1 ]; then
        echo "Building benchmarks ..." >&2
        mvn -q -pl benchmarks -am compile
    fi
    if [ ! -f benchmarks/target/classpath.txt ]; then
        echo "$name: benchmarks are not compiled: run without --no-build" >&2
        exit 1
    fi
    local java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    local flags jdk24_flags feature
    flags="$(sed -n 's/^jvm\.flags=//p' bin/jvm.properties | head -n 1)"
    jdk24_flags="$(sed -n 's/^jvm\.flags\.jdk24=//p' bin/jvm.properties | head -n 1)"
    feature="$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
    if [ "${feature%%.*}" -ge 24 ] 2>/dev/null; then
        flags="$flags $jdk24_flags"
    fi
    # shellcheck disable=SC2206
    BENCH_JAVA=("$java_cmd" $flags)
}

bench_classpath()
{
    local path="benchmarks/target/classes" module
    for module in "$@"; do
        path="$path:$module/target/classes"
    done
    echo "$path:$(cat benchmarks/target/classpath.txt)"
}
