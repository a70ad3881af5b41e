#!/usr/bin/env bash
# Quick benchmark run (under five minutes on two cores; about 140 s of JMH on a quiet one): short warm-up and
# measurement, a subset of sizes, FLOAT64 only, both backends; then the report. Usage, from anywhere:
#
#   bench/run-quick.sh [out-dir] [extra JMH arguments...]
#
# out-dir defaults to bench/results. Build the jar first: mvn -B package -DskipTests (repository root).
# NOTE="text" adds a sentence to the report. Full mode is documented in bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
out="${1:-$here/results}"
if [[ $# -gt 0 ]]; then
    shift
fi
if [[ ! -f "$jar" ]]; then
    echo "missing $jar: build it first with 'mvn -B package -DskipTests' in the repository root" >&2
    exit 1
fi
mkdir -p "$out"
log="$here/target/quick-jmh.log"

flags=(-f 1 -wi 2 -i 2 -w 500ms -r 300ms -p n=16,64,256,1024 -p length=1000,100000,1000000 -p dtype=FLOAT64)
excludes=(-e 'ReductionBenchmark\.sumAxis0' -e 'TapeGraphBenchmark\.tapeForward$')

start=$(date +%s)
if ! java -jar "$jar" "${flags[@]}" "${excludes[@]}" -rf json -rff "$out/results.json" "$@" > "$log" 2>&1; then
    tail -40 "$log" >&2
    echo "JMH failed; full log in $log" >&2
    exit 1
fi
wall=$(($(date +%s) - start))
echo "JMH finished in ${wall} s (log: $log)"

# JMH carries on when a fork crashes or a benchmark throws; name those runs in the report instead of losing them.
failed=$(awk '
    /^# Benchmark: /  { bench = $3; sub(/^org\.nabla4j\.bench\./, "", bench) }
    /^# Parameters: / { params = substr($0, 15) }
    /^<forked VM failed/ || /^<failure>/ {
        reason = $0; gsub(/[<>]/, "", reason)
        out = out (out == "" ? "" : "; ") bench " " params ": " reason
    }
    END { print out }' "$log")
if [[ -n "$failed" ]]; then
    echo "some benchmarks failed (no result): $failed" >&2
fi

note="Quick mode, JMH \`${flags[*]} ${excludes[*]}\`; JMH wall time ${wall} s."
note+=" Two short iterations per result: the numbers are indicative; read the ratios rather than the absolute"
note+=" times, and expect noise of tens of per cent on a shared machine."
if [[ -n "$failed" ]]; then
    note+=" Failed in this run, no result: ${failed}."
fi
if [[ -n "${OMP_NUM_THREADS:-}" ]]; then
    note+=" Environment: OMP_NUM_THREADS=${OMP_NUM_THREADS}."
fi
if [[ -n "${NOTE:-}" ]]; then
    note+=" ${NOTE}"
fi
java -Djava.awt.headless=true -cp "$jar" org.nabla4j.bench.Report \
    --title "Nabla4j backend benchmarks (quick mode)" --note "$note" "$out/results.json" "$out"
