"""Quotations on hand-written German sentences, each a case the rules must get right."""

from __future__ import annotations

import time

import pytest

from newsprism.analyse.pipeline import default_pipeline
from newsprism.model.spans import Quote, QuoteKind

D, IND, M = QuoteKind.DIRECT, QuoteKind.INDIRECT, QuoteKind.MIXED


def quotes(text: str) -> list[tuple[QuoteKind, str | None, str]]:
    document = default_pipeline().analyse(text, "de")
    return [(q.kind, _speaker(q), q.text_of(text)) for q in document.quotes]


def _speaker(quote: Quote) -> str | None:
    return quote.speaker.canonical if quote.speaker else None


CASES = [
    (
        "„Wir haben keine Wahl“, sagte Ministerin Anna Wagner am Montag.",
        [(D, "Anna Wagner", "Wir haben keine Wahl")],
    ),
    (
        "Jonas Kern sagte: »Die Brücke bleibt gesperrt.«",
        [(D, "Jonas Kern", "Die Brücke bleibt gesperrt.")],
    ),
    (
        'Der Trainer Paul Brandt sagte: "Wir spielen auf Sieg."',
        [(D, "Paul Brandt", "Wir spielen auf Sieg.")],
    ),
    (
        "Anna Wagner kam spät. „Wir gehen“, sagte sie, „und zwar sofort.“",
        [(D, "Anna Wagner", "Wir gehen“, sagte sie, „und zwar sofort.")],
    ),
    (
        "Bürgermeister Jonas Kern sagte, die Stadt habe keine andere Wahl gehabt.",
        [(IND, "Jonas Kern", "die Stadt habe keine andere Wahl gehabt")],
    ),
    (
        "Die Lage sei ernst, sagte Jonas Kern.",
        [(IND, "Jonas Kern", "Die Lage sei ernst")],
    ),
    (
        "Wie Jonas Kern betonte, sei die Brücke nicht mehr sicher.",
        [(IND, "Jonas Kern", "sei die Brücke nicht mehr sicher")],
    ),
    (
        "Laut Polizei wurde bei dem Unfall niemand verletzt.",
        [(IND, "Polizei", "wurde bei dem Unfall niemand verletzt")],
    ),
    (
        "Nach Angaben der Feuerwehr brannte das Haus vollständig aus.",
        [(IND, "Feuerwehr", "brannte das Haus vollständig aus")],
    ),
    (
        "Jonas Kern sagte, die Brücke sei „absolut sicher“ und bleibe offen.",
        [
            (M, "Jonas Kern", "die Brücke sei „absolut sicher“ und bleibe offen"),
            (D, "Jonas Kern", "absolut sicher"),
        ],
    ),
    (
        "Der Verein „Allianz der Vernunft“ lud zur Tagung ein. Gezeigt wurde der Film "
        "»Das Boot«, danach sprach man über das »Bündnis für Arbeit«.",
        [],
    ),
    (
        "Jonas Kern und Anna Wagner trafen sich im Rathaus. Sie sagte danach, man sei sich "
        "einig geworden.",
        [(IND, "Anna Wagner", "man sei sich einig geworden")],
    ),
    (
        "Jonas Kern und Anna Wagner trafen sich im Rathaus. Er sagte danach, man sei sich "
        "einig geworden.",
        [(IND, "Jonas Kern", "man sei sich einig geworden")],
    ),
    (
        "Ministerin Anna Wagner trat am Freitag zurück. Die Ex-Ministerin sagte, sie habe "
        "keine Fehler gemacht.",
        [(IND, "Anna Wagner", "sie habe keine Fehler gemacht")],
    ),
    (
        "Jonas Kern sagte, der Haushalt sei solide. Die Stadt habe keine neuen Schulden "
        "gemacht. Am Abend begann die Sitzung.",
        [
            (IND, "Jonas Kern", "der Haushalt sei solide"),
            (IND, "Jonas Kern", "Die Stadt habe keine neuen Schulden gemacht"),
        ],
    ),
    (
        "Wir sprachen mit der Ärztin Lea Sommer.\nFrage: Wie geht es weiter?\n"
        "Sommer: Wir brauchen mehr Personal.",
        [(D, "Lea Sommer", "Wir brauchen mehr Personal.")],
    ),
    (
        "Rentner Horst Lemke ist empört: »Ich habe der Kasse vertraut.«",
        [(D, "Horst Lemke", "Ich habe der Kasse vertraut.")],
    ),
    (
        "„Wir bleiben. Wir kämpfen weiter.\n„Aufgeben ist keine Option“, sagte Anna Wagner.",
        [(D, "Anna Wagner", "Wir bleiben. Wir kämpfen weiter.\n„Aufgeben ist keine Option")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_quotation_cases(text: str, expected: list[tuple[QuoteKind, str | None, str]]) -> None:
    assert quotes(text) == expected


def test_cue_and_speaker_spans_point_into_the_text() -> None:
    text = "„Das ist ein Skandal“, schimpfte Oppositionsführer Jan-Erik Sommer (CDU)."
    document = default_pipeline().analyse(text, "de")
    (quote,) = document.quotes
    assert quote.cue is not None and quote.cue.text_of(text) == "schimpfte"
    assert quote.speaker is not None
    assert quote.speaker.text_of(text).startswith("Oppositionsführer Jan-Erik Sommer")
    assert quote.speaker.canonical == "Jan-Erik Sommer"
    assert quote.speaker.role == "Oppositionsführer"
    assert 0.5 < quote.confidence <= 1


def test_first_person_commentary_is_not_reported_speech() -> None:
    assert quotes("Ich halte die Idee dennoch für richtig. Ich habe da meine Zweifel.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Merkel:\nDie Lage ist ernst.",
        "Wir sprachen mit der Ärztin Lea Sommer.\nSommer:\nWir brauchen mehr Personal.",
        "Die Zahlen lieferte Jonas Data.\nJonas Data :\nDie Kurse schlossen fester.",
        "Lea Sommer kam spät.\nSommer:",
        "Lea Sommer kam spät.\nSommer\n: Wir brauchen mehr Personal.",
    ],
)
def test_a_name_and_a_colon_alone_on_a_line_is_no_answer(text: str) -> None:
    """An interview answer is the rest of the line after 'Name:'; an empty rest is none."""
    document = default_pipeline().analyse(text, "de")
    assert "quotes" in document.done  # the quote stage ran through, it did not fail on the line
    for quote in document.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert not quote.text_of(text).startswith(":")
        if quote.speaker is not None:
            assert quote.speaker.start <= quote.speaker.end <= len(text)


def test_an_answer_after_a_name_on_its_line_is_still_found() -> None:
    text = "Wir sprachen mit der Ärztin Lea Sommer.\nSommer:\nNun.\nSommer: Wir brauchen mehr Personal."
    assert quotes(text) == [(D, "Lea Sommer", "Wir brauchen mehr Personal.")]


@pytest.mark.slow
def test_thousands_of_quotes_and_names_take_linear_time() -> None:
    """Speakers were looked up by a scan over all entities per quote: 8,000 quotes took ~35 s."""
    text = "„Wir gehen jetzt nach Hause“, sagte Anna Wagner. " * 8_000
    started = time.perf_counter()
    document = default_pipeline().analyse(text, "de")
    assert time.perf_counter() - started < 20
    assert len(document.quotes) == 8_000
    assert {q.speaker.canonical for q in document.quotes if q.speaker} == {"Anna Wagner"}
