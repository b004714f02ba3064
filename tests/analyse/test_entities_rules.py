"""Entity spans readers check at once: institutions, line-end hyphens, types of known names.

The sentences are invented for these tests.
"""

from __future__ import annotations

import pytest

from newsprism.analyse.document import Document
from newsprism.analyse.sentences import split_sentences
from newsprism.analyse.stages import EntityLists, entity_lists, refine_entities
from newsprism.analyse.tokenize import tokenize
from newsprism.model.spans import Entity, EntityLabel

_LISTS = EntityLists(
    institutions={"weißen hauses": "ORG", "europaparlament": "ORG", "unterhaus": "ORG"},
    known={"frankreich": "LOC", "olaf scholz": "PER", "scholz": "PER"},
)


def _document(text: str) -> Document:
    document = Document(text, "de", tokenize(text))
    document.sentence_bounds = split_sentences(document.tokens)
    return document


def _entity(document: Document, phrase: str, label: EntityLabel) -> Entity:
    start = document.text.index(phrase)
    return Entity(start, start + len(phrase), label)


def _spans(document: Document, entities: list[Entity]) -> set[tuple[str, str]]:
    return {(e.text_of(document.text), e.label.value) for e in entities}


def test_line_end_hyphen_keeps_the_sentence_whole() -> None:
    text = "Die Luft-\nfahrtbehörde und das Zentrum für Luft-\nund Raumfahrt prüfen den Fall."
    document = _document(text)
    assert len(document.sentence_bounds) == 1


def test_a_name_is_not_cut_at_a_line_end_hyphen() -> None:
    text = (
        "Das Deutsche Zentrum für Luft-\nund Raumfahrt und die US-\nKüstenwache der Luft-\nfahrt."
    )
    document = _document(text)
    tagged = [
        _entity(document, "Deutsche Zentrum für Luft-", EntityLabel.ORG),
        _entity(document, "US-", EntityLabel.LOC),
        Entity(text.rindex("fahrt"), text.rindex("fahrt") + 5, EntityLabel.MISC),
    ]
    assert _spans(document, refine_entities(document, tagged, EntityLists({}, {}))) == {
        ("Deutsche Zentrum für Luft-\nund Raumfahrt", "ORG"),
        ("US-\nKüstenwache", "LOC"),
        ("Luft-\nfahrt", "MISC"),
    }


def test_a_dash_at_a_line_end_still_ends_the_line() -> None:
    document = _document("Kurz gemeldet -\nNeue Zahlen kommen morgen.")
    assert len(document.sentence_bounds) == 2


def test_institutions_become_organisations() -> None:
    document = _document(
        "Eine Sprecherin des Weißen Hauses sagte, das Europaparlament und die US-Küstenwache "
        "hätten mit der Labour-Partei nichts zu tun."
    )
    found = refine_entities(document, [], _LISTS)
    assert _spans(document, found) == {
        ("Weißen Hauses", "ORG"),
        ("Europaparlament", "ORG"),
        ("US-Küstenwache", "ORG"),
        ("Labour-Partei", "ORG"),
    }


def test_an_institution_replaces_a_wrongly_typed_or_cut_span() -> None:
    document = _document("Im Weißen Hauses wurde gestern verhandelt.")
    tagged = [_entity(document, "Weißen", EntityLabel.LOC)]
    assert _spans(document, refine_entities(document, tagged, _LISTS)) == {("Weißen Hauses", "ORG")}


def test_known_names_get_their_type_and_garbage_spans_go() -> None:
    document = _document(
        "Olaf Scholz reiste nach Frankreich, wo die epische Wahlschlacht der US-Rivalen Paulsen "
        "begann."
    )
    tagged = [
        _entity(document, "Olaf Scholz", EntityLabel.LOC),
        _entity(document, "Frankreich", EntityLabel.PER),
        _entity(document, "epische Wahlschlacht", EntityLabel.ORG),
        _entity(document, "US-Rivalen Paulsen", EntityLabel.PER),
    ]
    assert _spans(document, refine_entities(document, tagged, _LISTS)) == {
        ("Olaf Scholz", "PER"),
        ("Frankreich", "LOC"),
        ("Paulsen", "PER"),
    }


def test_a_hyphenated_first_name_stays_in_the_name() -> None:
    document = _document("Laut Karl-Heinz Brenner und SPD-Chefin Ute Faltin bleibt alles.")
    tagged = [
        _entity(document, "Karl-Heinz Brenner", EntityLabel.PER),
        _entity(document, "SPD-Chefin Ute Faltin", EntityLabel.PER),
    ]
    assert _spans(document, refine_entities(document, tagged, _LISTS)) == {
        ("Karl-Heinz Brenner", "PER"),
        ("Ute Faltin", "PER"),
    }


def test_shipped_lists_hold_institutions_and_countries() -> None:
    lists = entity_lists()
    assert lists.institutions.get("weißes haus") == "ORG"
    assert lists.institutions.get("unterhaus") == "ORG"
    assert lists.known.get("frankreich") == "LOC"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Am Montag stimmte das Unterhaus in London über den Antrag ab.", ("Unterhaus", "ORG")),
        ("Das Europaparlament in Straßburg billigte den Haushalt.", ("Europaparlament", "ORG")),
        ("Die Sprecherin des Weißen Hauses wies das zurück.", ("Weißen Hauses", "ORG")),
        ("Die US-Küstenwache suchte die ganze Nacht.", ("US-Küstenwache", "ORG")),
    ],
)
def test_pipeline_finds_institutions(text: str, expected: tuple[str, str]) -> None:
    from newsprism.analyse.pipeline import default_pipeline  # the shipped models, loaded once

    document = default_pipeline().analyse(text, "de")
    assert expected in _spans(document, document.entities)


def test_pipeline_never_cuts_a_name_at_a_line_end_hyphen() -> None:
    from newsprism.analyse.pipeline import default_pipeline  # the shipped models, loaded once

    text = "Forscher des Instituts für Luft-\nfahrttechnik in Bremen stellten gestern Pläne vor."
    document = default_pipeline().analyse(text, "de")
    for entity in document.entities:
        assert not entity.text_of(text).endswith("-")
