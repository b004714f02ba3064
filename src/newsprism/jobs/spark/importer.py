"""`newsprism import-parquet DIR`: (a selection of) the Spark job's tables into a store, so the
laptop's web app can browse a story found at scale. pyarrow only; no Spark needed.

Only committed runs count (those in the `runs` table); for stories and comparisons the latest
run's row is current. The selection is by day (the articles' partitions) and/or by story:
a story brings all its articles, whatever their day.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds

from newsprism.compare.stored import ComparisonDrawer, drawing_of
from newsprism.dedup.minhash import METHOD
from newsprism.errors import ConfigError, RejectReason, StaleRecord
from newsprism.ingest.newsplease import article_from_newsplease
from newsprism.jobs.spark import tables
from newsprism.model import Article, ArticleSource, Comparison, Reject
from newsprism.model.story import Story
from newsprism.store.base import NearDuplicate, Store
from newsprism.store.spans import annotations_from_rows


@dataclass(frozen=True, slots=True)
class ImportSelection:
    since: str | None = None  # first day, YYYY-MM-DD
    until: str | None = None  # last day
    stories: tuple[str, ...] = ()  # story ids; empty: every story of the selected days


@dataclass(slots=True)
class ImportReport:
    runs: list[int] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def import_parquet(
    store: Store,
    directory: str | Path,
    selection: ImportSelection | None = None,
    draw: ComparisonDrawer | None = None,
) -> ImportReport:
    selection = selection or ImportSelection()
    root = Path(directory)
    runs = _committed_runs(root)
    report = ImportReport(runs=runs)
    if not runs:
        return report
    run_id = store.begin_run("import-parquet", [str(root)])
    status = "failed"
    try:
        stories = _current(_table(root, tables.STORIES, runs), "id")
        members = _table(root, tables.STORY_ARTICLES, runs)
        merged_into = {r["id"]: r["merged_into"] for r in stories.values() if r["merged_into"]}
        for row in members:
            row["story_id"] = _resolve(row["story_id"], merged_into)
        chosen = _chosen_articles(root, runs, selection, members)
        chosen_stories = {m["story_id"] for m in members if m["article_id"] in chosen}
        with store.transaction():
            _articles(store, root, runs, chosen, run_id, report)
            for story_id in sorted(chosen_stories):
                current = stories.get(story_id)
                if current is not None:
                    store.save_story(_story(current), current["state"])
                    report.counts["stories"] += 1
            for member in members:
                if member["article_id"] in chosen and member["story_id"] in stories:
                    store.add_story_article(
                        member["article_id"], member["story_id"], member["score"]
                    )
            for from_id, into_id in sorted(merged_into.items()):
                if into_id in chosen_stories and from_id in stories:
                    store.save_story(_story(stories[from_id]), None)
                    store.merge_stories(from_id, _resolve(into_id, merged_into))
            comparisons = _current(
                _table(root, tables.COMPARISONS, runs, optional=True), "story_id"
            )
            for story_id, row in sorted(comparisons.items()):
                if story_id in chosen_stories:
                    try:
                        comparison = Comparison.from_json(json.loads(row["record"]))
                    except StaleRecord:
                        # A run of a release with another format wrote it: left out, the story
                        # is compared afresh when shown (and stored by the next ingest).
                        report.counts["stale_comparisons"] += 1
                        continue
                    articles = [store.article(m.article_id) for m in store.story_articles(story_id)]
                    drawn = drawing_of(draw, comparison, articles, story_id)
                    store.save_comparison(story_id, row["articles"], comparison, drawn)
                    report.counts["comparisons"] += 1
            _terms(store, root, runs)
            for row in _table(root, tables.REJECTS, runs):
                reason = RejectReason(row["reason"])
                store.add_reject(
                    Reject(row["source"], reason, row["detail"], row["locator"]), run_id
                )
                report.counts["rejects"] += 1
        with store.transaction():
            # the user's corrections stay on top of the stories the job found
            report.counts["edits reapplied"] = store.apply_user_edits()
        status = "done"
        return report
    finally:
        store.finish_run(run_id, status, dict(report.counts))


def _committed_runs(root: Path) -> list[int]:
    if not (root / tables.RUNS).is_dir():
        raise ConfigError(
            f"{root} holds no {tables.RUNS} table: not the output of `newsprism spark run` "
            "(or no run finished there)"
        )
    return sorted(
        int(run)
        for run in table_dataset(root, tables.RUNS).to_table(columns=["run"])["run"].to_pylist()
    )


def table_dataset(root: Path, name: str) -> ds.Dataset:
    """One table of the output as a pyarrow dataset, with its partition column typed."""
    column = ("run", pa.int64()) if name in tables.BY_RUN else ("day", pa.string())
    partitioning = ds.partitioning(pa.schema([column]), flavor="hive")
    return ds.dataset(root / name, format="parquet", partitioning=partitioning)


def _table(
    root: Path,
    name: str,
    runs: Sequence[int],
    optional: bool = False,
    where: Any = None,
    columns: list[str] | None = None,
) -> list[dict[str, Any]]:
    """A table's rows of committed runs (matching `where`)."""
    path = root / name
    if not path.is_dir():
        if optional:
            return []
        raise ConfigError(f"{path} is missing: the output folder is incomplete")
    condition = ds.field("run").isin(list(runs))
    if where is not None:
        condition = condition & where
    dataset = table_dataset(root, name)
    if "run" not in dataset.schema.names:  # Spark wrote no rows to it, only the folder
        return []
    table: pa.Table = dataset.to_table(columns=columns, filter=condition)
    return table.to_pylist()  # type: ignore[no-any-return]


def _current(rows: Iterable[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    """The latest run's row per key."""
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        held = latest.get(row[key])
        if held is None or row["run"] > held["run"]:
            latest[row[key]] = row
    return latest


def _resolve(story_id: str, merged_into: dict[str, str]) -> str:
    seen = set()
    while story_id in merged_into and story_id not in seen:
        seen.add(story_id)
        story_id = merged_into[story_id]
    return story_id


def _chosen_articles(
    root: Path, runs: Sequence[int], selection: ImportSelection, members: list[dict[str, Any]]
) -> set[str]:
    if selection.stories:
        wanted = set(selection.stories)
        return {m["article_id"] for m in members if m["story_id"] in wanted}
    condition = None
    if selection.since:
        condition = ds.field("day") >= selection.since
    if selection.until:
        upto = ds.field("day") <= selection.until
        condition = upto if condition is None else condition & upto
    if condition is not None:
        condition = condition & (ds.field("day") != tables.UNDATED)
    found = _table(root, tables.ARTICLES, runs, where=condition, columns=["id"])
    return {row["id"] for row in found}


def _articles(
    store: Store,
    root: Path,
    runs: Sequence[int],
    chosen: set[str],
    run_id: int,
    report: ImportReport,
) -> None:
    ids = sorted(chosen)
    imported: dict[str, Article] = {}
    only = ds.field("id").isin(ids)
    entries: list[tuple[Article, ArticleSource]] = []
    for row in _table(root, tables.ARTICLES, runs, where=only):
        article = article_from_newsplease(row)  # naive Parquet timestamps are UTC
        imported[article.id] = article
        source = ArticleSource(article.id, article.url, article.outlet, article.source_path)
        entries.append((article, source))
        report.counts["articles"] += 1
    by_article = ds.field("article_id").isin(ids)
    for row in _table(root, tables.SOURCES, runs, where=by_article):
        source = ArticleSource(
            row["article_id"], row["url"], row["outlet"], row["source_path"], row["locator"]
        )
        entries.append((imported[row["article_id"]], source))
    store.add_articles(entries, run_id)  # one batch: the search index is filled once
    spans: dict[str, list[tuple[str, int, int, str | None, str]]] = {}
    for row in _table(root, tables.SPANS, runs, where=by_article):
        spans.setdefault(row["article_id"], []).append(
            (row["layer"], row["start"], row["end"], row["label"], row["attrs"])
        )
    for article_id, rows in sorted(spans.items()):
        annotations = annotations_from_rows(article_id, rows)
        if annotations is not None:
            store.add_annotations(annotations)
    store.add_signatures(
        [
            (row["article_id"], row["minhash"], list(enumerate(row["buckets"])))
            for row in _table(root, tables.SIGNATURES, runs, where=by_article)
        ]
    )
    links = [
        NearDuplicate(
            row["article_id"], row["duplicate_of"], row["jaccard"], METHOD, row["containment"]
        )
        for row in _table(root, tables.NEAR_DUPLICATES, runs, where=by_article)
        if row["duplicate_of"] in chosen
    ]
    store.add_near_duplicates(links)
    report.counts["near_duplicates"] += len(links)


def _terms(store: Store, root: Path, runs: Sequence[int]) -> None:
    """Document frequencies and counts, so that local ingest continues the stories."""
    counts: Counter[str] = Counter()
    for row in _table(root, tables.TERMS, runs):
        counts[row["key"]] += int(row["documents"])
    store.add_term_frequencies(counts)
    meta = store.cluster_meta()
    stored = len(_table(root, tables.ARTICLES, runs, columns=["id"]))
    documents = int(meta.get("documents", "0")) + stored
    store.set_cluster_meta({"documents": str(documents)})


def _story(row: dict[str, Any]) -> Story:
    return Story(
        id=row["id"],
        articles=(),
        first_seen=datetime.fromisoformat(row["first_seen"]) if row["first_seen"] else None,
        last_seen=datetime.fromisoformat(row["last_seen"]) if row["last_seen"] else None,
        label=row["label"] or "",
        keywords=tuple(row["keywords"] or ()),
        entities=tuple(row["entities"] or ()),
    )
