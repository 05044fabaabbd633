"""Run the newsextract JSONL extractor over a corpus on Apache Spark.

Each Spark task starts one `extract --jsonl` process and streams its partition through it:
protocol lines go to the process's stdin, one analysis (or error record) per input line comes
back on its stdout, in input order. The output is therefore the same, line for line, as
`extract --jsonl < input` on one machine: part files in partition order, lines in input order.

    spark-submit --master local[2] examples/spark/newsextract_spark.py \\
        --extractor target/release/examples/extract \\
        --input corpus.jsonl --output out/analyses

Inputs (`--input-format`):
  jsonl    protocol lines {"id","text","published"} (default); passed to the extractor as is
  parquet  (or orc, json, csv, ...) a table with a text column (`--text-col`, `--id-col`,
           `--published-col`); each row becomes one protocol line
  text     plain-text files, one article per file; the id is the file's path

Outputs:
  --output DIR    JSONL part files, one analysis per input line (error records included)
  --parquet DIR   optional table: idx (input order), id, error, analysis (the JSON string)
  --errors DIR    optional JSONL of the error records only

Error records: a line the extractor cannot analyze (not JSON, no "text", bad "published"
date) gets `{"id": ..., "error": "line N: ..."}` in its place, exactly as with the CLI (N is
the line's number in the whole input, counted in partition order). They are kept in the
output, counted, the first few printed, and the job exits with status 1 when there are any
(like the CLI), or 0 with `--allow-errors`. Status 2 is a usage error, 3 a failed job.
A task fails (and Spark retries it) when the extractor crashes, exits with another status,
or returns a different number of lines than it was given. Spark decodes input as UTF-8 with
replacement, so a line that is not UTF-8 is analyzed with U+FFFD in place of the bad bytes
rather than rejected as the CLI does.
"""

import argparse
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import LongType, StringType, StructField, StructType

RESULT_SCHEMA = StructType(
    [
        StructField("idx", LongType(), False),
        StructField("id", StringType(), True),
        StructField("error", StringType(), True),
        StructField("analysis", StringType(), False),
    ]
)

# Input splits are at most this big unless `--partitions` asks for fewer, larger ones.
MAX_SPLIT_BYTES = 128 << 20

# In an analysis the text `"error":` cannot occur (no field has that name and a quote
# inside a JSON string is escaped), so only lines holding it need parsing to find errors.
ERROR_KEY = '"error":'


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="input file, directory or glob")
    p.add_argument("--input-format", default="jsonl", help="jsonl, text, or a Spark source")
    p.add_argument("--text-col", default="text", help="article text column (tables)")
    p.add_argument("--id-col", default="id", help="id column (tables; absent: no id)")
    p.add_argument("--published-col", default="published", help="YYYY-MM-DD column (tables)")
    p.add_argument("--output", required=True, help="JSONL output directory")
    p.add_argument("--parquet", help="also write a Parquet table here")
    p.add_argument("--errors", help="also write the error records here")
    p.add_argument(
        "--extractor",
        default="extract",
        help="a local path to the binary (shipped with SparkContext.addFile), or the name "
        "of a file shipped with spark-submit --files",
    )
    p.add_argument("--threads", type=int, default=1, help="extractor threads per task")
    p.add_argument(
        "--partitions",
        type=int,
        help="split the input into this many partitions (default: one per core, JSONL "
        "split into pieces of at most 128 MB)",
    )
    p.add_argument("--allow-errors", action="store_true", help="exit 0 despite error records")
    p.add_argument("--show-errors", type=int, default=5, help="error records to print")
    return p.parse_args(argv)


def read_protocol_lines(spark, args):
    """The input as an RDD of protocol lines (str), in input order."""
    sc = spark.sparkContext
    fmt = args.input_format.lower()
    if fmt == "jsonl":
        # Split on "\n" only, as the CLI does (Hadoop's default also splits on a lone "\r").
        # A "\r" before the "\n" stays in the record; the extractor drops it.
        # Hadoop splits files at its block size (32 MB locally, 128 MB on HDFS): a small
        # corpus would be one task on one core. Split it so every core gets work.
        parts = args.partitions or sc.defaultParallelism
        size = -(-total_input_bytes(sc, args.input) // parts)
        if not args.partitions:
            size = min(size, MAX_SPLIT_BYTES)
        conf = {
            "textinputformat.record.delimiter": "\n",
            "mapreduce.input.fileinputformat.split.maxsize": str(max(size, 1)),
        }
        pairs = sc.newAPIHadoopFile(
            args.input,
            "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
            "org.apache.hadoop.io.LongWritable",
            "org.apache.hadoop.io.Text",
            conf=conf,
        )
        lines = pairs.values()
    elif fmt == "text":
        files = spark.read.text(args.input, wholetext=True)
        lines = files.select(
            F.to_json(F.struct(F.input_file_name().alias("id"), F.col("value").alias("text")))
        ).rdd.map(lambda row: row[0])
    else:
        table = spark.read.format(fmt).load(args.input)
        fields = [F.col(args.text_col).cast("string").alias("text")]
        if args.id_col in table.columns:
            fields.insert(0, F.col(args.id_col).cast("string").alias("id"))
        if args.published_col in table.columns:
            fields.append(F.col(args.published_col).cast("string").alias("published"))
        # to_json leaves out null fields: a row without a date gets no "published".
        lines = table.select(F.to_json(F.struct(*fields))).rdd.map(lambda row: row[0])
    if args.partitions and args.partitions < lines.getNumPartitions():
        # coalesce merges neighbouring partitions and keeps the order; repartition would not.
        lines = lines.coalesce(args.partitions)
    return lines


def total_input_bytes(sc, path):
    """The size of the input files, asked of Hadoop's file system on the driver."""
    jvm = sc._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(sc._jsc.hadoopConfiguration())
    return sum(status.getLen() for status in fs.globStatus(hpath) or [])


def locate_extractor(name):
    """The extractor's path on this executor, made executable if Spark did not."""
    path = name if os.path.isabs(name) and os.path.exists(name) else SparkFiles.get(name)
    if not os.access(path, os.X_OK):
        try:
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError:
            copy = os.path.join(tempfile.mkdtemp(), os.path.basename(path))
            shutil.copy(path, copy)
            os.chmod(copy, 0o755)
            path = copy
    return path


def renumber_error(text, local, number):
    """An error record's text with its in-partition line number made the input line number.

    The extractor numbers the lines it was given; a task gets one partition, so the number
    is rewritten to count from the start of the input, as `extract --jsonl` over the whole
    input would.
    """
    head = f'"error":"line {local}: '
    at = text.find(ERROR_KEY)
    if text.startswith(head, at):
        return text[:at] + f'"error":"line {number}: ' + text[at + len(head) :]
    return text


def children_cpu_seconds():
    """User and system CPU time of this process's waited-for children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def make_partition_runner(extractor_name, threads, cpu):
    """A mapPartitions function: (line, idx) records in, (idx, id, error, analysis) out.

    `cpu` is a pair of accumulators that add up the CPU seconds of the extractor processes
    and of the Python workers feeding them (for throughput figures; a retried task counts
    twice).
    """

    def run(records):
        worker_start = time.process_time()
        children_start = children_cpu_seconds()
        binary = locate_extractor(extractor_name)
        command = [binary, "--jsonl", "--threads", str(threads)]
        proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        indices = deque()
        feed_error = []
        stderr_tail = deque(maxlen=20)

        def feed():
            try:
                for line, idx in records:
                    indices.append(idx)
                    proc.stdin.write(line.encode("utf-8", "surrogateescape"))
                    proc.stdin.write(b"\n")
                proc.stdin.close()
            except BaseException as err:  # reported by the reading side
                feed_error.append(err)
                try:
                    proc.stdin.close()
                except OSError:
                    pass

        def drain_stderr():
            # One message per error record: read them all so the pipe never fills up.
            for raw in proc.stderr:
                stderr_tail.append(raw.decode("utf-8", "replace").rstrip("\n"))

        feeder = threading.Thread(target=feed, daemon=True)
        drainer = threading.Thread(target=drain_stderr, daemon=True)
        feeder.start()
        drainer.start()
        try:
            outputs = 0
            errors = 0
            for raw in proc.stdout:
                text = raw.decode("utf-8").rstrip("\n")
                if not indices:
                    feeder.join(timeout=1)
                if not indices:
                    raise RuntimeError(f"{binary} wrote more lines than it was given: {text[:99]}")
                idx = indices.popleft()
                outputs += 1
                doc_id = error = None
                if ERROR_KEY in text:
                    record = json.loads(text)
                    if set(record) == {"id", "error"}:
                        text = renumber_error(text, outputs, idx + 1)
                        doc_id, error = record["id"], json.loads(text)["error"]
                        errors += 1
                yield (idx, doc_id, error, text)
            feeder.join()
            status = proc.wait()
            drainer.join()
            if indices:
                raise RuntimeError(
                    f"{binary} exited with status {status} after answering {outputs} lines "
                    f"({outputs + len(indices)} sent); stderr: " + " | ".join(stderr_tail)
                )
            # The extractor exits with 1 when some line was an error record, 0 otherwise.
            if status != (1 if errors else 0):
                raise RuntimeError(
                    f"{binary} exited with status {status} ({errors} error records); stderr: "
                    + " | ".join(stderr_tail)
                )
            if feed_error:
                raise RuntimeError(f"feeding {binary} failed") from feed_error[0]
            cpu[0].add(children_cpu_seconds() - children_start)
            cpu[1].add(time.process_time() - worker_start)
        finally:
            # Spark may stop reading early (a cancelled or failed task): never leave the
            # process behind.
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    return run


def main(argv):
    args = parse_args(argv)
    spark = SparkSession.builder.appName("newsextract").getOrCreate()
    sc = spark.sparkContext
    started = time.monotonic()
    extractor = args.extractor
    if os.path.isfile(extractor):
        # A driver-local binary: ship it to every executor ourselves.
        sc.addFile(os.path.abspath(extractor))
        extractor = os.path.basename(extractor)

    lines = read_protocol_lines(spark, args)
    # zipWithIndex numbers the lines in partition order (one cheap counting pass over the
    # input); the index travels with each line so the Parquet table keeps the input order.
    indexed = lines.zipWithIndex()
    cpu = (sc.accumulator(0.0), sc.accumulator(0.0))
    results = indexed.mapPartitions(make_partition_runner(extractor, args.threads, cpu))
    table = spark.createDataFrame(results, RESULT_SCHEMA)
    # Several outputs and the counts come from one extraction pass: keep the results.
    table = table.persist()
    table.select("analysis").write.mode("error").text(args.output)
    if args.parquet:
        table.write.mode("error").parquet(args.parquet)
    failed = table.where(F.col("error").isNotNull())
    if args.errors:
        failed.select("analysis").write.mode("error").text(args.errors)
    counts = table.agg(F.count(F.lit(1)).alias("lines"), F.count("error").alias("errors")).first()
    total, errors = counts["lines"], counts["errors"]
    seconds = time.monotonic() - started
    print(f"newsextract: {total} lines, {total - errors} analyses, {errors} error records")
    cores = sc.defaultParallelism
    print(f"newsextract: {seconds:.1f} s from session start to counts, {cores} cores")
    print(
        f"newsextract: task CPU: extractors {cpu[0].value:.1f} s, "
        f"Python workers {cpu[1].value:.1f} s"
    )
    if errors:
        for row in failed.orderBy("idx").limit(args.show_errors).collect():
            print(f"  input line {row['idx'] + 1}: id={row['id']!r}: {row['error']}")
    spark.stop()
    return 1 if errors and not args.allow_errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception as err:  # a failed Spark job; the full trace is in Spark's log
        text = str(err)
        # A task's own RuntimeError is buried in the JVM's message: show it first.
        cause = next((line for line in text.splitlines() if "RuntimeError:" in line), None)
        print(f"newsextract: the job failed: {cause or text[:2000]}", file=sys.stderr)
        sys.exit(3)
