"""Plain text files: no title line assumed; a leading photo caption with a credit is split off."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newsprism.errors import InputRejected
from newsprism.ingest.decoding import decode_text, read_bytes
from newsprism.ingest.records import FoundArticle, ReaderItem, ReadOptions, as_reject

# "… Foto: AFP/ Jana Beispiel", "(Bild: dpa)", "© picture alliance / dpa", "Quelle: Reuters".
_CREDIT = re.compile(
    r"(?:(?:^|[\s(\[|/·–-])(?:Fotos?|Bild(?:er)?|Bildquelle|Photo|Grafik|Archivfoto|Archivbild)"
    r"\s*:\s*\S[^\n]{0,100}$)|(?:©\s*\S[^\n]{0,100}$)",
    re.IGNORECASE,
)
_MAX_CAPTION_CHARS = 400
_MAX_CAPTION_LINES = 2


def split_caption(text: str) -> tuple[str | None, str]:
    """(caption, body): leading lines that end in a photo credit are the caption."""
    lines = text.lstrip("\ufeff").split("\n")
    captions: list[str] = []
    index = 0
    while index < len(lines) and len(captions) < _MAX_CAPTION_LINES:
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if len(line) <= _MAX_CAPTION_CHARS and _CREDIT.search(line):
            captions.append(line)
            index += 1
            continue
        break
    if not captions:
        return None, text
    return " ".join(captions), "\n".join(lines[index:])


def read_text_file(path: Path, options: ReadOptions) -> Iterator[ReaderItem]:
    source = str(path)
    try:
        raw = read_bytes(path, options.max_bytes)
        text = decode_text(raw, source)
    except InputRejected as rejected:
        yield as_reject(rejected)
        return
    caption, body = split_caption(text.replace("\r\n", "\n").replace("\r", "\n"))
    yield FoundArticle(text=body, source_path=source, caption=caption)
