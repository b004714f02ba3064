"""Metadata and body text of HTML pages against gold: title, publish time, authors, body F1.

    python bench/metadata.py [FOLDER ...] [--rounds 3] [--clutter] [--json] [--misses]

FOLDER (default tests/data/metadata) holds pages `NAME.html` (or `.htm`), each with its gold
`NAME.gold.json`:

    {"url": "https://…",                 # the page's address (outlet, URL date)
     "content_type": "text/html; …",     # optional: the HTTP header, as a WARC gives it
     "title": "…", "published": "2026-03-14T14:46:12+01:00" | null,
     "authors": ["…"], "text": "one paragraph per line"}
    {"url": "…", "reject": "not-an-article"}   # a page that must not become an article

Prints, for newsprism's extraction and for trafilatura's alone (`bare_extraction` with
metadata, the baseline): title exact, publish time exact (to the minute, with its offset),
authors exact (as a set), mean body token F1, rejects right; and the time both take on the
same pages, measured side by side (alternating, `--rounds` times), as a ratio.

`--clutter` wraps every page in the clutter of a real news site (a mega menu of 300 links,
60 teaser cards with their own dates, a long script, a footer of links: about 70 KB a
page), so that the time ratio is measured on pages of a realistic size and shape.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newsprism.errors import InputRejected
from newsprism.ingest.dates import parse_datetime
from newsprism.ingest.decoding import decode_html
from newsprism.ingest.html import extract_html
from newsprism.ingest.titles import TitleSuffixes

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "tests" / "data" / "metadata"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    raw: bytes
    gold: dict[str, Any]


@dataclass(slots=True)
class Score:
    pages: int = 0
    title: int = 0
    published: int = 0
    authors: int = 0
    body_f1: float = 0.0
    articles: int = 0  # gold articles (not rejects)
    rejects_right: int = 0
    rejects_gold: int = 0
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        n = max(self.articles, 1)
        return {
            "pages": self.pages,
            "articles": self.articles,
            "title_exact": round(self.title / n, 3),
            "published_exact": round(self.published / n, 3),
            "authors_exact": round(self.authors / n, 3),
            "body_token_f1": round(self.body_f1 / n, 3),
            "rejects_right": f"{self.rejects_right}/{self.rejects_gold}",
        }


def _clutter() -> tuple[bytes, bytes]:
    """ASCII only, so that it goes into a page in any ASCII-compatible encoding."""
    menu = "".join(
        f'<div class="menu-col"><h4>Rubrik {i}</h4><ul>'
        + "".join(
            f'<li><a href="/r{i}/s{j}">Unterrubrik {j} der Rubrik {i}</a></li>' for j in range(12)
        )
        + "</ul></div>"
        for i in range(25)
    )
    cards = "".join(
        f'<div class="teaser-card"><a href="/a/{k}"><img src="/i/{k}.jpg" alt="">'
        f'<span class="teaser-kicker">Region</span><h3>Eine andere Schlagzeile Nummer {k}</h3>'
        "<p>Ein kurzer Anreisser zu einer anderen Geschichte, mit ein paar Worten mehr.</p></a>"
        '<span class="date">12.03.2026</span></div>'
        for k in range(60)
    )
    links = "".join(f'<a href="/f{i}">Link {i}</a> ' for i in range(150))
    head = f'<script>{"var x=1;" * 3000}</script><nav class="mega-menu">{menu}</nav>'
    tail = f'<section class="related">{cards}</section><footer>{links}</footer>'
    return head.encode("ascii"), tail.encode("ascii")


def with_clutter(page: Page) -> Page:
    head, tail = _clutter()
    raw = re.sub(rb"(<body[^>]*>)", lambda m: m.group(1) + head, page.raw, count=1)
    raw = raw.replace(b"</body>", tail + b"</body>", 1)
    return Page(page.name, raw, page.gold)


def load_pages(folders: list[Path]) -> list[Page]:
    pages = []
    for folder in folders:
        for gold_path in sorted(folder.rglob("*.gold.json")):
            stem = gold_path.name.removesuffix(".gold.json")
            for suffix in (".html", ".htm"):
                page_path = gold_path.with_name(stem + suffix)
                if page_path.exists():
                    gold = json.loads(gold_path.read_text("utf-8"))
                    pages.append(Page(str(page_path), page_path.read_bytes(), gold))
                    break
    return pages


def token_f1(found: str, gold: str) -> float:
    found_tokens, gold_tokens = Counter(_TOKEN.findall(found)), Counter(_TOKEN.findall(gold))
    common = sum((found_tokens & gold_tokens).values())
    if not common:
        return 0.0
    precision = common / sum(found_tokens.values())
    recall = common / sum(gold_tokens.values())
    return 2 * precision * recall / (precision + recall)


def same_minute(found: datetime | None, gold: str | None) -> bool:
    expected = parse_datetime(gold) if gold else None
    if found is None or expected is None:
        return found is None and expected is None
    return (
        found.replace(second=0, microsecond=0) == expected.replace(second=0, microsecond=0)
        and found.utcoffset() == expected.utcoffset()
    )


def _count(score: Score, page: Page, fields: dict[str, Any] | None, problem: str | None) -> None:
    score.pages += 1
    gold = page.gold
    if "reject" in gold:
        score.rejects_gold += 1
        if fields is None:
            score.rejects_right += 1
        else:
            score.misses.append(f"{page.name}: taken as an article ({gold['reject']} expected)")
        return
    score.articles += 1
    if fields is None:
        score.misses.append(f"{page.name}: rejected ({problem})")
        return
    checks = {
        "title": fields["title"] == gold.get("title"),
        "published": same_minute(fields["published"], gold.get("published")),
        "authors": set(fields["authors"]) == set(gold.get("authors") or []),
    }
    for name, right in checks.items():
        if right:
            setattr(score, name, getattr(score, name) + 1)
        else:
            score.misses.append(f"{page.name}: {name} {fields[name]!r} != {gold.get(name)!r}")
    score.body_f1 += token_f1(fields["text"], gold.get("text") or "")


def run_newsprism(page: Page, suffixes: TitleSuffixes) -> tuple[dict[str, Any] | None, str | None]:
    try:
        found = extract_html(
            page.raw,
            page.name,
            url=page.gold.get("url"),
            content_type=page.gold.get("content_type"),
            suffixes=suffixes,
        )
    except InputRejected as rejected:
        return None, rejected.detail
    return {
        "title": found.title,
        "published": found.published,
        "authors": list(found.authors),
        "text": found.text,
    }, None


def run_trafilatura(page: Page) -> tuple[dict[str, Any] | None, str | None]:
    markup = decode_html(page.raw, page.name, page.gold.get("content_type"))
    document = trafilatura.bare_extraction(
        markup,
        url=page.gold.get("url"),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    if document is None:
        return None, "nothing extracted"
    fields = document.as_dict()
    author = fields.get("author") or ""
    return {
        "title": fields.get("title"),
        "published": parse_datetime(fields.get("date")),
        "authors": [a.strip() for a in author.split(";") if a.strip()],
        "text": fields.get("text") or "",
    }, None


def evaluate(pages: list[Page], rounds: int = 1) -> dict[str, Any]:
    """Scores of both paths, and their time side by side over `rounds` passes."""
    ours, baseline = Score(), Score()
    seconds = {"newsprism": 0.0, "trafilatura": 0.0}
    for round_number in range(rounds + 1):  # round 0 scores and warms up, untimed
        suffixes = TitleSuffixes()  # every round learns the outlets' suffixes afresh
        for index, page in enumerate(pages):
            order = ["newsprism", "trafilatura"]
            if (index + round_number) % 2:
                order.reverse()  # alternate, so neither always runs on a warmer cache
            results = {}
            for name in order:
                start = time.perf_counter()
                if name == "newsprism":
                    results[name] = run_newsprism(page, suffixes)
                else:
                    results[name] = run_trafilatura(page)
                if round_number:
                    seconds[name] += time.perf_counter() - start
            if round_number == 0:
                _count(ours, page, *results["newsprism"])
                _count(baseline, page, *results["trafilatura"])
    return {
        "newsprism": {**ours.as_dict(), "misses": ours.misses},
        "trafilatura": {**baseline.as_dict(), "misses": baseline.misses},
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "time_ratio": round(seconds["newsprism"] / max(seconds["trafilatura"], 1e-9), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[DEFAULT_FOLDER])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clutter", action="store_true", help="pages of a realistic size")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    pages = load_pages(args.folders)
    if not pages:
        parser.error("no pages with gold (NAME.html beside NAME.gold.json) in the folders")
    if args.clutter:
        pages = [with_clutter(page) for page in pages]
    result = evaluate(pages, rounds=args.rounds)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    size = sum(len(page.raw) for page in pages) // len(pages)
    print(f"{len(pages)} pages of {size // 1024} KiB on average; {args.rounds} rounds side by side")
    for name in ("newsprism", "trafilatura"):
        figures = {k: v for k, v in result[name].items() if k != "misses"}
        print(f"{name:12} " + "  ".join(f"{k}={v}" for k, v in figures.items()))
        if args.misses:
            for miss in result[name]["misses"]:
                print(f"    {miss}")
    print(
        f"time: newsprism {result['seconds']['newsprism']} s, trafilatura "
        f"{result['seconds']['trafilatura']} s, ratio {result['time_ratio']}"
    )


if __name__ == "__main__":
    main()
