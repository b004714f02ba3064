"""The test corpus: generated stories as a WARC (with copies, near-copies and bad records)
plus a JSONL file with bad lines; written once per test session."""

from __future__ import annotations

import json
from pathlib import Path

from bench.news_corpus import corpus, html_page

from tests.helpers import make_warc


def write_inputs(folder: Path, records: list[dict[str, object]], name: str) -> list[str]:
    """A WARC of the records' pages with bad records among them, and a JSONL with the last
    few records and some bad lines; returns the paths in the order to ingest them."""
    folder.mkdir(parents=True, exist_ok=True)
    pages: list[tuple[str, bytes, str]] = []
    for index, record in enumerate(records[:-6]):
        pages.append((str(record["url"]), html_page(record), "text/html; charset=utf-8"))
        if index == 5:
            pages.append(
                ("https://www.tagesblatt.example/leer", b"<html><body></body></html>", "text/html")
            )
        if index == 9:
            pages.append(("https://www.tagesblatt.example/logo.png", b"\x89PNG\r\n", "image/png"))
        if index == 20:
            pages.append(
                (
                    "https://www.abendpost.example/nur-navi",
                    b"<html><body><nav>Start</nav></body></html>",
                    "text/html",
                )
            )
    warc = make_warc(folder / f"{name}.warc.gz", pages)
    lines = [
        json.dumps({k: v for k, v in r.items() if k not in ("story", "made")}, ensure_ascii=False)
        for r in records[-6:]
    ]
    lines.insert(2, "{kaputt")
    lines.insert(4, json.dumps({"title": "ohne Text", "url": "https://x.example/1"}))
    jsonl = folder / f"{name}.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(warc), str(jsonl)]


def story_records(seed: int = 11) -> list[dict[str, object]]:
    return corpus(stories=12, articles_per_story=(10, 26), seed=seed)
