"""Numbers and dates in a run of tokens, normalised so that outlets and languages meet.

"4,2 Mio. Euro" and "€4.2m" are both `Quantity(4200000, "EUR")`; "120 Gigawatt", "120 gigawatts"
and "120-Gigawatt-Ziel" are `Quantity(120, "GW")`; "zwölf" and "twelve" are 12. Dates are ISO-like
strings: a weekday ("tue"), a day ("2026-03-10", or "--03-10" when the year is unknown), a month
("2026-03", "--03"), a year ("2026"), a time of day ("T14:30"). "gestern" and "yesterday" become
the day and weekday before publication when the article has a date, so that "gestern" in a
Tuesday paper meets "am Montag" elsewhere. Alignment compares these cheaply, and a discrepancy
("112 Brücken" vs "120 Brücken", "Montag" vs "Dienstag") is a difference between them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.analyse.document import Token


@dataclass(frozen=True, slots=True, order=True)
class Quantity:
    """A number with its unit of measure or currency; `unit` is "" for a plain count."""

    value: float
    unit: str = ""


WEEKDAYS: dict[str, str] = {
    "montag": "mon",
    "dienstag": "tue",
    "mittwoch": "wed",
    "donnerstag": "thu",
    "freitag": "fri",
    "samstag": "sat",
    "sonnabend": "sat",
    "sonntag": "sun",
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}
_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def weekday_of(stated: str) -> str | None:
    """The weekday of a dated day ("2026-10-08" → "thu"); None for anything else ("--10-08",
    a month, a time): "am Donnerstag" and "am 8. Oktober" are the same day when it is one."""
    match = _ISO_DAY.fullmatch(stated)
    if match is None:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return _WEEKDAY_NAMES[day.weekday()]


# "Dienstagabend", "montags", "Tuesdays": the weekday is still the claim.
_WEEKDAY_SUFFIX = r"(?:s|abend|morgen|mittag|nachmittag|vormittag|nacht|früh)?"
_WEEKDAY_WORD = re.compile(
    "(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + ")" + _WEEKDAY_SUFFIX + r"\Z"
)
_RELATIVE_DAYS: dict[str, int] = {
    "heute": 0,
    "gestern": -1,
    "vorgestern": -2,
    "morgen": 1,  # lower-case only: "am Morgen" is the morning
    "übermorgen": 2,
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
}
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "januar jänner january jan",
            "februar february feb febr",
            "märz march mär mar",
            "april apr",
            "mai may",
            "juni june jun",
            "juli july jul",
            "august aug",
            "september sept sep",
            "oktober october okt oct",
            "november nov",
            "dezember december dez dec",
        ),
        start=1,
    )
    for name in names.split()
}
# Number words up to twenty. German "ein"/"eine" are left out: nearly always the article.
NUMBER_WORDS: dict[str, int] = {
    word: number
    for number, words in enumerate(
        (
            "null zero",
            "eins one",
            "zwei two",
            "drei three",
            "vier four",
            "fünf five",
            "sechs six",
            "sieben seven",
            "acht eight",
            "neun nine",
            "zehn ten",
            "elf eleven",
            "zwölf twelve",
            "dreizehn thirteen",
            "vierzehn fourteen",
            "fünfzehn fifteen",
            "sechzehn sixteen",
            "siebzehn seventeen",
            "achtzehn eighteen",
            "neunzehn nineteen",
            "zwanzig twenty",
        )
    )
    for word in words.split()
}
# Scales after a number. German "Billion" is 10^12, English "billion" 10^9: keyed by language.
_SCALES: dict[str, dict[str, float]] = {
    "de": {
        "tausend": 1e3,
        "tsd": 1e3,
        "mio": 1e6,
        "million": 1e6,
        "millionen": 1e6,
        "mrd": 1e9,
        "milliarde": 1e9,
        "milliarden": 1e9,
        "billion": 1e12,
        "billionen": 1e12,
    },
    "en": {
        "thousand": 1e3,
        "k": 1e3,
        "million": 1e6,
        "millions": 1e6,
        "mn": 1e6,
        "billion": 1e9,
        "billions": 1e9,
        "bn": 1e9,
        "trillion": 1e12,
    },
}
# Units of measure and currencies, in either language, lower-cased, to one symbol.
UNITS: dict[str, str] = {
    word: unit
    for unit, words in {
        "%": "% prozent percent pct",
        "pp": "prozentpunkte prozentpunkten prozentpunkt",
        "EUR": "euro euros € eur",
        "USD": "dollar dollars us-dollar $ usd",
        "GBP": "pfund £ gbp pounds sterling",
        "GW": "gigawatt gigawatts gw",
        "MW": "megawatt megawatts mw",
        "kW": "kilowatt kilowatts kw",
        "TWh": "terawattstunden terawattstunde terawatt-hours twh",
        "GWh": "gigawattstunden gigawattstunde gigawatt-hours gwh",
        "kWh": "kilowattstunden kilowattstunde kilowatt-hours kwh",
        "km": "kilometer kilometern kilometre kilometres kilometers km",
        "m": "meter metern metre metres meters",
        "t": "tonnen tonne tonnes tons ton",
        "kg": "kilogramm kilogram kilograms kilo kilos kg",
        "h": "stunden stunde hours hour std",
        "min": "minuten minute minutes minutes min",
        "d": "tage tagen tag days day",
        "wk": "wochen woche weeks week",
        "mo": "monate monaten monat months month",
        "yr": "jahre jahren jahr years year",
    }.items()
    for word in words.split()
}
# The first unit word after a number may follow a scale ("4,2 Mio. Euro") or a hyphen
# ("120-Gigawatt-Ziel"); "percentage points" is two words.
_PREFIX_CURRENCY = {"€": "EUR", "$": "USD", "£": "GBP"}
_NUMERAL = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
_DE_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?")
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(am|pm|a\.m\.|p\.m\.)?")
_HOUR_SUFFIX = re.compile(r"(\d{1,2})(am|pm)")
_SCORE = re.compile(r"\d+:\d+")
# Words before a bare four-digit number that make it a year ("seit 2019", "in 2019").
_YEAR_CUES = frozenset(
    "im jahr jahre jahres seit bis von vor ab anfang ende mitte sommer herbst winter frühjahr "
    "in since until by from year of early late mid before after".split()
)
MAX_NUMBER_DIGITS = 15  # a longer digit run is an id or a code, not a quantity


@dataclass(slots=True)
class Values:
    """What `read_values` found: the quantities and dates, each once, in order of appearance."""

    numbers: list[Quantity]
    dates: list[str]

    def add_number(self, quantity: Quantity) -> None:
        if quantity not in self.numbers:
            self.numbers.append(quantity)

    def add_date(self, value: str) -> None:
        if value not in self.dates:
            self.dates.append(value)


def read_values(
    tokens: Sequence[Token], language: str = "de", published: date | None = None
) -> Values:
    """The quantities and dates stated by these tokens (one unit's worth of text)."""
    language = "en" if language == "en" else "de"
    found = Values([], [])
    index = 0
    words = [t.text for t in tokens]
    lower = [w.lower() for w in words]
    while index < len(words):
        taken = _read_date(words, lower, index, published, found)
        if taken:
            index += taken
            continue
        taken = _read_number(words, lower, index, language, found)
        index += taken or 1
    return found


def _read_date(
    words: list[str], lower: list[str], index: int, published: date | None, found: Values
) -> int:
    """Tokens consumed by a date or time at `index` (0 when there is none)."""
    word, low = words[index], lower[index]
    weekday = _weekday(low)
    if weekday:
        found.add_date(weekday)
        return 1
    if low in _RELATIVE_DAYS and (low != "morgen" or word == "morgen"):
        offset = _RELATIVE_DAYS[low]
        if published is None:
            found.add_date(f"{offset:+d}d")
        else:
            day = published + timedelta(days=offset)
            found.add_date(day.isoformat())
            found.add_date(_WEEKDAY_NAMES[day.weekday()])
        return 1
    following = lower[index + 1] if index + 1 < len(words) else ""
    if (
        low in MONTHS
        and word[:1].isupper()
        and (len(low) > 3 or low == "mai" or following[:1].isdigit())
    ):
        return _month_first(words, lower, index, published, found)
    number = _day_number(word)
    if number and following.rstrip(".") in MONTHS:
        month = MONTHS[following.rstrip(".")]
        year, used = _year_after(words, index + 2)
        found.add_date(_iso(year or _year(published), month, number))
        return 2 + used
    dotted = _DOTTED_DATE.fullmatch(word)
    if dotted and dotted.group(3) and 1 <= int(dotted.group(2)) <= 12:
        year = int(dotted.group(3))
        year = year + 2000 if year < 100 else year
        found.add_date(_iso(year, int(dotted.group(2)), int(dotted.group(1))))
        return 1
    return _read_time(words, lower, index, found)


def _read_time(words: list[str], lower: list[str], index: int, found: Values) -> int:
    word, low = words[index], lower[index]
    following = lower[index + 1] if index + 1 < len(words) else ""
    clock = _CLOCK.fullmatch(low)
    if clock and (":" in low or following == "uhr" or clock.group(3)):
        hour = int(clock.group(1)) + (12 if (clock.group(3) or "").startswith("p") else 0)
        if hour < 24 and int(clock.group(2)) < 60:
            found.add_date(f"T{hour:02d}:{clock.group(2)}")
            return 2 if following == "uhr" else 1
    suffix = _HOUR_SUFFIX.fullmatch(low)
    if suffix or (word.isdecimal() and following == "uhr" and int(word) < 24):
        hour = int(suffix.group(1)) if suffix else int(word)
        if suffix and suffix.group(2) == "pm" and hour < 12:
            hour += 12
        found.add_date(f"T{hour:02d}:00")
        return 1 if suffix else 2
    if _SCORE.fullmatch(low):
        return 1  # "3:1" is a score, no quantity of its own
    return 0


def _month_first(
    words: list[str], lower: list[str], index: int, published: date | None, found: Values
) -> int:
    """'March 12, 2026', 'März 2026', 'Mitte März'."""
    month = MONTHS[lower[index]]
    following = words[index + 1] if index + 1 < len(words) else ""
    day = int(following) if following.isdecimal() and 1 <= int(following) <= 31 else 0
    if day:
        after = index + 2
        if after < len(words) and words[after] == ",":
            after += 1
        year, used = _year_after(words, after)
        found.add_date(_iso(year or _year(published), month, day))
        return after - index + used if used else 2
    year, used = _year_after(words, index + 1)
    found.add_date(f"{year:04d}-{month:02d}" if year else f"--{month:02d}")
    return 1 + used


def _weekday(low: str) -> str | None:
    # One expression for all names: this runs for every word of every unit.
    match = _WEEKDAY_WORD.match(low)
    return WEEKDAYS[match[1]] if match else None


def _day_number(word: str) -> int:
    digits = word.rstrip(".")
    # isdecimal, not isdigit: "²" is a digit that int() does not read.
    if digits.isdecimal() and 1 <= int(digits) <= 31:
        return int(digits)
    return 0


def _year_after(words: list[str], index: int) -> tuple[int, int]:
    if index < len(words) and words[index].isdecimal() and len(words[index]) == 4:
        return int(words[index]), 1
    return 0, 0


def _year(published: date | None) -> int:
    return published.year if published else 0


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _read_number(
    words: list[str], lower: list[str], index: int, language: str, found: Values
) -> int:
    """Tokens consumed by a quantity at `index` (0 when there is none)."""
    currency = _PREFIX_CURRENCY.get(words[index], "")
    start = index + 1 if currency else index
    if start >= len(words):
        return 0
    token, low = words[start], lower[start]
    match = _NUMERAL.match(token)
    if match is None:
        if currency or low not in NUMBER_WORDS or (low == "one" and not _counts_next(lower, start)):
            return 0
        value: float | None = float(NUMBER_WORDS[low])
        numeral, suffix = low, ""
    else:
        numeral, suffix = match.group(), token[match.end() :].lower().lstrip("-‐")
        value = _parse_numeral(numeral, language)
    if value is None:
        return start - index + 1
    if _is_year(value, numeral, suffix, words, start):
        found.add_date(numeral)
        return start - index + 1
    used = start - index + 1
    # The scale and the unit may be glued on ("1.2bn", "120-Gigawatt-Ziel", "6,5%") or follow.
    parts = suffix.split("-") if suffix else []
    scale = _scale(parts[0], language, bool(currency)) if parts else 0.0
    unit = currency
    if parts and not scale:
        unit = unit or UNITS.get(parts[0], "")
    elif scale:
        value *= scale
        unit = unit or (UNITS.get(parts[1], "") if len(parts) > 1 else "")
    else:
        following = lower[start + 1].rstrip(".") if start + 1 < len(words) else ""
        scale = _scale(following, language, bool(currency))
        if scale:
            value *= scale
            used += 1
        if not unit:
            unit, more = _unit_after(lower, start + 1 + (1 if scale else 0))
            used += more
    found.add_number(Quantity(value, unit))
    return used


def _scale(word: str, language: str, after_currency: bool) -> float:
    word = word.rstrip(".")
    if after_currency and word == "m":
        return 1e6  # "€4.2m": million; a bare "4.2m" is metres
    return _SCALES[language].get(word, 0.0)


def _unit_after(lower: list[str], index: int) -> tuple[str, int]:
    if index >= len(lower):
        return "", 0
    word = lower[index].rstrip(".") if lower[index] != "." else ""
    if word == "percentage" and index + 1 < len(lower) and lower[index + 1].startswith("point"):
        return "pp", 2
    unit = UNITS.get(word) or UNITS.get(lower[index], "")
    return unit, 1 if unit else 0


def _counts_next(lower: list[str], index: int) -> bool:
    """'one person died' counts; 'one of the', 'one day' and 'no one' do not."""
    following = lower[index + 1] if index + 1 < len(lower) else ""
    before = lower[index - 1] if index else ""
    return following not in {"of", "another", "day", "", ",", "."} and before not in {"no", "the"}


def _parse_numeral(numeral: str, language: str) -> float | None:
    digits = sum(c.isdigit() for c in numeral)
    if digits > MAX_NUMBER_DIGITS:
        return None
    if language == "de":
        if _DE_THOUSANDS.fullmatch(numeral.lstrip("+-")):
            numeral = numeral.replace(".", "")
        numeral = numeral.replace(",", ".")
    elif _EN_THOUSANDS.fullmatch(numeral.lstrip("+-")):
        numeral = numeral.replace(",", "")
    else:
        numeral = numeral.replace(",", ".")
    if numeral.count(".") > 1:
        return None  # "1.2.3": a version or a section, not a quantity
    try:
        return float(numeral)
    except ValueError:
        return None


def _is_year(value: float, numeral: str, suffix: str, words: list[str], index: int) -> bool:
    """A bare four-digit number from 1900 to 2099 after "seit", "im Jahr", "in"…, at a clause
    end, or before a lower-case German word ("1968 eröffnet": a counted noun is capitalised)."""
    if suffix or not numeral.isdigit() or len(numeral) != 4 or not 1900 <= value <= 2099:
        return False
    before = words[index - 1].lower() if index else ""
    after = words[index + 1] if index + 1 < len(words) else ""
    return (
        before in _YEAR_CUES
        or before in MONTHS
        or after in {"", ".", ",", ";", ")", ":"}
        or (after.isalpha() and after.islower() and after not in UNITS)
    )
