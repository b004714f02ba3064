"""`newsprism blindspots --groups FILE`: stories covered by one group of outlets, not another."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape
from rich.text import Text

from newsprism.cli.context import Settings, common_options, json_option, pass_settings, print_json
from newsprism.cli.listing import Column, print_listing
from newsprism.compare.blindspots import (
    OutletGroups,
    blindspots,
    check_groups,
    load_groups,
    story_coverage,
)


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
    """Which outlet groups covered each story, and the stories one group ignored.

    Warns about outlets in the file that the database does not hold (with the name probably
    meant) and lists the outlets in no group; a group of unknown outlets is left out.
    """
    configured = load_groups(groups_file)
    store = settings.open_store(readonly=True)
    try:
        stories = [
            (story.id, story.label, {m.outlet for m in store.story_articles(story.id)})
            for story in store.stories()
        ]
        known = [name for name, articles in store.outlets() if articles]
    finally:
        store.close()
    check = check_groups(configured, known)
    for warning in check.warnings():
        settings.err.print(Text(f"newsprism: {groups_file}: {warning}"), soft_wrap=True)
    groups = configured.restricted_to(known)
    coverage = story_coverage(stories, groups)
    spots = blindspots(coverage)
    if as_json:
        print_json(
            {
                "groups": sorted(groups.groups),
                "warnings": check.record(),
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
    columns = (
        Column("story"),
        Column("label", flex=True, min_width=16),
        Column("covered by", flex=True, min_width=10),
        Column("ignored by", flex=True, min_width=10),
    )
    rows = [
        [c.story_id, c.label, ", ".join(sorted(c.covered_by)), ", ".join(sorted(c.ignored_by))]
        for c in coverage
    ]
    print_listing(settings.out, columns, rows, title="coverage by group")
    for (covering, ignoring), ids in sorted(spots.items()):
        settings.out.print(
            f"covered by [bold]{escape(covering)}[/bold], ignored by "
            f"[bold]{escape(ignoring)}[/bold]: {len(ids)} stories"
        )


def warn_about_groups(settings: Settings, groups_file: Path, groups: OutletGroups) -> None:
    """For `serve --groups`: the same warnings, when the database exists (it may grow while
    served, so the groups are kept as written)."""
    if not settings.db_path.exists():
        return
    store = settings.open_store(readonly=True)
    try:
        known = [name for name, articles in store.outlets() if articles]
    finally:
        store.close()
    for warning in check_groups(groups, known).warnings():
        settings.err.print(Text(f"newsprism: {groups_file}: {warning}"), soft_wrap=True)
