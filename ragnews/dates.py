"""Every date ragnews reads: parsing dates of files and fields, and resolving dates written in news text.

Parsing (loaders, records, filters): ISO, English month names, RFC 2822, Reuters SGML,
datelines; parse_iso/to_day are the one ISO reader for stored and user-given dates.

Resolving (timelines, answers, chat) is hand-written: dateparser/dateutil resolve "Monday"
against today's date and know nothing of news conventions or tense, which is what matters
here. Against the article's publication date P:

* "Aug. 16", "August 16", "16 August" -> that day in P's year, or the previous year when it
  would fall more than 60 days after P; with a year ("August 23, 2021") -> exactly that day.
* a weekday ("on Monday", "published Monday") -> the most recent such day on or before P;
  "last Monday" -> strictly before P; "next Monday", or a weekday whose own clause is in the
  future tense ("will meet on Tuesday", "is expected to meet ... on Tuesday", "is scheduled
  for Thursday"; the governing verb from spaCy's parse, see clause_tense) -> the first such
  day on or after P (so "is expected to meet ... on Tuesday", P = Monday 23 Aug 2021, gives
  Tuesday 24 Aug). A weekday in a past-tense clause never resolves after P, even when a
  future cue appears elsewhere in the sentence ("Bangladesh will receive a grant ... under an
  agreement signed here Saturday"); only when the parse finds no verb does a future cue
  before the weekday decide. A month-day without a year in a past-tense clause never lands
  after P either (it is then last year's), unless it bounds or schedules what the past act set
  ("had given SAS until March 31", "requested a response by March 12", "called a meeting for April
  22"): that deadline is this year's and does not date the sentence (DateMention.scheduled).
  "last April 26" is the most recent one before P.
* "today"/"tonight" -> P, "yesterday" -> P - 1, "tomorrow" -> P + 1.
* vague expressions ("earlier this month", "last week", "last month", "recently") are not
  turned into a day (DateMention.value None, kind "vague").
* a wire dateline ("SEOUL, June 21 (Reuters) -") is the filing date, not an event
  (find_dateline tells where it ends).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Literal

#: English month and weekday names, lower case, in calendar order (the one list every module uses).
MONTH_NAMES: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                                "october", "november", "december")
WEEKDAY_NAMES: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Abbreviations seen in news copy ("Sept.", "Aug") and the month they name.
MONTH_ABBREVIATIONS: dict[str, str] = {**{m[:3]: m for m in MONTH_NAMES if m != "may"}, "sept": "september"}
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


# A month the query writes alone ("February trade surplus"), not a day ("September 11") nor a month of a year
# ("October 1987": a dated event, which the year rule reads).
_QUERY_MONTH = re.compile(r"\b(January|February|March|April|June|July|August|September|October|November|December)\b"
                          r"(?!,?\s*\d)")
# "Feb", "Feb.", "February" as news copy writes them (capitalised; "Mar" is left out: "March" is how Reuters writes it).
_TEXT_MONTH = re.compile(r"\b(Jan(?:uary)?|Feb(?:ruary)?|March|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
                         r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b")


def query_months(query: str) -> set[int]:
    """The calendar months a story names as a period ("Japan's February trade surplus" -> 2; not "September 11
    attacks" nor "the crash of October 1987"). "May" is left out: a query's "may" is a verb as often as a month."""
    return {m for m in (month_number(name) for name in _QUERY_MONTH.findall(query)) if m}


def written_months(text: str) -> set[int]:
    """The calendar months a text writes by name or abbreviation ("in February", "Feb 20", "Sept.")."""
    return {m for m in (month_number(name) for name in _TEXT_MONTH.findall(text)) if m}


# A month written as a period ("in February", "February's", "first 10 days of March"), not a day ("on March 5",
# "5 March"): the period is what a figure is of; a day is when something was said or released.
_PERIOD_MONTH = re.compile(_TEXT_MONTH.pattern + r"(?!\.?\s*\d)")
_DAY_BEFORE = re.compile(r"\d\s*(?:st|nd|rd|th)?\s*$")


def period_months(text: str) -> set[int]:
    """The months a text writes as periods, not as days (see _PERIOD_MONTH)."""
    return {m for found in _PERIOD_MONTH.finditer(text) if not _DAY_BEFORE.search(text[:found.start()])
            and (m := month_number(found.group(1)))}


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


def read_date(value: object) -> date | datetime | None:
    """Read a date field of a loaded record: ISO/English text anywhere in it, or epoch seconds/milliseconds (UTC)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    if not isinstance(value, str):
        return None
    parsed = parse_date(value)
    if parsed is None and (found := find_date(value)) is not None:
        parsed = found.value
    return parsed


# ----------------------------------------------------------------------------------------
# ISO dates: stored publication dates, since/until filters
# ----------------------------------------------------------------------------------------


def parse_iso(text: str) -> date | datetime | None:
    """Parse an ISO date ('2021-08-23') or datetime ('2021-08-23T11:52:00+00:00'); None for ''.

    Raises:
        ValueError: text is not ISO.
    """
    if not text:
        return None
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def to_day(value: date | datetime | str | None) -> date | None:
    """Return the calendar day of a date, datetime or ISO string (None when missing or not ISO)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


# ----------------------------------------------------------------------------------------
# Dates written in news text, resolved against the publication date
# ----------------------------------------------------------------------------------------

FUTURE_WINDOW_DAYS = 60
HALF_YEAR_DAYS = 183  # a yearless month-day further back than this may be next year's when its clause is future
Basis = Literal["stated", "published"]
#: A year as news writes one (1900-2099): story scope's query years, numbered names and a caption's full date read it.
YEAR = re.compile(r"\b(?:19|20)\d\d\b")

_YEAR_SUFFIX = r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?"
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b" + _YEAR_SUFFIX + r"(?!\s*(?:%|percent|per\b))")
_DAY_MONTH = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?![a-z])" + _YEAR_SUFFIX)
_WEEKDAY_MENTION = re.compile(r"\b(?:(?P<rel>last|next|this|on|since|until|by|from)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!s\b)\b")
_DEICTIC = re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow)\b", re.I)
_VAGUE = re.compile(r"\b(earlier|later) this (week|month|year)\b|\b(last|this|past) (week|month|weekend)\b|\brecently\b|\bin recent (days|weeks)\b", re.I)
#: Words that put a sentence's event after its article: a future or modal auxiliary ("will", "would", "must begin by
#: November 28"), a planned or scheduled event ("is expected", "plans to", "scheduled", "is due", "had been due to
#: expire midnight April 28" -- not "was due to remarks", a cause), "next ..." and "tomorrow". The one list: the dates
#: module reads it when no verb governs a weekday, and the timeline bench and tests read it to tell a scheduled event
#: from a misdated one.
#: Why "must": an obligation with a deadline ("Early voting must begin by November 28", RealTimeQA) is a future event.
FUTURE_CUE = re.compile(r"\b(?:will|shall|would|must|(?:is|are|was|were|be|been) (?:expected|set|slated|poised|planning|"
                        r"going|likely)|(?:is|are|be|been) due|expected to|scheduled|plans? to|intends? to|upcoming|next|"
                        r"tomorrow)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date expression of a sentence, resolved to a day (None when vague or unresolvable)."""

    value: date | None
    start: int
    end: int
    text: str
    kind: Literal["absolute", "weekday", "deictic", "vague"]
    #: a past clause's deadline or scheduled day after publication (_deadline: "had given SAS until March 31"): when
    #: what the act set falls due, not when the act happened -- it never dates its sentence (main_mention)
    scheduled: bool = False


def resolve_month_day(month: int, day: int, year: int | None, published: date | None) -> date | None:
    """Resolve a day of a month: with a year exactly; else in the publication year, or the year before if > 60 days ahead."""
    try:
        if year:
            return date(year, month, day)
        if published is None:
            return None
        value = date(published.year, month, day)
        if (value - published).days > FUTURE_WINDOW_DAYS:
            value = date(published.year - 1, month, day)
        return value
    except ValueError:
        return None


def resolve_weekday(weekday: int, published: date, relation: str = "", future: bool = False) -> date:
    """Resolve a weekday (0 = Monday) against a publication date; 'next' or future tense looks forward."""
    back = (published.weekday() - weekday) % 7
    if relation == "last":
        return published - timedelta(days=back or 7)
    if relation == "next":
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if future:
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    return published - timedelta(days=back)


def _absolute(sentence: str, published: date | None) -> list[DateMention]:
    """Month-day mentions ('Aug. 16', '16 August', 'August 23, 2021')."""
    out = []
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(sentence):
            month = month_number(m["mon"])
            if month is None:
                continue
            value = resolve_month_day(month, int(m["d"]), int(m["y"]) if m["y"] else None, published)
            scheduled = False
            if value and published and not m["y"]:
                if _LAST_BEFORE.search(sentence[:m.start()]):  # "last April 26": the most recent one
                    value = value if value < published else _replace_year(value, value.year - 1)
                elif value > published and _deadline(sentence, m.start()):
                    scheduled = True  # this year's deadline of a past act: kept after publication, dates nothing
                else:
                    value = _by_tense(value, published, sentence, m.start())
            out.append(DateMention(value, m.start(), m.end(), m.group(), "absolute", scheduled))
    return out


#: "last" just before a yearless month-day ("after an explosion and fire at Chernobyl last April 26").
_LAST_BEFORE = re.compile(r"\blast\s+$", re.IGNORECASE)
#: Prepositions by which a clause takes the bound of a period or the day something is arranged for: "until March 31",
#: "by March 12", "before April 30", "from April 1", "for April 22" (spaCy's lower-cased heads of the date's pobj arc).
_BOUND_PREPOSITIONS = frozenset({"until", "till", "by", "before", "after", "from", "through", "for"})


def _deadline(sentence: str, start: int) -> bool:
    """True when the yearless month-day at start, written after publication, is the bound or the arranged day of what a
    past-tense clause set: the object of a bounding preposition (_BOUND_PREPOSITIONS) in a clause whose tense is past.

    Why: such a clause reports a past act -- a deadline given, a response requested, a meeting called, a wage rise
    offered -- and the date is when what it set falls due, which news writes without a year because it is this year's.
    Sent a year back as a past clause's date ("McDonnell Douglas had given SAS until March 31 to agree", 20 March 1987,
    was dated 31 March 1986), the deadline went onto the timeline eleven months before the article reporting it
    (Reuters-21578: 37 main-clause dates so). A date on the past verb itself ("The increase ... was announced April
    26", in an April 13 article) is still last year's: that is when the act happened."""
    from .nlp import parse

    token = next((t for t in parse(sentence) if t.idx + len(t) > start), None)
    return bool(token is not None and token.dep_ == "pobj" and token.head.lower_ in _BOUND_PREPOSITIONS
                and clause_tense(sentence, start) == "past")


def _by_tense(value: date, published: date, sentence: str, start: int) -> date:
    """Move a yearless month-day across a year boundary when its clause's tense says which side of publication it is on.

    Why: the 60-day window alone sends "plans to hold its annual meeting on May 20" (a March article) to the
    year before and "will meet on January 5" (a December article) to the same January, eleven months back; a
    past-tense "was founded on March 20" stays on or before publication. The parse runs only when the window's
    guess could be wrong (a date ahead of publication, or one more than half a year back).
    """
    if value > published:
        past = clause_tense(sentence, start) == "past"
        return _replace_year(value, published.year - 1) if past else value
    if (published - value).days <= HALF_YEAR_DAYS or clause_tense(sentence, start) != "future":
        return value  # a future clause's date a few weeks back is left alone (a slip or a bad parse, not next year)
    ahead = _replace_year(value, published.year)
    if ahead < published:
        ahead = _replace_year(value, published.year + 1)
    return ahead


def _replace_year(value: date, year: int) -> date:
    """value in another year (29 February falls back to the 28th)."""
    try:
        return value.replace(year=year)
    except ValueError:
        return value.replace(year=year, day=28)


def _weekdays(sentence: str, published: date | None) -> list[DateMention]:
    """Weekday mentions, resolved with 'last'/'next' and the tense of their own clause."""
    out = []
    for m in _WEEKDAY_MENTION.finditer(sentence):
        relation = (m["rel"] or "").lower()
        weekday = WEEKDAY_NAMES.index(m["wd"].lower())
        value = None
        if published:
            ahead = weekday != published.weekday() and relation not in ("last", "next") and _looks_ahead(sentence, m.start())
            value = resolve_weekday(weekday, published, relation, ahead)
        out.append(DateMention(value, m.start(), m.end(), m.group(), "weekday"))
    return out


def _looks_ahead(sentence: str, start: int) -> bool:
    """True when the weekday at start may lie after publication: its clause is future tense (never when past)."""
    tense = clause_tense(sentence, start)
    if tense == "unknown":
        return bool(FUTURE_CUE.search(sentence[:start]))
    return tense == "future"


Tense = Literal["past", "future", "unknown"]

#: Verbs and adjectives whose to-infinitive or participle points forward ("is expected to meet",
#: "is scheduled for", "is due to end", "plans to sign").
_FORWARD_HEADS = frozenset({"expect", "schedule", "due", "plan", "intend", "set", "slate", "poise", "aim", "propose", "going", "likely"})
_PAST_AUX = frozenset({"was", "were", "has", "have", "had", "been"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})


def clause_tense(sentence: str, start: int) -> Tense:
    """Return the tense of the verb governing the word at `start` (a weekday, a month-day).

    Why a parse and not a regex: a future cue anywhere before the date ("Bangladesh will
    receive a grant ... under an agreement signed here Saturday", "the decline was due to
    remarks on Sunday") used to send a past-tense weekday forward, past the publication
    date. spaCy's dependency arcs tell which verb the date belongs to; its tag and auxiliaries
    give the tense. "unknown" when no verb governs the date (headlines, lists, a bad parse).
    """
    from .nlp import parse

    doc = parse(sentence)
    token = next((t for t in doc if t.idx + len(t) > start), None)
    verb = governing_verb(token) if token is not None else None
    if verb is None:
        return "unknown"
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX:
        return "future"
    if "to" in aux:  # an infinitive: forward when a future word governs it ("expected to resume")
        head = verb.head
        forward = head.lemma_ in _FORWARD_HEADS or any(c.lemma_ in _FORWARD_HEADS | _FUTURE_AUX for c in head.children)
        return "future" if forward else "unknown"
    if verb.lemma_ in _FORWARD_HEADS and not _done_act(verb, token):
        return "future"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and (not aux or aux & _PAST_AUX)):
        return "past"
    return "unknown"


def _done_act(verb: Any, token: Any) -> bool:
    """True when a forward verb (_FORWARD_HEADS: set, schedule, plan, propose, aim...) is an active simple past whose
    date is not the time it arranged "for": the act itself happened that day.

    Why: these verbs point forward in the passive or the present ("is set for Sunday", "plans to meet"), but in the
    active past they report a done act -- "But on Sunday they set another record as losers of the last five Tyne-Wear
    derbies" (FRANK, a Saturday article) was sent to the next day, after its article, and so were "Several cities set
    temperature records Monday afternoon" and "New Zealand's government on Tuesday proposed taxing ..." (RealTimeQA).
    spaCy's tag tells the past from the present even for verbs whose two forms are spelled alike (set, put, cut, hit:
    VBD by context), so no word list is needed. A date the act arranged "for" stays forward ("A judge scheduled a
    hearing for Friday afternoon", "They planned a news conference for Thursday morning").
    """
    if verb.tag_ != "VBD" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    node = token
    for _ in range(6):  # the date's own phrase, up to its verb
        if node.i == verb.i or node.head.i == node.i:
            return True
        if node.dep_ == "pobj" and node.head.lower_ == "for":
            return False
        node = node.head
    return True


def governing_verb(token: Any) -> Any:
    """Walk up the dependency tree (a few steps) to the first verb or auxiliary above token."""
    node = token
    for _ in range(6):
        if node.head.i == node.i:  # spaCy makes a new Token object per access: `is` never matches
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _deictic(sentence: str, published: date | None) -> list[DateMention]:
    """today / tonight / yesterday / tomorrow."""
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    out = []
    for m in _DEICTIC.finditer(sentence):
        value = published + timedelta(days=shift[m["word"].lower()]) if published else None
        out.append(DateMention(value, m.start(), m.end(), m.group(), "deictic"))
    return out


def resolve_dates(sentence: str, published: date | datetime | str | None) -> list[DateMention]:
    """Return the date mentions of a sentence in text order, resolved against the publication date.

    Args:
        sentence: one sentence.
        published: the article's publication date (date, datetime or ISO string), or None.

    Returns:
        DateMentions; value is None for vague mentions and for relative ones without a publication date.
    """
    day = to_day(published)
    found = _absolute(sentence, day) + _weekdays(sentence, day) + _deictic(sentence, day)
    found += [DateMention(None, m.start(), m.end(), m.group(), "vague") for m in _VAGUE.finditer(sentence)]
    found.sort(key=lambda d: (d.start, -d.end))
    kept: list[DateMention] = []
    for mention in found:  # overlapping matches: keep the first, longest
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


#: Dependency arcs that open a clause giving background to the sentence's news (spaCy labels): a relative
#: clause ("whose government was overthrown ... on May 14"), a participle or infinitive modifying a noun
#: ("its ban, imposed after the May 14 coup"), an adverbial clause ("after talks collapsed on Monday, ...").
_BACKGROUND_ARCS = frozenset({"relcl", "acl", "advcl"})
#: Arcs by which a date, or an adjective carrying one, modifies a noun: "the May 31 deadline" (nmod,
#: compound), "notes due May 31, 1992" (the adjective "due" is an amod of "notes").
_NOUN_MODIFIER_ARCS = frozenset({"nmod", "compound", "amod"})
_NOUNS = frozenset({"NOUN", "PROPN"})
#: Verbs that move a schedule or a term: the date they take through "to", "until", "from"... is the new
#: state's ("extended for two years from July 1", "agree to postpone public hearings ... to March 19/20",
#: "extended its offer to March 20"), not when the verb's event happened. Lemmas (spaCy).
CHANGE_VERBS = frozenset({
    "extend", "postpone", "delay", "defer", "reschedule", "adjourn", "prolong", "renew", "move", "push",
    "bring", "put", "advance", "shift",
})
#: Prepositions by which a change verb takes its new date.
_CHANGE_PREPOSITIONS = frozenset({"to", "until", "till", "from", "through", "into"})
#: Verbs of deciding, agreeing or arranging whose infinitive complement is an action still to come ("decided ... to
#: hold a public hearing on March 13", "voted to pay a dividend on April 1"): the complement's date is when the
#: scheduled action is to happen, not when the decision was taken. Lemmas (spaCy). Aspectual and implicative verbs
#: ("began to trade on March 14", "failed to pay on March 1") are not here: their complement is the event itself.
SCHEDULING_VERBS = frozenset({
    "decide", "agree", "vote", "plan", "intend", "promise", "pledge", "resolve", "undertake", "offer", "propose",
    "schedule", "arrange", "threaten", "aim", "prepare", "choose", "elect", "order", "ask", "urge", "call", "invite",
    "authorize", "authorise", "instruct", "set", "expect", "request", "demand", "recommend", "insist", "require",
    "petition",
})
#: Subordinators of an open question or a condition: a clause under them ("declined to comment on whether the company
#: was confident of reaching an agreement before April 30", "if talks fail by Friday", "unless it pays by May 1") is
#: not a fact of the sentence. One set for every module: story scope reads an event under them as only supposed.
OPEN_MARKERS = frozenset({"whether", "if", "unless"})


def in_background(sentence: str, start: int) -> bool:
    """True when the word at `start` (a date) does not date the sentence's main event: it sits in a
    subordinate clause, or it is an attribute of a noun phrase.

    Reported speech is main clause: in "Texaco said it filed for bankruptcy on Sunday" the filing
    (a clausal complement of "said") is the news. A date inside a noun phrase names a property of
    the thing ("Boeing bought ... convertible notes due May 31, 1992": the notes' maturity, five years
    after the purchase; "extended the May 31 deadline"), not when the verb's event happened; a
    date attached to the verb ("bought the notes on May 31") still dates it.
    """
    from .nlp import parse

    doc = parse(sentence)
    node = next((t for t in doc if t.idx + len(t) > start), None)
    below_verb = True  # still inside the date's own phrase, below the first verb on the path
    for _ in range(40):  # a path to the root; the bound only guards against a malformed parse
        if node is None or node.head.i == node.i:  # spaCy makes a new Token per access: compare positions
            return False
        if node.dep_ in _BACKGROUND_ARCS and not _verbless_root(node.head):
            return True
        if below_verb and _modifies_noun(node):
            return True
        if below_verb and _new_date_of_change(node):
            return True
        if below_verb and _scheduled_by_past_decision(node.head):
            return True
        if _open_question(node):
            return True
        below_verb = below_verb and (node.head.pos_ not in ("VERB", "AUX") or _nominal_gerund(node.head))
        node = node.head
    return False


def _modifies_noun(token: Any) -> bool:
    """True when token (the date, or a word between it and its verb) modifies a noun: an nmod/compound/amod arc into
    a noun, the word itself not a verb (a participle modifying a noun is an acl, already background)."""
    return bool(token.dep_ in _NOUN_MODIFIER_ARCS and token.head.pos_ in _NOUNS and token.pos_ not in ("VERB", "AUX"))


def _new_date_of_change(token: Any) -> bool:
    """True when token is the object of "to/until/from..." hanging from a change verb (CHANGE_VERBS): the date is
    when the extended term starts or where the postponed event now sits, not when the extension or postponement
    happened (the article's day, or another main-clause date, dates that)."""
    prep = token.head
    return bool(token.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in _CHANGE_PREPOSITIONS
                and prep.head.pos_ in ("VERB", "AUX") and prep.head.lemma_.lower() in CHANGE_VERBS)


def _scheduled_by_past_decision(verb: Any) -> bool:
    """True when verb (the first verb above a date) is the infinitive complement of a past-tense verb of deciding or
    arranging (SCHEDULING_VERBS): "LDP members decided ... to hold a public hearing ... on March 13" reports the
    decision (the article's day, or the decision's own date); March 13 is when the hearing is to be held. Like a
    change verb's new date, it dated a past-tense sentence after its article."""
    head = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("xcomp", "ccomp") or head.i == verb.i:
        return False
    if not (_to_infinitive(verb) or _bare_subjunctive(verb)):
        return False
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    past = head.tag_ == "VBD" or (head.tag_ == "VBN" and bool(aux & _PAST_AUX))
    return bool(past and head.lemma_.lower() in SCHEDULING_VERBS)


def _to_infinitive(verb: Any) -> bool:
    """A to-infinitive: "decided ... to hold a public hearing on March 13"."""
    return bool(verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def _bare_subjunctive(verb: Any) -> bool:
    """A that-clause or bare clause in the subjunctive, as verbs of requesting take it: "has requested its plan ... be
    set for hearing ... on April 28", "asked that the meeting be held on May 5" -- a base-form verb with its own
    subject, or a passive participle under a base-form "be", with no modal and no "to"."""
    children = list(verb.children)
    if any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "MD") for c in children):
        return False
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
    base_be = any(c.dep_ == "auxpass" and c.lower_ == "be" and c.tag_ == "VB" for c in children)
    return bool(has_subject and (verb.tag_ == "VB" or (verb.tag_ == "VBN" and base_be)))


def _nominal_gerund(token: Any) -> bool:
    """A gerund that is the object of a preposition ("be set for hearing ... on April 28"): a noun in all but its tag,
    so the clause verb above it ("set") is still the date's first verb."""
    return bool(token.tag_ == "VBG" and token.dep_ == "pcomp" and not any(c.dep_ in ("nsubj", "dobj")
                                                                            for c in token.children))


def _open_question(token: Any) -> bool:
    """True when token heads a clause opened by "whether", "if" or "unless" (OPEN_MARKERS): any date under it belongs to a
    question or a condition, not to what happened -- a Cominco spokesman "declined to comment on whether the company
    was confident of reaching a new agreement before April 30" (published 17 March) was dated April 30. The clause
    can sit as a prepositional complement (pcomp) or a clausal one (ccomp); the marker says which it is."""
    return bool(token.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in OPEN_MARKERS
                                                         for c in token.children))


def _verbless_root(token: Any) -> bool:
    """A sentence root that is not a verb: the small model misread the main clause ("Texaco, the nation's
    third-largest oil company, filed ... today" -> root "Texaco", "filed" a modifier of it), so a clause
    hanging from it is the main clause, not background."""
    return bool(token.head.i == token.i and token.pos_ not in ("VERB", "AUX"))


def main_mention(sentence: str, mentions: list[DateMention]) -> DateMention | None:
    """The resolved date of the sentence's main clause: the first resolved mention not in a subordinate clause.

    Why: "The government welcomed a decision ... to lift its ban on shipments to Fiji, imposed in
    support of Bavadra, whose newly-elected government was overthrown in a military coup on May 14"
    reports the welcome (the article's day), not the coup; dating it May 14 put the welcome on the
    coup's day. A past clause's deadline after publication (DateMention.scheduled: "had given SAS until March 31") is
    not when its act happened either. None when every resolved date is background (the main event is then undated).
    """
    return next((m for m in mentions if m.value is not None and not m.scheduled and not in_background(sentence, m.start)),
                None)


def event_date(sentence: str, published: date | datetime | str | None) -> tuple[date, Basis] | None:
    """Return the sentence's event date and basis: its main clause's resolved date (stated), else the publication date.

    Returns None when neither is known.
    """
    mention = main_mention(sentence, resolve_dates(sentence, published))
    if mention is not None and mention.value is not None:
        return mention.value, "stated"
    day = to_day(published)
    return (day, "published") if day else None


# ----------------------------------------------------------------------------------------
# Date phrases of questions and answers (chat follow-ups, expected answer types)
# ----------------------------------------------------------------------------------------

_MONTH_WORD = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
               r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE_PHRASE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}(?:-\d{{2}})?|\d{{1,2}} {_MONTH_WORD}(?:,? \d{{4}})?|{_MONTH_WORD}(?: \d{{1,2}}(?:st|nd|rd|th)?)?(?:,? \d{{4}})?|(?:19|20)\d{{2}})\b"
)


def date_phrases(text: str) -> list[str]:
    """Return the dates and periods written in text ('June 2021', '2021-08-23', 'Aug 23')."""
    return list(dict.fromkeys(m.group().strip() for m in _DATE_PHRASE.finditer(text)))


_MONTH_ABBR = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: A sentence stating an exact day (what "what date ..." questions need).
EXACT_DATE = re.compile(rf"\b{_MONTH_ABBR}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH_ABBR}|\b\d{{4}}-\d\d-\d\d\b|"
                         r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
#: A sentence saying when (what "when ..." questions need): a year, month, weekday or period word.
DATEISH = re.compile(r"\b(\d{4}|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
                      r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|week|month|year|since|ago)\b", re.I)
