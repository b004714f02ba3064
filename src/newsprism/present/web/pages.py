"""What each page of the web app shows, as plain records: the JSON twin of every HTML page.

These functions take a read-only store and return JSON-ready dicts; the routes render the same
record through a template (HTML) or send it as it is (JSON). Nothing here knows about HTTP.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.kind import kind_basis_text
from newsprism.compare.blindspots import OutletGroups, blindspots, story_coverage
from newsprism.compare.framing import frame_article
from newsprism.compare.stored import compare_stored, current_comparison, story_key
from newsprism.model.annotations import Annotations
from newsprism.model.article import Article
from newsprism.model.comparison import Comparison, DrawnComparison, Framing
from newsprism.model.edits import UserEdit
from newsprism.model.story import Story, StoryArticle
from newsprism.present.comparison_json import comparison_record
from newsprism.present.records import (
    article_page_record,
    iso,
    search_hit_record,
    story_page_record,
    story_summary_record,
)
from newsprism.present.spans import span_record
from newsprism.present.web.cache import LRUCache
from newsprism.present.web.drawing import draw_comparison, drawn_by, sealed
from newsprism.store import SQLiteStore
from newsprism.store.browse import StoryQuery
from newsprism.store.sqlite import search_text
from newsprism.store.watch import FeedState

# Private-use characters mark search hits in snippets; the view turns them into <mark>.
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
PER_PAGE = 25
# The analysis models are shared by the whole process: one analysis at a time.
ANALYSIS_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """The stories page's query string, checked."""

    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    group: str | None = None
    language: str | None = None
    page: int = 1
    per_page: int = PER_PAGE

    def query(self, groups: OutletGroups) -> StoryQuery:
        outlets: set[str] = set()
        if self.outlet:
            outlets.add(self.outlet)
        if self.group:
            members = {o for o, g in groups.groups_of.items() if self.group in g}
            # An unknown group matches nothing rather than everything.
            outlets |= members or {"\0no outlet\0"}
        return StoryQuery(
            since=None if self.since is None else datetime.combine(self.since, time(), UTC),
            until=None
            if self.until is None
            else datetime.combine(self.until + timedelta(days=1), time(), UTC),
            outlets=frozenset(outlets),
            language=self.language or None,
        )

    def as_record(self) -> dict[str, Any]:
        return {
            "since": None if self.since is None else self.since.isoformat(),
            "until": None if self.until is None else self.until.isoformat(),
            "outlet": self.outlet,
            "group": self.group,
            "language": self.language,
            "page": self.page,
            "per_page": self.per_page,
        }


def groups_of_store(store: SQLiteStore, configured: OutletGroups | None) -> OutletGroups:
    """Groups from the --groups file, else those recorded in the database."""
    return configured if configured is not None else OutletGroups(store.stored_groups())


def stories_page(store: SQLiteStore, filters: StoryFilters, groups: OutletGroups) -> dict[str, Any]:
    query = filters.query(groups)
    offset = (filters.page - 1) * filters.per_page
    with store.snapshot():
        total = store.count_stories(query)
        summaries = store.story_summaries(query, filters.per_page, offset)
        outlets = store.outlet_names()
        languages = store.languages()
    return {
        "stories": [story_summary_record(s, groups) for s in summaries],
        "total": total,
        "pages": max(1, -(-total // filters.per_page)),
        "filters": filters.as_record(),
        "choices": {
            "outlets": outlets,
            "groups": sorted(groups.groups),
            "languages": languages,
        },
    }


@dataclass(frozen=True, slots=True)
class StoryHead:
    """What a story page shows besides the comparison: the story, its articles and the
    corrections that shaped it, read in one snapshot."""

    story: Story
    requested_id: str
    merged: tuple[str, ...]  # ids of stories merged into this one
    members: tuple[StoryArticle, ...]
    articles: tuple[Article, ...]
    edits: tuple[UserEdit, ...]
    key: tuple[str, str]  # the story and its articles (with corrections): what the page shows

    def record(self, groups: OutletGroups, comparison: dict[str, Any] | None) -> dict[str, Any]:
        return story_page_record(
            self.story,
            self.requested_id,
            self.merged,
            self.members,
            self.articles,
            groups,
            comparison,
            self.edits,
        )


@dataclass(frozen=True, slots=True)
class Compared:
    """A story's comparison and its JSON twin, made once per version of the story."""

    comparison: Comparison
    record: dict[str, Any]


def story_head(store: SQLiteStore, story_id: str) -> StoryHead:
    with store.snapshot():
        story = store.story(story_id)
        members = tuple(store.story_articles(story.id))
        articles = tuple(store.article(member.article_id) for member in members)
        merged = tuple(
            old for old, _ in store.story_merges() if store.resolve_story_id(old) == story.id
        )
        edits = tuple(store.story_edits(story.id))
        key = (story.id, story_key(store, articles))
    return StoryHead(story, story_id, merged, members, articles, edits, key)


def story_compared(
    store: SQLiteStore, head: StoryHead, comparisons: LRUCache[Compared]
) -> Compared:
    """The comparison of this version of the story: the writer's, else compared now (once)."""

    def compare() -> Compared:
        with store.snapshot():
            comparison = current_comparison(store, head.story.id, head.articles)
        if comparison is None:
            # The story changed since the writer compared it (or it never did, or an older
            # release stored it in another format): compare now, with the sentence vectors
            # the writer stored (a reader cannot add any: the new ones are encoded, not kept).
            with ANALYSIS_LOCK:
                comparison = compare_stored(store, head.articles, head.story.id).comparison
        return Compared(comparison, comparison_record(comparison, head.articles))

    return comparisons.get(head.key, compare)


def story_drawing(
    store: SQLiteStore,
    head: StoryHead,
    comparisons: LRUCache[Compared],
    drawings: LRUCache[DrawnComparison],
    generation: int,
    key: bytes | None,
) -> DrawnComparison:
    """The comparison drawn as the story page shows it: the writer's drawing while it is of
    this version of the story and by this code (no parsing, no drawing), else drawn now.
    `generation` (`Site.version`): a drawing kept from before a commit is not used after it
    (`reanalyse` stores new ones for the same articles). `key`: the database's drawing key; a
    stored drawing not sealed with it is never sent (HTML a database brought along)."""

    def draw() -> DrawnComparison:
        stored = store.stored_drawing(head.story.id)
        if (
            stored is not None
            and stored[0] == head.key[1]
            and stored[1].drawn_by == drawn_by()
            and sealed(stored[1], key)
        ):
            return stored[1]
        return draw_comparison(story_compared(store, head, comparisons).comparison, head.articles)

    return drawings.get((head.key, generation), draw)


def story_page(
    store: SQLiteStore,
    story_id: str,
    groups: OutletGroups,
    comparisons: LRUCache[Compared],
) -> dict[str, Any]:
    """The story page's JSON twin: the story, its articles and its comparison."""
    head = story_head(store, story_id)
    return head.record(groups, story_compared(store, head, comparisons).record)


@dataclass(frozen=True, slots=True)
class ArticleView:
    record: dict[str, Any]
    article: Article
    annotations: Annotations
    framing: Framing


def article_page(
    store: SQLiteStore, article_id: str, analyses: LRUCache[tuple[Annotations, Framing]]
) -> ArticleView:
    with store.snapshot():
        article = store.article(article_id)
        annotations = store.annotations(article.id)
        sources = store.sources(article.id)
        links = store.near_duplicates(article.id)
        failures = store.rejects(article_id=article.id)  # stages that failed on it
        story_id = store.story_of(article.id)
        story = store.story(story_id) if story_id else None
        # Each link with the article at its other end.
        linked = [
            (
                link,
                store.article(link.copy_of if link.article_id == article.id else link.article_id),
            )
            for link in links
        ]

    def analyse() -> tuple[Annotations, Framing]:
        # Evaluative words need tokens and lemmas, which are not stored: analyse once, cache.
        document, found = analyse_articles([article])[0]
        return found, frame_article(article, document)

    analysed, framing = analyses.get(article.id, analyse)
    # What ingest stored wins; an article ingested with --no-analyse shows this view's analysis.
    annotations = annotations or analysed
    # What is stored about it (as `article ID --json`), then what this page analysed.
    record = {
        **article_page_record(article, annotations, sources, linked, failures, story),
        "evaluative": [
            {
                **span_record(article.text, w.span),
                "polarity": w.polarity,
                "lexicon": w.lexicon,
                "why": w.why,
            }
            for w in framing.evaluative
        ],
        "framing": {
            "kind": framing.kind.value,
            "kind_basis": kind_basis_text(framing.kind, annotations.kind, annotations.kind_basis)
            or kind_basis_text(framing.kind, analysed.kind, analysed.kind_basis),
            "evidence": [span_record(article.text, s) for s in framing.evidence],
            "tone": framing.tone,
        },
    }
    return ArticleView(record, article, annotations, framing)


def feed_record(state: FeedState, per_day: float) -> dict[str, Any]:
    return {
        "url": state.url,
        "kind": state.kind,
        "last_success": iso(state.last_success),
        "last_error": state.last_error,
        "last_error_at": iso(state.last_error_at),
        "failures_in_a_row": state.failures,
        "articles": state.articles,
        "articles_per_day": round(per_day, 2),
        "healthy": state.failures == 0 and state.last_success is not None,
    }


def outlets_page(store: SQLiteStore, groups: OutletGroups) -> dict[str, Any]:
    with store.snapshot():
        profiles = store.outlet_profiles()
        # Feed health, when a watcher follows feeds on this database.
        per_day = store.articles_per_day()
        feeds: dict[str, list[dict[str, Any]]] = {}
        for state in store.feed_states():
            record = feed_record(state, per_day.get(state.url, 0.0))
            feeds.setdefault(state.outlet or "", []).append(record)
    return {
        "outlets": [
            {
                "name": p.name,
                "host": p.host,
                "groups": sorted(set(p.groups) | set(groups.groups_of.get(p.name, ()))),
                "articles": p.articles,
                "kinds": p.kinds,
                "stories": p.stories,
                "recent_stories": [{"id": i, "label": label} for i, label in p.recent_stories],
                "speakers": [{"name": n, "quotes": q} for n, q in p.speakers],
                "feeds": feeds.get(p.name, []),
            }
            for p in profiles
        ]
    }


def blindspots_page(
    store: SQLiteStore, groups: OutletGroups, covered_by: str | None, ignored_by: str | None
) -> dict[str, Any]:
    with store.snapshot():
        stories = list(store.story_outlets())
    coverage = story_coverage(stories, groups)
    labels = {c.story_id: c.label for c in coverage}
    pairs = []
    for (covering, ignoring), ids in sorted(blindspots(coverage).items()):
        if covered_by and covering != covered_by:
            continue
        if ignored_by and ignoring != ignored_by:
            continue
        pairs.append(
            {
                "covered_by": covering,
                "ignored_by": ignoring,
                "count": len(ids),
                "stories": [{"id": i, "label": labels[i]} for i in ids],
            }
        )
    return {
        "groups": sorted(groups.groups),
        "outlets": {o: sorted(g) for o, g in sorted(groups.groups_of.items())},
        "selection": {"covered_by": covered_by, "ignored_by": ignored_by},
        "blindspots": pairs,
    }


def search_page(
    store: SQLiteStore, query: str, page: int, newest: bool = False, per_page: int = 20
) -> dict[str, Any]:
    sort = "newest" if newest else "relevance"
    # Without control characters: SQLite would read a NUL in the name pattern as its end (and
    # match every name), and the page echoes the query.
    query = search_text(query)
    if not query.strip():
        return {"query": query, "sort": sort, "page": page, "articles": [], "names": []}
    with store.snapshot():
        offset = (page - 1) * per_page
        hits = store.search(query, per_page, offset, (HIT_OPEN, HIT_CLOSE), newest)
        names = store.search_names(query.strip(), limit=10)
        naming = {
            (hit.name, hit.label): store.articles_naming(hit.name, hit.label) for hit in names
        }
        stories = {hit.article.id: store.story_of(hit.article.id) for hit in hits}
    return {
        "query": query,
        "sort": sort,
        "page": page,
        "articles": [search_hit_record(hit, stories[hit.article.id]) for hit in hits],
        "names": [
            {
                "name": hit.name,
                "label": hit.label,
                "articles": hit.articles,
                "mentions": hit.mentions,
                "quotes": hit.quotes,
                "top_articles": [
                    {"id": i, "outlet": o, "title": t} for i, o, t in naming[(hit.name, hit.label)]
                ],
            }
            for hit in names
        ],
        "marks": [HIT_OPEN, HIT_CLOSE],
    }
