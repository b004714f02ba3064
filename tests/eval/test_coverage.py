"""`eval coverage`: the share of facts both articles of a SemEval pair report, on a small CSV of
made-up German and English articles, and on the first rows of the shared sample when present."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli
from newsprism.errors import ConfigError, InputRejected, StageFailed
from newsprism.eval import coverage
from newsprism.eval.coverage import compare_pair, evaluate_coverage, read_coverage_pairs

FAEHRE = (
    "Die Stadt Lindau baut bis 2028 eine neue Fähre für den Bodensee. Der Gemeinderat "
    "bewilligte am Dienstag 12 Millionen Euro für das Schiff. Bürgermeister Karl Brenner sagte, "
    "die alte Fähre sei nach 40 Jahren zu teuer im Unterhalt. Die neue Fähre soll mit Strom "
    "fahren und 300 Fahrgäste befördern."
)
FAEHRE_ANDERS = (
    "Lindau bekommt eine neue Bodensee-Fähre: Bis 2028 soll das Schiff fertig sein. Am Dienstag "
    "gab der Gemeinderat 12 Millionen Euro dafür frei. Nach 40 Jahren sei die alte Fähre im "
    "Unterhalt zu teuer geworden, erklärte Bürgermeister Karl Brenner. Das neue Schiff fährt "
    "elektrisch und bietet Platz für 300 Fahrgäste."
)
FERRY = (
    "The town of Lindau is building a new ferry for Lake Constance by 2028. On Tuesday the "
    "council approved 12 million euros for the ship. Mayor Karl Brenner said the old ferry had "
    "become too expensive to maintain after 40 years. The new ferry will run on electricity and "
    "carry 300 passengers."
)
EISBAEREN = (
    "Der Zoo in Hannover hat zwei junge Eisbären aus Dänemark bekommen. Die Tiere sind drei "
    "Jahre alt und heißen Nanook und Sila. Tierpflegerin Petra Lang sagte, die Bären hätten sich "
    "schnell eingewöhnt. Besucher können sie ab Samstag im neuen Gehege sehen."
)
BAKERY = (
    "A bakery in Leeds has won the national prize for the best sourdough bread. Owner Sarah "
    "Hughes said she had baked bread for twenty years. The jury tasted 150 loaves from across "
    "the country. The prize comes with 5,000 pounds."
)
HEADER = ["pair_id", "lang1", "lang2", "text1", "text2", "Narrative", "Overall"]
ROWS = [
    ["1_2", "de", "de", FAEHRE, FAEHRE_ANDERS, "1.0", "1.0"],  # paraphrases
    ["1_3", "de", "de", FAEHRE, EISBAEREN, "4.0", "4.0"],  # unrelated
    ["1_4", "de", "en", FAEHRE, FERRY, "1.0", "1.5"],  # one story, two languages
    ["3_5", "de", "en", EISBAEREN, BAKERY, "4.0", "4.0"],
    ["2_3", "de", "de", FAEHRE_ANDERS, "", "2.0", "2.0"],  # broken: no second text
    ["3_6", "de", "de", EISBAEREN, FAEHRE, "n/a", "3.0"],  # broken: no Narrative score
    ["7_8", "fr", "fr", "Un texte.", "Un autre texte.", "1.0", "1.0"],  # not asked for
]
LANGS = [("de", "de"), ("de", "en")]


def write_pairs(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def pairs_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pairs(tmp_path_factory.mktemp("coverage") / "pairs.csv", ROWS)


@pytest.fixture(scope="module")
def result(pairs_csv: Path) -> dict[str, Any]:
    return cast(dict[str, Any], evaluate_coverage(pairs_csv, LANGS))


def test_the_output_has_the_issue_keys_per_language_pair(result: dict[str, Any]) -> None:
    assert result["languages"] == ["de-de", "de-en"]
    assert result["pairs"] == 6 and result["failed"] == 2
    de_de, de_en = result["by_language"]["de-de"], result["by_language"]["de-en"]
    assert (de_de["pairs"], de_de["scored"], de_de["failed"]) == (4, 2, 2)
    assert (de_en["pairs"], de_en["scored"], de_en["failed"]) == (2, 2, 0)
    for block in (de_de, de_en):
        assert -1 <= block["pearson_narrative"] <= 1 and -1 <= block["pearson_overall"] <= 1
        assert set(block["overlap"]) == {"pearson_narrative", "pearson_overall", "mean"}
    # Higher share, more similar: negated scores make the correlation positive.
    assert de_de["pearson_narrative"] > 0 and de_en["pearson_overall"] > 0
    assert de_de["mean_share_same_story"] > de_de["mean_share_different"]
    json.dumps(result)  # JSON types only


def test_a_broken_row_is_counted_as_failed_and_the_rest_go_on(result: dict[str, Any]) -> None:
    failures = result["failures"]
    assert len(failures) == 2
    assert "2_3 (line 6): text2 is empty" in failures
    assert any(f.startswith("3_6 (line 7): Narrative is not a number") for f in failures)


def test_paraphrases_share_more_facts_than_unrelated_articles(pairs_csv: Path) -> None:
    pairs = {pair.pair_id: pair for pair in read_coverage_pairs(pairs_csv, LANGS)}
    paraphrased, unrelated = compare_pair(pairs["1_2"]), compare_pair(pairs["1_3"])
    translated, foreign = compare_pair(pairs["1_4"]), compare_pair(pairs["3_5"])
    assert paraphrased.share > unrelated.share and translated.share > foreign.share
    assert paraphrased.both >= 2 and unrelated.both == 0
    assert paraphrased.facts == paraphrased.first + paraphrased.second - paraphrased.both


def test_a_failing_comparison_is_counted_and_the_rest_go_on(
    pairs_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = coverage.compare_articles  # type: ignore[attr-defined]

    def compare(articles, **options):  # type: ignore[no-untyped-def]
        if "Eisbären" in articles[1].text:
            raise StageFailed("compare", "story", RuntimeError("explodes"))
        return real(articles, **options)

    monkeypatch.setattr(coverage, "compare_articles", compare)
    found = cast(dict[str, Any], evaluate_coverage(pairs_csv, [("de", "de")]))
    block = found["by_language"]["de-de"]
    assert (block["pairs"], block["scored"], block["failed"]) == (4, 1, 3)
    assert any("1_3" in f and "explodes" in f for f in found["failures"])


def test_language_pairs_match_either_order_and_bad_files_are_refused(tmp_path: Path) -> None:
    path = write_pairs(tmp_path / "p.csv", ROWS)
    assert [p.pair_id for p in read_coverage_pairs(path, [("en", "de")])] == ["1_4", "3_5"]
    assert {p.languages for p in read_coverage_pairs(path, None)} == {"de-de", "de-en", "fr-fr"}
    with pytest.raises(ConfigError, match="it has de-de"):
        evaluate_coverage(path, [("it", "it")])
    no_narrative = write_pairs(
        tmp_path / "q.csv", [row[:5] + row[6:] for row in ROWS], HEADER[:5] + HEADER[6:]
    )
    with pytest.raises(InputRejected, match="Narrative"):
        evaluate_coverage(no_narrative, LANGS)


def test_the_command_prints_a_table_or_one_json_object(pairs_csv: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["eval", "coverage", "--data", str(pairs_csv), "--langs", "de-en"])
    assert shown.exit_code == 0, shown.output
    assert "de-en" in shown.output and "Narrative" in shown.output
    as_json = runner.invoke(
        cli, ["eval", "coverage", "--data", str(pairs_csv), "--langs", "de-en", "--json"]
    )
    assert as_json.exit_code == 0, as_json.output
    figures = json.loads(as_json.output)
    assert set(figures["by_language"]) == {"de-en"}
    assert "pearson_narrative" in figures["by_language"]["de-en"]
    refused = runner.invoke(cli, ["eval", "coverage", "--data", str(pairs_csv), "--langs", "de"])
    assert refused.exit_code != 0


@pytest.mark.data
def test_the_first_german_pairs_of_the_shared_sample(shared_data: Path, tmp_path: Path) -> None:
    source = shared_data / "semeval2022-task8-hfl-sample" / "training_set.csv"
    if not source.is_file():
        pytest.skip("SemEval sample absent")
    csv.field_size_limit(sys.maxsize)
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [row for row in reader if (row["lang1"], row["lang2"]) == ("de", "de")][:10]
        header = list(reader.fieldnames or [])
    path = write_pairs(tmp_path / "first.csv", [[row[c] for c in header] for row in rows], header)
    found = cast(dict[str, Any], evaluate_coverage(path, [("de", "de")]))
    block = found["by_language"]["de-de"]
    assert (block["pairs"], block["failed"], block["no_facts"]) == (10, 0, 0)
    assert block["pearson_narrative"] > 0
    assert block["mean_share_same_story"] > block["mean_share_different"]
