"""Speakers as real news pages write them: source phrases, appositions, German verb-
second order with a fronted adverbial, English titles before a name, and names and roles that
stand for a person introduced earlier. Every sentence here is invented for the test."""

from __future__ import annotations

from newsprism.analyse.annotate import analyse_articles
from newsprism.model.article import Article
from newsprism.model.spans import Quote


def _quotes(text: str, language: str = "de") -> list[Quote]:
    article = Article.from_text(text, outlet="x.example", language=language)
    [(document, _)] = analyse_articles([article])
    return list(document.quotes)


def _speakers(text: str, language: str = "de") -> list[tuple[str | None, str]]:
    """(canonical speaker, quoted text) of every quote."""
    return [
        (quote.speaker.canonical if quote.speaker else None, quote.text_of(text))
        for quote in _quotes(text, language)
    ]


def _speaker_of(text: str, beginning: str, language: str = "de") -> str | None:
    found = [speaker for speaker, said in _speakers(text, language) if said.startswith(beginning)]
    assert found, f"no quote begins with {beginning!r} in {_speakers(text, language)}"
    assert len(set(found)) == 1, found
    return found[0]


# -- 1. source phrases: the noun of saying is the channel, its attachment the speaker ---------
def test_nach_angaben_der_names_the_organisation() -> None:
    text = "Nach Angaben der Feuerwehr griff das Feuer auf zwei Nachbarhäuser über."
    assert _speaker_of(text, "griff das Feuer") == "Feuerwehr"


def test_nach_angaben_in_mid_sentence() -> None:
    text = "Das Feuer griff nach Angaben der Feuerwehr auf zwei Nachbarhäuser über."
    assert _speaker_of(text, "Das Feuer griff") == "Feuerwehr"


def test_nach_angaben_des_role_and_name_gives_the_person() -> None:
    text = (
        "Nach Angaben des Oberstaatsanwalts Mario Mannweiler wurden am Dienstag drei "
        "Verdächtige festgenommen."
    )
    assert _speaker_of(text, "wurden am Dienstag") == "Mario Mannweiler"


def test_laut_drops_the_article_of_the_source() -> None:
    text = "Laut der Bergwacht mussten zwei Wanderer mit dem Hubschrauber geborgen werden."
    assert _speaker_of(text, "mussten zwei Wanderer") == "Bergwacht"


def test_zufolge_with_angaben_and_article() -> None:
    text = "Den Angaben der Wasserwacht zufolge trieb das Boot zwei Stunden auf dem See."
    assert _speaker_of(text, "trieb das Boot") == "Wasserwacht"


def test_zufolge_after_a_dative_article() -> None:
    text = "Der Wasserwacht zufolge trieb das Boot zwei Stunden auf dem See."
    assert _speaker_of(text, "trieb das Boot") == "Wasserwacht"


def test_nach_eigenen_angaben_is_the_subject_speaking() -> None:
    text = "Der Kleingartenverein hat nach eigenen Angaben inzwischen 400 Mitglieder."
    assert _speaker_of(text, "Der Kleingartenverein hat") == "Kleingartenverein"


def test_wie_ein_sprecher_mitteilte() -> None:
    text = "Die Talstraße bleibt bis Freitag gesperrt, wie ein Sprecher der Stadt mitteilte."
    assert _speakers(text) == [
        ("ein Sprecher der Stadt", "Die Talstraße bleibt bis Freitag gesperrt")
    ]


def test_a_place_in_an_attachment_is_not_the_speaker() -> None:
    text = "Ein Sprecher des Landratsamts in Cochem sagte, die Straße bleibe bis Freitag gesperrt."
    speaker = _speaker_of(text, "die Straße bleibe")
    assert speaker is not None and speaker != "Cochem" and "Landratsamts" in speaker


# -- 2. appositions: the name in commas after a role phrase is the speaker --------------------
def test_apposition_after_inverted_verb_gives_the_name_and_the_clause_after_it() -> None:
    text = (
        "Am Mittwoch sagte die Sprecherin der Vereinten Nationen, Ilka Brandauer, die Hilfe "
        "werde aufgestockt."
    )
    assert _speakers(text) == [("Ilka Brandauer", "die Hilfe werde aufgestockt")]


def test_apposition_with_a_capitalised_adjective_in_the_role() -> None:
    text = "„Wir unterzeichnen heute“, sagte die Sprecherin des Weißen Hauses, Karoline Leavitt."
    assert _speaker_of(text, "Wir unterzeichnen") == "Karoline Leavitt"


def test_a_clause_after_the_comma_is_no_apposition() -> None:
    text = "Am Montag sagte der Minister, Deutschland müsse mehr für die Brücken tun."
    assert _speakers(text) == [("Minister", "Deutschland müsse mehr für die Brücken tun")]


# -- 3. verb second: a fronted adverbial is never the speaker ---------------------------------
def test_fronted_adverb_then_role_resolves_to_the_person() -> None:
    text = (
        "Innenministerin Petra Lindner besuchte am Morgen die Feuerwache. Erneut betonte die "
        "Ministerin, dass die Lage ernst sei."
    )
    assert _speaker_of(text, "dass die Lage") == "Petra Lindner"


def test_fronted_adverb_with_auxiliary() -> None:
    text = "Zuvor hatte die Landrätin erklärt, dass die Straße gesperrt bleibe."
    assert _speaker_of(text, "dass die Straße") == "Landrätin"


def test_a_feminine_role_never_stands_for_a_man() -> None:
    text = (
        "Innenminister Klaus Hoffmeister besuchte am Morgen die Feuerwache. Erneut betonte die "
        "Ministerin, dass die Lage ernst sei."
    )
    speaker = _speaker_of(text, "dass die Lage")
    assert speaker not in {"Erneut", "Klaus Hoffmeister"}


def test_pronoun_of_quantity_stays_the_subject() -> None:
    text = "Beide sagten, die Gespräche seien gut verlaufen."
    assert _speaker_of(text, "die Gespräche") == "Beide"


def test_adverbial_before_the_subject_after_the_verb() -> None:
    text = "Die Brücke sei nicht mehr sicher, sagte am Montag die Landrätin."
    assert _speaker_of(text, "Die Brücke") == "Landrätin"


def test_place_before_the_subject_is_not_part_of_the_name() -> None:
    text = (
        "Innenminister Klaus Hoffmeister besuchte am Morgen die Feuerwache. „Die Lage ist "
        "ernst“, erklärte in Mainz Hoffmeister."
    )
    assert _speaker_of(text, "Die Lage ist ernst") == "Klaus Hoffmeister"


def test_wie_with_place_then_surname() -> None:
    text = (
        "Innenminister Klaus Hoffmeister besuchte am Morgen die Feuerwache. Wie in Mainz "
        "Hoffmeister betonte, sei die Lage ernst."
    )
    assert _speaker_of(text, "sei die Lage") == "Klaus Hoffmeister"


# -- 4. English: a title in small letters before the name -------------------------------------
def test_english_said_title_name() -> None:
    text = '"This is a good day for the town," said city treasurer Bernd Hollatz.'
    assert _speaker_of(text, "This is a good day", "en") == "Bernd Hollatz"


def test_english_said_title_name_then_relative_clause() -> None:
    text = (
        '"We will not give up," said district administrator Sabine Terhorst, who declared a '
        "state of emergency on Monday."
    )
    assert _speaker_of(text, "We will not give up", "en") == "Sabine Terhorst"


def test_english_title_name_said_colon() -> None:
    text = 'City treasurer Bernd Hollatz said: "This is a good day for the town."'
    assert _speaker_of(text, "This is a good day", "en") == "Bernd Hollatz"


def test_english_said_the_role() -> None:
    text = '"We are ready for the flood," said the mayor.'
    assert _speaker_of(text, "We are ready", "en") == "mayor"


# -- 5. a surname or a role standing for a person named before --------------------------------
def test_surname_after_full_name_resolves() -> None:
    text = (
        "Innenminister Klaus Hoffmeister besuchte am Morgen die Feuerwache. In Mainz erklärte "
        "Hoffmeister, die Lage sei ernst."
    )
    assert _speaker_of(text, "die Lage sei ernst") == "Klaus Hoffmeister"


def test_role_after_fronted_adverb_resolves() -> None:
    text = (
        "Innenminister Klaus Hoffmeister besuchte am Morgen die Feuerwache. Später sagte der "
        "Minister, die Lage sei ernst."
    )
    assert _speaker_of(text, "die Lage sei ernst") == "Klaus Hoffmeister"


def test_role_given_in_an_apposition_after_the_name_resolves() -> None:
    text = (
        "Klaus Hoffmeister, Innenminister des Landes, besuchte am Morgen die Feuerwache. Später "
        "sagte der Minister, die Lage sei ernst."
    )
    assert _speaker_of(text, "die Lage sei ernst") == "Klaus Hoffmeister"


def test_role_with_article_in_an_apposition_resolves() -> None:
    text = (
        "Jana Roth, die Bürgermeisterin der Stadt, besuchte am Morgen die Feuerwache. Die "
        "Bürgermeisterin sagte, die Lage sei ernst."
    )
    assert _speaker_of(text, "die Lage sei ernst") == "Jana Roth"


# -- opinion is not quotation ------------------------------------------------------------------
def test_the_writers_konjunktiv_ii_is_not_the_last_speakers() -> None:
    """A commentary quotes the mayor, then judges her: the judgement is in the Konjunktiv II
    and has no cue, and it must not become her reported speech."""
    text = (
        "Bürgermeisterin Jana Roth sagte, die Schließung des Bades sei unvermeidlich. "
        "Das mag sein. Aber es wäre ihre Aufgabe gewesen, rechtzeitig für Aufsicht zu sorgen."
    )
    said = _speakers(text)
    assert any(speaker == "Jana Roth" and s.startswith("die Schließung") for speaker, s in said)
    assert not any("Aufgabe" in s for _, s in said), said


def test_konjunktiv_i_still_carries_reported_speech_on() -> None:
    text = (
        "Bürgermeisterin Jana Roth sagte, das Bad bleibe im Sommer geschlossen. "
        "Die Sanierung koste rund 2,4 Millionen Euro."
    )
    assert _speaker_of(text, "Die Sanierung koste") == "Jana Roth"


# -- 2. relative clauses: a speech verb inside one is no speech act of the main clause ---------
def test_a_speech_verb_in_a_relative_clause_is_not_reported_speech() -> None:
    text = (
        "Der Landtag hat die Schuldenbremse erneut ausgesetzt. Aber eine Notlage, die jedes "
        "Jahr aufs Neue erklärt wird, ist keine Notlage mehr."
    )
    assert _speakers(text) == []


def test_the_speaker_before_a_relative_clause_is_its_antecedent() -> None:
    text = "Ein Sprecher, der anonym bleiben will, sagte, die Gespräche seien gescheitert."
    assert _speaker_of(text, "die Gespräche") == "Ein Sprecher"


def test_a_relative_clause_with_its_own_dass_clause_still_reports() -> None:
    text = "Die Ministerin, die am Montag sagte, dass die Lage ernst sei, reiste am Abend ab."
    assert any(said.startswith("dass die Lage ernst sei") for _, said in _speakers(text))


# -- 3. English reported speech: no comma, no Konjunktiv -----------------------------------------
def test_english_said_with_a_clause_after_it() -> None:
    text = "In an interview with a radio station, Bremer said talks could resume on Monday."
    assert _speakers(text, "en") == [("Bremer", "talks could resume on Monday")]


def test_english_and_said_gives_the_sentences_subject() -> None:
    text = (
        "The chief executive, Lars Bremer, rejected the demands and said the company had made "
        "a fair offer."
    )
    assert _speaker_of(text, "the company had made", "en") == "Lars Bremer"


def test_english_according_to() -> None:
    text = "According to the operator, all 36 crossings planned for the weekend were cancelled."
    assert _speaker_of(text, "all 36 crossings", "en") == "operator"


def test_english_frame_of_a_direct_quote_is_not_reported_speech() -> None:
    text = '"We did not take this decision lightly," said union negotiator Petra Hansen.'
    assert [said for _, said in _speakers(text, "en")] == ["We did not take this decision lightly,"]


# -- 4. the writer's judgement of what someone demands is no quote --------------------------------
def test_a_speech_verb_in_a_clause_of_condition_is_the_writers_judgement() -> None:
    text = (
        "Oberbürgermeisterin Ute Brehm hat recht, wenn sie lückenlose Aufklärung fordert. Aber "
        "sie sitzt selbst seit sechs Jahren im Aufsichtsrat."
    )
    assert _speakers(text) == []


# -- 5. age nouns and nouns that stood before a name ----------------------------------------------
def test_an_age_noun_stands_for_the_person_the_text_is_about() -> None:
    text = (
        "Marco Odermatt hat den Riesenslalom von Adelboden gewonnen. Er lag 0,4 Sekunden vor "
        "dem Österreicher Stefan Brennsteiner. „Das ist etwas Besonderes“, sagte der "
        "27-Jährige im Ziel."
    )
    assert _speaker_of(text, "Das ist etwas Besonderes") == "Marco Odermatt"


def test_a_noun_that_stood_before_the_name_stands_for_the_person() -> None:
    text = (
        "Den zweiten Platz belegte der Slowene Jan Kranjec. Er habe im zweiten Lauf zu viel "
        "riskiert, sagte der Slowene."
    )
    assert _speaker_of(text, "Er habe im zweiten Lauf") == "Jan Kranjec"
