"""Linear-chain CRF taggers (python-crfsuite) over one shared `TokenFeatures`.

The part-of-speech and entity models are trained on the same features, so a sentence's features
are computed and packed once and both taggers read them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from newsprism.analyse.features import TokenFeatures
from newsprism.errors import ConfigError


def load_features(lexicon_path: Path, language: str = "de") -> TokenFeatures:
    """The feature extractor with the gazetteer and clusters the models were trained with."""
    lexicon: dict[str, str] = {}
    clusters: dict[str, str] = {}
    if lexicon_path.is_file():
        extras = json.loads(lexicon_path.read_text(encoding="utf-8"))
        lexicon = extras.get("gazetteer", {})
        clusters = extras.get("clusters", {})
    return TokenFeatures(lexicon, clusters, language)


class SequenceTagger:
    """Tags sentences of words with one CRF model file."""

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

    def items(self, words: Sequence[str]) -> pycrfsuite.ItemSequence:
        """The packed features of a sentence; pass them to `tag_items` of every tagger."""
        return pycrfsuite.ItemSequence(self.features.sentence(words))

    def tag_items(self, items: pycrfsuite.ItemSequence) -> list[str]:
        tags: list[str] = self._tagger.tag(items)
        return tags

    def tag(self, words: Sequence[str]) -> list[str]:
        if not words:
            return []
        return self.tag_items(self.items(words))
