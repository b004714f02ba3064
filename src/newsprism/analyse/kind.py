"""The kind of an article (report, commentary, interview, agency copy, live blog) from evidence a
reader can check, each piece with its offsets.

In order of strength: what the outlet calls the piece (a label in the title, the first line or
the URL: "Kommentar:", "/meinung/", "Interview |"); structure (three or more answer lines of an
interview, three or more time-stamped entries of a live blog, an agency dateline "Emden (dpa) –");
then the outlet's own voice outside everything it quotes or reports as speech. A commentary
argues: its writer says "I" or "we", asks questions the reader is meant to answer, judges what
should or must happen ("sollte", "muss", "should"), speaks of "man", muses in the Konjunktiv II
("wäre", "würde"), speculates ("dürfte", "wohl") and uses evaluative words. A tabloid report is
loud (capitals, exclamation marks, loaded words) but it tells what happened and who said it, so
loudness counts against commentary, not for it. Words inside quotation marks and inside reported
speech are what others said and never count for the outlet's voice.

The score is a sum of hand-set weights over capped counts (`OPINION_WEIGHTS`), commentary at
`OPINION_THRESHOLD` or more: a handful of round numbers, set on our own invented articles
(tests/data/kind_gold.json and tests/data/facts_gold.json) and checked on the example corpus;
docs/analysis.md, "Article kind", gives the figures.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from enum import StrEnum

from newsprism.analyse import subjectivity
from newsprism.analyse.document import Document
from newsprism.model.article import ArticleKind
from newsprism.model.spans import Span


class KindBasis(StrEnum):
    """How a kind was decided, strongest first; shown beside the kind."""

    LABEL = "label"  # the outlet's own word for the piece
    STRUCTURE = "structure"  # answer lines, live entries, an agency dateline
    VOICE = "voice"  # the outlet's own voice: opinion cues, or their absence


# How each basis reads beside a kind, for a reader deciding how far to trust it.
BASIS_TEXT = {
    KindBasis.LABEL: "the outlet's own label",
    KindBasis.STRUCTURE: "its structure (answer lines, live entries or an agency dateline)",
    KindBasis.VOICE: "the writer's voice (opinion cues or their absence): a judgement, check it",
}
DECLARED_TEXT = "as its source declared"


def kind_basis_text(kind: ArticleKind, decided: ArticleKind | None, basis: str | None) -> str:
    """Why an article has its kind: decided by analysis (and how), or declared by its source."""
    if decided is not None and basis is not None and kind is decided:
        return BASIS_TEXT.get(KindBasis(basis), basis)
    return DECLARED_TEXT if kind is not ArticleKind.UNKNOWN else ""


class OpinionCue(StrEnum):
    FIRST_PERSON = "first_person"
    QUESTION = "question"
    JUDGEMENT = "judgement"  # should/must, generic "man", Konjunktiv II of the writer
    SPECULATION = "speculation"
    EVALUATIVE = "evaluative"  # evaluative words make up a large share of the outlet's words
    PARTICLE = "particle"  # "ausgerechnet", "immerhin", "völlig": the writer weighs
    SUBJECTIVE = "subjective"  # a sentence the subjectivity scorer calls the outlet's own view
    LOUD = "loud"  # capitals and exclamation marks: a tabloid's report, counts against


OPINION_WEIGHTS = {
    OpinionCue.FIRST_PERSON: 2.0,
    OpinionCue.QUESTION: 1.5,
    OpinionCue.JUDGEMENT: 1.0,
    OpinionCue.SPECULATION: 1.0,
    OpinionCue.EVALUATIVE: 2.0,
    OpinionCue.PARTICLE: 0.5,
    OpinionCue.SUBJECTIVE: 0.5,
    OpinionCue.LOUD: -1.0,
}
OPINION_CAPS = {
    OpinionCue.FIRST_PERSON: 3,
    OpinionCue.QUESTION: 2,
    OpinionCue.JUDGEMENT: 4,
    OpinionCue.SPECULATION: 2,
    OpinionCue.EVALUATIVE: 1,
    OpinionCue.PARTICLE: 4,
    OpinionCue.SUBJECTIVE: 4,
    OpinionCue.LOUD: 3,
}
# A report tells who said what; a commentary says what its writer thinks: per share of the
# sentences that hold a quote or reported speech (0.3 of them: -1.8).
ATTRIBUTED_WEIGHT = -6.0
OPINION_THRESHOLD = 5.0
EVALUATIVE_SHARE = 0.04  # evaluative words per word of the outlet's own voice
QUOTED_SHARE = 0.3  # a text that is this much quoted speech reports, whatever else it does

FIRST_PERSON = subjectivity.FIRST_PERSON | frozenset("i we my our us me ourselves myself".split())
SPECULATION = subjectivity.SPECULATION | frozenset(
    "dürfte dürften probably perhaps apparently presumably seemingly arguably surely".split()
)
PARTICLES = subjectivity.PARTICLES | subjectivity.INTENSIFIERS
# The writer's judgement of what should be: normative modals in the Konjunktiv II, the generic
# "man", the Konjunktiv II the writer muses in (outside reported speech, where it would be
# someone else's). "muss" and "darf" are left out: reports use them for rules ("Alle Bewohner
# müssen ihre Häuser verlassen").
JUDGEMENT = frozenset(
    "sollte sollten müsste müssten man wäre wären wär's würde würden hätte hätten "
    "should ought wise".split()
)
# English words that judge (the polarity lexicon is German); written for newsprism.
EVALUATIVE_EN = frozenset(
    """
    mistake wrong reckless shameful disgrace absurd foolish ridiculous outrageous scandal
    sensible dreadful terrible excellent brilliant failure betrayal cynical naive disastrous
    shocking appalling admirable courageous cowardly pathetic laughable hypocritical
    """.split()
)
# What an outlet calls a piece where it labels it: in the title ("Kommentar: …", "Meinung |"),
# the first line above the text, or the URL path ("/meinung/", "/opinion/").
_OPINION_LABELS = (
    "kommentar|meinung|leitartikel|kolumne|gastbeitrag|gastkommentar|glosse|standpunkt|analyse|"
    "pro und contra|opinion|op-ed|oped|editorial|commentary|column|comment|analysis"
)
_LIVE_LABELS = "liveticker|live-ticker|liveblog|live-blog|newsblog|ticker|live"
_LABEL_IN_TITLE = re.compile(
    rf"^\s*(?:(?P<opinion>{_OPINION_LABELS})|(?P<interview>interview)|(?P<live>{_LIVE_LABELS}))"
    r"\s*[:|–—-]",
    re.IGNORECASE,
)
_LIVE_IN_TITLE = re.compile(rf"\b(?:{_LIVE_LABELS})\b|\+\+\+", re.IGNORECASE)
_LABEL_IN_URL = re.compile(
    rf"/(?:(?P<opinion>{_OPINION_LABELS}|meinungen|kommentare|opinions)|(?P<interview>interviews?)"
    rf"|(?P<live>{_LIVE_LABELS}|live-?news))/",
    re.IGNORECASE,
)
_AGENCY_DATELINE = re.compile(
    r"^[A-ZÄÖÜ][\wÄÖÜäöüß.\-/ ]{1,40}\((?:dpa|afp|ap|reuters|epd|kna|zpa|sid|apa|sda|ddp)\)",
    re.IGNORECASE,
)
# "Dörr: Das verstehe ich." — a speaker's name (or "Frage") opening a line of an interview.
_ANSWER_LINE = re.compile(r"^(?:Frage|[A-ZÄÖÜ][\wäöüß\-]{1,30}):\s", re.MULTILINE)
# "+++ 16.42 Uhr: …", "14:05 Uhr –", "9.30 a.m. —" opening a line: one entry of a live blog.
_LIVE_ENTRY = re.compile(
    r"^(?:\+\+\+\s*)?\d{1,2}[.:]\d{2}\s*(?:Uhr|h|a\.m\.|p\.m\.|am|pm)?\s*(?:[:–—|-]|\+\+\+)",
    re.MULTILINE,
)
_LOUD_WORD = re.compile(r"\b[A-ZÄÖÜ]{5,}\b")


@dataclass(frozen=True, slots=True)
class KindEvidence:
    """What decided an article's kind, with offsets into its text."""

    label: ArticleKind | None  # what the outlet calls the piece (title, first line, URL)
    answer_lines: int
    live_entries: int
    agency_dateline: Span | None
    cues: tuple[tuple[OpinionCue, Span], ...]  # the outlet's own voice, in text order
    evaluative_share: float
    quoted_share: float
    attributed_share: float  # sentences that hold a quote or reported speech

    def counts(self) -> dict[OpinionCue, int]:
        counted = dict.fromkeys(OpinionCue, 0)
        for cue, _ in self.cues:
            counted[cue] += 1
        counted[OpinionCue.EVALUATIVE] = int(self.evaluative_share > EVALUATIVE_SHARE)
        return counted

    @property
    def opinion_score(self) -> float:
        counts = self.counts()
        voice = sum(
            weight * min(counts[cue], OPINION_CAPS[cue]) for cue, weight in OPINION_WEIGHTS.items()
        )
        return voice + ATTRIBUTED_WEIGHT * self.attributed_share


@dataclass(frozen=True, slots=True)
class KindDecision:
    kind: ArticleKind
    basis: KindBasis
    evidence: KindEvidence


def decide_kind(
    document: Document, title: str | None = None, url: str | None = None
) -> KindDecision:
    """The kind of one analysed article, and why."""
    evidence = kind_evidence(document, title, url)
    return KindDecision(*_decide(evidence), evidence)


def _decide(evidence: KindEvidence) -> tuple[ArticleKind, KindBasis]:
    if evidence.label is not None:
        return evidence.label, KindBasis.LABEL
    if evidence.answer_lines >= 3:
        return ArticleKind.INTERVIEW, KindBasis.STRUCTURE
    if evidence.live_entries >= 3:
        return ArticleKind.LIVE, KindBasis.STRUCTURE
    if evidence.agency_dateline is not None:
        return ArticleKind.AGENCY, KindBasis.STRUCTURE
    if evidence.opinion_score >= OPINION_THRESHOLD and evidence.quoted_share < QUOTED_SHARE:
        return ArticleKind.COMMENTARY, KindBasis.VOICE
    return ArticleKind.REPORT, KindBasis.VOICE


def kind_evidence(document: Document, title: str | None, url: str | None) -> KindEvidence:
    text = document.text
    quoted = quoted_mask(document)
    tokens = document.tokens
    lemmas = document.lemmas or [token.text for token in tokens]
    lexicon = subjectivity.polarity_lexicon()
    cues: list[tuple[OpinionCue, Span]] = []
    own_words = evaluative = 0
    for index, token in enumerate(tokens):
        if quoted[index]:
            continue
        lowered = token.text.lower()
        cue = _token_cue(token.text, lowered)
        if cue is not None:
            cues.append((cue, Span(token.start, token.end)))
        if token.text[:1].isalnum():
            own_words += 1
            evaluative += bool(
                lexicon.get(token.text) or lexicon.get(lemmas[index]) or lowered in EVALUATIVE_EN
            )
    sentence_cues, unscored = _sentence_cues(document, quoted)
    cues.extend(sentence_cues)
    if title and (title.isupper() or title.rstrip().endswith("!")):
        cues.append((OpinionCue.LOUD, Span(0, 0)))  # the headline shouts; not in the text
    dateline = _AGENCY_DATELINE.match(text)
    evidence = KindEvidence(
        label=outlet_label(title, text, url),
        answer_lines=len(_ANSWER_LINE.findall(text)),
        live_entries=len(_LIVE_ENTRY.findall(text)),
        agency_dateline=Span(dateline.start(), dateline.end()) if dateline else None,
        cues=tuple(sorted(cues, key=lambda cue: cue[1].start)),
        evaluative_share=evaluative / max(own_words, 1),
        quoted_share=sum(q.end - q.start for q in document.quotes) / max(len(text), 1),
        attributed_share=_attributed_share(document),
    )
    if not _subjectivity_decides(evidence):
        return evidence
    # The sentence scorer is the costly part (about ten times the rest): it runs only where
    # its sentences can still turn a report into a commentary.
    subjective = [
        (OpinionCue.SUBJECTIVE, span)
        for span in unscored
        if subjectivity.sentence_subjectivity(
            text[span.start : span.end], document.language or "de"
        ).label
        is subjectivity.SubjectivityLabel.SUBJ
    ]
    return dataclasses.replace(
        evidence, cues=tuple(sorted((*cues, *subjective), key=lambda cue: cue[1].start))
    )


def _token_cue(text: str, lowered: str) -> OpinionCue | None:
    if lowered in FIRST_PERSON:
        return OpinionCue.FIRST_PERSON
    if lowered in SPECULATION:
        return OpinionCue.SPECULATION
    if lowered in JUDGEMENT:
        return OpinionCue.JUDGEMENT
    if lowered in PARTICLES:
        return OpinionCue.PARTICLE
    if text == "!" or (text[:1].isupper() and _LOUD_WORD.fullmatch(text)):
        return OpinionCue.LOUD
    return None


def _subjectivity_decides(evidence: KindEvidence) -> bool:
    """Whether subjective sentences could still change the kind decided without them."""
    if _decide(evidence)[1] is not KindBasis.VOICE or evidence.quoted_share >= QUOTED_SHARE:
        return False
    most = OPINION_WEIGHTS[OpinionCue.SUBJECTIVE] * OPINION_CAPS[OpinionCue.SUBJECTIVE]
    return evidence.opinion_score < OPINION_THRESHOLD <= evidence.opinion_score + most


def _attributed_share(document: Document) -> float:
    quotes = sorted((quote.start, quote.end) for quote in document.quotes)
    sentences = document.sentences
    attributed = sum(
        1
        for sentence in sentences
        if any(start < sentence.end and end > sentence.start for start, end in quotes)
    )
    return attributed / max(len(sentences), 1)


def _sentence_cues(
    document: Document, quoted: list[bool]
) -> tuple[list[tuple[OpinionCue, Span]], list[Span]]:
    """Questions the outlet asks and generic "Wer …, …" sentences; and the sentences left for
    the subjectivity scorer (none inside a quote, no question, none ending loud)."""
    tokens = document.tokens
    cues: list[tuple[OpinionCue, Span]] = []
    unscored: list[Span] = []
    for first, last in document.sentence_bounds:
        span = Span(tokens[first].start, tokens[last - 1].end)
        if all(quoted[first:last]):
            continue
        if tokens[last - 1].text == "?" and not quoted[last - 1]:
            cues.append((OpinionCue.QUESTION, span))
            continue  # the scorer would count the question once more
        if tokens[first].text == "Wer" and "," in (t.text for t in tokens[first:last]):
            cues.append((OpinionCue.JUDGEMENT, Span(tokens[first].start, tokens[first].end)))
        if tokens[last - 1].text != "!":  # loud counts against, not for
            unscored.append(span)
    return cues, unscored


def outlet_label(title: str | None, text: str, url: str | None) -> ArticleKind | None:
    """The kind an outlet gives a piece in its title, first line or URL, if any."""
    first_line = text.split("\n", 1)[0][:80]
    for line in (title or "", first_line):
        found = _LABEL_IN_TITLE.match(line)
        if found:
            return _labelled(found)
    if title and _LIVE_IN_TITLE.search(title):
        return ArticleKind.LIVE
    found = _LABEL_IN_URL.search(url or "")
    return _labelled(found) if found else None


def _labelled(found: re.Match[str]) -> ArticleKind:
    if found["interview"]:
        return ArticleKind.INTERVIEW
    if found["live"]:
        return ArticleKind.LIVE
    return ArticleKind.COMMENTARY


def quoted_mask(document: Document) -> list[bool]:
    """Per token: inside a quote or reported speech (what others said)."""
    return document.covered(document.quotes)
