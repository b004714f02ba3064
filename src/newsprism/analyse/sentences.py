"""Sentence boundaries over tokens: line breaks, final punctuation, quotes that close a sentence.

Headlines, captions and subheadings stand on their own line in our normalised text, so a line
break always ends a sentence. Datelines ("Emden. Der Gipfel …", "BERLIN (zpa) –") stay with
the sentence they open.
"""

from __future__ import annotations

from newsprism.analyse.document import Token

FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSING_QUOTES = frozenset({"“", "”", '"', "«", "»", "‘", "’", "'", "''", ")", "]"})
# "``" and "''" are the TeX-style marks of older German corpora (TIGER, UD German-GSD).
OPENING = frozenset({"„", "“", '"', "»", "«", "‚", "‘", "'", "``", "(", "[", "-", "–"})
# One-word answers are sentences, not datelines.
_NOT_DATELINES = frozenset({"ja", "nein", "danke", "genau", "gut", "richtig", "stimmt", "okay"})


def split_sentences(tokens: list[Token]) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the sentences, in order, covering every token."""
    bounds: list[tuple[int, int]] = []
    first = 0
    count = len(tokens)
    index = 0
    while index < count:
        token = tokens[index]
        if index > first and token.line_start:
            bounds.append((first, index))
            first = index
        if token.text in FINAL and not _is_dateline(tokens, first, index):
            end = index + 1
            # Closing quotes and brackets right after the stop belong to this sentence.
            while (
                end < count and tokens[end].text in CLOSING_QUOTES and not tokens[end].space_before
            ):
                end += 1
            if end >= count or tokens[end].line_start or _starts_sentence(tokens, end):
                bounds.append((first, end))
                first = end
                index = end
                continue
        index += 1
    if first < count:
        bounds.append((first, count))
    return bounds


def _starts_sentence(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    text = token.text
    if text[:1].isupper() or text[:1].isdigit():
        return True
    if text in OPENING and index + 1 < len(tokens):
        following = tokens[index + 1].text
        return following[:1].isupper() or following[:1].isdigit()
    return False


def _is_dateline(tokens: list[Token], first: int, index: int) -> bool:
    """'Emden. Der …' at the start of a paragraph: a place name, not a sentence."""
    if index != first + 1 or tokens[index].text != "." or not tokens[first].line_start:
        return False
    word = tokens[first].text
    return word[:1].isupper() and word.lower() not in _NOT_DATELINES and word.isalpha()
