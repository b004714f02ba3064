"""Which outlet published an article: --outlet, the metadata, the URL's host, the folder."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    return host


def resolve_outlet(
    override: str | None, metadata: str | None, url: str | None, source_path: str
) -> str | None:
    for candidate in (override, metadata, host_of(url)):
        if candidate and candidate.strip():
            return candidate.strip()
    parent = Path(source_path).parent.name
    return parent or None
