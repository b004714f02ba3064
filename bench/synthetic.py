"""Generated German-looking articles for speed and dedup measurements (no real text).

Words are built from syllables and drawn with a Zipf law, so texts have a realistic spread
of frequent and rare words; every article is distinct unless copied on purpose.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from functools import lru_cache

_FUNCTION_WORDS_TEXT = (
    "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es "
    "an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so "
    "zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei"
)
_FUNCTION_WORDS = tuple(_FUNCTION_WORDS_TEXT.split())
_ONSETS = (
    "b",
    "d",
    "f",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "w",
    "z",
    "sch",
    "st",
    "br",
    "gr",
    "kl",
    "pf",
    "tr",
    "fl",
    "spr",
)
_VOWELS = ("a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au", "ie")
_CODAS = ("", "n", "r", "s", "t", "ng", "ck", "ch", "ll", "nd", "rt", "st")


@lru_cache(maxsize=4)
def vocabulary(size: int = 6000, seed: int = 7) -> tuple[str, ...]:
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.choice((2, 2, 3, 3, 4))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        words.add(word.capitalize() if rng.random() < 0.35 else word)
    return tuple(sorted(words))


@lru_cache(maxsize=4)
def _zipf_weights(size: int) -> tuple[float, ...]:
    return tuple(1.0 / (rank + 1) ** 1.05 for rank in range(size))


def sentence(rng: random.Random) -> str:
    words = vocabulary()
    length = rng.randint(8, 20)
    drawn = rng.choices(words, weights=_zipf_weights(len(words)), k=length)
    mixed = [rng.choice(_FUNCTION_WORDS) if rng.random() < 0.4 else w for w in drawn]
    return " ".join(mixed).capitalize() + "."


def article_text(seed: int, words: int = 500) -> str:
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        count += paragraph.count(" ") + 1
        paragraphs.append(paragraph)
    return "\n".join(paragraphs)


def edit(text: str, fraction: float, seed: int) -> str:
    """A copy with about `fraction` of its words changed the way outlets change wire text:
    words replaced, sentences dropped, sentences added, in random mix."""
    rng = random.Random(seed)
    sentences = [s for p in text.split("\n") for s in p.split(". ") if s]
    total_words = sum(s.count(" ") + 1 for s in sentences)
    budget = int(total_words * fraction)
    while budget > 0 and sentences:
        operation = rng.random()
        index = rng.randrange(len(sentences))
        if operation < 0.4:  # replace a few words in one sentence
            tokens = sentences[index].split(" ")
            for _ in range(min(3, budget)):
                tokens[rng.randrange(len(tokens))] = rng.choice(vocabulary())
                budget -= 1
            sentences[index] = " ".join(tokens)
        elif operation < 0.7:  # cut a sentence
            budget -= sentences[index].count(" ") + 1
            del sentences[index]
        else:  # add a sentence of one's own
            added = sentence(rng).rstrip(".")
            budget -= added.count(" ") + 1
            sentences.insert(index, added)
    return ". ".join(sentences) + "."


def stream(count: int, seed: int = 0, words: int = 500) -> Iterator[dict[str, object]]:
    """news-please records, one per article."""
    for number in range(count):
        yield {
            "url": f"https://www.outlet{number % 40}.example/artikel/{seed}-{number}",
            "source_domain": f"outlet{number % 40}.example",
            "title": sentence(random.Random(seed * 1_000_003 + number)).rstrip("."),
            "date_publish": f"2026-03-{1 + number % 28:02d}T{number % 24:02d}:00:00+00:00",
            "language": "de",
            "maintext": article_text(seed * 1_000_003 + number, words),
        }
