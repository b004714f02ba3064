"""Offline language identification (py3langid; its model ships in the package)."""

from __future__ import annotations

import py3langid

# 400 characters (about 60 words) identify German and English reliably; py3langid's cost grows
# with the length (1,000 characters cost 0.6 ms an article, the slowest step of .txt ingest).
_SAMPLE_CHARS = 400


def identify_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < 20:
        return None
    code, _score = py3langid.classify(sample)
    return str(code)
