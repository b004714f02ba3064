"""`newsprism eval …`: scores on gold data sets, one JSON object with --json."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import click
from rich.table import Table

from newsprism.analyse.stages import entity_tagger
from newsprism.cli.context import (
    F,
    Settings,
    common_options,
    embedding_option,
    json_option,
    load_embedder,
    pass_settings,
    print_json,
)
from newsprism.cli.demo import examples_path
from newsprism.errors import ConfigError
from newsprism.eval.attribution import read_attribution_gold, score_attribution
from newsprism.eval.clustering import evaluate_clustering, evaluate_pairs
from newsprism.eval.coverage import evaluate_coverage
from newsprism.eval.entities import evaluate_entities
from newsprism.eval.facts import evaluate_facts
from newsprism.eval.quotes import evaluate_quotes
from newsprism.eval.subjectivity import evaluate_subjectivity

_FIGURES = ("precision", "recall", "f1")


def _data_file(help_text: str) -> Callable[[F], F]:
    """`--data FILE`, required and existing: the gold file of an `eval` command."""
    return click.option(
        "--data",
        "data",
        type=click.Path(path_type=Path, exists=True, dir_okay=False),
        required=True,
        help=help_text,
    )


_langs_option = click.option(
    "--langs",
    default=None,
    help="Language pairs to keep, e.g. de-de,de-en (default: all).",
)


@click.group("eval")
def eval_group() -> None:
    """Measure newsprism against gold data (quotes, entities, clustering, pairs, coverage,
    facts, subjectivity)."""


@eval_group.command("quotes")
@click.option(
    "--data",
    "data",
    type=click.Path(path_type=Path, exists=True),
    required=True,
    help="A folder of WIKINEWS quotation JSON files (e.g. SpkAtt-2023 news dev), or a quotes "
    "gold file of our own format (tests/data/quotes_gold.json).",
)
@json_option
@common_options
@pass_settings
def eval_quotes_command(settings: Settings, data: Path, as_json: bool) -> None:
    """Quote, speaker and cue spans: token-overlap precision, recall and F1 (docs/analysis.md)."""
    if data.is_file():
        _eval_attribution(settings, data, as_json)
        return
    result = evaluate_quotes(data)
    result["data"] = str(data)
    if as_json:
        print_json(result)
        return
    figures = cast(dict[str, Any], result)
    rows: list[tuple[str, dict[str, Any]]] = [
        (role, figures[role]) for role in ("quote", "speaker", "cue", "joint")
    ]
    for subset in ("speaker_pronoun", "speaker_outside_sentence"):
        block = figures[subset]
        rows.extend((f"{subset}: {role}", block[role]) for role in ("speaker", "joint"))
    _print_table(settings, f"quotes on {data} ({result['documents']} documents)", rows)


def _eval_attribution(settings: Settings, data: Path, as_json: bool) -> None:
    """Our own gold of hard attribution cases: quotes and speakers, false quotes listed."""
    scores = score_attribution(read_attribution_gold(data))
    record: dict[str, Any] = {"data": str(data), **scores.as_dict()}
    if as_json:
        print_json(record)
        return
    _print_table(
        settings,
        f"quotes on {data} ({scores.documents} documents; kind right for "
        f"{record['kind_accuracy']:.0%} of found quotes)",
        [("quote", record["quote"]), ("joint (right speaker)", record["joint"])],
    )
    for label in ("false_quotes", "wrong_speakers", "missed"):
        for line in record[label]:
            settings.out.print(f"{label.replace('_', ' ')}: {line}", markup=False, highlight=False)


@eval_group.command("entities")
@_data_file("A GermEval 2014 TSV file or a WikiANN 'word<TAB>tag' file.")
@click.option(
    "--split",
    type=click.Choice(["all", "train", "dev"]),
    default="all",
    show_default=True,
    help="Our split of a GermEval file: every fifth sentence is dev (never trained on).",
)
@click.option(
    "--format",
    "data_format",
    type=click.Choice(["auto", "germeval", "wikiann"]),
    default="auto",
    show_default=True,
    help="Gold format; auto tells GermEval (3+ columns) from WikiANN (2 columns).",
)
@json_option
@common_options
@pass_settings
def eval_entities_command(
    settings: Settings, data: Path, split: str, data_format: str, as_json: bool
) -> None:
    """Strict span precision, recall and F1 on outer chunks, overall and per label, and the
    confusion between labels on spans found exactly."""
    tagger = entity_tagger()
    result = evaluate_entities(data, tagger.tag, split, data_format)
    if as_json:
        print_json(result)
        return
    figures = cast(dict[str, Any], result)
    labels = [key for key in ("overall", "PER", "ORG", "LOC", "MISC") if key in figures]
    _print_table(
        settings,
        f"entities on {data} ({figures['format']}, {figures['split']}, "
        f"{figures['sentences']} sentences, {figures['tokens_per_second']} tokens/s)",
        [(label, figures[label]) for label in labels],
    )
    confusion = Table(
        title="same span, other label (rows: gold, columns: predicted)", title_justify="left"
    )
    confusion.add_column("")
    for label in ("PER", "ORG", "LOC", "MISC"):
        confusion.add_column(label, justify="right")
    for gold in ("PER", "ORG", "LOC", "MISC"):
        row = figures["confusion"].get(gold, {})
        confusion.add_row(
            gold, *(str(row.get(label, "")) for label in ("PER", "ORG", "LOC", "MISC"))
        )
    settings.out.print(confusion)


@eval_group.command("clustering")
@_data_file('JSONL: {"id","date","lang","title","text","cluster"} per line, fed in file order.')
@embedding_option
@json_option
@common_options
@pass_settings
def eval_clustering_command(
    settings: Settings,
    data: Path,
    embeddings: bool,
    embedding_model: Path | None,
    as_json: bool,
) -> None:
    """BCubed and pairwise precision/recall/F1 of the stories against gold clusters."""
    result = evaluate_clustering(data, embedder=load_embedder(embedding_model, embeddings))
    if as_json:
        print_json(result)
        return
    figures = cast(dict[str, Any], result)
    _print_table(
        settings,
        f"clustering on {data}: {figures['articles']} articles, {figures['gold_clusters']} gold / "
        f"{figures['predicted_clusters']} predicted clusters, "
        f"{figures['articles_per_second']} articles/s",
        [
            ("bcubed", _with_counts(figures["bcubed"])),
            ("pairwise", _with_counts(figures["pairwise"])),
        ],
    )


@eval_group.command("pairs")
@_data_file("SemEval-2022 Task 8 CSV (pair_id, lang1, lang2, text1, text2, Overall).")
@_langs_option
@embedding_option
@json_option
@common_options
@pass_settings
def eval_pairs_command(
    settings: Settings,
    data: Path,
    langs: str | None,
    embeddings: bool,
    embedding_model: Path | None,
    as_json: bool,
) -> None:
    """'Same story' P/R/F1 (Overall <= 1.5 same, >= 3.5 different) and Pearson with -Overall."""
    languages = _language_pairs(langs)
    result = evaluate_pairs(data, languages, embedder=load_embedder(embedding_model, embeddings))
    if as_json:
        print_json(result)
        return
    figures = cast(dict[str, Any], result)
    baseline = figures["baseline_tfidf_cosine"]
    _print_table(
        settings,
        f"pairs on {data} ({', '.join(figures['languages']) if languages else 'all'}): "
        f"Pearson {figures['pearson']:.3f} (TF-IDF cosine {baseline['pearson']:.3f})",
        [
            ("same story", figures["same_story"]),
            (
                f"TF-IDF cosine >= {baseline['best_threshold']} (best)",
                baseline["same_story_at_best_threshold"],
            ),
        ],
    )


@eval_group.command("coverage")
@_data_file("SemEval-2022 Task 8 CSV (pair_id, lang1, lang2, text1, text2, Narrative, Overall).")
@_langs_option
@json_option
@common_options
@pass_settings
def eval_coverage_command(settings: Settings, data: Path, langs: str | None, as_json: bool) -> None:
    """Share of facts both articles of a pair report, Pearson with -Narrative and -Overall,
    per language pair (docs/compare.md)."""
    result = evaluate_coverage(data, _language_pairs(langs))
    if as_json:
        print_json(result)
        return
    figures = cast(dict[str, Any], result)
    table = Table(
        title=f"coverage on {data} ({figures['seconds']} s); share = {figures['share']}; "
        "r = Pearson",
        title_justify="left",
    )
    columns = ("pairs", "failed", "r -Narrative", "r -Overall", "share same", "share different")
    table.add_column("")
    for column in columns:
        table.add_column(column, justify="right")
    for name, block in figures["by_language"].items():
        table.add_row(
            name,
            str(block["pairs"]),
            str(block["failed"]),
            f"{block['pearson_narrative']:.3f}",
            f"{block['pearson_overall']:.3f}",
            _figure(block["mean_share_same_story"]),
            _figure(block["mean_share_different"]),
        )
    settings.out.print(table)
    for failure in figures["failures"]:
        settings.out.print(f"failed: {failure}")


@eval_group.command("facts")
@_data_file("Hand-labelled facts (JSON, either format in docs/compare.md).")
@click.option(
    "--articles",
    "inputs",
    multiple=True,
    help="Where the articles are (files, folders) for a gold without inline articles; "
    "default: the example corpus.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.01, 1.5),
    default=None,
    help="Alignment score at which two units report one fact (default: the calibrated one).",
)
@json_option
@common_options
@pass_settings
def eval_facts_command(
    settings: Settings, data: Path, inputs: tuple[str, ...], threshold: float | None, as_json: bool
) -> None:
    """Fact alignment: pairs of units that report one fact (P/R/F1); with an inline gold also
    discrepancies, false omissions, near misses aligned and wire copies, per story."""
    result = evaluate_facts(data, inputs or (str(examples_path()),), threshold)
    if as_json:
        print_json(result)
        return
    figures = cast(dict[str, Any], result)
    if "format" not in figures:  # the older sentence gold: pairs only
        rows = [("all pairs", figures["pairs"])]
        rows.extend((story, prf) for story, prf in figures["by_story"].items())
        _print_table(settings, f"facts on {data} (threshold {figures['threshold']})", rows)
        return
    rows = [
        ("pairs", figures["pairs"]),
        ("pairs, agency copies as one voice", figures["pairs_independent"]),
        ("discrepancies", figures["discrepancies"]),
        ("wire copies", figures["wire"]),
    ]
    rows.extend((f"{story}: pairs", block["pairs"]) for story, block in figures["by_story"].items())
    _print_table(
        settings,
        f"facts on {data}: {figures['stories']} stories, {figures['gold_facts']} gold facts "
        f"(threshold {figures['threshold']})",
        rows,
    )
    omitted, near = figures["omissions"], figures["near_misses"]
    settings.out.print(
        f"omissions: {omitted['predicted']} predicted, {omitted['false']} false (gold: reported), "
        f"{omitted['true']} true, {omitted['gold_found']} of {omitted['gold']} gold omissions "
        f"found; near misses aligned: {near['aligned']} of {near['gold']}"
    )


@eval_group.command("subjectivity")
@_data_file("CheckThat! 2025 Task 1 TSV (sentence_id, sentence, label SUBJ/OBJ).")
@json_option
@common_options
@pass_settings
def eval_subjectivity_command(settings: Settings, data: Path, as_json: bool) -> None:
    """Sentence subjectivity (SUBJ/OBJ): accuracy, macro-F1 and per-class P/R/F1
    (docs/analysis.md, "Subjectivity")."""
    result = evaluate_subjectivity(data)
    if as_json:
        print_json(result)
        return
    figures = cast(dict[str, Any], result)
    _print_table(
        settings,
        f"subjectivity on {data}: {figures['scored']} sentences, {figures['failed']} failed; "
        f"accuracy {figures['accuracy']:.3f}, macro-F1 {figures['macro_f1']:.3f} "
        f"({figures['seconds']} s)",
        [(label, figures[label]) for label in ("SUBJ", "OBJ")],
    )
    for failure in figures["failures"]:
        settings.out.print(f"failed: {failure}")


def _language_pairs(value: str | None) -> list[tuple[str, str]] | None:
    if not value:
        return None
    pairs: list[tuple[str, str]] = []
    for part in value.split(","):
        first, _, second = part.strip().partition("-")
        if not first or not second:
            raise ConfigError(f"--langs takes pairs like de-de,de-en; {part.strip()!r} is not one")
        pairs.append((first, second))
    return pairs


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _with_counts(figures: dict[str, Any]) -> dict[str, Any]:
    return {"gold": "", "predicted": "", **figures}


def _print_table(settings: Settings, title: str, rows: list[tuple[str, dict[str, Any]]]) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("")
    for figure in (*_FIGURES, "gold", "predicted"):
        table.add_column(figure, justify="right")
    for name, figures in rows:
        table.add_row(
            name,
            *(f"{figures[f]:.3f}" for f in _FIGURES),
            str(figures["gold"]),
            str(figures["predicted"]),
        )
    settings.out.print(table)
