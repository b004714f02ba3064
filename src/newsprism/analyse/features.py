"""Token features for the sequence taggers (parts of speech, named entities).

Features of a word type are computed once per process and cached, so a sentence costs little more
than joining cached lists: that is what keeps a CRF in Python fast enough for a news stream.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

import simplemma

from newsprism.analyse.roles import is_role

_SHAPE_RUNS = re.compile(r"(.)\1+")
CONTEXT_OFFSETS = (-2, -1, 1, 2)
# The features of a sentence's edges, each on the token it is added to in `sentence`.
BOUNDARY_FEATURES = ("BOS", "-1:BOS", "-2:BOS", "2:EOS", "1:EOS")
_CACHE_LIMIT = 50_000
# Last parts of German compounds that name institutions and organisations ("Europaparlament",
# "Labour-Partei", "US-Küstenwache", "Landgericht"): a hint the entity tagger learns to weigh.
INSTITUTION_HEADS = (
    "parlament",
    "partei",
    "ministerium",
    "regierung",
    "kommission",
    "küstenwache",
    "polizei",
    "gericht",
    "gerichtshof",
    "behörde",
    "amt",
    "bank",
    "verband",
    "verein",
    "konzern",
    "gruppe",
    "rat",
    "armee",
    "agentur",
    "institut",
    "stiftung",
    "universität",
    "hochschule",
    "klinikum",
    "haus",
    "kammer",
    "bundestag",
    "landtag",
    "senat",
    "kongress",
    "union",
    "liga",
    "akademie",
    "zentrum",
    "gewerkschaft",
    "werke",
    "airlines",
    "gesellschaft",
    "organisation",
    "fraktion",
)
_Cached = TypeVar("_Cached")


def word_shape(word: str) -> str:
    """'Wagner' → 'Xx', 'SPD-Chefin' → 'X-Xx', '3.' → 'd.', 'iPhone' → 'xXx'."""
    shape = []
    for char in word:
        if char.isupper():
            shape.append("X")
        elif char.isalpha():
            shape.append("x")
        elif char.isdigit():
            shape.append("d")
        else:
            shape.append(char)
    return _SHAPE_RUNS.sub(r"\1", "".join(shape))


def bigram_feature(previous_lower: str, lower: str) -> str:
    return "bi=" + previous_lower + "|" + lower


class TokenFeatures:
    """Feature strings for tokens in context.

    `lexicon` maps a lower-cased word to labels it carries in a gazetteer (e.g. 'PER', 'LOC');
    `clusters` maps a lower-cased word to distributional cluster ids, coarse to fine ("3|41|870");
    `names` maps a lower-cased word to entity labels that only the entity tagger reads
    (the part-of-speech model never saw them, and CRFsuite ignores features a model does not know).
    """

    def __init__(
        self,
        lexicon: Mapping[str, str] | None = None,
        clusters: Mapping[str, str] | None = None,
        language: str = "de",
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.lexicon = lexicon or {}
        self.clusters = clusters or {}
        self.names = names or {}
        self.language = language
        self._own: dict[str, list[str]] = {}
        self._context: dict[str, dict[int, list[str]]] = {}

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """Feature strings per word; written for speed, as this runs for every token."""
        # linear_chain.LinearChainDecoder.emissions builds the same sums part by part; a change
        # here needs the same change there (tests/analyse/test_linear_chain.py compares them).
        own = [self.own(word) for word in words]
        context = [self.context(word) for word in words]
        lowers = [word.lower() for word in words]
        count = len(words)
        result: list[list[str]] = []
        for index in range(count):
            features = own[index].copy()
            if index >= 2:
                features += context[index - 2][-2]
            elif index == 1:
                features.append("-2:BOS")
            if index >= 1:
                features += context[index - 1][-1]
                features.append(bigram_feature(lowers[index - 1], lowers[index]))
            else:
                features.append("BOS")
                features.append("-1:BOS")
            if index + 1 < count:
                features += context[index + 1][1]
                if index + 2 < count:
                    features += context[index + 2][2]
                else:
                    features.append("2:EOS")
            else:
                features.append("1:EOS")
            result.append(features)
        return result

    def own(self, word: str) -> list[str]:
        """The word's own features, wherever it stands."""
        cached = self._own.get(word)
        if cached is not None:
            return cached
        features = self._word_features(word)
        self._remember(self._own, word, features)
        return features

    def _word_features(self, word: str) -> list[str]:
        lower = word.lower()
        features = [
            f"w={lower}",
            f"sh={word_shape(word)}",
            f"s2={lower[-2:]}",
            f"s3={lower[-3:]}",
            f"s4={lower[-4:]}",
            f"p2={lower[:2]}",
            f"p3={lower[:3]}",
            f"len={min(len(word), 12)}",
        ]
        if word[:1].isupper():
            features.append("title")
        if word[:1].isalpha() and not simplemma.is_known(word, lang=self.language):
            features.append("unknown")  # names are often missing from the lemma lexicon
        if word.isupper() and len(word) > 1:
            features.append("upper")
        if is_role(word):
            features.append("role")  # "Ministerin Wagner": a role noun before a name
        if "-" in word:
            features.append("hyphen")
            features.append(f"head={lower.rsplit('-', 1)[-1][-5:]}")
            features.append(f"hpre={lower.split('-', 1)[0][:6]}")
        if lower.endswith(INSTITUTION_HEADS) and word[:1].isupper():
            features.append("inst")
        label = self.lexicon.get(lower)
        if label:
            features.extend(f"gaz={part}" for part in label.split("|"))
        name = self.names.get(lower)
        if name:
            features.extend(f"ng={part}" for part in name.split("|"))
        cluster = self.clusters.get(lower)
        if cluster:
            features.extend(f"c{level}={part}" for level, part in enumerate(cluster.split("|")))
        return features

    def context(self, word: str) -> dict[int, list[str]]:
        """The features the word gives its neighbours, by its offset from them."""
        cached = self._context.get(word)
        if cached is not None:
            return cached
        lower = word.lower()
        base = [f"w={lower}", f"sh={word_shape(word)}", f"s3={lower[-3:]}"]
        if is_role(word):
            base.append("role")
        label = self.lexicon.get(lower)
        if label:
            base.extend(f"gaz={part}" for part in label.split("|"))
        name = self.names.get(lower)
        if name:
            base.extend(f"ng={part}" for part in name.split("|"))
        by_offset = {o: [f"{o}:{feature}" for feature in base] for o in CONTEXT_OFFSETS}
        cluster = self.clusters.get(lower)
        if cluster:
            # The middle size only, next words only: every feature costs time on every token.
            middle = cluster.split("|")[1:2] or cluster.split("|")[:1]
            by_offset[-1].extend(f"-1:c1={part}" for part in middle)
            by_offset[1].extend(f"1:c1={part}" for part in middle)
        self._remember(self._context, word, by_offset)
        return by_offset

    @staticmethod
    def _remember(cache: dict[str, _Cached], word: str, value: _Cached) -> None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()  # a bounded cache; a stream of names must not grow it without end
        cache[word] = value
