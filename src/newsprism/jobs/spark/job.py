"""The Spark job: inputs → articles, spans, near-duplicates, stories, comparisons (Parquet).

Stages: read (one task per input file, the laptop's readers) → exact duplicates by content id
(the first in arrival order keeps its metadata, every copy is a source) → analysis per
partition (models loaded once per worker) → near-duplicates (`dedup.py`) → stories
(`windows.py`, `stories.py`) → comparisons per story → tables (`tables.py`). A run's rows
count once its row is in the `runs` table, which is written last.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from pyspark import RDD, StorageLevel
from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, Row, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.window import Window

from newsprism.cluster.online import OnlineClusterer
from newsprism.compare.stored import comparison_key
from newsprism.compare.story import compare_articles
from newsprism.errors import ConfigError, RejectReason
from newsprism.ingest import DEFAULT_MAX_BYTES
from newsprism.ingest.sources import expand_paths
from newsprism.jobs.spark import tables
from newsprism.jobs.spark.dedup import near_duplicates
from newsprism.jobs.spark.schemas import ANALYSED, ARTICLE, COMPARISON, FOUND, REJECT
from newsprism.jobs.spark.stories import cluster_windows, reconcile
from newsprism.jobs.spark.tasks import (
    ReadSettings,
    analyse_partition,
    article_from_record,
    read_input,
)
from newsprism.jobs.spark.windows import EarlierState, WindowPlan
from newsprism.run import DEFAULT_NEAR_DUPLICATE_THRESHOLD


@dataclass(frozen=True, slots=True)
class SparkJobOptions:
    near_duplicate_threshold: float = DEFAULT_NEAR_DUPLICATE_THRESHOLD
    windows: WindowPlan = field(default_factory=WindowPlan)
    outlet: str | None = None  # like `ingest --outlet`
    max_bytes: int = DEFAULT_MAX_BYTES
    compare: bool = True  # a comparison per story that changed
    max_compared: int = 50  # a story's first articles compared (fact alignment grows fast)
    partitions: int = 0  # analysis partitions; 0: four per core
    attach: bool = False  # add to an existing output (the incremental mode)

    def __post_init__(self) -> None:
        if not 0 < self.near_duplicate_threshold < 1:
            raise ConfigError(
                f"near-duplicate threshold must be between 0 and 1, got "
                f"{self.near_duplicate_threshold}; try 0.5"
            )
        if self.max_compared < 2:
            raise ConfigError(f"max_compared must be at least 2, got {self.max_compared}")


@dataclass(slots=True)
class SparkReport:
    run: int
    output: str
    counts: dict[str, int] = field(default_factory=dict)
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def exit_status(self) -> int:
        return 1 if self.counts.get("rejected") else 0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def run_job(
    spark: SparkSession, inputs: Sequence[str], output: str, options: SparkJobOptions
) -> SparkReport:
    """Run the whole job over `inputs` (files, folders, globs on a filesystem every worker
    sees) and append its tables to `output`."""
    started = time.monotonic()
    run = int(datetime.now(UTC).timestamp() * 1000)  # unique even beside a killed run's rows
    earlier_runs = _committed_runs(spark, output)
    if earlier_runs and not options.attach:
        raise ConfigError(
            f"{output} already holds the output of {len(earlier_runs)} run(s); pass --attach "
            "to add these inputs to it, or choose an empty folder"
        )
    read = _read(spark, inputs, options, run)
    first = F.row_number().over(Window.partitionBy("article_id").orderBy("file_index", "position"))
    unique = read.found.withColumn("first", first).where("first = 1").drop("first")
    earlier = _Earlier(spark, output, earlier_runs) if options.attach and earlier_runs else None
    if earlier is not None:
        unique = unique.join(earlier.article_ids(), "article_id", "left_anti")
    analysed = _analyse(spark, unique, options)
    rejects = read.rejects.union(_analysis_failures(analysed))
    signatures = analysed.select(
        "article_id",
        "run",
        "file_index",
        "position",
        "buckets",
        "minhash",
        F.lit(True).alias("new"),
    )
    if earlier is not None:
        signatures = signatures.union(earlier.signatures())
    links = near_duplicates(
        signatures,
        earlier.links() if earlier is not None else None,
        options.near_duplicate_threshold,
    ).persist(StorageLevel.MEMORY_AND_DISK)
    membership, stories, merges = _stories(spark, analysed, earlier, options)

    writer = _Writer(output, run)
    _write_articles(writer, read.found, analysed, links)
    days = analysed.select("article_id", "day")
    writer.append(tables.STORY_ARTICLES, membership.join(days, "article_id"))
    story_table = _story_table(stories, membership, earlier, merges)
    writer.append(tables.STORIES, story_table)
    if options.compare:
        writer.append(
            tables.COMPARISONS,
            _comparisons(spark, membership, analysed, earlier, options.max_compared).join(
                story_table.select(F.col("id").alias("story_id"), "day"), "story_id"
            ),
        )
    writer.append(tables.TERMS, _term_counts(analysed), partition="run")
    run_day = datetime.now(UTC).date().isoformat()
    writer.append(tables.REJECTS, rejects.withColumn("day", F.lit(run_day)))
    counts = {
        "files": read.files,
        "records": read.found.count(),
        "ingested": analysed.count(),
        "near_duplicates": links.count(),
        "stories_touched": stories.count(),
        "rejected": rejects.count(),
    }
    counts["duplicates"] = counts["records"] - counts["ingested"]
    by_reason = {row.reason: row["count"] for row in rejects.groupBy("reason").count().collect()}
    seconds = round(time.monotonic() - started, 2)
    _commit(spark, writer, run, inputs, options, counts | {"seconds": seconds})
    read.items.unpersist()
    analysed.unpersist()
    return SparkReport(run, output, counts, dict(sorted(by_reason.items())), seconds)


@dataclass(frozen=True)
class _Read:
    files: int
    items: RDD[tuple[str, tuple[object, ...]]]
    found: DataFrame
    rejects: DataFrame


def _read(spark: SparkSession, inputs: Sequence[str], options: SparkJobOptions, run: int) -> _Read:
    """One task per input file, with the laptop's readers: found articles and rejects."""
    files, missing = expand_paths(inputs)
    paths = [str(f.path.resolve()) for f in files]
    settings = ReadSettings(max_bytes=options.max_bytes, outlet=options.outlet)
    items = (
        spark.sparkContext.parallelize(list(enumerate(paths)), max(1, len(paths)))
        .flatMap(lambda pair: read_input(pair[0], pair[1], settings))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    found = spark.createDataFrame(
        items.filter(lambda item: item[0] == "article").map(lambda item: item[1]), FOUND
    ).withColumn("run", F.lit(run).cast("long"))
    rejects = spark.createDataFrame(
        items.filter(lambda item: item[0] == "reject").map(lambda item: item[1]), REJECT
    )
    if missing:
        rejects = rejects.union(
            spark.createDataFrame(
                [(m, None, RejectReason.NOT_FOUND.value, "nothing there", -1, 0) for m in missing],
                REJECT,
            )
        )
    return _Read(len(paths), items, found, rejects)


def _analyse(spark: SparkSession, unique: DataFrame, options: SparkJobOptions) -> DataFrame:
    """Analysis, story features and MinHash signatures per partition (models once a worker)."""
    partitions = options.partitions or spark.sparkContext.defaultParallelism * 4
    threshold = options.near_duplicate_threshold
    analysed_rows = (
        unique.select("record")
        .repartition(partitions)
        .rdd.mapPartitions(lambda rows: analyse_partition((r.record for r in rows), threshold))
    )
    return (
        spark.createDataFrame(analysed_rows, ANALYSED)
        .join(unique.select("article_id", "run", "file_index", "position", "day"), "article_id")
        .persist(StorageLevel.MEMORY_AND_DISK)
    )


def _analysis_failures(analysed: DataFrame) -> DataFrame:
    """A stage that failed on a stored article is listed among the rejects, as `ingest` does."""
    detail = F.concat(F.lit("article "), F.col("article_id"), F.lit(": "), F.col("failure"))
    return analysed.where(F.col("failure").isNotNull()).select(
        F.coalesce(F.col("article.source_path"), F.col("article_id")).alias("source"),
        F.lit(None).cast("string").alias("locator"),
        F.lit(RejectReason.ANALYSIS_FAILED.value).alias("reason"),
        detail.alias("detail"),
        "file_index",
        "position",
    )


def _stories(
    spark: SparkSession,
    analysed: DataFrame,
    earlier: _Earlier | None,
    options: SparkJobOptions,
) -> tuple[DataFrame, DataFrame, DataFrame]:
    """(membership, stories, merges): windowed online clustering, reconciled across windows."""
    story_input = analysed.where(F.col("features").isNotNull()).select(
        "article_id", "run", "file_index", "position", "day", "features", "lead"
    )
    state = earlier.state(analysed) if earlier is not None else None
    parallelism = max(2, spark.sparkContext.defaultParallelism)
    assigned, window_stories, merges = cluster_windows(
        story_input, options.windows, state, parallelism
    )
    if state is None:
        membership, stories = reconcile(assigned, window_stories)
    else:
        membership = assigned.where("home").select(
            "article_id", F.col("story").alias("story_id"), "score"
        )
        stories = window_stories.select(
            F.col("story").alias("id"),
            "label",
            "keywords",
            "entities",
            "first_seen",
            "last_seen",
            "state",
        )
    membership = membership.persist(StorageLevel.MEMORY_AND_DISK)
    stories = stories.persist(StorageLevel.MEMORY_AND_DISK)
    return membership, stories, merges


def _write_articles(
    writer: _Writer, found: DataFrame, analysed: DataFrame, links: DataFrame
) -> None:
    writer.append(tables.ARTICLES, analysed.select("article.*", "day"))
    writer.append(
        tables.SOURCES,
        found.select("article_id", "url", "outlet", "source_path", "locator", "day"),
    )
    writer.append(
        tables.SPANS,
        analysed.select("article_id", "day", F.explode("spans").alias("span")).select(
            "article_id", "span.*", "day"
        ),
    )
    writer.append(
        tables.SIGNATURES,
        analysed.select("article_id", "shingles", "minhash", "buckets", "day"),
    )
    writer.append(
        tables.NEAR_DUPLICATES,
        links.join(analysed.select("article_id", "day"), "article_id"),
    )


def _story_table(
    stories: DataFrame,
    membership: DataFrame,
    earlier: _Earlier | None,
    merges: DataFrame,
) -> DataFrame:
    """Story rows with their sizes, and the earlier stories that merged into them."""
    sizes = membership.groupBy("story_id").count().withColumnRenamed("story_id", "id")
    story_table = (
        stories.join(sizes, "id", "left")
        .select(
            "*",
            F.coalesce(F.col("count"), F.lit(0)).alias("size"),
            F.lit(None).cast("string").alias("merged_into"),
            F.coalesce(
                F.date_format(F.to_timestamp("first_seen"), "yyyy-MM-dd"), F.lit(tables.UNDATED)
            ).alias("day"),
        )
        .drop("count")
    )
    if earlier is not None:
        story_table = earlier.with_earlier_sizes(story_table, merges)
        story_table = story_table.unionByName(earlier.merged_rows(merges))
    return story_table


def _term_counts(analysed: DataFrame) -> DataFrame:
    """Document frequencies of the new articles' keys, counted as the laptop's tracker does."""
    keys = F.from_json("features", "struct<terms:map<string,double>,names:map<string,double>>")
    new_terms = analysed.select(
        F.explode(
            F.concat(F.map_keys(keys.getField("terms")), F.map_keys(keys.getField("names")))
        ).alias("key")
    )
    return new_terms.groupBy("key").agg(F.count("*").alias("documents"))


def _commit(
    spark: SparkSession,
    writer: _Writer,
    run: int,
    inputs: Sequence[str],
    options: SparkJobOptions,
    counts: dict[str, float],
) -> None:
    """The run's row, written last: the run's rows in every other table count from now on."""
    runs = spark.createDataFrame(
        [
            (
                run,
                datetime.now(UTC).isoformat(),
                list(inputs),
                json.dumps(_parameters(options)),
                json.dumps(counts),
            )
        ],
        "run long, finished string, inputs array<string>, parameters string, counts string",
    )
    writer.append(tables.RUNS, runs, partition="run")


def _parameters(options: SparkJobOptions) -> dict[str, object]:
    return {
        "near_duplicate_threshold": options.near_duplicate_threshold,
        "window_days": options.windows.days,
        "window_overlap": options.windows.overlap,
        "outlet": options.outlet,
        "compare": options.compare,
        "max_compared": options.max_compared,
    }


def _committed_runs(spark: SparkSession, output: str) -> list[int]:
    location = f"{output}/{tables.RUNS}"
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    path = jvm.org.apache.hadoop.fs.Path(location)
    filesystem = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if not filesystem.exists(path):  # a fresh output folder
        return []
    try:
        rows = spark.read.parquet(location).select("run").collect()
    except AnalysisException as error:
        raise ConfigError(f"{location} is not a runs table the job wrote: {error}") from error
    return sorted(int(row.run) for row in rows)


class _Writer:
    """Appends a run's rows to a table, partitioned by day (or by run)."""

    def __init__(self, output: str, run: int) -> None:
        self.output = output
        self.run = run

    def append(self, name: str, frame: DataFrame, partition: str = "day") -> None:
        frame = frame.withColumn("run", F.lit(self.run).cast("long"))
        frame.write.mode("append").partitionBy(partition).parquet(f"{self.output}/{name}")


_KEYS = "run long, day string"
_READ_SCHEMAS = {
    tables.ARTICLES: ", ".join(f"{f.name} {f.dataType.simpleString()}" for f in ARTICLE)
    + ", "
    + _KEYS,
    tables.SIGNATURES: "article_id string, shingles int, minhash binary, buckets array<bigint>, "
    + _KEYS,
    tables.NEAR_DUPLICATES: "article_id string, duplicate_of string, jaccard double, "
    "containment double, group_id string, " + _KEYS,
    tables.STORIES: "id string, label string, keywords array<string>, entities array<string>, "
    "first_seen string, last_seen string, state string, size bigint, merged_into string, " + _KEYS,
    tables.STORY_ARTICLES: "article_id string, story_id string, score double, " + _KEYS,
    tables.TERMS: "key string, documents bigint, run long",
}


class _Earlier:
    """What committed runs left in the output, for the incremental mode."""

    def __init__(self, spark: SparkSession, output: str, runs: Sequence[int]) -> None:
        self.spark = spark
        self.output = output
        self.runs = list(runs)

    def table(self, name: str) -> DataFrame:
        # With the schema given, a table a run wrote no rows to reads as empty.
        rows = self.spark.read.schema(_READ_SCHEMAS[name]).parquet(f"{self.output}/{name}")
        return rows.where(F.col("run").isin(self.runs))

    def article_ids(self) -> DataFrame:
        return self.table(tables.ARTICLES).select(F.col("id").alias("article_id")).distinct()

    def signatures(self) -> DataFrame:
        return self.table(tables.SIGNATURES).select(
            "article_id",
            "run",
            F.lit(0).alias("file_index"),
            F.lit(0).alias("position"),
            "buckets",
            "minhash",
            F.lit(False).alias("new"),
        )

    def links(self) -> DataFrame:
        return self.table(tables.NEAR_DUPLICATES).select("article_id", "duplicate_of")

    def stories(self) -> DataFrame:
        """The current row of every story (the latest run's)."""
        rows = self.table(tables.STORIES)
        latest = rows.groupBy("id").agg(F.max("run").alias("run"))
        return rows.join(latest, ["id", "run"])

    def state(self, analysed: DataFrame) -> EarlierState:
        """Active stories (within the clusterer's window of the new articles), document
        frequencies, the number of documents and the newest publication time. The incremental
        mode continues the laptop's tracker; window settings play no part in it."""
        earliest = analysed.select(F.min("article.date_publish")).first()
        since = earliest[0] if earliest is not None else None
        stories = self.stories().where(F.col("merged_into").isNull())
        if since is not None:
            horizon = _utc(since) - OnlineClusterer().window
            stories = stories.where(
                F.col("last_seen").isNull() | (F.to_timestamp("last_seen") >= F.lit(horizon))
            )
        states = tuple(row.state for row in stories.select("state").collect())
        df = {
            row.key: int(row.documents)
            for row in self.table(tables.TERMS)
            .groupBy("key")
            .agg(F.sum("documents").alias("documents"))
            .collect()
        }
        articles = self.table(tables.ARTICLES)
        documents = articles.count()
        newest_row = articles.select(F.max("date_publish")).first()
        newest = newest_row[0] if newest_row is not None else None
        return EarlierState(
            states,
            df,
            documents,
            _utc(newest).isoformat() if newest is not None else None,
        )

    def with_earlier_sizes(self, story_table: DataFrame, merges: DataFrame) -> DataFrame:
        """Sizes so far: this run's articles, the story's earlier ones, and those of earlier
        stories merged into it in this run."""
        earlier = self.stories().select("id", "size")
        absorbed = merges.join(earlier.withColumnRenamed("id", "from_id"), "from_id").select(
            F.col("into_id").alias("id"), "size"
        )
        before = earlier.unionByName(absorbed).groupBy("id").agg(F.sum("size").alias("before"))
        return (
            story_table.join(before, "id", "left")
            .withColumn("size", F.col("size") + F.coalesce("before", F.lit(0)))
            .drop("before")
        )

    def merged_rows(self, merges: DataFrame) -> DataFrame:
        """Earlier stories that this run's articles showed to be part of another."""
        return (
            self.stories()
            .join(merges.withColumnRenamed("from_id", "id"), "id")
            .withColumn("merged_into", F.col("into_id"))
            .select(
                "id",
                "label",
                "keywords",
                "entities",
                "first_seen",
                "last_seen",
                "state",
                "size",
                "merged_into",
                "day",
            )
        )

    def members(self) -> DataFrame:
        """Earlier articles and the story each is in now (merges followed one step)."""
        current = self.stories().select("id", "merged_into")
        members = self.table(tables.STORY_ARTICLES).select("article_id", "story_id")
        return members.join(current, members.story_id == current.id, "left").select(
            "article_id", F.coalesce("merged_into", "story_id").alias("story_id")
        )

    def articles(self) -> DataFrame:
        frame = self.table(tables.ARTICLES)
        return frame.select(
            F.col("id").alias("article_id"),
            F.struct(*ARTICLE.names).alias("article"),
            "run",
            F.lit(0).alias("file_index"),
            F.lit(0).alias("position"),
        )


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.astimezone(UTC)


def _comparisons(
    spark: SparkSession,
    membership: DataFrame,
    analysed: DataFrame,
    earlier: _Earlier | None,
    max_compared: int,
) -> DataFrame:
    """A comparison record per story this run touched, over its first `max_compared` articles
    in the order the laptop lists them (publication time, then arrival)."""
    members = membership.select("article_id", "story_id")
    articles = analysed.select("article_id", "article", "run", "file_index", "position")
    if earlier is not None:
        touched = members.select("story_id").distinct()
        members = members.unionByName(earlier.members().join(touched, "story_id"))
        articles = articles.unionByName(earlier.articles())
    joined = members.join(articles, "article_id")

    def compared(group: tuple[str, Iterable[Row]]) -> tuple[str, str, str]:
        story_id, rows = group
        ordered = sorted(
            rows,
            key=lambda row: (
                row.article.date_publish is None,
                _utc(row.article.date_publish) if row.article.date_publish else _EPOCH,
                row.run,
                row.file_index,
                row.position,
            ),
        )
        chosen = [article_from_record(row.article.asDict()) for row in ordered[:max_compared]]
        record = compare_articles(chosen, story_id).comparison.to_json()  # the stored form
        return story_id, comparison_key(chosen), json.dumps(record, ensure_ascii=False)

    grouped = joined.rdd.map(lambda row: (row.story_id, row)).groupByKey().map(compared)
    return spark.createDataFrame(grouped, COMPARISON)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
