"""The sentence encoder's cost (USE multilingual v3, analyse/encoder.py), one BLAS thread.

    python bench/encoder.py [--articles 300] [--sentences 1000] [--repeats 3]
    python bench/encoder.py --pairs ../shared/data/semeval2022-task8-hfl-sample/training_set.csv

Prints JSON lines:
- load: seconds to load the model (once per process);
- throughput: ~25-word sentences and article leads of 300/600/1200 characters, as texts/s and
  SentencePiece tokens/s per core (CPU seconds of this process, so other work on the machine
  slows the wall clock more than these), the tokenizer's share (pure Python), and the ratio to
  the arithmetic limit: 3.4 MFLOP per token at ~80 GFLOP/s per core = 24k tokens/s;
- ingest: `ingest` with analysis and stories of the same articles (JSONL, fresh SQLite
  database), without a per-article vector and with `LeadEmbedder` at each lead length;
- story: encoding and caching every sentence of a 20-article story in a fresh database (cold),
  then the same again (warm, all from the cache).

With --pairs (SemEval-2022 Task 8 CSV) it measures quality instead: `eval pairs` (de-de, de-en)
without vectors and with `LeadEmbedder` at leads of 150/300/600/1200 characters, with the
clusterer's settings in `CLUSTERERS`: the cosine as it is, the floor (the embedding's part of
the score is (cosine - floor) / (1 - floor), so that the 0.2-0.3 cosine of unrelated news
texts counts against a story instead of for it), and the floor with the stories nearest by
meaning as candidates (the default).

Text: German Wikinews articles from ../shared/data/spkatt2023 (read for timing only, never
stored), about 500 words each; without that data, the example corpus. Throughput is the best of
`--repeats` runs (the machine is shared; the best run is the least disturbed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.analysis_throughput import texts as wikinews_texts
from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.encoder import SentenceEncoder, encode_cached
from newsprism.cluster.embeddings import Embedder, LeadEmbedder, embedding_text
from newsprism.cluster.online import OnlineClusterer
from newsprism.eval.clustering import evaluate_pairs, read_pairs
from newsprism.model.article import Article
from newsprism.run import IngestOptions, ingest
from newsprism.store import SQLiteStore

TOKEN_LIMIT = 24_000  # tokens/s per core: 3.4 MFLOP per token at ~80 GFLOP/s
LEADS = (300, 600, 1200)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def timed(work: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Best (CPU seconds, wall seconds) of `repeats` runs."""
    best_cpu = best_wall = float("inf")
    for _ in range(repeats):
        cpu, wall = time.process_time(), time.perf_counter()
        work()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall


def sentences_of(articles: Sequence[str], count: int) -> list[str]:
    """Sentences of 20 to 30 words (25 on average), in text order."""
    found = [
        sentence
        for text in articles
        for sentence in _SENTENCE_END.split(" ".join(text.split()))
        if 20 <= len(sentence.split()) <= 30
    ]
    return (found * (count // max(len(found), 1) + 1))[:count]


def throughput(encoder: SentenceEncoder, label: str, batch: list[str], repeats: int) -> None:
    tokenizer = encoder.model_._tokenizer  # the package's own, to count what the model reads
    pieces = [tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True) for text in batch]
    tokens = sum(len(piece) for piece in pieces)
    tokenize_cpu, _ = timed(
        lambda: [tokenizer.encode(t, out_type=int, add_bos=True, add_eos=True) for t in batch],
        repeats,
    )
    cpu, wall = timed(lambda: encoder.encode(batch), repeats)
    report(
        kind="throughput",
        texts=label,
        count=len(batch),
        tokens_per_text=round(tokens / len(batch), 1),
        texts_per_cpu_second=round(len(batch) / cpu, 1),
        tokens_per_cpu_second=round(tokens / cpu),
        ratio_to_limit=round(tokens / cpu / TOKEN_LIMIT, 3),
        tokenizer_share=round(tokenize_cpu / cpu, 3),
        wall_seconds=round(wall, 3),
        cpu_seconds=round(cpu, 3),
    )


def ingest_run(folder: Path, source: Path, label: str, embedder: Embedder | None) -> None:
    store = SQLiteStore(folder / f"{label}.db")
    cpu, wall = time.process_time(), time.perf_counter()
    result = ingest([str(source)], store, IngestOptions(embedder=embedder))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    store.close()
    report(
        kind="ingest",
        vector=label,
        articles=result.ingested,
        articles_per_cpu_second=round(result.ingested / cpu, 1),
        ms_per_article=round(1000 * cpu / result.ingested, 2),
        wall_seconds=round(wall, 2),
    )


def story_cache(encoder: SentenceEncoder, folder: Path, articles: Sequence[str]) -> None:
    documents = analyse_articles([Article.from_text(text, language="de") for text in articles])
    sentences = [
        document.text[document.tokens[start].start : document.tokens[end - 1].end]
        for document, _ in documents
        for start, end in document.sentence_bounds
    ]
    store = SQLiteStore(folder / "story.db")
    timings = {}
    for run in ("cold", "warm"):
        started = time.perf_counter()
        encode_cached(store, sentences, encoder)
        timings[run] = round(time.perf_counter() - started, 3)
    store.close()
    report(
        kind="story",
        articles=len(articles),
        sentences=len(sentences),
        distinct=len(set(sentences)),
        seconds=timings,
        stored_kib=len(set(sentences)),  # one float16 vector (1 KiB) per distinct sentence
    )


def pair_cosines(path: Path, encoder: SentenceEncoder) -> None:
    """Mean cosine of the same-story and of the different-story pairs, by lead length."""
    for languages in ("de-de", "de-en"):
        pairs, texts = read_pairs(path, [(languages[:2], languages[3:])])
        keys = list(texts)
        for chars in (150, *LEADS):
            embedder = LeadEmbedder(encoder, lead_chars=chars)
            rows = embedder.encode([embedding_text(None, texts[key][1]) for key in keys])
            vector = dict(zip(keys, rows, strict=True))
            cosines: dict[str, list[float]] = {"same": [], "different": []}
            for pair in pairs:
                if 1.5 < pair.overall < 3.5:
                    continue
                side = "same" if pair.overall <= 1.5 else "different"
                cosines[side].append(float(vector[pair.first] @ vector[pair.second]))
            report(
                kind="pair cosines",
                languages=languages,
                lead_chars=chars,
                **{side: round(float(np.mean(values)), 3) for side, values in cosines.items()},
            )


# The clusterer's settings compared: the article vector as it first entered the score
# (cosine counted as it is, candidates from shared keys only), with the floor alone, and as
# it is now (the floor and the stories nearest by meaning as candidates too).
CLUSTERERS: dict[str, dict[str, Any]] = {
    "cosine, keys only": {"embedding_floor": 0.0, "embedding_candidates": 0},
    "floor 0.35, keys only": {"embedding_candidates": 0},
    "floor 0.35 + nearest (default)": {},
}


def pairs_quality(path: Path, encoder: SentenceEncoder) -> None:
    pair_cosines(path, encoder)
    setups: list[tuple[str, int | None, dict[str, Any]]] = [("none", None, {})]
    for chars in (150, *LEADS):
        setups.extend((name, chars, settings) for name, settings in CLUSTERERS.items())
    for clusterer, lead, settings in setups:
        for languages in ("de-de", "de-en"):
            embedder = LeadEmbedder(encoder, lead_chars=lead) if lead else None
            first, second = languages.split("-")
            result: Any = evaluate_pairs(
                path,
                [(first, second)],
                make_clusterer=lambda s=settings: OnlineClusterer(**s),  # type: ignore[misc]
                embedder=embedder,
            )
            same = result["same_story"]
            report(
                kind="pairs",
                languages=languages,
                lead_chars=lead,
                clusterer=clusterer,
                pearson=result["pearson"],
                same_story=[same["precision"], same["recall"], same["f1"]],
                stories=result["predicted_clusters"],
                texts=result["texts"],
            )


def report(**values: object) -> None:
    print(json.dumps(values, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--pairs", type=Path, help="SemEval-2022 Task 8 CSV: quality instead")
    args = parser.parse_args()
    report(kind="machine", load_average=[round(x, 2) for x in os.getloadavg()])
    cpu, wall = time.process_time(), time.perf_counter()
    encoder = SentenceEncoder(threads=1).load()
    if args.pairs:
        pairs_quality(args.pairs, encoder)
        return
    report(
        kind="load",
        cpu_seconds=round(time.process_time() - cpu, 2),
        wall_seconds=round(time.perf_counter() - wall, 2),
    )
    articles = wikinews_texts(args.articles)
    throughput(
        encoder, "sentences of ~25 words", sentences_of(articles, args.sentences), args.repeats
    )
    for chars in LEADS:
        leads = [" ".join(text.split())[:chars] for text in articles]
        throughput(encoder, f"leads of {chars} characters", leads, args.repeats)
    for chars in LEADS:
        embedder = LeadEmbedder(encoder, lead_chars=chars)
        batch = [embedding_text(None, text) for text in articles]
        cpu, _ = timed(lambda e=embedder, b=batch: e.encode(b), args.repeats)  # type: ignore[misc]
        report(
            kind="article vector",
            lead_chars=chars,
            ms_per_article=round(1000 * cpu / len(batch), 2),
        )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.skip_ingest:
            source = folder / "articles.jsonl"
            with source.open("w", encoding="utf-8") as handle:
                for number, text in enumerate(articles):
                    record = {"maintext": text, "source_domain": f"outlet{number % 7}.de"}
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            # A first run loads the analysis models; it is not counted.
            warm_up = folder / "warm-up.jsonl"
            warm_up.write_text("".join(source.read_text().splitlines(True)[:20]), "utf-8")
            ingest([str(warm_up)], SQLiteStore(folder / "warm-up.db"), IngestOptions())
            ingest_run(folder, source, "none", None)
            for chars in LEADS:
                ingest_run(folder, source, f"lead {chars}", LeadEmbedder(encoder, lead_chars=chars))
        story_cache(encoder, folder, articles[:20])
    report(kind="machine", load_average=[round(x, 2) for x in os.getloadavg()])


if __name__ == "__main__":
    main()
