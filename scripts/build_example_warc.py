"""Build the example WARC (src/newsprism/examples/hanse-anzeiger.de/*.warc.gz).

The pages are invented for newsprism's example corpus. Run from the project root:
    python scripts/build_example_warc.py
Needs warcio (installed with the test extra).
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path("src/newsprism/examples/hanse-anzeiger.de/hanse-anzeiger-2026-03.warc.gz")

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>{title} – Hanse-Anzeiger</title>
<meta property="og:title" content="{title}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}">
</head><body>
<div class="cookie">Wir verwenden Cookies. <button>Zustimmen</button></div>
<nav><a href="/">Start</a> <a href="/region">Region</a> <a href="/politik">Politik</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<section class="teaser"><h3>Auch interessant</h3><a href="/x">Neuer Fahrplan für die Fähre nach Borkum</a></section>
<footer>Hanse-Anzeiger Verlag · Impressum · Datenschutz</footer>
</body></html>
"""

PAGES = [
    (
        "https://www.hanse-anzeiger.de/politik/risse-im-beton-rheinbruecke-gesperrt",
        "2026-03-09T18:02:11Z",
        "Risse im Beton: Rheinbrücke in Kaltenbrück wird gesperrt",
        "zpa",
        "2026-03-09T16:05:00+01:00",
        [
            "Kaltenbrück. Die Stadt Kaltenbrück sperrt die Lindenbrücke über den Rhein von "
            "Dienstag an für den gesamten Autoverkehr. Bei einer Routineprüfung hätten Ingenieure "
            "Risse in zwei der vier Spannbetonträger entdeckt, teilte die Stadtverwaltung am Montag "
            "mit. Fußgänger und Radfahrer dürfen die Brücke vorerst weiter nutzen.",
            "„Die Sicherheit der Menschen geht vor. Wir gehen hier kein Risiko ein“, sagte "
            "Oberbürgermeister Jonas Brettschneider. Über die Lindenbrücke fahren nach Angaben der "
            "Stadt täglich rund 48.000 Fahrzeuge. Der Verkehr soll über die Nordbrücke und die "
            "Autobahn umgeleitet werden.",
            "Landesverkehrsministerin Clara Hoffmeister (SPD) sicherte der Stadt Hilfe zu. Das Land "
            "werde sich an den Kosten einer Sanierung beteiligen, sagte Hoffmeister in Mainz. Wie "
            "lange die Sperrung dauern wird, ist offen.",
        ],
    ),
    (
        "https://www.hanse-anzeiger.de/region/emden-zentrum-nordsee-netz",
        "2026-03-18T06:40:55Z",
        "Emden wird zum Zentrum des Nordsee-Netzes",
        "Tjark Onnen",
        "2026-03-18T05:30:00+01:00",
        [
            "Die Energieminister aus fünf Ländern haben in Emden ein gemeinsames Stromnetz in der "
            "Nordsee beschlossen. Für die Stadt könnte das Projekt ein Segen sein: Im Emder Hafen "
            "sollen die Konverterplattformen gebaut und gewartet werden. Oberbürgermeisterin Hella "
            "Janssen rechnet mit bis zu 2.000 neuen Arbeitsplätzen in der Region.",
            "„Emden hat den Strukturwandel lange genug erlitten. Jetzt gestalten wir ihn“, sagte "
            "Janssen am Rande des Gipfels. Die Werft Nordhafen hofft auf Aufträge in Milliardenhöhe.",
            "Nach den Plänen soll das Netz bis 2035 Windparks mit 120 Gigawatt Leistung verbinden. "
            "Minister Tobias Rautenberg nannte die Emdener Erklärung einen Meilenstein. Kritik kam "
            "von der Umweltorganisation Meeresschutz Nord: Deren Sprecherin Frauke Ahlers sagte, "
            "beim Bau der Trassen durch das Wattenmeer drohten schwere Eingriffe in ein "
            "Weltnaturerbe.",
        ],
    ),
]


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number, (url, fetched, title, author, date, paragraphs) in enumerate(PAGES, start=1):
            html = PAGE.format(
                title=title,
                author=author,
                date=date,
                paragraphs="\n".join(f"<p>{p}</p>" for p in paragraphs),
            ).encode("utf-8")
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html),
                http_headers=headers,
                warc_headers_dict={
                    "WARC-Date": fetched,
                    "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-00000000000{number}>",
                },
            )
            writer.write_record(record)
        # A non-article response, as every real crawl has: it must be skipped, not rejected.
        robots = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://www.hanse-anzeiger.de/robots.txt",
                "response",
                payload=io.BytesIO(b"User-agent: *\nDisallow: /intern/\n"),
                http_headers=robots,
                warc_headers_dict={
                    "WARC-Date": "2026-03-18T06:40:50Z",
                    "WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000009>",
                },
            )
        )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
