"""A story's comparison in an 80-column terminal: no line wider, no cell wrapped word by word,
outlets lettered with a legend, cut facts marked with "…"."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from newsprism.cli.comparison import print_comparison
from newsprism.compare.story import compare_articles
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore
from tests.present.test_export_tables import ARTICLES


def test_comparison_fits_80_columns(tmp_path: Path) -> None:
    for name in ("bote.txt", "kurier.txt", "zeitung.txt"):
        (tmp_path / name).write_text(ARTICLES[name], encoding="utf-8")
    store = MemoryStore()
    ingest([str(tmp_path)], store, IngestOptions(cluster=False))
    articles = sorted(store.articles(), key=lambda a: a.outlet or "")
    comparison = compare_articles(articles).comparison
    out = io.StringIO()
    print_comparison(Console(file=out, width=80, color_system=None), comparison, articles)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert "  A = bote-musterhausen.de" in lines
    header = next(line for line in lines if "fact (first wording)" in line)
    assert header.split()[-3:] == ["A", "B", "C"]
    # every fact is one line: its number, its wording (cut with "…" if long), its marks
    start = lines.index(header) + 1
    for number in range(len(comparison.facts)):
        assert lines[start + number].split()[0] == str(number)
    assert any("…" in line for line in lines)
