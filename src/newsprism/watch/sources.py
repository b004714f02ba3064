"""What to follow: feeds and sitemaps from an OPML file, a TOML file or a plain list of URLs.

TOML, one table per outlet:

    interval = 900                       # seconds between polls (default for all)
    max_items = 200                      # new items fetched per feed and poll (default for all)

    [[outlet]]
    name = "tagesblatt.de"
    feeds = ["https://www.tagesblatt.de/rss/politik.xml"]
    sitemaps = ["https://www.tagesblatt.de/sitemap-news.xml"]   # optional
    groups = ["national", "broadsheet"]                          # optional
    interval = 300                                               # optional
    max_items = 50                                               # optional

OPML: every `<outline xmlUrl="…">`; a plain list: one URL a line, `#` starts a comment. Without
a name the outlet is the feed's host (as `ingest` names outlets from URLs).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from newsprism.errors import ConfigError
from newsprism.model.url import host_of

DEFAULT_INTERVAL = 900.0
MIN_INTERVAL = 10.0
# New items fetched per feed and poll, newest first; the rest wait for later polls. A feed
# of 20,000 items would otherwise hold one `--once` for hours.
DEFAULT_MAX_ITEMS = 200


@dataclass(frozen=True, slots=True)
class FeedSource:
    url: str
    outlet: str | None
    kind: str = "feed"  # feed | sitemap
    interval: float = DEFAULT_INTERVAL
    groups: tuple[str, ...] = ()
    max_items: int = DEFAULT_MAX_ITEMS


def load_sources(path: Path) -> list[FeedSource]:
    """Read a feeds file; ConfigError naming the file and the problem when it is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read feeds file {path}: {error}") from error
    head = raw.lstrip()[:200].lower()
    if path.suffix.lower() == ".toml":
        sources = _from_toml(raw, path)
    elif path.suffix.lower() in (".opml", ".xml") or head.startswith((b"<?xml", b"<opml")):
        sources = _from_opml(raw, path)
    else:
        sources = _from_list(raw, path)
    if not sources:
        raise ConfigError(f"{path} names no feed; give at least one feed or sitemap URL")
    seen: set[str] = set()
    unique = []
    for source in sources:
        if source.url not in seen:
            seen.add(source.url)
            unique.append(source)
    return unique


def _check_url(url: object, path: Path, where: str) -> str:
    if not isinstance(url, str) or urlsplit(url.strip()).scheme not in ("http", "https"):
        raise ConfigError(f"{path}: {where}: {url!r} is not an http(s) URL")
    return url.strip()


def _from_toml(raw: bytes, path: Path) -> list[FeedSource]:
    try:
        record = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    default = _interval(record.get("interval", DEFAULT_INTERVAL), path, "interval")
    default_max = _max_items(record.get("max_items", DEFAULT_MAX_ITEMS), path, "max_items")
    outlets = record.get("outlet")
    if not isinstance(outlets, list):
        raise ConfigError(
            f'{path} has no [[outlet]] tables; write e.g. [[outlet]] name = "tagesblatt.de" '
            'feeds = ["https://…/rss.xml"]'
        )
    sources = []
    for number, outlet in enumerate(outlets, 1):
        where = f"outlet {number}"
        if not isinstance(outlet, dict):
            raise ConfigError(f"{path}: {where} is not a table")
        name = outlet.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            raise ConfigError(f"{path}: {where}: name must be a non-empty string, got {name!r}")
        groups = outlet.get("groups", [])
        if isinstance(groups, str):
            groups = [groups]
        if not isinstance(groups, list) or not all(isinstance(g, str) and g for g in groups):
            raise ConfigError(f"{path}: {where}: groups must be a list of names, got {groups!r}")
        interval = _interval(outlet.get("interval", default), path, f"{where} interval")
        max_items = _max_items(outlet.get("max_items", default_max), path, f"{where} max_items")
        for kind, key in (("feed", "feeds"), ("sitemap", "sitemaps")):
            urls = outlet.get(key, [])
            if isinstance(urls, str):
                urls = [urls]
            if not isinstance(urls, list):
                raise ConfigError(f"{path}: {where}: {key} must be a list of URLs")
            for url in urls:
                checked = _check_url(url, path, f"{where} {key}")
                sources.append(
                    FeedSource(
                        checked,
                        name.strip() if isinstance(name, str) else host_of(checked),
                        kind,
                        interval,
                        tuple(groups),
                        max_items,
                    )
                )
    return sources


def _interval(value: object, path: Path, where: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or value < MIN_INTERVAL:
        raise ConfigError(
            f"{path}: {where} must be a number of seconds ≥ {MIN_INTERVAL:g}, got {value!r}"
        )
    return float(value)


def _max_items(value: object, path: Path, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{path}: {where} must be a whole number of items ≥ 1, got {value!r}")
    return value


def _from_opml(raw: bytes, path: Path) -> list[FeedSource]:
    try:
        root = safe_fromstring(raw, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as error:
        raise ConfigError(f"{path} is not a readable OPML file: {error}") from error
    sources = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url:
            checked = _check_url(url, path, f"outline {outline.get('text') or ''!r}")
            sources.append(FeedSource(checked, host_of(checked)))
    return sources


def _from_list(raw: bytes, path: Path) -> list[FeedSource]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path} is not UTF-8 text: {error}") from error
    sources = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if line:
            checked = _check_url(line, path, f"line {number}")
            sources.append(FeedSource(checked, host_of(checked)))
    return sources
