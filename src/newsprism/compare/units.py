"""Fact units: the clause-level pieces of an article that alignment compares.

A sentence often carries more than one claim ("Die Stadt sperrt die Brücke; der Verkehr wird
umgeleitet"), and outlets split and join claims differently, so facts are aligned clause by
clause. Rules over the tokens and the tags the analysis gave (universal POS for German; a small
word list stands in for the tagger in English and wherever tags are missing):

- a sentence is cut at `;`, at `:` and at dashes (–, —, a spaced -), at a coordinating
  conjunction (und, aber, doch, sondern, oder, denn; and, but, or, yet) and before a
  subordinate clause that asserts something of its own (weil, nachdem, obwohl, während …;
  because, after, although …) — but only where both sides hold a verb and at least two words,
  so that "Fußgänger und Radfahrer dürfen …", "drei Gruppen: Kinder, Alte und Kranke" and
  "Der Bus – ein Reisebus – kam ab" stay whole. "dass", "ob", "wenn" and relative clauses are
  never cut: they are the content of the clause they hang on, not a claim beside it;
- a direct quote that is a clause of its own is one unit, with its attribution (", sagte
  Hahn") and the speaker's canonical name; a quoted phrase inside a claim ("einen „guten Tag“")
  stays in the claim; reported speech (Konjunktiv) is a `reported` unit with its speaker;
- headlines, subheadings, photo captions, bylines and service lines, datelines ("Emden (zpa)
  –") and questions in the outlet's own voice are units of their own roles and no facts;
  interview lines ("Aksoy: …") are quotes of the one named before the colon, "Frage: …" lines
  are questions.

Every unit is an offset span into the article text (the text is stored once) inside its
sentence; units of one sentence never overlap. Each unit carries what alignment uses cheaply:
normalised numbers and dates (`compare/values.py`) and the canonical names in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from newsprism.analyse.document import Document
from newsprism.analyse.speech import SPEECH_VERBS
from newsprism.compare.values import Quantity, read_values
from newsprism.model.article import Article, ArticleKind
from newsprism.model.spans import EntityLabel, Quote, QuoteKind, Span


class UnitRole(StrEnum):
    CLAIM = "claim"
    QUOTE = "quote"  # direct speech, or an interview answer
    REPORTED = "reported"  # indirect speech: a claim attributed to a speaker
    HEADLINE = "headline"
    SUBHEADING = "subheading"
    CAPTION = "caption"
    QUESTION = "question"  # asked in the outlet's own voice (rhetorical, or an interviewer's)
    DATELINE = "dateline"  # "Emden (zpa) –": where and from whom, no claim
    META = "meta"  # bylines, credits, service lines ("Mehr zum Thema")


# The roles that state something an outlet reports, and so can be aligned and left out.
FACT_ROLES = frozenset({UnitRole.CLAIM, UnitRole.QUOTE, UnitRole.REPORTED})


@dataclass(frozen=True, slots=True)
class FactUnit:
    article_id: str
    span: Span  # offsets into the article text
    sentence: int  # index into the document's sentences
    role: UnitRole
    tokens: tuple[int, int]  # token range [first, last) in the document, for lemmas and tags
    numbers: tuple[Quantity, ...] = ()
    dates: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # canonical names of the entities inside the span
    speaker: str | None = None  # canonical name of who said it (quotes, reported speech)

    @property
    def is_fact(self) -> bool:
        return self.role in FACT_ROLES

    def text_of(self, text: str) -> str:
        return self.span.text_of(text)


# Coarse tags the rules read. German comes from the tagger; these lists stand in elsewhere.
_VERB_TAGS = frozenset({"VERB", "AUX"})
_COORDINATORS = {
    "de": frozenset({"und", "aber", "doch", "sondern", "oder", "denn"}),
    "en": frozenset({"and", "but", "or", "yet"}),
}
# Subordinators whose clause asserts something beside the main clause. "da", "während" and
# "seit" are also prepositions or adverbs, so in German they count only when tagged SCONJ.
# Not "bevor"/"before": "Bevor die Schilder aufgestellt werden, muss das Land zustimmen" does
# not say that they will be; the clause belongs to the claim it hangs on.
_SUBORDINATORS = {
    "de": frozenset(
        "weil da nachdem obwohl obgleich obschon während wobei zumal seit seitdem sodass "
        "weshalb weswegen wodurch wohingegen wonach".split()
    ),
    "en": frozenset("because although though while whereas after since".split()),
}
# Words after which an English subordinator is an adverb ("has since burned").
_EN_AUXILIARIES = frozenset("is are was were be been has have had will would".split())
# Personal pronouns that can open a German main clause after a comma ("…, sie kam um 9 Uhr").
_DE_SUBJECT_PRONOUNS = frozenset("er sie es wir ich ihr man".split())
_TAG_CHECKED = frozenset({"da", "während", "seit"})
# Finite verbs that open a German verb bracket whose other half (an infinitive or participle)
# comes at the clause's end; "sein" is left out, being mostly a copula.
_BRACKET_OPENERS = frozenset(
    "kann können konnte konnten könne könnte könnten muss müssen musste mussten müsse müsste "
    "darf dürfen durfte durften dürfe dürfte soll sollen sollte sollten solle will wollen wollte "
    "wollten wolle mag mögen möchte möchten wird werden wurde wurden werde würde würden hat "
    "haben hatte hatten habe hätte hätten".split()
)
_DASHES = frozenset({"–", "—", "-", "--"})
_PUNCTUATION_CUTS = frozenset({"semicolon", "colon", "dash"})
_OPENING_MARKS = frozenset({"„", "“", '"', "»", "«", "‚", "‘", "›", "``"})
_CLOSING_MARKS = frozenset({"“", "”", '"', "«", "»", "‘", "’", "‹", "''"})
_TRIMMED = frozenset({",", ";", ":", "–", "—", "-", "--"})
_FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
# Stand-in tags where the tagger gave none (English, or a failed stage).
_FALLBACK_WORDS: dict[str, str] = {
    **{
        w: "AUX"
        for w in "is are was were be been being has have had will would can could shall "
        "should may might must do does did ist sind war waren wird werden wurde wurden hat haben "
        "hatte hatten kann können soll sollen muss müssen".split()
    },
    **{
        w: "VERB"
        for w in "said says told tells went came left won lost sent paid made gave got "
        "found kept met led set cut put ran saw took began rose fell hit held spent sold built "
        "became brought thought heard stood sat wrote broke chose drove flew grew knew "
        "meant sought struck swore threw understood withdrew agreed".split()
    },
    **{w: "PRON" for w in "he she it they we i you er sie es wir ich".split()},
    **{w: "DET" for w in "the a an this these those der die das ein eine".split()},
}
# Interview labels that ask rather than answer.
_ASKING = frozenset({"frage", "f", "interviewer", "q", "question", "moderator", "moderatorin"})
# "… Foto: AFP/ Name", "(Bild: dpa)", "© picture alliance", "Photo: Reuters".
_CREDIT = re.compile(
    r"(?:^|[\s(\[|/·–-])(?:Fotos?|Bild(?:er)?|Bildquelle|Photo|Picture|Image|Grafik|Archivfoto)"
    r"\s*:\s*\S|©",
    re.IGNORECASE,
)
_META_LINE = re.compile(
    r"^(?:(?:Von|By|Mitarbeit|Text|Reporting by|Redaktion)\s|(?:Mehr zum Thema|Lesen Sie"
    r"(?: auch| mehr)?|Weitere Informationen|Read more|Related|Anzeige)\b|\(?[a-z]{2,5}\)?"
    r"(?:[ /][a-z]{1,4})*$)",
)
_WORD = re.compile(r"\w")
_MAX_HEADLINE_WORDS = 25
_MAX_SUBHEADING_WORDS = 12
_MAX_ATTRIBUTION_WORDS = 14
_MAX_CAPTION_CHARS = 400  # a paragraph that mentions "Bild:" is no caption


@dataclass(frozen=True, slots=True)
class _Context:
    article_id: str
    document: Document
    language: str
    tags: Sequence[str]
    words: Sequence[str]  # lower-cased token texts
    published: date | None
    interview: bool  # the article is an interview: any "Label:" line is a speaker's
    direct: tuple[Quote, ...]  # direct and mixed quotes
    reported: tuple[Quote, ...]  # indirect quotes


@dataclass(frozen=True, slots=True)
class _Cut:
    """Tokens [start, end) dropped between two units; `kind` says which rule made it."""

    start: int
    end: int
    kind: str


def fact_units(article: Article, document: Document) -> list[FactUnit]:
    """The units of an analysed article, in text order."""
    language = (article.language or document.language or "de")[:2]
    language = "en" if language == "en" else "de"
    lowered = [t.text.lower() for t in document.tokens]
    context = _Context(
        article_id=article.id,
        document=document,
        language=language,
        tags=_coarse_tags(document, language, lowered),
        words=lowered,
        published=article.published.date() if article.published else None,
        interview=article.kind is ArticleKind.INTERVIEW,
        direct=tuple(q for q in document.quotes if q.kind is not QuoteKind.INDIRECT),
        reported=tuple(q for q in document.quotes if q.kind is QuoteKind.INDIRECT),
    )
    units: list[FactUnit] = []
    lines = _lines(document)
    first_content = _first_content_line(context, lines)
    for number, sentences in enumerate(lines):
        role, speaker, skip = _line_role(context, article, lines, number, first_content)
        for position, index in enumerate(sentences):
            first, last = document.sentence_bounds[index]
            if position == 0:
                first += skip  # an interview label ("Aksoy:") is no part of any unit
            if first >= last:
                continue
            if role is not None:
                unit = _unit(context, index, first, last, role, speaker)
                units.extend([unit] if unit else [])
            else:
                units.extend(_sentence_units(context, index, first, last))
    return units


def _coarse_tags(document: Document, language: str, lowered: Sequence[str]) -> list[str]:
    tags = document.tags
    if language == "de" and len(tags) == len(document.tokens) and any(t != "X" for t in tags):
        return _mend_german(list(tags), lowered, document.lemmas)
    guessed: list[str] = []
    lemmas = document.lemmas if len(document.lemmas) == len(lowered) else lowered
    for word, lemma, token in zip(lowered, lemmas, document.tokens, strict=True):
        tag = _FALLBACK_WORDS.get(word)
        if tag is None and word in _COORDINATORS[language]:
            tag = "CCONJ"
        elif tag is None and word in _SUBORDINATORS[language]:
            tag = "SCONJ"
        elif tag is None and not _WORD.search(word):
            tag = "PUNCT"
        elif tag is None and word[:1].isdigit():
            tag = "NUM"
        elif tag is None and language == "en" and word.endswith("ed") and lemma != word:
            tag = "VERB"  # news English is mostly told in the past tense
        elif tag is None and language == "en" and word.endswith("s") and guessed[-1:] == ["PRON"]:
            tag = "VERB"  # "it costs", "she says"
        elif tag is None and token.text[:1].isupper():
            tag = "PROPN"
        guessed.append(tag or "X")
    return guessed


def _mend_german(tags: list[str], lowered: Sequence[str], lemmas: Sequence[str]) -> list[str]:
    """'… und reiste ab': the tagger takes a verb after 'und' that has lost its subject for an
    adjective; one whose lemma is a verb's and that no noun follows is the verb."""
    if len(lemmas) != len(tags):
        return tags
    for index in range(1, len(tags) - 1):
        if (
            tags[index] == "ADJ"
            and tags[index - 1] == "CCONJ"
            and tags[index + 1] not in {"NOUN", "PROPN", "ADJ"}
            and lemmas[index].endswith("en")
            and lemmas[index] != lowered[index]
        ):
            tags[index] = "VERB"
    return tags


def _lines(document: Document) -> list[list[int]]:
    """Sentence indexes grouped by the line (paragraph) they stand on."""
    lines: list[list[int]] = []
    for index, (first, last) in enumerate(document.sentence_bounds):
        if last <= first:
            continue
        if not lines or document.tokens[first].line_start:
            lines.append([])
        lines[-1].append(index)
    return lines


def _line_text(context: _Context, sentences: list[int]) -> str:
    document = context.document
    first = document.sentence_bounds[sentences[0]][0]
    last = document.sentence_bounds[sentences[-1]][1]
    return document.text[document.tokens[first].start : document.tokens[last - 1].end]


def _first_content_line(context: _Context, lines: list[list[int]]) -> int:
    """The line a headline would stand on: the first that is no caption or byline."""
    for number, sentences in enumerate(lines[:3]):
        text = _line_text(context, sentences)
        caption = len(text) <= _MAX_CAPTION_CHARS and _CREDIT.search(text)
        if not caption and not _META_LINE.match(text):
            return number
    return 0


def _line_role(
    context: _Context, article: Article, lines: list[list[int]], number: int, first_content: int
) -> tuple[UnitRole | None, str | None, int]:
    """The role of a whole line (None: its sentences are split), the speaker of an interview
    line, and how many tokens its label takes ("Aksoy:" is 2)."""
    sentences = lines[number]
    text = _line_text(context, sentences)
    if len(text) <= _MAX_CAPTION_CHARS and _CREDIT.search(text):
        return UnitRole.CAPTION, None, 0
    words = sum(1 for w in text.split() if _WORD.search(w))
    if _META_LINE.match(text) and words <= 8 and not text.endswith("."):
        return UnitRole.META, None, 0
    has_next = number + 1 < len(lines)
    # No sentence of the line ends in a full stop: "Einigung in Emden", "BRÜCKE DICHT!".
    ends_open = not any(
        context.words[context.document.sentence_bounds[index][1] - 1] in {".", "…", "..."}
        for index in sentences
    ) and not text.rstrip("“”\"«»‘’'").endswith((".", "…"))
    if number == first_content and has_next:
        title = " ".join((article.title or "").split())
        # With a title in the metadata, a first line that differs from it is a headline only
        # when it has no verb ("BRÜCKEN-ALARM!"); "Weitere Streiks sind vom Tisch!" is the lead.
        verbless = not any(
            _has_verb(context, *context.document.sentence_bounds[index]) for index in sentences
        )
        if (title and text == title) or (
            ends_open and words <= _MAX_HEADLINE_WORDS and (not title or verbless)
        ):
            return UnitRole.HEADLINE, None, 0
    if (
        has_next
        and number > first_content
        and words <= _MAX_SUBHEADING_WORDS
        and not text.endswith((".", "!", "?", "…", "“", "”", '"', "«", "»"))
    ):
        return UnitRole.SUBHEADING, None, 0
    label = _interview_label(context, sentences[0])
    if label:
        name, length = label
        if name.lower() in _ASKING:
            # The interviewer's line: its questions are questions, its statements ("Die Täter
            # verlangen zwei Millionen Dollar.") the outlet's own claims.
            return None, None, length
        return UnitRole.QUOTE, name, length
    return None, None, 0


def _interview_label(context: _Context, sentence: int) -> tuple[str, int] | None:
    """'Aksoy: …', 'Jonas Kern: …', 'Frage: …' at the start of a line: (name, label tokens)."""
    document = context.document
    first, last = document.sentence_bounds[sentence]
    for colon in range(first + 1, min(first + 4, last - 1)):
        if document.tokens[colon].text != ":":
            continue
        label = document.tokens[first:colon]
        asking = colon == first + 1 and context.words[first] in _ASKING  # tagged anything
        if all(t.text[:1].isupper() and t.text.replace("-", "").isalpha() for t in label) and (
            asking or all(context.tags[i] in {"PROPN", "NOUN", "X"} for i in range(first, colon))
        ):
            name = " ".join(t.text for t in label)
            person = False
            for entity in document.entities:
                if entity.start >= label[0].start and entity.end <= label[-1].end:
                    name = entity.canonical or name
                    person = person or entity.label is EntityLabel.PER
            # "Emden: Die Regierungschefs …" is no interview: a label names a person or asks.
            if person or context.interview or name.lower() in _ASKING:
                return name, colon + 1 - first
        return None
    return None


def _sentence_units(context: _Context, sentence: int, first: int, last: int) -> list[FactUnit]:
    if _is_question(context, first, last):
        unit = _unit(context, sentence, first, last, UnitRole.QUESTION, None)
        return [unit] if unit else []
    units: list[FactUnit] = []
    dateline = _dateline_end(context, first, last)
    if dateline > first:
        unit = _unit(context, sentence, first, dateline, UnitRole.DATELINE, None)
        units.extend([unit] if unit else [])
        first = dateline
    pieces = _pieces(context, first, last)
    segments: list[tuple[int, int, Quote | None]] = []
    for start, end, quote in pieces:
        if quote is not None:
            segments.append((start, end, quote))
        else:
            segments.extend((a, b, None) for a, b in _split(context, start, end))
    merged = _attach_attributions(context, segments)
    for start, end, quote in merged:
        if quote is not None:
            speaker = _speaker(quote) or _person_outside(context, start, end, quote)
            unit = _unit(context, sentence, start, end, UnitRole.QUOTE, speaker or None)
        else:
            role, speaker = _claim_role(context, start, end)
            unit = _unit(context, sentence, start, end, role, speaker)
        if unit:
            units.append(unit)
    return units


def _speaker(quote: Quote) -> str | None:
    """The speaker's canonical name; a MISC "speaker" ("Dollar") is a misreading, left out."""
    speaker = quote.speaker
    if speaker is None or speaker.label is EntityLabel.MISC:
        return None
    return speaker.canonical or None


def _person_outside(context: _Context, first: int, last: int, quote: Quote) -> str | None:
    """The person named in a quote's attribution, when the analysis found no speaker."""
    tokens = context.document.tokens
    start, end = tokens[first].start, tokens[last - 1].end
    for entity in context.document.entities:
        outside = entity.end <= quote.start or entity.start >= quote.end
        if entity.label is EntityLabel.PER and outside and start <= entity.start < end:
            return entity.canonical or entity.text_of(context.document.text)
    return None


def _is_question(context: _Context, first: int, last: int) -> bool:
    """A sentence ending in a question mark of the outlet's own voice: one inside a quote
    ("»Wer bezahlt mir das?«") is the speaker's."""
    mark = context.document.tokens[last - 1]
    if mark.text not in {"?", "?!", "!?"}:
        return False
    return not any(q.start <= mark.start < q.end for q in context.direct)


def _dateline_end(context: _Context, first: int, last: int) -> int:
    """The token after a dateline at the start of a paragraph: 'Emden (zpa) –', 'EMDEN, May
    12 (Reuters) -', 'BERLIN –', 'Emden.'; `first` when there is none."""
    tokens = context.document.tokens
    if not tokens[first].line_start or not tokens[first].text[:1].isupper():
        return first
    if first + 1 < last and tokens[first + 1].text == "." and tokens[first].text.isalpha():
        return first + 2 if first + 2 < last else first  # kept by the sentence splitter
    agency = False
    for index in range(first + 1, min(first + 9, last - 1)):
        text = tokens[index].text
        if text == "(":
            agency = True
        elif text in _DASHES:
            shouting = tokens[first].text.isupper() and len(tokens[first].text) > 1
            return index + 1 if agency or shouting else first
        elif not (text[:1].isupper() or text[:1].isdigit() or text in {",", ")"} or agency):
            return first
    return first


def _pieces(context: _Context, first: int, last: int) -> list[tuple[int, int, Quote | None]]:
    """The sentence cut into runs outside quotes and direct quotes that are clauses."""
    document = context.document
    tokens = document.tokens
    start_char, end_char = tokens[first].start, tokens[last - 1].end
    pieces: list[tuple[int, int, Quote | None]] = []
    position = first
    for quote in context.direct:
        if quote.end <= start_char or quote.start >= end_char:
            continue
        a = max(document.token_at(quote.start), position)
        b = min(document.token_at(quote.end - 1) + 1, last) if quote.end > quote.start else a
        while a > position and tokens[a - 1].text in _OPENING_MARKS:
            a -= 1
        while b < last and (tokens[b].text in _CLOSING_MARKS or tokens[b].text in _FINAL):
            if tokens[b].text in _FINAL and b + 1 < last and tokens[b + 1].text in _CLOSING_MARKS:
                b += 2
            elif tokens[b].text in _CLOSING_MARKS:
                b += 1
            else:
                break
        if b <= a or not _is_clause(context, a, b, first, last):
            continue  # a quoted phrase inside a claim stays in the claim
        if a > position:
            pieces.append((position, a, None))
        pieces.append((a, b, quote))
        position = b
    if position < last:
        pieces.append((position, last, None))
    return pieces


def _is_clause(context: _Context, a: int, b: int, first: int, last: int) -> bool:
    inside = _word_count(context, a, b)
    return _has_verb(context, a, b) or inside * 2 > _word_count(context, first, last)


def _split(context: _Context, first: int, last: int) -> list[tuple[int, int]]:
    """Token ranges of the claims in a run of text outside quotes: first at `;`, `:` and
    dashes, then at conjunctions inside each part, so that "mehr Geld: Gewerkschaft und
    Arbeitgeber einigten sich" is cut at the colon and not at the "und"."""
    candidates = _candidates(context, first, last)
    outer = [cut for cut in candidates if cut.kind in _PUNCTUATION_CUTS]
    ranges: list[tuple[int, int]] = []
    for start, end in _cut_at(context, first, last, outer):
        inner = [
            cut
            for cut in candidates
            if cut.kind not in _PUNCTUATION_CUTS and start <= cut.start and cut.end <= end
        ]
        ranges.extend(_cut_at(context, start, end, inner))
    return ranges


def _cut_at(
    context: _Context, first: int, last: int, candidates: list[_Cut]
) -> list[tuple[int, int]]:
    """The ranges left by the candidates that leave a claim on either side (left to right;
    a candidate's right side reaches to the next candidate)."""
    ranges: list[tuple[int, int]] = []
    start = first
    for number, cut in enumerate(candidates):
        following = candidates[number + 1].start if number + 1 < len(candidates) else last
        if _accept(context, cut, start, following):
            ranges.append((start, cut.start))
            start = cut.end
    ranges.append((start, last))
    return ranges


def _candidates(context: _Context, first: int, last: int) -> list[_Cut]:
    words, tags, tokens = context.words, context.tags, context.document.tokens
    cuts: list[_Cut] = []
    depth = 0
    for index in range(first, last):
        word = words[index]
        if word in {"(", "["}:
            depth += 1
        elif word in {")", "]"}:
            depth = max(0, depth - 1)
        if depth or index == first:
            continue
        comma = index - 1 if words[index - 1] == "," and index - 1 > first else index
        if word == ";":
            cuts.append(_Cut(index, index + 1, "semicolon"))
        elif word == ":":
            cuts.append(_Cut(index, index + 1, "colon"))
        elif word in _DASHES and tokens[index].space_before:
            cuts.append(_Cut(index, index + 1, "dash"))
        elif word in _COORDINATORS[context.language] and (
            tags[index] == "CCONJ"
            or context.language == "en"
            or word in {"und", "aber"}
            or words[index - 1] == ","  # ", doch das Geld fehlt": tagged as anything
        ):
            cuts.append(_Cut(comma, index + 1, "coordination"))
        elif (
            word in _SUBORDINATORS[context.language]
            and (word not in _TAG_CHECKED or tags[index] == "SCONJ")
            and (comma < index or context.language == "en")  # German sets it off by a comma
            and not (context.language == "en" and words[index - 1] in _EN_AUXILIARIES)
        ):
            cuts.append(_Cut(comma, index, "subordinate"))
        elif word == "," and context.language == "de" and _main_clause_follows(context, index):
            cuts.append(_Cut(index, index + 1, "asyndetic"))
    if words[first] in _SUBORDINATORS[context.language] and (
        words[first] not in _TAG_CHECKED or tags[first] == "SCONJ"
    ):
        # "Weil die Brücke marode ist, sperrt die Stadt sie": the clause ends at the comma
        # before the main clause's verb (German) or at the first comma (English).
        for index in range(first + 1, last - 1):
            if words[index] == "," and (context.language == "en" or tags[index + 1] in _VERB_TAGS):
                cuts.append(_Cut(index, index + 1, "fronted"))
                break
    cuts.sort(key=lambda cut: (cut.start, cut.end))
    return _without_overlaps(cuts)


def _without_overlaps(cuts: list[_Cut]) -> list[_Cut]:
    kept: list[_Cut] = []
    for cut in cuts:
        if kept and cut.start < kept[-1].end:
            continue
        kept.append(cut)
    return kept


def _accept(context: _Context, cut: _Cut, start: int, following: int) -> bool:
    """Whether a cut leaves a claim on each side: a verb and two words left and right."""
    right_start = cut.end
    if not (
        _has_verb(context, start, cut.start)
        and _has_verb(context, right_start, following)
        and _word_count(context, start, cut.start) >= 2
        and _word_count(context, right_start, following) >= 2
    ):
        return False
    tags = context.tags
    if cut.kind == "dash" and tags[right_start] in _VERB_TAGS:
        return False  # "Der Bus – er war voll – kam ab": the main clause goes on
    if cut.kind == "coordination" and context.language == "en":
        # English has no verb bracket: a new predicate ("and is due to open", "and lets
        # people …") or a new subject ("and the council agreed") opens a clause of its own.
        # Only a verb the word list knows opens a predicate: "-ed" is as often an adjective
        # ("ports and skilled workers").
        return _FALLBACK_WORDS.get(context.words[right_start]) in _VERB_TAGS or (
            tags[right_start] in {"DET", "PRON", "PROPN"}
            and _has_verb(context, right_start + 1, following)
        )
    if cut.kind in {"coordination", "asyndetic"} and (
        not _closed_clause(context, start, cut.start)
        or _clause_end_only(context, right_start, following)
    ):
        return False  # "auf Kosten von Schweinswalen und Seevögeln gehen": two nouns
    if cut.kind == "subordinate":
        # A clause that ends at a comma after which the main clause goes on without a verb of
        # its own ("…, nachdem er gebremst hatte, von der Straße ab") is embedded: not cut.
        for index in range(right_start, following):
            if context.words[index] == "," and index + 1 < following:
                return _has_verb(context, index + 1, following)
        if context.language == "en" and tags[right_start + 1] not in {"DET", "PRON", "PROPN"}:
            return tags[right_start + 1] == "NUM"  # "after the vote" without a verb is a phrase
    return True


def _main_clause_follows(context: _Context, comma: int) -> bool:
    """'Baubeginn ist im Sommer 2027, die Eröffnung ist für 2029 geplant': after the comma a
    subject (an article and its noun, a name, a personal pronoun) and at once a finite verb,
    the order of a German main clause. A relative clause ('…, die Eröffnung geplant hat') or
    a subordinate one puts its verb last, so it is not taken."""
    words, tags = context.words, context.tags
    lemmas = context.document.lemmas
    start = comma
    while start > 0 and words[start - 1] not in {",", ".", ";", ":"}:
        start -= 1
    for before in range(start, comma):
        lemma = lemmas[before].lower() if before < len(lemmas) else words[before]
        if tags[before] in _VERB_TAGS and lemma in SPEECH_VERBS:
            return False  # "Ein Sprecher sagte, man sei zufrieden": what was said, not beside it
    index = comma + 1
    if index >= len(tags):
        return False
    if tags[index] == "DET":
        index += 1
        while index < len(tags) and tags[index] == "ADJ":
            index += 1
        if index >= len(tags) or tags[index] != "NOUN":
            return False
    elif tags[index] != "PROPN" and words[index] not in _DE_SUBJECT_PRONOUNS:
        return False
    index += 1
    return index < len(tags) and tags[index] in _VERB_TAGS


def _closed_clause(context: _Context, start: int, end: int) -> bool:
    """Whether the clause just before a conjunction is complete: it has a verb, and a modal, a
    form of 'werden' or 'haben' in it is followed by the verb it waits for ("Die Brücke wird für
    Autos und Lkw gesperrt" is one clause). The clause starts after the last comma."""
    words, tags = context.words, context.tags
    first = start
    for index in range(end - 1, start - 1, -1):
        if words[index] == ",":
            first = index + 1
            break
    waiting = False
    found = False
    for index in range(first, end):
        if tags[index] in _VERB_TAGS and words[index] in _BRACKET_OPENERS:
            waiting, found = True, True
        elif tags[index] in _VERB_TAGS:
            waiting, found = False, True
    return found and not waiting


def _clause_end_only(context: _Context, first: int, last: int) -> bool:
    """'… Patientinnen und Patienten abgeflossen', '… abgerissen und neu gebaut werden': after
    the conjunction come only words and the verbs that end the clause before it. A new clause
    has its verb first ("und leitet den Verkehr um"), a verb before its last word ("und die
    Grünen enthielten sich"), or a subject of its own ("und das Geld fehlt")."""
    tags = context.tags
    end = last
    while end > first and tags[end - 1] == "PUNCT":
        end -= 1
    cluster = end
    while cluster > first and tags[cluster - 1] in _VERB_TAGS:
        cluster -= 1
    if cluster == first or _has_verb(context, first, cluster):
        return False
    return tags[first] not in {"DET", "PRON", "PROPN"}


def _has_verb(context: _Context, first: int, last: int) -> bool:
    return any(context.tags[i] in _VERB_TAGS for i in range(first, last))


def _word_count(context: _Context, first: int, last: int) -> int:
    return sum(1 for i in range(first, last) if _WORD.search(context.words[i]))


def _attach_attributions(
    context: _Context, segments: list[tuple[int, int, Quote | None]]
) -> list[tuple[int, int, Quote | None]]:
    """', sagte Hahn' and 'Hahn sagte:' belong to the quote beside them."""
    merged = list(segments)
    number = 0
    while number < len(merged):
        start, end, quote = merged[number]
        if quote is not None:
            if number + 1 < len(merged) and _is_attribution(context, merged[number + 1], quote):
                end = merged[number + 1][1]
                del merged[number + 1]
            if number > 0 and _is_attribution(context, merged[number - 1], quote):
                start = merged[number - 1][0]
                del merged[number - 1]
                number -= 1
            merged[number] = (start, end, quote)
        number += 1
    return merged


def _is_attribution(
    context: _Context, segment: tuple[int, int, Quote | None], quote: Quote
) -> bool:
    first, last, other = segment
    if other is not None or _word_count(context, first, last) > _MAX_ATTRIBUTION_WORDS:
        return False
    tokens = context.document.tokens
    lemmas = context.document.lemmas
    for index in range(first, last):
        if context.tags[index] not in _VERB_TAGS:
            continue
        in_cue = quote.cue is not None and quote.cue.start <= tokens[index].start < quote.cue.end
        lemma = lemmas[index].lower() if index < len(lemmas) else context.words[index]
        if not in_cue and lemma not in SPEECH_VERBS:
            return False
    return True


def _claim_role(context: _Context, first: int, last: int) -> tuple[UnitRole, str | None]:
    """A claim, or reported speech when an indirect quote covers most of it."""
    tokens = context.document.tokens
    start, end = tokens[first].start, tokens[last - 1].end
    for quote in context.reported:
        shared = min(end, quote.end) - max(start, quote.start)
        if shared * 2 > end - start:
            return UnitRole.REPORTED, _speaker(quote)
    return UnitRole.CLAIM, None


def _unit(
    context: _Context,
    sentence: int,
    first: int,
    last: int,
    role: UnitRole,
    speaker: str | None,
) -> FactUnit | None:
    """The unit over tokens [first, last), without the cut's punctuation at either end; None
    when nothing with a letter or digit is left."""
    words = context.words
    while first < last and words[first] in _TRIMMED:
        first += 1
    while last > first and words[last - 1] in _TRIMMED:
        last -= 1
    if first >= last or _word_count(context, first, last) == 0:
        return None
    document = context.document
    tokens = document.tokens
    span = Span(tokens[first].start, tokens[last - 1].end)
    values = read_values(tokens[first:last], context.language, context.published)
    names = tuple(
        dict.fromkeys(
            entity.canonical or entity.text_of(document.text)
            for entity in document.entities
            if span.start <= entity.start and entity.end <= span.end
        )
    )
    return FactUnit(
        article_id=context.article_id,
        span=span,
        sentence=sentence,
        role=role,
        tokens=(first, last),
        numbers=tuple(values.numbers),
        dates=tuple(values.dates),
        names=names,
        speaker=speaker,
    )
