"""Time to compare one story of 20 articles (analysis included), one core.

    python bench/compare_speed.py [--articles 20] [--repeat 5]

Articles: the example corpus, repeated with small edits to reach the count (so they share facts
like a real story's articles do). Prints one JSON object: seconds per comparison (median),
facts, quote rows.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.analyse.pipeline import default_pipeline
from newsprism.cli.demo import examples_path
from newsprism.compare.story import compare_articles
from newsprism.model.article import Article
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    store = MemoryStore()
    ingest([str(examples_path())], store, IngestOptions(analyse=False, cluster=False))
    bridge = [
        a for a in store.articles() if "Lindenbrücke" in a.text or "Brücke" in (a.title or "")
    ]
    articles: list[Article] = []
    while len(articles) < arguments.articles:
        source = bridge[len(articles) % len(bridge)]
        edited = source.text.replace("Dienstag", "Mittwoch") + f"\nNachtrag {len(articles)}."
        articles.append(
            Article.from_text(edited, outlet=f"outlet{len(articles)}.de", title=source.title)
        )
    default_pipeline().analyse("Warm-up.", "de")
    timings = []
    result = None
    for _ in range(arguments.repeat):
        started = time.perf_counter()
        result = compare_articles(articles)
        timings.append(time.perf_counter() - started)
    assert result is not None
    print(
        json.dumps(
            {
                "articles": len(articles),
                "seconds_median": round(statistics.median(timings), 3),
                "seconds_all": [round(t, 3) for t in timings],
                "facts": len(result.comparison.facts),
                "quote_rows": len(result.quote_rows),
            }
        )
    )


if __name__ == "__main__":
    main()
