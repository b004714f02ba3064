"""Preparing batches for the writer: the pure per-article work (normalising, the content id, the
language, the MinHash signature and its band keys), in a second process when the input is large
enough to pay for it, while the writer stores the batch before.

The writer (`Ingestor.add_prepared`) decides everything that depends on the store: which article
is new, its near-duplicate links, the order of rejects. What is prepared here is what it would
otherwise compute itself, from the same functions, so the stored result is the same either way.
A batch the worker cannot prepare (its process died, a result would not pickle) is prepared in
the writer's process instead; nothing read is lost.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, fields
from multiprocessing.connection import wait
from operator import attrgetter

import numpy as np

from newsprism.dedup.minhash import MinHashSigner, Signature
from newsprism.errors import RejectReason, StageFailed
from newsprism.ingest.normalise import article_from_found, with_language
from newsprism.ingest.records import FoundArticle, ReaderItem
from newsprism.model import Article, Reject

log = logging.getLogger(__name__)

# Inputs smaller than this are prepared in the writer's process: starting a worker (a fresh
# interpreter importing the readers, about a second of the other core) pays only for hundreds
# of articles (6 KB of pre-extracted text each, about 300 of them here).
PARALLEL_MIN_BYTES = 2 * 1024 * 1024
# Batches read while the worker starts are prepared in-process rather than waited for; tests
# that must see the worker prepare set this.
WAIT_FOR_WORKER = False


def workers_for(total_bytes: int, workers: int) -> int:
    """The workers an input of `total_bytes` is worth: `workers` for a large one, else none."""
    return workers if total_bytes >= PARALLEL_MIN_BYTES else 0


def default_workers() -> int:
    """One worker beside the writer on a machine with two cores or more, none on one core."""
    return min(2, os.cpu_count() or 1) - 1


@dataclass(frozen=True, slots=True)
class Failed:
    """A stage failed on this article while it was prepared: the detail its reject will carry
    (the writer decides whether it is listed: only new articles get a language and a signature)."""

    detail: str


@dataclass(frozen=True, slots=True)
class PrepareSettings:
    outlet: str | None = None
    gate: bool = True
    # With a signer, the language and the signature are prepared for every article; without
    # one (in the writer's process), they are left to the writer, which needs them for new
    # articles only.
    signer: MinHashSigner | None = None


@dataclass(frozen=True, slots=True)
class Prepared:
    """A found article normalised; its language and signature when prepared ahead (None: left
    to the writer)."""

    found: FoundArticle
    article: Article
    located: Article | Failed | None = None  # `article` with its language
    signature: Signature | Failed | None = None
    buckets: list[tuple[int, int]] | None = None  # the signature's band keys


PreparedItem = Prepared | Reject


def prepare(items: Sequence[ReaderItem], settings: PrepareSettings) -> list[PreparedItem]:
    """Each item prepared, in order: a reader's reject as it is, a found article normalised, or
    the reject normalising gave (no text left, too short, the stage failed)."""
    prepared: list[PreparedItem] = []
    for item in items:
        if isinstance(item, Reject):
            prepared.append(item)
            continue
        try:
            article = article_from_found(item, settings.outlet, gate=settings.gate)
        except Exception as error:  # this article's outcome, never the batch's end
            prepared.append(stage_reject(item, failure_detail("normalise", item, error)))
            continue
        if isinstance(article, Reject):
            prepared.append(article)
        elif settings.signer is None:
            prepared.append(Prepared(item, article))
        else:
            prepared.append(_ahead(item, article, settings.signer))
    return prepared


def _ahead(found: FoundArticle, article: Article, signer: MinHashSigner) -> Prepared:
    located: Article | Failed
    try:
        located = with_language(article, found)
    except Exception as error:  # listed by the writer if the article is new
        located = Failed(failure_detail("normalise", found, error))
    signature: Signature | Failed
    buckets = None
    try:
        signature = signer.signature(article.id, article.text)
    except Exception as error:  # listed by the writer if the article is new
        signature = Failed(StageFailed("dedup", article.id, error).detail)
    else:
        try:
            buckets = signer.buckets(signature)
        except Exception:  # the writer computes them again, and fails where it always did
            buckets = None
    return Prepared(found, article, located, signature, buckets)


# What goes back from the worker: the article's fields (its text only where normalising changed
# it; the writer holds the found text), its language, the signature's bytes and size, the band
# keys as bytes. Pickling the objects themselves cost the writer as much as storing them.
_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
_TEXT = _ARTICLE_FIELDS.index("text")
_LANGUAGE = _ARTICLE_FIELDS.index("language")
_article_values = attrgetter(*_ARTICLE_FIELDS)
Packed = tuple[
    tuple[object, ...], str | Failed | None, tuple[bytes, int] | Failed | None, bytes | None
]


def _pack(item: PreparedItem) -> Packed | Reject:
    if isinstance(item, Reject):
        return item
    values = list(_article_values(item.article))
    if values[_TEXT] is item.found.text:
        values[_TEXT] = None
    located = item.located
    language = located.language if isinstance(located, Article) else located
    signature = item.signature
    signed = (
        (signature.values.tobytes(), signature.size)
        if isinstance(signature, Signature)
        else signature
    )
    keys = None
    if item.buckets is not None:
        keys = np.array([key for _, key in item.buckets], dtype=np.int64).tobytes()
    return tuple(values), language, signed, keys


def _unpack(found: ReaderItem, packed: Packed | Reject) -> PreparedItem:
    if isinstance(packed, Reject):
        return packed
    assert isinstance(found, FoundArticle)
    values, language, signed, keys = packed
    if values[_TEXT] is None:
        values = (*values[:_TEXT], found.text, *values[_TEXT + 1 :])
    article = Article(*values)  # type: ignore[arg-type]
    located: Article | Failed | None = language if isinstance(language, Failed) else None
    if located is None:
        values = (*values[:_LANGUAGE], language, *values[_LANGUAGE + 1 :])
        located = Article(*values)  # type: ignore[arg-type]
    signature: Signature | Failed | None = signed if isinstance(signed, Failed) else None
    if isinstance(signed, tuple):
        signature = Signature(article.id, np.frombuffer(signed[0], dtype=np.uint32), signed[1])
    buckets = None
    if keys is not None:
        buckets = list(enumerate(np.frombuffer(keys, dtype=np.int64).tolist()))
    return Prepared(found, article, located, signature, buckets)


def _prepare_packed(
    items: Sequence[ReaderItem], settings: PrepareSettings
) -> list[Packed | Reject]:
    """`prepare` in the worker, its results packed to cross to the writer."""
    return [_pack(item) for item in prepare(items, settings)]


def failure_detail(stage: str, found: FoundArticle, error: Exception) -> str:
    return StageFailed(stage, found.source_path, error).detail


def stage_reject(found: FoundArticle, detail: str) -> Reject:
    return Reject(found.source_path, RejectReason.ANALYSIS_FAILED, detail, found.locator)


@dataclass(slots=True)
class _Pending:
    """A batch read and not yet stored: prepared here (`done`), in the worker (`future`), or
    not yet."""

    batch: list[ReaderItem]
    future: Future[list[Packed | Reject]] | None = None
    done: list[PreparedItem] | None = None


class Preparer:
    """Prepares batches in order, `workers` processes beside the writer (0: all in its process).

    Up to `AHEAD` batches per worker are read ahead of the one the writer stores. The worker
    takes the furthest unprepared one whenever it is free; the writer, when the batch it needs
    next is not ready, prepares the nearest one itself rather than wait. So both cores stay
    busy whichever is slower (a worker starved by other programs only does less), memory stays
    flat, and the results are stored in reading order. Until the worker has started, and after
    it died, everything is prepared here."""

    AHEAD = 3

    def __init__(self, settings: PrepareSettings, workers: int) -> None:
        self.settings = settings
        self.in_process = PrepareSettings(settings.outlet, settings.gate)
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._ready: Future[None] | None = None
        if workers > 0:
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                # spawn, not fork: the writer holds a database connection and a progress
                # thread, neither of which a forked child may inherit
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_started,
            )
            self._ready = self._pool.submit(_worker_ready)

    def prepared(self, batches: Iterator[list[ReaderItem]]) -> Iterator[list[PreparedItem]]:
        pending: deque[_Pending] = deque()
        ahead = self.AHEAD * self.workers
        for batch in batches:
            pending.append(_Pending(batch))
            self._feed(pending)
            if len(pending) > ahead:
                yield self._take(pending)
        while pending:
            yield self._take(pending)

    def close(self) -> None:
        """Stop the worker (waiting for the batch in hand, dropping the rest)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _take(self, pending: deque[_Pending]) -> list[PreparedItem]:
        head = pending[0]
        while head.done is None and not (head.future is not None and head.future.done()):
            self._feed(pending)
            if WAIT_FOR_WORKER and head.future is not None:
                break
            nearest = next((p for p in pending if p.future is None and p.done is None), None)
            if nearest is None:
                break  # everything else is in the worker: wait for it
            nearest.done = prepare(nearest.batch, self.in_process)
        pending.popleft()
        if head.done is not None:
            return head.done
        assert head.future is not None
        return self._result(head.batch, head.future)

    def _feed(self, pending: deque[_Pending]) -> None:
        """Give free workers the furthest batches nobody prepares yet."""
        if self._pool is None or self._ready is None:
            return
        if not (WAIT_FOR_WORKER or self._ready.done()):
            return  # still starting: the writer prepares meanwhile
        busy = sum(1 for p in pending if p.future is not None and not p.future.done())
        # Two each: the second waits in the worker's queue while the first is prepared.
        limit = len(pending) if WAIT_FOR_WORKER else 2 * self.workers
        for waiting in reversed(pending):
            if busy >= limit:
                return
            if waiting.future is None and waiting.done is None:
                waiting.future = self._submit(waiting.batch)
                if waiting.future is None:
                    return  # the worker is gone
                busy += 1

    def _submit(self, batch: list[ReaderItem]) -> Future[list[Packed | Reject]] | None:
        if self._pool is None or self._ready is None:
            return None
        try:
            self._ready.result()
            return self._pool.submit(_prepare_packed, batch, self.settings)
        except Exception as error:  # the worker never started, or died
            self._broken(error)
            return None

    def _result(
        self, batch: list[ReaderItem], future: Future[list[Packed | Reject]]
    ) -> list[PreparedItem]:
        try:
            return [_unpack(*pair) for pair in zip(batch, future.result(), strict=True)]
        except BrokenProcessPool as error:
            self._broken(error)
        except Exception as error:  # e.g. a result that would not pickle: this batch only
            log.warning(
                "the worker could not prepare a batch (%s: %s); preparing it in-process",
                type(error).__name__,
                error,
            )
        return prepare(batch, self.in_process)

    def _broken(self, error: BaseException) -> None:
        if self._pool is None:
            return  # said already
        log.warning(
            "the worker process preparing articles failed (%s: %s); preparing in-process "
            "from here on",
            type(error).__name__,
            error,
        )
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None


def _worker_ready() -> None:
    """Done once the worker has started and imported what preparing needs."""


def _worker_started() -> None:
    # Ctrl-C is the writer's to handle: it shuts the worker down after its batch in hand.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:  # a writer killed outright leaves no worker behind
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel: int) -> None:
    wait([sentinel])
    os._exit(1)
