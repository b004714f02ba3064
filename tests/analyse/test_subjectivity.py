"""Sentence subjectivity on hand-written German news sentences: the outlet's own view (SUBJ),
a plain report (OBJ), and an opinion the outlet reports (OBJ: it is someone else's)."""

from __future__ import annotations

import time

import pytest

from newsprism.analyse.subjectivity import (
    CueKind,
    SubjectivityLabel,
    sentence_subjectivity,
)

SUBJ, OBJ = SubjectivityLabel.SUBJ, SubjectivityLabel.OBJ

OPINION = [
    "Diese Reform ist ein völlig verfehltes Projekt, und wir sollten endlich aufhören, "
    "sie schönzureden!",
    "Wer glaubt eigentlich noch an die Versprechen dieser Regierung?",
    "Lassen Sie sich von diesen Zahlen nicht täuschen.",
    "Der Kanzler dürfte mit seinem Plan krachend scheitern.",
    "Das ist schlicht ein Skandal.",
]
REPORT = [
    "Der Gemeinderat von Lindau bewilligte am Dienstag 12 Millionen Euro für eine neue Fähre.",
    "Die neue Fähre soll ab 2028 bis zu 300 Fahrgäste befördern.",
    "Der Zoo in Hannover hat zwei junge Eisbären aus Dänemark bekommen.",
    "Nach Angaben der Polizei wurden bei dem Unfall auf der A7 drei Menschen leicht verletzt.",
]
REPORTED_OPINION = [
    "„Diese Reform ist ein völliges Desaster“, sagte die Oppositionsführerin am Mittwoch.",
    "Die Regierung habe in der Krise völlig versagt, sagte Müller.",
    "Die Pläne seien unausgegoren und gefährlich, kritisierte der Verband.",
    "Laut der Gewerkschaft ist die Reform ein Angriff auf die Beschäftigten.",
    "„Wir sind absolut entsetzt!“, sagte die Sprecherin der Initiative.",
]


@pytest.mark.parametrize("sentence", OPINION)
def test_the_outlets_own_opinion_is_subjective(sentence: str) -> None:
    result = sentence_subjectivity(sentence)
    assert result.label is SUBJ, result
    assert result.score >= 0.5 and result.cues


@pytest.mark.parametrize("sentence", REPORT + REPORTED_OPINION)
def test_reports_and_reported_opinions_are_objective(sentence: str) -> None:
    result = sentence_subjectivity(sentence)
    assert result.label is OBJ, result
    assert 0.0 <= result.score < 0.5


def test_the_evidence_is_offset_spans_into_the_sentence() -> None:
    text = OPINION[0]
    result = sentence_subjectivity(text)
    found = {(cue.kind, cue.span.text_of(text)) for cue in result.cues}
    assert {
        (CueKind.INTENSIFIER, "völlig"),
        (CueKind.EVALUATIVE_ATTRIBUTE, "verfehltes"),
        (CueKind.FIRST_PERSON, "wir"),
        (CueKind.MODAL, "sollten"),
        (CueKind.EXCLAMATION, "!"),
    } <= found
    starts = [cue.span.start for cue in result.cues]
    assert starts == sorted(starts)
    assert result.counts()["first_person"] == 1


def test_words_inside_quotation_marks_are_someone_elses() -> None:
    quoted = sentence_subjectivity("„Wir sind absolut entsetzt!“, sagte die Sprecherin.")
    kinds = {cue.kind for cue in quoted.cues}
    assert kinds == {CueKind.ATTRIBUTION}
    # The same words as the outlet's own: first person, intensifier, exclamation.
    own = sentence_subjectivity("Wir sind absolut entsetzt!")
    assert {CueKind.FIRST_PERSON, CueKind.INTENSIFIER, CueKind.EXCLAMATION} <= {
        cue.kind for cue in own.cues
    }
    assert own.label is SUBJ


def test_attribution_outweighs_the_reported_content() -> None:
    content = "Die Regierung hat in der Krise völlig versagt."
    reported = "Die Regierung habe in der Krise völlig versagt, sagte Müller."
    assert sentence_subjectivity(content).score > sentence_subjectivity(reported).score
    kinds = {cue.kind for cue in sentence_subjectivity(reported).cues}
    assert {CueKind.ATTRIBUTION, CueKind.REPORTED_SPEECH} <= kinds


def test_scare_quotes_and_answer_lines() -> None:
    text = "Die sogenannte „Reform“ kostet die Bürger viel Geld."
    scare = sentence_subjectivity(text)
    shown = [cue.span.text_of(text) for cue in scare.cues if cue.kind is CueKind.SCARE_QUOTES]
    assert shown == ["sogenannte", "„Reform“"]
    answer = "Anna Wagner: Ich halte das für einen großen Fehler."
    result = sentence_subjectivity(answer)
    assert CueKind.ATTRIBUTION in {cue.kind for cue in result.cues}


def test_other_languages_get_only_the_punctuation_cues() -> None:
    result = sentence_subjectivity("Is this really the best they can do?", language="en")
    assert {cue.kind for cue in result.cues} == {CueKind.QUESTION}
    assert sentence_subjectivity("", language="de").label is OBJ


def test_a_quoted_sentence_is_no_scare_quote_and_odd_input_is_scored() -> None:
    assert not sentence_subjectivity("„Das ist toll“").cues
    for odd in ("", "„", "“", "\n\n", "a“b„c»d«", "?!"):
        assert 0.0 <= sentence_subjectivity(odd).score <= 1.0
    long_text = "Die Regierung sagte: „Das ist völlig falsch!“ Wir finden das skandalös. " * 700
    started = time.perf_counter()
    sentence_subjectivity(long_text)  # 50 KB: linear, not quadratic in the quotes
    assert time.perf_counter() - started < 2.0


def test_it_is_fast_enough_for_every_sentence_of_a_batch() -> None:
    sentences = (OPINION + REPORT + REPORTED_OPINION) * 40  # 560 sentences
    started = time.perf_counter()
    for sentence in sentences:
        sentence_subjectivity(sentence)
    assert time.perf_counter() - started < 3.0
