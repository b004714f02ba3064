"""Cases a new user found trying `compare` on their own articles (three invented stories: a
ferry accident in two German and one English outlet, an agency text with a shortened reprint, a
commentary beside two reports). Each would have put a false sentence on the page."""

from __future__ import annotations

from newsprism.compare.coverage import ClosestOf, omissions
from newsprism.compare.story import compare_articles
from newsprism.model.article import Article
from newsprism.model.comparison import Closest, Fact, FactMember, OmissionStatus
from newsprism.model.spans import Span
from tests.compare.test_units import claims


def _article(text: str, outlet: str, language: str = "de") -> Article:
    return Article.from_text(text, outlet=outlet, language=language)


def _number_discrepancies(articles: list[Article]) -> list[set[str]]:
    comparison = compare_articles(articles).comparison
    return [
        {value.value for value in d.values}
        for fact in comparison.facts
        for d in fact.discrepancies
        if d.field == "number"
    ]


def test_a_part_before_davon_is_no_count_of_its_own() -> None:
    """'Zwölf Fahrgäste …, drei davon schwer' counts twelve: against '14 Menschen' that is the
    discrepancy, and the three seriously injured are no third value."""
    first = _article(
        "Beim Aufprall der Fähre auf den Anleger wurden 14 Menschen verletzt. Die Reederei "
        "prüft die Steuerung.",
        "ostsee.example",
    )
    second = _article(
        "Beim Aufprall der Fähre auf den Anleger wurden zwölf Menschen verletzt, drei davon "
        "schwer. Die Reederei prüft die Steuerung.",
        "abendpost.example",
    )
    found = _number_discrepancies([first, second])
    assert {"14", "12"} in found
    assert not any("3" in values for values in found)


def test_a_clause_with_bevor_says_nothing_happened() -> None:
    for whole in (
        "Das Land muss dem Konzept noch zustimmen, bevor die ersten Schilder aufgestellt werden.",
        "The state must approve the plan before the first signs go up.",
    ):
        language = "en" if whole.startswith("The") else "de"
        assert claims(whole, language) == [whole]


def test_an_outlet_whose_unit_reports_the_fact_elsewhere_is_not_charged() -> None:
    """A unit of the outlet scores as well with the fact as an aligned one would (it stands in
    another fact, a unit being in one fact only): no "not found", let alone "left out"."""
    articles = [
        Article(id=article_id, text="Eins. Zwei.", outlet=f"{article_id}.example")
        for article_id in ("a", "b", "c")
    ]
    members = tuple(FactMember(a.id, a.outlet or "", Span(0, 5), Span(0, 5)) for a in articles[:2])
    facts = [Fact(members, ("a", "b"))]
    voices = {a.id: a.id for a in articles}

    def closest(score: float) -> ClosestOf:
        return lambda outlet, fact: (Closest("c", Span(0, 4), score), score >= 0.3)

    assert omissions(facts, articles, voices, closest(0.8))["c.example"] == ()
    (charged,) = omissions(facts, articles, voices, closest(0.1))["c.example"]
    assert charged.status is OmissionStatus.LEFT_OUT


def test_a_name_counts_as_named_where_its_text_stands() -> None:
    """'Kiels Innenstadt', 'die CDU-Fraktion', 'SPD-Politiker': the outlet names them, even
    where the tagger found no entity; the page must not say it leaves them out."""
    first = _article(
        "Die Stadt Kiel führt Tempo 30 ein. Die CDU lehnt den Plan ab, die SPD stimmt zu. "
        "Ratsfrau Birte Scholten warnte vor längeren Busfahrzeiten.",
        "zpa.example",
    )
    second = _article(
        "In Kiels Innenstadt gilt bald Tempo 30. Die CDU-Fraktion stimmte dagegen, ein "
        "SPD-Politiker verteidigte den Plan. Fraktionschefin Scholten sprach von Bussen.",
        "rundblick.example",
    )
    comparison = compare_articles([first, second]).comparison
    everyone = set().union(*comparison.entities.values())
    left_out = everyone - comparison.entities["rundblick.example"]
    assert not {"Kiel", "CDU", "SPD", "Birte Scholten"} & left_out, left_out
