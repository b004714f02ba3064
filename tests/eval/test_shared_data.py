"""Figures on the shared gold data stay where docs/benchmarks.md says (skipped without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

pytestmark = [pytest.mark.data, pytest.mark.slow]


def test_eval_quotes_on_wikinews_dev(shared_data: Path) -> None:
    folder = shared_data / "spkatt2023" / "news_wikinews_2024" / "dev"
    if not folder.is_dir():
        pytest.skip("SpkAtt news dev split absent")
    result = run_cli("eval", "quotes", "--data", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["documents"] == 150
    assert figures["joint"]["f1"] > 0.6  # rule baseline of the organisers: about 0.40
    assert figures["speaker_pronoun"]["speaker"]["f1"] > 0.3


def test_eval_entities_on_our_germeval_dev_split(shared_data: Path) -> None:
    path = shared_data / "germeval2014-ner" / "NER-de-test.tsv"
    if not path.is_file():
        pytest.skip("GermEval file absent")
    result = run_cli("eval", "entities", "--data", str(path), "--split", "dev", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["sentences"] == 1020
    assert figures["overall"]["f1"] > 0.55
    assert set(figures) >= {"PER", "ORG", "LOC", "MISC"}


@pytest.mark.parametrize("langs", ["de-de", "de-en"])
def test_eval_pairs_on_the_semeval_sample(shared_data: Path, langs: str) -> None:
    path = shared_data / "semeval2022-task8-hfl-sample" / "training_set.csv"
    if not path.is_file():
        pytest.skip("SemEval sample absent")
    result = run_cli("eval", "pairs", "--data", str(path), "--langs", langs, "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["same_story"]["f1"] > 0.5
    assert figures["pearson"] > 0.4
    assert "baseline_tfidf_cosine" in figures
