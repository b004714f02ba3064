"""The Spark job: the laptop pipeline's per-article code over WARC/JSONL/Parquet corpora,
writing date-partitioned Parquet tables (see docs/spark.md).

Modules that need pyspark import it at their top; this package and `tasks`, `windows`,
`tables` and `importer` do not, so that they work (and are tested) without a JVM.
"""
