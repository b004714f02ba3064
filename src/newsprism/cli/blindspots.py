"""`newsprism blindspots --groups FILE`: stories covered by one group of outlets, not another."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from newsprism.cli.context import Settings, common_options, json_option, pass_settings, print_json
from newsprism.compare.blindspots import blindspots, load_groups, story_coverage


@click.command("blindspots")
@click.option(
    "--groups",
    "groups_file",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help='TOML: [outlets] "outlet" = ["group", …].',
)
@json_option
@common_options
@pass_settings
def blindspots_command(settings: Settings, groups_file: Path, as_json: bool) -> None:
    """Which outlet groups covered each story, and the stories one group ignored."""
    groups = load_groups(groups_file)
    store = settings.open_store(readonly=True)
    try:
        stories = [
            (story.id, story.label, {m.outlet for m in store.story_articles(story.id)})
            for story in store.stories()
        ]
    finally:
        store.close()
    coverage = story_coverage(stories, groups)
    spots = blindspots(coverage)
    if as_json:
        print_json(
            {
                "groups": sorted(groups.groups),
                "stories": [
                    {
                        "id": c.story_id,
                        "label": c.label,
                        "covered_by": sorted(c.covered_by),
                        "ignored_by": sorted(c.ignored_by),
                    }
                    for c in coverage
                ],
                "blindspots": [
                    {"covered_by": a, "ignored_by": b, "stories": ids}
                    for (a, b), ids in sorted(spots.items())
                ],
            }
        )
        return
    table = Table("story", "label", "covered by", "ignored by", title="coverage by group")
    for c in coverage:
        table.add_row(
            c.story_id,
            escape(c.label[:60]),
            escape(", ".join(sorted(c.covered_by))),
            escape(", ".join(sorted(c.ignored_by))),
        )
    settings.out.print(table)
    for (covering, ignoring), ids in sorted(spots.items()):
        settings.out.print(
            f"covered by [bold]{escape(covering)}[/bold], ignored by "
            f"[bold]{escape(ignoring)}[/bold]: {len(ids)} stories"
        )
