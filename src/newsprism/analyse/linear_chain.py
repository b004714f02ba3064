"""Decoding with a CRFsuite model, each word's share of the scores computed once.

A linear-chain CRF scores a tag at a token as the sum of the weights of the token's feature
strings, about 45 of them, most of which belong to one word (its own features) or to one
neighbour at one offset. CRFsuite packs and looks up every string of every token again, which
was most of the analysis time (see docs/benchmarks.md, "Analysis"). Here the model's weights
are read once into a matrix, a word's own and context shares become one vector each the first
time the word is seen, a sentence's scores are a few array sums, and Viterbi runs over all
sentences of a batch at once. The tags are CRFsuite's: the same weights, the same sums and the
same tie-break (the first best label); only the order of the additions differs, which can
matter only where two labellings score equal to the last bit.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite

from newsprism.analyse.features import (
    BOUNDARY_FEATURES,
    CONTEXT_OFFSETS,
    TokenFeatures,
    bigram_feature,
)
from newsprism.errors import ConfigError

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # crf1dm.c: magic, size, type, version, counts, offsets
_FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")])
_CACHE_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class LinearChainWeights:
    """A CRFsuite model's labels and weights: `state[attribute, label]` and
    `transition[previous, next]`; the state matrix has one row of zeros more, at the index
    `len(attributes)`, for feature strings the model never saw (CRFsuite ignores those)."""

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray
    transition: np.ndarray

    @classmethod
    def read(cls, path: Path, tagger: pycrfsuite.Tagger | None = None) -> LinearChainWeights:
        """The weights of the model file at `path`; `tagger`, CRFsuite's tagger with that
        file already open, saves opening it a second time for the names."""
        raw = path.read_bytes()
        try:
            fields = _HEADER.unpack_from(raw)
            magic, _, _, _, _, label_count, attribute_count, features_at = fields[:8]
            chunk, _, count = struct.unpack_from("<4sII", raw, features_at)
            if magic != b"lCRF" or chunk != b"FEAT":
                raise ValueError("not a CRFsuite model")
            features = np.frombuffer(raw, dtype=_FEATURE, count=count, offset=features_at + 12)
        except (struct.error, ValueError) as error:
            raise ConfigError(
                f"tagger model {path} cannot be read ({error}); reinstall newsprism or train it "
                "again with the scripts in train/ (see docs/analysis.md)"
            ) from None
        # The names of labels and attributes sit in hashed string tables; CRFsuite's own
        # reader gives them with their ids.
        if tagger is None:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
        info = tagger.info()
        labels = sorted(info.labels.items(), key=lambda item: int(item[1]))
        attributes = {name: int(number) for name, number in info.attributes.items()}
        if len(labels) != label_count or len(attributes) != attribute_count:
            raise ConfigError(f"tagger model {path} holds names its header does not count")
        state = np.zeros((attribute_count + 1, label_count))
        transition = np.zeros((label_count, label_count))
        kinds = features["type"]
        states, transitions = features[kinds == 0], features[kinds == 1]
        np.add.at(state, (states["source"], states["target"]), states["weight"])
        np.add.at(transition, (transitions["source"], transitions["target"]), transitions["weight"])
        return cls(tuple(name for name, _ in labels), attributes, state, transition)

    def score(self, features: Sequence[str]) -> np.ndarray:
        """The summed weights of these feature strings, one per label."""
        scores: np.ndarray = self.scores([features])[0]
        return scores

    def scores(self, groups: Sequence[Sequence[str]]) -> np.ndarray:
        """`score` of each group of feature strings, in one array operation."""
        unknown = len(self.attributes)
        get = self.attributes.get
        rows: list[int] = []
        starts: list[int] = []
        for group in groups:
            starts.append(len(rows))
            rows.append(unknown)  # a row of zeros first: no group is empty
            rows.extend([get(feature, unknown) for feature in group])
        if not groups:
            return np.zeros((0, len(self.labels)))
        summed: np.ndarray = np.add.reduceat(self.state[rows], starts, axis=0)
        return summed


class LinearChainDecoder:
    """Tags sentences with one model's weights over the features `TokenFeatures` makes.

    `emissions` mirrors `TokenFeatures.sentence` part by part (tests check that the two give
    the same sums); the caches of word vectors are bounded like the feature caches.
    """

    def __init__(self, weights: LinearChainWeights, features: TokenFeatures) -> None:
        self.weights = weights
        self.features = features
        labels = len(weights.labels)
        # Each known word's row in two growing matrices: its own scores, and the scores it
        # gives a neighbour at each offset of CONTEXT_OFFSETS.
        self._rows: dict[str, int] = {}
        self._own = np.zeros((0, labels))
        self._context = np.zeros((0, len(CONTEXT_OFFSETS), labels))
        self._boundary = {name: weights.score([name]) for name in BOUNDARY_FEATURES}

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The best tags of each sentence (an empty sentence gets none)."""
        labels = self.weights.labels
        paths = viterbi(self.emissions(sentences), self.weights.transition)
        return [[labels[index] for index in path] for path in paths]

    def emissions(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per sentence, a (words × labels) matrix of the tags' scores before transitions."""
        words = [word for sentence in sentences for word in sentence]
        if not words:
            return [np.zeros((0, len(self.weights.labels))) for _ in sentences]
        self._learn(list(dict.fromkeys(words)))
        known = self._rows
        ids = np.fromiter((known[word] for word in words), dtype=np.intp, count=len(words))
        own, context = self._own, self._context
        lengths = np.array([len(sentence) for sentence in sentences], dtype=np.intp)
        starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        position = np.arange(len(words)) - starts  # each token's index in its sentence
        length = np.repeat(lengths, lengths)
        scores = own[ids]
        for offset_row, offset in enumerate(CONTEXT_OFFSETS):
            inside = (position + offset >= 0) & (position + offset < length)
            at = np.flatnonzero(inside)
            scores[at] += context[ids[at + offset], offset_row]
        boundary = self._boundary
        scores[position == 0] += boundary["BOS"] + boundary["-1:BOS"]
        scores[position == 1] += boundary["-2:BOS"]
        scores[(position == length - 2)] += boundary["2:EOS"]
        scores[position == length - 1] += boundary["1:EOS"]
        after = np.flatnonzero(position >= 1)
        lowers = [word.lower() for word in words]
        bigrams = [bigram_feature(lowers[index - 1], lowers[index]) for index in after]
        unknown = len(self.weights.attributes)
        rows = [self.weights.attributes.get(bigram, unknown) for bigram in bigrams]
        scores[after] += self.weights.state[rows]
        return np.split(scores, np.cumsum(lengths)[:-1])

    def _learn(self, words: Sequence[str]) -> None:
        """Rows for those of the words not seen before, all summed in one array operation."""
        unseen = [word for word in words if word not in self._rows]
        if not unseen:
            return
        if len(self._rows) + len(unseen) > _CACHE_LIMIT:
            self._rows.clear()  # a stream of names must not grow the matrices without end
            unseen = list(words)
        contexts = [self.features.context(word) for word in unseen]
        groups = [self.features.own(word) for word in unseen]
        groups += [by_offset[offset] for by_offset in contexts for offset in CONTEXT_OFFSETS]
        summed = self.weights.scores(groups)
        count, first = len(unseen), len(self._rows)
        if first + count > len(self._own):  # grow by doubling, up to the bound
            size = min(max(2 * len(self._own), first + count, 1024), max(_CACHE_LIMIT, count))
            own = np.zeros((size, summed.shape[1]))
            context = np.zeros((size, len(CONTEXT_OFFSETS), summed.shape[1]))
            own[:first], context[:first] = self._own[:first], self._context[:first]
            self._own, self._context = own, context
        self._own[first : first + count] = summed[:count]
        self._context[first : first + count] = summed[count:].reshape(
            count, len(CONTEXT_OFFSETS), summed.shape[1]
        )
        for number, word in enumerate(unseen, start=first):
            self._rows[word] = number


def viterbi(emissions: Sequence[np.ndarray], transition: np.ndarray) -> list[list[int]]:
    """The best label path of each sentence; all sentences advance together, longest first,
    so that a step is one array operation however many sentences there are."""
    order = sorted(range(len(emissions)), key=lambda index: -len(emissions[index]))
    lengths = np.array([len(emissions[index]) for index in order], dtype=np.intp)
    if len(lengths) == 0 or lengths[0] == 0:
        return [[] for _ in emissions]
    labels = transition.shape[0]
    padded = np.zeros((len(order), int(lengths[0]), labels))
    for row, index in enumerate(order):
        padded[row, : lengths[row]] = emissions[index]
    score = padded[:, 0, :].copy()
    back: list[np.ndarray] = []
    for step in range(1, int(lengths[0])):
        active = int(np.count_nonzero(lengths > step))
        candidates = score[:active, :, np.newaxis] + transition[np.newaxis]
        best = candidates.argmax(axis=1)  # the first best previous label, as CRFsuite
        score[:active] = np.take_along_axis(candidates, best[:, np.newaxis, :], 1)[:, 0]
        score[:active] += padded[:active, step]
        back.append(best)
    current = score.argmax(axis=1)
    path = np.zeros((len(order), int(lengths[0])), dtype=np.intp)
    for step in range(int(lengths[0]) - 1, -1, -1):
        active = int(np.count_nonzero(lengths > step))
        path[:active, step] = current[:active]
        if step:
            current[:active] = back[step - 1][np.arange(active), current[:active]]
    result: list[list[int]] = [[] for _ in emissions]
    for row, index in enumerate(order):
        result[index] = path[row, : lengths[row]].tolist()
    return result
