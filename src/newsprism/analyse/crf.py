"""A linear-chain CRF tagger (python-crfsuite) over `TokenFeatures`; one instance per model file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from newsprism.analyse.features import TokenFeatures
from newsprism.errors import ConfigError


class SequenceTagger:
    """Tags sentences of words. The model file sits beside a JSON file with its lexicon."""

    def __init__(self, model_path: Path, language: str = "de") -> None:
        if not model_path.is_file():
            raise ConfigError(
                f"tagger model {model_path} is missing; reinstall newsprism or train it "
                "with the scripts in train/ (see docs/analysis.md)"
            )
        self.model_path = model_path
        lexicon_path = model_path.with_suffix(".lexicon.json")
        lexicon: dict[str, str] = {}
        clusters: dict[str, str] = {}
        if lexicon_path.is_file():
            extras = json.loads(lexicon_path.read_text(encoding="utf-8"))
            lexicon = extras.get("gazetteer", {})
            clusters = extras.get("clusters", {})
        self.features = TokenFeatures(lexicon, clusters, language)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))

    def tag(self, words: Sequence[str]) -> list[str]:
        if not words:
            return []
        tags: list[str] = self._tagger.tag(self.features.sentence(words))
        return tags
