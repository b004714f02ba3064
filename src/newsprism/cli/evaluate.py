"""`newsprism eval …`: scores on gold data sets, one JSON object with --json."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import click
from rich.table import Table

from newsprism.analyse.stages import entity_tagger
from newsprism.cli.context import Settings, common_options, json_option, pass_settings, print_json
from newsprism.eval.entities import evaluate_entities
from newsprism.eval.quotes import evaluate_quotes

_FIGURES = ("precision", "recall", "f1")


@click.group("eval")
def eval_group() -> None:
    """Measure newsprism against gold data (quotes, entities)."""


@eval_group.command("quotes")
@click.option(
    "--data",
    "data",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    required=True,
    help="A folder of WIKINEWS quotation JSON files (e.g. SpkAtt-2023 news dev).",
)
@json_option
@common_options
@pass_settings
def eval_quotes_command(settings: Settings, data: Path, as_json: bool) -> None:
    """Quote, speaker and cue spans: token-overlap precision, recall and F1 (docs/analysis.md)."""
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


@eval_group.command("entities")
@click.option(
    "--data",
    "data",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    required=True,
    help="A GermEval 2014 TSV file.",
)
@click.option(
    "--split",
    type=click.Choice(["all", "train", "dev"]),
    default="all",
    show_default=True,
    help="Our split of the file: every fifth sentence is dev (the model never trained on it).",
)
@json_option
@common_options
@pass_settings
def eval_entities_command(settings: Settings, data: Path, split: str, as_json: bool) -> None:
    """Strict span precision, recall and F1 on outer chunks, overall and per label."""
    tagger = entity_tagger()
    result = evaluate_entities(data, tagger.tag, split)
    if as_json:
        print_json(result)
        return
    figures = cast(dict[str, Any], result)
    labels = [key for key in ("overall", "PER", "ORG", "LOC", "MISC") if key in figures]
    _print_table(
        settings,
        f"entities on {data} ({split}, {figures['sentences']} sentences)",
        [(label, figures[label]) for label in labels],
    )


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
