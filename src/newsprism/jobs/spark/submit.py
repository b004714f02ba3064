"""The spark-submit entry point: the same job as `newsprism spark run`, on any cluster.

    spark-submit --master yarn \\
        "$(python -c 'import newsprism.jobs.spark.submit as m; print(m.__file__)')" \\
        --input /shared/crawl/ --output /shared/newsprism-out

(`python -m newsprism.jobs.spark.submit ...` runs it on a local master.) Workers need
newsprism installed in the same Python; inputs and output must be paths every worker sees.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from newsprism.errors import NewsprismError
from newsprism.jobs.spark.job import SparkJobOptions, SparkReport, run_job
from newsprism.jobs.spark.session import spark_session
from newsprism.jobs.spark.windows import WindowPlan


def run_spark(
    inputs: Sequence[str], output: str, options: SparkJobOptions, master: str | None
) -> SparkReport:
    """Start (or join) a session and run the job; the CLI and spark-submit both call this."""
    spark = spark_session(master)
    return run_job(spark, inputs, output, options)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsprism-spark", description=__doc__.split("\n")[0])
    parser.add_argument("--input", action="append", required=True, help="file, folder or glob")
    parser.add_argument("--output", required=True, help="output folder for the Parquet tables")
    parser.add_argument("--master", default=None, help="default: what spark-submit says")
    parser.add_argument("--attach", action="store_true", help="add to an existing output")
    parser.add_argument("--window-days", type=int, default=7)
    parser.add_argument("--window-overlap", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=0.5, help="near-duplicate Jaccard")
    parser.add_argument("--partitions", type=int, default=0)
    parser.add_argument("--outlet", default=None)
    parser.add_argument("--no-compare", action="store_true")
    args = parser.parse_args(argv)
    try:
        options = SparkJobOptions(
            near_duplicate_threshold=args.threshold,
            windows=WindowPlan(args.window_days, args.window_overlap),
            outlet=args.outlet,
            compare=not args.no_compare,
            partitions=args.partitions,
            attach=args.attach,
        )
        report = run_spark(args.input, args.output, options, args.master)
    except NewsprismError as error:
        print(f"newsprism-spark: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report.as_dict(), indent=2))
    return report.exit_status


if __name__ == "__main__":
    sys.exit(main())
