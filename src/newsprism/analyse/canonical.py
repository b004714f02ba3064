"""One canonical name per person or organisation, within an article and across a story.

Within an article, a surname alone ("Wagner") or a genitive ("Wagners") takes the fullest form
of the name given ("Anna Wagner"); the role written before a name ("Bayerns Ministerpräsident",
"UN-Generalsekretär") is kept as the entity's role. Across articles, names whose surnames sound
alike after transliteration ("Medwedew", "Medvedev") and whose first names agree become one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from newsprism.analyse.document import Document
from newsprism.analyse.roles import TITLES, is_role
from newsprism.model.spans import Entity, EntityLabel

_TRANSLITERATION = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
    ("ie", "i"),
    ("ou", "u"),
    ("dt", "t"),
    ("ff", "v"),
    ("kh", "h"),
    ("ch", "h"),
    ("z", "s"),
    ("c", "k"),
)
_DOUBLES = re.compile(r"(.)\1+")
_GENITIVE = re.compile(r"(?<=[^s])s$|’s$|'s$|’$")


def sound_key(name: str) -> str:
    """A transliteration-tolerant key of one name: 'Medwedew' and 'Medvedev' share 'medvedev'."""
    folded = unicodedata.normalize("NFKD", name.lower())
    folded = "".join(char for char in folded if char.isalpha())
    for spelling, sound in _TRANSLITERATION:
        folded = folded.replace(spelling, sound)
    return _DOUBLES.sub(r"\1", folded)


def _words(name: str) -> list[str]:
    """Words of a name; a hyphenated name stays one word ("Jan-Erik", "Wieczorek-Zeul")."""
    return name.split()


def assign_canonical_names(document: Document) -> None:
    """Set `canonical` and `role` of every entity in the document."""
    text = document.text
    persons = [e for e in document.entities if e.label is EntityLabel.PER]
    full_names: dict[str, str] = {}
    for entity in persons:
        words, _ = _name_and_title(entity.text_of(text))
        if len(words) >= 2:
            surname = words[-1]
            current = full_names.get(surname)
            if current is None or len(current) < len(" ".join(words)):
                full_names[surname] = " ".join(words)
    entities = _with_surname_mentions(document, full_names)
    written = {e.text_of(text) for e in entities}
    canonical_entities: list[Entity] = []
    for entity in entities:
        surface = " ".join(entity.text_of(text).split())
        canonical = surface
        role = role_before(document, entity)
        if entity.label is EntityLabel.PER:
            words, title = _name_and_title(surface)
            role = role or title
            last = words[-1] if words else surface
            bare = _GENITIVE.sub("", last)
            if len(words) == 1:
                # "Wagner", "Wagners" → the fullest form of the name in the article.
                canonical = (
                    full_names.get(last)
                    or full_names.get(bare)
                    or (bare if bare in written else last)
                )
            else:
                canonical = " ".join(words)
        elif surface.endswith("s") and len(surface) > 3 and surface[:-1] in written:
            canonical = surface[:-1]  # a genitive of a name written bare elsewhere
        canonical_entities.append(replace(entity, canonical=canonical, role=role))
    document.entities = canonical_entities


def _name_and_title(surface: str) -> tuple[list[str], str | None]:
    """'Dr. Anna Wagner' → (['Anna', 'Wagner'], None); 'VuD-Chefin Sabine Oltmanns' → (…, role).

    Titles and role nouns the entity model took into the name are not part of it.
    """
    words = _words(surface)
    role: str | None = None
    while len(words) > 1 and (words[0].lower() in TITLES or is_role(words[0])):
        first = words.pop(0)
        if is_role(first):
            role = first
    return words, role


def _with_surname_mentions(document: Document, full_names: dict[str, str]) -> list[Entity]:
    """Add the surname mentions the entity model missed ("Lamm selbst" after "Rüdiger Lamm").

    Only surnames of people named in full in the same article count, so a common noun that is
    also a surname ("Lamm") is taken as the person only where that person is in the article.
    """
    if not full_names:
        return list(document.entities)
    covered = {
        index
        for entity in document.entities
        for index in range(document.token_at(entity.start), document.token_at(entity.end - 1) + 1)
    }
    added: list[Entity] = []
    for index, token in enumerate(document.tokens):
        word = token.text
        bare = word[:-1] if word.endswith("s") and word[:-1] in full_names else word
        if bare not in full_names or not word[:1].isupper() or index in covered:
            continue
        added.append(Entity(token.start, token.end, EntityLabel.PER))
    return sorted([*document.entities, *added], key=lambda e: e.start)


def role_before(document: Document, entity: Entity) -> str | None:
    """'Bayerns Ministerpräsident Markus Söder' → 'Bayerns Ministerpräsident'."""
    index = document.token_at(entity.start)
    tokens = document.tokens
    position = index - 1
    first_role = -1
    while position >= 0 and index - position <= 4:
        word = tokens[position].text
        if is_role(word):
            first_role = position
        elif not (word[:1].isupper() and (word.endswith("s") or word.endswith("-"))):
            break
        position -= 1
    if first_role < 0:
        return None
    start = first_role
    # Keep a genitive owner just before the role: "Bayerns", "der Stadt" is left out on purpose.
    if start > 0 and tokens[start - 1].text[:1].isupper() and tokens[start - 1].text.endswith("s"):
        start -= 1
    return document.text[tokens[start].start : tokens[index - 1].end]


def unify_across(documents: Iterable[Document]) -> dict[str, str]:
    """Map each person name used in any document to one name for the whole story, and apply it.

    Names are grouped by the sound key of the surname; within a group the most frequent full
    form wins. A one-word name joins a group only when that group has one candidate full form.
    """
    documents = list(documents)
    full_forms: dict[str, Counter[str]] = defaultdict(Counter)
    for document in documents:
        for entity in document.entities:
            if entity.label is EntityLabel.PER:
                words = _words(entity.canonical)
                if words:
                    full_forms[sound_key(words[-1])][entity.canonical] += 1
    mapping: dict[str, str] = {}
    for forms in full_forms.values():
        multiword = [name for name in forms if len(_words(name)) >= 2]
        by_first: dict[str, list[str]] = defaultdict(list)
        for name in multiword:
            by_first[sound_key(_words(name)[0])].append(name)
        for variants in by_first.values():
            best = max(variants, key=lambda name: (forms[name], len(name)))
            for name in variants:
                mapping[name] = best
        if len(by_first) == 1:
            only = next(iter(by_first.values()))
            best = max(only, key=lambda name: (forms[name], len(name)))
            for name in forms:
                mapping.setdefault(name, best)
    for document in documents:
        document.entities = [
            replace(entity, canonical=mapping.get(entity.canonical, entity.canonical))
            for entity in document.entities
        ]
    return mapping
