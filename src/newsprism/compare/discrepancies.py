"""Discrepancies: aligned units that disagree on a number, a date or who said it.

"112 Autobahnbrücken" against "120 Autobahnbrücken", "am Dienstag" against "am Montag", "5.40
Uhr" against "6.40 Uhr", the same words given to Fehrmann and to Miriam Ost. Two members of one
fact are compared when they align directly (their own score is at least `DIRECT`: a discrepancy
between units that only meet through a third would be a guess on a guess).

What is not a discrepancy:
- hedged values that can both be true: "rund 120" and "mehr als 100" (each value is an
  interval: "rund" ±15 %, "mehr als"/"über" from the value up, "bis zu" up to it, "fast"/"knapp"
  a little under it; "gegen 5.40 Uhr" ±15 minutes);
- a total and its parts: "5,8 Prozent" against "3,5 und 2,3 Prozent" (only one value against
  one value is a disagreement, and a value that is the sum of the other side's is none); a part
  after "davon", "darunter", "of them" is not compared at all;
- counts of different things: "38 Fahrgäste" and "40 Helfer" (the counted nouns differ);
- values both sides give: "318 zu 290" and "318 zu 209" disagree on 290/209 only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsprism.analyse.document import Document
from newsprism.cluster.features import name_key
from newsprism.compare.values import MONTHS, NUMBER_WORDS, UNITS, WEEKDAYS, read_values, weekday_of
from newsprism.model.comparison import Discrepancy, DiscrepancyValue, Stated
from newsprism.model.spans import EntityLabel, Span

_CURRENCY_SIGNS = frozenset({"€", "$", "£"})
_RELATIVE = frozenset("heute gestern vorgestern morgen übermorgen today yesterday tomorrow".split())
_SCALE_WORDS = frozenset(
    "tausend tsd mio million millionen mrd milliarde milliarden billion billionen thousand k "
    "millions mn billions bn trillion".split()
)
# Words before a number that make it an interval: (low factor, high factor) of the value.
_HEDGES: dict[tuple[str, ...], tuple[float, float]] = {
    **{
        (w,): (0.85, 1.15)
        for w in "rund etwa ca ca. circa ungefähr annähernd gegen around about roughly "
        "approximately some".split()
    },
    **{(w,): (1.0, float("inf")) for w in "über mindestens gut over".split()},
    **{(w,): (0.0, 1.0) for w in "höchstens unter under".split()},
    **{(w,): (0.85, 1.0) for w in "fast knapp beinahe nahezu nearly almost".split()},
    ("mehr", "als"): (1.0, float("inf")),
    ("more", "than"): (1.0, float("inf")),
    ("at", "least"): (1.0, float("inf")),
    ("bis", "zu"): (0.0, 1.0),
    ("up", "to"): (0.0, 1.0),
    ("weniger", "als"): (0.0, 1.0),
    ("less", "than"): (0.0, 1.0),
}
# After these, numbers count a part of what came before ("14 Verletzte, drei davon schwer").
_PART_MARKERS = frozenset("davon darunter including among".split())
_PART_PHRASES = (("von", "ihnen"), ("of", "them"), ("of", "whom"))
_DAY = re.compile(r"(?:\d{4}|-)-\d{2}-\d{2}")  # "2026-03-10", "--03-10"
_MONTH = re.compile(r"(?:\d{4}|-)-\d{2}")  # "2026-03", "--03"
_ARTICLES = frozenset("der die das ein eine the a an".split())
_TIME_TOLERANCE = 15  # minutes either side of "gegen 5.40 Uhr"
_WINDOW = 5  # tokens a number or date with its scale and unit takes at most


@dataclass(frozen=True, slots=True)
class Value:
    """A number or date one unit states, as an interval, with where it stands."""

    field: str  # number | date
    kind: str  # the unit of measure ("" a count) or the kind of date (weekday, day, time …)
    value: str  # normalised, for display and identity
    low: float
    high: float
    noun: str  # what a count counts (lemma), "" when unknown
    span: Span
    # A weekday read off a dated day ("23. September" is a Wednesday), for comparing with a
    # member that gives only the weekday; two dated days are compared as days.
    derived: bool = False


@dataclass(frozen=True, slots=True)
class Member:
    """What discrepancies read of a fact member."""

    index: int  # its place among the fact's members
    values: tuple[Value, ...]
    speaker: str | None
    speaker_span: Span | None  # where the unit names its speaker (or the unit, if it does not)
    language: str


def unit_values(
    document: Document, first: int, last: int, language: str, published: date | None
) -> tuple[Value, ...]:
    """The numbers and dates stated by tokens [first, last), before any part marker."""
    tokens = document.tokens
    words = [t.text.lower() for t in tokens]
    end = _before_part(words, first, last)
    found: list[Value] = []
    index = first
    while index < end:
        word = words[index]
        if not _may_start_value(word):
            index += 1
            continue
        start, stop = max(first, index - 2), min(end, index + _WINDOW)
        # What starts here: the values of a window around it less those before and after it.
        # The words before count: "bis 2035" is a year, "2035 Windparks" a count.
        here = read_values(tokens[start:stop], language, published)
        before = read_values(tokens[start:index], language, published)
        later = read_values(tokens[index + 1 : stop], language, published)
        numbers = [q for q in here.numbers if q not in later.numbers + before.numbers]
        dates = [d for d in here.dates if d not in later.dates + before.dates]
        low, high = _hedge(words, index, first)
        span = Span(tokens[index].start, tokens[_value_end(words, index, end) - 1].end)
        for quantity in numbers[:1]:
            noun = _counted_noun(document, words, index + 1, end, language)
            value = quantity.value
            found.append(
                Value(
                    "number",
                    quantity.unit,
                    f"{_plain(value)} {quantity.unit}".strip(),
                    value * low if value >= 0 else value * high,
                    value * high if value >= 0 else value * low,
                    noun,
                    span,
                )
            )
        for stated in dates[:1]:
            found.append(_date_value(stated, (low, high) != (1.0, 1.0), span))
        index += 1
    if not any(value.kind == "weekday" for value in found):
        # Only a calendar date the unit writes out ("23. September"): "heute" and "gestern" are
        # days too, but of the article's own date, and often of another event than the fact's.
        text = document.text
        found.extend(
            Value("date", "weekday", day, 0.0, 0.0, "", value.span, derived=True)
            for value in found
            if value.kind == "day"
            and any(c.isdigit() for c in value.span.text_of(text))
            and (day := weekday_of(value.value))
        )
    return tuple(found)


def _value_end(words: Sequence[str], index: int, end: int) -> int:
    """The token after a value's words: the number and its scale, unit or "Uhr" ("2,1
    Millionen Euro", "5.40 Uhr"), a day and its month and year ("23. September 2026"), so
    that a reader sees what each outlet wrote."""
    stop = index + 1
    while stop < min(end, index + 4) and (
        words[stop].rstrip(".") in _SCALE_WORDS
        or words[stop] in UNITS
        or words[stop] == "uhr"
        or (words[stop].rstrip(".") in MONTHS and words[stop - 1][:1].isdigit())
        or (len(words[stop]) == 4 and words[stop].isdigit() and words[stop - 1] in MONTHS)
    ):
        stop += 1
    return stop


def _plain(value: float) -> str:
    """2100000.0 → "2100000", 5.8 → "5.8": no exponent, no trailing zeros."""
    return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _before_part(words: Sequence[str], first: int, last: int) -> int:
    for index in range(first, last):
        if words[index] in _PART_MARKERS or (
            (words[index], words[index + 1] if index + 1 < last else "") in _PART_PHRASES
        ):
            # "zwölf Verletzte, drei davon schwer", "three of them": the part's number may
            # come before the marker
            before = words[index - 1] if index > first else ""
            if before[:1].isdigit() or before in NUMBER_WORDS:
                return index - 1
            return index
    return last


def _may_start_value(word: str) -> bool:
    return (
        word[:1].isdigit()
        or word in NUMBER_WORDS
        or word in _CURRENCY_SIGNS
        or word in MONTHS
        or word in _RELATIVE
        or any(word.startswith(day) for day in WEEKDAYS)
    )


def _hedge(words: Sequence[str], index: int, first: int) -> tuple[float, float]:
    before = tuple(words[max(first, index - 2) : index])
    for length in (2, 1):
        found = _HEDGES.get(before[-length:]) if len(before) >= length else None
        if found:
            return found
    return 1.0, 1.0


def _counted_noun(
    document: Document, words: Sequence[str], start: int, end: int, language: str
) -> str:
    """The noun a count counts: the first noun within three words after the number, past
    scale and unit words ("4,2 Millionen Euro" counts nothing; "14 Menschen" people)."""
    tags = document.tags if len(document.tags) == len(words) else None
    lemmas = document.lemmas if len(document.lemmas) == len(words) else None
    for index in range(start, min(end, start + 3)):
        word = words[index]
        if word in _SCALE_WORDS or word in UNITS or word.rstrip(".") in _SCALE_WORDS:
            continue
        if not word[:1].isalpha():
            return ""
        noun = tags[index] in {"NOUN", "PROPN"} if tags and language == "de" else True
        if not noun:
            return ""
        return (lemmas[index] if lemmas else word).lower()
    return ""


def _date_value(stated: str, hedged: bool, span: Span) -> Value:
    if stated.startswith("T"):
        minutes = int(stated[1:3]) * 60 + int(stated[4:6])
        slack = _TIME_TOLERANCE if hedged else 0
        return Value("date", "time", stated, minutes - slack, minutes + slack, "", span)
    if stated in WEEKDAYS.values():
        kind = "weekday"
    elif _DAY.fullmatch(stated):
        kind = "day"
    elif _MONTH.fullmatch(stated):
        kind = "month"
    elif stated.isdigit():
        kind = "year"
    else:
        kind = "relative"  # "-1d": "gestern" in an article without a date
    return Value("date", kind, stated, 0.0, 0.0, "", span)


def fact_discrepancies(
    members: Sequence[Member], direct: Sequence[tuple[int, int]]
) -> tuple[Discrepancy, ...]:
    """Discrepancies among a fact's members. `direct`: the pairs (indexes into `members`)
    whose own alignment is strong enough to compare them."""
    conflicts: list[tuple[str, str, str, str]] = []  # field, kind, one value, the other
    for a, b in direct:
        first, second = members[a], members[b]
        conflicts.extend(_value_conflicts(first, second))
        if is_name(first.speaker) and is_name(second.speaker):
            assert first.speaker and second.speaker  # for mypy: is_name says so
            if _person(first.speaker) != _person(second.speaker):
                conflicts.append(("name", "", first.speaker, second.speaker))
    found: list[Discrepancy] = []
    for field, kind, values in _merged(conflicts):
        stated = []
        for value in values:
            spans = tuple(
                Stated(member.index, span)
                for member in members
                for span in _states(member, field, kind, value)
            )
            stated.append(DiscrepancyValue(value, spans))
        if sum(1 for v in stated if v.stated) >= 2:
            found.append(Discrepancy(field, tuple(v for v in stated if v.stated)))
    return tuple(found)


def is_name(speaker: str | None) -> bool:
    """A person's name, not a description the analysis put in its place ("Die Kanzlerin",
    "die Verhandlungsführerin der Gewerkschaft", "Marsh told MPs"): one to four capitalised
    words, the first no article."""
    words = (speaker or "").split()
    return (
        0 < len(words) <= 4
        and all(word[:1].isupper() for word in words)
        and words[0].lower() not in _ARTICLES
    )


def _person(name: str) -> str:
    return name_key(name, EntityLabel.PER)


def _value_conflicts(first: Member, second: Member) -> list[tuple[str, str, str, str]]:
    same_language = first.language == second.language
    # A number both state counts as agreed whatever its unit: "52 und 46 Jahre alt" reads 52 as
    # a count and "der 52 Jahre alte Fahrer" as years.
    shared = {v.value.split()[0] for v in first.values if v.field == "number"} & {
        v.value.split()[0] for v in second.values if v.field == "number"
    }
    conflicts = []
    # Nouns of two languages never match: across languages a count is compared by position.
    nouns = same_language
    for field, kind, noun in sorted(_slots(first, nouns) & _slots(second, nouns)):
        mine = [v for v in first.values if _in_slot(v, (field, kind, noun), shared, nouns)]
        theirs = [v for v in second.values if _in_slot(v, (field, kind, noun), shared, nouns)]
        if kind == "weekday" and _dated(first) and _dated(second):
            continue  # both give the day: compared as days, not twice
        left, right = _unmatched(mine, theirs)
        if len(left) != 1 or len(right) != 1:
            continue  # nothing left over, or a total against its parts: no single disagreement
        one, other = left[0], right[0]
        if field == "number" and (
            _is_sum(one, theirs)
            or _is_sum(other, mine)
            or not _same_thing(one, other, same_language)
        ):
            continue
        if kind == "relative":
            continue  # "gestern" without a publication date: no day to compare
        conflicts.append((field, kind, one.value, other.value))
    return list(dict.fromkeys(conflicts))


def _dated(member: Member) -> bool:
    return any(value.kind == "day" for value in member.values)


def _slots(member: Member, nouns: bool) -> set[tuple[str, str, str]]:
    """What a member's values are about: a date's kind, a measure's unit, a count's noun (a
    count of unknown nouns is one slot of its own)."""
    return {(v.field, v.kind, _noun(v, nouns)) for v in member.values}


def _noun(value: Value, nouns: bool) -> str:
    return value.noun if nouns and value.field == "number" and not value.kind else ""


def _in_slot(value: Value, slot: tuple[str, str, str], shared: set[str], nouns: bool) -> bool:
    """Whether a value is about the slot; a count of an unknown noun is about any count."""
    field, kind, noun = slot
    if (value.field, value.kind) != (field, kind):
        return False
    if field == "number" and value.value.split()[0] in shared:
        return False
    own = _noun(value, nouns)
    return not own or own == noun


def _agree(one: Value, other: Value) -> bool:
    if one.field == "date" and one.kind != "time":
        return one.value == other.value
    return one.low <= other.high and other.low <= one.high


def _unmatched(mine: list[Value], theirs: list[Value]) -> tuple[list[Value], list[Value]]:
    """The values each side has that the other does not state (hedges allowing)."""
    left = list(mine)
    right = list(theirs)
    for value in list(left):
        match = next((other for other in right if _agree(value, other)), None)
        if match is not None:
            left.remove(value)
            right.remove(match)
    return left, right


def _is_sum(value: Value, parts: Sequence[Value]) -> bool:
    if len(parts) < 2:
        return False
    total = sum((part.low + part.high) / 2 for part in parts)
    return abs(total - (value.low + value.high) / 2) <= 1e-6 * max(1.0, abs(total))


def _same_thing(one: Value, other: Value, same_language: bool) -> bool:
    """Whether two numbers count the same thing: a unit of measure says so; a count needs its
    noun (the same lemma, or the same language's noun unknown on one side only)."""
    if one.kind:
        return True
    if one.noun and other.noun:
        return one.noun == other.noun or not same_language
    return bool(one.noun or other.noun)


def _merged(conflicts: Sequence[tuple[str, str, str, str]]) -> list[tuple[str, str, list[str]]]:
    """Conflicts on one field and kind that share a value are one discrepancy."""
    groups: list[tuple[str, str, list[str]]] = []
    for field, kind, one, other in conflicts:
        for group in groups:
            if group[:2] == (field, kind) and (one in group[2] or other in group[2]):
                group[2].extend(v for v in (one, other) if v not in group[2])
                break
        else:
            groups.append((field, kind, [one, other]))
    return groups


def _states(member: Member, field: str, kind: str, value: str) -> list[Span]:
    if field == "name":
        same = member.speaker and _person(member.speaker) == _person(value)
        return [member.speaker_span] if same and member.speaker_span else []
    return [v.span for v in member.values if (v.field, v.kind, v.value) == (field, kind, value)]
