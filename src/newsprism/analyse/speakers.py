"""Who is speaking: noun phrases around a speech verb, resolved to the people of the article.

A speaker entity keeps the words written ("die Ex-Ministerin", "er") as its span and carries the
canonical name of the person they stand for: pronouns take the latest fitting person named before,
role nouns the latest person holding that role ("der Rathauschef" → the mayor).

A source phrase names its speaker in the attachment ("nach Angaben der Feuerwehr" → Feuerwehr;
"nach eigenen Angaben" → the clause's subject); a fronted adverbial ("Erneut betonte …", "In
Mainz erklärte …") is never the speaker, German putting the subject after the verb then; an
English title is written small before the name ("said city treasurer Bernd Hollatz").

How a speaker is read from the words lives here alone: the quote finder (analyse/quotes.py) finds
quotation spans, cues and source phrases and asks a `SpeakerResolver` who speaks at each of them.
The finder only carries a speaker on from one quote to the next quote that goes on without one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from newsprism.analyse.descriptors import PersonDescriptors
from newsprism.analyse.document import Document
from newsprism.analyse.roles import (
    ANAPHORIC_DETERMINERS,
    PERSONAL_PRONOUNS,
    feminine,
    is_role,
    name_gender,
    role_head,
)
from newsprism.analyse.speech import RELATIVE_PRONOUNS, source_noun
from newsprism.model.spans import Entity, EntityLabel

DETERMINERS = frozenset(
    "der die das den dem des ein eine einer eines einem einen sein seine seiner seines seinem "
    "seinen ihr ihre ihrer ihres ihrem ihren kein keine dessen deren".split()
)
# Prepositions of time and place that open an adverbial before a subject: "sagte am Montag
# der Minister", "erklärte in Mainz Hoffmeister".
_ADVERBIAL_PREPOSITIONS = frozenset(
    "am an auf bei beim im in nach vor zum zur während seit".split()
)
_ENGLISH_ARTICLES = frozenset({"the", "a", "an"})
# Small words that end an English title: "said on Monday", "said in a statement".
_ENGLISH_STOPS = frozenset(
    "on in at to of for from that who which when while after before during as and or but with "
    "by is was has had it he she they we i you this there".split()
)
_DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des"})
_NP_LINKS = frozenset({"von", "vom", "der", "des", "für", "in", "im", "aus", "und"})
IMPERSONAL = frozenset({"es", "man"})
# Pronouns of quantity and pointing that stand as a subject on their own: "Beide sagten, …".
_SUBJECT_PRONOUNS = frozenset(
    "beide alle viele einige manche mehrere andere wenige jemand niemand keiner jeder dieser "
    "diese jener jene wir ich du".split()
)
# Determiners of the dative and accusative: a phrase they open is rarely the speaker.
_OBLIQUE = frozenset({"dem", "den", "einem", "einen", "ihm", "ihn", "ihnen"})
_ORG_HEADS = (
    "polizei regierung ministerium staatsanwaltschaft feuerwehr gericht verband unternehmen "
    "konzern partei behörde verwaltung amt stadt gemeinde kommission bank institut zeitung "
    "agentur fraktion vorstand rat union gewerkschaft klinik kasse verein bund"
).split()


class SpeakerResolver:
    """The speakers of one analysed document: who says what a cue or a source phrase introduces.

    `quoted` marks the tokens inside quotation marks (the finder pairs the marks before it asks):
    quoted words are what was said, so a speaker's phrase never reaches into them, and a person
    named only inside a quote is no antecedent for a pronoun outside it.

    What the finder asks: `speaker_of_cue` and `speaker_after_cue` (at a speech verb), or
    `subject_before` and `subject_after` where only one side of it can hold the speaker;
    `person_named` (a clause ending in a colon), `interview_speaker` ('Aksoy: …'),
    `source_after` and `source_before` ('laut X', 'X zufolge'); `plausible` (whether a subject
    can have said anything) and `in_entity` (whether a token belongs to a name).
    """

    def __init__(self, document: Document, quoted: Sequence[bool]) -> None:
        self._document = document
        self._text = document.text
        # The words as the quote finder reads them too (it takes these), so that a cue and its
        # speaker are found over one view when a pipeline ran without lemmas or tags.
        self.tokens = document.tokens
        self._has_lemmas = bool(document.lemmas)
        self._english = (document.language or "").lower().startswith("en")
        self.lemmas = document.lemmas or [t.text.lower() for t in document.tokens]
        self.tags = document.tags or ["X"] * len(document.tokens)
        # Entities and persons by start (a stable sort keeps the stages' order), so that the
        # names inside a phrase are found by bisection: a scan per phrase made a text with
        # thousands of quotes and names quadratic.
        self._entities = sorted(document.entities, key=lambda e: e.start)
        self._entity_starts = [e.start for e in self._entities]
        self._persons = [e for e in self._entities if e.label is EntityLabel.PER]
        self._person_starts = [p.start for p in self._persons]
        # The persons a name written alone ('Aksoy') can stand for: the first by each ending.
        self._by_ending: dict[str, Entity] = {}
        for person in self._persons:
            words = person.canonical.split(" ")
            for first in range(len(words)):
                self._by_ending.setdefault(" ".join(words[first:]), person)
        self._role_heads: dict[str, set[str]] = {}
        for person in self._persons:
            if person.role:
                heads = self._role_heads.setdefault(person.canonical, set())
                heads.add(role_head(person.role.split()[-1]))
            apposition = self._apposition_role(document, person)
            if apposition is not None:
                self._role_heads.setdefault(person.canonical, set()).add(role_head(apposition))
        self._descriptors = PersonDescriptors(document, self._persons)
        self._quoted = quoted
        # Which entity each token belongs to (-1: none), to keep a name whole in a phrase.
        self._entity_of = [-1] * len(self.tokens)
        for number, entity in enumerate(document.entities):
            first = document.token_at(entity.start)
            last = document.token_at(entity.end - 1)
            for index in range(first, min(last + 1, len(self.tokens))):
                self._entity_of[index] = number

    def _apposition_role(self, document: Document, person: Entity) -> str | None:
        """The role in an apposition after a name: 'Klaus Roth, Innenminister des Landes, …'
        and 'Jana Roth, die Bürgermeisterin, …' make the role stand for the person later."""
        index = document.token_at(person.end - 1) + 1
        if index + 1 >= len(self.tokens) or self.tokens[index].text != ",":
            return None
        index += 1
        if self.tokens[index].text.lower() in _DEFINITE and index + 1 < len(self.tokens):
            index += 1
        word = self.tokens[index].text
        return word if word[:1].isupper() and is_role(word) else None

    def speaker_of_cue(self, start: int, cue: int, after: int, end: int) -> Entity | None:
        """Who speaks at the cue tokens[cue] of the clause tokens[start:end] when the cue leads
        ('Wagner sagte: …', 'Am Montag sagte Wagner, …'): its subject before the cue, else the
        one after it (from `after`, the first token past the cue)."""
        return self.subject_before(start, cue) or self.subject_after(after, end)

    def speaker_after_cue(self, start: int, cue: int, after: int, end: int) -> Entity | None:
        """Who speaks at a cue that follows what was said ('…“, sagte die Ministerin.'): the
        subject after the cue, else the one before it ('…“, die Ministerin sagte.')."""
        return self.subject_after(after, end) or self.subject_before(start, cue)

    def in_entity(self, index: int) -> bool:
        """Whether tokens[index] is part of a named entity."""
        return self._entity_of[index] >= 0

    def interview_speaker(self, first: int, colon: int) -> Entity | None:
        """The person of an interview line ('Aksoy: …'), named by tokens[first:colon]."""
        label = " ".join(t.text for t in self.tokens[first:colon])
        person = self._person_called(label)
        if person is None:
            return None
        return Entity(
            self.tokens[first].start,
            self.tokens[colon - 1].end,
            EntityLabel.PER,
            person.canonical,
            person.role,
        )

    def source_after(self, position: int, end: int) -> tuple[int, Entity | None]:
        """The source named from `position` on ('laut der Polizei', 'nach Angaben von X'):
        where its phrase ends, and the speaker (None for an empty phrase)."""
        source_end = self._np_end(position, end)
        return source_end, self._source_entity(position, source_end)

    def source_before(self, start: int, end: int) -> tuple[int, Entity | None]:
        """The source named just before `end` ('der Polizei zufolge'): where its phrase
        starts, and the speaker (`end` and None when no phrase ends there)."""
        source_start = self._np_start(start, end)
        if source_start == end:
            return end, None
        return source_start, self._source_entity(source_start, end)

    def _source_entity(self, first: int, last: int) -> Entity | None:
        """The speaker of a source phrase: in 'Angaben der Feuerwehr', 'den Worten des Ministers
        Jan Roth' the noun of saying is the channel and its attachment the one who speaks; the
        span keeps the whole phrase, the name is the attachment's."""
        whole = self._entity_for(first, last)
        noun = first
        while noun < last and (
            not self.tokens[noun].text[:1].isupper()
            or self.tokens[noun].text.lower() in DETERMINERS
        ):
            noun += 1  # past "den", "eigenen", "offiziellen"
        own = any(self.tokens[i].text.lower().startswith("eigen") for i in range(first, noun))
        if whole is not None and noun < last and own and source_noun(self.tokens[noun].text):
            return self._own_source(whole, first, last)  # "nach eigenen Angaben"
        if whole is None or noun >= last - 1 or not source_noun(self.tokens[noun].text):
            return whole
        attachment = noun + 1
        if self.tokens[attachment].text.lower() in {"von", "vom"}:
            attachment += 1
        elif not (
            self.tokens[attachment].text.lower() in DETERMINERS
            or self.tokens[attachment].text[:1].isupper()
        ):
            return whole
        inner = self._entity_for(attachment, last)
        if inner is None:
            return whole
        return Entity(whole.start, whole.end, inner.label, inner.canonical, inner.role)

    def _own_source(self, whole: Entity, first: int, last: int) -> Entity:
        """'nach eigenen Angaben': the subject of the clause speaks ('Der Verein hat nach
        eigenen Angaben 400 Mitglieder'); the span keeps the phrase written."""
        start, end = self._document.sentence_bounds[self._document.sentence_of(first)]
        # The clause of the phrase: "Die Funde kamen 2000, 2004 war die Gruppe nach eigener
        # Aussage …" — after the last comma before it.
        start = next(
            (i + 1 for i in range(first - 1, start, -1) if self.tokens[i].text in {",", ";"}),
            start,
        )
        finite = next(
            (
                i
                for i in range(start, end)
                if not first <= i < last
                and self.tags[i] in {"VERB", "AUX"}
                and not self._quoted[i]
                and i > start
            ),
            None,
        )
        if finite is None:
            return whole
        subject = self.subject_before(start, finite)
        if (
            subject is None
            or subject.start <= whole.start < subject.end
            or not (self.plausible(subject) or self._person_called(subject.canonical))
        ):
            return whole
        return Entity(whole.start, whole.end, subject.label, subject.canonical, subject.role)

    def _person_called(self, label: str) -> Entity | None:
        """A person named earlier whose name ends with `label` ('Aksoy' → 'Gül Aksoy')."""
        if not label[:1].isupper() or label.lower() in {"frage", "antwort"}:
            return None
        return self._by_ending.get(label)

    def _entities_within(self, start: int, end: int) -> list[Entity]:
        """Entities inside the characters [start, end), in text order."""
        low = bisect_left(self._entity_starts, start)
        high = bisect_right(self._entity_starts, end)
        return [e for e in self._entities[low:high] if e.end <= end]

    def _role_and_name(self, start: int, end: int) -> Entity | None:
        """'Rentner Horst Lemke' when the entity model missed the name: role, capitalised words."""
        for index in range(start, end - 1):
            if not is_role(self.tokens[index].text):
                continue
            last = index + 1
            while last < end and last - index <= 3 and self.tokens[last].text[:1].isupper():
                last += 1
            if last - index >= 2:
                name = " ".join(t.text for t in self.tokens[index + 1 : last])
                return Entity(
                    self.tokens[index].start,
                    self.tokens[last - 1].end,
                    EntityLabel.PER,
                    name,
                    self.tokens[index].text,
                )
        return None

    def person_named(self, start: int, end: int) -> Entity | None:
        """The phrase around the first person named in tokens[start:end], as a speaker."""
        span_start, span_end = self.tokens[start].start, self.tokens[end - 1].end
        low = bisect_left(self._person_starts, span_start)
        high = bisect_right(self._person_starts, span_end)
        person = next((p for p in self._persons[low:high] if p.end <= span_end), None)
        if person is None:
            return self._role_and_name(start, end)
        first = self._document.token_at(person.start)
        last = self._document.token_at(person.end - 1) + 1
        first = self._np_start(start, first) if first > start else first
        return self._entity_for(first, last)

    def plausible(self, speaker: Entity) -> bool:
        """A named person or organisation, a pronoun, or a role noun — not 'ein Streik'."""
        surface = speaker.text_of(self._text)
        words = surface.split()
        if self._entities_within(speaker.start, speaker.end):
            return True
        if len(words) == 1 and words[0].lower() in PERSONAL_PRONOUNS:
            return True
        return any(is_role(word) for word in words) or speaker.label is EntityLabel.ORG

    def subject_before(self, start: int, verb: int) -> Entity | None:
        """The subject of a clause whose speech verb is at `verb`.

        German puts one constituent before the finite verb: when that is a noun phrase it is
        usually the subject ("Die Ministerin sagte"); when it is an adverbial ("Am Montag sagte",
        "Auf einer Pressekonferenz hat"), the subject follows the finite verb.
        """
        relative = self._relative_clause_before(start, verb)
        if relative is not None:  # "Ein Sprecher, der anonym bleiben will, sagte": its antecedent
            np_start = self._np_start(start, relative)
            return self._entity_for(np_start, relative) if np_start < relative else None
        finite = next(
            (i for i in range(start, verb + 1) if self.tags[i] in {"VERB", "AUX"} and i > start),
            verb,
        )
        if finite == start:
            return None
        first = self.tokens[start].text.lower()
        fronted_np = (
            self.tags[start] not in {"ADP", "ADV", "SCONJ", "CCONJ", "PART"} or first in DETERMINERS
        ) and first not in {"wie", "so", "dazu", "dabei", "zudem", "außerdem", "auch"}
        if fronted_np and finite == start + 1 and self._adverb_first(start):
            fronted_np = False  # "Erneut betonte die Ministerin": the subject follows the verb
        if fronted_np:
            np_start = self._np_start(start, finite)
            if np_start == start or self._apposition_start(start, np_start) == start:
                return self._entity_for(start, finite)
        if finite < verb or finite == verb:
            after = self.subject_after(finite + 1, verb if finite < verb else len(self.tokens))
            if after is not None:
                return after
        np_start = self._np_start(start, verb)
        if np_start == verb:
            return None
        return self._entity_for(np_start, verb)

    def _relative_clause_before(self, start: int, verb: int) -> int | None:
        """The comma opening a relative clause that ends just before `verb` ('Der Sprecher, der
        anonym bleiben will, sagte'), if there is one."""
        if verb - 1 <= start or self.tokens[verb - 1].text != ",":
            return None
        for position in range(verb - 2, start, -1):
            if self.tokens[position].text == ",":
                following = position + 1
                relative = self.tokens[following].text.lower() in RELATIVE_PRONOUNS
                return position if relative and self.tags[following] == "PRON" else None
        return None

    def _adverb_first(self, index: int) -> bool:
        """A capitalised first word that is no noun ('Erneut', 'Später', 'Gestern'): its lemma is
        written small, and it is no pronoun that can be a subject ('Sie', 'Beide', 'Dieser')."""
        word = self.tokens[index].text
        return (
            self._has_lemmas
            and word[:1].isupper()
            and self.lemmas[index][:1].islower()
            and self.tags[index] not in {"PRON", "DET", "PROPN"}
            and word.lower() not in PERSONAL_PRONOUNS | _SUBJECT_PRONOUNS | IMPERSONAL
        )

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

    def subject_after(self, position: int, end: int) -> Entity | None:
        """The subject after an inverted verb ('sagte die Ministerin am Montag')."""
        if self._english:
            english = self._english_subject(position, end)
            if english is not None:
                return english
        while (
            position < end and self.tags[position] == "ADV" and self.tokens[position].text.islower()
        ):
            position += 1
        if position >= end:
            return None
        if self.tokens[position].text.lower() in IMPERSONAL | _OBLIQUE:
            return None
        if self.tokens[position].text in _ADVERBIAL_PREPOSITIONS:
            # An adverbial before the subject: "sagte am Montag der Minister", "erklärte in
            # Mainz Hoffmeister"; the subject is the phrase after it, if one follows.
            # Only a phrase that closes the clause and can speak: "begründete auf einer
            # Pressekonferenz die Verschiebung …" has an object there, no subject.
            adverbial_end = self._adverbial_end(position + 1, end)
            if adverbial_end is None:
                return None
            subject = self.subject_after(adverbial_end, end)
            if subject is None or not (
                self.plausible(subject) or self._person_called(subject.text_of(self._text))
            ):
                return None
            after = self._document.token_at(subject.end - 1) + 1
            if after < end and self.tokens[after].text[:1].isalnum():
                return None
            return subject
        np_end = self._np_end(position, end)
        # An apposition: "sagte Steve Marshall, Sprecher der UN," or "sagte der Sprecher, Greve."
        if np_end < end - 1 and self.tokens[np_end].text == "," and self._is_head(np_end - 1):
            apposition_end = self._np_end(np_end + 1, end)
            inside = range(np_end + 1, apposition_end)
            before = range(position, np_end)
            # An apposition is closed: a comma or the sentence's end follows it, not a verb
            # ("sagte der Minister, Deutschland müsse …" has none).
            closed = apposition_end >= end or not self.tokens[apposition_end].text[:1].isalnum()
            if (
                closed
                and apposition_end > np_end + 1
                and (
                    any(is_role(self.tokens[i].text) for i in inside)
                    or (
                        any(is_role(self.tokens[i].text) for i in before)
                        and all(self.tokens[i].text[:1].isupper() for i in inside)
                    )
                )
            ):
                np_end = apposition_end
        if np_end == position:
            return None
        return self._entity_for(position, np_end)

    def _adverbial_end(self, position: int, end: int) -> int | None:
        """Past the noun of a prepositional phrase ('[am] Montag', '[in] der Nacht', '[in]
        Bad Ems'), without attachments: what follows it is another phrase. None when no such
        noun with a phrase after it is there."""
        index = position
        while index < end and index - position < 3 and self.tags[index] in {"DET", "ADJ", "NUM"}:
            if self.tokens[index].text[:1].isupper() or self._quoted[index]:
                break
            index += 1
        if index >= end or not self.tokens[index].text[:1].isupper() or self._quoted[index]:
            return None
        entity = self._entity_of[index]
        named = entity >= 0 or self.tags[index] == "PROPN"
        index += 1
        while index < end and entity >= 0 and self._entity_of[index] == entity:
            index += 1
        if index >= end or self._quoted[index] or not self.tokens[index].text[:1].isalpha():
            return None
        following = self.tokens[index].text.lower()
        if not named and (following not in DETERMINERS or following in {"des", "eines"}):
            # "der Fall Birkel", "auf der Webseite des Vereins": the noun's name or genitive
            return None
        return index

    def _english_subject(self, position: int, end: int) -> Entity | None:
        """'said city treasurer Bernd Hollatz', 'said the mayor': English writes a title before
        a name in small letters, so a run of small words is the title and the capitalised
        words after it the name."""
        index = position
        if index < end and self.tokens[index].text.lower() in _ENGLISH_ARTICLES:
            index += 1
        title = index
        while (
            index < end
            and index - title < 4
            and self.tokens[index].text.isalpha()
            and self.tokens[index].text.islower()
            and self.tokens[index].text not in _ENGLISH_STOPS
            and not self._quoted[index]
        ):
            index += 1
        name = index
        while index < end and self.tokens[index].text[:1].isupper() and not self._quoted[index]:
            index += 1
        if index == name and (name == title or position == title):
            return None  # neither a name nor "the mayor": not a speaker phrase
        return self._entity_for(position, index)

    def _np_end(self, position: int, end: int) -> int:
        """End of a noun phrase starting at `position` (exclusive).

        After its head noun a phrase goes on only through names ("Sprecher Klaus Stöhr"),
        the same entity, or a genitive or prepositional attachment ("der Sprecher der Stadt",
        "Günter Metzges vom Netzwerk Campact"); a second bare noun starts something else.
        """
        index = position
        seen_head = False
        open_slot = True  # determiners and adjectives may come (start, or after a link word)
        ner = self._document.ner_tags
        while index < end:
            word = self.tokens[index].text
            lower = word.lower()
            tag = self.tags[index]
            if self._quoted[index] and not seen_head:
                break
            if lower in PERSONAL_PRONOUNS and not seen_head:
                return index + 1
            if (
                open_slot
                and (lower in DETERMINERS or tag in {"ADJ", "NUM", "DET"})
                and not word[:1].isupper()
            ):
                index += 1
                continue
            if (
                open_slot
                and self._adjective(index)
                and index + 1 < end
                and self.tokens[index + 1].text[:1].isupper()
                and not self._quoted[index + 1]
            ):
                index += 1  # "des Weißen Hauses", "der Vereinten Nationen": a name's adjective
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
                if following[:1].isupper() or following.lower() in DETERMINERS:
                    open_slot = True
                    index += 1
                    continue
            break
        while index > position and not self._is_head(index - 1):
            index -= 1
        return index

    def _adjective(self, index: int) -> bool:
        """An adjective by its tag, or by its weak ending when the tagger took it for a noun:
        'Vereinten' with the lemma 'Vereinter'."""
        word, lemma = self.tokens[index].text, self.lemmas[index]
        return self.tags[index] == "ADJ" or (
            self._has_lemmas
            and len(word) > 4
            and word.endswith("en")
            and lemma.endswith("er")
            and lemma[:-2] == word[:-2]
        )

    def _continues_name(self, index: int, ner: Sequence[str]) -> bool:
        previous = self.tokens[index - 1].text
        if self._entity_of[index] >= 0 and self._entity_of[index] == self._entity_of[index - 1]:
            return True
        if ner and index < len(ner) and ner[index] != "O":
            return True
        if self.tags[index] == "PROPN":
            return True
        return is_role(previous) or (previous.endswith(".") and previous[:1].isupper())

    def _np_start(self, start: int, end: int) -> int:
        """Start of the noun phrase that ends just before `end`."""
        index = end
        while index > start:
            token = self.tokens[index - 1]
            word = token.text
            lower = word.lower()
            tag = self.tags[index - 1]
            if self._quoted[index - 1] or word in {",", ":", ";", "(", "–", "-"}:
                break
            if word in {"/", "&"} and index - 1 > start and index < end:
                index -= 1  # "Bündnis 90/Die Grünen", "Procter & Gamble"
                continue
            if word == ")":
                opening = next(
                    (
                        i
                        for i in range(index - 2, max(start, index - 5) - 1, -1)
                        if self.tokens[i].text == "("
                    ),
                    None,
                )
                if opening is not None and opening > start:
                    index = opening  # "Jan-Erik Sommer (CDU) kritisierte"
                    continue
            if lower in PERSONAL_PRONOUNS and index == end:
                return index - 1
            if index < end and self._names_meet(index - 1, index):
                break  # "In Mainz Hoffmeister zufolge": a place's name, then a person's
            if (
                word[:1].isupper()
                or lower in DETERMINERS
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

    def _names_meet(self, before: int, after: int) -> bool:
        """Two names side by side, not one: tokens[before] ends a name that tokens[after], a
        proper noun, is no part of (no role or title in between)."""
        entity = self._entity_of[before]
        return (
            entity >= 0
            and self._entity_of[after] != entity
            and self._document.entities[entity].label is not EntityLabel.PER
            and (self.tags[after] == "PROPN" or self._entity_of[after] >= 0)
            and not is_role(self.tokens[before].text)
        )

    def _is_head(self, index: int) -> bool:
        word = self.tokens[index].text
        return (
            word[:1].isupper()
            or self.tags[index] in {"PROPN", "NOUN"}
            or (word.lower() in PERSONAL_PRONOUNS)
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
        inside = [
            e for e in self._entities_within(span_start, span_end) if self._names_speaker(e, first)
        ]
        named = next((e for e in inside if e.label is EntityLabel.PER), None) or next(
            iter(inside), None
        )
        words = [self.tokens[i].text for i in range(first, last)]
        # The name of an unresolved phrase is its words without the definite article: "der
        # Feuerwehr" and "die Feuerwehr" are one speaker ("ein Sprecher" keeps its article).
        definite = _DEFINITE | {"the"} if self._english else _DEFINITE
        bare = words[1:] if len(words) > 1 and words[0].lower() in definite else words
        leading = self._leading_name(first, last)
        if leading is not None and (named is None or named.label is not EntityLabel.PER):
            # "Karl-Heinz Pfeiffer vom Eigentümerverband": a person of an organisation.
            return Entity(span_start, span_end, EntityLabel.PER, leading, None)
        if self._english and (named is None or named.label is not EntityLabel.PER):
            name = _english_name(words)
            if name is not None:
                title = " ".join(w for w in words[: len(words) - len(name.split())] if w.isalpha())
                title = " ".join(w for w in title.split() if w.lower() not in _ENGLISH_ARTICLES)
                return Entity(span_start, span_end, EntityLabel.PER, name, title or None)
        if named is not None:
            role = named.role or _role_words(words)
            return Entity(
                span_start,
                span_end,
                named.label,
                named.canonical or named.text_of(self._text),
                role,
            )
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
            return Entity(span_start, span_end, EntityLabel.PER, " ".join(bare), " ".join(words))
        person = self._described(words, span_start)
        if person is not None:
            return Entity(span_start, span_end, EntityLabel.PER, person.canonical, person.role)
        label = (
            EntityLabel.ORG
            if any(head.lower().endswith(h) for h in _ORG_HEADS)
            else EntityLabel.PER
        )
        return Entity(span_start, span_end, label, " ".join(bare), None)

    def _described(self, words: list[str], position: int) -> Entity | None:
        """'der 58-Jährige', 'der Norweger': the person such a noun stands for, if any."""
        if len(words) < 2 or words[0].lower() not in ANAPHORIC_DETERMINERS:
            return None
        noun, article = words[1], words[0].lower()

        def fits(person: Entity) -> bool:  # "die 58-Jährige" is a woman, "der" a man
            gender = _person_gender(person)
            return not ((article == "die" and gender is False) or (article == "der" and gender))

        return self._descriptors.resolve(noun, self._persons_before(position), fits)

    def _names_speaker(self, entity: Entity, first: int) -> bool:
        """Whether a name inside a speaker's phrase is the speaker: a person always, a place
        only at the head ('die USA'), not in an attachment ('ein Sprecher in Berlin',
        'die Regierung Guatemalas': a noun before it is the head)."""
        if entity.label is not EntityLabel.LOC:
            return True
        start = self._document.token_at(entity.start)
        return not any(
            self.tokens[i].text[:1].isupper() and self.tokens[i].text.lower() not in DETERMINERS
            for i in range(first, start)
        )

    def _leading_name(self, first: int, last: int) -> str | None:
        """Two or three capitalised words before 'von'/'vom' that no entity covers: a name."""
        index = first
        while index < last and index - first < 3:
            word = self.tokens[index].text
            if not word[:1].isupper() or self._entity_of[index] >= 0 or is_role(word):
                break
            if word.lower() in DETERMINERS:
                return None
            index += 1
        if (
            index - first >= 2
            and index < last
            and self.tokens[index].text.lower() in {"von", "vom"}
        ):
            return " ".join(self.tokens[i].text for i in range(first, index))
        return None

    def _antecedent(self, position: int, pronoun: str) -> Entity | None:
        """The person a pronoun stands for: the latest person named before it that fits."""
        for person in self._persons_before(position):
            gender = _person_gender(person)
            if pronoun in {"er", "ihm", "ihn", "seiner"} and gender is True:
                continue
            if pronoun in {"sie", "ihr", "ihrer"} and gender is False:
                continue
            if self._quoted[self._document.token_at(person.start)]:
                continue
            return person
        return None

    def _by_role(self, position: int, role_word: str, determiner: str) -> Entity | None:
        """'die Ex-Ministerin' → the latest person before it whose role has that head."""
        if determiner not in ANAPHORIC_DETERMINERS and determiner != role_word.lower():
            return None
        head = role_head(role_word)
        # "die Ministerin" never stands for a man; "der Minister" may, in the generic masculine,
        # stand for a woman.
        female_word = feminine(role_word.rsplit("-", 1)[-1]) is True
        # The latest mention wins, whether or not that mention carried the role itself.
        for person in self._persons_before(position):
            if female_word and _person_gender(person) is False:
                continue
            if head in self._role_heads.get(person.canonical, ()):
                return person
        return None

    def _persons_before(self, position: int) -> Iterator[Entity]:
        """The persons named before the character `position`, the latest first (lazily: the
        callers stop at the first that fits)."""
        # A person starting after `position` ends after it: bisect past those.
        for index in range(bisect_right(self._person_starts, position) - 1, -1, -1):
            person = self._persons[index]
            if person.end <= position:
                yield person


def _english_name(words: list[str]) -> str | None:
    """The capitalised words ending an English phrase after a small title word ('city treasurer
    Bernd Hollatz' → 'Bernd Hollatz'), or the whole phrase when it is all capitalised words."""
    count = 0
    while count < len(words) and words[len(words) - 1 - count][:1].isupper():
        count += 1
    if count == 0:
        return None
    if count < len(words) and not words[len(words) - 1 - count].islower():
        return None
    return " ".join(words[len(words) - count :])


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
