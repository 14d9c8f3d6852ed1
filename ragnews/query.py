"""News query understanding: which outlets and dates a question names, and which parts it joins.

A journalist's question carries metadata that plain retrieval treats as ordinary words:
"as reported by TechCrunch" names an outlet, "after Aug. 16" a date range, "Did X report A
after Y reported B?" two reports. This module turns those into *soft* hints (the retriever
boosts, never filters: a misread phrase must not hide the right article) and says what it
understood so the user can check it. Hand-written regexes rather than a date library:
dateparser and friends parse single dates, not the ranges and relative phrases ("last week",
"after Aug. 16") news questions use, and must resolve against the corpus, not the clock.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from .dates import month_number
from ._text import STOPWORDS, words
from .models import DateWindow, Understanding

#: Alias groups of well-known outlets: a stored outlet matching any name of a group answers to all of them.
_ALIAS_GROUPS: tuple[tuple[str, ...], ...] = (
    ("associated press", "ap", "ap news", "apnews"),
    ("new york times", "nyt", "nytimes", "ny times"),
    ("wall street journal", "wsj"),
    ("washington post", "wapo", "washingtonpost"),
    ("bbc", "bbc news"),
    ("cnn", "cnn business", "cnn politics"),
    ("reuters",),
    ("bloomberg", "bloomberg news"),
    ("financial times", "ft"),
    ("los angeles times", "la times", "latimes"),
    ("usa today", "usatoday"),
    ("npr", "national public radio"),
    ("cnbc",),
    ("fox news", "foxnews", "fox"),
    ("nbc news", "nbcnews", "nbc"),
    ("abc news", "abcnews"),
    ("cbs news", "cbsnews"),
    ("the guardian", "guardian"),
    ("techcrunch",),
    ("the verge", "verge"),
    ("business insider", "insider"),
)
#: One-word outlet names that are also ordinary words: not an outlet when they open the question.
_WORDLIKE = frozenset({"time", "fortune", "wired", "vice", "slate", "mint", "hill", "insider", "fox", "verge", "post",
                       "times", "sun", "mirror", "independent", "express", "star", "guardian", "axios", "politico"})
_TLD = re.compile(r"\.(?:com|org|net|co\.uk|co|uk|io|news|tv|us|ca|au|in)$")
_PUNCT = re.compile(r"[^\w\s.&'-]+")

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
#: One date expression: ISO, "Aug. 16, 2023", "16 August 2023", "Aug. 16", "November 2023", "November", "2023".
_DATE = (rf"(?:\d{{4}}-\d\d-\d\d|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
         rf"|{_MONTH}(?:\s+of)?,?\s+{_YEAR}|{_MONTH}|{_YEAR})")
_RANGE = re.compile(rf"\b(?:between|from)\s+(?P<a>{_DATE})\s+(?:and|to|until|through)\s+(?P<b>{_DATE})(?!\w)", re.IGNORECASE)
_AFTER = re.compile(rf"\b(?:after|since|from|starting)\s+(?P<a>{_DATE})(?!\w)", re.IGNORECASE)
_BEFORE = re.compile(rf"\b(?:before|until|till|prior\s+to|by)\s+(?P<a>{_DATE})(?!\w)", re.IGNORECASE)
_AT = re.compile(rf"(?:\b(?P<prep>on|in|during|of|for|at)\s+)?(?<!\w)(?P<a>{_DATE})(?!\w)", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?P<p>today|yesterday|this\s+week|last\s+week|past\s+week|this\s+month|last\s+month|past\s+month"
    r"|this\s+year|last\s+year|recently|lately|earlier\s+this\s+(?:week|month|year)"
    r"|(?:past|last)\s+(?P<n>\d+|two|three|four|five|six|seven|ten)\s+(?P<u>days?|weeks?|months?)"
    r"|(?P<n2>\d+|two|three|four|five|six|seven|ten)\s+(?P<u2>days?|weeks?|months?)\s+ago)\b", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}

#: Words that join two reports in one question; the split keeps both sides only if each has content.
_JOINERS = re.compile(r"\s*(?:,\s*)?\b(?:after|before|while|whereas|when|and\s+(?:did|does|was|is|how|what|which)"
                      r"|compared\s+(?:to|with)|versus|vs\.?|than)\b\s*|\s*;\s*", re.IGNORECASE)
_MIN_PART_WORDS = 2


# --------------------------------------------------------------------------- outlets

def _norm(name: str) -> str:
    """Lower-case an outlet name, drop punctuation and a leading 'www.'."""
    return " ".join(_PUNCT.sub(" ", name.lower()).split()).removeprefix("www.")


#: A spaced bar or dash between an outlet's name and its tagline or section.
_TAGLINE = re.compile(r"\s+[|\u2013\u2014-]\s+")


def outlet_aliases(outlet: str) -> set[str]:
    """Return the lower-case names a question may use for a stored outlet.

    'cnn.com' -> cnn.com, cnn; 'The Verge' -> the verge, verge; plus the names of its alias group.
    A name with a tagline ('cnbc | World Business News Leader', 'FOX News - Health', as feeds
    often store them) also answers to its leading name: questions say "CNBC", not the tagline.
    """
    base = _norm(outlet)
    names = {base, _norm(_TAGLINE.split(outlet, maxsplit=1)[0])}
    if "." in base and " " not in base:  # a domain: its main label is the name
        stem = _TLD.sub("", base)
        names |= {stem, stem.split(".")[-1]}
    names |= {n.removeprefix("the ") for n in list(names)}
    for group in _ALIAS_GROUPS:
        if names & set(group) or names & {g.removeprefix("the ") for g in group}:
            names |= set(group)
    return {n for n in names if len(n) >= 2}


def match_outlets(question: str, outlets: Iterable[str]) -> list[tuple[str, str]]:
    """Return (stored outlet, phrase found) for every stored outlet the question names, in question order.

    Multi-word names match in any case; a one-word name must be capitalised in the question
    unless the whole question is typed in lower case. Names that are also ordinary words
    ("The Hill", "Time") must always be capitalised and, as one word, not open the question.
    A stored domain also answers to a capitalised name that spells its label with spaces
    ("The Week" for theweek.co.uk, "The Hill" for thehill.com): no alias list can know them all.
    """
    lower_only = question[1:] == question[1:].lower()
    names = _capitalised_names(question)
    found: list[tuple[int, str, str]] = []
    for outlet in outlets:
        best: tuple[int, int, str] | None = None
        for alias in outlet_aliases(outlet):
            for m in re.finditer(rf"(?<![\w.]){re.escape(alias)}(?![\w])", question, re.IGNORECASE):
                if _accept(alias, m.group(0), m.start(), question, lower_only) and (best is None or len(m.group(0)) > best[1]):
                    best = (m.start(), len(m.group(0)), m.group(0))
        label = _domain_label(outlet)
        for start, phrase in names.get(label, []) if label else []:
            if best is None or len(phrase) > best[1]:
                best = (start, len(phrase), phrase)
        if best:
            found.append((best[0], outlet, best[2]))
    found.sort()
    return [(outlet, phrase) for _, outlet, phrase in found]


def _domain_label(outlet: str) -> str:
    """The main label of a stored domain ('theweek.co.uk' -> 'theweek'), '' for a plain name."""
    base = _norm(outlet)
    return _TLD.sub("", base).split(".")[-1] if "." in base and " " not in base else ""


_NAME_RUN = re.compile(r"(?<![\w'])(?:[A-Z][\w&'-]*)(?:\s+[A-Z][\w&'-]*){1,3}")


def _capitalised_names(question: str) -> dict[str, list[tuple[int, str]]]:
    """Runs of 2-4 capitalised words (and every run inside them) by their lower-case letters without spaces."""
    out: dict[str, list[tuple[int, str]]] = {}
    for m in _NAME_RUN.finditer(question):
        tokens = list(re.finditer(r"\S+", m.group(0)))
        for i in range(len(tokens)):
            for j in range(i + 2, len(tokens) + 1):
                start, end = m.start() + tokens[i].start(), m.start() + tokens[j - 1].end()
                phrase = re.sub(r"'s$", "", question[start:end])  # "The Week's report"
                out.setdefault(re.sub(r"\W", "", phrase.lower()), []).append((start, phrase))
    return out


def _accept(alias: str, phrase: str, start: int, question: str, lower_only: bool) -> bool:
    """Apply the capitalisation rules of match_outlets to one match."""
    if any(w in _WORDLIKE for w in alias.split()):
        return any(ch.isupper() for ch in phrase) and (" " in alias or bool(question[:start].strip()))
    return " " in alias or lower_only or phrase[0].isupper()


# --------------------------------------------------------------------------- dates

def _parse_one(text: str, ref: date) -> tuple[date, date] | None:
    """Resolve one date expression to the (first, last) day it covers, years defaulting to the latest one <= ref."""
    t = " ".join(text.lower().replace(",", " ").replace(" of ", " ").split())
    if re.fullmatch(r"\d{4}-\d\d-\d\d", t):
        try:
            d = date.fromisoformat(t)
        except ValueError:
            return None
        return d, d
    tokens = t.split()
    year = next((int(x) for x in tokens if re.fullmatch(_YEAR, x)), None)
    month = next((month_number(x.rstrip(".")) for x in tokens if month_number(x.rstrip("."))), None)
    day = next((int(re.sub(r"\D", "", x)) for x in tokens if re.fullmatch(_DAY, x) and not re.fullmatch(_YEAR, x)), None)
    if month is None:
        return (date(year, 1, 1), date(year, 12, 31)) if year else None
    if year is None:
        year = ref.year if (month, day or 1) <= (ref.month, ref.day) else ref.year - 1
    try:
        if day:
            d = date(year, month, day)
            return d, d
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


def _relative(m: re.Match[str], ref: date) -> tuple[date, date]:
    """Resolve a relative phrase ('last week', '3 days ago') against the reference date."""
    p = " ".join(m.group("p").lower().split())
    n_text, unit = m.group("n") or m.group("n2"), (m.group("u") or m.group("u2") or "")
    if n_text:
        n = int(n_text) if n_text.isdigit() else _NUMBERS[n_text.lower()]
        span = timedelta(days=n * {"d": 1, "w": 7, "m": 30}[unit[0].lower()])
        if p.endswith("ago"):
            return ref - span - timedelta(days=3), ref - span + timedelta(days=3)
        return ref - span, ref
    month_start = ref.replace(day=1)
    last_month_end = month_start - timedelta(days=1)
    table = {
        "today": (ref, ref), "yesterday": (ref - timedelta(days=1),) * 2,
        "this week": (ref - timedelta(days=7), ref), "past week": (ref - timedelta(days=7), ref),
        "last week": (ref - timedelta(days=14), ref - timedelta(days=4)),
        "this month": (month_start, ref), "past month": (ref - timedelta(days=31), ref),
        "last month": (last_month_end.replace(day=1), last_month_end),
        "this year": (date(ref.year, 1, 1), ref), "last year": (date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31)),
        "recently": (ref - timedelta(days=14), ref), "lately": (ref - timedelta(days=14), ref),
        "earlier this week": (ref - timedelta(days=7), ref), "earlier this month": (month_start, ref),
        "earlier this year": (date(ref.year, 1, 1), ref),
    }
    return table[p]


def date_window(question: str, ref: date, floor: date | None = None) -> DateWindow | None:
    """Return the soft date window a question names, resolved against ref (the corpus' newest date or an as-of date).

    Args:
        question: the question.
        ref: the date "today", "last week" and year-less dates resolve against.
        floor: the oldest date of the corpus (the open start of "before ...").

    Returns:
        The first date expression found as a window, or None.
    """
    floor = floor or date(1900, 1, 1)
    for pattern, kind in ((_RANGE, "range"), (_AFTER, "after"), (_BEFORE, "before"), (_AT, "at")):
        for m in pattern.finditer(question):
            a = _parse_one(m.group("a"), ref)
            if a is None or (kind == "at" and not _plausible(m.group("a"), m.group("prep"))):
                continue
            if kind == "range":
                b = _parse_one(m.group("b"), ref)
                if b is None:
                    continue
                return DateWindow(since=a[0].isoformat(), until=b[1].isoformat(), phrase=m.group(0).strip())
            if kind == "after":
                start = a[1] + timedelta(days=1) if m.group(0).lower().startswith("after") else a[0]
                return DateWindow(since=start.isoformat(), until=max(ref, start).isoformat(), phrase=m.group(0).strip())
            if kind == "before":
                end = a[0] - timedelta(days=1) if not m.group(0).lower().startswith("by") else a[1]
                return DateWindow(since=min(floor, end).isoformat(), until=end.isoformat(), phrase=m.group(0).strip())
            return DateWindow(since=a[0].isoformat(), until=a[1].isoformat(), phrase=m.group(0).strip())
    rel = _RELATIVE.search(question)
    if rel:
        lo, hi = _relative(rel, ref)
        return DateWindow(since=lo.isoformat(), until=hi.isoformat(), phrase=rel.group(0).strip())
    return None


def _plausible(text: str, prep: str | None) -> bool:
    """True for a full date, or a bare month or year after a preposition ('in May'); False for 'may' or '2,000'."""
    bare = len(text.split()) == 1 and not re.fullmatch(r"\d{4}-\d\d-\d\d", text)
    return not bare or prep is not None


# --------------------------------------------------------------------------- parts

def split_parts(question: str, outlets: Sequence[tuple[str, str]] = ()) -> list[str]:
    """Split a question that joins reports into its parts (each with enough content words), else [].

    "Did X report A after Y reported B?" -> ["Did X report A", "Y reported B"]; "Was the X report
    on A published before the Y report on B?" or "Which came first: X's report on A, or Y's report
    on B?" -> cut where each named outlet starts; "Which company ... according to both
    TechCrunch and The Verge?" -> one part per named outlet (the question with only that
    outlet's name), so every report gets its own retrieval.
    """
    if len(outlets) >= 2:
        segments = _outlet_segments(question, outlets)
        if segments:
            return segments[:4]
    pieces = [p.strip(" ,?.") for p in _JOINERS.split(question) if p and p.strip(" ,?.")]
    content = [p for p in pieces if _content_words(p) >= _MIN_PART_WORDS]
    if len(content) >= 2 and len(content) == len(pieces):
        return content[:4]
    if len(outlets) >= 2:
        parts = []
        for outlet, _phrase in outlets[:4]:
            others = [ph for o, ph in outlets if o != outlet]
            text = question
            for other in others:
                text = re.sub(rf"(?<!\w){re.escape(other)}\s*,?\s*(?:and|or|&)\s+", " ", text)
                text = re.sub(rf"(?:\s*(?:,|\band\b|\bor\b|&))?\s*(?<!\w){re.escape(other)}(?!\w)", " ", text)
            parts.append(" ".join(re.sub(r"\bboth\b", " ", text).split()))
        return parts
    return []


#: Words that say "a report" rather than what it reports: not topic words of a part.
_REPORT_WORDS = frozenset({"report", "reports", "reported", "reporting", "article", "articles", "story", "stories",
                           "published", "covered", "coverage", "according", "came", "first", "news", "piece"})
_TRAILING_JOIN = re.compile(r"(?:\s*\b(?:and|or|the|while|whereas|before|after|than|versus|vs|with)\b|[\s,;:?.])+$", re.IGNORECASE)


def _outlet_segments(question: str, outlets: Sequence[tuple[str, str]]) -> list[str]:
    """Cut the question where each named outlet starts; [] unless every piece has its own topic words."""
    starts = sorted({question.find(phrase) for _, phrase in outlets if question.find(phrase) >= 0})
    if len(starts) < 2:
        return []
    cuts = [0, *starts[1:], len(question)]
    pieces = [_TRAILING_JOIN.sub("", question[a:b]).strip() for a, b in zip(cuts, cuts[1:])]
    phrases = {w for _, phrase in outlets for w in words(phrase)}
    for piece in pieces:
        topic = [w for w in words(piece) if w not in STOPWORDS and w not in _REPORT_WORDS and w not in phrases
                 and len(w) > 1 and not w.isdigit() and not month_number(w)]
        if len(topic) < _MIN_PART_WORDS:
            return []
    return pieces


def mask_outlets(text: str, phrases: Iterable[str]) -> str:
    """The text with each outlet phrase blanked, so "USA Today" is never read as the date "today"."""
    for phrase in phrases:
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", lambda m: " " * len(m.group(0)), text)
    return text


def _content_words(text: str) -> int:
    """Number of non-stopword words in a text."""
    return sum(1 for w in words(text) if w not in STOPWORDS and len(w) > 1)


# --------------------------------------------------------------------------- all together

def understand(question: str, outlets: Iterable[str], ref: date | None, floor: date | None = None) -> Understanding:
    """Return what a news question names: outlets (stored names), a soft date window and its parts.

    Args:
        question: the question as asked.
        outlets: the outlet names stored in this home.
        ref: the reference date for relative and year-less dates (None: no date understanding).
        floor: the oldest stored date.

    Returns:
        An Understanding (empty fields when the question names nothing).
    """
    named = match_outlets(question, outlets)
    window = date_window(mask_outlets(question, [p for _, p in named]), ref, floor) if ref else None
    return Understanding(outlets=[o for o, _ in named], outlet_phrases=[p for _, p in named], dates=window,
                         parts=split_parts(question, named), reference_date=ref.isoformat() if ref else "")


__all__ = ["date_window", "mask_outlets", "match_outlets", "outlet_aliases", "split_parts", "understand"]
