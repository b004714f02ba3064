"""Generated news with stories in it: several outlets report each event, some copy the wire
text word for word or with small edits. Made-up German-looking text (no real articles).

Each story has its own people, place, organisation, numbers and topic words; its articles mix
sentences about the event with general sentences, over one to three days. Records come in
news-please's schema plus the gold `story` and how each was made (`made`: original, copy,
near-copy), in arrival (publication) order; `html_page` renders one as a web page.
"""

from __future__ import annotations

import html
import random
from datetime import UTC, datetime, timedelta

from bench.synthetic import edit, sentence, vocabulary

START = datetime(2026, 3, 2, 6, tzinfo=UTC)
OUTLETS = tuple(
    f"{name}.example"
    for name in (
        "tagesblatt",
        "rundschau-nord",
        "abendpost",
        "kurier-sued",
        "landeszeitung",
        "morgenecho",
        "stadtanzeiger",
        "wochenspiegel",
    )
)
_FIRST = ("Merle", "Jonas", "Aylin", "Frieder", "Katrin", "Bastian", "Ilka", "Theo", "Sanne")
_ROLES = ("Bürgermeisterin", "Landrat", "Ministerin", "Sprecher", "Vorsitzende", "Direktor")
_EVENTS = (
    "Streik",
    "Hochwasser",
    "Brückensperrung",
    "Haushaltsstreit",
    "Klinikschließung",
    "Stromausfall",
    "Bahnchaos",
    "Schulneubau",
)


def _name(rng: random.Random) -> str:
    return rng.choice(vocabulary()).capitalize()[:10]


def _story_sentences(rng: random.Random, story: dict[str, object], count: int) -> list[str]:
    person, role, place = story["person"], story["role"], story["place"]
    org, event, numbers, topic = story["org"], story["event"], story["numbers"], story["topic"]
    assert isinstance(numbers, list) and isinstance(topic, list)
    templates = [
        f"{role} {person} sagte am Morgen in {place}, der {event} betreffe {numbers[0]} Menschen.",
        f"Nach Angaben der {org} kostet die {topic[0]} rund {numbers[1]} Euro.",
        f"In {place} versammelten sich am Nachmittag {numbers[2]} Menschen vor dem Rathaus.",
        f"{person} kündigte an, die {org} werde über die {topic[1]} noch in dieser Woche beraten.",
        f"Der {event} in {place} hatte bereits am Vortag zu Protesten geführt.",
        f"Die {org} teilte mit, man prüfe die {topic[2]} und die {topic[3]} sorgfältig.",
        f"Kritiker werfen {person} vor, die {topic[0]} zu spät erkannt zu haben.",
        f"Für {place} sei der {event} die schwerste Belastung seit Jahren, hieß es.",
    ]
    return rng.sample(templates, min(count, len(templates)))


def corpus(
    stories: int = 12,
    articles_per_story: tuple[int, int] = (8, 24),
    copy_share: float = 0.1,
    near_share: float = 0.1,
    seed: int = 11,
) -> list[dict[str, object]]:
    """Records in publication order; see the module docstring."""
    rng = random.Random(seed)
    records: list[dict[str, object]] = []
    for number in range(stories):
        story = {
            "person": f"{rng.choice(_FIRST)} {_name(rng)}",
            "role": rng.choice(_ROLES),
            "place": _name(rng) + rng.choice(("dorf", "hausen", "stadt", "berg")),
            "org": _name(rng) + "-Werke",
            "event": _EVENTS[number % len(_EVENTS)],
            "numbers": [str(rng.randint(120, 98000)) for _ in range(3)],
            "topic": [
                _name(rng).capitalize() + suffix for suffix in ("plan", "vorlage", "frage", "liste")
            ],
        }
        start = START + timedelta(hours=rng.uniform(0, 24 * 10))
        size = rng.randint(*articles_per_story)
        wire: str | None = None
        for index in range(size):
            published = start + timedelta(hours=rng.uniform(0, 60))
            outlet = OUTLETS[rng.randrange(len(OUTLETS))]
            made = "original"
            roll = rng.random()
            if wire is not None and roll < copy_share:
                text, made = wire, "copy"
            elif wire is not None and roll < copy_share + near_share:
                text, made = edit(wire, 0.08, rng.randrange(1 << 30)), "near-copy"
            else:
                body = _story_sentences(rng, story, rng.randint(4, 7))
                body += [sentence(rng) for _ in range(rng.randint(3, 6))]
                rng.shuffle(body)
                text = "\n".join(" ".join(body[i : i + 2]) for i in range(0, len(body), 2))
                wire = wire or text
            records.append(
                {
                    "url": f"https://www.{outlet}/{published:%Y/%m/%d}/story-{seed}-{number}-{index}",
                    "source_domain": outlet,
                    "title": f"{story['event']} in {story['place']}: {story['person']} unter Druck"
                    if index % 3 == 0
                    else f"{story['place']}: {story['org']} prüft {story['topic'][index % 4]}",
                    "date_publish": published.isoformat(),
                    "language": "de",
                    "maintext": text,
                    "story": f"s{seed}-{number}",
                    "made": made,
                }
            )
    records.sort(key=lambda record: str(record["date_publish"]))
    return records


def html_page(record: dict[str, object]) -> bytes:
    """The record as an article page (escaped, as a CMS would)."""
    paragraphs = "".join(
        f"<p>{html.escape(part)}</p>" for part in str(record["maintext"]).split("\n")
    )
    title = html.escape(str(record["title"]))
    page = (
        "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        f"<meta property='article:published_time' content='{record['date_publish']}'>"
        f"<meta property='og:site_name' content='{record['source_domain']}'>"
        "</head><body><nav><a href='/'>Start</a> <a href='/politik'>Politik</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Impressum · Datenschutz</footer></body></html>"
    )
    return page.encode("utf-8")
