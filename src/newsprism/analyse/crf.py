"""Linear-chain CRF taggers (python-crfsuite) over one shared `TokenFeatures`.

The part-of-speech and entity models are trained on the same features, so a sentence's features
are computed and packed once and both taggers read them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from newsprism.analyse.features import TokenFeatures
from newsprism.analyse.linear_chain import LinearChainDecoder, LinearChainWeights
from newsprism.errors import ConfigError


def read_lexicon(lexicon_path: Path) -> dict[str, Any]:
    """The taggers' lexicon file as a dict ({} when it is missing)."""
    if not lexicon_path.is_file():
        return {}
    extras: dict[str, Any] = json.loads(lexicon_path.read_text(encoding="utf-8"))
    return extras


def features_from(extras: dict[str, Any], language: str = "de") -> TokenFeatures:
    """The feature extractor with the gazetteer and clusters the models were trained with.

    'gazetteer' is read by both taggers; 'clusters' (word clusters from the sentence encoder's
    piece vectors) and 'names' (the entity gazetteer) by the entity tagger only.
    """
    return TokenFeatures(
        extras.get("gazetteer", {}),
        extras.get("clusters", {}),
        language,
        extras.get("names", {}),
    )


def load_features(lexicon_path: Path, language: str = "de") -> TokenFeatures:
    return features_from(read_lexicon(lexicon_path), language)


class SequenceTagger:
    """Tags sentences of words with one CRF model file: `tag_sentences` decodes with the
    model's weights read once (`LinearChainDecoder`, much faster than CRFsuite over packed
    feature strings); `items` and `tag_items` remain for stacking taggers."""

    def __init__(self, model_path: Path, features: TokenFeatures) -> None:
        if not model_path.is_file():
            raise ConfigError(
                f"tagger model {model_path} is missing; reinstall newsprism or train it "
                "with the scripts in train/ (see docs/analysis.md)"
            )
        self.model_path = model_path
        self.features = features
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        weights = LinearChainWeights.read(model_path, self._tagger)
        self.decoder = LinearChainDecoder(weights, features)

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The tags of each sentence; a batch of sentences at once is fastest."""
        return self.decoder.tag(sentences)

    def items(self, words: Sequence[str]) -> pycrfsuite.ItemSequence:
        """The packed features of a sentence; pass them to `tag_items` of every tagger."""
        return pycrfsuite.ItemSequence(self.features.sentence(words))

    def tag_items(self, items: pycrfsuite.ItemSequence) -> list[str]:
        tags: list[str] = self._tagger.tag(items)
        return tags

    def tag(self, words: Sequence[str]) -> list[str]:
        return self.tag_sentences([words])[0]


def stacked(features: Sequence[list[str]], guesses: Sequence[str]) -> list[list[str]]:
    """Each word's features with the silver tagger's guesses for it and its neighbours."""
    count = len(guesses)
    return [
        [
            *own,
            f"sv={guesses[index]}",
            f"sv-1={guesses[index - 1] if index else 'BOS'}",
            f"sv+1={guesses[index + 1] if index + 1 < count else 'EOS'}",
        ]
        for index, own in enumerate(features)
    ]


class StackedTagger(SequenceTagger):
    """The entity tagger: reads, besides the shared features, a silver tagger's guesses.

    The silver tagger (trained on WikiANN alone, train/silver.py) tags the packed features the
    taggers share; its guesses are added to the word's features for the main model. Without a
    silver model file the tagger works as a plain `SequenceTagger`.
    """

    def __init__(self, model_path: Path, features: TokenFeatures, silver_path: Path | None) -> None:
        super().__init__(model_path, features)
        self._silver: pycrfsuite.Tagger | None = None
        if silver_path is not None and silver_path.is_file():
            self._silver = pycrfsuite.Tagger()
            self._silver.open(str(silver_path))

    @property
    def stacks(self) -> bool:
        """Whether a silver tagger's guesses are read (tagging is then CRFsuite's, slower)."""
        return self._silver is not None

    def tag_sentence(self, words: Sequence[str], items: pycrfsuite.ItemSequence) -> list[str]:
        """Tags of one sentence from its words and the packed features shared with POS."""
        if self._silver is None:
            return self.tag_items(items)
        guesses = self._silver.tag(items)
        tags: list[str] = self._tagger.tag(
            pycrfsuite.ItemSequence(stacked(self.features.sentence(words), guesses))
        )
        return tags

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        if self._silver is None:
            return super().tag_sentences(sentences)
        return [self.tag_sentence(words, self.items(words)) if words else [] for words in sentences]
