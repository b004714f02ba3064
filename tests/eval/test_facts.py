from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest

from newsprism.errors import InputRejected
from newsprism.eval.facts import (
    INLINE_FORMAT,
    GoldStory,
    Predicted,
    PredictedDiscrepancy,
    evaluate_facts,
    figures,
    read_inline_gold,
    score_story,
)
from newsprism.model.spans import Span
from tests.helpers import run_cli

GOLD = Path(__file__).parents[1] / "data" / "example_facts.json"


def test_fact_alignment_on_the_hand_labelled_example_stories(examples: Path) -> None:
    result = evaluate_facts(GOLD, [str(examples)])
    assert result["stories"] == 5
    pairs = cast(dict[str, Any], result["pairs"])
    assert pairs["gold"] == 93  # the cross-article sentence pairs of the gold facts
    # The comparison aligns clauses and this gold names sentences: a sentence stating two facts
    # makes pairs for both, and its questions are never facts (docs/compare.md, "Calibration").
    assert pairs["f1"] > 0.65 and pairs["recall"] > 0.65


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


SHIPPED = Path(__file__).parents[1] / "data" / "facts_gold.json"

# A tiny inline gold: two reports and a shortened copy of one of them.
TINY: dict[str, Any] = {
    "format": INLINE_FORMAT,
    "stories": [
        {
            "story": "faehre",
            "articles": {
                "agentur": {
                    "outlet": "agentur.de",
                    "kind": "agency",
                    "language": "de",
                    "published": "2026-07-01T10:00:00+02:00",
                    "text": "Die Fähre nach Borkum fällt am Montag aus. "
                    "Grund ist ein Schaden am Ruder. Ist das ärgerlich?",
                },
                "kopie": {
                    "outlet": "kurier.de",
                    "language": "de",
                    "text": "Die Fähre nach Borkum fällt am Montag aus.",
                },
                "bericht": {
                    "outlet": "blatt.de",
                    "language": "de",
                    "text": "Am Dienstag fährt keine Fähre nach Borkum. "
                    "Ist das richtig? Die Reederei meldet einen Ruderschaden.",
                },
            },
            "facts": [
                {
                    "id": "ausfall",
                    "fragments": [
                        ["agentur", "Die Fähre nach Borkum fällt am Montag aus"],
                        ["kopie", "Die Fähre nach Borkum fällt am Montag aus"],
                        ["bericht", "Am Dienstag fährt keine Fähre nach Borkum"],
                    ],
                },
                [
                    ["agentur", "Grund ist ein Schaden am Ruder"],
                    ["bericht", "Die Reederei meldet einen Ruderschaden"],
                ],
            ],
            "discrepancies": [
                {
                    "fact": "ausfall",
                    "field": "date",
                    "values": {"agentur": "Montag", "kopie": "Montag", "bericht": "Dienstag"},
                }
            ],
            "wire": [{"agency": "agentur", "copies": {"kopie": "shortened"}}],
            "omissions": {"kurier.de": ["1"]},
            "near_misses": [[["agentur", "Ist das ärgerlich?"], ["bericht", "Ist das richtig?"]]],
        }
    ],
}


def _sentence(story: GoldStory, key: str, beginning: str) -> tuple[str, Span]:
    """The whole sentence of an article that begins so, as today's comparison aligns it."""
    article = story.articles[key]
    start = article.text.index(beginning)
    ends = [article.text.find(mark, start) for mark in ".?"]
    end = min(e for e in ends if e >= 0) + 1
    return article.id, Span(start, end)


def test_an_inline_gold_is_scored_by_hand() -> None:
    (story,) = read_inline_gold(TINY, "tiny")
    agency = _sentence(story, "agentur", "Die Fähre")
    copy = _sentence(story, "kopie", "Die Fähre")
    report = _sentence(story, "bericht", "Am Dienstag")
    cause = _sentence(story, "agentur", "Grund")
    asked = _sentence(story, "agentur", "Ist das")
    asked_too = _sentence(story, "bericht", "Ist das")
    predicted = Predicted(
        # one right fact of three articles, one near miss aligned, the cause not found
        facts=((agency, copy, report), (asked, asked_too), (cause,)),
        # the copy "omits" the cause (true), the report "omits" the date fact (false)
        omissions={"kurier.de": (2,), "blatt.de": (0,)},
        discrepancies=(
            PredictedDiscrepancy("date", (agency, report)),  # right
            PredictedDiscrepancy("number", (agency, report)),  # wrong field
        ),
        wire=((copy[0], agency[0]), (agency[0], copy[0])),  # one right, one backwards
    )
    scores = figures(score_story(story, predicted))
    assert scores["pairs"] == {
        "precision": 0.75,  # 3 of the 4 predicted pairs lie on one gold fact
        "recall": 0.75,  # 3 of the 4 gold pairs (3 on the date fact, 1 on the cause)
        "f1": 0.75,
        "gold": 4,
        "predicted": 4,
        "correct": 3,
        "found": 3,
    }
    # agency and copy are one voice: their pair counts in neither figure
    assert scores["pairs_independent"]["gold"] == 3
    assert scores["pairs_independent"]["predicted"] == 3
    assert scores["pairs_independent"]["correct"] == 2
    assert scores["discrepancies"]["precision"] == 0.5
    assert scores["discrepancies"]["recall"] == 1.0
    assert scores["omissions"] == {
        "predicted": 2,
        "false": 1,
        "true": 1,
        "unjudged": 0,
        "gold": 1,
        "gold_found": 1,
    }
    assert scores["near_misses"] == {"gold": 1, "aligned": 1}
    assert scores["wire"]["precision"] == 0.5 and scores["wire"]["recall"] == 1.0


def test_an_inline_gold_runs_through_the_comparison(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(TINY, ensure_ascii=False), encoding="utf-8")
    result = evaluate_facts(gold, [])
    assert result["format"] == INLINE_FORMAT and result["gold_facts"] == 2
    by_story = cast(dict[str, Any], result["by_story"])
    assert set(by_story) == {"faehre"}
    pairs = cast(dict[str, Any], result["pairs"])
    assert pairs["gold"] == 4
    assert pairs["found"] >= 1  # the verbatim copy is aligned with its agency text


def test_eval_facts_prints_the_inline_figures(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(TINY, ensure_ascii=False), encoding="utf-8")
    table = run_cli("eval", "facts", "--data", str(gold))
    assert table.returncode == 0, table.stderr
    assert "discrepancies" in table.stdout and "faehre: pairs" in table.stdout
    assert "near misses aligned" in table.stdout
    printed = run_cli("eval", "facts", "--data", str(gold), "--json")
    figures_of = json.loads(printed.stdout)
    assert set(figures_of) >= {"pairs", "discrepancies", "omissions", "near_misses", "by_story"}


def test_an_inline_fragment_that_is_not_there_is_named(tmp_path: Path) -> None:
    broken = json.loads(json.dumps(TINY))
    broken["stories"][0]["facts"][1][0][1] = "Grund ist ein Leck"
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(InputRejected, match="Grund ist ein Leck"):
        evaluate_facts(gold, [])


def test_the_shipped_gold_is_consistent() -> None:
    """The gold itself, without running any comparison: sizes, and omissions that hold."""
    record = json.loads(SHIPPED.read_text(encoding="utf-8"))
    stories = read_inline_gold(record, str(SHIPPED))
    assert len(stories) >= 8
    assert all(8 <= len(story.facts) <= 30 for story in stories)
    assert all(3 <= len(story.articles) <= 5 for story in stories)
    english = [s for s in stories if any(a.language == "en" for a in s.articles.values())]
    assert len(english) >= 3
    kinds = {a.kind for story in stories for a in story.articles.values()}
    assert {"agency", "commentary", "report"} <= kinds
    fields = {d.field for story in stories for d in story.discrepancies}
    assert fields == {"number", "date", "name"}
    assert any(story.wire for story in stories)
    languages = {a.language for story in stories for a in story.articles.values()}
    assert languages == {"de", "en"}
    for story in stories:
        outlets = {a.id: a.outlet for a in story.articles.values()}
        for outlet, fact_ids in story.omissions.items():
            for fact in story.facts:
                if fact.id in fact_ids:  # an omission is a fact the outlet states nowhere
                    assert outlet not in {outlets[i] for i in fact.article_ids}
                    voices = {story.family(i) for i in fact.article_ids}
                    assert len(voices) >= 2


@pytest.mark.slow
def test_the_shipped_gold_meets_the_goals() -> None:
    """Semantic coverage on the hard stories: pairs F1 near the goal of 0.8 (0.798 measured on
    the nine stories, docs/compare.md "Calibration"; the bound keeps what was reached), the
    planted discrepancies found with few false ones, and "left out" almost never false."""
    result = cast(dict[str, Any], evaluate_facts(SHIPPED, []))
    assert result["failed"] == {}
    assert result["pairs"]["f1"] >= 0.79 and result["pairs"]["precision"] >= 0.85
    assert result["discrepancies"]["found"] >= 6 and result["discrepancies"]["precision"] >= 0.75
    left_out = result["omissions_left_out"]
    assert left_out["false"] <= 1 and left_out["true"] >= 12
    assert result["near_misses"]["aligned"] <= 5
    assert result["wire"]["recall"] == 1.0
