"""Exports: every table newsprism holds, as JSONL, CSV (optionally for Excel) or Parquet.

Tables (`TABLES`): `articles` (news-please field names, the codec of `newsprism.ingest.newsplease`),
`stories`, `memberships` (which article is in which story), `quotes` (with speaker, cue and kind:
only `direct` quotes are `verbatim`; indirect speech is reported, never a quotation), `entities`,
and from each story's comparison `facts` (with the outlets reporting each), `omissions` and
`discrepancies`. A `Selection` narrows all of them to one story, a time span or an outlet.
Times are ISO 8601 with their offset. All writers stream row by row (Parquet in chunks).

CSV for Excel (`excel=True`): UTF-8 with a byte-order mark (so that umlauts open right),
`;` between fields (Excel's separator in German locales), CRLF line ends, and a cell that
starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so that Excel never runs
article text as a formula.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsprism.compare.stored import compare_stored, current_comparison
from newsprism.errors import ConfigError, NotFound
from newsprism.ingest.newsplease import ARROW_SCHEMA, FIELDS, newsplease_record, newsplease_values
from newsprism.model import Article
from newsprism.model.comparison import Comparison
from newsprism.model.story import Story
from newsprism.store.base import Store

FORMATS = ("jsonl", "csv", "parquet")
EXTENSIONS = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}

Row = dict[str, Any]
_TEXT, _INT, _FLOAT, _BOOL, _LIST = pa.string(), pa.int64(), pa.float64(), pa.bool_(), None

# table -> columns (name, Parquet type; None: a list of strings)
COLUMNS: dict[str, tuple[tuple[str, pa.DataType | None], ...]] = {
    "stories": (
        ("story_id", _TEXT),
        ("label", _TEXT),
        ("first_seen", _TEXT),
        ("last_seen", _TEXT),
        ("articles", _INT),
        ("outlets", _LIST),
        ("keywords", _LIST),
        ("entities", _LIST),
    ),
    "memberships": (
        ("story_id", _TEXT),
        ("article_id", _TEXT),
        ("outlet", _TEXT),
        ("published", _TEXT),
        ("title", _TEXT),
        ("score", _FLOAT),
    ),
    "quotes": (
        ("article_id", _TEXT),
        ("story_id", _TEXT),
        ("outlet", _TEXT),
        ("kind", _TEXT),
        ("verbatim", _BOOL),
        ("speaker", _TEXT),
        ("speaker_role", _TEXT),
        ("speaker_unclear", _BOOL),
        ("cue", _TEXT),
        ("text", _TEXT),
        ("start", _INT),
        ("end", _INT),
        ("confidence", _FLOAT),
    ),
    "entities": (
        ("article_id", _TEXT),
        ("story_id", _TEXT),
        ("outlet", _TEXT),
        ("label", _TEXT),
        ("canonical", _TEXT),
        ("role", _TEXT),
        ("text", _TEXT),
        ("start", _INT),
        ("end", _INT),
    ),
    "facts": (
        ("story_id", _TEXT),
        ("fact", _INT),
        ("outlets", _LIST),
        ("outlet_count", _INT),
        ("voices", _INT),
        ("role", _TEXT),
        ("speaker", _TEXT),
        ("text", _TEXT),
        ("article_id", _TEXT),
        ("discrepancies", _INT),
    ),
    "omissions": (
        ("story_id", _TEXT),
        ("outlet", _TEXT),
        ("fact", _INT),
        ("status", _TEXT),
        ("fact_text", _TEXT),
        ("closest_article_id", _TEXT),
        ("closest_text", _TEXT),
        ("closest_score", _FLOAT),
    ),
    "discrepancies": (
        ("story_id", _TEXT),
        ("fact", _INT),
        ("field", _TEXT),
        ("value", _TEXT),
        ("outlets", _LIST),
        ("text", _TEXT),
        ("article_id", _TEXT),
    ),
}
TABLES = ("articles", *COLUMNS)


@dataclass(frozen=True, slots=True)
class Selection:
    """What to export: one story (its current id), articles of one outlet, and a time span
    [since, until) on each article's publication time (its fetch or ingest time if undated)."""

    story: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None

    def keeps(self, article: Article) -> bool:
        if self.outlet is not None and article.outlet != self.outlet:
            return False
        moment = article.published or article.fetched or article.ingested_at
        if self.since is not None and (moment is None or moment < self.since):
            return False
        return not (self.until is not None and (moment is None or moment >= self.until))


class ExportSource:
    """The selected rows of each table, read from a store."""

    def __init__(self, store: Store, selection: Selection | None = None) -> None:
        self.store = store
        self.selection = selection or Selection()
        self._story_of: dict[str, str | None] = {}
        if self.selection.story is not None:
            try:
                story = store.resolve_story_id(self.selection.story)
            except NotFound as error:
                raise ConfigError(f"--story {self.selection.story}: no such story") from error
            self.selection = replace(self.selection, story=story)

    # -- articles and stories ----------------------------------------------------------------
    def articles(self) -> Iterator[Article]:
        story = self.selection.story
        if story is not None:
            members = self.store.story_articles(story)
            chosen: Iterable[Article] = (self.store.article(m.article_id) for m in members)
        else:
            chosen = self.store.articles(outlet=self.selection.outlet)
        for article in chosen:
            if self.selection.keeps(article):
                yield article

    def story_of(self, article_id: str) -> str | None:
        if article_id not in self._story_of:
            self._story_of[article_id] = self.store.story_of(article_id)
        return self._story_of[article_id]

    def stories(self) -> Iterator[tuple[Story, list[Article]]]:
        """Each selected story with its selected articles (a story with none is left out)."""
        if self.selection.story is not None:
            ids: Iterable[str] = [self.selection.story]
        else:
            ids = [story.id for story in self.store.stories()]
        for story_id in ids:
            story = self.store.story(story_id)
            members = [
                self.store.article(m.article_id) for m in self.store.story_articles(story_id)
            ]
            kept = [article for article in members if self.selection.keeps(article)]
            if kept:
                yield story, kept

    def comparisons(self) -> Iterator[tuple[Comparison, dict[str, str]]]:
        """Each selected story's comparison (stored, or made now) and its articles' texts."""
        for story, _ in self.stories():
            articles = [
                self.store.article(m.article_id) for m in self.store.story_articles(story.id)
            ]
            if len(articles) < 2:
                continue
            comparison = current_comparison(self.store, story.id, articles)
            if comparison is None:
                comparison = compare_stored(self.store, articles, story.id).comparison
            yield comparison, {article.id: article.text for article in articles}

    # -- tables ------------------------------------------------------------------------------
    def rows(self, table: str) -> Iterator[Row]:
        builders: dict[str, Callable[[], Iterator[Row]]] = {
            "stories": self._stories,
            "memberships": self._memberships,
            "quotes": self._quotes,
            "entities": self._entities,
            "facts": self._facts,
            "omissions": self._omissions,
            "discrepancies": self._discrepancies,
        }
        if table not in builders:
            raise ConfigError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
        return builders[table]()

    def _stories(self) -> Iterator[Row]:
        for story, articles in self.stories():
            yield {
                "story_id": story.id,
                "label": story.label,
                "first_seen": _iso(story.first_seen),
                "last_seen": _iso(story.last_seen),
                "articles": len(articles),
                "outlets": sorted({a.outlet for a in articles if a.outlet}),
                "keywords": list(story.keywords),
                "entities": list(story.entities),
            }

    def _memberships(self) -> Iterator[Row]:
        for story, articles in self.stories():
            kept = {article.id for article in articles}
            for member in self.store.story_articles(story.id):
                if member.article_id in kept:
                    yield {
                        "story_id": story.id,
                        "article_id": member.article_id,
                        "outlet": member.outlet,
                        "published": _iso(member.published),
                        "title": member.title,
                        "score": member.score,
                    }

    def _quotes(self) -> Iterator[Row]:
        for article in self.articles():
            annotations = self.store.annotations(article.id)
            for quote in annotations.quotes if annotations else ():
                speaker = quote.speaker
                yield {
                    "article_id": article.id,
                    "story_id": self.story_of(article.id),
                    "outlet": article.outlet,
                    "kind": quote.kind.value,
                    "verbatim": quote.kind.value == "direct",
                    "speaker": (speaker.canonical or speaker.text_of(article.text))
                    if speaker
                    else None,
                    "speaker_role": speaker.role if speaker else None,
                    "speaker_unclear": speaker is None,
                    "cue": quote.cue.text_of(article.text) if quote.cue else None,
                    "text": quote.text_of(article.text),
                    "start": quote.start,
                    "end": quote.end,
                    "confidence": quote.confidence,
                }

    def _entities(self) -> Iterator[Row]:
        for article in self.articles():
            annotations = self.store.annotations(article.id)
            for entity in annotations.entities if annotations else ():
                yield {
                    "article_id": article.id,
                    "story_id": self.story_of(article.id),
                    "outlet": article.outlet,
                    "label": entity.label.value,
                    "canonical": entity.canonical,
                    "role": entity.role,
                    "text": entity.text_of(article.text),
                    "start": entity.start,
                    "end": entity.end,
                }

    def _facts(self) -> Iterator[Row]:
        for comparison, texts in self.comparisons():
            for number, fact in enumerate(comparison.facts):
                first = fact.members[0]
                yield {
                    "story_id": comparison.story_id,
                    "fact": number,
                    "outlets": sorted(fact.outlets),
                    "outlet_count": len(fact.outlets),
                    "voices": len(fact.voices),
                    "role": first.role,
                    "speaker": first.speaker,
                    "text": first.span.text_of(texts[first.article_id]),
                    "article_id": first.article_id,
                    "discrepancies": len(fact.discrepancies),
                }

    def _omissions(self) -> Iterator[Row]:
        for comparison, texts in self.comparisons():
            for outlet, omissions in comparison.omissions.items():
                for omission in omissions:
                    first = comparison.facts[omission.fact].members[0]
                    closest = omission.closest
                    yield {
                        "story_id": comparison.story_id,
                        "outlet": outlet,
                        "fact": omission.fact,
                        "status": omission.status.value,
                        "fact_text": first.span.text_of(texts[first.article_id]),
                        "closest_article_id": closest.article_id if closest else None,
                        "closest_text": closest.span.text_of(texts[closest.article_id])
                        if closest
                        else None,
                        "closest_score": closest.score if closest else None,
                    }

    def _discrepancies(self) -> Iterator[Row]:
        for comparison, texts in self.comparisons():
            for number, fact in enumerate(comparison.facts):
                for discrepancy in fact.discrepancies:
                    for value in discrepancy.values:
                        members = [fact.members[s.member] for s in value.stated]
                        first = value.stated[0] if value.stated else None
                        yield {
                            "story_id": comparison.story_id,
                            "fact": number,
                            "field": discrepancy.field,
                            "value": value.value,
                            "outlets": list(dict.fromkeys(m.outlet for m in members)),
                            "text": first.span.text_of(texts[members[0].article_id])
                            if first
                            else None,
                            "article_id": members[0].article_id if members else None,
                        }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


# -- writers -------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any, excel: bool) -> Any:
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    if excel and isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_writer(out: IO[str], fields: Sequence[str], excel: bool) -> csv.DictWriter[str]:
    if excel:
        out.write("\ufeff")
        return csv.DictWriter(out, fieldnames=fields, delimiter=";", lineterminator="\r\n")
    return csv.DictWriter(out, fieldnames=fields, quoting=csv.QUOTE_MINIMAL)


def write_rows(rows: Iterable[Row], table: str, fmt: str, out: IO[str], excel: bool = False) -> int:
    """JSONL or CSV of one table's rows (`COLUMNS[table]`)."""
    fields = [name for name, _ in COLUMNS[table]]
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = _csv_writer(out, fields, excel)
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _csv_cell(row.get(name), excel) for name in fields})
        count += 1
    return count


def write_rows_parquet(rows: Iterable[Row], table: str, path: Path, batch_size: int = 5000) -> int:
    schema = pa.schema(
        [(name, pa.list_(pa.string()) if kind is None else kind) for name, kind in COLUMNS[table]]
    )
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        for chunk in _chunks(rows, batch_size):
            columns = {name: [row.get(name) for row in chunk] for name in schema.names}
            writer.write_table(pa.table(columns, schema=schema))
            count += len(chunk)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    count = 0
    for article in articles:
        out.write(json.dumps(newsplease_record(article), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(articles: Iterable[Article], out: IO[str], excel: bool = False) -> int:
    writer = _csv_writer(out, FIELDS, excel)
    writer.writeheader()
    count = 0
    for article in articles:
        record = newsplease_record(article)
        writer.writerow({name: _csv_cell(value, excel) for name, value in record.items()})
        count += 1
    return count


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def write_parquet(articles: Iterable[Article], path: Path, batch_size: int = 5000) -> int:
    count = 0
    with pq.ParquetWriter(str(path), ARROW_SCHEMA, compression="zstd") as writer:
        for chunk in _chunks(articles, batch_size):
            rows = [newsplease_values(article) for article in chunk]
            columns = {name: [row[i] for row in rows] for i, name in enumerate(FIELDS)}
            writer.write_table(pa.table(columns, schema=ARROW_SCHEMA))
            count += len(chunk)
    return count


def export(
    articles: Iterable[Article], fmt: str, out: IO[str] | Path, *, excel: bool = False
) -> int:
    """Write `articles` in `fmt`; Parquet needs a path, the text formats a path or a stream."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ConfigError("parquet export needs a file: pass --output FILE.parquet")
        return write_parquet(articles, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return export(articles, fmt, handle, excel=excel)
    return write_jsonl(articles, out) if fmt == "jsonl" else write_csv(articles, out, excel)


def export_table(
    source: ExportSource, table: str, fmt: str, out: IO[str] | Path, *, excel: bool = False
) -> int:
    """Write one table of `source` in `fmt` to a stream or a file; the number of rows."""
    if table == "articles":
        return export(source.articles(), fmt, out, excel=excel)
    rows = source.rows(table)
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ConfigError("parquet export needs a file: pass --output FILE.parquet")
        return write_rows_parquet(rows, table, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return write_rows(rows, table, fmt, handle, excel)
    return write_rows(rows, table, fmt, out, excel)


def export_all(
    source: ExportSource, fmt: str, folder: Path, *, excel: bool = False
) -> dict[str, int]:
    """Every table into `folder` (made if missing), as `TABLE.jsonl|csv|parquet`."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        table: export_table(source, table, fmt, folder / f"{table}{EXTENSIONS[fmt]}", excel=excel)
        for table in TABLES
    }
