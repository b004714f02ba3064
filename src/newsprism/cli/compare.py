"""`newsprism compare FILE...`: analyse articles now, with no database, and show what each says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from newsprism.cli.comparison import html_option, print_comparison
from newsprism.cli.context import (
    Settings,
    common_options,
    json_option,
    pass_settings,
    print_json,
    url_fetcher,
)
from newsprism.cli.spans import print_annotations
from newsprism.compare.story import compare_articles
from newsprism.errors import ConfigError, RejectReason
from newsprism.ingest.newsplease import newsplease_record
from newsprism.model import Reject
from newsprism.present.comparison_json import comparison_record
from newsprism.present.report import comparison_html
from newsprism.present.spans import annotations_record
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore


@click.command("compare")
@click.argument("paths", nargs=-1, required=True)
@click.option("--outlet", default=None, help="Outlet name for all these inputs.")
@html_option
@json_option
@common_options
@pass_settings
def compare_command(
    settings: Settings,
    paths: tuple[str, ...],
    outlet: str | None,
    html_out: Path | None,
    as_json: bool,
) -> None:
    """Analyse these files or http(s) URLs in memory: each article's entities and quotes, then
    the comparison — facts by outlet, the facts only one outlet reports, omissions, quotes by
    speaker, entities.

    Exit status: 0 when every input was read, 1 when anything was rejected.
    """
    store = MemoryStore()
    with url_fetcher(paths) as fetcher:
        report = ingest(paths, store, IngestOptions(outlet=outlet, cluster=False, fetcher=fetcher))
    articles = sorted(
        store.articles(), key=lambda a: (a.outlet or "", a.published is None, a.published)
    )
    result = compare_articles(articles) if len(articles) >= 2 else None
    # An article the comparison had to leave out is reported like a rejected file.
    left_out = [
        Reject(
            store.article(failure.subject).source_path or failure.subject,
            RejectReason.ANALYSIS_FAILED,
            f"left out of the comparison: stage {failure.stage!r} failed: {failure.reason}",
            article_id=failure.subject,
        )
        for failure in (result.failed if result else ())
    ]
    rejects = [*report.rejects, *left_out]
    if html_out is not None:
        if result is None:
            raise ConfigError("an HTML report needs at least two articles to compare")
        html_out.write_text(comparison_html(result.comparison, articles), encoding="utf-8")
    if as_json:
        records: list[dict[str, Any]] = []
        for article in articles:
            record = newsplease_record(article)
            record["annotations"] = annotations_record(article.text, store.annotations(article.id))
            records.append(record)
        print_json(
            {
                "comparison": comparison_record(result.comparison, articles) if result else None,
                "articles": records,
                "rejects": [
                    {"source": r.source, "reason": r.reason.value, "detail": r.detail}
                    for r in rejects
                ],
            }
        )
    else:
        out = settings.out
        # What could not be read comes first: read after the whole comparison, it is missed.
        for reject in rejects:
            settings.err.print(
                escape(f"rejected {reject.source}: {reject.reason.value}: {reject.detail}")
            )
        for article in articles:
            title = article.title or article.text.split("\n", 1)[0][:80]
            out.rule(f"[bold]{escape(article.outlet or '?')}[/bold] · {escape(title)}")
            print_annotations(out, article.text, store.annotations(article.id))
        if result is not None:
            print_comparison(out, result.comparison, articles)
        else:
            settings.err.print(
                f"newsprism: {len(articles)} article(s) read: a comparison needs two or more "
                "(give each outlet's article as its own file)"
            )
        outlets = {a.outlet for a in articles}
        if result is not None and len(outlets) < len(articles):
            settings.err.print(
                "newsprism: several articles share an outlet"
                + (" (--outlet names them all)" if outlet else "")
                + ": an outlet is one column, and its articles count as one voice"
            )
    raise SystemExit(1 if rejects else 0)
