"""Near-duplicates at scale: banded MinHash, candidates by grouping on (band, bucket).

The signatures and bucket keys come from the laptop's `NearDuplicateDetector` (bands and rows
derived from the similarity threshold). Each bucket with more than one article gives star
edges from its earliest article (in arrival order) to the others, never all pairs; each edge
is verified on the signatures as the laptop verifies a candidate. Every article links to the
best verified earlier article; groups are the connected components of the verified edges.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyspark.sql import DataFrame, Row
from pyspark.sql import functions as F
from pyspark.sql import types as T

from newsprism.dedup.minhash import Signature
from newsprism.jobs.spark.graph import connected_components
from newsprism.jobs.spark.tasks import detector

VERIFIED = T.StructType(
    [
        T.StructField("article_id", T.StringType()),
        T.StructField("duplicate_of", T.StringType()),
        T.StructField("jaccard", T.DoubleType()),
        T.StructField("containment", T.DoubleType()),
    ]
)


def candidate_edges(signatures: DataFrame) -> DataFrame:
    """(member, center) pairs: `signatures` has article_id, run, file_index, position, buckets
    and `new` (whether the article came in this run; old-old pairs were judged before)."""
    exploded = signatures.select(
        "article_id",
        "new",
        F.struct("run", "file_index", "position", "article_id").alias("arrival"),
        F.posexplode("buckets").alias("band", "bucket"),
    )
    centers = (
        exploded.groupBy("band", "bucket")
        .agg(
            F.min("arrival").alias("center"),
            F.count("*").alias("size"),
            F.max("new").alias("new"),
        )
        .where((F.col("size") > 1) & F.col("new"))
        .select("band", "bucket", F.col("center.article_id").alias("duplicate_of"))
    )
    return (
        exploded.where(F.col("new"))
        .join(centers, ["band", "bucket"])
        .where(F.col("article_id") != F.col("duplicate_of"))
        .select("article_id", "duplicate_of")
        .distinct()
    )


def verified_edges(candidates: DataFrame, signatures: DataFrame, threshold: float) -> DataFrame:
    """The candidate pairs the laptop's rule calls near (Jaccard or containment)."""
    values = signatures.select("article_id", "minhash")
    pairs = candidates.join(values, "article_id").join(
        values.withColumnRenamed("article_id", "duplicate_of").withColumnRenamed(
            "minhash", "other"
        ),
        "duplicate_of",
    )

    def judge(rows: Iterable[Row]) -> Iterator[tuple[str, str, float, float]]:
        near = detector(threshold)
        for row in rows:
            mine = Signature.from_bytes(row.article_id, bytes(row.minhash))
            other = Signature.from_bytes(row.duplicate_of, bytes(row.other))
            is_near, jaccard, contained = near.judge(mine, other)
            if is_near:
                yield row.article_id, row.duplicate_of, round(jaccard, 4), round(contained, 4)

    spark = candidates.sparkSession
    return spark.createDataFrame(pairs.rdd.mapPartitions(judge), VERIFIED)


def best_links(verified: DataFrame) -> DataFrame:
    """One link per article: its best verified earlier article (ties: the smaller id)."""
    ranked = verified.withColumn("score", F.greatest("jaccard", "containment"))
    best = ranked.groupBy("article_id").agg(
        F.min(
            F.struct((-F.col("score")).alias("rank"), "duplicate_of", "jaccard", "containment")
        ).alias("best")
    )
    return best.select(
        "article_id",
        F.col("best.duplicate_of").alias("duplicate_of"),
        F.col("best.jaccard").alias("jaccard"),
        F.col("best.containment").alias("containment"),
    )


def near_duplicates(
    signatures: DataFrame, earlier_links: DataFrame | None, threshold: float
) -> DataFrame:
    """article_id, duplicate_of, jaccard, containment, group_id for this run's new articles;
    the group is the connected component of all verified links so far."""
    verified = verified_edges(candidate_edges(signatures), signatures, threshold).localCheckpoint()
    links = best_links(verified)
    edges = verified.select(F.col("article_id").alias("src"), F.col("duplicate_of").alias("dst"))
    if earlier_links is not None:
        edges = edges.union(
            earlier_links.select(
                F.col("article_id").alias("src"), F.col("duplicate_of").alias("dst")
            )
        )
    groups = connected_components(edges).withColumnRenamed("node", "article_id")
    return links.join(groups, "article_id", "left").withColumnRenamed("component", "group_id")
