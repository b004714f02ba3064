from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsprism.compare.story import compare_articles
from newsprism.model.article import Article
from newsprism.present.report import comparison_html
from tests.helpers import run_cli

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_report_escapes_article_text_and_has_no_scripts() -> None:
    articles = [
        Article.from_text(
            f"Die Stadt sperrt die Brücke. {HOSTILE} „Wir haben keine Wahl“, sagte Anna Wagner.",
            outlet="a.de",
            title=f"Brücke {HOSTILE}",
        ),
        Article.from_text(
            "Die Stadt sperrt die Brücke wegen Rissen. Anna Wagner sagte, man habe keine Wahl.",
            outlet="b.de",
            title="Brücke gesperrt",
        ),
    ]
    report = comparison_html(compare_articles(articles).comparison, articles, title=HOSTILE)
    parser = _Tags()
    parser.feed(report)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert "&lt;script&gt;" in report
    assert 'class="fact fact-' in report  # a fact both outlets report is marked alike


@pytest.mark.slow
def test_compare_writes_the_html_report(tmp_path: Path, examples: Path) -> None:
    out = tmp_path / "report.html"
    result = run_cli(
        "compare",
        str(examples / "zpa.de"),
        str(examples / "rheinische-rundschau.de"),
        "--html",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    report = out.read_text(encoding="utf-8")
    assert report.startswith("<!DOCTYPE html>") and "Wire copies" in report
    assert "zpa.de" in report and "rheinische-rundschau.de" in report
