"""Offline language identification (py3langid; its model ships in the package)."""

from __future__ import annotations

import py3langid

_SAMPLE_CHARS = 1000  # enough for a stable answer; cost grows with length


def identify_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    code, _score = py3langid.classify(sample)
    return str(code)
