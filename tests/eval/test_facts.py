from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import InputRejected
from newsprism.eval.facts import evaluate_facts

GOLD = Path(__file__).parents[1] / "data" / "example_facts.json"


def test_fact_alignment_on_the_hand_labelled_example_stories(examples: Path) -> None:
    result = evaluate_facts(GOLD, [str(examples)])
    assert result["stories"] == 5
    pairs = result["pairs"]
    assert pairs["gold"] == 93  # the cross-article sentence pairs of the gold facts
    assert pairs["f1"] > 0.6 and pairs["precision"] > 0.7


def test_a_gold_sentence_that_is_not_there_is_named(tmp_path: Path, examples: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps(
            {
                "stories": [
                    {
                        "story": "x",
                        "facts": [
                            [
                                ["06ed571eaa1ed94e", "Kein solcher Satz"],
                                ["01b802da703d4ee1", "Kaltenbrück."],
                            ]
                        ],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputRejected, match="Kein solcher Satz"):
        evaluate_facts(gold, [str(examples)])
