"""Framing of one article, with the spans that show it: kind, evaluative words, tone to actors.

The kind (report, commentary, interview, agency) comes from features a reader can check: first
person outside quotes, evaluative words, speculation, rhetorical questions, interview answer
lines, an agency dateline, and how much of the text is quoted. Evaluative words come from the
German Polarity Lexicon (Apache-2.0, see data/polarity-de.tsv); words inside quotes are what
others said and do not count for the outlet's own voice.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from newsprism.analyse.document import Document
from newsprism.model.article import Article, ArticleKind
from newsprism.model.comparison import EvaluativeWord, Framing
from newsprism.model.spans import EntityLabel, Span

LEXICON_NAME = "textblob-de polarity (Klenner et al. 2010)"
FIRST_PERSON = frozenset(
    {"ich", "wir", "mein", "meine", "unser", "unsere", "uns", "mir", "mich"}
    | {"i", "we", "my", "our", "us", "me", "ourselves", "myself"}
)
SPECULATION = frozenset(
    "wohl vermutlich offenbar möglicherweise anscheinend vielleicht scheinbar mutmaßlich "
    "dürfte dürften probably perhaps apparently presumably seemingly arguably".split()
)
# What an outlet calls a piece where it labels it: in the title ("Kommentar: …", "Meinung |"),
# the first line above the text, or the URL path ("/meinung/", "/opinion/"). The strongest
# evidence of a kind there is: the outlet's own word for it.
_OPINION_LABELS = (
    "kommentar|meinung|leitartikel|kolumne|gastbeitrag|gastkommentar|glosse|standpunkt|"
    "pro und contra|opinion|op-ed|oped|editorial|commentary|column|comment"
)
_LABEL_IN_TITLE = re.compile(
    rf"^\s*(?:(?P<opinion>{_OPINION_LABELS})|(?P<interview>interview))\s*[:|–—-]", re.IGNORECASE
)
_LABEL_IN_URL = re.compile(
    rf"/(?:(?P<opinion>{_OPINION_LABELS}|meinungen|kommentare|opinions)|(?P<interview>interviews?))/",
    re.IGNORECASE,
)
_AGENCY_DATELINE = re.compile(
    r"^[A-ZÄÖÜ][\wÄÖÜäöüß.\-/ ]{1,40}\((?:dpa|afp|ap|reuters|epd|kna|zpa|sid)\)", re.IGNORECASE
)
_ANSWER_LINE = re.compile(r"^(?:Frage|[A-ZÄÖÜ][\wäöüß\-]{1,30}):\s", re.MULTILINE)


@functools.cache
def polarity_lexicon() -> dict[str, float]:
    path = resources.files("newsprism.compare") / "data" / "polarity-de.tsv"
    lexicon: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, value = line.partition("\t")
            lexicon[word] = float(value)
    return lexicon


@dataclass(frozen=True, slots=True)
class KindEvidence:
    first_person: tuple[Span, ...]
    speculation: tuple[Span, ...]
    questions: tuple[Span, ...]
    answer_lines: int
    agency_dateline: bool
    quoted_share: float
    evaluative_share: float
    label: ArticleKind | None = None  # what the outlet calls the piece (title, first line, URL)


def frame_article(article: Article, document: Document) -> Framing:
    lexicon = polarity_lexicon()
    quoted = _quoted_mask(document)
    tokens = document.tokens
    lemmas = document.lemmas or [t.text for t in tokens]
    evaluative: list[EvaluativeWord] = []
    first_person: list[Span] = []
    speculation: list[Span] = []
    for index, token in enumerate(tokens):
        if quoted[index]:
            continue
        lowered = token.text.lower()
        if lowered in FIRST_PERSON:
            first_person.append(Span(token.start, token.end))
        if lowered in SPECULATION:
            speculation.append(Span(token.start, token.end))
        polarity = lexicon.get(token.text) or lexicon.get(lemmas[index])
        if polarity:
            evaluative.append(EvaluativeWord(Span(token.start, token.end), polarity, LEXICON_NAME))
    questions = tuple(
        sentence
        for sentence, (first, last) in zip(
            document.sentences, document.sentence_bounds, strict=True
        )
        if tokens[last - 1].text == "?" and not quoted[last - 1]
    )
    words = sum(1 for t in tokens if t.text[:1].isalnum()) or 1
    evidence = KindEvidence(
        first_person=tuple(first_person),
        speculation=tuple(speculation),
        questions=questions,
        answer_lines=len(_ANSWER_LINE.findall(document.text)),
        agency_dateline=bool(_AGENCY_DATELINE.match(document.text)),
        quoted_share=sum(q.end - q.start for q in document.quotes) / max(len(document.text), 1),
        evaluative_share=len(evaluative) / words,
        label=outlet_label(article),
    )
    kind = article_kind(evidence)
    shown = (
        *evidence.first_person,
        *evidence.speculation,
        *evidence.questions,
        *(word.span for word in evaluative),
    )
    return Framing(
        article_id=article.id,
        kind=kind,
        evidence=tuple(sorted(shown, key=lambda span: span.start)),
        evaluative=tuple(evaluative),
        tone=actor_tone(document, evaluative),
    )


def article_kind(evidence: KindEvidence) -> ArticleKind:
    """Rules over the evidence, in order: the outlet's own label, interview, agency,
    commentary, report."""
    if evidence.label is not None:
        return evidence.label
    if evidence.answer_lines >= 3:
        return ArticleKind.INTERVIEW
    if evidence.agency_dateline:
        return ArticleKind.AGENCY
    opinion = (
        2 * min(len(evidence.first_person), 3)
        + 2 * min(len(evidence.questions), 2)
        + min(len(evidence.speculation), 2)
        + (2 if evidence.evaluative_share > 0.04 else 0)
    )
    if opinion >= 4 and evidence.quoted_share < 0.3:
        return ArticleKind.COMMENTARY
    return ArticleKind.REPORT


def outlet_label(article: Article) -> ArticleKind | None:
    """The kind an outlet gives a piece in its title, first line or URL, if any."""
    first_line = article.text.split("\n", 1)[0][:80]
    for text in (article.title or "", first_line):
        found = _LABEL_IN_TITLE.match(text)
        if found:
            return ArticleKind.INTERVIEW if found["interview"] else ArticleKind.COMMENTARY
    found = _LABEL_IN_URL.search(article.url or "")
    if found:
        return ArticleKind.INTERVIEW if found["interview"] else ArticleKind.COMMENTARY
    return None


def actor_tone(document: Document, evaluative: list[EvaluativeWord]) -> dict[str, float]:
    """Mean polarity of the evaluative words in the sentences that name each person or group."""
    by_sentence: dict[int, list[float]] = defaultdict(list)
    for word in evaluative:
        by_sentence[document.sentence_of(document.token_at(word.span.start))].append(word.polarity)
    tone: dict[str, list[float]] = defaultdict(list)
    for entity in document.entities:
        if entity.label not in (EntityLabel.PER, EntityLabel.ORG):
            continue
        sentence = document.sentence_of(document.token_at(entity.start))
        tone[entity.canonical].extend(by_sentence.get(sentence, ()))
    return {name: round(sum(values) / len(values), 3) for name, values in tone.items() if values}


def _quoted_mask(document: Document) -> list[bool]:
    mask = [False] * len(document.tokens)
    for quote in document.quotes:
        first = document.token_at(quote.start)
        last = document.token_at(quote.end)
        for index in range(first, min(last, len(mask))):
            mask[index] = True
    return mask
