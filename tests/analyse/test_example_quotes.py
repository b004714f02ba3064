"""Every quote written into the example corpus is found with its right speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.analyse import analyse_articles
from newsprism.model.article import Article
from newsprism.model.spans import Quote
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore

# (beginning of the quoted words, canonical name of the speaker) — written with the corpus.
EXPECTED = [
    ("Die Sicherheit der Menschen geht vor", "Jonas Brettschneider"),
    ("Das Land werde sich an den Kosten", "Clara Hoffmeister"),
    ("Emden hat den Strukturwandel", "Hella Janssen"),
    ("beim Bau der Trassen", "Frauke Ahlers"),
    ("schweren Belastung", "Harald Fink"),
    ("Wohnen dürfe kein Luxus werden", "Lohmann"),
    ("Unsere Kolleginnen und Kollegen", "Sabine Oltmanns"),
    ("die Mitglieder würden in den kommenden Wochen", "Sabine Oltmanns"),
    ("die höheren Kosten dürften nicht", "Yusuf Demir"),
    ("Wer jetzt die Preise erhöht", "Yusuf Demir"),
    ("Ein Anspruch auf Schadenersatz sei möglich", "Julia Prantl"),
    ("Es bringt vor allem Planbarkeit", "Gül Aksoy"),
    ("Das höre ich seit zwanzig Jahren", "Gül Aksoy"),
    ("Unbedingt. In München", "Gül Aksoy"),
    ("Ohne den Strom aus dem Norden", "Regina Aumiller"),
    ("Wir bedauern diesen Vorfall", "Frank Metzinger"),
    ("Sie erwarte, dass die Kasse", "Ilse Brandauer"),
    ("Wir haben Rüdiger viel zu verdanken", "Waltraud Esser"),
    ("Wohnen darf kein Luxus werden", "Petra Lohmann"),
    ("das Gesetz schrecke Investoren ab", "Jan-Erik Sommer"),
    ("Es werde keine einzige neue Wohnung", "Jan-Erik Sommer"),
    ("Das ist ein Armutszeugnis", "Martin Kessler"),
    ("Wir brauchen jetzt einen Plan", "Martin Kessler"),
    ("Ich brauche jetzt jeden Morgen", "Sandra Kaul"),
    ("Die Sicherheit gehe vor", "Jonas Brettschneider"),
    ("Ich habe der Kasse mein Leben lang", "Horst Lemke"),
    ("Wer geschlampt hat", "Ilse Brandauer"),
    ("man sei mit dem Ergebnis sehr zufrieden", "Ein Sprecher der Gewerkschaft"),
    ("Ich musste drei Wochen lang", "Mia Hoven"),
    ("Wir mussten handeln", "Waltraud Esser"),
    ("Er habe alles gegeben", "Rüdiger Lamm"),
    ("Ich wünsche dem Verein nur das Beste", "Rüdiger Lamm"),
    ("Der Zustand der Brücken im Land", "Matthias Greve"),
    ("Die Landesregierung habe zu wenig", "Matthias Greve"),
    ("Das ist ein hart erkämpfter Abschluss", "Sabine Oltmanns"),
    ("Der Abschluss koste die Verkehrsbetriebe", "Harald Fink"),
    ("Mit diesem Netz machen wir die Nordsee", "Tobias Rautenberg"),
    ("das Projekt stärke auch die Sicherheit", "Mette Lindqvist"),
    ("die Kasse habe offenbar eine seit Monaten", "Lukas Wendt"),
    ("Unsere Systeme waren auf dem aktuellen Stand", "Frank Metzinger"),
    ("das Gesetz sei überfällig", "Gül Aksoy"),
    ("Viele Familien geben inzwischen", "Gül Aksoy"),
    ("schwarzen Tag für private Vermieter", "Karl-Heinz Pfeiffer"),
    ("a historic day for European energy", "Tobias Rautenberg"),
]
NOT_QUOTES = ("Allianz der Küsten", "Schwarzer Kranich")


@pytest.fixture(scope="module")
def example_quotes(examples: Path) -> list[tuple[Article, Quote]]:
    store = MemoryStore()
    ingest([str(examples)], store, IngestOptions(analyse=False))
    articles = list(store.articles())
    found: list[tuple[Article, Quote]] = []
    for article, (_, analysed) in zip(articles, analyse_articles(articles), strict=True):
        found.extend((article, said) for said in analysed.quotes)
    return found


@pytest.mark.parametrize(("beginning", "speaker"), EXPECTED, ids=[e[0][:30] for e in EXPECTED])
def test_quote_has_its_speaker(
    example_quotes: list[tuple[Article, Quote]], beginning: str, speaker: str
) -> None:
    matches = [
        quote
        for article, quote in example_quotes
        if quote.text_of(article.text).startswith(beginning)
    ]
    assert matches, f"no quote begins with {beginning!r}"
    speakers = {quote.speaker.canonical if quote.speaker else None for quote in matches}
    assert speakers == {speaker}


def test_names_in_quotation_marks_are_not_quotes(
    example_quotes: list[tuple[Article, Quote]],
) -> None:
    for article, quote in example_quotes:
        said = quote.text_of(article.text)
        assert not any(said.strip('„“»«" ') == name for name in NOT_QUOTES), said
