"""The local web the watcher tests run against: two outlets' feeds and pages, and trouble."""

from __future__ import annotations

from tests.watch.server import LocalWeb, Response

ARTICLES = {
    "a1": (
        "Hochwasser: Landkreis Talheim ruft Katastrophenfall aus",
        [
            "Nach tagelangem Dauerregen hat der Landkreis Talheim am Sonntagabend den "
            "Katastrophenfall ausgerufen. Die Pegel der Ems stiegen in der Nacht auf über "
            "sechs Meter.",
            "Landrätin Birgit Osterholt sagte: „Wir evakuieren vorsorglich die tief gelegenen "
            "Ortsteile von Wehrstedt.“ Rund 1200 Menschen seien betroffen.",
            "Feuerwehr und Technisches Hilfswerk sind mit mehr als 400 Kräften im Einsatz. "
            "Der Deutsche Wetterdienst erwartet bis Dienstag weiteren Regen.",
        ],
    ),
    "a2": (
        "Stadtwerke Lindau erhöhen Fernwärmepreis um 18 Prozent",
        [
            "Die Stadtwerke Lindau erhöhen zum ersten Januar den Preis für Fernwärme um 18 "
            "Prozent. Ein Durchschnittshaushalt zahlt damit rund 240 € mehr im Jahr.",
            "Geschäftsführer Konrad Maier begründete den Schritt mit gestiegenen "
            "Beschaffungskosten. „Wir geben nur weiter, was wir selbst bezahlen müssen“, "
            "sagte Maier.",
            "Der Mieterbund kritisierte die Erhöhung als „maßlos“ und forderte eine "
            "Überprüfung durch die Landeskartellbehörde.",
        ],
    ),
    "a6": (
        "Exklusiv: Was der Bahnvorstand wirklich plant",
        [
            "Der Vorstand der Regionalbahn Süd will nach Informationen unserer Zeitung "
            "mehrere Nebenstrecken stilllegen. Betroffen wären vor allem ländliche Regionen.",
        ],
    ),
    "b1": (
        "Talheim: Pegel der Ems sinkt langsam",
        [
            "Im Hochwassergebiet um Talheim entspannt sich die Lage. Der Pegel der Ems sank "
            "am Montagmorgen unter fünf Meter, teilte der Landkreis mit.",
            "Landrätin Birgit Osterholt warnte dennoch vor Leichtsinn: Die Deiche seien "
            "durchweicht, die Evakuierung von Wehrstedt bleibe bestehen.",
            "Nach Angaben der Feuerwehr wurden in der Nacht 35 Keller ausgepumpt.",
        ],
    ),
    "c1": (
        "Kreistag beschließt neue Buslinie zum Klinikum",
        [
            "Der Kreistag hat am Donnerstag einstimmig eine neue Buslinie zum Klinikum "
            "beschlossen. Sie soll ab März im Halbstundentakt fahren.",
            "Die Kosten von jährlich 380.000 Euro teilen sich Landkreis und Stadt. "
            "Patientenvertreter hatten die Verbindung seit Jahren gefordert.",
        ],
    ),
}


def page(key: str, *, charset: str = "utf-8", paywall: bool = False) -> bytes:
    title, paragraphs = ARTICLES[key]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    extra = ""
    if paywall:
        extra = (
            '<div class="paywall">Jetzt weiterlesen mit Tagesblatt Plus – '
            "nur für Abonnenten. Sie haben bereits ein Abo? Anmelden</div>"
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"isAccessibleForFree": false}</script>'
        )
    html = (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="{charset}"><title>{title}</title>'
        '<meta name="author" content="Redaktion">'
        '<meta property="article:published_time" content="2026-11-20T08:30:00+01:00">'
        "</head><body><nav><a href='/'>Start</a> <a href='/politik'>Politik</a></nav>"
        f"<article><h1>{title}</h1>{body}{extra}</article>"
        "<footer>Impressum · Datenschutz</footer></body></html>"
    )
    return html.encode(charset)


def rss(web: LocalWeb, items: list[tuple[str | None, str]]) -> bytes:
    entries = "".join(
        "<item><title>{title}</title>{link}<pubDate>Fri, 20 Nov 2026 08:30:00 +0100</pubDate>"
        "</item>".format(title=title, link=f"<link>{web.url(path)}</link>" if path else "")
        for path, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Tagesblatt</title><link>{web.url('/')}</link>{entries}</channel></rss>"
    ).encode()


def atom(web: LocalWeb, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f'<entry><title>{title}</title><link href="{web.url(path)}"/><id>{path}</id>'
        "<updated>2026-11-20T09:00:00Z</updated></entry>"
        for path, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Emsbote</title><id>urn:emsbote</id><updated>2026-11-20T09:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title>
<link>http://127.0.0.1/articles/a1</link></item></channel></rss>"""

# What goes in and what fails, and why: the tests compare against this.
EXPECTED_ARTICLES = {"a1", "a2", "a6", "b1", "c1"}
EXPECTED_FAILURES = {
    "/articles/missing": "http-error: 404",
    "/articles/stalls": "timeout",
    "/articles/loop": "redirects",
    "/articles/huge": "too-large",
    "/private/secret": "robots",
    "/articles/document.pdf": "content-type",
}


def build(web: LocalWeb) -> None:
    routes = web.routes
    routes["/robots.txt"] = Response(
        b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    routes["/feeds/tagesblatt.xml"] = Response(
        rss(
            web,
            [
                ("/articles/a1", ARTICLES["a1"][0]),
                ("/articles/a1?utm_source=rss&utm_medium=feed", ARTICLES["a1"][0]),  # repeat
                ("/articles/a2", ARTICLES["a2"][0]),
                ("/articles/missing", "Gelöschter Artikel"),
                ("/articles/stalls", "Langsamer Server"),
                ("/articles/loop", "Umleitung im Kreis"),
                ("/articles/a6", ARTICLES["a6"][0]),
                ("/articles/huge", "Riesige Seite"),
                ("/private/secret", "Gesperrt durch robots.txt"),
                ("/articles/document.pdf", "Ein PDF"),
                (None, "Eintrag ohne Link"),
            ],
        ),
        content_type="application/rss+xml",
        etag='"tagesblatt-v1"',
    )
    routes["/feeds/emsbote.atom"] = Response(
        atom(
            web,
            [
                ("/articles/b1", ARTICLES["b1"][0]),
                ("/amp/articles/a1", ARTICLES["a1"][0]),  # the AMP copy of a seen article
                ("/articles/a1-copy", ARTICLES["a1"][0]),  # same text under another address
            ],
        ),
        content_type="application/atom+xml",
        etag='"emsbote-v1"',
    )
    # A valid feed served with the wrong content type.
    routes["/feeds/kreisblatt.html"] = Response(
        rss(web, [("/articles/c1", ARTICLES["c1"][0])]), content_type="text/html"
    )
    routes["/feeds/broken.xml"] = Response(
        b"<html><body>Wartungsarbeiten {{ kein Feed </body", content_type="application/rss+xml"
    )
    routes["/feeds/bomb.xml"] = Response(BOMB, content_type="application/rss+xml")
    routes["/feeds/down.xml"] = Response(
        b"Service Unavailable", status=503, content_type="text/plain"
    )
    routes["/articles/a1"] = Response(page("a1"))
    routes["/articles/a1-copy"] = Response(page("a1"))
    routes["/articles/a2"] = Response(page("a2", charset="windows-1252"), content_type="text/html")
    routes["/articles/a6"] = Response(page("a6", paywall=True))
    routes["/articles/b1"] = Response(page("b1"))
    routes["/articles/c1"] = Response(page("c1"))
    routes["/articles/stalls"] = Response(page("c1"), stall=3.0)
    routes["/articles/loop"] = Response(status=302, headers={"Location": "/articles/loop2"})
    routes["/articles/loop2"] = Response(status=302, headers={"Location": "/articles/loop"})
    routes["/articles/huge"] = Response(stream=3 * 1024 * 1024)
    routes["/private/secret"] = Response(page("c1"))
    routes["/articles/document.pdf"] = Response(b"%PDF-1.4 ...", content_type="application/pdf")


def feeds_toml(web: LocalWeb) -> str:
    return f"""
interval = 60

[[outlet]]
name = "tagesblatt.example"
feeds = ["{web.url("/feeds/tagesblatt.xml")}", "{web.url("/feeds/broken.xml")}"]
groups = ["national"]

[[outlet]]
name = "emsbote.example"
feeds = ["{web.url("/feeds/emsbote.atom")}", "{web.url("/feeds/down.xml")}"]
groups = ["regional"]

[[outlet]]
name = "kreisblatt.example"
feeds = ["{web.url("/feeds/kreisblatt.html")}", "{web.url("/feeds/bomb.xml")}"]
groups = ["regional"]
"""
