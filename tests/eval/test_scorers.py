"""Scorers on tiny gold data whose answers are known by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import InputRejected
from newsprism.eval.entities import chunks, evaluate_entities, germeval_label, score_entities
from newsprism.eval.quotes import (
    GoldQuote,
    QuoteDocument,
    QuoteScorer,
    read_quote_document,
)


def test_bio_chunks_follow_conll() -> None:
    assert chunks(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == {
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
    }


def test_germeval_labels_map_outer_chunks() -> None:
    assert germeval_label("B-OTH") == "B-MISC"
    assert germeval_label("I-LOCderiv") == "O"
    assert germeval_label("B-ORGpart") == "O"
    assert germeval_label("I-PER") == "I-PER"


def test_strict_span_scores_by_hand() -> None:
    gold = ["B-PER", "I-PER", "O", "B-LOC"]
    predicted = ["B-PER", "O", "O", "B-LOC"]  # one boundary error, one exact
    scores = score_entities([(gold, predicted)])
    assert scores["overall"].precision == 0.5
    assert scores["overall"].recall == 0.5
    assert scores["LOC"].f1 == 1.0
    assert scores["PER"].f1 == 0.0


def test_evaluate_entities_reads_germeval_tsv(tmp_path: Path) -> None:
    path = tmp_path / "gold.tsv"
    path.write_text(
        "# a comment\n1\tAnna\tB-PER\tO\n2\tWagner\tI-PER\tO\n3\tkam\tO\tO\n\n"
        "1\tin\tO\tO\n2\tBerlin\tB-LOC\tO\n\n",
        encoding="utf-8",
    )
    result = evaluate_entities(path, lambda words: ["O"] * len(words))
    assert result["sentences"] == 2
    assert result["overall"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "gold": 2,
        "predicted": 0,
    }
    bad = tmp_path / "bad.tsv"
    bad.write_text("1\tonly-two-columns\n", encoding="utf-8")
    with pytest.raises(InputRejected, match="line 1"):
        evaluate_entities(bad, lambda words: ["O"] * len(words))


def _document(quotes: list[dict[str, list[int]]], kinds: list[str] | None = None) -> QuoteDocument:
    text = "Er sagte heute , es sei gut . Sie schwieg ."
    offsets = []
    position = 0
    for word in text.split():
        offsets.append((position, position + len(word)))
        position += len(word) + 1
    document = QuoteDocument("hand.json", text, offsets, [0] * 8 + [1] * 3)
    for number, roles in enumerate(quotes):
        document.quotes.append(
            GoldQuote(
                {role: frozenset(roles.get(role, [])) for role in ("quote", "speaker", "cue")},
                (kinds or ["Indirect"] * len(quotes))[number],
            )
        )
    return document


def test_quote_scorer_token_overlap_by_hand() -> None:
    document = _document([{"quote": [4, 5, 6], "speaker": [0], "cue": [1]}])
    scorer = QuoteScorer()
    # Predicted: quote one token too long, right speaker, no cue.
    scorer.add(
        document,
        [{"quote": frozenset({3, 4, 5, 6}), "speaker": frozenset({0}), "cue": frozenset()}],
    )
    scores = scorer.scores()
    assert scores["quote"]["precision"] == 0.75 and scores["quote"]["recall"] == 1.0
    assert scores["speaker"]["f1"] == 1.0
    assert scores["cue"]["recall"] == 0.0 and scores["cue"]["predicted"] == 0
    # joint: 5 gold (role, token) pairs, 5 predicted, 4 shared
    assert scores["joint"]["precision"] == 0.8 and scores["joint"]["recall"] == 0.8
    pronoun = scores["speaker_pronoun"]
    assert pronoun["speaker"]["f1"] == 1.0  # "Er" is a pronoun speaker


def test_quote_pairs_are_one_to_one() -> None:
    document = _document([{"quote": [4, 5, 6]}, {"quote": [8, 9]}])
    scorer = QuoteScorer()
    whole = frozenset(range(3, 10))
    scorer.add(document, [{"quote": whole, "speaker": frozenset(), "cue": frozenset()}])
    scores = scorer.scores()
    assert scores["quote"]["recall"] == pytest.approx(3 / 5)  # paired with one gold quote only


def test_wikinews_reader_and_bad_files(tmp_path: Path) -> None:
    record = {
        "originalText": "Er sagte , es sei gut .",
        "tokens": [
            {"charBegin": 0, "charEnd": 2, "sentence": 1},
            {"charBegin": 3, "charEnd": 8, "sentence": 1},
        ],
        "annotations": [
            {
                "quote": {"tokenIds": [1]},
                "speaker": {"tokenIds": [0]},
                "cue": {"tokenIds": []},
                "type": "Indirect",
            }
        ],
    }
    good = tmp_path / "good.json"
    good.write_text(json.dumps(record), encoding="utf-8")
    document = read_quote_document(good)
    assert document.quotes[0].roles["speaker"] == frozenset({0})
    assert document.tokens_in([(0, 5)]) == frozenset({0, 1})
    bad = tmp_path / "bad.json"
    bad.write_text('{"tokens": []}', encoding="utf-8")
    with pytest.raises(InputRejected, match=r"bad\.json"):
        read_quote_document(bad)
