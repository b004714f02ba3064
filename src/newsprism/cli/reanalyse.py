"""`newsprism reanalyse`: analysis again after a model or rule upgrade."""

from __future__ import annotations

import click

from newsprism.cli.context import (
    Settings,
    common_options,
    comparison_drawer,
    json_option,
    pass_settings,
    print_json,
    resolve_id,
)


@click.command("reanalyse")
@click.option("--story", "story", default=None, help="Only this story's articles (id or prefix).")
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Every article, not only those analysed by another version.",
)
@json_option
@common_options
@pass_settings
def reanalyse_command(settings: Settings, story: str | None, every: bool, as_json: bool) -> None:
    """Analyse again the articles an older version analysed; compare their stories again.

    Also draws again the story pages an older release drew, so that they open at once."""
    # the analysis models and the page code load only for this command (start-up time of the
    # others)
    from newsprism.present.web.drawing import redraw_stored
    from newsprism.run.reanalyse import reanalyse

    store = settings.open_store()
    try:
        story_id = resolve_id(store, "story", story) if story else None
        report = reanalyse(
            store, story_id, every=every, draw=comparison_drawer(True, settings.db_path)
        )
        # Pages drawn by an older release are drawn again, so that they open at once.
        redrawn = redraw_stored(store, None if story_id is None else {story_id})
    finally:
        store.close()
    if as_json:
        print_json({**report.as_dict(), "pages_drawn": redrawn})
        return
    settings.out.print(
        f"analysed again: {report.articles} articles (analysis {report.version}); "
        f"stories compared again: {report.stories_compared}; story pages drawn again: "
        f"{redrawn}; failed: {len(report.failed)}",
        markup=False,
        highlight=False,
    )
    for reject in report.failed[:20]:
        settings.out.print(f"  {reject.source}: {reject.detail}", markup=False, highlight=False)
