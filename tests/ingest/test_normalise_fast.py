"""Normalising takes a shortcut for clean text (one C-speed check instead of two regular
expressions) and the MinHash shingles a cheaper dedupe than `np.unique`: both must give what the
long way gives, character for character and hash for hash."""

from __future__ import annotations

import sys
import unicodedata

import numpy as np
from bench.synthetic import article_text
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.dedup.minhash import _WORD, _hash_words, shingles
from newsprism.model import text as texts
from newsprism.model.text import normalise_text


def _the_long_way(text: str) -> str:
    text = texts._DROPPED.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = texts._LINE_BREAKS.sub("\n", text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# What the long way removes or rewrites, beside letters, combining marks and spaces of every kind.
_AWKWARD = "\x00\x07\x0b\x0c\x1c\x1f\x7f\x85\x9f\xa0\xad\u180e\u1680\u2000\u200b\u2028\u2029"
_AWKWARD += "\u202a\u202e\u202f\u205f\u2060\u2066\u3000\ufeff\ud800\udfff\r\n\t  "
_CHARACTERS = st.sampled_from([*_AWKWARD, "a", "ä", "A", "\u0301", "\u030a", ".", "_", "ß", "1"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_CHARACTERS, max_size=30).map("".join))
def test_clean_or_not_normalising_gives_what_the_long_way_gives(text: str) -> None:
    assert normalise_text(text) == _the_long_way(text)


def test_no_printable_character_is_one_the_long_way_changes() -> None:
    """The shortcut's premise, over all of Unicode: what `str.isprintable` accepts, neither
    regular expression matches, and `str.split` splits on no such character but " "."""
    changed = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if (c := chr(code)).isprintable()
        and (texts._DROPPED.search(c) or texts._LINE_BREAKS.search(c) or (c.isspace() and c != " "))
    ]
    assert changed == []


def test_articles_normalise_as_before() -> None:
    for seed in range(30):
        text = article_text(seed, words=200)
        for variant in (text, f" {text} ", text.replace("\n", "\n\n"), text.replace(" ", "  ")):
            assert normalise_text(variant) == _the_long_way(variant)


def test_shingles_are_those_np_unique_gives() -> None:
    for seed, size in [(1, 3), (2, 1), (3, 5), (4, 200)]:
        text = article_text(seed, words=300)
        hashed = _hash_words(_WORD.findall(text.lower()))
        width = min(size, len(hashed))
        grams = hashed[: len(hashed) - width + 1].copy()
        for offset in range(1, width):
            mixed = (grams * np.uint64(0x9E3779B1)) ^ hashed[offset : offset + len(grams)]
            grams = mixed & np.uint64(0xFFFFFFFF)
        expected = np.unique(grams)
        found = shingles(text, size)
        assert found.dtype == expected.dtype and found.tolist() == expected.tolist()
    assert shingles("", 3).tolist() == [] and shingles("eins eins eins eins", 2).size == 1
