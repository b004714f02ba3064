"""A rule tokenizer for news text in Latin-script languages, tuned for German.

Written here because the one German tokenizer that gets news right (SoMaJo) is GPL-3.0 and
newsprism is Apache-2.0; see docs/analysis.md for the measured comparison.
"""

from __future__ import annotations

import re

from newsprism.analyse.document import Token

# Abbreviations that end in a full stop which does not end the sentence.
ABBREVIATIONS = frozenset(
    """
    abb abs abt adm allg anm art aufl az bd bearb bes betr bspw bzgl bzw ca chr co corp dipl dr
    dt dtsch ebd engl etc ev evtl exkl fa fam ff fr frl gebr gegr gem gen ges ggf gr hbf hl hr
    hrn hrsg inc inkl insb ing jan feb febr mär apr jun jul aug sep sept okt nov dez jh jhd jr kap
    kfm kgl kl lt ltd max min mio mr mrs ms mrd mag nr nrn obb od op pkt pl pol prof pt rd
    rer rep sen sog spp st std str stv tab tel tsd univ urspr usw verf vgl vs wg zb zt zzgl
    """.split()
)
# Multi-part abbreviations written with inner full stops: z.B., u.a., d.h., v.a.
_DOTTED = r"(?:[^\W\d_]{1,3}\.){2,}"
MONTHS = frozenset(
    """
    januar jänner februar märz april mai juni juli august september oktober november dezember
    jan feb mär apr jun jul aug sep sept okt nov dez
    """.split()
)

# The local part of an address is at most 64 characters (RFC 5321). The bound also keeps the
# tokenizer linear: unbounded, the pattern ran to the end of a run like "a+a+a+…" from each token.
_TOKEN = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"„“”»«]+[^\s<>"„“”»«.,;:!?)\]])
    |(?P<email>[\w.+-]{{1,64}}@[\w-]+(?:\.[\w-]+)+)
    |(?P<dotted>{_DOTTED})
    |(?P<number>[+-]?\d+(?:[.,:/]\d+)*[^\W\d_]*(?:[-‐][^\W_]+)*%?)
    |(?P<word>[^\W_]+(?:[-‐'’][^\W_]+|[-‐](?=[\s,/]|und\b|oder\b))*)
    |(?P<ellipsis>\.\.\.|…)
    |(?P<texquote>``|'')
    |(?P<dashes>--+|[–—])
    |(?P<other>\S)
    """,
    re.VERBOSE,
)
_TITLE_NEXT = re.compile(r"\s+([^\W\d_][\w-]*)")
_ORDINAL_NEXT = re.compile(r"\s+(\w+)")
# Capitalised words that often begin a sentence after a number: "... um 3. Die Polizei ..."
SENTENCE_STARTERS = frozenset(
    """
    der die das den dem des ein eine er sie es ich wir ihr man auch aber doch dann damit danach
    zudem außerdem nun so in im am an auf aus bei mit nach seit von vor zu zum zur für wie was wer
    wo als wenn weil dass ob bis nur noch schon jetzt dies diese dieser dieses deshalb daher
    trotzdem allerdings insgesamt laut the
    """.split()
)


def tokenize(text: str) -> list[Token]:
    """Tokens with character offsets; abbreviations and ordinals keep their dot."""
    tokens: list[Token] = []
    previous_end = 0
    overlaps = False
    length = len(text)
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if end < length and text[end] == ".":
            kind = match.lastgroup
            if kind == "word":
                lowered = match.group().lower()
                if lowered in ABBREVIATIONS or _is_initial(match.group(), text, end):
                    end += 1
                    overlaps = True
            elif kind == "number" and _is_ordinal(text, end):
                end += 1
                overlaps = True
        if start == previous_end:  # the common case, a token right after another: no gap
            tokens.append(Token(start, end, text[start:end], start == 0, start == 0))
            previous_end = end
            continue
        # "Luft-\nfahrt", "Luft-\nund Raumfahrt": a line that ends in a word's hyphen goes on
        # (no sentence ends there; the entity stage keeps such a name whole).
        breaks = text.count("\n", previous_end, start)
        continued = breaks == 1 and bool(tokens) and _hyphen_end(tokens[-1].text)
        tokens.append(
            Token(start, end, text[start:end], True, start == 0 or (breaks > 0 and not continued))
        )
        previous_end = end
    return _refit(tokens, text) if overlaps else tokens


def _hyphen_end(word: str) -> bool:
    """'Luft-', 'Sport-': a word that ends in a hyphen (not a dash standing alone)."""
    return len(word) > 1 and word[-1] in "-‐" and word[-2].isalpha()


def _refit(tokens: list[Token], text: str) -> list[Token]:
    """Undo overlaps left by extending a token over its dot (the next match began there)."""
    fitted: list[Token] = []
    for token in tokens:
        if fitted and token.start < fitted[-1].end:
            if token.end <= fitted[-1].end:
                continue
            token = Token(fitted[-1].end, token.end, text[fitted[-1].end : token.end], False)
        fitted.append(token)
    return fitted


def _is_initial(word: str, text: str, dot: int) -> bool:
    """One capital letter and a dot before a capitalised word: an initial ("A. Wagner")."""
    if len(word) != 1 or not word.isupper():
        return False
    following = _TITLE_NEXT.match(text, dot + 1)
    return following is not None and following.group(1)[:1].isupper()


def _is_ordinal(text: str, dot: int) -> bool:
    """'3. März', '20. Jahrhundert', 'der 2. Bürgermeister' — but not '... um 3. Die ...'."""
    number_start = dot
    while number_start > 0 and text[number_start - 1].isdigit():
        number_start -= 1
    digits = text[number_start:dot]
    following = _ORDINAL_NEXT.match(text, dot + 1)
    if following is None or not digits.isdigit():
        return False
    word = following.group(1)
    if word.lower() in MONTHS or word[:1].islower():
        return True
    if word[:1].isdigit():  # "1. 2. 3." lists, dates like "3. 4. 2024"
        return len(digits) <= 2
    return len(digits) <= 3 and word.lower() not in SENTENCE_STARTERS
