"""Universal Dependencies CoNLL-U reading, for the sentence, lemma and part-of-speech figures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class TreebankSentence:
    sent_id: str
    text: str
    words: list[str]
    lemmas: list[str]
    tags: list[str]  # universal parts of speech


def read_conllu(path: Path) -> Iterator[TreebankSentence]:
    """Sentences with their surface words (multi-word tokens such as 'zum' kept whole)."""
    sent_id = text = ""
    words: list[str] = []
    lemmas: list[str] = []
    tags: list[str] = []
    skip_until = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# sent_id ="):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# text ="):
                text = line.split("=", 1)[1].strip()
            elif not line:
                if words:
                    yield TreebankSentence(sent_id, text, words, lemmas, tags)
                words, lemmas, tags = [], [], []
                skip_until = 0
            elif not line.startswith("#"):
                columns = line.split("\t")
                identifier = columns[0]
                if "-" in identifier:  # a multi-word token: keep the surface form once
                    skip_until = int(identifier.split("-")[1])
                    words.append(columns[1])
                    lemmas.append(columns[1].lower())
                    tags.append("ADP")
                elif "." in identifier or (skip_until and int(identifier) <= skip_until):
                    continue
                else:
                    words.append(columns[1])
                    lemmas.append(columns[2])
                    tags.append(columns[3])
    if words:
        yield TreebankSentence(sent_id, text, words, lemmas, tags)
