"""Articles prepared in a worker process (normalised, language, signature) are stored exactly as
those the writer prepares itself: the same articles, sources, links and rejects. A failure on
one article is its reject; a worker that dies leaves the writer to finish the run in-process."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from bench.synthetic import article_text, edit

from newsprism.dedup import MemorySignatureIndex
from newsprism.dedup.minhash import MinHashSigner, NearDuplicateDetector
from newsprism.errors import RejectReason
from newsprism.ingest.records import FoundArticle
from newsprism.model import Article, normalise_text
from newsprism.run import IngestOptions, Ingestor, ingest
from newsprism.run import prepare as preparing
from newsprism.run.prepare import Failed, Prepared, PrepareSettings, prepare
from newsprism.store import SQLiteStore
from tests.helpers import write_jsonl
from tests.process import alive, children, start_cli, wait_until

OPTIONS = IngestOptions(analyse=False, cluster=False, batch_size=7)


def _inputs(folder: Path) -> Path:
    """Every kind of outcome, over several batches: new articles, exact copies under another
    URL (in the batch and across batches), light edits (near-duplicates), texts normalising
    changes, texts too short or empty, a record that is no JSON, no language given."""
    folder.mkdir()
    records: list[dict[str, object]] = []
    for n in range(24):
        text = article_text(n, words=120)
        record: dict[str, object] = {
            "maintext": text,
            "url": f"https://www.beispiel.de/{n}",
            "title": f"  Titel\u200b {n}\u202e ",
            "source_domain": "beispiel.de",
            "language": "de" if n % 2 else None,
        }
        records.append(record)
        if n % 5 == 0:
            records.append(record | {"url": f"https://www.kopie.de/{n}"})
        if n % 4 == 1:
            copy = edit(text, 0.05, n)
            records.append({"maintext": copy, "url": f"https://www.andere.de/{n}"})
        if n % 6 == 2:
            messy = "\ufeff " + text.replace(" ", "  ").replace("\n", "\r\n\r\n") + "\x00 "
            records.append({"maintext": messy, "url": f"https://www.roh.de/{n}"})
    records.insert(3, {"maintext": "Zu kurz.", "url": "https://www.beispiel.de/kurz"})
    records.insert(9, {"maintext": "\u200b \u00ad", "url": "https://www.beispiel.de/leer"})
    records.append(records[0] | {"url": "https://www.spaet.de/0"})
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    lines.insert(12, "{ kein json")
    (folder / "strom.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _stored(db: Path) -> dict[str, object]:
    store = SQLiteStore(db)
    try:
        query = store._db.execute

        def rows(sql: str) -> list[tuple[object, ...]]:
            return [tuple(row) for row in query(sql).fetchall()]

        return {
            "articles": [
                (a.id, a.text, a.title, a.url, a.outlet, a.language, a.published, a.source_path)
                for a in store.articles()
            ],
            "sources": rows(
                "SELECT article_id, url, outlet, source_path, locator FROM article_sources "
                "ORDER BY rowid"
            ),
            "links": store.near_duplicates(),
            "rejects": rows(
                "SELECT source, locator, reason, detail, article_id FROM rejects ORDER BY rowid"
            ),
            "signatures": rows("SELECT article_id, signature FROM minhash_signatures ORDER BY 1"),
            "buckets": rows("SELECT band, bucket, article_id FROM lsh_buckets ORDER BY 1, 2, 3"),
            "search": rows("SELECT rowid, title, text FROM articles_fts ORDER BY rowid"),
        }
    finally:
        store.close()


def _ingest(inputs: Path, db: Path, workers: int) -> dict[str, object]:
    store = SQLiteStore(db)
    try:
        report = ingest([str(inputs)], store, IngestOptions(**_fields(OPTIONS), workers=workers))
    finally:
        store.close()
    return {"counts": report.counts(), "rejects": report.rejects} | _stored(db)


def _fields(options: IngestOptions) -> dict[str, object]:
    return {"analyse": options.analyse, "cluster": options.cluster, "batch_size": 7}


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Any input goes to the worker, which is waited for; the list counts what it prepared."""
    monkeypatch.setattr(preparing, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(preparing, "WAIT_FOR_WORKER", True)
    prepared: list[int] = []
    unpack = preparing._unpack

    def counting(*pair: object) -> object:
        prepared.append(1)
        return unpack(*pair)  # type: ignore[arg-type]

    monkeypatch.setattr(preparing, "_unpack", counting)
    return prepared


@pytest.mark.parametrize("shared", [False, True], ids=["all-in-the-worker", "shared"])
def test_the_worker_stores_what_the_writer_alone_stores(
    tmp_path: Path, parallel: list[int], monkeypatch: pytest.MonkeyPatch, shared: bool
) -> None:
    """All batches prepared by the worker, or shared as `ingest` shares them (the writer
    prepares what the worker has not begun when it needs it)."""
    monkeypatch.setattr(preparing, "WAIT_FOR_WORKER", not shared)
    inputs = _inputs(tmp_path / "in")
    alone = _ingest(inputs, tmp_path / "alone.db", workers=0)
    assert parallel == []
    beside = _ingest(inputs, tmp_path / "beside.db", workers=1)
    assert shared or len(parallel) > 30  # the worker did prepare the batches
    assert beside == alone
    counts = alone["counts"]
    assert isinstance(counts, dict)
    assert counts["ingested"] > 20 and counts["duplicates"] >= 5
    assert counts["near_duplicates"] >= 5 and counts["rejected"] == 3
    assert multiprocessing.active_children() == []  # the worker was shut down


def test_the_worker_is_used_only_for_large_inputs(tmp_path: Path) -> None:
    """The tests' inputs, `watch` and a few files are prepared in-process (no process starts)."""
    inputs = _inputs(tmp_path / "in")
    started: list[int] = []
    real = preparing.Preparer.__init__

    def spy(self: preparing.Preparer, settings: PrepareSettings, workers: int) -> None:
        started.append(workers)
        real(self, settings, workers)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(preparing.Preparer, "__init__", spy)
        _ingest(inputs, tmp_path / "small.db", workers=1)
    assert started == [0]
    # A library caller asks for workers; `ingest` asks for one beside the writer on 2+ cores.
    assert IngestOptions().workers == 0
    assert preparing.default_workers() == min(2, os.cpu_count() or 1) - 1


class _Crashes(MinHashSigner):
    """A signer whose arrival kills the worker process (as an out-of-memory kill would)."""

    def __reduce__(self) -> tuple[object, ...]:
        return (os._exit, (3,))


def test_a_dead_worker_leaves_the_writer_to_finish_in_process(
    tmp_path: Path,
    parallel: list[int],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    inputs = _inputs(tmp_path / "in")
    alone = _ingest(inputs, tmp_path / "alone.db", workers=0)
    real = Ingestor.prepare_settings

    def crashing(self: Ingestor, ahead: bool) -> PrepareSettings:
        settings = real(self, ahead)
        if settings.signer is None:
            return settings
        signer = _Crashes.__new__(_Crashes)
        signer.__dict__.update(settings.signer.__dict__)
        return PrepareSettings(settings.outlet, settings.gate, signer)

    monkeypatch.setattr(Ingestor, "prepare_settings", crashing)
    with caplog.at_level(logging.WARNING, logger="newsprism.run.prepare"):
        crashed = _ingest(inputs, tmp_path / "crashed.db", workers=1)
    assert crashed == alone
    assert parallel == []  # nothing came back from the worker
    assert "preparing in-process" in caplog.text
    assert multiprocessing.active_children() == []


def _signer() -> MinHashSigner:
    return NearDuplicateDetector(MemorySignatureIndex()).signer


def test_a_failure_while_preparing_ahead_is_that_articles_reject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the worker runs (`prepare` with a signer, packed and unpacked), with the language
    failing on one article and the signature on another: each is listed once, the rest stored."""
    texts = [normalise_text(article_text(n, words=80)) for n in range(4)]
    found = [
        FoundArticle(text=text, source_path=f"/in/{n}.txt", url=f"https://a.de/{n}")
        for n, text in enumerate(texts)
    ]
    real_language = preparing.with_language

    def language(article: Article, item: FoundArticle) -> Article:
        if item.source_path == "/in/1.txt":
            raise ValueError("no language for this")
        return real_language(article, item)

    real_signature = MinHashSigner.signature

    def signature(self: MinHashSigner, article_id: str, text: str) -> object:
        if text == texts[2]:
            raise RuntimeError("no signature for this")
        return real_signature(self, article_id, text)

    monkeypatch.setattr(preparing, "with_language", language)
    monkeypatch.setattr(MinHashSigner, "signature", signature)
    settings = PrepareSettings(signer=_signer())
    items = [
        preparing._unpack(item, preparing._pack(prepared))
        for item, prepared in zip(found, prepare(found, settings), strict=True)
    ]
    assert [type(item) for item in items] == [Prepared] * 4
    assert isinstance(items[1], Prepared) and isinstance(items[1].located, Failed)
    assert isinstance(items[2], Prepared) and isinstance(items[2].signature, Failed)

    store = SQLiteStore(tmp_path / "n.db")
    ingestor = Ingestor(store, OPTIONS, store.begin_run("ingest", []))
    new = ingestor.add_prepared(items)
    assert [article.text for article in new] == [texts[0], texts[2], texts[3]]
    first, second = ingestor.report.rejects
    assert first.reason is RejectReason.ANALYSIS_FAILED and "'normalise'" in first.detail
    assert first.source == "/in/1.txt"
    assert "'dedup'" in second.detail and second.article_id == new[1].id
    assert store.count_articles() == 3


def _committed(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # no database or no schema yet


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_a_killed_writer_leaves_no_worker_behind(tmp_path: Path) -> None:
    """SIGKILL gives the writer no `finally`: its worker notices on its own and exits."""
    records = [
        {"maintext": article_text(n, words=400), "url": f"https://www.beispiel.de/{n}"}
        for n in range(3000)
    ]
    write_jsonl(tmp_path / "strom.jsonl", records)
    db = tmp_path / "kill.db"
    process = start_cli(
        db, "ingest", str(tmp_path / "strom.jsonl"), "--no-analyse", "--workers", "1"
    )
    try:
        workers: set[int] = set()

        def started() -> bool:  # and the worker in its stride, several batches stored
            workers.update(children(process.pid))
            return bool(workers) and _committed(db) >= 1000

        wait_until(started, process)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 10
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, workers))
