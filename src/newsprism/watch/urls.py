"""One article, one address: tracking parameters, AMP and mobile hosts normalised away.

The normalised URL is the key under which the watcher remembers what it fetched; the page is
fetched under the address the feed gave. Whatever this misses, the content id catches: the same
text is one article whatever its URL.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that say how a reader came, not what they read.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|"
    r"ref|ref_src|ref_url|source|src|cmp|cmpid|campaign|wt_mc|wt\.mc_id|at_\w+|ito|"
    r"xtor|ns_\w+|sara_\w+|share|shared|output|outputtype|amp|__twitter_impression|"
    r"feature|print)$",
    re.IGNORECASE,
)
_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_AMP_PATH = re.compile(r"(/amp)(?=/|$)|(\.amp)(?=\.html?$|$)", re.IGNORECASE)


def normalise_url(url: str) -> str:
    """A canonical form of an article URL; the input itself when it is not http(s)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return url.strip()
    host = parts.hostname.lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = _AMP_PATH.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(key)
        )
    )
    # http and https are one article; the fragment never is part of it.
    return urlunsplit(("https", netloc, path, query, ""))
