"""What a URL says about its outlet."""

from __future__ import annotations

from urllib.parse import urlsplit

_MOBILE_PREFIXES = ("www.", "m.", "amp.")


def host_of(url: str | None) -> str | None:
    """The URL's host, lower-cased, without `www.`, `m.` or `amp.`; None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    for prefix in _MOBILE_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    return host
