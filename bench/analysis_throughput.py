"""Analysis speed on ~500-word German news articles, one core: articles/s, per stage, memory.

Everything ingest's analysis runs: the pipeline's stages and the article kind.

    python bench/analysis_throughput.py [--articles 1000] [--batch 50]

Text: German Wikinews articles from ../shared/data/spkatt2023 (read for timing only, never
stored), joined in pairs to reach about 500 words; without that data, the example corpus.
Prints one JSON object: model load seconds, articles/s, tokens/s, seconds per stage, peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.analyse.document import Document
from newsprism.analyse.kind import decide_kind
from newsprism.analyse.stages import default_stages

SHARED = Path(
    os.environ.get("NEWSPRISM_SHARED_DATA", Path(__file__).parents[2] / "shared" / "data")
)


def texts(count: int) -> list[str]:
    folder = SHARED / "spkatt2023" / "news_wikinews_2024" / "train"
    sources: list[str] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            sources.append(json.loads(path.read_text(encoding="utf-8"))["originalText"])
    else:
        examples = Path(__file__).parents[1] / "src" / "newsprism" / "examples"
        sources = [p.read_text(encoding="utf-8") for p in sorted(examples.rglob("*.txt"))]
    articles: list[str] = []
    index = 0
    while len(articles) < count:
        text = sources[index % len(sources)]
        while len(text.split()) < 500:
            index += 1
            text += "\n" + sources[index % len(sources)]
        articles.append(_cut(text, 500))
        index += 1
    return articles


def _cut(text: str, words: int) -> str:
    """The text up to the first sentence end after `words` words."""
    position = 0
    for _ in range(words):
        position = text.find(" ", position + 1)
        if position < 0:
            return text
    end = text.find(". ", position)
    return text if end < 0 else text[: end + 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=50)
    arguments = parser.parse_args()
    started = time.perf_counter()
    stages = default_stages()
    warm = [Document("Die Ministerin sagte, sie komme morgen.", "de")]
    for stage in stages:
        stage(warm)  # the first call maps the model files in
    decide_kind(warm[0], None, None)
    load_seconds = time.perf_counter() - started
    articles = texts(arguments.articles)
    # "kind" is what ingest runs after the stages (analyse/annotate.py): the article's kind
    # from its structure and voice, with the subjectivity scorer where it can still decide.
    per_stage = dict.fromkeys([*(stage.name for stage in stages), "kind"], 0.0)
    tokens = 0
    started = time.perf_counter()
    for first in range(0, len(articles), arguments.batch):
        batch = [Document(text, "de") for text in articles[first : first + arguments.batch]]
        for stage in stages:
            stage_started = time.perf_counter()
            stage(batch)
            per_stage[stage.name] += time.perf_counter() - stage_started
        stage_started = time.perf_counter()
        for document in batch:
            decide_kind(document, None, None)
        per_stage["kind"] += time.perf_counter() - stage_started
        tokens += sum(len(document.tokens) for document in batch)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "articles": len(articles),
                "words_per_article": round(sum(len(t.split()) for t in articles) / len(articles)),
                "model_load_seconds": round(load_seconds, 3),
                "seconds": round(seconds, 2),
                "articles_per_second": round(len(articles) / seconds, 1),
                "tokens_per_second": round(tokens / seconds),
                "seconds_per_stage": {name: round(value, 2) for name, value in per_stage.items()},
                "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
