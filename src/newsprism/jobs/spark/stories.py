"""Stories at scale, the Spark part: windows clustered in parallel, then reconciled.

`windows.py` clusters each window with the laptop's tracker. Here a story of a window is a
node; a context article links the story it joined to the story it belongs to at home, and
the connected components of these links are the stories. A component takes the id of its
earliest node (earliest window, then first seen), which is the id the laptop would give when
the story opened there. Story rows of several windows are combined like the clusterer's
merges.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pyspark.sql import DataFrame, Row
from pyspark.sql import functions as F
from pyspark.sql import types as T

from newsprism.cluster.online import StoryState, combine_states, story_age
from newsprism.jobs.spark.graph import connected_components
from newsprism.jobs.spark.tables import UNDATED
from newsprism.jobs.spark.windows import (
    UNDATED_WINDOW,
    EarlierState,
    Member,
    WindowPlan,
    cluster_window,
)

_DOCUMENTS = "\x00documents"  # counts the articles behind a window's prior frequencies
ASSIGNED = T.StructType(
    [
        T.StructField("window", T.LongType()),
        T.StructField("article_id", T.StringType()),
        T.StructField("home", T.BooleanType()),
        T.StructField("story", T.StringType()),
        T.StructField("score", T.DoubleType()),
    ]
)
WINDOW_STORY = T.StructType(
    [
        T.StructField("window", T.LongType()),
        T.StructField("story", T.StringType()),
        T.StructField("label", T.StringType()),
        T.StructField("keywords", T.ArrayType(T.StringType())),
        T.StructField("entities", T.ArrayType(T.StringType())),
        T.StructField("first_seen", T.StringType()),
        T.StructField("last_seen", T.StringType()),
        T.StructField("state", T.StringType()),
    ]
)
MERGED = T.StructType(
    [T.StructField("from_id", T.StringType()), T.StructField("into_id", T.StringType())]
)
# A reconciled story: a window's story fields under its final id, without the window.
STORY = T.StructType(
    [T.StructField("id", T.StringType())]
    + [f for f in WINDOW_STORY.fields if f.name not in ("window", "story")]
)


def cluster_windows(
    articles: DataFrame, plan: WindowPlan, earlier: EarlierState | None, partitions: int
) -> tuple[DataFrame, DataFrame, DataFrame]:
    """(assigned, window stories, merges of earlier stories). `articles` has article_id, run,
    file_index, position, day, features, lead. With `earlier` (the incremental mode) all
    articles form one window that continues the earlier stories."""
    first_day = _first_day(articles) if earlier is None else None

    def keyed(row: Row) -> Iterator[tuple[int, tuple[str, Any]]]:
        windows = [(0, True)] if earlier is not None else plan.windows_of(row.day, first_day)
        for window, home in windows:
            member = (row.run, row.file_index, row.position, row.article_id, home)
            yield window, ("member", (*member, row.features, row.lead))
        if earlier is None and len(windows) == 1 and windows[0][0] != UNDATED_WINDOW:
            # Not context of the next window: what its tracker would have learned before.
            features = json.loads(row.features)
            for key in {*features["terms"], *features["names"]}:
                yield windows[0][0] + 1, ("df", key)
            yield windows[0][0] + 1, ("df", _DOCUMENTS)

    def clustered(
        group: tuple[int, Iterable[tuple[str, Any]]],
    ) -> Iterator[tuple[str, tuple[object, ...]]]:
        window, items = group
        members: list[Member] = []
        df: Counter[str] = Counter()
        for kind, value in items:
            if kind == "member":
                members.append(value)
            else:
                df[value] += 1
        if not members:
            return
        documents = df.pop(_DOCUMENTS, 0)
        state = earlier if earlier is not None else EarlierState(df=dict(df), documents=documents)
        yield from cluster_window(window, members, state if documents or earlier else None)

    results = (
        articles.select("article_id", "run", "file_index", "position", "day", "features", "lead")
        .rdd.flatMap(keyed)
        .groupByKey(partitions)
        .flatMap(clustered)
        .persist()
    )
    spark = articles.sparkSession
    assigned = spark.createDataFrame(
        results.filter(lambda item: item[0] == "assigned").map(lambda item: item[1]), ASSIGNED
    )
    window_stories = spark.createDataFrame(
        results.filter(lambda item: item[0] == "story").map(lambda item: item[1]), WINDOW_STORY
    )
    merges = spark.createDataFrame(
        results.filter(lambda item: item[0] == "merged").map(lambda item: item[1]), MERGED
    )
    return assigned, window_stories, merges


def _first_day(articles: DataFrame) -> str | None:
    """The earliest dated day of the input: where its windows are counted from."""
    row = articles.where(F.col("day") != UNDATED).agg(F.min("day")).first()
    return row[0] if row is not None else None


def reconcile(assigned: DataFrame, window_stories: DataFrame) -> tuple[DataFrame, DataFrame]:
    """(membership: article_id, story_id, score; stories: STORY rows) across windows."""
    node = F.concat_ws("|", F.col("window").cast("string"), F.col("story"))
    homes = assigned.where("home").select("article_id", node.alias("home_node"), "score")
    story_nodes = window_stories.select(node.alias("node"), "window", "story", "first_seen")
    links = (
        assigned.where(~F.col("home"))
        .select("article_id", node.alias("node"))
        .join(story_nodes.select("node"), "node")  # only stories with home members link
        .join(homes, "article_id")
        .select(F.col("node").alias("src"), F.col("home_node").alias("dst"))
    )
    components = connected_components(links)
    named = story_nodes.join(components, "node", "left").withColumn(
        "component", F.coalesce("component", "node")
    )
    names = named.groupBy("component").agg(
        F.min(F.struct("window", F.coalesce("first_seen", F.lit("~")), "story"))
        .getField("story")
        .alias("story_id")
    )
    nodes = named.join(names, "component").select("node", "story_id")
    membership = homes.join(nodes, homes.home_node == nodes.node).select(
        "article_id", "story_id", "score"
    )
    parts = window_stories.withColumn("node", node).join(nodes, "node")
    spark = assigned.sparkSession
    stories = spark.createDataFrame(
        parts.rdd.map(lambda row: (row.story_id, row)).groupByKey().map(_combined), STORY
    )
    return membership, stories


def _combined(group: tuple[str, Iterable[Row]]) -> tuple[object, ...]:
    """One story from its windows' rows: a single window's row as it is; several combined."""
    story_id, rows = group
    parts = sorted(rows, key=lambda row: row.window)
    if len(parts) == 1:
        only = parts[0]
        return (
            story_id,
            only.label,
            only.keywords,
            only.entities,
            only.first_seen,
            only.last_seen,
            only.state,
        )
    states = [StoryState.from_json(json.loads(row.state)) for row in parts]
    # The best label before the centroids are folded together (folding moves label scores).
    label = max(zip(parts, states, strict=True), key=lambda pair: pair[1].label_score)[0]
    states.sort(key=story_age)
    combined = states[0]
    for other in states[1:]:
        combine_states(combined, other)
    combined.id = story_id
    return (
        story_id,
        label.label,
        _interleave([row.keywords for row in parts], 8),
        _interleave([row.entities for row in parts], 8),
        combined.first_seen.isoformat() if combined.first_seen else None,
        combined.last_seen.isoformat() if combined.last_seen else None,
        json.dumps(combined.as_json()),
    )


def _interleave(lists: list[list[str]], limit: int) -> list[str]:
    """Each window's best first: keywords of a story that spans windows."""
    found: dict[str, None] = {}
    for rank in range(max((len(items) for items in lists), default=0)):
        for items in lists:
            if rank < len(items):
                found.setdefault(items[rank])
    return list(found)[:limit]
