"""The Spark job's row schemas: what reading, analysis and comparison hand to each other.
The articles' columns are the news-please codec's (as `export --format parquet` writes)."""

from __future__ import annotations

import pyarrow as pa
from pyspark.sql import types as T

from newsprism.ingest.newsplease import ARROW_SCHEMA

FOUND = T.StructType(
    [
        T.StructField("article_id", T.StringType()),
        T.StructField("file_index", T.IntegerType()),
        T.StructField("position", T.IntegerType()),
        T.StructField("record", T.StringType()),
        T.StructField("url", T.StringType()),
        T.StructField("outlet", T.StringType()),
        T.StructField("source_path", T.StringType()),
        T.StructField("locator", T.StringType()),
        T.StructField("day", T.StringType()),
    ]
)
REJECT = T.StructType(
    [
        T.StructField("source", T.StringType()),
        T.StructField("locator", T.StringType()),
        T.StructField("reason", T.StringType()),
        T.StructField("detail", T.StringType()),
        T.StructField("file_index", T.IntegerType()),
        T.StructField("position", T.IntegerType()),
    ]
)
_ARROW_TO_SPARK = {
    pa.string(): T.StringType(),
    pa.bool_(): T.BooleanType(),
    pa.list_(pa.string()): T.ArrayType(T.StringType()),
    pa.timestamp("us", tz="UTC"): T.TimestampType(),
}
# The articles table: the news-please codec's columns, as `export --format parquet` writes.
ARTICLE = T.StructType([T.StructField(f.name, _ARROW_TO_SPARK[f.type]) for f in ARROW_SCHEMA])
SPAN = T.StructType(
    [
        T.StructField("layer", T.StringType()),
        T.StructField("start", T.IntegerType()),
        T.StructField("end", T.IntegerType()),
        T.StructField("label", T.StringType()),
        T.StructField("attrs", T.StringType()),
    ]
)
ANALYSED = T.StructType(
    [
        T.StructField("article_id", T.StringType()),
        T.StructField("article", ARTICLE),
        T.StructField("spans", T.ArrayType(SPAN)),
        T.StructField("features", T.StringType()),
        T.StructField("shingles", T.IntegerType()),
        T.StructField("minhash", T.BinaryType()),
        T.StructField("buckets", T.ArrayType(T.LongType())),
        T.StructField("lead", T.StringType()),
        T.StructField("failure", T.StringType()),  # the stage that failed on it, if any
    ]
)
COMPARISON = T.StructType(
    [
        T.StructField("story_id", T.StringType()),
        T.StructField("articles", T.StringType()),
        T.StructField("record", T.StringType()),
    ]
)
