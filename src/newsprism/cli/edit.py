"""`newsprism edit …` and `newsprism edits`: corrections by hand that stick.

Each edit is stored with its time and reason, applied at once and again after every ingest and
import-parquet, and can be undone. Ids may be given by an unambiguous prefix.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from newsprism.cli.context import (
    Settings,
    common_options,
    json_option,
    pass_settings,
    print_json,
    resolve_id,
)
from newsprism.cli.listing import Column, print_listing, when
from newsprism.model.edits import UserEdit
from newsprism.present.records import edit_record
from newsprism.store.sqlite import SQLiteStore

_REASON = click.option(
    "--reason", default="", help="Why: kept with the edit, shown wherever it is listed."
)


@click.group("edit")
def edit_group() -> None:
    """Correct what newsprism decided: move, split or merge stories, rename an outlet, undo.

    Edits stay through later ingests, analysis and import-parquet; `newsprism edits` lists
    them, `newsprism edit undo ID` takes one back.
    """


@edit_group.command("move")
@click.argument("article")
@click.argument("story")
@_REASON
@json_option
@common_options
@pass_settings
def move_command(settings: Settings, article: str, story: str, reason: str, as_json: bool) -> None:
    """Put ARTICLE into STORY."""
    _edit(
        settings,
        as_json,
        lambda store: store.move_article(
            resolve_id(store, "article", article), resolve_id(store, "story", story), reason
        ),
    )


@edit_group.command("split")
@click.argument("story")
@click.argument("articles", nargs=-1, required=True)
@_REASON
@json_option
@common_options
@pass_settings
def split_command(
    settings: Settings, story: str, articles: tuple[str, ...], reason: str, as_json: bool
) -> None:
    """Take ARTICLES out of STORY into a new story of their own."""
    store = settings.open_store()
    try:
        ids = [resolve_id(store, "article", a) for a in articles]
        new_id, edits = store.split_story(resolve_id(store, "story", story), ids, reason)
    finally:
        store.close()
    if not as_json:
        settings.out.print(f"new story {new_id}", markup=False, highlight=False)
    _report(settings, edits, as_json)


@edit_group.command("merge")
@click.argument("story")
@click.argument("into")
@_REASON
@json_option
@common_options
@pass_settings
def merge_command(settings: Settings, story: str, into: str, reason: str, as_json: bool) -> None:
    """Make STORY part of INTO."""
    _edit(
        settings,
        as_json,
        lambda store: store.merge_story(
            resolve_id(store, "story", story), resolve_id(store, "story", into), reason
        ),
    )


@edit_group.command("rename-outlet")
@click.argument("outlet")
@click.argument("new_name")
@_REASON
@json_option
@common_options
@pass_settings
def rename_outlet_command(
    settings: Settings, outlet: str, new_name: str, reason: str, as_json: bool
) -> None:
    """Call OUTLET NEW_NAME (or join it to the outlet NEW_NAME), also in later ingests."""
    _edit(settings, as_json, lambda store: store.rename_outlet(outlet, new_name, reason))


@edit_group.command("speaker")
@click.argument("article")
@click.argument("quote")
@click.option("--name", default=None, help="Who said it, as the story should name them.")
@click.option("--remove", is_flag=True, help="Nobody named said it: show 'speaker unclear'.")
@_REASON
@json_option
@common_options
@pass_settings
def speaker_command(
    settings: Settings,
    article: str,
    quote: str,
    name: str | None,
    remove: bool,
    reason: str,
    as_json: bool,
) -> None:
    """Correct who said a QUOTE of ARTICLE (its start offset, or the words it begins with)."""
    if (name is None) == (not remove):
        raise click.UsageError("give --name NAME or --remove")

    def correct(store: SQLiteStore) -> UserEdit:
        article_id = resolve_id(store, "article", article)
        start = _quote_start(store, article_id, quote)
        return store.correct_speaker(article_id, start, None if remove else name, reason)

    _edit(settings, as_json, correct)


def _quote_start(store: SQLiteStore, article_id: str, quote: str) -> int:
    """A quote named by its start offset or by the words it begins with."""
    if quote.isdigit():
        return int(quote)
    found = store.annotations(article_id)
    text = store.article(article_id).text
    starts = [
        q.start for q in (found.quotes if found else ()) if text[q.start : q.end].startswith(quote)
    ]
    if len(starts) != 1:
        raise click.UsageError(
            f"{len(starts)} quotes of article {article_id} begin with {quote!r}; give its start "
            "offset (`newsprism article ID --json` lists them)"
        )
    return starts[0]


@edit_group.command("fact-apart")
@click.argument("story")
@click.argument("article")
@click.argument("offset", type=click.IntRange(min=0))
@_REASON
@json_option
@common_options
@pass_settings
def fact_apart_command(
    settings: Settings, story: str, article: str, offset: int, reason: str, as_json: bool
) -> None:
    """The clause of ARTICLE at OFFSET is not the fact STORY's comparison aligned it with.

    OFFSET is any character offset inside the clause (`story ID --json` lists each fact's
    members with their spans). The clause becomes a fact of its own.
    """
    _edit(
        settings,
        as_json,
        lambda store: store.keep_apart(
            resolve_id(store, "article", article), offset, resolve_id(store, "story", story), reason
        ),
    )


@edit_group.command("undo")
@click.argument("edit_id", type=int)
@json_option
@common_options
@pass_settings
def undo_command(settings: Settings, edit_id: int, as_json: bool) -> None:
    """Take back edit EDIT_ID (see `newsprism edits`)."""
    _edit(settings, as_json, lambda store: store.undo_edit(edit_id))


@click.command("edits")
@click.option("--active", is_flag=True, help="Only edits not undone.")
@json_option
@common_options
@pass_settings
def edits_command(settings: Settings, active: bool, as_json: bool) -> None:
    """List the corrections made by hand, oldest first, with time, reason and whether undone."""
    store = settings.open_store(readonly=True)
    try:
        edits = store.user_edits(include_undone=not active)
    finally:
        store.close()
    _report(settings, edits, as_json)


def _edit(settings: Settings, as_json: bool, make: Callable[[SQLiteStore], UserEdit]) -> None:
    """Open the database for writing, make one edit, report it."""
    store = settings.open_store()
    try:
        edit = make(store)
    finally:
        store.close()
    _report(settings, [edit], as_json)


def _report(settings: Settings, edits: list[UserEdit], as_json: bool) -> None:
    if as_json:
        print_json([edit_record(edit) for edit in edits])
        return
    if not edits:
        settings.out.print("No edits yet.", markup=False, highlight=False)
        return
    columns = (
        Column("id", justify="right"),
        Column("when"),
        Column("edit", flex=True),
        Column("reason", flex=True),
        Column("state"),
    )
    rows = [
        [
            str(edit.id),
            when(edit.created_at),
            f"{edit.action.value} {edit.subject} → {edit.target}",
            edit.reason,
            "undone" if edit.undone_at else "active",
        ]
        for edit in edits
    ]
    print_listing(settings.out, columns, rows)
