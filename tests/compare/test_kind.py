"""The kind of an article from evidence a reader can check: the outlet's own label first, then
structure (answer lines, live entries, an agency dateline), then the outlet's own voice (German
and English); and the kind analysis decided is the stored kind unless the source declared one."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.kind import KindBasis, outlet_label
from newsprism.compare.framing import frame_article
from newsprism.model.article import Article, ArticleKind, ArticleSource
from newsprism.store.sqlite import SQLiteStore

GOLD = Path(__file__).parents[1] / "data" / "kind_gold.json"

REPORT = (
    "Der Stadtrat von Kellbach hat am Donnerstag den Bau eines neuen Stadions beschlossen. "
    "Die Stadt beteiligt sich mit zwölf Millionen Euro. Baubeginn ist im Sommer 2027. "
    "Die Opposition stimmte dagegen."
)


def _kind(article: Article) -> ArticleKind:
    ((document, _),) = analyse_articles([article])
    return frame_article(article, document).kind


def test_the_outlets_own_label_decides() -> None:
    for title in (
        "Kommentar: Die Stadt wettet auf den Aufstieg",
        "Meinung | Zu teuer",
        "Opinion: A risky bet",
    ):
        article = Article.from_text(REPORT, outlet="a.example", title=title)
        assert _kind(article) is ArticleKind.COMMENTARY, title
    in_url = Article.from_text(
        REPORT, outlet="a.example", url="https://a.example/meinung/stadion-kellbach-123.html"
    )
    assert _kind(in_url) is ArticleKind.COMMENTARY
    interview = Article.from_text(REPORT, outlet="a.example", title="Interview: „Wir bauen“")
    assert _kind(interview) is ArticleKind.INTERVIEW
    # a plain report, and words that only look like labels, stay a report
    assert _kind(Article.from_text(REPORT, outlet="a.example", title="Stadion kommt")) is (
        ArticleKind.REPORT
    )
    assert outlet_label("Kommentare zum Bau", REPORT, None) is None
    assert outlet_label(None, REPORT, "https://a.example/politik/comments/1") is None
    assert outlet_label("Liveticker: Hochwasser an der Weser", REPORT, None) is ArticleKind.LIVE


def test_an_english_op_ed_without_a_label_is_a_commentary() -> None:
    text = (
        "I have covered this council for twenty years, and I have rarely seen a worse deal. "
        "Taxpayers now guarantee the loans of a football club. The club will probably promise "
        "the moon, as it always does. We deserve better than this reckless gamble with our "
        "money."
    )
    article = Article.from_text(text, outlet="ledger.example", language="en", title="A bad bet")
    assert _kind(article) is ArticleKind.COMMENTARY
    report = (
        "Councillors in Kellbach approved public support for a new stadium on Thursday. The "
        "city will contribute 12 million euros and guarantee loans of 38 million euros. "
        "Construction is due to start in 2027, the mayor said."
    )
    plain = Article.from_text(report, outlet="ledger.example", language="en", title="Stadium vote")
    assert _kind(plain) is ArticleKind.REPORT


def _gold() -> list[tuple[dict[str, str], Article]]:
    records = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    return [
        (
            record,
            Article.from_text(
                record["text"],
                outlet=record["outlet"],
                title=record["title"],
                url=record.get("url"),
                language=record["language"],
            ),
        )
        for record in records
    ]


def test_hard_kinds_unlabelled_commentaries_loud_reports_interviews_live_blogs() -> None:
    """Our own hard cases (tests/data/kind_gold.json): commentaries and op-eds without a label,
    a tabloid report full of loaded words, a report quoting strong opinions, an interview
    without a label, English agency copy, a live blog. docs/analysis.md lists the misses."""
    gold = _gold()
    right = [_kind(article).value == record["kind"] for record, article in gold]
    assert sum(right) >= len(gold) - 2, [
        r["id"] for (r, _), ok in zip(gold, right, strict=True) if not ok
    ]
    by_id = {record["id"]: article for record, article in gold}
    assert _kind(by_id["boulevard-bericht"]) is ArticleKind.REPORT  # loud is not opinion
    assert _kind(by_id["bericht-mit-meinungen"]) is ArticleKind.REPORT  # quoted opinions
    assert _kind(by_id["leitartikel-wir"]) is ArticleKind.COMMENTARY
    assert _kind(by_id["interview-ohne-label"]) is ArticleKind.INTERVIEW


def test_the_decided_kind_is_stored_unless_the_source_declared_one(tmp_path: Path) -> None:
    ((_, commentary),) = [pair for pair in _gold() if pair[0]["id"] == "leitartikel-wir"]
    declared = Article.from_text(REPORT, outlet="a.example", kind=ArticleKind.AGENCY)
    store = SQLiteStore(tmp_path / "kinds.db")
    for article in (commentary, declared):
        store.add_article(
            article, ArticleSource(article.id, None, article.outlet, None, None), None
        )
    for _, found in analyse_articles([commentary, declared]):
        store.add_annotations(found)
    assert store.article(commentary.id).kind is ArticleKind.COMMENTARY
    stored = store.annotations(commentary.id)
    assert stored is not None and stored.kind_basis == KindBasis.VOICE.value
    assert store.article(declared.id).kind is ArticleKind.AGENCY  # what the source said stays
    # a later analysis that decides otherwise replaces what analysis decided before
    ((_, again),) = analyse_articles([commentary])
    store.add_annotations(dataclasses.replace(again, kind=ArticleKind.REPORT))
    assert store.article(commentary.id).kind is ArticleKind.REPORT
    store.close()
