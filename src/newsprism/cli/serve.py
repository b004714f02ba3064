"""`newsprism serve`: the web app over a database, read-only, on 127.0.0.1 unless told."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import click

from newsprism.cli.blindspots import warn_about_groups
from newsprism.cli.context import Settings, common_options, pass_settings
from newsprism.compare.blindspots import OutletGroups, load_groups
from newsprism.errors import ConfigError
from newsprism.store import SQLiteStore

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# One process per core, up to four: a process answers one request at a time (the GIL), and
# each holds its own caches and, once a page needs them, its own analysis models.
# The cores this process may use (affinity, as a container sets it), not the machine's.
_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
DEFAULT_WORKERS = max(1, min(4, _CORES or 1))

groups_option = click.option(
    "--groups",
    "groups_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help='Outlet groups for filters and blindspots (TOML: [outlets] "outlet" = ["group"]).',
)
host_option = click.option(
    "--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on."
)
port_option = click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to listen on.",
)


def serve(
    db: Path,
    host: str,
    port: int,
    groups: OutletGroups | None = None,
    log_level: str = "info",
    edit_token: str | None = None,
    workers: int = 1,
) -> None:
    """Run the web app until interrupted (Ctrl-C), in `workers` processes."""
    # Imported here, not at the top: FastAPI and uvicorn take half a second to import, which
    # every other command would pay.
    import uvicorn

    from newsprism.present.web import WebSettings, create_app
    from newsprism.present.web.app import ENV_SERVE, settings_for_workers

    # Fail now, with a clear message, rather than on the first request.
    SQLiteStore(db, readonly=True).close()
    settings = WebSettings(db=db, groups=groups, edit_token=edit_token)
    processes = f"{workers} processes" if workers > 1 else "one process"
    click.echo(
        f"newsprism: serving {db} on http://{host}:{port}/ in {processes} (Ctrl-C stops)",
        err=True,
    )
    if edit_token is not None:
        shown = "[::1]" if host == "::1" else host
        click.echo(
            f"newsprism: corrections allowed; open http://{shown}:{port}/edit-mode?token="
            f"{edit_token} once in your browser to make them",
            err=True,
        )
    if workers == 1:
        app = create_app(settings)
        uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
        return
    # One interpreter answers one request at a time (the GIL): more processes answer more at
    # once. Each worker imports the app by name and reads its settings from the environment.
    os.environ[ENV_SERVE] = settings_for_workers(settings)
    uvicorn.run(
        "newsprism.present.web.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level=log_level,
        server_header=False,
    )


@click.command("serve")
@host_option
@port_option
@groups_option
@click.option(
    "--edit",
    is_flag=True,
    help="Allow corrections from the browser (on 127.0.0.1; elsewhere only with --token).",
)
@click.option(
    "--token",
    default=None,
    help="The secret for --edit (default: a new random one, printed at start).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=DEFAULT_WORKERS,
    show_default=True,
    help="Processes answering requests (one per core serves the most readers at once).",
)
@common_options
@pass_settings
def serve_command(
    settings: Settings,
    host: str,
    port: int,
    groups_file: Path | None,
    edit: bool,
    token: str | None,
    workers: int,
) -> None:
    """Browse stories side by side in the browser (each page also as JSON)."""
    local = host in ("127.0.0.1", "localhost", "::1")
    if edit and not local and not token:
        raise ConfigError(
            f"--edit on {host} lets anyone who can reach it change the database: give a "
            "secret with --token, or serve on 127.0.0.1"
        )
    if token is not None and len(token) < 12:
        raise ConfigError("--token: give a secret of at least 12 characters")
    edit_token = (token or secrets.token_urlsafe(18)) if edit else None
    if not local:
        click.echo(
            f"newsprism: listening on {host}: anyone who can reach this address can read the "
            "database",
            err=True,
        )
    groups = load_groups(groups_file) if groups_file is not None else None
    if groups_file is not None and groups is not None:
        warn_about_groups(settings, groups_file, groups)
    if not settings.db_path.exists():
        raise ConfigError(
            f"database {settings.db_path} does not exist; build one with `newsprism ingest` "
            "or `newsprism demo`, or point --db at yours"
        )
    log_level = "warning" if settings.quiet else "info"
    serve(settings.db_path, host, port, groups, log_level, edit_token, workers)
