#!/usr/bin/env bash
# Throughput of the Spark job in local mode against the plain CLI, on the same input.
#
#   examples/spark/bench.sh [INPUT.jsonl]      (default ../shared/corpus/news.jsonl)
#
# Runs, RUNS times each (default 2), interleaved: the CLI with 1 thread, the CLI with
# --threads 0 (one per core), and spark-submit --master local[*] writing JSONL only.
# Prints wall seconds, MB/s over the input's bytes, CPU seconds (user+sys of the processes
# waited for: for Spark that is the JVM and the driver only) and the load average, one line
# per run. For Spark the job adds the CPU seconds of its extractor processes and of the
# Python workers feeding them. Needs the venv that test.sh installs (SPARK_VENV overrides
# its location).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
venv=${SPARK_VENV:-$root/target/spark-venv}
input=$(realpath "${1:-$root/../shared/corpus/news.jsonl}")
runs=${RUNS:-2}
master=${SPARK_MASTER:-local[*]}
[ -x "$venv/bin/spark-submit" ] || { echo "no PySpark in $venv: run examples/spark/test.sh" >&2; exit 2; }
cargo build --release --example extract
extract=$root/target/release/examples/extract
export PYSPARK_PYTHON=$venv/bin/python PYSPARK_DRIVER_PYTHON=$venv/bin/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mb=$(echo "scale=3; $(wc -c < "$input") / 1000000" | bc)
echo "input: $input, $mb MB, $(nproc) cores"

measure() {
    local name=$1
    shift
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/stdout" 2> "$work/err" || true
    read -r wall user sys < <(tail -n 1 "$work/time")
    printf '%-22s wall %7.2f s  %7.2f MB/s  cpu %7.2f s  load %s\n' "$name" "$wall" \
        "$(echo "scale=3; $mb / $wall" | bc)" "$(echo "$user + $sys" | bc)" "$load"
}

for run in $(seq "$runs"); do
    measure "cli --threads 1" sh -c "'$extract' --jsonl < '$input'"
    measure "cli --threads 0" sh -c "'$extract' --jsonl --threads 0 < '$input'"
    rm -rf "$work/out"
    measure "spark $master" "$venv/bin/spark-submit" --master "$master" \
        --conf spark.ui.enabled=false examples/spark/newsextract_spark.py \
        --extractor "$extract" --input "$input" --output "$work/out" --allow-errors
    sed -n 's/^newsextract: \(.* s from session start.*\|task CPU.*\)/    (job: \1)/p' "$work/stdout"
done
