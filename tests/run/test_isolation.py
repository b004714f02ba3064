"""A failure inside one article's analysis is that article's recorded outcome, never the batch's
end: each per-article stage is made to fail on one text, and the rest of the batch must go on."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.analyse import pipeline as analysis
from newsprism.analyse.document import Document
from newsprism.cli.main import cli
from newsprism.cluster import tracker as tracking
from newsprism.compare import story as comparing
from newsprism.errors import RejectReason
from newsprism.eval.clustering import evaluate_clustering
from newsprism.jobs.spark.tasks import ReadSettings, _analyse_chunk, detector, read_input
from newsprism.model import Article
from newsprism.run import IngestOptions, ingest
from newsprism.run import ingestor as ingesting
from newsprism.store import MemoryStore, SQLiteStore
from newsprism.store import sqlite as sqlite_store
from tests.helpers import german_article, make_warc, write_jsonl

POISON = "Giftwort"


class _Explodes:
    """A stage that fails on any text holding the poison word (as a buggy model would)."""

    name = "explodes"
    needs: tuple[str, ...] = ("tokens",)
    adds: tuple[str, ...] = ("quotes",)

    def __call__(self, documents: Sequence[Document]) -> None:
        for document in documents:
            document.quotes = []
            if POISON in document.text:
                raise RuntimeError("model fell over")


@pytest.fixture
def exploding_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    stages = (*analysis.default_pipeline().stages, _Explodes())
    monkeypatch.setattr(
        "newsprism.analyse.annotate.default_pipeline", lambda: analysis.Pipeline(stages)
    )


def _folder(root: Path, poisoned: int = 1) -> Path:
    root.mkdir()
    for n in range(4):
        text = german_article("den Radweg am Rhein", n)
        if n < poisoned:
            text += f" Dazu kam das {POISON} im Bericht."
        (root / f"artikel-{n}.txt").write_text(text, encoding="utf-8")
    return root


def test_a_failing_analysis_stage_is_that_articles_outcome(
    tmp_path: Path, exploding_pipeline: None
) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    report = ingest([str(_folder(tmp_path / "in"))], store)
    assert report.ingested == 4 and report.analysed == 4 and report.exit_status == 1
    [failure] = [r for r in report.rejects if r.reason is RejectReason.ANALYSIS_FAILED]
    assert failure.article_id is not None and "explodes" in failure.detail
    assert "model fell over" in failure.detail
    poisoned = store.annotations(failure.article_id)
    assert poisoned is not None and "explodes" not in poisoned.analysed_with
    assert poisoned.sentences and poisoned.entities  # what earlier stages found is kept
    others = [a for a in store.articles() if a.id != failure.article_id]
    assert all("explodes" in store.annotations(a.id).analysed_with for a in others)  # type: ignore[union-attr]
    assert store.story_of(failure.article_id) is not None  # still filed into its story
    [listed] = store.rejects(article_id=failure.article_id)
    assert listed.reject.reason is RejectReason.ANALYSIS_FAILED
    store.close()
    shown = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "a.db"), "article", failure.article_id, "--json"]
    )
    assert shown.exit_code == 0, shown.output
    assert "explodes" in json.loads(shown.output)["failures"][0]["detail"]


def test_failing_features_keep_one_article_out_of_the_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tracking.article_features

    def features(article: Article, document: Document):  # type: ignore[no-untyped-def]
        if POISON in article.text:
            raise OverflowError("int too large to convert to float")
        return real(article, document)

    monkeypatch.setattr(tracking, "article_features", features)
    store = SQLiteStore(tmp_path / "f.db")
    report = ingest([str(_folder(tmp_path / "in"))], store)
    [failure] = report.rejects
    assert "'features'" in failure.detail and failure.article_id is not None
    assert store.story_of(failure.article_id) is None
    assert all(store.story_of(a.id) for a in store.articles() if a.id != failure.article_id)


def test_a_record_that_fails_normalising_is_rejected_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ingesting.with_language

    def language(article: Article, found: object) -> Article:
        if POISON in article.text:
            raise ValueError("no language for this")
        return real(article, found)  # type: ignore[arg-type]

    monkeypatch.setattr(ingesting, "with_language", language)
    store = MemoryStore()
    report = ingest([str(_folder(tmp_path / "in"))], store)
    assert report.ingested == 3
    [failure] = report.rejects
    assert failure.reason is RejectReason.ANALYSIS_FAILED and "'normalise'" in failure.detail


def test_an_article_the_store_refuses_is_rejected_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch is written in one statement per table; when the store refuses it, the
    articles go in one by one, and only the one it refuses is missing (and listed)."""
    real = sqlite_store._article_row

    def row(article: Article, run_id: int | None) -> tuple[object, ...]:
        if POISON in article.text:
            raise ValueError("this row cannot be stored")
        return real(article, run_id)

    monkeypatch.setattr(sqlite_store, "_article_row", row)
    store = SQLiteStore(tmp_path / "n.db")
    report = ingest([str(_folder(tmp_path / "in"))], store, IngestOptions(analyse=False))
    assert report.ingested == 3 and store.count_articles() == 3
    [failure] = report.rejects
    assert failure.reason is RejectReason.ANALYSIS_FAILED and "'store'" in failure.detail
    # nothing half-written: the search index holds exactly the stored articles
    assert store._db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 3
    assert all(POISON not in article.text for article in store.articles())


def test_compare_leaves_out_the_article_it_cannot_compare(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = comparing.frame_article

    def frame(article: Article, document: Document):  # type: ignore[no-untyped-def]
        if POISON in article.text:
            raise KeyError("lexicon")
        return real(article, document)

    monkeypatch.setattr(comparing, "frame_article", frame)
    articles = [
        Article.from_text(
            german_article("die Fähre", n) + (f" {POISON}." if n == 0 else ""),
            outlet=f"zeitung-{n}.de",
            language="de",
        )
        for n in range(3)
    ]
    result = comparing.compare_articles(articles, "st-1")
    assert [f.subject for f in result.failed] == [articles[0].id]
    assert {a.article.id for a in result.articles} == {articles[1].id, articles[2].id}


def test_compare_reports_the_file_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = comparing.frame_article

    def frame(article: Article, document: Document):  # type: ignore[no-untyped-def]
        if POISON in article.text:
            raise KeyError("lexicon")
        return real(article, document)

    monkeypatch.setattr(comparing, "frame_article", frame)
    folder = _folder(tmp_path / "in")
    shown = CliRunner().invoke(cli, ["compare", str(folder), "--json"])
    assert shown.exit_code == 1
    result = json.loads(shown.output)
    [reject] = result["rejects"]
    assert reject["source"].endswith("artikel-0.txt") and "left out" in reject["detail"]
    assert result["comparison"] is not None


def test_every_input_file_has_an_outcome(tmp_path: Path) -> None:
    (tmp_path / "leer.json").write_text("[]")
    (tmp_path / "leer.jsonl").write_text("\n\n")
    make_warc(tmp_path / "muell.warc.gz", [("https://x.example/", b"\x00\xff\x00", "image/png")])
    write_jsonl(tmp_path / "gut.jsonl", [{"maintext": german_article("den Deich", 1)}])
    store = MemoryStore()
    report = ingest([str(tmp_path)], store)
    assert report.ingested == 1
    rejected = {Path(r.source).name: r.reason for r in report.rejects}
    assert set(rejected) == {"leer.json", "leer.jsonl", "muell.warc.gz"}


def test_hostile_characters_never_reach_the_store(tmp_path: Path) -> None:
    text = german_article("die Schleuse", 2)
    records = [
        {
            "maintext": "\x00Anfang\x1b[31m " + text[:200] + " \ud800 \u202eEnde.",
            "title": "Titel\x00 mit\x07 Glocke",
            "source_domain": "\u202eevil.example",
            "authors": ["\x1b[2JEine Autorin"],
        },
        {"maintext": "\u200b\u00ad\u2060\ufeff \u200b"},
    ]
    # JSON escapes, as a lone surrogate really arrives ("\ud800" is no valid UTF-8 byte).
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    store = MemoryStore()
    report = ingest([str(tmp_path)], store, IngestOptions(analyse=False))
    [article] = store.articles()
    assert article.text.startswith("Anfang[31m ") and article.text.endswith(" Ende.")
    assert article.title == "Titel mit Glocke" and article.outlet == "evil.example"
    assert article.authors == ("[2JEine Autorin",)
    [reject] = report.rejects
    assert reject.reason is RejectReason.NO_TEXT


def test_numbers_and_long_words_do_not_stop_a_batch(tmp_path: Path) -> None:
    (tmp_path / "zahl.txt").write_text(
        german_article("den Haushalt", 1) + " Es fehlen " + "9" * 400 + " Euro.", encoding="utf-8"
    )
    (tmp_path / "wort.txt").write_text(
        german_article("den Hafen", 2) + " " + "Hafenkran" * 3000 + ".", encoding="utf-8"
    )
    (tmp_path / "merkel.txt").write_text(
        german_article("die Wahl", 3) + "\nMerkel:\nDaten :\n", encoding="utf-8"
    )
    store = MemoryStore()
    report = ingest([str(tmp_path)], store)
    assert report.ingested == 3 and report.rejects == []


def test_eval_counts_what_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsprism.eval.clustering as scoring

    real = scoring.article_features

    def features(article: Article, document: Document):  # type: ignore[no-untyped-def]
        if POISON in article.text:
            raise OverflowError("too large")
        return real(article, document)

    monkeypatch.setattr(scoring, "article_features", features)
    stream = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "id": str(n),
                "date": "2026-03-02",
                "lang": "de",
                "title": "",
                "text": german_article("den Tunnel", n) + (f" {POISON}." if n == 0 else ""),
                "cluster": "a",
            }
            for n in range(3)
        ],
    )
    result = evaluate_clustering(stream)
    assert result["articles"] == 3
    assert result["failed"]["features"] == 1  # type: ignore[index]


def test_the_spark_tasks_record_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "leer.json").write_text("[]")
    [(kind, row)] = list(read_input(0, str(tmp_path / "leer.json"), ReadSettings()))
    assert kind == "reject" and row[2] == RejectReason.NO_ARTICLE.value

    import newsprism.jobs.spark.tasks as tasks

    def features(article: Article, document: Document) -> None:
        raise OverflowError("too large")

    monkeypatch.setattr(tasks, "article_features", features)
    article = Article.from_text(german_article("den Kanal", 1), language="de")
    [row] = list(_analyse_chunk([article], detector(0.5)))
    assert row[3] is None and row[-1] is not None and "'features'" in row[-1]


def test_readers_give_typed_rejects_for_what_broke_their_libraries(tmp_path: Path) -> None:
    """Deep nesting stopped Python's JSON parser, a surrogate reference feedparser."""
    (tmp_path / "tief.json").write_text("[" * 5000)
    (tmp_path / "tief.jsonl").write_text(
        json.dumps({"maintext": german_article("die Fähre", 1)}) + "\n" + "[" * 5000 + "\n"
    )
    (tmp_path / "feed.xml").write_text(
        "<?xml version='1.0'?><rss><channel><item><title>Titel &#xD800; und &#55296;</title>"
        f"<description>{german_article('den Deich', 2)}</description></item></channel></rss>"
    )
    store = MemoryStore()
    report = ingest([str(tmp_path)], store, IngestOptions(analyse=False))
    reasons = {(Path(r.source).name, r.reason) for r in report.rejects}
    assert reasons == {
        ("tief.json", RejectReason.BAD_JSON),
        ("tief.jsonl", RejectReason.BAD_JSON),
    }
    assert report.ingested == 2
    [title] = [a.title for a in store.articles() if a.title]
    assert title == "Titel \ufffd und \ufffd"
