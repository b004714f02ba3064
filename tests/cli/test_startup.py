"""`newsprism --version`, `--help` and a mistyped command start without the heavy modules
(checked by module name, not by time); each command's line in `--help` says what it says."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import click

from newsprism.cli.main import COMMANDS, cli

# What the commands themselves need: the store (numpy, scipy, datasketch), the analysis, the
# web app, pyarrow and Spark's importer.
HEAVY = (
    "numpy",
    "scipy",
    "datasketch",
    "pandas",
    "pyarrow",
    "fastapi",
    "newsprism.store",
    "newsprism.analyse",
    "newsprism.jobs",
    "newsprism.present",
)


def _imported_by(*arguments: str) -> set[str]:
    probe = (
        "import sys\n"
        "from newsprism.cli.main import cli\n"
        "try:\n"
        f"    cli.main(args={list(arguments)!r}, prog_name='newsprism', standalone_mode=False)\n"
        "except BaseException:\n"
        "    pass\n"
        "import json\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_version_and_help_import_no_heavy_module() -> None:
    for arguments in (["--version"], ["--help"], ["no-such-command"]):
        loaded = _imported_by(*arguments)
        heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY or m.startswith(HEAVY))
        assert not heavy, (arguments, heavy[:10])


def test_a_command_still_runs_with_its_modules() -> None:
    loaded = _imported_by("stories", "--help")
    assert "newsprism.cli.stories" in loaded


def test_each_help_line_says_what_its_command_says() -> None:
    context = click.Context(cli)
    for name, (_, _, line) in COMMANDS.items():
        command = cli.get_command(context, name)
        assert command is not None and command.name == name
        first = inspect.cleandoc(command.help or "").split("\n\n")[0].replace("\n", " ")
        assert line == first, name
