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

import simplemma

from newsprism.analyse.cues import SUBORDINATORS, SpeechCues
from newsprism.analyse.document import Document
from newsprism.analyse.english import english_reported
from newsprism.analyse.quotemarks import CLOSING_MARKS, PAIRS, quotation_marks
from newsprism.analyse.sentences import FINAL
from newsprism.analyse.speakers import SpeakerResolver
from newsprism.analyse.speech import (
    RELATIVE_PRONOUNS,
    REPORTING_VERBS,
    STRONG_VERBS,
    WEAK_VERBS,
    source_noun,
)
from newsprism.model.spans import Entity, Quote, QuoteKind, Span

_FINAL = FINAL  # the sentence splitter's final punctuation
_ADVERBIAL_SUBORDINATORS = frozenset(
    "wenn weil da obwohl obgleich als nachdem während falls sobald seit seitdem bevor indem "
    "zumal sofern solange".split()
)


def find_quotes(document: Document) -> list[Quote]:
    """Every quotation in the document, in text order."""
    if not document.tokens:
        return []
    ranges = [
        (document.token_at(mark.start), document.token_at(mark.end))
        for mark in quotation_marks(document.text)
    ]
    # What is quoted is known before any speaker is sought: the resolver never takes one from it.
    quoted = [False] * len(document.tokens)
    for first, last in ranges:
        for index in range(first, min(last, len(document.tokens))):
            quoted[index] = True
    finder = _QuoteFinder(document, quoted, SpeakerResolver(document, quoted))
    return finder.run(ranges)


class _QuoteFinder:
    """Where the quotes of one document are, and their cues; `speakers` says who speaks."""

    def __init__(
        self, document: Document, quoted: Sequence[bool], speakers: SpeakerResolver
    ) -> None:
        self.document = document
        self.tokens = document.tokens
        self.lemmas, self.tags = speakers.lemmas, speakers.tags  # one view of the words
        self.quoted = quoted  # tokens inside quotation marks
        self.speakers = speakers
        self.claimed = [False] * len(self.tokens)  # part of a quote already found
        self.cues = SpeechCues(document.tokens, self.lemmas, self.tags, quoted)
        self.english = (document.language or "").lower().startswith("en")

    def run(self, ranges: list[tuple[int, int]]) -> list[Quote]:
        """The quotes, given the token ranges of the paired quotation marks."""
        statements: list[tuple[int, int]] = []
        fragments: list[tuple[int, int]] = []
        interrupted = self._interrupted_pairs(ranges)
        for number, (first, last) in enumerate(ranges):
            if number in interrupted or self._is_statement(first, last) or self._framed(last):
                statements.append((first, last))
            elif last - first <= 7:
                fragments.append((first, last))
        quotes: list[Quote] = []
        previous: Quote | None = None
        for first, last in self._interrupted(statements):
            quote = self._direct(first, last, previous)
            if quote is not None:
                quotes.append(quote)
                previous = quote
        quotes.extend(self._interview_answers())
        quotes.extend(self._indirect())
        quotes.sort(key=lambda quote: quote.start)
        quotes = self._continuations(quotes)
        # Quoted fragments last: the reported speech around them is known by now.
        quotes.extend(self._fragments(fragments, quotes))
        quotes.sort(key=lambda quote: quote.start)
        return self._inherit_speakers(quotes)

    def _inherit_speakers(self, quotes: list[Quote]) -> list[Quote]:
        """A direct quote with no speech clause of its own goes on from the quote before it."""
        result: list[Quote] = []
        for quote in quotes:
            if quote.speaker is None and quote.kind is QuoteKind.DIRECT and result:
                before = result[-1]
                if (
                    before.speaker is not None
                    and self._sentences_between(before.end, quote.start) <= 2
                ):
                    quote = Quote(quote.start, quote.end, quote.kind, before.speaker, None, 0.6)
            result.append(quote)
        return result

    def _interview_answers(self) -> list[Quote]:
        """'Aksoy: Es bringt vor allem Planbarkeit.' — an answer line in an interview."""
        found: list[Quote] = []
        tokens = self.tokens
        for first, end in self.document.sentence_bounds:
            if not tokens[first].line_start:
                continue
            # Name and colon stand on one line (a sentence never crosses a line break).
            colon = next(
                (i for i in range(first + 1, min(first + 4, end)) if tokens[i].text == ":"),
                None,
            )
            # The answer is the rest of the line: a line that ends at the colon ("Merkel:",
            # "… Data :") has none, and the next line is not taken for one.
            if colon is None or colon + 1 >= end or self.claimed[colon + 1]:
                continue
            speaker = self.speakers.interview_speaker(first, colon)
            if speaker is None:
                continue
            last = colon + 1
            while last < len(tokens) and not tokens[last].line_start:
                last += 1
            self._claim(colon + 1, last)
            found.append(
                Quote(
                    tokens[colon + 1].start,
                    tokens[last - 1].end,
                    QuoteKind.DIRECT,
                    speaker,
                    None,
                    0.8,
                )
            )
        return found

    # -- direct speech ------------------------------------------------------------------------
    def _is_statement(self, first: int, last: int) -> bool:
        """Quoted words that are speech, not a name, a title or a scare-quoted word."""
        inner = [i for i in range(first + 1, last - 1) if self.tokens[i].text not in PAIRS]
        words = [i for i in inner if self.tokens[i].text[:1].isalnum()]
        if not words:
            return False
        if any(
            self.tokens[i].text in _FINAL or self.tokens[i].text in {",", ":"} for i in inner[1:]
        ):
            return len(words) >= 2
        has_verb = any(self.tags[i] in {"VERB", "AUX"} for i in words)
        if len(words) >= 6:
            return True
        return has_verb and len(words) >= 3 and not self._title_case(words)

    def _title_case(self, words: Sequence[int]) -> bool:
        """'Allianz der Vernunft', 'Das Boot': every longer word capitalised, like a name."""
        content = [i for i in words if len(self.tokens[i].text) > 3]
        if len(content) < 2 and len(words) > 2:
            return False
        return bool(content) and all(self.tokens[i].text[:1].isupper() for i in content)

    def _framed(self, last: int) -> bool:
        """Quoted words followed by a speech clause ('„Wir bleiben“, sagte sie') are said."""
        if last + 1 >= len(self.tokens) or self.tokens[last].text != ",":
            return False
        end = min(len(self.tokens), last + 4)
        if self.tokens[last + 1].text == "so":
            return True
        return self.cues.cue_at(last + 1, last + 1, end) is not None

    def _interrupted_pairs(self, ranges: list[tuple[int, int]]) -> set[int]:
        """Quotes on both sides of a speech clause: '„Wir gehen“, sagte sie, „und zwar sofort.“'."""
        found: set[int] = set()
        for number in range(len(ranges) - 1):
            if self._speech_clause_between(ranges[number][1], ranges[number + 1][0]):
                found.update((number, number + 1))
        return found

    def _speech_clause_between(self, end: int, start: int) -> bool:
        """', sagte sie,' between two quoted parts: one quote, interrupted."""
        between = self.tokens[end:start]
        return (
            0 < len(between) <= 8
            and between[0].text == ","
            and between[-1].text in {",", ":"}
            and self.cues.has_cue(end, start)
        )

    def _interrupted(self, statements: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Join '„Wir gehen“, sagte sie, „und zwar sofort.“' into one quote."""
        joined: list[tuple[int, int]] = []
        for first, last in statements:
            if joined and self._speech_clause_between(joined[-1][1], first):
                joined[-1] = (joined[-1][0], last)
                continue
            joined.append((first, last))
        return joined

    def _direct(self, first: int, last: int, previous: Quote | None) -> Quote | None:
        inner_first, inner_last = first + 1, last - 1
        if self.tokens[last - 1].text not in CLOSING_MARKS:
            inner_last = last
        span = Span(
            self.tokens[inner_first].start, self.tokens[max(inner_first, inner_last - 1)].end
        )
        frame = (
            self._frame_after(last)
            or self._frame_before(first)
            or self._frame_colon(first)
            or self._frame_inside(first, last)
        )
        if frame is None:
            if previous is not None and self._sentences_between(previous.end, span.start) <= 2:
                # A quote that goes on after the one before it: its speaker comes later.
                self._claim(first, last)
                return Quote(span.start, span.end, QuoteKind.DIRECT, None, None, 0.4)
            if self._words(inner_first, inner_last) < 6 and not self._has_final(
                inner_first, inner_last
            ):
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

    def _frame_inside(self, first: int, last: int) -> tuple[Span | None, Entity | None] | None:
        """The speech clause between the two parts of an interrupted quote."""
        for index in range(first + 1, last - 1):
            if not self.quoted[index]:
                end = index
                while end < last and not self.quoted[end]:
                    end += 1
                start = index + 1 if self.tokens[index].text == "," else index
                return self._cue_then_speaker(start, end)
        return None

    def _fragments(self, fragments: list[tuple[int, int]], quotes: list[Quote]) -> list[Quote]:
        """Quoted words inside reported speech ('wies dies als „Unverschämtheit“ zurück')."""
        found: list[Quote] = []
        for first, last in fragments:
            inner = [i for i in range(first + 1, last - 1) if self.tokens[i].text[:1].isalnum()]
            if not inner or (len(inner) > 1 and self._title_case(inner)):
                continue
            if len(inner) == 1 and self._name_like(inner[0]):
                continue  # „YouTube“, „Muschtarak“: a quoted name, not a quoted word
            start, end = self.document.sentence_bounds[self.document.sentence_of(first)]
            span = Span(self.tokens[inner[0]].start, self.tokens[inner[-1]].end)
            around = next((q for q in quotes if q.start <= span.start and span.end <= q.end), None)
            if around is not None:
                found.append(
                    Quote(span.start, span.end, QuoteKind.DIRECT, around.speaker, around.cue, 0.5)
                )
                continue
            cue_index = next(
                (
                    i
                    for i in range(start, end)
                    if not self.quoted[i] and self.cues.cue_at(i, start, end)
                ),
                None,
            )
            if cue_index is None:
                continue
            speaker = self.speakers.speaker_of_cue(start, cue_index, cue_index + 1, end)
            if speaker is None:
                continue
            found.append(
                Quote(
                    span.start,
                    span.end,
                    QuoteKind.DIRECT,
                    speaker,
                    self._span(cue_index, cue_index + 1),
                    0.5,
                )
            )
        return found

    def _name_like(self, index: int) -> bool:
        word = self.tokens[index].text
        if self.speakers.in_entity(index) or self.tags[index] == "PROPN":
            return True
        return word[:1].isupper() and not simplemma.is_known(word, lang="de")

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

    def _frame_after(self, last: int) -> tuple[Span | None, Entity | None] | None:
        """'…“, sagte die Ministerin.' / '…“, so Wagner.' / '…“ sagte er.'"""
        sentence_end = self._sentence_end(last - 1)
        position = last
        if position < sentence_end and self.tokens[position].text == ",":
            position += 1
        if position >= sentence_end or self.quoted[position]:
            return None
        return self._cue_then_speaker(position, sentence_end)

    def _frame_before(self, first: int) -> tuple[Span | None, Entity | None] | None:
        """'Wagner sagte: „…“', 'Dazu sagte Wagner, „…“', 'Rentner Lemke ist geschockt: »…«'."""
        sentence_start = self._sentence_start(first)
        if first == sentence_start:
            return None
        frame = self._clause_frame(sentence_start, first)
        if frame is not None or self.tokens[first - 1].text != ":":
            return frame
        # No speech verb, but a colon: the person the clause is about speaks.
        clause_start = self._clause_start(sentence_start, first - 1)
        speaker = self.speakers.person_named(clause_start, first - 1)
        if speaker is None:
            return None
        return None, speaker

    def _frame_colon(self, first: int) -> tuple[Span | None, Entity | None] | None:
        """A speech clause ending in a colon in the sentence or line just before the quote."""
        sentence = self.document.sentence_of(first)
        if sentence == 0 or self.document.sentence_bounds[sentence][0] != first:
            return None
        start, end = self.document.sentence_bounds[sentence - 1]
        if self.tokens[end - 1].text != ":":
            return None
        return self._clause_frame(start, end - 1)

    def _clause_frame(self, start: int, end: int) -> tuple[Span | None, Entity | None] | None:
        """Cue and speaker in tokens[start:end] that introduce what follows."""
        for index in range(end - 1, start - 1, -1):
            if self.quoted[index]:
                break
            cue = self.cues.cue_at(index, start, end)
            if cue is None:
                continue
            speaker = self.speakers.speaker_of_cue(start, index, cue[1], end)
            return self._span(index, index + 1), speaker
        return None

    def _cue_then_speaker(
        self, position: int, end: int
    ) -> tuple[Span | None, Entity | None] | None:
        token = self.tokens[position].text.lower()
        if token == "so" and position + 1 < end:
            speaker = self.speakers.subject_after(position + 1, end)
            if speaker is not None:
                return self._span(position, position + 1), speaker
            return None
        for index in range(position, min(position + 3, end)):
            cue = self.cues.cue_at(index, position, end)
            if cue is not None:
                speaker = self.speakers.speaker_after_cue(position, index, cue[1], end)
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
                or self._english_reported(start, end)
                or self._cue_with_clause(start, end)
                or self._clause_then_cue(start, end)
            )
            if quote is not None:
                quotes.append(quote)
        return quotes

    def _english_reported(self, start: int, end: int) -> Quote | None:
        if not self.english:
            return None
        found = english_reported(self.tokens, self.quoted, self.speakers, start, end)
        if found is None or any(self.claimed[found.first : found.last]):
            return None
        return self._indirect_quote(found.first, found.last, found.cue, found.speaker, 0.75)

    def _cue_with_clause(self, start: int, end: int) -> Quote | None:
        """'X sagte, (dass) …' and 'Wie X betonte, …'."""
        for index in range(start, end):
            if self.quoted[index] or self.claimed[index]:
                continue
            cue = self.cues.cue_at(index, start, end)
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
            if opener not in SUBORDINATORS and self._in_relative_clause(start, index):
                continue  # "eine Notlage, die jedes Jahr erklärt wird, ist keine": no speech
            as_wie = self.tokens[start].text.lower() == "wie" and index < comma
            lemma = self.cues.cue_lemma(index, end)
            if not (
                opener in SUBORDINATORS
                or self.cues.has_subjunctive(clause_start, clause_end)
                or (as_wie and lemma not in WEAK_VERBS)
                or lemma in STRONG_VERBS
            ):
                continue
            subject_start = self._clause_start(start, index)
            if as_wie:
                speaker = self.speakers.subject_after(start + 1, index)
            else:
                speaker = self.speakers.speaker_of_cue(subject_start, index, cue[1], end)
                clause_start = self._past_speaker(speaker, clause_start, clause_end)
            quote = self._indirect_quote(clause_start, clause_end, index, speaker, 0.8)
            if quote is not None:
                return quote
        return None

    def _past_speaker(self, speaker: Entity | None, clause_start: int, clause_end: int) -> int:
        """Where the said clause starts when the speaker after the cue reaches past the first
        comma: 'Am Montag sagte die Sprecherin der Stadt, Jana Roth, die Lage sei ernst.'"""
        if speaker is None or speaker.end <= self.tokens[clause_start].start:
            return clause_start
        position = self.document.token_at(speaker.end - 1) + 1
        while position < clause_end and self.tokens[position].text == ",":
            position += 1
        return position if clause_end - position >= 3 else clause_start

    def _clause_then_cue(self, start: int, end: int) -> Quote | None:
        """'Die Lage sei ernst, sagte Wagner.' / '…, so die Ministerin.' / '…, wie X berichtete.'"""
        for comma in range(end - 2, start + 2, -1):
            if self.tokens[comma].text != "," or self.quoted[comma + 1]:
                continue
            if self.tokens[comma + 1].text.lower() == "wie":
                quote = self._clause_then_wie(start, comma, end)
                if quote is not None:
                    return quote
                continue
            frame = self._cue_then_speaker(comma + 1, self._clause_end(comma + 1, end))
            if frame is None:
                continue
            cue, speaker = frame
            if cue is None:
                continue
            cue_index = self.document.token_at(cue.start)
            if not (
                self.cues.has_subjunctive(start, comma)
                or self.tokens[comma + 1].text == "so"
                or (cue_index <= comma + 2 and speaker is not None)
            ):
                continue
            first = start
            return self._indirect_quote_span(first, comma, cue, speaker, 0.75)
        return None

    def _clause_then_wie(self, start: int, comma: int, end: int) -> Quote | None:
        """'…, wie die Nachrichtenagentur ANSA berichtete.': the cue closes the sentence."""
        last = self._clause_end(comma + 1, end)
        for index in range(last - 1, comma + 2, -1):
            if self.cues.cue_at(index, comma + 2, last) is not None:
                speaker = self.speakers.subject_after(comma + 2, index)
                return self._indirect_quote(start, comma, index, speaker, 0.75)
        return None

    def _source_phrase(self, start: int, end: int) -> Quote | None:
        """'Laut X …', 'X zufolge …', 'Nach Angaben von X …'."""
        for index in range(start, end - 2):
            word = self.tokens[index].text.lower()
            if self.quoted[index]:
                continue
            if word in {"laut", "lt.", "gemäß"}:
                source_end, speaker = self.speakers.source_after(index + 1, end)
                if source_end == index + 1:
                    continue
                return self._source_quote(start, end, index, index + 1, source_end, speaker)
            if word in {"nach", "aus"} and any(
                source_noun(self.tokens[i].text) for i in range(index + 1, min(end, index + 4))
            ):
                source_end, speaker = self.speakers.source_after(index + 1, end)
                return self._source_quote(start, end, index, index + 1, source_end, speaker)
            if word in {"demnach", "demzufolge"} and index == start:
                # "Demnach steht …": reports the source named just before.
                return self._source_quote(start, end, index, index, index + 1, None)
            if word == "zufolge" and index > start:
                source_start, speaker = self.speakers.source_before(start, index)
                if source_start == index:
                    continue
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
        # "Die Lage ist, laut Polizei, ernst": the source phrase stays inside the quote's span.
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
            has_cue = self.cues.has_cue(start, end)
            # Only the Konjunktiv I carries reported speech on without a cue: a sentence in the
            # Konjunktiv II alone ("Aber es wäre ihre Aufgabe gewesen", "Man hätte früher
            # handeln müssen") is as often the writer's own judgement, and giving it to the
            # person last quoted would put an opinion in their mouth.
            hearsay = self.cues.has_subjunctive(
                start, end, reported_only=True
            ) or self._reportive_sollen(start, last)
            if hearsay and not has_cue:
                near = latest is not None and sentence - latest_sentence <= 3
                speaker = latest.speaker if near and latest is not None else None
                if open_quote is not None and open_quote in result:
                    result.remove(open_quote)
                    quote = Quote(
                        open_quote.start,
                        self.tokens[last - 1].end,
                        QuoteKind.INDIRECT,
                        open_quote.speaker,
                        None,
                        open_quote.confidence,
                    )
                else:
                    quote = Quote(
                        self.tokens[start].start,
                        self.tokens[last - 1].end,
                        QuoteKind.INDIRECT,
                        speaker,
                        None,
                        0.55 if speaker else 0.35,
                    )
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

    def _reportive_sollen(self, start: int, last: int) -> bool:
        """'Er soll zwei Menschen eingeschleust haben': sollen with a perfect infinitive reports
        what others say."""
        words = [t.text.lower() for t in self.tokens[start:last]]
        return (
            bool(words)
            and words[-1] in {"haben", "sein"}
            and any(w in {"soll", "sollen"} for w in words[:-1])
            and len(words) >= 4
        )

    def _reported(self, start: int, last: int) -> Quote | None:
        """A whole sentence whose speech verb has no clause: reported speech of its subject."""
        for index in range(start, last):
            if self.quoted[index]:
                continue
            if self.cues.cue_at(index, start, last) is None:
                continue
            if self.cues.cue_lemma(index, last) not in REPORTING_VERBS:
                return None
            if self._in_adverbial_clause(start, index):
                return None  # "Brehm hat recht, wenn sie Aufklärung fordert": the writer judges
            speaker = self.speakers.subject_before(start, index)
            if speaker is None or not self.speakers.plausible(speaker):
                return None
            if self.cues.cue_lemma(index, last) == "sprechen" and not any(
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

    # -- helpers ------------------------------------------------------------------------------
    def _span(self, first: int, last: int) -> Span:
        return Span(self.tokens[first].start, self.tokens[last - 1].end)

    def _skip_parenthetical(self, position: int, end: int) -> int:
        """Past '(SPD)' right after a name."""
        if position < end and self.tokens[position].text == "(":
            for index in range(position + 1, min(end, position + 6)):
                if self.tokens[index].text == ")":
                    return index + 1
        return position

    def _in_adverbial_clause(self, start: int, index: int) -> bool:
        """Whether the cue stands in a clause of condition, cause or time (", wenn sie …
        fordert"): the sentence asserts its main clause, which is not speech."""
        for position in range(index - 1, start, -1):
            if self.tokens[position].text == "," and not self.quoted[position]:
                return self.tokens[position + 1].text.lower() in _ADVERBIAL_SUBORDINATORS
        return False

    def _in_relative_clause(self, start: int, index: int) -> bool:
        """Whether the cue at `index` stands in a relative clause (", die … erklärt wird,"):
        what follows its closing comma is the main clause again, not what was said."""
        for position in range(index - 1, start, -1):
            text = self.tokens[position].text
            if text == "," and not self.quoted[position]:
                following = self.tokens[position + 1].text.lower()
                return following in RELATIVE_PRONOUNS and self.tags[position + 1] == "PRON"
        return False

    def _clause_start(self, start: int, index: int) -> int:
        """After the last colon or semicolon before `index`: 'Kritik kam von X: Sie sagte'."""
        for position in range(index - 1, start, -1):
            if self.tokens[position].text in {":", ";"} and not self.quoted[position]:
                return position + 1
        return start

    def _sentence_end(self, index: int) -> int:
        return self.document.sentence_bounds[self.document.sentence_of(index)][1]

    def _sentence_start(self, index: int) -> int:
        return self.document.sentence_bounds[self.document.sentence_of(index)][0]

    def _clause_end(self, start: int, end: int) -> int:
        """End of the sentence part from `start`, without the final stop."""
        last = end
        while last > start and self.tokens[last - 1].text in _FINAL:
            last -= 1
        return last
