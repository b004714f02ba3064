"""One run's writer: found articles in, stored, analysed and filed into stories, in batches.

Each batch is one transaction, so a killed run loses at most the batch in hand, and running
the same command again completes it: content ids make every write idempotent. A stage that
fails on one article is that article's outcome (a reject naming it), never the batch's end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.document import Document
from newsprism.cluster.embeddings import Embedder
from newsprism.cluster.tracker import StoryTracker
from newsprism.compare.stored import ComparisonDrawer, refresh_comparisons
from newsprism.dedup import NearDuplicateDetector
from newsprism.dedup.minhash import Signature
from newsprism.errors import RejectReason, StageFailed, StoreError
from newsprism.ingest.normalise import with_language
from newsprism.ingest.records import DEFAULT_MAX_BYTES, FoundArticle, ReaderItem
from newsprism.ingest.sources import InputFile, PageFetcher
from newsprism.model import Article, ArticleSource, Reject, printable
from newsprism.run.prepare import (
    Failed,
    Prepared,
    PreparedItem,
    PrepareSettings,
    failure_detail,
    prepare,
    stage_reject,
)
from newsprism.store.base import Store

DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class IngestOptions:
    outlet: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 500
    batch_seconds: float = 2.0
    near_duplicate_threshold: float = DEFAULT_NEAR_DUPLICATE_THRESHOLD
    analyse: bool = True  # sentences, entities, quotes as the articles go in
    cluster: bool = True  # stories as the articles go in (needs analyse)
    embedder: Embedder | None = None  # optional sentence embeddings for the clusterer
    compare: bool = False  # store each changed story's comparison (needs cluster; costs time)
    draw: ComparisonDrawer | None = None  # with compare: store it drawn as the story page shows it
    fetcher: PageFetcher | None = None  # reads URL arguments (the CLI passes watch's Fetcher)
    gate: bool = True  # reject what is no article (shops, index pages) or too short to be one
    # Processes preparing large inputs' articles beside the writer (normalising, signatures);
    # 0: all in the writer's process. Small inputs are always prepared in-process. 0 unless
    # asked (`ingest --workers`, whose default is `default_workers()`): a spawned worker runs
    # the caller's main module again, which a script without a `__main__` guard does not
    # survive.
    workers: int = 0


class IngestProgress(Protocol):
    """What the command line shows; the pipeline itself prints nothing."""

    def start(self, total_files: int, total_bytes: int) -> None: ...

    def file_done(self, input_file: InputFile, report: IngestReport) -> None: ...

    def batch_done(self, report: IngestReport) -> None:
        """After each commit: counts move even inside one large JSONL or WARC file."""
        ...


@dataclass(slots=True)
class IngestReport:
    run_id: int
    files: int = 0
    ingested: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    analysed: int = 0
    stories_opened: int = 0
    stories_touched: int = 0
    stories_merged: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    rejects: list[Reject] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        """0 when everything went in, 1 when anything was rejected."""
        return 1 if self.rejects else 0

    def counts(self) -> dict[str, int]:
        return {
            "files": self.files,
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "analysed": self.analysed,
            "stories_opened": self.stories_opened,
            "stories_touched": self.stories_touched,
            "stories_merged": self.stories_merged,
            "rejected": len(self.rejects),
        }

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            **self.counts(),
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "rejects": [
                {
                    "source": r.source,
                    "locator": r.locator,
                    "reason": r.reason.value,
                    "detail": r.detail,
                }
                for r in self.rejects
            ],
        }


class Ingestor:
    """One run's writer: stores found articles (dedup by id, near-duplicate links), analyses
    them and files them into stories. `ingest` feeds it batches read from files; `watch`
    feeds it pages fetched from the web, one at a time."""

    def __init__(self, store: Store, options: IngestOptions, run_id: int) -> None:
        self.store = store
        self.options = options
        self.report = IngestReport(run_id=run_id)
        self.detector = NearDuplicateDetector(store, threshold=options.near_duplicate_threshold)
        self.tracker = (
            StoryTracker(store, embedder=options.embedder)
            if options.cluster and options.analyse
            else None
        )
        self.touched: set[str] = set()
        self.changed: set[str] = set()  # stories touched since their comparisons were stored

    def prepare_settings(self, ahead: bool) -> PrepareSettings:
        """How `run/prepare.py` prepares this run's articles; `ahead`: their languages and
        signatures too (in a worker process, where it costs the writer nothing)."""
        signer = self.detector.signer if ahead else None
        return PrepareSettings(self.options.outlet, self.options.gate, signer)

    def add(self, items: Sequence[ReaderItem]) -> list[Article]:
        """Store a batch in one transaction (joining the caller's, if any); the new articles."""
        return self.add_prepared(prepare(items, self.prepare_settings(ahead=False)))

    def add_prepared(self, items: Sequence[PreparedItem]) -> list[Article]:
        """Store a prepared batch (`run/prepare.py`) in one transaction (joining the caller's,
        if any); the new articles.

        The batch goes to the store whole (one statement per table, the search index filled
        once, the near-duplicate index asked once): per-article round trips were most of
        ingest's time."""
        with self.store.transaction():
            found = self._normalised(items)
            new = self._store(found)
            self._link_near_duplicates(found, new)
            new_articles = [article for _, article in new]
            if self.options.analyse and new_articles:
                self._analyse_and_cluster(new_articles)
                if self.tracker is not None:
                    self.changed.update(self.touched)
        return new_articles

    def _normalised(self, items: Sequence[PreparedItem]) -> list[Prepared]:
        """The batch's articles, normalised; what could not be one is listed as a reject."""
        normalised: list[Prepared] = []
        for item in items:
            if isinstance(item, Reject):
                self.reject(item)
            else:
                normalised.append(item)
        return normalised

    def _store(self, found: list[Prepared]) -> list[tuple[Prepared, Article]]:
        """Store the batch; the articles new to the store (a text seen before, in the store
        or earlier in the batch, only gains a source), each with its language."""
        stored = self.store.stored_ids(item.article.id for item in found)
        entries: list[tuple[FoundArticle, Article]] = []
        new: list[tuple[Prepared, Article]] = []
        duplicates = 0
        for item in found:
            article = item.article
            if article.id in stored:
                duplicates += 1
            else:
                located = item.located if item.located is not None else _located(item)
                if isinstance(located, Failed):  # this article's outcome, never the batch's
                    self.reject(stage_reject(item.found, located.detail))
                    continue
                article = located
                stored.add(article.id)
                new.append((item, article))
            entries.append((item.found, article))
        refused = self._add_entries(entries)
        if refused:
            new = [(item, article) for item, article in new if article.id not in refused]
            duplicates = len(entries) - len(new) - len(refused)
        self.report.duplicates += duplicates
        self.report.ingested += len(new)
        return new

    def _add_entries(self, entries: list[tuple[FoundArticle, Article]]) -> set[str]:
        """Store the batch in one go; should the store refuse it, entry by entry, listing the
        ones it refuses as rejects. The ids of those."""
        run_id = self.report.run_id
        try:
            self.store.add_articles([(a, _source(item, a)) for item, a in entries], run_id)
            return set()
        except StoreError:
            raise  # the database itself failed: no later article would fare better
        except Exception:  # one entry the store would not take: find it, keep the rest
            pass
        refused: set[str] = set()
        for item, article in entries:
            try:
                self.store.add_articles([(article, _source(item, article))], run_id)
            except StoreError:
                raise
            except Exception as error:
                self._failed(item, StageFailed("store", item.source_path, error))
                refused.add(article.id)
        return refused

    def _link_near_duplicates(
        self, found: list[Prepared], new: list[tuple[Prepared, Article]]
    ) -> None:
        """Near-duplicate links of the new articles; an article the stage fails on is stored
        and analysed all the same, only without copy links, and listed as a reject."""
        locators = {item.article.id: _locator(item.found) for item in found}
        signatures: list[Signature] = []
        keys: list[list[tuple[int, int]] | None] = []
        for item, article in new:
            signature = item.signature if item.signature is not None else self._signed(article)
            if isinstance(signature, Failed):
                self._dedup_failed(article, locators[article.id], signature.detail)
            else:
                signatures.append(signature)
                keys.append(item.buckets)
        buckets = [k for k in keys if k is not None]
        try:
            links = self.detector.insert_signatures(
                signatures, buckets if len(buckets) == len(signatures) else None
            )
        except StoreError:
            raise  # the database itself failed: no later article would fare better
        except Exception as error:  # nothing of the batch was indexed: each one is listed
            detail = StageFailed("dedup", "", error).detail
            articles = {article.id: article for _, article in new}
            for signature in signatures:
                article = articles[signature.article_id]
                self._dedup_failed(article, locators[article.id], detail)
            return
        found_links = [link for link in links if link is not None]
        self.store.add_near_duplicates(found_links)
        self.report.near_duplicates += len(found_links)

    def _signed(self, article: Article) -> Signature | Failed:
        try:
            return self.detector.signature(article.id, article.text)
        except Exception as error:  # this article's outcome, never the batch's end
            return Failed(StageFailed("dedup", article.id, error).detail)

    def _failed(self, item: FoundArticle, failed: StageFailed) -> None:
        self.reject(stage_reject(item, failed.detail))

    def _dedup_failed(self, article: Article, locator: str | None, detail: str) -> None:
        source = article.source_path or article.id
        self.reject(Reject(source, RejectReason.ANALYSIS_FAILED, detail, locator, article.id))

    def _analyse_and_cluster(self, articles: list[Article]) -> None:
        """Analysis and stories inside the batch's transaction: an article is never stored
        without them, except where a stage failed on it, which is then listed as a reject."""
        report = self.report
        for first in range(0, len(articles), ANALYSIS_SLICE):
            chunk = articles[first : first + ANALYSIS_SLICE]
            analysed = analyse_articles(chunk)
            for article, (document, found) in zip(chunk, analysed, strict=True):
                self.store.add_annotations(found)
                report.analysed += 1
                if document.failure is not None:
                    self.stage_failed(article, document.failure)
            if self.tracker is not None:
                self._cluster(chunk, [document for document, _ in analysed])

    def _cluster(self, articles: list[Article], documents: list[Document]) -> None:
        assert self.tracker is not None
        try:
            tracked = self.tracker.add(list(zip(articles, documents, strict=True)))
        except StoreError:
            raise
        except Exception as error:  # nothing of this slice was persisted: start afresh from
            # the store, so that the clusterer's memory agrees with what is committed
            for article in articles:
                self.stage_failed(article, StageFailed("cluster", article.id, error))
            self.tracker = StoryTracker(self.store, embedder=self.options.embedder)
            return
        for article_id, failure in tracked.failed:
            self.stage_failed(self.store.article(article_id), failure)
        self.report.stories_opened += tracked.opened
        self.report.stories_merged += tracked.merged
        self.touched.update(tracked.touched)
        self.report.stories_touched = len(self.touched)

    def stage_failed(self, article: Article, failure: StageFailed) -> None:
        """A stage failed on a stored article: list it, with the article's id and the stage."""
        source = article.source_path or article.url or article.id
        self.reject(Reject(source, RejectReason.ANALYSIS_FAILED, failure.detail, None, article.id))

    def compare_changed(self) -> int:
        """Store fresh comparisons of the stories changed since the last call (the web app
        serves them without analysing); how many stories were compared. What failed is listed
        as rejects: the article left out, or the story."""
        if not self.options.compare or not self.changed:
            return 0
        changed = len(self.changed)
        failures = refresh_comparisons(self.store, self.changed, self.options.draw)
        self.changed.clear()
        with self.store.transaction():
            for failure in failures:
                if self.store.has_article(failure.subject):
                    self.stage_failed(self.store.article(failure.subject), failure)
                else:
                    self.reject(
                        Reject(
                            f"story {failure.subject}",
                            RejectReason.ANALYSIS_FAILED,
                            failure.detail,
                        )
                    )
        return changed

    def reject(self, reject: Reject) -> None:
        _reject(self.store, self.report, reject)


# Articles analysed at a time inside a batch: the analysed documents of a whole batch of 500
# would hold several hundred MiB; analysing in slices keeps the batch transaction as it is.
ANALYSIS_SLICE = 100


def _located(item: Prepared) -> Article | Failed:
    """The article with its language (`with_language` of this module, which tests replace)."""
    try:
        return with_language(item.article, item.found)
    except Exception as error:  # this article's outcome, never the batch's end
        return Failed(failure_detail("normalise", item.found, error))


def _reject(store: Store, report: IngestReport, reject: Reject) -> None:
    store.add_reject(reject, report.run_id)
    report.rejects.append(reject)
    report.rejected[reject.reason.value] += 1


def _locator(found: FoundArticle) -> str | None:
    return printable(found.locator) if found.locator is not None else None


def _source(found: FoundArticle, article: Article) -> ArticleSource:
    return ArticleSource(
        article.id, article.url, article.outlet, article.source_path, _locator(found)
    )
