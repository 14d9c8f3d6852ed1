"""Hand-written date parsing for news text: ISO, English month names, RFC 2822, Reuters SGML, datelines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
ZONES: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "KST": 540, "JST": 540, "IST": 330,
}

_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_ZONE = r"(?P<tz>[+-]\d{2}:?\d{2}|" + "|".join(sorted(ZONES, key=len, reverse=True)) + r")"
_TIME = (
    r"(?:(?:T|\s*(?:[-\u2013\u2014,|]|at\b)?\s*)"
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,6}))?)?"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?(?:\s*" + _ZONE + r"\b)?)?"
)
_END = r"(?![\w:])"
_PATTERNS: list[re.Pattern[str]] = [
    re.compile(r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})" + _TIME + _END),
    re.compile(r"(?<![\w/])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})" + _TIME + _END),
    re.compile(r"(?<![\w-])(?P<d>\d{1,2})-" + _MONTH + r"-(?P<y>\d{4})" + _TIME + _END, re.I),
    re.compile(r"(?<!\w)" + _WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>\d{4})" + _TIME + _END, re.I),
    re.compile(r"(?<!\w)" + _WEEKDAY + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME + _END, re.I),
]

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\- ]*[A-Z.])(?:,\s*(?P<region>[A-Za-z.' ]+?))??"
    r"(?:,\s*" + _MONTH + r"\s+(?P<d>\d{1,2})(?:,\s*(?P<y>\d{4}))?)?"
    r"\s*\((?P<wire>Reuters|AP|AFP|Associated Press)\)\s*[-\u2013\u2014]+\s*"
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text, with its character span."""

    value: date | datetime
    start: int
    end: int


@dataclass(frozen=True)
class Dateline:
    """A wire dateline such as 'SEOUL, June 21 (Reuters) -'."""

    place: str
    wire: str
    month: int | None
    day: int | None
    year: int | None
    end: int


def month_number(name: str) -> int | None:
    """Return 1-12 for an English month name or abbreviation, else None."""
    return MONTHS.get(name.strip(". ").lower()[:3])


def _zone(text: str | None) -> timezone | None:
    """Return the timezone for a zone abbreviation or numeric offset, or None."""
    if not text:
        return None
    if text.upper() in ZONES:
        return timezone(timedelta(minutes=ZONES[text.upper()]))
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _hour(hour: int, ampm: str | None) -> int:
    """Return the 24-hour clock hour for an hour with an optional am/pm marker."""
    if not ampm:
        return hour
    if ampm[0].lower() == "p":
        return hour % 12 + 12
    return hour % 12


def _build(groups: dict[str, str | None]) -> date | datetime | None:
    """Return the date/datetime named by regex groups, or None when they are not a real date."""
    numeric = groups.get("m")
    month = int(numeric) if numeric else month_number(groups.get("mon") or "")
    try:
        day = date(int(groups["y"] or 0), month or 0, int(groups["d"] or 0))
        if not groups.get("H"):
            return day
        micro = int((groups.get("f") or "0").ljust(6, "0")[:6])
        hour = _hour(int(groups.get("H") or 0), groups.get("ampm"))
        clock = datetime(day.year, day.month, day.day, hour, int(groups["M"] or 0), int(groups.get("S") or 0), micro)
        return clock.replace(tzinfo=_zone(groups.get("tz")))
    except (ValueError, OverflowError):
        return None


def parse_date(text: str) -> date | datetime | None:
    """Return the date (or datetime, aware only when a zone is stated) that text spells exactly, else None."""
    text = text.strip()
    if not text or len(text) > 80:
        return None
    for pattern in _PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            return _build(found.groupdict())
    return None


def find_date(text: str) -> DateMatch | None:
    """Return the earliest valid date written anywhere in text, with its span, else None."""
    best: DateMatch | None = None
    for pattern in _PATTERNS:
        for found in pattern.finditer(text):
            if best is not None and found.start() >= best.start:
                break
            value = _build(found.groupdict())
            if value is not None:
                best = DateMatch(value, found.start(), found.end())
                break
    return best


def find_dateline(text: str) -> Dateline | None:
    """Return the wire dateline at the start of text ('SEOUL, June 21 (Reuters) -'), else None."""
    found = _DATELINE.match(text)
    if not found:
        return None
    wire = "AP" if found["wire"] == "Associated Press" else found["wire"]
    month = month_number(found["mon"]) if found["mon"] else None
    day = int(found["d"]) if found["d"] else None
    year = int(found["y"]) if found["y"] else None
    return Dateline(found["place"].strip(), wire, month, day, year, found.end())


def dateline_date(dateline: Dateline, year: int | None = None) -> date | None:
    """Return the dateline's date, using year when the dateline states none; None if incomplete."""
    year = dateline.year or year
    if not (year and dateline.month and dateline.day):
        return None
    try:
        return date(year, dateline.month, dateline.day)
    except ValueError:
        return None
