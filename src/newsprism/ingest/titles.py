"""Titles as the outlet meant them: without the site's name, and not cut short.

A site's suffix ("| Börsen-Zeitung", "– DW – 13.06.2023", "- WELT") is found two ways, and no
list of outlets is kept:

- on the page: the tail after a separator names the site (its `og:site_name`, the publisher,
  or the host: "Golem.de" on golem.de, "DW" on dw.com), or another of the page's titles is
  the same headline without the tail;
- across the outlet's pages (`TitleSuffixes`): a tail, with its digits masked, that ends
  titles of two different pages of one host is the site's, wherever it is seen next.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict, defaultdict

# " | ", " - ", " – ", " — ", " :: ", " · ", " • " between headline and site name.
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
_DATE_LIKE = re.compile(r"\d{1,4}(?:[./-]\d{1,4}){1,2}")
_TRUNCATED = ("…", "...")
_MIN_HEADLINE = 8  # what is left after a cut must still read as a headline


def _squash(text: str) -> str:
    """Lower case, letters and digits only: "Golem.de" ~ "golem.de" ~ "GOLEM DE"."""
    return re.sub(r"[^0-9a-zäöüß]", "", text.casefold())


def _mask(tail: str) -> str:
    return re.sub(r"\d", "0", tail.strip())


def _host_names(host: str | None) -> list[str]:
    if not host:
        return []
    parts = host.lower().removeprefix("www.").split(".")
    names = [".".join(parts)]
    if len(parts) >= 2:
        names.append(parts[-2])  # golem.de → golem, dw.com → dw
    return names


def _names_site(tail: str, names: list[str]) -> bool:
    """Does the tail name the site? Dates in it ("DW – 13.06.2023") do not count."""
    words = _SEPARATOR.split(_DATE_LIKE.sub(" ", tail))
    squashed = [_squash(w) for w in words if _squash(w)]
    if not squashed:
        return False
    for name in (_squash(n) for n in names):
        if not name:
            continue
        for word in squashed:
            if word == name or (len(word) >= 3 and (word in name or name in word)):
                return True
    return False


def _key(host: str | None) -> str:
    return (host or "").lower().removeprefix("www.")


class TitleSuffixes:
    """Suffixes learnt per host, digits masked; bounded, safe to share between threads."""

    def __init__(self, max_hosts: int = 5000, max_tails: int = 50) -> None:
        self._seen: OrderedDict[str, dict[str, int]] = OrderedDict()
        self._known: dict[str, set[str]] = defaultdict(set)
        self._max_hosts = max_hosts
        self._max_tails = max_tails
        self._lock = threading.Lock()

    def observe(self, host: str | None, titles: list[str]) -> None:
        """One page's titles: their tails are counted once for the host."""
        host = _key(host)
        if not host:
            return
        keys = {_mask(tail) for title in titles for tail in _tails(title)}
        with self._lock:
            tails = self._seen.setdefault(host, {})
            self._seen.move_to_end(host)
            for key in sorted(keys):
                if key in tails or len(tails) < self._max_tails:
                    tails[key] = tails.get(key, 0) + 1
                    if tails[key] >= 2:
                        self._known[host].add(key)
            while len(self._seen) > self._max_hosts:
                dropped, _ = self._seen.popitem(last=False)
                self._known.pop(dropped, None)

    def learn(self, host: str | None, tail: str) -> None:
        """A tail the page itself showed to be the site's."""
        if host:
            with self._lock:
                self._known[_key(host)].add(_mask(tail))

    def known(self, host: str | None, tail: str) -> bool:
        with self._lock:
            return bool(host) and _mask(tail) in self._known.get(_key(host), set())


SUFFIXES = TitleSuffixes()


def _tails(title: str) -> list[str]:
    """The tails after each separator, longest first."""
    return [title[m.end() :] for m in _SEPARATOR.finditer(title)]


def strip_site(
    title: str, site_names: tuple[str, ...], host: str | None, suffixes: TitleSuffixes
) -> str:
    """The title without the longest tail that names the site or is known for the host."""
    names = [*site_names, *_host_names(host)]
    for match in _SEPARATOR.finditer(title):
        head, tail = title[: match.start()].strip(), title[match.end() :]
        if len(head) < _MIN_HEADLINE:
            continue
        if _names_site(tail, names) or suffixes.known(host, tail):
            suffixes.learn(host, tail)
            return head
    return title


def choose_title(
    candidates: list[str | None],
    *,
    site_names: tuple[str, ...],
    host: str | None,
    suffixes: TitleSuffixes,
) -> str | None:
    """The most trusted title, without the site's name; a cut-short one yields to a full one."""
    raw = [" ".join(c.split()) for c in candidates if c and c.strip()]
    if not raw:
        return None
    suffixes.observe(host, raw)
    cleaned = [strip_site(t, site_names, host, suffixes) for t in raw]
    # One title is another plus a separated tail: that tail is the site's.
    for title in cleaned:
        for other in cleaned:
            if other != title and other.startswith(title) and _SEPARATOR.match(other[len(title) :]):
                suffixes.learn(host, _SEPARATOR.split(other[len(title) :], 1)[1])
    cleaned = [strip_site(t, site_names, host, suffixes) for t in cleaned]
    best = cleaned[0]
    stem = best
    for mark in _TRUNCATED:
        stem = stem.removesuffix(mark)
    stem = stem.rstrip()
    # Cut short ("…", or a broken attribute): a less trusted title goes on from it.
    for other in cleaned[1:]:
        rest = other[len(stem) :]
        goes_on = other.startswith(stem) and len(rest) > 1 and not _SEPARATOR.match(rest)
        if goes_on and (stem != best or rest[0].isspace()):
            return other
    return best
