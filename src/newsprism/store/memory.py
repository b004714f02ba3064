"""An in-memory `Store`: for tests, notebooks and jobs that write elsewhere at the end.

It keeps the same contract as `SQLiteStore` (idempotent articles, sources, rejects counted,
runs) without durability; search is a plain case-insensitive substring match.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime

from newsprism.dedup.memory import MemorySignatureIndex
from newsprism.errors import NotFound
from newsprism.model import Article, ArticleKind, ArticleSource, Reject
from newsprism.model.annotations import Annotations
from newsprism.model.edits import Corrections
from newsprism.store.base import NearDuplicate, RejectRecord, RunRecord, SearchHit
from newsprism.store.memory_stories import MemoryStories


class MemoryStore(MemorySignatureIndex, MemoryStories):
    def __init__(self) -> None:
        MemorySignatureIndex.__init__(self)
        MemoryStories.__init__(self)
        self._articles: dict[str, Article] = {}
        self._sources: dict[str, list[ArticleSource]] = {}
        self._links: dict[tuple[str, str], NearDuplicate] = {}
        self._rejects: dict[tuple[str, str, str], RejectRecord] = {}
        self._runs: list[RunRecord] = []
        self._annotations: dict[str, Annotations] = {}
        self._vectors: dict[str, bytes] = {}  # encoded sentences, by model and text hash

    @contextmanager
    def transaction(self) -> Iterator[None]:
        yield  # nothing to commit; a failure part-way leaves what was written

    def begin_run(self, command: str, args: Sequence[str]) -> int:
        run = RunRecord(
            len(self._runs) + 1, command, tuple(args), datetime.now(UTC), None, "running", {}
        )
        self._runs.append(run)
        return run.id

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        run = self._runs[run_id - 1]
        self._runs[run_id - 1] = replace(
            run, finished_at=datetime.now(UTC), status=status, counts=dict(counts)
        )

    def runs(self) -> list[RunRecord]:
        return list(self._runs)

    def apply_user_edits(self) -> int:
        return 0  # corrections by hand live in SQLite databases; a memory store holds none

    def speaker_corrections(self, article_ids: Sequence[str]) -> dict[str, dict[int, str | None]]:
        return {}

    def corrections(self, article_ids: Sequence[str]) -> Corrections:
        return Corrections()

    def add_annotations(self, annotations: Annotations) -> None:
        before = self._annotations.get(annotations.article_id)
        self._annotations[annotations.article_id] = annotations
        article = self._articles.get(annotations.article_id)
        if article is None or annotations.kind is None:
            return
        # As in SQLite: a kind the source declared stays; an unknown or decided one is replaced.
        decided_before = before.kind if before is not None else None
        if article.kind in (ArticleKind.UNKNOWN, decided_before):
            self._articles[article.id] = replace(article, kind=annotations.kind)

    def annotations(self, article_id: str) -> Annotations | None:
        return self._annotations.get(article_id)

    def add_article(self, article: Article, source: ArticleSource, run_id: int | None) -> bool:
        is_new = article.id not in self._articles
        if is_new:
            self._articles[article.id] = article
        sources = self._sources.setdefault(article.id, [])
        key = (source.url, source.outlet, source.source_path)
        if all((s.url, s.outlet, s.source_path) != key for s in sources):
            sources.append(source)
        return is_new

    def add_articles(
        self, entries: Sequence[tuple[Article, ArticleSource]], run_id: int | None
    ) -> list[bool]:
        return [self.add_article(article, source, run_id) for article, source in entries]

    def has_article(self, article_id: str) -> bool:
        return article_id in self._articles

    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        return {article_id for article_id in article_ids if article_id in self._articles}

    def article(self, article_id: str) -> Article:
        try:
            return self._articles[article_id]
        except KeyError:
            raise NotFound("article", article_id) from None

    def articles(
        self, *, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Article]:
        chosen = [a for a in self._articles.values() if outlet is None or a.outlet == outlet]
        end = None if limit is None else offset + limit
        yield from chosen[offset:end]

    def count_articles(self) -> int:
        return len(self._articles)

    def sources(self, article_id: str) -> list[ArticleSource]:
        return list(self._sources.get(article_id, []))

    def add_near_duplicate(self, link: NearDuplicate) -> None:
        self._links.setdefault((link.article_id, link.copy_of), link)

    def add_near_duplicates(self, links: Sequence[NearDuplicate]) -> None:
        for link in links:
            self.add_near_duplicate(link)

    def near_duplicates(self, article_id: str | None = None) -> list[NearDuplicate]:
        return [
            link
            for link in self._links.values()
            if article_id is None or article_id in (link.article_id, link.copy_of)
        ]

    def add_reject(self, reject: Reject, run_id: int | None) -> None:
        key = (reject.source, reject.locator or "", reject.reason.value)
        now = datetime.now(UTC)
        known = self._rejects.get(key)
        if known is None:
            self._rejects[key] = RejectRecord(reject, now, now, 1, run_id)
        else:
            self._rejects[key] = replace(
                known, reject=reject, last_seen=now, times=known.times + 1, run_id=run_id
            )

    def rejects(
        self, run_id: int | None = None, article_id: str | None = None
    ) -> list[RejectRecord]:
        return [
            r
            for r in self._rejects.values()
            if (run_id is None or r.run_id == run_id)
            and (article_id is None or r.reject.article_id == article_id)
        ]

    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        marks: tuple[str, str] = ("[", "]"),
        newest: bool = False,
    ) -> list[SearchHit]:
        needle = query.casefold()
        hits = []
        for article in list(self._articles.values())[offset:]:
            haystack = f"{article.title or ''}\n{article.text}".casefold()
            position = haystack.find(needle)
            if position >= 0:
                start = max(0, position - 40)
                hits.append(SearchHit(article, haystack[start : position + len(needle) + 40]))
            if len(hits) >= limit:
                break
        return hits

    def vectors(self, keys: Iterable[str]) -> dict[str, bytes]:
        return {key: self._vectors[key] for key in keys if key in self._vectors}

    def add_vectors(self, items: Mapping[str, bytes]) -> None:
        self._vectors.update(items)

    def close(self) -> None:
        pass
