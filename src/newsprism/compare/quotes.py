"""The quotes matrix: speaker × outlet, one row per thing said, however each outlet carried it.

Quotes of one speaker are the same quote when their words overlap enough (Dice of content
lemmas, or one contained in the other, as when an outlet shortens a quote or turns it into
indirect speech). A version markedly shorter than the longest one is flagged as shortened. A
speaker is one row however the outlets name them: "Breitner" in one outlet and "Markus Breitner"
in another are one person when the story knows exactly one full name that ends so
(`story_speakers`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsprism.compare.facts import ComparedArticle
from newsprism.model.comparison import QuoteCell, QuoteRow
from newsprism.model.spans import QuoteKind

SPEAKER_UNCLEAR = "(speaker unclear)"
SAME_QUOTE = 0.45
CONTAINED = 0.75
SHORTENED = 0.7  # a version under 70 % of the longest one's words


def quote_rows(articles: Sequence[ComparedArticle]) -> list[QuoteRow]:
    by_speaker: dict[str, list[tuple[ComparedArticle, int, set[str]]]] = defaultdict(list)
    for item in articles:
        for number, quote in enumerate(item.document.quotes):
            if quote.speaker is None and quote.kind is not QuoteKind.DIRECT:
                continue  # reported speech nobody is named for: the outlet's narration
            words = _lemmas(item, quote.start, quote.end)
            if words:
                # a quote whose speaker the analysis could not tell, or a user removed, is
                # shown as such, never given to someone by guess
                speaker = quote.speaker.canonical if quote.speaker else SPEAKER_UNCLEAR
                by_speaker[speaker].append((item, number, words))
    known = story_speakers(name for name in by_speaker if name != SPEAKER_UNCLEAR)
    known[SPEAKER_UNCLEAR] = SPEAKER_UNCLEAR
    merged: dict[str, list[tuple[ComparedArticle, int, set[str]]]] = defaultdict(list)
    for name, said in by_speaker.items():
        merged[known[name]].extend(said)
    by_speaker = merged
    rows: list[QuoteRow] = []
    for speaker, said in by_speaker.items():
        groups: list[list[tuple[ComparedArticle, int, set[str]]]] = []
        for entry in said:
            for group in groups:
                if any(_same(entry[2], other[2]) for other in group):
                    group.append(entry)
                    break
            else:
                groups.append([entry])
        for group in groups:
            longest = max(len(words) for _, _, words in group)
            cells = tuple(
                QuoteCell(
                    speaker=speaker,
                    outlet=item.article.outlet or "",
                    article_id=item.article.id,
                    quote=item.document.quotes[number],
                    shortened=len(words) < SHORTENED * longest,
                    kind=item.document.quotes[number].kind.value,
                )
                for item, number, words in group
            )
            rows.append(QuoteRow(speaker, cells))
    rows.sort(key=lambda row: (-len(row.outlets), row.speaker))
    return rows


def story_speakers(names: Iterable[str]) -> dict[str, str]:
    """Each speaker name → the name the story knows them by: the one longer name in the story
    that ends with all of its words ("Breitner" → "Markus Breitner"; "Markus Breitner" →
    "Dr. Markus Breitner"). A name that two different longer names end with ("Weber" with
    "Anna Weber" and "Jonas Weber" in the story) stays as it is: guessing would merge two
    people."""
    words = {name: name.split() for name in names}
    known: dict[str, str] = {}
    for name, parts in words.items():
        longer = [
            other
            for other, other_parts in words.items()
            if len(other_parts) > len(parts) and other_parts[-len(parts) :] == parts
        ]
        # the longest forms of the candidates: "Breitner" ends "Markus Breitner" and
        # "Dr. Markus Breitner", which are one person if the shorter ends the longer
        longest = [
            other
            for other in longer
            if not any(
                len(words[third]) > len(words[other])
                and words[third][-len(words[other]) :] == words[other]
                for third in longer
            )
        ]
        known[name] = longest[0] if len(longest) == 1 else name
    return known


def _lemmas(item: ComparedArticle, start: int, end: int) -> set[str]:
    """Content lemmas of a quote: 'geht' and 'gehe' are one word, direct or indirect."""
    document = item.document
    first = document.token_at(start)
    last = document.token_at(end)
    lemmas = document.lemmas or [t.text.lower() for t in document.tokens]
    return {
        lemmas[i].lower()
        for i in range(first, min(last, len(document.tokens)))
        if len(document.tokens[i].text) > 3 and document.tokens[i].text[:1].isalnum()
    }


def _same(first: set[str], second: set[str]) -> bool:
    shared = len(first & second)
    if not shared:
        return False
    dice = 2 * shared / (len(first) + len(second))
    contained = shared / min(len(first), len(second))
    smaller = min(len(first), len(second))
    return dice >= SAME_QUOTE or (contained >= CONTAINED and shared >= min(3, smaller))
