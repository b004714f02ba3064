"""The Parquet tables the Spark job writes and `import-parquet` reads: names and conventions.

Every table has a `day` partition column (``YYYY-MM-DD`` of the article's publication date,
else its fetch date, else ``undated``) and a `run` column (the job run that wrote the row).
Tables only ever grow: a later run (the incremental mode) appends. For `stories` and
`comparisons`, which change as stories grow, the row of the latest run is the current one.
"""

from __future__ import annotations

from datetime import UTC, datetime

ARTICLES = "articles"  # the news-please codec's columns (ingest.newsplease) + day, run
SOURCES = "sources"  # every place each article was seen: url, outlet, source_path, locator
SPANS = "spans"  # layer (sentence | entity | quote | analysis), start, end, label, attrs JSON
SIGNATURES = "signatures"  # MinHash values and LSH buckets, for later runs' dedup
NEAR_DUPLICATES = "near_duplicates"  # article_id -> duplicate_of, jaccard, containment, group
STORIES = "stories"  # id, label, keywords, entities, first/last seen, size, state JSON
STORY_ARTICLES = "story_articles"  # article_id -> story_id, score
COMPARISONS = "comparisons"  # story_id, articles key, record JSON (as the web app's twin)
TERMS = "terms"  # document frequency of every term/name key among a run's new articles
REJECTS = "rejects"  # source, locator, reason, detail
RUNS = "runs"  # one row per run: inputs, parameters, counts

ALL_TABLES = (
    ARTICLES,
    SOURCES,
    SPANS,
    SIGNATURES,
    NEAR_DUPLICATES,
    STORIES,
    STORY_ARTICLES,
    COMPARISONS,
    TERMS,
    REJECTS,
    RUNS,
)
UNDATED = "undated"
BY_RUN = (TERMS, RUNS)  # partitioned by run; the others by day


def day_of(published: datetime | None, fetched: datetime | None = None) -> str:
    """The partition an article is filed under."""
    moment = published or fetched
    return moment.astimezone(UTC).date().isoformat() if moment is not None else UNDATED
