"""Evaluative language with sense and scope: what the polarity lexicon alone got wrong on real
pages, and the loaded words and idioms it missed. Every sentence is invented for the test."""

from __future__ import annotations

from newsprism.analyse.annotate import analyse_articles
from newsprism.compare.framing import frame_article
from newsprism.model.article import Article
from newsprism.model.comparison import Framing


def _framing(text: str) -> tuple[Article, Framing]:
    article = Article.from_text(text, outlet="x.example", language="de")
    ((document, _),) = analyse_articles([article])
    return article, frame_article(article, document)


def _marks(text: str) -> dict[str, tuple[float, str]]:
    article, framing = _framing(text)
    return {w.span.text_of(article.text): (w.polarity, w.why) for w in framing.evaluative}


def test_topic_words_names_and_verbs_of_action_are_not_judgements() -> None:
    text = (
        "Verkehrsministerin Jana Roth kündigte am Montag an, die Brücke bis Mai zu sanieren. Im "
        "Klinikum Nord wurden zwei verletzte Fahrer behandelt. Ob die Sanierung rechtzeitig "
        "fertig wird, ist offen. Die Allianz Arena bleibt in der nächsten Woche geschlossen. "
        "Roth bedauerte den Unfall."
    )
    _, framing = _framing(text)
    assert _marks(text) == {}
    assert framing.tone == {}


def test_negation_turns_and_intensifiers_strengthen() -> None:
    marks = _marks("Der Kompromiss ist nicht gut. Die Planung war äußerst schlecht.")
    assert marks["gut"][0] < 0 and "nicht" in marks["gut"][1]
    assert marks["schlecht"][0] == -1.0 and "äußerst" in marks["schlecht"][1]


def test_loaded_words_idioms_irony_and_scare_quotes() -> None:
    marks = _marks(
        "Die Koalition hat das Gesetz im Eiltempo durchgepeitscht. Die Reform der Pflege wurde "
        "erneut auf die lange Bank geschoben. Die sogenannte Expertenkommission hat nun die "
        "„Lösung“ gefunden. Schön wär's."
    )
    assert marks["durchgepeitscht"][0] < 0
    assert marks["auf die lange Bank geschoben"][0] < 0
    assert "„Lösung“" in marks and "scare quotes" in marks["„Lösung“"][1]
    assert "sogenannte" in marks
    assert marks["Schön wär's"][0] < 0


def test_words_in_what_others_said_are_not_the_outlets() -> None:
    marks = _marks("„Das ist ein Schlag ins Gesicht“, sagte Gewerkschafter Tim Wolff.")
    assert marks == {}


def test_tone_towards_an_actor_comes_from_its_own_clause() -> None:
    _, framing = _framing(
        "Die Bürgermeisterin Clara Hein legte einen mutigen Plan vor, der Kämmerer Jonas Brandt "
        "dagegen scheiterte kläglich mit seinem Haushalt."
    )
    assert framing.tone["Clara Hein"] > 0
    assert framing.tone["Jonas Brandt"] < 0
