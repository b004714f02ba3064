"""Options every command takes (--db, --quiet) and how commands open the store."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from newsprism.cluster.embeddings import Embedder, SentenceTransformerEmbedder
from newsprism.store import SQLiteStore, default_db_path

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(slots=True)
class Settings:
    db: Path | None = None
    quiet: bool = False

    @property
    def db_path(self) -> Path:
        return self.db if self.db is not None else default_db_path()

    def open_store(self, *, readonly: bool = False) -> SQLiteStore:
        return SQLiteStore(self.db_path, readonly=readonly)

    @property
    def err(self) -> Console:
        return Console(stderr=True, quiet=self.quiet, highlight=False)

    @property
    def out(self) -> Console:
        return Console(highlight=False, soft_wrap=True)


def _remember_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None:
        ctx.ensure_object(Settings).db = value
    return value


def _remember_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.ensure_object(Settings).quiet = True
    return value


db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    expose_value=False,
    callback=_remember_db,
    help="SQLite database (default: $NEWSPRISM_DB or ./newsprism.db).",
)
quiet_option = click.option(
    "--quiet",
    "-q",
    is_flag=True,
    expose_value=False,
    callback=_remember_quiet,
    help="No progress bars or summaries on stderr.",
)
json_option = click.option(
    "--json", "as_json", is_flag=True, help="Machine-readable JSON on stdout."
)


embedding_option = click.option(
    "--embedding-model",
    type=click.Path(path_type=Path),
    default=None,
    help="A local sentence-transformers model folder for story clustering (optional; "
    "needs newsprism[embeddings]; nothing is downloaded).",
)


def load_embedder(folder: Path | None) -> Embedder | None:
    return None if folder is None else SentenceTransformerEmbedder(folder)


def common_options(command: F) -> F:
    """--db and --quiet on every command as well as on the group."""
    return db_option(quiet_option(command))


def settings() -> Settings:
    return click.get_current_context().ensure_object(Settings)


def pass_settings(command: F) -> F:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return command(settings(), *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")
