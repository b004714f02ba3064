from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import ConfigError, InputRejected
from newsprism.eval.clustering import (
    GoldPair,
    bcubed,
    evaluate_clustering,
    pairwise,
    pearson,
    read_pairs,
    read_stream,
    same_story_prf,
)


def test_bcubed_and_pairwise_by_hand() -> None:
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y"}
    b3 = bcubed(predicted, gold)
    # precision: a,b 2/2; c 1/2; d 1/2 -> 3/4; recall: a,b 2/3; c 1/3; d 1 -> 2/3
    assert b3.precision == 0.75 and b3.recall == pytest.approx(0.6667, abs=1e-4)
    pairs = pairwise(predicted, gold)
    # gold pairs: ab ac bc (3); predicted pairs: ab, cd (2); both: ab (1)
    assert pairs.precision == 0.5 and pairs.recall == pytest.approx(0.3333, abs=1e-4)
    perfect = bcubed(gold, gold)
    assert perfect.f1 == 1.0


def test_same_story_ignores_the_middle_and_pearson_by_hand() -> None:
    pairs = [
        GoldPair("p1", "a", "b", 1.0),
        GoldPair("p2", "c", "d", 4.0),
        GoldPair("p3", "e", "f", 2.5),
    ]
    scores = same_story_prf(pairs, [True, True, False])
    assert (scores.precision, scores.recall, scores.gold, scores.predicted) == (0.5, 1.0, 1, 2)
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def _write_stream(path: Path) -> Path:
    records = [
        (
            "1",
            "2026-03-09T08:00:00",
            "Kaltenbrück sperrt die Lindenbrücke",
            "Die Stadt Kaltenbrück hat die Lindenbrücke gesperrt. Prüfer fanden Risse in den Trägern. "
            "Oberbürgermeister Jonas Brettschneider sprach von einer schweren Entscheidung.",
            "bridge",
        ),
        (
            "2",
            "2026-03-09T10:00:00",
            "Risse: Lindenbrücke in Kaltenbrück gesperrt",
            "Wegen Rissen in den Trägern ist die Lindenbrücke in Kaltenbrück gesperrt. "
            "Jonas Brettschneider rechnet mit langen Staus für die Pendler.",
            "bridge",
        ),
        (
            "3",
            "2026-03-10T07:00:00",
            "Tarifeinigung im Nahverkehr",
            "Die Gewerkschaft VuD und die Arbeitgeber haben sich im Nahverkehr geeinigt. "
            "Die Beschäftigten bekommen 6,5 Prozent mehr Lohn, sagte Sabine Oltmanns.",
            "tarif",
        ),
        (
            "4",
            "2026-03-10T09:00:00",
            "Keine Streiks mehr im Nahverkehr",
            "Im Nahverkehr endet der Tarifstreit: VuD-Chefin Sabine Oltmanns nannte die Einigung "
            "auf 6,5 Prozent einen Erfolg für die Beschäftigten.",
            "tarif",
        ),
    ]
    with path.open("w", encoding="utf-8") as handle:
        for identifier, date, title, text, cluster in records:
            handle.write(
                json.dumps(
                    {
                        "id": identifier,
                        "date": date,
                        "lang": "de",
                        "title": title,
                        "text": text,
                        "cluster": cluster,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return path


def test_evaluate_clustering_on_a_small_stream(tmp_path: Path) -> None:
    result = evaluate_clustering(_write_stream(tmp_path / "stream.jsonl"))
    assert result["articles"] == 4 and result["gold_clusters"] == 2
    assert result["predicted_clusters"] == 2
    assert result["bcubed"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_bad_stream_lines_and_pair_files_name_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "text": "x", "cluster": "a"}\n{"id": "2"}\n', encoding="utf-8")
    with pytest.raises(InputRejected, match="line 2"):
        list(read_stream(bad))
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "pair_id,lang1,lang2,text1,text2,Overall\n1_2,de,de,a,b,1.0\n", encoding="utf-8"
    )
    found, texts = read_pairs(pairs, [("de", "de")])
    assert len(found) == 1 and set(texts) == {"1", "2"}
    with pytest.raises(ConfigError, match="de-de \\(1\\)"):
        read_pairs(pairs, [("de", "en")])
