"""Fact units: one test per splitting rule and per role that is no fact, on sentences written
for these tests; values (numbers, dates, names); and a property over arbitrary news-like text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.document import Document
from newsprism.analyse.sentences import split_sentences
from newsprism.analyse.tokenize import tokenize
from newsprism.compare.units import FactUnit, UnitRole, fact_units
from newsprism.compare.values import Quantity, read_values, weekday_of
from newsprism.model.article import Article, ArticleKind

TUESDAY = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def analysed(
    text: str, language: str = "de", **metadata: object
) -> tuple[Article, Document, list[FactUnit]]:
    article = Article.from_text(text, language=language, published=TUESDAY, **metadata)
    ((document, _),) = analyse_articles([article])
    return article, document, fact_units(article, document)


def units(text: str, language: str = "de", **metadata: object) -> list[tuple[str, str]]:
    """(role, text) of each unit."""
    article, _, found = analysed(text, language, **metadata)
    return [(unit.role.value, unit.text_of(article.text)) for unit in found]


def texts(text: str, language: str = "de") -> list[str]:
    return [text for _, text in units(text, language)]


def claims(text: str, language: str = "de") -> list[str]:
    return [text for role, text in units(text, language) if role == "claim"]


# --- where a sentence is cut ---------------------------------------------------------------


def test_a_semicolon_separates_two_claims() -> None:
    assert claims(
        "Die Stadt sperrt die Lindenbrücke; der Verkehr wird über die Nordbrücke geleitet."
    ) == [
        "Die Stadt sperrt die Lindenbrücke",
        "der Verkehr wird über die Nordbrücke geleitet.",
    ]


def test_a_colon_separates_two_claims_but_not_a_list() -> None:
    assert claims("Die Bilanz ist ernüchternd: 14 Menschen kamen ins Krankenhaus.") == [
        "Die Bilanz ist ernüchternd",
        "14 Menschen kamen ins Krankenhaus.",
    ]
    whole = "Betroffen sind drei Gruppen: Kinder, Alte und Kranke."
    assert claims(whole) == [whole]


def test_a_dash_separates_two_claims_but_not_an_aside() -> None:
    assert claims("Die Brücke ist gesperrt – der Verkehr staut sich bis in die Innenstadt.") == [
        "Die Brücke ist gesperrt",
        "der Verkehr staut sich bis in die Innenstadt.",
    ]
    aside = "Der Bus – ein Reisebus aus Polen – kam von der Straße ab."
    assert claims(aside) == [aside]


def test_coordinated_clauses_are_cut_coordinated_nouns_are_not() -> None:
    assert claims("Die Opposition stimmte gegen den Plan, und die Grünen enthielten sich.") == [
        "Die Opposition stimmte gegen den Plan",
        "die Grünen enthielten sich.",
    ]
    assert claims("Die Stadt will sanieren, doch das Geld fehlt.") == [
        "Die Stadt will sanieren",
        "das Geld fehlt.",
    ]
    for whole in (
        "Fußgänger und Radfahrer dürfen die Brücke weiter nutzen.",
        "Der Ausbau dürfe nicht auf Kosten von Schweinswalen und Seevögeln gehen.",
        "Bundesweit müssen 112 Brücken abgerissen und neu gebaut werden.",
        "Möglicherweise sind Daten von Patientinnen und Patienten abgeflossen.",
    ):
        assert [text for _, text in units(whole)] == [whole], whole


def test_a_subordinate_clause_with_a_claim_of_its_own_is_cut() -> None:
    # The Konjunktiv-free "weil" clause may read as the opposition's reasons: claim or reported.
    assert texts("Die Opposition kritisierte den Plan, weil er 4,2 Mio. Euro kostet.")[1] == (
        "weil er 4,2 Mio. Euro kostet."
    )
    assert claims("Weil die Brücke marode ist, sperrt die Stadt sie ab Montag.") == [
        "Weil die Brücke marode ist",
        "sperrt die Stadt sie ab Montag.",
    ]


def test_embedded_and_content_clauses_are_not_cut() -> None:
    for whole in (
        "Der Bus kam, nachdem er gebremst hatte, von der Straße ab.",
        "Die Polizei prüft, ob der Fahrer am Steuer eingeschlafen ist.",
        "Schon vor Jahren war bekannt, dass die Brücke marode ist.",
    ):
        assert claims(whole) == [whole], whole


def test_english_clauses_are_cut_by_the_same_rules() -> None:
    assert claims("Fourteen people were taken to hospital after the bus left the road.", "en") == [
        "Fourteen people were taken to hospital",
        "after the bus left the road.",
    ]
    assert claims("North Sea leaders agreed on a plan, and Germany pledged €4.2m.", "en") == [
        "North Sea leaders agreed on a plan",
        "Germany pledged €4.2m.",
    ]
    whole = "Industry groups say the bottleneck is ships, ports and skilled workers."
    assert claims(whole, "en") == [whole]


# --- quotes and reported speech ------------------------------------------------------------


def test_a_direct_quote_is_one_unit_with_its_attribution_and_speaker() -> None:
    article, _, found = analysed(
        "Die Brücke bleibt zu. „Die Sicherheit der Menschen geht vor“, sagte Bürgermeister Jonas Hahn."
    )
    (quote,) = [unit for unit in found if unit.role is UnitRole.QUOTE]
    assert quote.text_of(article.text) == (
        "„Die Sicherheit der Menschen geht vor“, sagte Bürgermeister Jonas Hahn."
    )
    assert quote.speaker == "Jonas Hahn"
    assert quote.is_fact


def test_a_quoted_phrase_stays_in_its_claim() -> None:
    text = "Der Kanzler nannte die Einigung einen „guten Tag für Europa“."
    assert units(text) == [("claim", text)]


def test_reported_speech_is_a_claim_with_a_speaker() -> None:
    _, _, found = analysed(
        "Das Land werde sich an den Kosten beteiligen, sagte Ministerin Clara Hoffmeister."
    )
    (unit,) = found
    assert unit.role is UnitRole.REPORTED and unit.is_fact
    assert unit.speaker == "Clara Hoffmeister"


# --- roles that are no facts ---------------------------------------------------------------


def test_headline_caption_subheading_byline_and_dateline_are_kept_apart() -> None:
    text = (
        "Die gesperrte Brücke am Morgen. Foto: Stadt Kaltenbrück\n"
        "BRÜCKE DICHT!\n"
        "Kaltenbrück (zpa) – Die Stadt sperrt die Lindenbrücke für Autos.\n"
        "Kritik aus dem Handel\n"
        "Der Handel fürchtet um seine Kunden.\n"
        "Von Lisa Brandes"
    )
    roles = units(text, title="Stadt sperrt Lindenbrücke")
    assert roles == [
        ("caption", "Die gesperrte Brücke am Morgen."),
        ("caption", "Foto: Stadt Kaltenbrück"),
        ("headline", "BRÜCKE DICHT!"),
        ("dateline", "Kaltenbrück (zpa)"),
        ("claim", "Die Stadt sperrt die Lindenbrücke für Autos."),
        ("subheading", "Kritik aus dem Handel"),
        ("claim", "Der Handel fürchtet um seine Kunden."),
        ("meta", "Von Lisa Brandes"),
    ]
    assert not any(unit.is_fact for unit in analysed(text)[2] if unit.role is not UnitRole.CLAIM)


def test_a_first_line_with_a_verb_is_the_lead_when_the_title_is_another() -> None:
    text = "Weitere Streiks in den Häfen sind vom Tisch!\nDie Löhne steigen um 5,8 Prozent."
    assert units(text, title="ENDLICH! Keine Streiks mehr")[0][0] == "claim"
    assert units(text)[0][0] == "headline"  # a plain text file: the first short line


def test_rhetorical_questions_are_no_facts_but_a_quoted_question_is_a_quote() -> None:
    roles = units(
        "Ist das richtig? Man darf es bezweifeln. »Wer bezahlt mir das?«, fragt eine Pendlerin."
    )
    assert roles[0] == ("question", "Ist das richtig?")
    assert roles[1] == ("claim", "Man darf es bezweifeln.")
    assert roles[2][0] == "quote"


def test_interview_lines_are_the_speakers_and_the_interviewers() -> None:
    article, _, found = analysed(
        "Wir sprachen mit der Forscherin Selin Kaya.\n"
        "Frage: Die Täter verlangen zwei Millionen Dollar. Sollte die Klinik zahlen?\n"
        "Kaya: Lösegeld sollte man niemals zahlen.",
        kind=ArticleKind.INTERVIEW,
    )
    shown = [(u.role.value, u.text_of(article.text), u.speaker) for u in found]
    # The interviewer's statement is the outlet's: a fact (the quote finder may take it for
    # reported speech), said by nobody in particular.
    assert shown[1][0] in {"claim", "reported"}
    assert shown[1][1:] == ("Die Täter verlangen zwei Millionen Dollar.", None)
    assert shown[2:] == [
        ("question", "Sollte die Klinik zahlen?", None),
        ("quote", "Lösegeld sollte man niemals zahlen.", "Selin Kaya"),
    ]
    assert found[1].numbers == (Quantity(2_000_000, "USD"),)


# --- what a unit carries for alignment -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "numbers"),
    [
        ("Das kostet 4,2 Mio. Euro.", "de", (Quantity(4_200_000, "EUR"),)),
        ("Sie liefern 120 Gigawatt.", "de", (Quantity(120, "GW"),)),
        ("They will deliver 120 gigawatts.", "en", (Quantity(120, "GW"),)),
        ("Das 120-Gigawatt-Ziel steht.", "de", (Quantity(120, "GW"),)),
        ("Berlin will spend €4.2m on it.", "en", (Quantity(4_200_000, "EUR"),)),
        ("Zwölf Brücken und 48.000 Fahrzeuge.", "de", (Quantity(12), Quantity(48_000))),
        ("Twelve bridges and 1,300 cars.", "en", (Quantity(12), Quantity(1_300))),
        ("Die Löhne steigen um 5,8 Prozent.", "de", (Quantity(5.8, "%"),)),
        ("Der Vertrag läuft 24 Monate.", "de", (Quantity(24, "mo"),)),
        ("Das kostet 1,2 Milliarden Euro.", "de", (Quantity(1.2e9, "EUR"),)),
    ],
)
def test_numbers_are_normalised(text: str, language: str, numbers: tuple[Quantity, ...]) -> None:
    (unit,) = analysed(text, language)[2]
    assert unit.numbers == pytest.approx(numbers)


def test_dates_weekdays_and_names() -> None:
    _, _, found = analysed(
        "Am Montag traf Kanzlerin Anna Weber in Emden ein. Gestern kam Jens Aagaard. "
        "Das Abkommen gilt ab dem 1. Januar 2027. Die Brücke wurde 1968 eröffnet."
    )
    assert [unit.dates for unit in found] == [
        ("mon",),
        ("2026-03-09", "mon"),  # the day before the Tuesday of publication
        ("2027-01-01",),
        ("1968",),
    ]
    assert "Anna Weber" in found[0].names and "Emden" in found[0].names
    assert found[3].numbers == ()  # a year is a date, not a quantity


def test_digits_that_are_no_decimal_digits_are_read_as_words() -> None:
    """A "²" is a digit to str.isdigit() but int() does not read it: no number, no crash."""
    tokens = tokenize("Am ² Mai um ²² Uhr kamen 3² Leute, 2026 ²³⁴⁵.")
    found = read_values(tokens, "de")
    assert Quantity(2) not in found.numbers and "--05-02" not in found.dates


def test_a_document_without_tags_or_names_still_has_units() -> None:
    """A failed tagging stage leaves tokens and sentences; word lists stand in for the tags."""
    article = Article.from_text(
        "Emden (zpa) – Die Stadt hat die Brücke gesperrt; sie ist marode. Ist das richtig?",
        language="de",
    )
    document = Document(article.text, "de", tokens=tokenize(article.text))
    document.sentence_bounds = split_sentences(document.tokens)
    shown = [(u.role.value, u.text_of(article.text)) for u in fact_units(article, document)]
    assert shown == [
        ("dateline", "Emden (zpa)"),
        ("claim", "Die Stadt hat die Brücke gesperrt"),
        ("claim", "sie ist marode."),
        ("question", "Ist das richtig?"),
    ]


# --- every text ----------------------------------------------------------------------------

PIECES = [
    "Die Stadt sperrt die Brücke",
    "und die Grünen enthielten sich",
    "weil er 4,2 Mio. Euro kostet",
    "Ist das richtig?",
    "„Wir gehen kein Risiko ein“, sagte Hahn",
    "Foto: AFP/ Timo Kranz",
    "Emden (zpa) –",
    "Frage:",
    "Aksoy:",
    "120 Gigawatt",
    "am Dienstagabend",
    "the bus left the road",
    "(SPD)",
    "»",
    "«",
    "–",
    ";",
    ":",
    ",",
    ".",
    "?",
    "\n",
    "Von Lisa Brandes",
]


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,  # the first example loads the models
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map(" ".join),
    st.sampled_from(["de", "en"]),
)
def test_units_lie_inside_their_sentence_and_never_overlap(text: str, language: str) -> None:
    article, document, found = analysed(text, language)
    sentences = document.sentences
    ends: dict[int, int] = {}
    for unit in found:
        sentence = sentences[unit.sentence]
        assert sentence.start <= unit.span.start < unit.span.end <= sentence.end
        assert any(c.isalnum() for c in unit.text_of(article.text))
        assert unit.span.start >= ends.get(unit.sentence, 0)  # in order, no overlap
        ends[unit.sentence] = unit.span.end
        first, last = unit.tokens
        assert document.tokens[first].start == unit.span.start
        assert document.tokens[last - 1].end == unit.span.end


def test_more_clauses_are_cut_where_each_side_states_something() -> None:
    # English: a second predicate after "and" (the word list knows "is", "has"), not "-ed"
    assert claims(
        "The arena would hold 27,500 fans, up from 18,000, and is due to open in 2029.", "en"
    ) == [
        "The arena would hold 27,500 fans, up from 18,000",
        "is due to open in 2029.",
    ]
    # "since" after "has" is an adverb, not a clause of its own
    assert claims("The fire started on Monday and has since burned 450 hectares.", "en") == [
        "The fire started on Monday",
        "has since burned 450 hectares.",
    ]
    # German main clauses joined by a comma: subject and finite verb at once
    assert claims("Baubeginn ist im Sommer 2027, die Eröffnung ist für 2029 geplant.") == [
        "Baubeginn ist im Sommer 2027",
        "die Eröffnung ist für 2029 geplant.",
    ]


def test_relative_clauses_and_what_was_said_stay_with_their_clause() -> None:
    for whole in (
        "Die Stadt sperrte die Brücke, die seit Jahren marode ist.",
        "Ein Sprecher der Gewerkschaft sagte, man sei mit dem Ergebnis zufrieden.",
        "Der Minister, der seit 2020 im Amt ist, trat zurück.",
    ):
        assert claims(whole) == [whole], whole


def test_a_written_out_date_has_its_weekday() -> None:
    assert weekday_of("2026-10-08") == "thu"
    assert weekday_of("--10-08") is None  # no year: no weekday
    assert weekday_of("2026-02-30") is None
    assert weekday_of("2026-10") is None
