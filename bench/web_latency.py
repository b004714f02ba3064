"""Latency of the web app under load: stories page, story page and search, 10 clients.

    python bench/web_latency.py [--articles 100000] [--stories 10000] [--clients 10]
                                [--requests 400] [--db /tmp/newsprism-web-bench.db]

Builds (once; reused while the counts match) a database of generated German articles, ten per
story from different outlets, with their names indexed; then starts the real `newsprism serve`
on loopback and drives it with a bounded asyncio client (httpx, N concurrent connections,
closed loop). Prints one JSON object: p50/p95/p99 and requests/s per scenario:

- `floor`: the stylesheet, a static file: the HTTP stack and the client alone;
- `stories`: the stories page (HTML), a random one of the first 100 pages;
- `story_recent`: a story page (HTML) among the 50 newest stories, the ones the front page
  links to (their comparisons are computed on the first visit and then cached);
- `story_stored`: a story page never visited before whose comparison the writer stored and
  drew (`ingest --compare`, `watch`): sent as drawn, neither parsed nor drawn;
- `story_cold`: a story page never visited before, no stored comparison (computed in the
  request);
- `search`: the search page (HTML) for a person's surname, a town or a topic word, by
  relevance (bm25 over every match); `search_newest`: the same, newest first. Both repeat 44
  words, so the app answers most from its cache (kept until a writer changes the database);
- `search_distinct`: a surname and a town, every query new: the cost of a search itself;
- `while_ingesting`: stories pages, the newest stories and searches, while the real
  `newsprism ingest` (analysis and stories, the defaults) writes 1,000 new articles into a
  copy of the database that a second server reads; the writer's articles/s are reported too.

The client runs on the same two cores as the server: figures are pessimistic.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.analyse.annotate import analyse_articles
from newsprism.compare.stored import comparison_key
from newsprism.compare.story import compare_articles
from newsprism.model.annotations import Annotations
from newsprism.model.article import Article, ArticleSource
from newsprism.model.spans import Entity, EntityLabel
from newsprism.model.story import Story
from newsprism.store import SQLiteStore

TOWNS = (
    "Altenbruck Bergfelden Dornhagen Eschenried Falkenmoor Grauweiler Hollerbach Immenhof "
    "Kaltental Lindenau Mühlhofen Neuharting Oberwald Pfeilsdorf Quellheim Rabenstein "
    "Schönwalde Tannried Ulmenhain Vogtsberg Wiesenbach Zwingenberg Auenstadt Birkenfeld "
    "Dachsberg Erlenbrunn Finkenau Ginsterheim Hasenbühl Krähenwinkel"
).split()
TOPICS = (
    ("das Hallenbad", "Hallenbad", "sanieren"),
    ("die Ortsumgehung", "Ortsumgehung", "bauen"),
    ("die Kreisklinik", "Kreisklinik", "schließen"),
    ("die Grundschule", "Grundschule", "erweitern"),
    ("den Windpark", "Windpark", "genehmigen"),
    ("die Mainbrücke", "Mainbrücke", "abreißen"),
    ("das Stadion", "Stadion", "modernisieren"),
    ("den Busbahnhof", "Busbahnhof", "verlegen"),
    ("die Stadtbibliothek", "Stadtbibliothek", "verkaufen"),
    ("das Heimatmuseum", "Heimatmuseum", "retten"),
    ("den Wochenmarkt", "Wochenmarkt", "verlegen"),
    ("die Kläranlage", "Kläranlage", "erneuern"),
)
FIRST = (
    "Anna Bernd Carla Dieter Elif Frank Greta Hakan Ines Jonas Katrin Lukas Maren Nils Olga "
    "Paul Rita Sven Tanja Uwe Vera Wolfgang Yasemin Zoe"
).split()
LAST = (
    "Achterberg Brenninger Czerny Dallmann Eggert Fuhrmann Gellert Hoppe Imhoff Jankowski "
    "Kessler Lindqvist Mertens Nowak Oberle Petersen Quandt Rosenthal Schade Thiele Ullrich "
    "Vossberg Wendland Yilmaz Zander Brückner Hauser Lenz Reichel Sommer"
).split()
ROLES = ("Bürgermeisterin", "Landrat", "Stadtkämmerer", "Ortsvorsteherin", "Fraktionschef")
FILLER = (
    "Die Verwaltung will bis {m} einen Zeitplan vorlegen.",
    "Anwohner hatten {n} Unterschriften gesammelt.",
    "Der Kreistag muss dem Vorhaben noch zustimmen.",
    "Kritiker bemängeln die hohen Folgekosten.",
    "Bereits {y} war ein ähnlicher Plan gescheitert.",
    "Die Opposition kündigte Widerstand an.",
    "Fördermittel des Landes sind beantragt.",
    "Eine Bürgerversammlung ist für {m} geplant.",
    "Das Gutachten umfasst {n} Seiten.",
    "Der Naturschutzbund prüft eine Klage.",
)
MONTHS = ("März", "April", "Mai", "Juni", "Juli", "September", "Oktober")
OUTLETS = tuple(
    f"{name}.example"
    for name in (
        "tagblatt morgenpost abendzeitung kurier rundschau anzeiger bote echo landeszeitung "
        "volksblatt nachrichten presse stimme merkur neueste allgemeine tribuene welle radio-sued "
        "agentur-dpx"
    ).split()
)


def story_articles(number: int, start: datetime, rng: random.Random) -> list[Article]:
    town = TOWNS[number % len(TOWNS)]
    phrase, topic, verb = TOPICS[(number // len(TOWNS)) % len(TOPICS)]
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    role = rng.choice(ROLES)
    cost, yes, no = rng.randint(2, 90), rng.randint(12, 30), rng.randint(2, 11)
    moment = start + timedelta(hours=number * 0.87)
    articles = []
    for slot, outlet in enumerate(rng.sample(OUTLETS, 10)):
        sentences = [
            f"{town}: Der Gemeinderat hat beschlossen, {phrase} zu {verb}.",
            rng.choice(
                (
                    f"Die Kosten liegen bei {cost} Millionen Euro.",
                    f"Das Vorhaben kostet rund {cost} Millionen Euro.",
                )
            ),
            f"{role} {person} sagte: „Für {town} ist das eine gute Nachricht.“",
            f"Die Entscheidung fiel mit {yes} zu {no} Stimmen.",
        ]
        for template in rng.sample(FILLER, rng.randint(2, 5)):
            sentences.append(
                template.format(
                    m=rng.choice(MONTHS), n=rng.randint(80, 4000), y=rng.randint(1998, 2024)
                )
            )
        rng.shuffle(sentences[2:])
        text = " ".join(sentences) + f" ({outlet.split('.')[0]}, Meldung {number}-{slot})"
        articles.append(
            Article.from_text(
                text,
                title=f"{town}: {topic} – Gemeinderat entscheidet",
                outlet=outlet,
                url=f"https://{outlet}/lokales/{number}-{slot}",
                published=moment + timedelta(minutes=17 * slot),
                language="de",
            )
        )
    return articles


def names_of(article: Article) -> Annotations:
    entities = []
    for word in article.text.split():
        stripped = word.strip(".,:;„“()")
        if stripped in LAST:
            at = article.text.find(stripped)
            first = article.text.rfind(" ", 0, at - 1) + 1
            entities.append(
                Entity(
                    first,
                    at + len(stripped),
                    EntityLabel.PER,
                    article.text[first : at + len(stripped)],
                )
            )
        elif stripped in TOWNS:
            at = article.text.find(stripped)
            entities.append(Entity(at, at + len(stripped), EntityLabel.LOC, stripped))
    return Annotations(article.id, (), tuple(entities), (), ("bench-names",))


# Every fifth story is analysed and compared at build time, as `ingest --compare` would.
STORED_EVERY = 5


def build(db: Path, stories: int, per_story: int) -> None:
    if db.exists():
        store = SQLiteStore(db, readonly=True)
        try:
            if store.count_articles() == stories * per_story:
                return
        finally:
            store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    rng = random.Random(7)
    start = datetime(2025, 11, 1, 6, tzinfo=UTC)
    store = SQLiteStore(db)
    started = time.perf_counter()
    try:
        for first in range(0, stories, 100):
            with store.transaction():
                for number in range(first, min(stories, first + 100)):
                    articles = story_articles(number, start, rng)[:per_story]
                    stored = number % STORED_EVERY == 0
                    for article in articles:
                        store.add_article(
                            article,
                            ArticleSource(article.id, article.url, article.outlet, None, None),
                            None,
                        )
                        if not stored:
                            store.add_annotations(names_of(article))
                    if stored:  # analysed for real, as ingest would
                        for _, annotations in analyse_articles(articles):
                            store.add_annotations(annotations)
                    story_id = f"st-{articles[0].id}"
                    store.save_story(
                        Story(
                            story_id,
                            tuple(a.id for a in articles),
                            articles[0].published,
                            articles[-1].published,
                            articles[0].title or "",
                        ),
                        None,
                    )
                    for article in articles:
                        store.add_story_article(article.id, story_id, 0.5)
                    if stored:  # and compared by the writer, as `ingest --compare` does
                        comparison = compare_articles(articles, story_id).comparison
                        store.save_comparison(story_id, comparison_key(articles), comparison)
            print(
                f"built {first + 100} stories, {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
                end="\r",
            )
    finally:
        store.close()
    print(file=sys.stderr)


def start_server(db: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from newsprism.cli.main import main; main()",
            "--db",
            str(db),
            "--quiet",
            "serve",
            "--port",
            str(port),
            *(["--workers", str(workers)] if workers else []),
        ],
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{base}/stories.json?per_page=1", timeout=5)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    return server, base


def while_ingesting(db: Path, paths: list[str], clients: int, workers: int = 1) -> dict[str, float]:
    """The pages in `paths`, over and over, while `ingest` writes into a copy of `db`."""
    # bench/synthetic.py is beside this file; only this scenario needs it
    from bench.synthetic import stream

    copy = db.with_name(db.stem + "-writing.db")
    for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        leftover.unlink(missing_ok=True)
    source = sqlite3.connect(db)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    feed = copy.with_suffix(".jsonl")
    with feed.open("w", encoding="utf-8") as handle:
        for record in stream(1000, seed=97):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    server, base = start_server(copy, workers)
    try:
        asyncio.run(drive(base, paths[:20], 2))  # warm-up
        began = time.perf_counter()
        writer = subprocess.Popen(
            [sys.executable, "-m", "newsprism", "--db", str(copy), "--quiet", "ingest", str(feed)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        latencies: list[float] = []
        elapsed = 0.0
        errors = 0
        while writer.poll() is None:
            got, seconds, failed = asyncio.run(drive(base, list(paths), clients))
            latencies += got
            elapsed += seconds
            errors += failed
        writing = time.perf_counter() - began
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    result = summary(latencies, elapsed, errors)
    result["writer_exit"] = writer.returncode
    result["writer_articles_per_s"] = round(1000 / writing, 1)
    for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm"), feed):
        leftover.unlink(missing_ok=True)
    return result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def drive(base: str, paths: list[str], clients: int) -> tuple[list[float], float, int]:
    queue = list(reversed(paths))
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def worker() -> None:
            nonlocal errors
            while queue:
                path = queue.pop()
                began = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - began)
                if response.status_code != 200:
                    errors += 1
                    if errors <= 5:  # what went wrong, for the reader of the figures
                        print(
                            f"error {response.status_code} on {path}: {response.text[:200]}",
                            file=sys.stderr,
                        )

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - began
    return latencies, elapsed, errors


def summary(latencies: list[float], elapsed: float, errors: int) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "errors": errors,
        "p50_ms": round(1000 * statistics.median(ordered), 1),
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1),
        "p99_ms": round(1000 * ordered[int(0.99 * (len(ordered) - 1))], 1),
        "requests_per_s": round(len(ordered) / elapsed, 1),
    }


def draw(db: Path) -> None:
    """Draw the stored comparisons as `ingest --compare` does when it stores one (and
    `reanalyse` after an upgrade): the story pages the writer compared come drawn. A release
    before drawings has nothing to draw."""
    try:
        from newsprism.present.web.drawing import redraw_stored
    except ImportError:
        return
    store = SQLiteStore(db)
    try:
        started = time.perf_counter()
        drawn = redraw_stored(store)
        if drawn:
            print(f"drew {drawn} stories in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="`serve --workers N`; 0: the release's default (one process before --workers)",
    )
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsprism-web-bench.db"))
    parser.add_argument(
        "--only", help="comma-separated scenario names (default: all, while_ingesting last)"
    )
    arguments = parser.parse_args()
    per_story = max(1, arguments.articles // arguments.stories)
    build(arguments.db, arguments.stories, per_story)
    draw(arguments.db)
    server, base = start_server(arguments.db, arguments.workers)
    try:
        rng = random.Random(11)
        newest = [
            s["id"]
            for s in httpx.get(f"{base}/stories.json?per_page=50", timeout=60).json()["stories"]
        ]
        others: list[str] = []
        page = 1
        while len(others) < 6 * arguments.requests:  # a fifth are stored: enough of both
            listed = httpx.get(f"{base}/stories.json?per_page=200&page={page}", timeout=60)
            found = [s["id"] for s in listed.json()["stories"]]
            if not found:
                break
            others += [story for story in found if story not in newest]
            page += 1
        rng.shuffle(others)
        connection = sqlite3.connect(arguments.db)
        compared = {row[0] for row in connection.execute("SELECT story_id FROM story_comparisons")}
        connection.close()
        stored = [story for story in others if story in compared]
        cold = [story for story in others if story not in compared]
        words = [*LAST[:20], *TOWNS[:20], "Hallenbad", "Windpark", "Kläranlage", "Gutachten"]
        scenarios = {
            # The stylesheet, a static file: what the HTTP stack and the client on the same two
            # cores cost alone, the floor under every figure below.
            "floor": ["/static/newsprism.css"] * arguments.requests,
            "stories": [f"/stories?page={rng.randint(1, 100)}" for _ in range(arguments.requests)],
            "story_recent": [f"/stories/{rng.choice(newest)}" for _ in range(arguments.requests)],
            "story_stored": [f"/stories/{story}" for story in stored[: arguments.requests]],
            "story_cold": [f"/stories/{story}" for story in cold[: arguments.requests]],
            "search": [f"/search?q={rng.choice(words)}" for _ in range(arguments.requests)],
            # Every query new (a surname and a town): what a search costs when no reader
            # asked it before (the two above repeat 44 words: answered once, then kept).
            "search_distinct": [
                f"/search?q={last}+{town}" for last in LAST[:20] for town in TOWNS[:20]
            ][: arguments.requests],
            "search_newest": [
                f"/search?q={rng.choice(words)}&sort=newest" for _ in range(arguments.requests)
            ],
        }
        # Warm-up: imports, templates, analysis models, the newest stories' comparisons.
        asyncio.run(
            drive(base, [f"/stories/{s}" for s in newest] + ["/stories", "/search?q=Hoppe"], 2)
        )
        chosen = set(arguments.only.split(",")) if arguments.only else None
        results = {}
        for name, paths in scenarios.items():
            if chosen is not None and name not in chosen:
                continue
            results[name] = summary(*asyncio.run(drive(base, paths, arguments.clients)))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    mixed = [
        *scenarios["stories"][:100],
        *scenarios["story_recent"][:100],
        *scenarios["search_newest"][:50],
        *scenarios["search"][:50],
    ]
    rng.shuffle(mixed)
    if chosen is None or "while_ingesting" in chosen:
        results["while_ingesting"] = while_ingesting(
            arguments.db, mixed, arguments.clients, arguments.workers
        )
    print(
        json.dumps(
            {
                "articles": arguments.stories * per_story,
                "stories": arguments.stories,
                "clients": arguments.clients,
                "workers": arguments.workers,
                "results": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
