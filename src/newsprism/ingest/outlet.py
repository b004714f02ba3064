"""Which outlet published an article: --outlet, the metadata, the URL's host, the folder."""

from __future__ import annotations

from pathlib import Path

from newsprism.model.url import host_of


def resolve_outlet(
    override: str | None, metadata: str | None, url: str | None, source_path: str
) -> str | None:
    for candidate in (override, metadata, host_of(url)):
        if candidate and candidate.strip():
            return candidate.strip()
    parent = Path(source_path).parent.name
    return parent or None
