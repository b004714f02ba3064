"""`eval subjectivity`: accuracy, macro-F1 and per-class figures on a small TSV of made-up
German news sentences, broken rows counted as failed, and the shared CheckThat! dev split when
present."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli
from newsprism.errors import ConfigError
from newsprism.eval.subjectivity import evaluate_subjectivity, read_subjectivity_tsv

HEADER = "sentence_id\tsentence\tlabel\n"
ROWS = [
    ("s1", "Diese Reform ist ein völlig verfehltes Projekt, wir sollten sie stoppen!", "SUBJ"),
    ("s2", "Wer glaubt eigentlich noch an die Versprechen dieser Regierung?", "SUBJ"),
    ("s3", "Der Gemeinderat bewilligte am Dienstag 12 Millionen Euro für eine neue Fähre.", "OBJ"),
    ("s4", "Die Regierung habe in der Krise völlig versagt, sagte Müller.", "OBJ"),
    ("s5", "Der Zoo in Hannover hat zwei junge Eisbären bekommen.", "OBJ"),
    ("s6", "Die Stadt hat am Montag den neuen Radweg eröffnet.", "SUBJ"),  # the scorer misses it
]


def write_tsv(path: Path, body: str, header: str = HEADER) -> Path:
    path.write_text(header + body, encoding="utf-8")
    return path


def _lines(rows: list[tuple[str, str, str]]) -> str:
    return "".join("\t".join(row) + "\n" for row in rows)


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    broken = (
        "s7\tnur zwei Felder\n"  # no label column
        "s8\t\tOBJ\n"  # empty sentence
        "s9\tDer Bus fährt um acht Uhr ab.\tNEUTRAL\n"  # a label that is neither
        '"s10"\t"Ein Satz mit ""Anführungszeichen"" im Feld."\tOBJ\n'  # CSV-style quoting
    )
    return write_tsv(tmp_path / "gold.tsv", _lines(ROWS) + "\n" + broken)


def test_figures_per_class_and_overall(gold: Path) -> None:
    result = cast(dict[str, Any], evaluate_subjectivity(gold))
    assert (result["rows"], result["scored"], result["failed"]) == (10, 7, 3)
    subj, obj = result["SUBJ"], result["OBJ"]
    assert (subj["gold"], obj["gold"]) == (3, 4)
    assert subj["predicted"] + obj["predicted"] == 7
    # s1, s2 right as SUBJ; s6 missed; every OBJ right (s10 has no cue).
    assert (subj["precision"], subj["recall"]) == (1.0, round(2 / 3, 4))
    assert (obj["precision"], obj["recall"]) == (0.8, 1.0)
    assert result["accuracy"] == round(6 / 7, 4)
    assert result["macro_f1"] == round((subj["f1"] + obj["f1"]) / 2, 4)
    assert result["cues"]["attribution"] == {"SUBJ": 0, "OBJ": 1}
    json.dumps(result)  # JSON types only


def test_broken_rows_are_counted_with_line_and_reason_and_the_rest_go_on(gold: Path) -> None:
    failures = cast(list[str], evaluate_subjectivity(gold)["failures"])
    assert failures == [
        "s7 (line 9): 2 fields, needs at least 3",
        "s8 (line 10): the sentence is empty",
        "s9 (line 11): label 'NEUTRAL' is not SUBJ or OBJ",
    ]
    rows = {row.sentence_id: row for row in read_subjectivity_tsv(gold)}
    assert rows["s10"].sentence == 'Ein Satz mit "Anführungszeichen" im Feld.'


def test_a_file_without_the_columns_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = write_tsv(tmp_path / "other.tsv", "1\tEin Satz.\n", header="id\ttext\n")
    with pytest.raises(ConfigError, match=r"other\.tsv.*columns missing: sentence, label"):
        evaluate_subjectivity(path)
    result = CliRunner().invoke(cli, ["eval", "subjectivity", "--data", str(path)])
    assert result.exit_code != 0
    assert "other.tsv" in result.output and "columns missing" in result.output


def test_a_file_of_broken_rows_only_is_refused(tmp_path: Path) -> None:
    path = write_tsv(tmp_path / "broken.tsv", "s1\tEin Satz.\tMAYBE\n")
    with pytest.raises(ConfigError, match="no sentence that can be scored"):
        evaluate_subjectivity(path)


def test_the_cli_prints_a_table_and_one_json_object(gold: Path) -> None:
    runner = CliRunner()
    as_json = runner.invoke(cli, ["eval", "subjectivity", "--data", str(gold), "--json"])
    assert as_json.exit_code == 0, as_json.output
    figures = json.loads(as_json.output)
    assert {"accuracy", "macro_f1", "SUBJ", "OBJ", "failed", "failures", "cues"} <= set(figures)
    assert set(figures["SUBJ"]) == {"precision", "recall", "f1", "gold", "predicted"}
    table = runner.invoke(cli, ["eval", "subjectivity", "--data", str(gold)])
    assert table.exit_code == 0, table.output
    assert "macro-F1" in table.output and "SUBJ" in table.output and "OBJ" in table.output
    assert "failed: s9 (line 11)" in table.output


@pytest.mark.data
def test_on_the_checkthat_dev_split(shared_data: Path) -> None:
    path = shared_data / "checkthat2025-subjectivity-de" / "dev_de.tsv"
    if not path.is_file():
        pytest.skip("CheckThat! 2025 German dev split absent")
    result = cast(dict[str, Any], evaluate_subjectivity(path))
    assert (result["scored"], result["failed"]) == (491, 0)
    assert (result["SUBJ"]["gold"], result["OBJ"]["gold"]) == (174, 317)
    assert result["macro_f1"] > 0.66  # docs/benchmarks.md: 0.674; organisers' MiniLM: 0.69
