"""The kind of an article from evidence a reader can check: the outlet's own label first, then
first person, questions, speculation and evaluative language (German and English)."""

from __future__ import annotations

from newsprism.analyse.annotate import analyse_articles
from newsprism.compare.framing import frame_article, outlet_label
from newsprism.model.article import Article, ArticleKind

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
    assert (
        outlet_label(Article.from_text(REPORT, outlet="a.example", title="Kommentare zum Bau"))
        is None
    )
    assert (
        outlet_label(
            Article.from_text(
                REPORT, outlet="a.example", url="https://a.example/politik/comments/1"
            )
        )
        is None
    )


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
