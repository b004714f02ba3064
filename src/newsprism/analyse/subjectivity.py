"""Is a sentence the outlet's own view (SUBJ) or a report (OBJ)? Cues a reader can check.

A transparent scorer, no trained model: each cue found in the sentence is shown with its
offsets, and the score is a logistic of a hand-set weight per kind of cue (at most
`CAP` occurrences of a kind count):

    score = 1 / (1 + exp(-(BIAS + sum(WEIGHTS[kind] * min(count(kind), CAP)))))

SUBJ when score >= THRESHOLD. Cues for the outlet's own voice: first person, second-person
address, imperatives, speculative modals ("dürfte", "könnte", "müsste"), speculation
adverbs, modal particles ("doch", "eben", "halt"), intensifiers ("völlig", "absolut"),
evaluative words from the German Polarity Lexicon (Klenner et al. 2010, Apache-2.0; the file
that `compare/framing.py` also reads) with a stronger weight before a noun, exclamation marks,
questions (in news text mostly rhetorical), scare quotes (a quoted word or two that nobody is
said to have said, "sogenannt"), and generic "man". Cues against it: attribution (a speech
verb, "laut", "zufolge", "so der …", a "Name:" answer line) and reported speech in the
Konjunktiv ("sei", "habe", "werde"): a sentence that reports what someone said is the
outlet's report even when what was said is an opinion. Words inside quotation marks are what
others said and never count for the outlet's voice.

The word lists are hand-written. The weights and the bias were chosen on the train split of
CheckThat! 2025 Task 1 (German; CC BY-NC-SA 4.0) by a coordinate search in steps of 0.5: a
handful of rounded numbers, not a model of that data; none of its text is in the package
(docs/analysis.md, "Subjectivity", says how, and what it means for the licence).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

from newsprism.analyse.document import Token
from newsprism.analyse.quotemarks import quotation_marks
from newsprism.analyse.tokenize import tokenize
from newsprism.model.spans import Span


class SubjectivityLabel(StrEnum):
    SUBJ = "SUBJ"
    OBJ = "OBJ"


class CueKind(StrEnum):
    FIRST_PERSON = "first_person"
    SECOND_PERSON = "second_person"
    IMPERATIVE = "imperative"
    MODAL = "modal"
    SPECULATION = "speculation"
    PARTICLE = "particle"
    INTENSIFIER = "intensifier"
    EVALUATIVE = "evaluative"
    EVALUATIVE_ATTRIBUTE = "evaluative_attribute"
    EXCLAMATION = "exclamation"
    QUESTION = "question"
    SCARE_QUOTES = "scare_quotes"
    GENERIC_MAN = "generic_man"
    ATTRIBUTION = "attribution"
    REPORTED_SPEECH = "reported_speech"
    CONNECTIVE = "connective"
    NUMBER = "number"


# The few numbers of the scorer, chosen on CheckThat! train (CC BY-NC-SA; see the module's doc).
WEIGHTS: dict[CueKind, float] = {
    CueKind.FIRST_PERSON: 1.5,
    CueKind.SECOND_PERSON: 0.5,
    CueKind.IMPERATIVE: 1.0,
    CueKind.MODAL: 1.5,
    CueKind.SPECULATION: 2.0,
    CueKind.PARTICLE: 0.5,
    CueKind.INTENSIFIER: 3.0,
    CueKind.EVALUATIVE: 1.0,
    CueKind.EVALUATIVE_ATTRIBUTE: 1.0,
    CueKind.EXCLAMATION: 1.5,
    CueKind.QUESTION: 2.0,
    CueKind.SCARE_QUOTES: 0.5,
    CueKind.GENERIC_MAN: 1.0,
    CueKind.CONNECTIVE: 0.5,
    CueKind.ATTRIBUTION: -2.0,
    CueKind.REPORTED_SPEECH: -3.0,
    CueKind.NUMBER: -0.5,
}
BIAS = -1.0
CAP = 2  # occurrences of one kind that count
THRESHOLD = 0.5

FIRST_PERSON = frozenset(
    "ich mir mich mein meine meinen meinem meiner meines wir uns unser unsere unseren "
    "unserem unserer unseres".split()
)
SECOND_PERSON = frozenset(
    "du dich dir dein deine deinen deinem deiner euch euer eure euren".split()
)
FORMAL_ADDRESS = frozenset("Sie Ihnen Ihr Ihre Ihren Ihrem Ihrer Ihres".split())
MODALS = frozenset(
    "dürfte dürften könnte könnten sollte sollten müsste müssten muss müssen wäre wären".split()
)
SPECULATION = frozenset(
    "wohl vermutlich offenbar offensichtlich möglicherweise anscheinend vielleicht scheinbar "
    "angeblich wahrscheinlich sicherlich zweifellos zweifelsohne eindeutig scheint scheinen "
    "natürlich wirklich tatsächlich keineswegs keinesfalls leider hoffentlich wohlgemerkt "
    "jedenfalls selbstverständlich durchaus".split()
)
PARTICLES = frozenset(
    "doch eben halt eigentlich nämlich bloß eh ausgerechnet sogar überhaupt freilich "
    "schließlich immerhin gar einfach lediglich".split()
)
INTENSIFIERS = frozenset(
    "völlig absolut extrem total enorm äußerst höchst unglaublich zutiefst geradezu regelrecht "
    "schlicht schlichtweg maßlos komplett überaus ungeheuer wahnsinnig furchtbar schrecklich "
    "gänzlich sehr massiv dermaßen derart".split()
)
# "zu" before one of these is an intensifier of excess: "zu viele", "zu spät".
EXCESS = frozenset(
    "viel viele wenig wenige weit früh spät hoch groß klein teuer lang stark schnell oft "
    "selten gering niedrig".split()
)
# Parts of nouns that judge what they name ("Panikmache", "Corona-Diktatur", "Lügenpresse").
PEJORATIVE_PARTS = (
    "panik",
    "propaganda",
    "diktatur",
    "lüge",
    "lügen",
    "hetze",
    "hysterie",
    "wahnsinn",
    "irrsinn",
    "schwachsinn",
    "unsinn",
    "gutmensch",
    "mainstream",
    "systemmedien",
    "skandal",
    "desaster",
    "farce",
    "versagen",
    "willkür",
    "machenschaft",
    "angstmache",
    "zensur",
    "unterdrückung",
    "verbrechen",
    "betrug",
)
# Speech and report verbs, and the prepositions of attribution, outside quotation marks.
SPEECH_VERBS = frozenset(
    """
    sagte sagten sagt gesagt erklärte erklärten erklärt betonte betonten betont meinte
    meinten berichtete berichteten berichtet schreibt schreiben schrieb schrieben teilte teilten
    forderte forderten fordert kritisierte kritisierten kritisiert warnte warnten warnt
    äußerte äußerten geäußert bekundete bestätigte bestätigten ergänzte ergänzt
    sprach spricht verwies verweist argumentierte argumentiert räumte versicherte kündigte
    kündigt ankündigte erläuterte erläutert zitiert zitierte heißt hieß antwortete behauptete
    bekräftigte unterstrich
    """.split()
)
ATTRIBUTION_WORDS = frozenset("laut zufolge".split())
ATTRIBUTION_NOUNS = frozenset("Angaben Ansicht Aussage Aussagen Auffassung Einschätzung".split())
KONJUNKTIV = frozenset(
    """
    sei seien habe werde könne müsse solle dürfe wolle gebe gehe komme liege stehe bestehe
    handle handele brauche wisse mache bleibe lasse zeige fehle
    """.split()
)
# A sentence that opens with one of these argues with the one before ("Denn …", "Und …").
CONNECTIVES = frozenset("Und Denn Aber Doch Also Dabei".split())
DATE_WORDS = frozenset(
    """
    Januar Februar März April Mai Juni Juli August September Oktober November Dezember
    Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Prozent
    """.split()
)
_NOT_AFTER_ICH = frozenset({"habe", "werde", "könne", "müsse", "solle", "wolle"})
_SPEAKER_LINE = re.compile(r"^\s*(?:[A-ZÄÖÜ][\w.\-]*\s){0,2}[A-ZÄÖÜ][\w.\-]*:\s")
_NOT_A_SPEAKER = frozenset(
    "Das Die Der Ein Eine Es Und Aber Doch Vorher Fazit Erstens Zweitens Drittens Fakt".split()
)
# Lexicon words that in news describe more than they judge (a "positive" test, an "increased"
# risk, "additional" help).
DESCRIPTIVE = frozenset(
    """
    positiv negativ zusätzlich direkt fest anders betroffen bestimmt erhöht normal natürlich
    verschieden informiert gestorben verstorben menschlich offen hoch niedrig gering stark
    schnell unerwünscht pathologisch infizieren schützen verhindern unterstützen gesund krank
    alleine allein neu alt groß klein lang kurz früh spät verletzt tot getötet nah klar fertig
    """.split()
)
_INFINITIVE = ("en", "ern", "eln")  # a verb of the lexicon: "verbessern", "angreifen"
_ADJECTIVE_ENDINGS = ("sten", "ster", "stes", "stem", "ste", "en", "er", "es", "em", "e")
_QUOTE_CHARS = frozenset('„“”"»«‚‘’›‹')
_SCARE_WORDS = 3  # a quoted phrase of at most this many words, with no speaker, is a scare quote


@dataclass(frozen=True, slots=True)
class Cue:
    kind: CueKind
    span: Span
    weight: float


@dataclass(frozen=True, slots=True)
class Subjectivity:
    """The sentence's score (0..1, higher = the outlet's own view), label, and the cues."""

    score: float
    label: SubjectivityLabel
    cues: tuple[Cue, ...]

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for cue in self.cues:
            counted[cue.kind.value] = counted.get(cue.kind.value, 0) + 1
        return counted


@functools.cache
def polarity_lexicon() -> dict[str, float]:
    """The German Polarity Lexicon as shipped with `compare` (read as data: importing the
    `compare` stage from `analyse` would break the layering)."""
    path = resources.files("newsprism") / "compare" / "data" / "polarity-de.tsv"
    lexicon: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, value = line.partition("\t")
            lexicon[word] = float(value)
    return lexicon


def sentence_subjectivity(text: str, language: str = "de") -> Subjectivity:
    """Score one sentence of plain text. Other languages than German get only the
    punctuation cues (exclamation, question, scare quotes), their word lists being German."""
    tokens = tokenize(text)
    quoted = _quoted_mask(text, tokens)
    cues: list[Cue] = []
    german = language.lower().startswith("de")
    if german:
        cues.extend(_word_cues(text, tokens, quoted))
    cues.extend(_punctuation_cues(text, tokens, quoted))
    total = BIAS
    for kind, weight in WEIGHTS.items():
        total += weight * min(sum(1 for cue in cues if cue.kind is kind), CAP)
    score = 1.0 / (1.0 + math.exp(-total))
    label = SubjectivityLabel.SUBJ if score >= THRESHOLD else SubjectivityLabel.OBJ
    return Subjectivity(round(score, 4), label, tuple(sorted(cues, key=lambda cue: cue.span.start)))


def _cue(kind: CueKind, start: int, end: int) -> Cue:
    return Cue(kind, Span(start, end), WEIGHTS[kind])


def _word_cues(text: str, tokens: list[Token], quoted: list[bool]) -> list[Cue]:
    lexicon = polarity_lexicon()
    cues: list[Cue] = []
    first_word = _first_word(tokens)
    for index, token in enumerate(tokens):
        if quoted[index]:
            continue
        word = token.text
        lowered = word.lower()
        found: CueKind | None = None
        if lowered in FIRST_PERSON:
            found = CueKind.FIRST_PERSON
        elif lowered in SECOND_PERSON or (word in FORMAL_ADDRESS and index > first_word):
            found = CueKind.SECOND_PERSON
        elif lowered in MODALS:
            found = CueKind.MODAL
        elif lowered in SPECULATION:
            found = CueKind.SPECULATION
        elif lowered in PARTICLES and index > first_word:
            found = CueKind.PARTICLE
        elif lowered in INTENSIFIERS or _excess(tokens, index):
            found = CueKind.INTENSIFIER
        elif lowered.endswith("erweise") and len(lowered) > 9:  # "seltsamerweise"
            found = CueKind.SPECULATION
        elif lowered == "man":
            found = CueKind.GENERIC_MAN
        elif _attribution(tokens, index):
            found = CueKind.ATTRIBUTION
        elif lowered in KONJUNKTIV and not _first_person_verb(tokens, index):
            found = CueKind.REPORTED_SPEECH
        elif lowered == "sogenannt" or lowered.startswith("sogenannte"):
            found = CueKind.SCARE_QUOTES
        elif index == first_word and word in CONNECTIVES:
            found = CueKind.CONNECTIVE
        elif word in DATE_WORDS or word == "%" or word[:1].isdigit():
            found = CueKind.NUMBER
        else:
            found = _evaluative(tokens, index, lexicon)
        if found is not None:
            cues.append(_cue(found, token.start, token.end))
    cues.extend(_frame_cues(text, tokens, quoted, first_word))
    return cues


def _frame_cues(text: str, tokens: list[Token], quoted: list[bool], first: int) -> list[Cue]:
    """Cues of the sentence's shape: an imperative opening, "nach Angaben …", "…, so der
    Tagesspiegel", and an answer line ("Drosten: …")."""
    cues: list[Cue] = []
    if first + 1 < len(tokens) and not quoted[first]:
        verb, after = tokens[first], tokens[first + 1]
        if (
            verb.text[:1].isupper()
            and verb.text.endswith(("en", "ern", "eln"))
            and after.text in {"Sie", "wir", "uns"}
            and not text.rstrip().endswith("?")
        ):
            cues.append(_cue(CueKind.IMPERATIVE, verb.start, verb.end))
    for index in range(1, len(tokens) - 1):
        token = tokens[index]
        if (
            token.text in ATTRIBUTION_NOUNS
            and tokens[index - 1].text.lower() == "nach"
            and not quoted[index]
        ):
            cues.append(_cue(CueKind.ATTRIBUTION, tokens[index - 1].start, token.end))
        if token.text == "so" and not quoted[index] and tokens[index - 1].text == ",":
            following = tokens[index + 1].text
            if following in {"der", "die", "das", "ein", "eine"} or following[:1].isupper():
                cues.append(_cue(CueKind.ATTRIBUTION, token.start, token.end))
    speaker = _SPEAKER_LINE.match(text)
    if speaker and text.split(None, 1)[0].rstrip(":") not in _NOT_A_SPEAKER:
        cues.append(_cue(CueKind.ATTRIBUTION, speaker.start(), speaker.end() - 1))
    return cues


def _attribution(tokens: list[Token], index: int) -> bool:
    """A speech verb or "laut"/"zufolge"; not "das heißt" (that is to say)."""
    lowered = tokens[index].text.lower()
    if lowered == "heißt" and index and tokens[index - 1].text.lower() == "das":
        return False
    return lowered in SPEECH_VERBS or lowered in ATTRIBUTION_WORDS


def _first_person_verb(tokens: list[Token], index: int) -> bool:
    """ "ich habe", "werde ich": the indicative of the first person, not reported speech."""
    if tokens[index].text.lower() not in _NOT_AFTER_ICH:
        return False
    around = {tokens[i].text.lower() for i in (index - 1, index + 1) if 0 <= i < len(tokens)}
    return "ich" in around


def _excess(tokens: list[Token], index: int) -> bool:
    """ "zu viele", "zu spät": "zu" before a word of degree."""
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    return tokens[index].text.lower() == "zu" and following in EXCESS


def _evaluative(tokens: list[Token], index: int, lexicon: dict[str, float]) -> CueKind | None:
    found = evaluative_stem(tokens, index, lexicon)
    if found is None:
        return None
    return CueKind.EVALUATIVE_ATTRIBUTE if found.attributive else CueKind.EVALUATIVE


@dataclass(frozen=True, slots=True)
class EvaluativeStem:
    """Why a word judges: its entry in the lexicon (or the judging part of a noun) and whether
    it stands before a noun ("ein fauler Kompromiss")."""

    stem: str
    polarity: float
    attributive: bool
    pejorative_part: bool = False


def evaluative_stem(
    tokens: Sequence[Token], index: int, lexicon: dict[str, float]
) -> EvaluativeStem | None:
    """A lower-case word of the lexicon (adjective, adverb, participle; not its verbs, which
    in news report an action more than they judge it), inflected adjectives by their ending.
    The lexicon's nouns are left out: in news they name the topic ("Impfung", "Krise", "Klinikum")
    more than they judge it; nouns count when a part of them judges (`PEJORATIVE_PARTS`). Words
    that describe more than they judge (`DESCRIPTIVE`) do not count."""
    word = tokens[index].text
    if word[:1].isupper():
        lowered = word.lower()
        part = next((part for part in PEJORATIVE_PARTS if part in lowered), None)
        return EvaluativeStem(part, -1.0, False, True) if part else None
    if not word[:1].islower():
        return None
    stem = word if word in lexicon else None
    if stem is None:
        for ending in _ADJECTIVE_ENDINGS:
            candidate = word[: -len(ending)]
            if word.endswith(ending) and len(candidate) >= 3 and candidate in lexicon:
                stem = candidate
                break
    if stem is None or stem in DESCRIPTIVE or stem.endswith(_INFINITIVE):
        return None
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    return EvaluativeStem(stem, lexicon[stem], stem != word and following[:1].isupper())


def _punctuation_cues(text: str, tokens: list[Token], quoted: list[bool]) -> list[Cue]:
    cues: list[Cue] = []
    for index, token in enumerate(tokens):
        if token.text == "!" and not quoted[index]:
            cues.append(_cue(CueKind.EXCLAMATION, token.start, token.end))
    last = len(tokens) - 1
    while last >= 0 and tokens[last].text in _QUOTE_CHARS:
        last -= 1
    # "Können Sie uns erläutern …?" is an interview question, not a rhetorical one.
    interview = bool({token.text for token in tokens} & FORMAL_ADDRESS)
    if last >= 0 and tokens[last].text == "?" and not quoted[last] and not interview:
        cues.append(_cue(CueKind.QUESTION, tokens[last].start, tokens[last].end))
    has_attribution = any(
        _attribution(tokens, index) for index in range(len(tokens)) if not quoted[index]
    )
    if not has_attribution:
        for marks in quotation_marks(text):
            inner = text[marks.start + 1 : marks.end - 1]
            whole = marks.end - marks.start >= len(text.strip())  # the sentence is a quote
            if (
                not marks.open_ended
                and not whole
                and 1 <= len(inner.split()) <= _SCARE_WORDS
                and inner[-1:] not in ".?!"
            ):
                cues.append(_cue(CueKind.SCARE_QUOTES, marks.start, marks.end))
    return cues


def _first_word(tokens: list[Token]) -> int:
    """The index of the first token that is a word (after list marks, quotes, '>' and '(5)')."""
    for index, token in enumerate(tokens):
        if token.text[:1].isalpha():
            return index
    return len(tokens)


def _quoted_mask(text: str, tokens: list[Token]) -> list[bool]:
    """Tokens inside quotation marks (the marks included). A closing mark with no opening one
    before it ends a quote that began in an earlier sentence: all before it is quoted."""
    mask = [False] * len(tokens)
    spans = [(marks.start, marks.end) for marks in quotation_marks(text)]
    opened_before = _closes_earlier_quote(text, spans)
    if opened_before is not None:
        spans.append((0, opened_before + 1))
    starts = [token.start for token in tokens]
    for start, end in spans:
        index = bisect.bisect_left(starts, start)
        while index < len(tokens) and tokens[index].end <= end:
            mask[index] = True
            index += 1
    return mask


def _closes_earlier_quote(text: str, spans: list[tuple[int, int]]) -> int | None:
    """The offset of a closing „…“-style mark that no opening mark in this text pairs with."""
    for position, char in enumerate(text):
        closing = char in "“«" and position > 0 and not text[position - 1].isspace()
        if closing and not any(start <= position < end for start, end in spans):
            return position
        if char in "„»":
            return None
    return None
