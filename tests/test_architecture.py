"""The rules of the house that a reader of the code relies on, checked on every run.

The package follows the data flow: model ← ingest ← analyse ← dedup ← cluster ← compare, with
store beside the stages (it implements their interfaces), and run, present, cli, watch, eval and
jobs on top. No import cycle between subpackages, no module over 800 lines, no function over
100, and no import inside a function unless a comment says why (optional dependencies,
start-up time).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsprism"

# Lower layers never import higher ones. `errors` and `model` are the ground everyone stands on.
LAYERS: dict[str, int] = {
    "errors": 0,
    "model": 1,
    "ingest": 2,
    "analyse": 3,
    "dedup": 4,
    "cluster": 5,
    "compare": 6,
    "run": 7,
    "present": 8,
    "eval": 8,
    "watch": 8,
    "jobs": 8,
    "cli": 9,
    "__main__": 10,  # `python -m newsprism`: the command line, nothing else
}
# The store sits beside the stages: it may know what they store (model, the dedup index
# protocol), and the stages may use its interface; it imports no stage's logic.
STORE_MAY_IMPORT = {"errors", "model", "dedup"}
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 100


def _modules() -> Iterator[tuple[Path, str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        owner = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        yield path, owner, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _imports(tree: ast.AST) -> Iterator[tuple[ast.stmt, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node, node.module


def _subpackage_edges() -> dict[str, set[tuple[str, str]]]:
    """subpackage -> {(imported subpackage, importing file)}"""
    edges: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path, owner, tree in _modules():
        for _, module in _imports(tree):
            parts = module.split(".")
            if parts[0] == "newsprism" and len(parts) > 1 and parts[1] != owner:
                edges[owner].add((parts[1], str(path.relative_to(PACKAGE))))
    return edges


def test_every_subpackage_has_a_layer() -> None:
    owners = {owner for _, owner, _ in _modules()} - {"__init__", "store"}
    assert owners <= set(LAYERS), f"give these a layer: {sorted(owners - set(LAYERS))}"


def test_stages_import_no_later_stage() -> None:
    wrong = []
    for owner, targets in _subpackage_edges().items():
        for target, where in targets:
            if owner == "store":
                if target not in STORE_MAY_IMPORT:
                    wrong.append(f"{where} (store) imports {target}")
            elif target != "store" and LAYERS.get(target, 0) >= LAYERS.get(owner, 0):
                wrong.append(f"{where} ({owner}) imports {target}, a later or equal layer")
    assert wrong == []


def test_no_import_cycle_between_subpackages() -> None:
    graph = {owner: {t for t, _ in targets} for owner, targets in _subpackage_edges().items()}
    cycles = []
    for start in graph:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for following in graph.get(node, ()):
                if following == start:
                    cycles.append(" -> ".join([*path, start]))
                elif following not in path:
                    stack.append((following, [*path, following]))
    assert cycles == []


def test_no_module_over_800_lines() -> None:
    long = [
        f"{path.relative_to(PACKAGE)}: {lines}"
        for path, _, _ in _modules()
        if (lines := path.read_text(encoding="utf-8").count("\n")) > MAX_MODULE_LINES
    ]
    assert long == []


def test_no_function_over_100_lines() -> None:
    long = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}: {length}"
        for path, _, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES
    ]
    assert long == []


def _says_why(lines: list[str], statement: ast.stmt) -> bool:
    """A comment on the import's line, or above the block of imports it belongs to."""
    number = statement.lineno - 1
    if "#" in lines[number]:
        return True
    number -= 1
    while number >= 0:
        text = lines[number].strip()
        if text.startswith("#"):
            return True
        if text and not text.startswith(("import ", "from ")):
            return False
        number -= 1
    return False


def test_imports_inside_functions_say_why() -> None:
    silent = []
    for path, _, tree in _modules():
        lines = path.read_text(encoding="utf-8").split("\n")
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for statement, module in _imports(function):
                if not _says_why(lines, statement):
                    silent.append(f"{path.relative_to(PACKAGE)}:{statement.lineno} {module}")
    assert sorted(set(silent)) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    import json\n", False),
        ("def f():\n    # optional dependency\n    import json\n", True),
        ("def f():\n    import json  # start-up time\n", True),
        ("def f():\n    # why\n    import json\n\n    import csv\n", True),
        ("def f():\n    x = 1\n    import json\n", False),
    ],
)
def test_the_comment_rule_itself(source: str, expected: bool) -> None:
    tree = ast.parse(source)
    [(statement, _), *_] = sorted(_imports(tree), key=lambda pair: pair[0].lineno, reverse=True)
    assert _says_why(source.split("\n"), statement) is expected
