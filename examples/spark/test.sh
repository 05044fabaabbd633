#!/usr/bin/env bash
# Runs the Spark job in local mode and checks that its output equals the CLI's, line for line.
#
#   examples/spark/test.sh            (from anywhere; exit status 0 only when they match)
#
# - PySpark comes from PyPI into a venv (default target/spark-venv, ~500 MB, a few minutes the
#   first time); set SPARK_VENV to reuse another, PYSPARK_SPEC to pin a version.
# - Input: ../shared/corpus/news.jsonl next to the repository (NEWS_JSONL overrides), else the
#   bundled examples/data/article.txt as one JSONL line. Five malformed lines are mixed in so
#   the error records are checked too.
# - Order is kept, not reconstructed: the part files concatenated in name order must be
#   byte-identical to `extract --jsonl < input`, and the Parquet table sorted by its idx
#   column must give the same lines again.
# - A fake extractor that crashes half way must make the job fail (exit status 3).
# - SPARK_MASTER (default local[2]) and PARTITIONS (default 4) set the run's shape.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
venv=${SPARK_VENV:-$root/target/spark-venv}
master=${SPARK_MASTER:-local[2]}
partitions=${PARTITIONS:-4}
corpus=${NEWS_JSONL:-$root/../shared/corpus/news.jsonl}

say() { printf 'spark test: %s\n' "$*" >&2; }
fail() { say "FAIL: $*"; exit 1; }
now() { date +%s.%N; }

java_version=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
[ -n "$java_version" ] || fail "no java on PATH (Spark needs Java 17 or later)"
[ "$java_version" -ge 17 ] || fail "java $java_version found; Spark 4 needs Java 17 or later"

if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
    say "installing ${PYSPARK_SPEC:-pyspark} into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "${PYSPARK_SPEC:-pyspark}"
fi
say "pyspark $("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)'), java $java_version"

cargo build --release --example extract
extract=$root/target/release/examples/extract

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input=$work/input.jsonl
if [ -f "$corpus" ]; then
    say "input: $corpus"
    cp "$corpus" "$work/corpus.jsonl"
else
    say "input: $corpus is absent; using examples/data/article.txt"
    python3 -c 'import json,sys; print(json.dumps({"id": "article", "text": open(sys.argv[1], encoding="utf-8").read()}))' \
        examples/data/article.txt > "$work/corpus.jsonl"
fi
# Malformed lines at the start, in the middle and at the end: not JSON, no text, a bad date,
# an empty line, a CRLF line ending (which is fine: the extractor drops the "\r").
n=$(wc -l < "$work/corpus.jsonl")
{
    printf '%s\n' 'not json at all'
    head -n $((n / 2)) "$work/corpus.jsonl"
    printf '%s\n' '{"id": "no-text", "title": "A headline without a body"}'
    printf '%s\n' '{"id": "bad-date", "text": "Talks resumed on Monday.", "published": "2024-13-45"}'
    printf '\n'
    printf '{"id": "crlf", "text": "The minister resigned on Friday."}\r\n'
    tail -n +$((n / 2 + 1)) "$work/corpus.jsonl"
    printf '%s\n' '{"id": 7, "text": 42}'
} > "$input"
bytes=$(wc -c < "$input")
lines=$(wc -l < "$input")

start=$(now)
status=0
"$extract" --jsonl < "$input" > "$work/expected.jsonl" 2> "$work/cli.err" || status=$?
cli_secs=$(echo "$(now) - $start" | bc)
[ "$status" -eq 1 ] || fail "the CLI exited with $status, expected 1 (the input has error lines)"
expected_errors=$(grep -c '"error":' "$work/expected.jsonl" || true)
[ "$expected_errors" -eq 5 ] || fail "the CLI gave $expected_errors error records, expected 5"

export PYSPARK_PYTHON=$venv/bin/python PYSPARK_DRIVER_PYTHON=$venv/bin/python
start=$(now)
status=0
"$venv/bin/spark-submit" --master "$master" --conf spark.ui.enabled=false \
    --files "$extract" examples/spark/newsextract_spark.py \
    --extractor extract --input "$input" --partitions "$partitions" \
    --output "$work/out" --parquet "$work/parquet" --errors "$work/errors" \
    > "$work/spark.out" 2> "$work/spark.err" || status=$?
spark_secs=$(echo "$(now) - $start" | bc)
cat "$work/spark.out" >&2
if [ "$status" -ne 1 ]; then
    tail -n 40 "$work/spark.err" >&2
    fail "the Spark job exited with $status, expected 1 (the input has error lines)"
fi
grep -q "^newsextract: $lines lines, $((lines - 5)) analyses, 5 error records$" "$work/spark.out" ||
    fail "the Spark job did not report $lines lines with 5 error records"

# Part files in name order are partition order; this is where line order is checked.
cat "$work"/out/part-* > "$work/got.jsonl"
parts=$(ls "$work"/out/part-* | wc -l)
if ! cmp -s "$work/expected.jsonl" "$work/got.jsonl"; then
    diff <(cut -c1-160 "$work/expected.jsonl") <(cut -c1-160 "$work/got.jsonl") | head -n 20 >&2 || true
    fail "Spark's JSONL output differs from the CLI's"
fi
grep '"error":' "$work/expected.jsonl" > "$work/expected-errors.jsonl"
cat "$work"/errors/part-* > "$work/got-errors.jsonl"
cmp -s "$work/expected-errors.jsonl" "$work/got-errors.jsonl" ||
    fail "the --errors output differs from the CLI's error records"

# The Parquet table: idx must number the lines 0..n-1 and restore the same order.
"$venv/bin/python" - "$work/parquet" "$work/parquet.jsonl" 2>> "$work/spark.err" <<'EOF'
import sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
rows = spark.read.parquet(sys.argv[1]).orderBy("idx").toLocalIterator()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, row in enumerate(rows):
        assert row["idx"] == i, f"idx {row['idx']} at position {i}"
        assert (row["error"] is None) == ('"error":' not in row["analysis"]), row["idx"]
        out.write(row["analysis"] + "\n")
spark.stop()
EOF
cmp -s "$work/expected.jsonl" "$work/parquet.jsonl" ||
    fail "the Parquet table sorted by idx differs from the CLI's output"

# A worker that dies half way must fail the job, not shorten the output.
printf '%s\n' '#!/bin/sh' 'head -n 2 | sed "s/.*/{}/"' 'echo "simulated crash" >&2' 'exit 3' \
    > "$work/crash"
chmod +x "$work/crash"
head -n 5 "$input" > "$work/five.jsonl"
status=0
"$venv/bin/spark-submit" --master "$master" --conf spark.ui.enabled=false \
    examples/spark/newsextract_spark.py --extractor "$work/crash" --partitions 1 \
    --input "$work/five.jsonl" --output "$work/crash-out" > /dev/null 2> "$work/crash.err" ||
    status=$?
[ "$status" -eq 3 ] || fail "a crashing extractor gave exit status $status, expected 3"
grep -q "exited with status 3 after answering 2 lines" "$work/crash.err" ||
    fail "a crashing extractor was not reported"
[ ! -e "$work/crash-out/_SUCCESS" ] || fail "a crashing extractor left a finished output"

mb=$(echo "scale=3; $bytes / 1000000" | bc)
say "OK: $lines lines ($mb MB, 5 error records) in $parts part files equal the CLI's output"
say "CLI: ${cli_secs}s, $(echo "scale=2; $mb / $cli_secs" | bc) MB/s; Spark $master: ${spark_secs}s, $(echo "scale=2; $mb / $spark_secs" | bc) MB/s (with JVM start-up); load: $(cut -d' ' -f1-3 /proc/loadavg)"
