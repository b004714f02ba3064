"""Semantic coverage: facts by meaning across outlets and languages, discrepancies, an agency
text and its reprints as one voice, and omissions a journalist can trust (docs/compare.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from newsprism.analyse.encoder import default_encoder
from newsprism.compare.story import StoryComparison, compare_articles
from newsprism.model.article import Article, ArticleKind
from newsprism.model.comparison import Comparison, Fact, OmissionStatus
from newsprism.present.report import comparison_html
from newsprism.present.web.story import story_context
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore

EXAMPLE_GOLD = Path(__file__).parents[1] / "data" / "example_facts.json"


def _article(text: str, outlet: str, **metadata: object) -> Article:
    return Article.from_text(text, outlet=outlet, **metadata)


def _fact_with(comparison: Comparison, articles: Sequence[Article], *pieces: str) -> Fact | None:
    """The fact that has a member containing each piece (each in its own article)."""
    texts = {a.id: a.text for a in articles}
    for fact in comparison.facts:
        wordings = [m.span.text_of(texts[m.article_id]) for m in fact.members]
        if all(any(piece in wording for wording in wordings) for piece in pieces):
            return fact
    return None


# --- the example corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_stories(examples: Path) -> list[tuple[list[Article], StoryComparison]]:
    store = MemoryStore()
    ingest([str(examples)], store, IngestOptions())
    stories = []
    for story in store.stories():
        articles = [store.article(m.article_id) for m in store.story_articles(story.id)]
        if len({a.outlet for a in articles}) > 1:
            stories.append((articles, compare_articles(articles, story.id, store=store)))
    return stories


def test_no_example_story_says_an_outlet_left_out_what_it_reports(
    example_stories: list[tuple[list[Article], StoryComparison]],
) -> None:
    """Judged by the hand-labelled example facts: an outlet charged "left out" with a fact has
    no sentence in that fact's gold group."""
    gold = json.loads(EXAMPLE_GOLD.read_text(encoding="utf-8"))
    gold_facts = [fact for story in gold["stories"] for fact in story["facts"]]
    charged = 0
    for articles, result in example_stories:
        texts = {a.id: a.text for a in articles}
        outlet_of = {a.id: a.outlet for a in articles}
        for outlet, found in result.comparison.omissions.items():
            for omission in found:
                if omission.status is not OmissionStatus.LEFT_OUT:
                    continue
                charged += 1
                fact = result.comparison.facts[omission.fact]
                for group in gold_facts:
                    on_fact = any(
                        m.article_id == article_id
                        and texts[article_id][m.sentence.start :].startswith(beginning)
                        for m in fact.members
                        for article_id, beginning in group
                    )
                    reported_by = {outlet_of.get(article_id) for article_id, _ in group}
                    assert not (on_fact and outlet in reported_by), (outlet, group)
    assert charged >= 10  # the test judges something


def test_most_example_facts_are_found(
    example_stories: list[tuple[list[Article], StoryComparison]],
) -> None:
    """A gold fact is found when one fact of the comparison holds sentences of two of its
    articles. 26 of 35 today: the rest are paraphrases without shared words or numbers
    ("Jetzt wollen sie Millionen kassieren") and questions, which are never facts."""
    gold = json.loads(EXAMPLE_GOLD.read_text(encoding="utf-8"))
    found = total = 0
    for story in gold["stories"]:
        for group in story["facts"]:
            total += 1
            for articles, result in example_stories:
                texts = {a.id: a.text for a in articles}
                if not {article_id for article_id, _ in group} <= set(texts):
                    continue
                for fact in result.comparison.facts:
                    hit = {
                        article_id
                        for article_id, beginning in group
                        for m in fact.members
                        if m.article_id == article_id
                        and texts[article_id][m.sentence.start :].startswith(beginning)
                    }
                    if len(hit) >= 2:
                        found += 1
                        break
                else:
                    continue
                break
    assert total == 35 and found >= 26


# --- alignment by meaning ----------------------------------------------------------------------


def test_german_and_english_paraphrases_align() -> None:
    german = _article(
        "Die Stadt Kaltenbrück sperrt die Lindenbrücke von Dienstag an für alle Autos. "
        "Bei einer Prüfung entdeckten Ingenieure Risse in zwei Trägern. "
        "Die Reparatur soll 4,5 Millionen Euro kosten. "
        "Die Busse werden über die Nordbrücke umgeleitet.",
        "blatt.de",
        language="de",
    )
    english = _article(
        "The town of Kaltenbrück is closing the Linden Bridge to all cars from Tuesday. "
        "Engineers found cracks in two of its girders during an inspection. "
        "Repairs are expected to cost €4.5m. "
        "Buses will be diverted over the North Bridge.",
        "ledger.com",
        language="en",
    )
    articles = [german, english]
    comparison = compare_articles(articles).comparison
    for pair in (
        ("sperrt die Lindenbrücke", "closing the Linden Bridge"),
        ("Risse in zwei Trägern", "cracks in two of its girders"),
        ("4,5 Millionen Euro", "€4.5m"),
        ("über die Nordbrücke umgeleitet", "diverted over the North Bridge"),
    ):
        fact = _fact_with(comparison, articles, *pair)
        assert fact is not None and len(fact.voices) == 2, pair


def test_injured_and_in_hospital_align_and_questions_never_do() -> None:
    first = _article(
        "Auf der B12 bei Lindau ist am Montag ein Reisebus umgekippt. "
        "14 Menschen kamen ins Krankenhaus. Ist das richtig?",
        "erste.de",
    )
    second = _article(
        "Ein Reisebus ist am Montag auf der B12 bei Lindau von der Straße abgekommen. "
        "Bei dem Unfall wurden 14 Menschen verletzt. Ist das das richtige Rezept?",
        "zweite.de",
    )
    articles = [first, second]
    comparison = compare_articles(articles).comparison
    assert _fact_with(comparison, articles, "ins Krankenhaus", "14 Menschen verletzt")
    texts = {a.id: a.text for a in articles}
    wordings = [m.span.text_of(texts[m.article_id]) for f in comparison.facts for m in f.members]
    assert not any(w.endswith("?") for w in wordings)  # a question is no fact


def test_ten_unrelated_articles_share_no_facts() -> None:
    texts = [
        "Der Stadtrat von Talheim hat den Haushalt für das kommende Jahr beschlossen. "
        "Für Schulen sind zwölf Millionen Euro vorgesehen.",
        "Im Zoo von Wehrstedt ist ein Elefantenbaby zur Welt gekommen. "
        "Das Jungtier wiegt 110 Kilogramm und heißt Tilda.",
        "Der FC Lindau hat sein Heimspiel gegen Borstel mit 3:1 gewonnen. "
        "Zwei Tore schoss der Stürmer Max Reiter.",
        "Die Bäckerei Krume in der Hauptstraße schließt nach 80 Jahren. "
        "Die Inhaberin findet keinen Nachfolger.",
        "Ein Gewitter hat in der Nacht zahlreiche Keller in Ostdorf überflutet. "
        "Die Feuerwehr rückte zu 40 Einsätzen aus.",
        "Die Stadtbibliothek verlängert ihre Öffnungszeiten am Samstag bis 18 Uhr. "
        "Neu ist auch ein Lesecafé im Erdgeschoss.",
        "Ein Rezept für Apfelkuchen gewinnt den Backwettbewerb des Landfrauenvereins. "
        "Das Geheimnis sei ein Schuss Zimt, sagte die Siegerin.",
        "Die Deutsche Bahn saniert die Strecke zwischen Nordheim und Südheim. "
        "Von März an fahren Ersatzbusse.",
        "Ein Forscherteam der Universität hat eine neue Käferart entdeckt. "
        "Das Tier lebt nur in den Mooren der Region.",
        "Der Chor St. Marien gibt am Sonntag ein Konzert mit Werken von Bach. "
        "Der Eintritt ist frei.",
    ]
    articles = [_article(text, f"zeitung{n}.de") for n, text in enumerate(texts)]
    comparison = compare_articles(articles).comparison
    assert all(len(fact.voices) == 1 for fact in comparison.facts)
    assert all(found == () for found in comparison.omissions.values())


# --- discrepancies -----------------------------------------------------------------------------

BRIDGES = (
    "Bundesweit müssen in den kommenden fünf Jahren 112 Autobahnbrücken abgerissen und neu "
    "gebaut werden. Das steht im Brückenbericht, den der Verkehrsminister am Donnerstag "
    "vorgestellt hat. Rund 120 Brücken werden außerdem verstärkt.",
    "Laut dem neuen Brückenbericht müssen 112 Autobahnbrücken in den nächsten fünf Jahren "
    "ersetzt werden. Der Minister stellte den Bericht am Donnerstag in Berlin vor. "
    "Mehr als 100 weitere Brücken werden verstärkt.",
    "Bericht zum Fürchten: 120 Autobahnbrücken müssen in den nächsten fünf Jahren abgerissen "
    "und neu gebaut werden. Vorgestellt hat ihn der Verkehrsminister am Donnerstag. "
    "<script>alert(1)</script> Wer hat hier geschlafen?",
)


def test_a_planted_number_is_a_discrepancy_with_both_values_and_their_outlets() -> None:
    articles = [
        _article(text, outlet)
        for text, outlet in zip(BRIDGES, ("blatt.de", "kurier.de", "schnellpost.de"), strict=True)
    ]
    comparison = compare_articles(articles).comparison
    texts = {a.id: a.text for a in articles}
    fact = _fact_with(comparison, articles, "112 Autobahnbrücken abgerissen", "120 Autobahn")
    assert fact is not None
    (discrepancy,) = [d for d in fact.discrepancies if d.field == "number"]
    values = {
        value.value: {fact.members[s.member].outlet for s in value.stated}
        for value in discrepancy.values
    }
    assert values == {"112": {"blatt.de", "kurier.de"}, "120": {"schnellpost.de"}}
    for value in discrepancy.values:  # each value points at its words in the article
        for stated in value.stated:
            member = fact.members[stated.member]
            assert stated.span.text_of(texts[member.article_id]) == value.value
    # "Rund 120" and "mehr als 100" can both be true: no discrepancy there.
    hedged = _fact_with(comparison, articles, "Rund 120 Brücken", "Mehr als 100")
    assert hedged is not None and hedged.discrepancies == ()
    # Shown with both values and outlets on the page, the report and the terminal; escaped.
    report = comparison_html(comparison, articles)
    assert "differs (number):" in report and "<script>alert" not in report
    assert "112 (blatt.de, kurier.de) vs 120 (schnellpost.de)" in report


# --- wire copies and omissions -----------------------------------------------------------------

AGENCY = (
    "Emden (zpa) – Die Stadt Emden baut einen neuen Fähranleger für 8 Millionen Euro. "
    "Der Bau soll im Mai beginnen und zwei Jahre dauern. "
    "Die alte Anlegestelle wird danach abgerissen. "
    "Bürgermeister Jan Hollmann sprach von einem „Tor zur Nordsee“."
)


def _wire_story() -> list[Article]:
    return [
        _article(AGENCY, "zpa.de", kind=ArticleKind.AGENCY),
        _article("Neuer Fähranleger für Emden\n" + AGENCY, "anzeiger.de"),  # verbatim
        # shortened: it cuts the demolition, which the agency text has
        _article(AGENCY.replace(" Die alte Anlegestelle wird danach abgerissen.", ""), "bote.de"),
        _article(
            "Emden bekommt einen neuen Fähranleger, der 8 Millionen Euro kostet. Die Arbeiten "
            "beginnen im Mai. Danach soll der alte Anleger abgerissen werden.",
            "blatt.de",
        ),
        _article(
            "Für 8 Millionen Euro entsteht in Emden ein neuer Anleger für die Fähren. Der "
            "alte Anleger wird nach dem Neubau abgerissen. Kritik kommt vom Naturschutzbund.",
            "kurier.de",
        ),
    ]


def test_an_agency_text_and_its_reprints_are_one_voice() -> None:
    articles = _wire_story()
    comparison = compare_articles(articles).comparison
    agency, verbatim, shortened = (a.id for a in articles[:3])
    assert comparison.voices[verbatim] == agency and comparison.voices[shortened] == agency
    # The demolition: the agency text has it, so the shortened reprint is not charged.
    assert all(o.status is not OmissionStatus.LEFT_OUT for o in comparison.omissions["bote.de"])
    demolition = _fact_with(comparison, articles, "alte Anlegestelle", "alte Anleger")
    assert demolition is not None and len(demolition.voices) == 3
    number = comparison.facts.index(demolition)
    assert all(number not in [o.fact for o in found] for found in comparison.omissions.values())
    # The mayor's words are in three outlets but one voice: "only here", not widely reported.
    quote = _fact_with(comparison, articles, "Tor zur Nordsee")
    assert quote is not None and quote.voices == (agency,)
    only = comparison.facts.index(quote)
    assert {o for o, found in comparison.unique.items() if only in found} == {
        "zpa.de",
        "anzeiger.de",
        "bote.de",
    }
    assert all(only not in [o.fact for o in found] for found in comparison.omissions.values())
    # The page says which outlets ran the agency text.
    context = story_context(comparison, articles)
    (family,) = context["voice_rows"]
    assert family.agency == "zpa.de" and set(family.outlets) == {"zpa.de", "anzeiger.de", "bote.de"}
    row = context["fact_rows"][only]
    assert row.one_voice == "one voice: the agency text of zpa.de, also run by anzeiger.de, bote.de"


# --- reported speech, vectors ------------------------------------------------------------------


def test_reported_speech_is_never_shown_in_quotation_marks() -> None:
    articles = [
        _article(
            "Die Lindenbrücke bleibt gesperrt. Bürgermeister Jan Hollmann sagte, die Brücke sei "
            "marode und müsse abgerissen werden.",
            "blatt.de",
        ),
        _article(
            "Die Lindenbrücke wird nicht wieder geöffnet. Die Brücke sei marode, sagte "
            "Bürgermeister Jan Hollmann.",
            "kurier.de",
        ),
    ]
    comparison = compare_articles(articles).comparison
    report = comparison_html(comparison, articles)
    assert "„Die Brücke sei marode" not in report and "„die Brücke sei marode" not in report
    reported = [m for f in comparison.facts for m in f.members if m.role == "reported"]
    assert reported and all(m.speaker == "Jan Hollmann" for m in reported)
    assert ">reported: Jan Hollmann<" in report


class CountingEncoder:
    """The real encoder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        self.inner = default_encoder()
        self.model_name = self.inner.model_name
        self.max_chars = self.inner.max_chars
        self.encoded = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded += len(texts)
        return self.inner.encode(texts)


def test_unit_vectors_are_cached_in_the_store_and_change_nothing() -> None:
    articles = [
        _article(text, outlet)
        for text, outlet in zip(BRIDGES, ("blatt.de", "kurier.de", "schnellpost.de"), strict=True)
    ]
    store = MemoryStore()
    encoder = CountingEncoder()
    cold = compare_articles(articles, store=store, encoder=encoder).comparison
    assert encoder.encoded > 0
    encoded = encoder.encoded
    warm = compare_articles(articles, store=store, encoder=encoder).comparison
    assert encoder.encoded == encoded  # every vector came from the store
    without_store = compare_articles(articles, encoder=encoder).comparison
    assert cold.to_json() == warm.to_json() == without_store.to_json()


def test_a_weekday_and_a_date_meet_and_disagree_when_the_day_differs() -> None:
    """'Donnerstag' and '24. September' (a Thursday) are one day; '23. September' is a
    Wednesday, whatever week the outlet meant: a date discrepancy with both outlets' words."""
    published = datetime(2026, 9, 25, 8, tzinfo=UTC)
    articles = [
        _article(
            "Der Stadtrat von Kellbach hat am Donnerstag den Bau eines neuen Stadions mit 31 zu "
            "24 Stimmen beschlossen. Die Stadt gibt zwölf Millionen Euro dazu.",
            "blatt.de",
            published=published,
        ),
        _article(
            "Mit 31 zu 24 Stimmen hat der Kellbacher Stadtrat am 24. September den Bau eines "
            "neuen Stadions beschlossen. Zwölf Millionen Euro kommen von der Stadt.",
            "kurier.de",
            published=published,
        ),
        _article(
            "Am 23. September hat der Stadtrat in Kellbach mit 31 zu 24 Stimmen den Bau eines "
            "neuen Stadions beschlossen. Die Stadt zahlt zwölf Millionen Euro.",
            "bote.de",
            published=published,
        ),
    ]
    comparison = compare_articles(articles).comparison
    fact = _fact_with(comparison, articles, "am Donnerstag den Bau", "am 24. September")
    assert fact is not None and "bote.de" in fact.outlets
    (discrepancy,) = [d for d in fact.discrepancies if d.field == "date"]
    outlets = {
        value.value: {fact.members[s.member].outlet for s in value.stated}
        for value in discrepancy.values
    }
    # the 24th is a Thursday: it stands with "Donnerstag"
    assert outlets == {"thu": {"blatt.de", "kurier.de"}, "wed": {"bote.de"}}
    report = comparison_html(comparison, articles)
    assert "Donnerstag" in report and "23. September" in report
