"""Connected components in plain Spark DataFrames (no GraphFrames, nothing from Maven).

Min-label propagation with pointer jumping: every node takes the smallest label among itself
and its neighbours, then the label of its label. Star-shaped candidate graphs converge in a
few rounds; each round's labels are checkpointed locally so that the plan stays short.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from newsprism.errors import ComponentsDidNotConverge

MAX_ROUNDS = 60


def connected_components(edges: DataFrame, max_rounds: int = MAX_ROUNDS) -> DataFrame:
    """`edges` (src, dst) of string node ids → (node, component): the component is named by
    its smallest node id. Nodes appear only if they have an edge."""
    both = (
        edges.select("src", "dst")
        .union(edges.select(F.col("dst").alias("src"), F.col("src").alias("dst")))
        .where(F.col("src") != F.col("dst"))
        .distinct()
        .localCheckpoint()
    )
    labels = (
        both.groupBy("src")
        .agg(F.least(F.min("dst"), F.first("src")).alias("label"))
        .withColumnRenamed("src", "node")
        .localCheckpoint()
    )
    for _ in range(max_rounds):
        spread = (
            both.join(labels, both.dst == labels.node)
            .groupBy(both.src.alias("node"))
            .agg(F.min("label").alias("spread"))
        )
        jumped = labels.alias("n").join(
            labels.alias("l"), F.col("n.label") == F.col("l.node"), "left"
        )
        jumped = jumped.select(
            F.col("n.node").alias("node"),
            F.least(F.col("n.label"), F.coalesce(F.col("l.label"), F.col("n.label"))).alias("jump"),
        )
        updated = (
            jumped.join(spread, "node", "left")
            .select("node", F.least("jump", F.coalesce("spread", "jump")).alias("label"))
            .localCheckpoint()
        )
        changed = (
            updated.alias("u")
            .join(labels.alias("o"), "node")
            .where(F.col("u.label") != F.col("o.label"))
            .limit(1)
            .count()
        )
        labels = updated
        if changed == 0:
            return labels.withColumnRenamed("label", "component")
    raise ComponentsDidNotConverge(
        f"connected components did not settle in {max_rounds} rounds; a chain of near-duplicates "
        "or stories that long suggests boilerplate text: raise the near-duplicate threshold"
    )
