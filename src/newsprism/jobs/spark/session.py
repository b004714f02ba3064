"""A SparkSession for the job: local by default, a cluster's master when given.

Python workers run the driver's own interpreter (`PYSPARK_PYTHON`), so that they find the
same newsprism and models; Java 17 is the only other thing Spark needs.
"""

from __future__ import annotations

import os
import shutil
import sys

from pyspark.sql import SparkSession

from newsprism.errors import ConfigError


def spark_session(
    master: str | None = "local[*]", shuffle_partitions: int | None = None, app: str = "newsprism"
) -> SparkSession:
    """Get or create the session. `master=None` leaves it to spark-submit."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        raise ConfigError(
            "Spark needs Java 17: none found on PATH and JAVA_HOME is not set; "
            "install a JDK 17 (Debian: apt install openjdk-17-jre-headless)"
        )
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    builder = (
        builder.config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.python.worker.reuse", "true")  # models load once per worker
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
    )
    if shuffle_partitions is None and master and master.startswith("local"):
        # Spark's default of 200 shuffle partitions costs more than it gives on one machine.
        cores = master.removeprefix("local").strip("[]").split(",")[0]
        count = os.cpu_count() or 2 if cores in ("", "*") else int(cores)
        shuffle_partitions = 2 * count
    if shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
