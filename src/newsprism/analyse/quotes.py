"""Quotations and their speakers: direct, indirect and mixed speech in German news.

Rules over tokens, lemmas, parts of speech and entities (no model trained on the non-commercial
SpkAtt data is shipped; the rules were tuned against its training split). The steps:

1. Quotation marks are paired („…“, »…«, «…», "…", “…”, ‚…‘), across paragraphs when a quote
   goes on; names, titles and scare quotes (short, no verb, no final stop) are not quotes.
2. A direct quote takes its cue and speaker from the speech clause around it ("…“, sagte X.",
   "X sagte: „…“"), or from a clause ending in a colon just before it, or else from the quote
   before it when it goes on.
3. Indirect speech: a speech verb with a clause ("X sagte, …", "…, sagte X.", "Wie X betonte, …"),
   source phrases ("laut X", "X zufolge", "nach Angaben von X"), and Konjunktiv sentences that go
   on after such a quote without a cue of their own.
4. A speaker that is a pronoun or a role ("die Ex-Ministerin") resolves to the fitting person named
   before; the speaker entity keeps the words written and carries the person's canonical name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.analyse.document import Document
from newsprism.analyse.roles import (
    ANAPHORIC_DETERMINERS,
    PERSONAL_PRONOUNS,
    feminine,
    is_role,
    name_gender,
    role_head,
)
from newsprism.analyse.speech import (
    SEPARABLE,
    SEPARABLE_BASES,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    REPORTING_VERBS,
    STRONG_VERBS,
    WEAK_VERBS,
    is_subjunctive,
    speech_lemma,
)
from newsprism.model.spans import Entity, EntityLabel, Quote, QuoteKind, Span

# Opening mark → the marks that may close it.
_PAIRS = {
    "„": ("“", "”", '"'),
    "»": ("«",),
    "«": ("»",),
    "“": ("”",),
    '"': ('"',),
    "‚": ("‘", "’"),
    "›": ("‹",),
}
_FINAL = frozenset({".", "!", "?", "…", "..."})
_DETERMINERS = frozenset(
    "der die das den dem des ein eine einer eines einem einen sein seine seiner seines seinem "
    "seinen ihr ihre ihrer ihres ihrem ihren kein keine dessen deren".split()
)
_NP_LINKS = frozenset({"von", "vom", "der", "des", "für", "in", "im", "aus", "und"})
_SUBORDINATORS = frozenset({"dass", "daß", "ob", "wie", "warum", "weshalb", "wann", "wo", "was"})
_IMPERSONAL = frozenset({"es", "man"})
# Past tense cues that look like a Konjunktiv II form.
_PAST_CUES = frozenset({"sagte", "erklärte", "betonte", "meinte", "fragte", "antwortete"})
# Determiners of the dative and accusative: a phrase they open is rarely the speaker.
_OBLIQUE = frozenset({"dem", "den", "einem", "einen", "ihm", "ihn", "ihnen"})
_ORG_HEADS = (
    "polizei regierung ministerium staatsanwaltschaft feuerwehr gericht verband unternehmen "
    "konzern partei behörde verwaltung amt stadt gemeinde kommission bank institut zeitung "
    "agentur fraktion vorstand rat union gewerkschaft klinik kasse verein bund"
).split()


@dataclass(slots=True)
class _Marked:
    start: int
    end: int
    open_ended: bool


def find_quotes(document: Document) -> list[Quote]:
    """Every quotation in the document, in text order."""
    if not document.tokens:
        return []
    finder = _QuoteFinder(document)
    return finder.run()


def quotation_marks(text: str) -> list[_Marked]:
    """Spans from an opening mark to its closing mark (or to the end of the paragraph)."""
    spans: list[_Marked] = []
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        closers = _PAIRS.get(char)
        if closers is None or not _opens(text, position):
            position += 1
            continue
        paragraph_end = text.find("\n", position)
        if paragraph_end < 0:
            paragraph_end = length
        close = _find_closer(text, position + 1, paragraph_end, closers, char)
        if close < 0:
            spans.append(_Marked(position, paragraph_end, True))
            position = paragraph_end
        else:
            spans.append(_Marked(position, close + 1, False))
            position = close + 1
    return _join_paragraphs(spans, text)


def _opens(text: str, position: int) -> bool:
    char = text[position]
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if after.isspace():
        return False
    if char in {'"', "“", "‚", "«"}:
        # Straight and English marks open only after a space or bracket; "‚" is also a comma.
        return before.isspace() or before in "([–—-/:"
    return True


def _find_closer(text: str, start: int, stop: int, closers: tuple[str, ...], opener: str) -> int:
    depth = 0
    for position in range(start, stop):
        char = text[position]
        if char == opener and opener not in closers and _opens(text, position):
            depth += 1
        elif char in closers:
            if opener in {"‚"} and position + 1 < len(text) and text[position + 1].isalpha():
                continue  # an apostrophe inside a word
            if depth == 0:
                return position
            depth -= 1
    return -1


def _join_paragraphs(spans: list[_Marked], text: str) -> list[_Marked]:
    """A quote left open at the end of a paragraph goes on in the next one that opens with a mark."""
    joined: list[_Marked] = []
    for span in spans:
        if joined and joined[-1].open_ended:
            previous = joined[-1]
            between = text[previous.end : span.start]
            if between.strip() == "" and between.count("\n") == 1:
                joined[-1] = _Marked(previous.start, span.end, span.open_ended)
                continue
        joined.append(span)
    return joined


class _QuoteFinder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self.tokens = document.tokens
        self.lemmas = document.lemmas or [t.text.lower() for t in document.tokens]
        self.tags = document.tags or ["X"] * len(document.tokens)
        self.persons = sorted(
            (e for e in document.entities if e.label is EntityLabel.PER), key=lambda e: e.start
        )
        self.quoted = [False] * len(self.tokens)  # inside quotation marks
        self.claimed = [False] * len(self.tokens)  # part of a quote already found

    # -- driver -------------------------------------------------------------------------------
    def run(self) -> list[Quote]:
        marks = quotation_marks(self.text)
        statements: list[tuple[int, int]] = []
        fragments: list[tuple[int, int]] = []
        for mark in marks:
            first = self.document.token_at(mark.start)
            last = self.document.token_at(mark.end)  # exclusive
            for index in range(first, min(last, len(self.tokens))):
                self.quoted[index] = True
            if self._is_statement(first, last):
                statements.append((first, last))
            elif last - first <= 7:
                fragments.append((first, last))
        quotes: list[Quote] = []
        previous: Quote | None = None
        for first, last in _interrupted(self, statements):
            quote = self._direct(first, last, previous)
            if quote is not None:
                quotes.append(quote)
                previous = quote
        quotes.extend(self._interview_answers())
        quotes.extend(self._indirect())
        quotes.extend(self._fragments(fragments, quotes))
        quotes.sort(key=lambda quote: quote.start)
        return self._inherit_speakers(self._continuations(quotes))

    def _inherit_speakers(self, quotes: list[Quote]) -> list[Quote]:
        """A direct quote with no speech clause of its own goes on from the quote before it."""
        result: list[Quote] = []
        for quote in quotes:
            if quote.speaker is None and quote.kind is QuoteKind.DIRECT and result:
                before = result[-1]
                if before.speaker is not None and self._sentences_between(before.end, quote.start) <= 2:
                    quote = Quote(quote.start, quote.end, quote.kind, before.speaker, None, 0.6)
            result.append(quote)
        return result

    def _interview_answers(self) -> list[Quote]:
        """'Aksoy: Es bringt vor allem Planbarkeit.' — an answer line in an interview."""
        found: list[Quote] = []
        tokens = self.tokens
        for first, _ in self.document.sentence_bounds:
            if not tokens[first].line_start:
                continue
            colon = next(
                (i for i in range(first + 1, min(first + 4, len(tokens))) if tokens[i].text == ":"),
                None,
            )
            if colon is None or colon + 1 >= len(tokens) or self.claimed[colon + 1]:
                continue
            label = " ".join(t.text for t in tokens[first:colon])
            person = self._person_called(label)
            if person is None:
                continue
            line_end = colon + 1
            while line_end < len(tokens) and not tokens[line_end].line_start:
                line_end += 1
            last = line_end
            self._claim(colon + 1, last)
            speaker = Entity(tokens[first].start, tokens[colon - 1].end, EntityLabel.PER,
                             person.canonical, person.role)
            found.append(
                Quote(tokens[colon + 1].start, tokens[last - 1].end, QuoteKind.DIRECT, speaker, None, 0.8)
            )
        return found

    def _person_called(self, label: str) -> Entity | None:
        """A person named earlier whose name ends with `label` ('Aksoy' → 'Gül Aksoy')."""
        if not label[:1].isupper() or label.lower() in {"frage", "antwort"}:
            return None
        for person in self.persons:
            if person.canonical == label or person.canonical.endswith(" " + label):
                return person
        return None

    # -- direct speech ------------------------------------------------------------------------
    def _is_statement(self, first: int, last: int) -> bool:
        """Quoted words that are speech, not a name, a title or a scare-quoted word."""
        inner = [i for i in range(first + 1, last - 1) if self.tokens[i].text not in _PAIRS]
        words = [i for i in inner if self.tokens[i].text[:1].isalnum()]
        if not words:
            return False
        if any(self.tokens[i].text in _FINAL or self.tokens[i].text in {",", ":"} for i in inner[1:]):
            return len(words) >= 2
        has_verb = any(self.tags[i] in {"VERB", "AUX"} for i in words)
        if len(words) >= 6:
            return True
        return has_verb and len(words) >= 3 and not self._title_case(words)

    def _title_case(self, words: Sequence[int]) -> bool:
        content = [i for i in words if len(self.tokens[i].text) > 3]
        return bool(content) and all(self.tokens[i].text[:1].isupper() for i in content)

    def _direct(self, first: int, last: int, previous: Quote | None) -> Quote | None:
        inner_first, inner_last = first + 1, last - 1
        if self.tokens[last - 1].text not in _CLOSING_SET:
            inner_last = last
        span = Span(self.tokens[inner_first].start, self.tokens[max(inner_first, inner_last - 1)].end)
        frame = self._frame_after(last) or self._frame_before(first) or self._frame_colon(first)
        if frame is None:
            if previous is not None and self._sentences_between(previous.end, span.start) <= 2:
                # A quote that goes on after the one before it: its speaker comes later.
                self._claim(first, last)
                return Quote(span.start, span.end, QuoteKind.DIRECT, None, None, 0.4)
            if self._words(inner_first, inner_last) < 6 and not self._has_final(inner_first, inner_last):
                return None  # short, no frame: more likely a title or slogan than a quote
            self._claim(first, last)
            return Quote(span.start, span.end, QuoteKind.DIRECT, None, None, 0.4)
        self._claim(first, last)
        cue, speaker = frame
        return Quote(
            span.start,
            span.end,
            QuoteKind.DIRECT,
            speaker,
            cue,
            0.9 if speaker is not None else 0.6,
        )

    def _fragments(self, fragments: list[tuple[int, int]], quotes: list[Quote]) -> list[Quote]:
        """Quoted words inside reported speech ('wies dies als „Unverschämtheit“ zurück')."""
        found: list[Quote] = []
        for first, last in fragments:
            inner = [i for i in range(first + 1, last - 1) if self.tokens[i].text[:1].isalnum()]
            if not inner or (len(inner) > 1 and self._title_case(inner)):
                continue
            start, end = self.document.sentence_bounds[self.document.sentence_of(first)]
            span = Span(self.tokens[inner[0]].start, self.tokens[inner[-1]].end)
            around = next((q for q in quotes if q.start <= span.start and span.end <= q.end), None)
            if around is not None:
                found.append(Quote(span.start, span.end, QuoteKind.DIRECT, around.speaker, around.cue, 0.5))
                continue
            cue_index = next(
                (i for i in range(start, end) if not self.quoted[i] and self._cue_at(i, start, end)),
                None,
            )
            if cue_index is None:
                continue
            speaker = self._subject_before(start, cue_index) or self._speaker_after(cue_index + 1, end)
            if speaker is None:
                continue
            found.append(
                Quote(span.start, span.end, QuoteKind.DIRECT, speaker, self._span(cue_index, cue_index + 1), 0.5)
            )
        return found

    def _claim(self, first: int, last: int) -> None:
        for index in range(first, last):
            self.claimed[index] = True

    def _words(self, first: int, last: int) -> int:
        return sum(1 for i in range(first, last) if self.tokens[i].text[:1].isalnum())

    def _has_final(self, first: int, last: int) -> bool:
        return any(self.tokens[i].text in _FINAL for i in range(first, last))

    def _sentences_between(self, end: int, start: int) -> int:
        document = self.document
        return document.sentence_of(document.token_at(start)) - document.sentence_of(
            document.token_at(max(end - 1, 0))
        )

    def _frame_after(self, last: int) -> tuple[Span, Entity | None] | None:
        """'…“, sagte die Ministerin.' / '…“, so Wagner.' / '…“ sagte er.'"""
        sentence_end = self._sentence_end(last - 1)
        position = last
        if position < sentence_end and self.tokens[position].text == ",":
            position += 1
        if position >= sentence_end or self.quoted[position]:
            return None
        return self._cue_then_speaker(position, sentence_end)

    def _frame_before(self, first: int) -> tuple[Span, Entity | None] | None:
        """'Wagner sagte: „…“' / 'Dazu sagte Wagner, „…“' / 'Rentner Horst Lemke ist geschockt: »…«'."""
        sentence_start = self._sentence_start(first)
        if first == sentence_start:
            return None
        frame = self._clause_frame(sentence_start, first)
        if frame is not None or self.tokens[first - 1].text != ":":
            return frame
        # No speech verb, but a colon: the person the clause is about speaks.
        clause_start = self._clause_start(sentence_start, first - 1)
        speaker = self._first_person_named(clause_start, first - 1)
        if speaker is None:
            return None
        return self._span(first - 1, first), speaker

    def _role_and_name(self, start: int, end: int) -> Entity | None:
        """'Rentner Horst Lemke' when the entity model missed the name: a role and capitalised words."""
        for index in range(start, end - 1):
            if not is_role(self.tokens[index].text):
                continue
            last = index + 1
            while last < end and last - index <= 3 and self.tokens[last].text[:1].isupper():
                last += 1
            if last - index >= 2:
                name = " ".join(t.text for t in self.tokens[index + 1 : last])
                return Entity(self.tokens[index].start, self.tokens[last - 1].end, EntityLabel.PER,
                              name, self.tokens[index].text)
        return None

    def _first_person_named(self, start: int, end: int) -> Entity | None:
        """The phrase around the first person named in tokens[start:end], as a speaker."""
        span_start, span_end = self.tokens[start].start, self.tokens[end - 1].end
        person = next(
            (p for p in self.persons if p.start >= span_start and p.end <= span_end), None
        )
        if person is None:
            return self._role_and_name(start, end)
        first = self.document.token_at(person.start)
        last = self.document.token_at(person.end - 1) + 1
        first = self._np_start(start, first) if first > start else first
        return self._entity_for(first, last)

    def _frame_colon(self, first: int) -> tuple[Span, Entity | None] | None:
        """A speech clause ending in a colon in the sentence or line just before the quote."""
        sentence = self.document.sentence_of(first)
        if sentence == 0 or self.document.sentence_bounds[sentence][0] != first:
            return None
        start, end = self.document.sentence_bounds[sentence - 1]
        if self.tokens[end - 1].text != ":":
            return None
        return self._clause_frame(start, end - 1)

    def _clause_frame(self, start: int, end: int) -> tuple[Span, Entity | None] | None:
        """Cue and speaker in tokens[start:end] that introduce what follows."""
        for index in range(end - 1, start - 1, -1):
            if self.quoted[index]:
                break
            cue = self._cue_at(index, start, end)
            if cue is None:
                continue
            speaker = self._subject_before(start, index) or self._speaker_after(cue[1], end)
            return self._span(index, index + 1), speaker
        return None

    def _cue_then_speaker(self, position: int, end: int) -> tuple[Span, Entity | None] | None:
        token = self.tokens[position].text.lower()
        if token == "so" and position + 1 < end:
            speaker = self._speaker_after(position + 1, end)
            if speaker is not None:
                return self._span(position, position + 1), speaker
            return None
        for index in range(position, min(position + 3, end)):
            cue = self._cue_at(index, position, end)
            if cue is not None:
                speaker = self._speaker_after(cue[1], end) or self._subject_before(position, index)
                return self._span(index, index + 1), speaker
        return None

    # -- indirect speech ----------------------------------------------------------------------
    def _indirect(self) -> list[Quote]:
        quotes: list[Quote] = []
        for start, end in self.document.sentence_bounds:
            if all(self.claimed[start:end]) or end - start < 4:
                continue
            quote = (
                self._source_phrase(start, end)
                or self._cue_with_clause(start, end)
                or self._clause_then_cue(start, end)
            )
            if quote is not None:
                quotes.append(quote)
        return quotes

    def _cue_with_clause(self, start: int, end: int) -> Quote | None:
        """'X sagte, (dass) …' and 'Wie X betonte, …'."""
        for index in range(start, end):
            if self.quoted[index] or self.claimed[index]:
                continue
            cue = self._cue_at(index, start, end)
            if cue is None:
                continue
            if index > start and self.tokens[index - 1].text.lower() in {"wer", "man"}:
                continue  # "Wer glaubt ernsthaft, dass …?" asks; nobody is quoted
            comma = cue[1]
            while comma < end and self.tokens[comma].text != "," and comma - cue[1] < 12:
                comma += 1
            if comma >= end - 2 or self.tokens[comma].text != ",":
                continue
            clause_start = comma + 1
            clause_end = self._clause_end(clause_start, end)
            if clause_end - clause_start < 3:
                continue
            opener = self.tokens[clause_start].text.lower()
            as_wie = self.tokens[start].text.lower() == "wie" and index < comma
            lemma = self._cue_lemma(index, end)
            if not (
                opener in _SUBORDINATORS
                or self._has_subjunctive(clause_start, clause_end)
                or (as_wie and lemma not in WEAK_VERBS)
                or lemma in STRONG_VERBS
            ):
                continue
            subject_start = self._clause_start(start, index)
            if as_wie:
                speaker = self._speaker_after(start + 1, index)
            else:
                speaker = self._subject_before(subject_start, index) or self._speaker_after(
                    cue[1], comma
                )
            quote = self._indirect_quote(clause_start, clause_end, index, speaker, 0.8)
            if quote is not None:
                return quote
        return None

    def _clause_then_cue(self, start: int, end: int) -> Quote | None:
        """'Die Lage sei ernst, sagte Wagner.' / '…, so die Ministerin.'"""
        for comma in range(end - 2, start + 2, -1):
            if self.tokens[comma].text != "," or self.quoted[comma + 1]:
                continue
            frame = self._cue_then_speaker(comma + 1, self._clause_end(comma + 1, end))
            if frame is None:
                continue
            cue, speaker = frame
            cue_index = self.document.token_at(cue.start)
            if not (
                self._has_subjunctive(start, comma)
                or self.tokens[comma + 1].text == "so"
                or (cue_index <= comma + 2 and speaker is not None)
            ):
                continue
            first = start
            return self._indirect_quote_span(first, comma, cue, speaker, 0.75)
        return None

    def _source_phrase(self, start: int, end: int) -> Quote | None:
        """'Laut X …', 'X zufolge …', 'Nach Angaben von X …'."""
        for index in range(start, end - 2):
            word = self.tokens[index].text.lower()
            if self.quoted[index]:
                continue
            if word in {"laut", "lt.", "gemäß"}:
                source_end = self._np_end(index + 1, end)
                if source_end == index + 1:
                    continue
                speaker = self._entity_for(index + 1, source_end)
                return self._source_quote(start, end, index, index + 1, source_end, speaker)
            if word == "nach" and index + 1 < end:
                if any(
                    self.tokens[i].text.lower() in SOURCE_NOUNS for i in range(index + 1, min(end, index + 4))
                ):
                    source_end = self._np_end(index + 1, end)
                    speaker = self._entity_for(index + 1, source_end)
                    return self._source_quote(start, end, index, index + 1, source_end, speaker)
            if word == "zufolge" and index > start:
                source_start = self._np_start(start, index)
                if source_start == index:
                    continue
                speaker = self._entity_for(source_start, index)
                return self._source_quote(start, end, index, source_start, index + 1, speaker)
        return None

    def _source_quote(
        self,
        start: int,
        end: int,
        cue: int,
        source_start: int,
        source_end: int,
        speaker: Entity | None,
    ) -> Quote | None:
        phrase_start = min(cue, source_start)
        if phrase_start == start:
            first = self._skip_parenthetical(source_end, end)
            while first < end and self.tokens[first].text == ",":
                first += 1
        else:
            first = start
        last = end
        while last > first and self.tokens[last - 1].text in _FINAL:
            last -= 1
        if phrase_start > start:
            # "Die Lage ist, laut Polizei, ernst": the source phrase sits inside the quote.
            pass
        if last - first < 3:
            return None
        return self._indirect_quote(first, last, cue, speaker, 0.75)

    def _indirect_quote(
        self, first: int, last: int, cue: int, speaker: Entity | None, confidence: float
    ) -> Quote | None:
        return self._indirect_quote_span(first, last, self._span(cue, cue + 1), speaker, confidence)

    def _indirect_quote_span(
        self, first: int, last: int, cue: Span, speaker: Entity | None, confidence: float
    ) -> Quote | None:
        while last > first and self.tokens[last - 1].text in _FINAL | {",", ":"}:
            last -= 1
        if last <= first or self.claimed[first]:
            return None  # it would begin inside a direct quote already found
        for index in range(first, last):
            self.claimed[index] = True
        mixed = any(self.quoted[first:last])
        return Quote(
            self.tokens[first].start,
            self.tokens[last - 1].end,
            QuoteKind.MIXED if mixed else QuoteKind.INDIRECT,
            speaker,
            cue,
            confidence if speaker is not None else confidence / 2,
        )

    def _continuations(self, quotes: list[Quote]) -> list[Quote]:
        """Sentences in the Konjunktiv without a cue go on reporting the latest speaker.

        Consecutive such sentences form one quote. A sentence whose only sign of speech is a
        speech verb ("Wagner kritisierte die Sperrung.") is reported speech of its subject.
        """
        bounds = self.document.sentence_bounds
        by_sentence: dict[int, Quote] = {}
        for quote in quotes:
            by_sentence[self.document.sentence_of(self.document.token_at(quote.end - 1))] = quote
        result = list(quotes)
        latest: Quote | None = None
        latest_sentence = -10
        open_quote: Quote | None = None
        for sentence, (start, end) in enumerate(bounds):
            if sentence in by_sentence:
                latest, latest_sentence, open_quote = by_sentence[sentence], sentence, None
                continue
            if any(self.claimed[start:end]) or end - start < 3:
                open_quote = None
                continue
            last = self._clause_end(start, end)
            if last <= start:
                continue
            has_cue = self._has_cue(start, end)
            if self._has_subjunctive(start, end) and not has_cue:
                near = latest is not None and sentence - latest_sentence <= 3
                speaker = latest.speaker if near and latest is not None else None
                if open_quote is not None and open_quote in result:
                    result.remove(open_quote)
                    quote = Quote(open_quote.start, self.tokens[last - 1].end, QuoteKind.INDIRECT,
                                  open_quote.speaker, None, open_quote.confidence)
                else:
                    quote = Quote(self.tokens[start].start, self.tokens[last - 1].end,
                                  QuoteKind.INDIRECT, speaker, None, 0.55 if speaker else 0.35)
                result.append(quote)
                open_quote = quote
                latest_sentence = sentence
                continue
            open_quote = None
            if has_cue:
                reported = self._reported(start, last)
                if reported is not None:
                    result.append(reported)
                    latest, latest_sentence = reported, sentence
        result.sort(key=lambda quote: quote.start)
        return result

    def _plausible_speaker(self, speaker: Entity) -> bool:
        """A named person or organisation, a pronoun, or a role noun — not 'ein Streik'."""
        surface = speaker.text_of(self.text)
        words = surface.split()
        if any(e.start >= speaker.start and e.end <= speaker.end for e in self.document.entities):
            return True
        if len(words) == 1 and words[0].lower() in PERSONAL_PRONOUNS:
            return True
        return any(is_role(word) for word in words) or speaker.label is EntityLabel.ORG

    def _reported(self, start: int, last: int) -> Quote | None:
        """A whole sentence whose speech verb has no clause: reported speech of its subject."""
        for index in range(start, last):
            if self.quoted[index]:
                continue
            if self._cue_at(index, start, last) is None:
                continue
            if self._cue_lemma(index, last) not in REPORTING_VERBS:
                return None
            speaker = self._subject_before(start, index)
            if speaker is None or not self._plausible_speaker(speaker):
                return None
            if self._cue_lemma(index, last) == "sprechen" and not any(
                self.tokens[i].text.lower() in {"von", "vom"} for i in range(index + 1, last)
            ):
                return None
            for position in range(start, last):
                self.claimed[position] = True
            return Quote(
                self.tokens[start].start,
                self.tokens[last - 1].end,
                QuoteKind.INDIRECT,
                speaker,
                self._span(index, index + 1),
                0.45,
            )
        return None

    # -- cues, speakers -----------------------------------------------------------------------
    def _cue_at(self, index: int, start: int, end: int) -> tuple[int, int] | None:
        """(cue token, first token after the cue) when tokens[index] is a speech verb."""
        token = self.tokens[index].text
        if not token[:1].islower() and index != start and token.lower() not in SPEECH_NOUNS:
            return None
        lemma = self.lemmas[index]
        if lemma in SEPARABLE_BASES:
            for later in range(index + 1, min(end, index + 12)):
                particle = self.tokens[later].text.lower()
                if particle in {",", ".", ":"}:
                    break
                if (lemma, particle) in SEPARABLE:
                    return index, index + 1
        if is_subjunctive(token, lemma, self.tags[index]) and token.lower() not in _PAST_CUES:
            return None  # "Sie erwarte, dass …": a verb inside the reported clause, not its cue
        if speech_lemma(lemma) and self.tags[index] not in {"PROPN", "DET", "ADP"}:
            if token.lower() == lemma and index > start and self.tokens[index - 1].text.lower() == "zu":
                return None  # "zu sagen" is no speech act
            return index, index + 1
        if token.lower() in {"hieß", "heißt"} and index + 1 < end and self.tokens[index + 1].text == "es":
            return index, index + 2
        if (
            token.lower() in SPEECH_NOUNS
            and index + 2 < end
            and self.tokens[index + 1].text == ","
            and (
                self.tokens[index + 2].text.lower() in _SUBORDINATORS
                or self._has_subjunctive(index + 2, end)
                or any(self.tokens[i].text.lower() == "zu" or "zu" in self.tokens[i].text[2:-2]
                       for i in range(index + 2, end) if self.tags[i] in {"PART", "VERB"})
            )
        ):
            return index, index + 1
        return None

    def _cue_lemma(self, index: int, end: int) -> str:
        """The lemma of a cue, with its separated particle: 'teilte … mit' → 'mitteilen'."""
        lemma = self.lemmas[index]
        if lemma in SEPARABLE_BASES:
            for later in range(index + 1, min(end, index + 12)):
                particle = self.tokens[later].text.lower()
                if particle in {",", ".", ":"}:
                    break
                if (lemma, particle) in SEPARABLE:
                    return SEPARABLE[(lemma, particle)]
        return lemma

    def _has_cue(self, start: int, end: int) -> bool:
        return any(self._cue_at(i, start, end) for i in range(start, end) if not self.quoted[i])

    def _has_subjunctive(self, start: int, end: int) -> bool:
        for index in range(start, end):
            if self.quoted[index]:
                continue
            if not is_subjunctive(self.tokens[index].text, self.lemmas[index], self.tags[index]):
                continue
            nearby = {t.text.lower() for t in self.tokens[max(start, index - 3) : index + 2]}
            if "ich" in nearby:
                continue  # "ich habe", "halte ich": first person indicative, not Konjunktiv
            return True
        return False

    def _subject_before(self, start: int, verb: int) -> Entity | None:
        """The subject of a clause whose speech verb is at `verb`.

        German puts one constituent before the finite verb: when that is a noun phrase it is
        usually the subject ("Die Ministerin sagte"); when it is an adverbial ("Am Montag sagte",
        "Auf einer Pressekonferenz hat"), the subject follows the finite verb.
        """
        finite = next(
            (i for i in range(start, verb + 1) if self.tags[i] in {"VERB", "AUX"} and i > start),
            verb,
        )
        if finite == start:
            return None
        first = self.tokens[start].text.lower()
        fronted_np = (
            self.tags[start] not in {"ADP", "ADV", "SCONJ", "CCONJ", "PART"}
            or first in _DETERMINERS
        ) and first not in {"wie", "so", "dazu", "dabei", "zudem", "außerdem", "auch"}
        if fronted_np:
            np_start = self._np_start(start, finite)
            if np_start == start or self._apposition_start(start, np_start) == start:
                return self._entity_for(start, finite)
        if finite < verb or finite == verb:
            after = self._speaker_after(finite + 1, verb if finite < verb else len(self.tokens))
            if after is not None:
                return after
        np_start = self._np_start(start, verb)
        if np_start == verb:
            return None
        return self._entity_for(np_start, verb)

    def _apposition_start(self, start: int, np_start: int) -> int:
        """'Olli Rehn, EU-Kommissar, sagte': the phrase before an apposition in commas."""
        if np_start - 1 <= start or self.tokens[np_start - 1].text != ",":
            return np_start
        inner_start = self._np_start(start, np_start - 1)
        if inner_start == np_start - 1:
            return np_start
        if inner_start == start:
            return start
        if self.tokens[inner_start - 1].text == ",":
            outer = self._np_start(start, inner_start - 1)
            if outer == start:
                return start
        return np_start

    def _speaker_after(self, position: int, end: int) -> Entity | None:
        """The subject after an inverted verb ('sagte die Ministerin am Montag')."""
        while position < end and self.tags[position] == "ADV" and self.tokens[position].text.islower():
            position += 1
        if position >= end:
            return None
        if self.tokens[position].text.lower() in _IMPERSONAL | _OBLIQUE:
            return None
        np_end = self._np_end(position, end)
        # An apposition: "sagte Steve Marshall, Sprecher der UN," or "sagte der Sprecher, Greve."
        if np_end < end - 1 and self.tokens[np_end].text == "," and self._is_head(np_end - 1):
            apposition_end = self._np_end(np_end + 1, end)
            inside = range(np_end + 1, apposition_end)
            before = range(position, np_end)
            if apposition_end > np_end + 1 and (
                any(is_role(self.tokens[i].text) for i in inside)
                or (
                    any(is_role(self.tokens[i].text) for i in before)
                    and all(self.tokens[i].text[:1].isupper() for i in inside)
                )
            ):
                np_end = apposition_end
        if np_end == position:
            return None
        return self._entity_for(position, np_end)

    def _np_end(self, position: int, end: int) -> int:
        """End of a noun phrase starting at `position` (exclusive).

        After its head noun a phrase goes on only through names ("Sprecher Klaus Stöhr"),
        the same entity, or a genitive or prepositional attachment ("der Sprecher der Stadt",
        "Günter Metzges vom Netzwerk Campact"); a second bare noun starts something else.
        """
        index = position
        seen_head = False
        open_slot = True  # determiners and adjectives may come (start, or after a link word)
        ner = self.document.ner_tags
        while index < end:
            word = self.tokens[index].text
            lower = word.lower()
            tag = self.tags[index]
            if self.quoted[index] and not seen_head:
                break
            if lower in PERSONAL_PRONOUNS and not seen_head:
                return index + 1
            if open_slot and (lower in _DETERMINERS or tag in {"ADJ", "NUM", "DET"}) and not word[:1].isupper():
                index += 1
                continue
            if word[:1].isupper() or tag in {"PROPN", "NOUN"}:
                if seen_head and not open_slot and not self._continues_name(index, ner):
                    break
                seen_head = True
                open_slot = False
                index += 1
                continue
            if seen_head and lower in _NP_LINKS and index + 1 < end:
                following = self.tokens[index + 1].text
                if following[:1].isupper() or following.lower() in _DETERMINERS:
                    open_slot = True
                    index += 1
                    continue
            break
        while index > position and not self._is_head(index - 1):
            index -= 1
        return index

    def _continues_name(self, index: int, ner: Sequence[str]) -> bool:
        previous = self.tokens[index - 1].text
        if ner and index < len(ner) and ner[index] != "O":
            return True
        if self.tags[index] == "PROPN":
            return True
        return is_role(previous) or previous.endswith(".") and previous[:1].isupper()

    def _np_start(self, start: int, end: int) -> int:
        """Start of the noun phrase that ends just before `end`."""
        index = end
        while index > start:
            token = self.tokens[index - 1]
            word = token.text
            lower = word.lower()
            tag = self.tags[index - 1]
            if self.quoted[index - 1] or word in {",", ":", ";", "(", "–", "-"}:
                break
            if word in {"/", "&"} and index - 1 > start and index < end:
                index -= 1  # "Bündnis 90/Die Grünen", "Procter & Gamble"
                continue
            if word == ")":
                opening = next(
                    (i for i in range(index - 2, max(start, index - 5) - 1, -1) if self.tokens[i].text == "("),
                    None,
                )
                if opening is not None and opening > start:
                    index = opening  # "Jan-Erik Sommer (CDU) kritisierte"
                    continue
            if lower in PERSONAL_PRONOUNS and index == end:
                return index - 1
            if (
                word[:1].isupper()
                or lower in _DETERMINERS
                or tag in {"ADJ", "NUM", "DET", "PROPN", "NOUN"}
                or (lower in _NP_LINKS and index < end)
            ):
                index -= 1
                continue
            break
        # The phrase must start at the clause start or after an adverb/conjunction.
        while index < end and (
            self.tokens[index].text.lower() in _NP_LINKS - {"der", "des"}
            or self.tags[index] in {"ADV", "CCONJ", "ADP", "SCONJ"}
        ):
            index += 1
        return index

    def _is_head(self, index: int) -> bool:
        word = self.tokens[index].text
        return word[:1].isupper() or self.tags[index] in {"PROPN", "NOUN"} or (
            word.lower() in PERSONAL_PRONOUNS
        )

    def _entity_for(self, first: int, last: int) -> Entity | None:
        """The speaker named by tokens[first:last], resolved to a person where it can be."""
        while last > first and self.tokens[last - 1].text in {",", ":", ";", "-", "–", "("}:
            last -= 1  # a phrase ends on a word, not on the comma closing an apposition
        while first < last and not self.tokens[first].text[:1].isalnum():
            first += 1
        if last <= first:
            return None
        span_start = self.tokens[first].start
        span_end = self.tokens[last - 1].end
        inside = [e for e in self.document.entities if e.start >= span_start and e.end <= span_end]
        named = next((e for e in inside if e.label is EntityLabel.PER), None) or next(
            iter(inside), None
        )
        words = [self.tokens[i].text for i in range(first, last)]
        if named is not None:
            role = named.role or _role_words(words)
            return Entity(span_start, span_end, named.label, named.canonical or named.text_of(self.text), role)
        head = words[-1]
        known = self._person_called(head) if head[:1].isupper() else None
        if known is not None:
            return Entity(span_start, span_end, EntityLabel.PER, known.canonical, known.role)
        if len(words) == 1 and head.lower() in PERSONAL_PRONOUNS:
            person = self._antecedent(span_start, head.lower())
            if person is None:
                return Entity(span_start, span_end, EntityLabel.PER, head, None)
            return Entity(span_start, span_end, EntityLabel.PER, person.canonical, person.role)
        role_words = [word for word in words if is_role(word)]
        if role_words:
            person = self._by_role(span_start, role_words[-1], words[0].lower())
            if person is not None:
                return Entity(span_start, span_end, EntityLabel.PER, person.canonical, person.role)
            return Entity(span_start, span_end, EntityLabel.PER, " ".join(words), " ".join(words))
        label = EntityLabel.ORG if any(head.lower().endswith(h) for h in _ORG_HEADS) else EntityLabel.PER
        return Entity(span_start, span_end, label, " ".join(words), None)

    def _antecedent(self, position: int, pronoun: str) -> Entity | None:
        """The person a pronoun stands for: the latest person named before it that fits."""
        for person in reversed(self.persons):
            if person.end > position:
                continue
            gender = _person_gender(person)
            if pronoun in {"er", "ihm", "ihn", "seiner"} and gender is True:
                continue
            if pronoun in {"sie", "ihr", "ihrer"} and gender is False:
                continue
            if self.quoted[self.document.token_at(person.start)]:
                continue
            return person
        return None

    def _by_role(self, position: int, role_word: str, determiner: str) -> Entity | None:
        """'die Ex-Ministerin' → the latest person before it whose role has that head."""
        if determiner not in ANAPHORIC_DETERMINERS and determiner != role_word.lower():
            return None
        head = role_head(role_word)
        roles: dict[str, set[str]] = {}
        for person in self.persons:
            if person.role:
                roles.setdefault(person.canonical, set()).add(role_head(person.role.split()[-1]))
        # The latest mention wins, whether or not that mention carried the role itself.
        for person in reversed(self.persons):
            if person.end <= position and head in roles.get(person.canonical, ()):
                return person
        return None

    # -- helpers ------------------------------------------------------------------------------
    def _span(self, first: int, last: int) -> Span:
        return Span(self.tokens[first].start, self.tokens[last - 1].end)

    def _sentence_end(self, index: int) -> int:
        return self.document.sentence_bounds[self.document.sentence_of(index)][1]

    def _sentence_start(self, index: int) -> int:
        return self.document.sentence_bounds[self.document.sentence_of(index)][0]

    def _skip_parenthetical(self, position: int, end: int) -> int:
        """Past '(SPD)' right after a name."""
        if position < end and self.tokens[position].text == "(":
            for index in range(position + 1, min(end, position + 6)):
                if self.tokens[index].text == ")":
                    return index + 1
        return position

    def _clause_start(self, start: int, index: int) -> int:
        """After the last colon or semicolon before `index`: 'Kritik kam von X: Deren Sprecherin sagte'."""
        for position in range(index - 1, start, -1):
            if self.tokens[position].text in {":", ";"} and not self.quoted[position]:
                return position + 1
        return start

    def _clause_end(self, start: int, end: int) -> int:
        """End of the sentence part from `start`, without the final stop."""
        last = end
        while last > start and self.tokens[last - 1].text in _FINAL:
            last -= 1
        return last


_CLOSING_SET = frozenset({"“", "”", '"', "«", "»", "‘", "’", "‹", "›"})


def _interrupted(finder: _QuoteFinder, statements: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join '„Wir gehen“, sagte sie, „und zwar sofort.“' into one quote."""
    joined: list[tuple[int, int]] = []
    for first, last in statements:
        if joined:
            previous_first, previous_last = joined[-1]
            between = finder.tokens[previous_last:first]
            if (
                0 < len(between) <= 8
                and between[0].text == ","
                and between[-1].text in {",", ":"}
                and finder._has_cue(previous_last, first)
            ):
                joined[-1] = (previous_first, last)
                continue
        joined.append((first, last))
    return joined


def _role_words(words: list[str]) -> str | None:
    roles = [word for word in words if is_role(word)]
    return " ".join(roles) if roles else None


def _person_gender(person: Entity) -> bool | None:
    if person.role:
        by_role = feminine(person.role.split()[-1])
        if by_role is not None:
            return by_role
    words = person.canonical.split()
    return name_gender(words[0]) if len(words) >= 2 else None
