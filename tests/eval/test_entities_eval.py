"""eval entities: per-label figures, the confusion between labels, and WikiANN's format."""

from __future__ import annotations

from pathlib import Path

from newsprism.eval.entities import detect_format, evaluate_entities, label_confusion


def test_confusion_counts_same_span_other_label() -> None:
    gold = ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"]
    predicted = ["B-LOC", "I-LOC", "O", "B-LOC", "O", "B-PER"]
    assert label_confusion([(gold, predicted)]) == {"ORG": {"PER": 1}, "PER": {"LOC": 1}}
    # A boundary error is no confusion of labels.
    assert label_confusion([(["B-PER", "I-PER"], ["B-LOC", "O"])]) == {}


def test_wikiann_file_is_detected_and_scored_without_misc(tmp_path: Path) -> None:
    path = tmp_path / "dev.conll"
    path.write_text(
        "Lena\tB-PER\nBrandt\tI-PER\nwohnt\tO\nin\tO\nKassel\tB-LOC\n\n"
        "Der\tO\nHafenverein\tB-ORG\ntagt\tO\n",
        encoding="utf-8",
    )
    assert detect_format(path) == "wikiann"

    def tag(words: list[str]) -> list[str]:
        tags = {"Lena": "B-PER", "Brandt": "I-PER", "Kassel": "B-PER", "Der": "B-MISC"}
        return [tags.get(word, "O") for word in words]

    result = evaluate_entities(path, tag)
    assert result["format"] == "wikiann"
    assert result["sentences"] == 2
    assert result["PER"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "gold": 1,
        "predicted": 2,
    }
    assert "MISC" not in result  # a predicted MISC is left out where the gold has none
    assert result["confusion"] == {"LOC": {"PER": 1}}


def test_germeval_result_has_every_label_and_a_confusion(tmp_path: Path) -> None:
    path = tmp_path / "gold.tsv"
    path.write_text(
        "1\tJonas\tB-PER\tO\n2\tKern\tI-PER\tO\n3\tfuhr\tO\tO\n4\tnach\tO\tO\n5\tUlm\tB-LOC\tO\n\n"
        "1\tDie\tO\tO\n2\tStadtwerke\tB-ORG\tO\n3\tlasen\tO\tO\n4\tFaust\tB-OTH\tO\n\n",
        encoding="utf-8",
    )
    assert detect_format(path) == "germeval"
    result = evaluate_entities(
        path, lambda words: ["B-LOC" if w == "Faust" else "O" for w in words]
    )
    assert {"overall", "PER", "ORG", "LOC", "MISC"} <= set(result)
    assert result["confusion"] == {"MISC": {"LOC": 1}}
    assert result["split"] == "all"
