"""Dated timelines of a story: event dates resolved from the text, entries cited and verified.

Date resolution (hand-written: dateparser/dateutil resolve "Monday" against today's date and
know nothing of news conventions or tense, which is what matters here). Against the
article's publication date P:

* "Aug. 16", "August 16", "16 August" -> that day in P's year, or the previous year when it
  would fall more than 60 days after P; with a year ("August 23, 2021") -> exactly that day.
* a weekday ("on Monday", "published Monday") -> the most recent such day on or before P;
  "last Monday" -> strictly before P; "next Monday", or a future-tense cue earlier in the
  sentence ("will", "is expected to", "is due to", "scheduled", "plans to") -> the first
  such day on or after P (so "is expected to meet ... on Tuesday", P = Monday 23 Aug 2021,
  gives Tuesday 24 Aug).
* "today"/"tonight" -> P, "yesterday" -> P - 1, "tomorrow" -> P + 1.
* vague expressions ("earlier this month", "last week", "last month", "recently") are not
  turned into a day. A sentence dated only vaguely is left out, unless it is the article's
  lead: then it is dated by P with date_basis "published" and the timeline carries a
  warning that the event happened before that date.
* a wire dateline ("SEOUL, June 21 (Reuters) -") is the filing date, not an event: it is
  skipped when reading event dates.

Articles without a publication date (P unknown): only fully stated dates (with a year)
can be used; their other sentences are left out and the timeline says how many.

Which sentences become entries: every sentence with a resolved (stated) date in the
articles retrieved for the query (one article per syndicated story), plus each article's
lead sentence (dated as stated, else by publication date), ranked by query relevance when
there are more than the limit, then put in event order (date, then article, then position).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .dates import Basis, DateMention, event_date, find_dateline, resolve_dates, resolve_month_day, resolve_weekday, to_day
from ._text import sentence_spans
from .evidence import Search, article_evidence, finish_citations, marked_text, prompt_sources, story_articles
from .injection import visible_body
from .models import Article, Citation, Evidence, Timeline, TimelineEntry
from .protocols import Timeliner
from .records import Records

if TYPE_CHECKING:
    from .protocols import LLM
    from .verify import Verifier

MAX_ENTRIES = 20
TIMELINE_K = 12

# ----------------------------------------------------------------------------------------
# Event extraction
# ----------------------------------------------------------------------------------------


@dataclass
class Event:
    """A candidate timeline entry: an exact sentence of an article and its date."""

    article: int
    position: int
    start: int
    end: int
    text: str
    day: date
    basis: Basis
    vague: bool = False
    relevance: float = 0.0


def article_events(article: Article, index: int = 0) -> tuple[list[Event], int]:
    """Return an article's dated sentences (plus its lead) and how many sentences could not be dated.

    Args:
        article: the article.
        index: its number among the timeline's articles.

    Returns:
        (events, undated): undated counts sentences with a date expression that could not be resolved
        because the publication date is unknown.
    """
    published = to_day(article.published)
    body = visible_body(article)  # sentences addressed to AI readers blanked: never an event
    dateline = find_dateline(body)
    skip = dateline.end if dateline else 0
    events, undated = [], 0
    for i, (s, e) in enumerate(sentence_spans(body)):
        text = body[s:e]
        reading = body[max(s, skip):e] if s < skip else text
        mentions = resolve_dates(reading, published)
        resolved = [m for m in mentions if m.value is not None]
        vague = any(m.kind == "vague" for m in mentions)
        if resolved:
            events.append(Event(index, i, s, e, text, resolved[0].value, "stated"))  # type: ignore[arg-type]
        elif i == 0 and published:
            events.append(Event(index, i, s, e, text, published, "published", vague=vague))
        elif mentions and published is None:
            undated += 1
    return events, undated


def pick_events(events: list[Event], limit: int) -> list[Event]:
    """Keep the most relevant events (up to limit) and return them in event order."""
    chosen = sorted(events, key=lambda ev: -ev.relevance)[:limit]
    return sorted(chosen, key=lambda ev: (ev.day, ev.article, ev.position))


def _score_relevance(events: list[Event], query: str, embedder: Any) -> None:
    """Set each event's relevance: cosine of its sentence to the query, plus a small lead bonus."""
    if not events or not query:
        return
    vecs = embedder.embed([query, *[ev.text for ev in events]])
    for ev, cos in zip(events, vecs[1:] @ vecs[0]):
        ev.relevance = float(cos) + (0.1 if ev.position == 0 else 0.0)


# ----------------------------------------------------------------------------------------
# Verified timeline
# ----------------------------------------------------------------------------------------


def build_timeline(query: str, articles: Sequence[Article], verifier: "Verifier", embedder: Any,
                   limit: int = MAX_ENTRIES) -> Timeline:
    """Return the extractive timeline of the articles: dated, cited, verified entries in event order.

    Args:
        query: the story asked for (ranks events when there are more than limit).
        articles: one article per story, best first.
        verifier: checks every entry's citation.
        embedder: scores relevance to the query.
        limit: most entries.

    Returns:
        A Timeline whose warnings name undated articles and vague dates.
    """
    events, warnings = [], []
    for n, article in enumerate(articles):
        found, undated = article_events(article, n)
        events.extend(found)
        if article.published is None:
            warnings.append(f"'{article.title or article.id}' has no publication date: "
                            f"{undated} sentence(s) with relative dates could not be dated and were left out")
    _score_relevance(events, query, embedder)
    chosen = pick_events(events, limit)
    evidence = [article_evidence(a) for a in articles]
    entries, notes = _verified_entries(chosen, evidence, verifier)
    warnings += notes + [f"'{e.text[:60]}...' uses a vague date; dated by publication (the event came earlier)"
                         for e in chosen if e.vague]
    return Timeline(query=query, entries=entries, warnings=warnings)


def _verified_entries(events: Sequence[Event], evidence: Sequence[Evidence],
                      verifier: "Verifier") -> tuple[list[TimelineEntry], list[str]]:
    """Cite each event's sentence through the verifier; drop (with a warning) any that fails."""
    text = marked_text([(ev.text, ev.article + 1) for ev in events])
    _checked, sentences, citations, notes = verifier.verify(text, evidence, "mark")
    by_n = {c.n: c for c in citations}
    if len(sentences) != len(events):  # a sentence re-split differently: verify one by one
        return _verified_one_by_one(events, evidence, verifier)
    entries = []
    for ev, sentence in zip(events, sentences):
        if sentence.supported:
            entries.append(TimelineEntry(date=ev.day.isoformat(), date_basis=ev.basis, text=ev.text,
                                         citations=[by_n[n] for n in sentence.citations]))
        else:
            notes.append(f"left out an entry whose citation did not verify: {ev.text[:60]}")
    return entries, notes


def _verified_one_by_one(events: Sequence[Event], evidence: Sequence[Evidence],
                         verifier: "Verifier") -> tuple[list[TimelineEntry], list[str]]:
    """Verify each event on its own (fallback when joint verification mis-aligns)."""
    entries, notes = [], []
    numbers: dict[tuple[str, int, int], int] = {}
    for ev in events:
        _t, sentences, citations, warn = verifier.verify(f"{ev.text} [{ev.article + 1}]", evidence, "mark")
        if not (sentences and all(s.supported for s in sentences)):
            notes.extend(warn)
            continue
        for c in citations:  # number citations across the whole timeline
            c.n = numbers.setdefault((c.article_id, c.start, c.end), len(numbers) + 1)
        entries.append(TimelineEntry(date=ev.day.isoformat(), date_basis=ev.basis, text=ev.text, citations=citations))
    return entries, notes


class ExtractiveTimeliner:
    """Offline timelines: dated article sentences, each cited and verified (see the module docstring)."""

    name = "extractive"

    def __init__(self, verifier: "Verifier", embedder: Any, limit: int = MAX_ENTRIES) -> None:
        """Verify entries with verifier; rank events by relevance with embedder; keep at most limit."""
        self.verifier, self.embedder, self.limit = verifier, embedder, limit

    def timeline(self, query: str, articles: Sequence[Article]) -> Timeline:
        """Return the extractive timeline of the articles (build_timeline)."""
        return build_timeline(query, articles, self.verifier, self.embedder, self.limit)


def timeline(query: str, k: int | None = None, *, search: Search, records: Records, timeliner: Timeliner) -> Timeline:
    """Build the timeline of a story from the stored articles (see NewsRAG.timeline).

    Args:
        query: the story.
        k: passages to retrieve (their articles, one per story, supply the events).
        search: retrieval with the caller's filters applied.
        records: the home's records (articles, chunks, syndication).
        timeliner: the engine's timeline builder.

    Returns:
        The Timeline, citations carrying chunk ids and syndicating outlets.
    """
    articles = story_articles(records, search(query, k or TIMELINE_K))
    result = timeliner.timeline(query, articles)
    if not articles:
        result.warnings.append("no stored article matches the query and filters")
    finish_citations(records, [c for e in result.entries for c in e.citations])
    return result


# ----------------------------------------------------------------------------------------
# LLM timelines
# ----------------------------------------------------------------------------------------

_LINE = re.compile(r"^\s*(?:[-*]\s*)?(?P<date>\d{4}-\d{2}-\d{2})\s*(?:\((?P<basis>stated|published)\))?\s*[|:\-\u2013]\s*(?P<text>.+)$")


class LLMTimeliner:
    """Timelines written by an LLM (prompts/timeline.txt); every entry's citation and date are checked."""

    def __init__(self, llm: "LLM", verifier: "Verifier") -> None:
        """Generate with llm; check citations with verifier."""
        self.llm, self.verifier = llm, verifier
        self.name = llm.name

    def messages(self, query: str, evidence: Sequence[Evidence]) -> list[dict[str, str]]:
        """Return the chat messages asking for dated, cited events."""
        from .prompts import load_prompt

        return load_prompt("timeline", {"sources", "focus"}).messages(sources=prompt_sources(evidence), focus=query)

    def timeline(self, query: str, articles: Sequence[Article]) -> Timeline:
        """Return the LLM's timeline with each entry verified and its date checked against the cited text."""
        evidence = [article_evidence(a) for a in articles]
        if not evidence:
            return Timeline(query=query, engine=self.name)
        reply = self.llm.complete(self.messages(query, evidence))
        entries, warnings = [], []
        for line in reply.splitlines():
            parsed = _LINE.match(line)
            if parsed:
                entry, notes = self._entry(parsed["date"], parsed["text"], evidence)
                warnings += notes
                if entry:
                    entries.append(entry)
        entries.sort(key=lambda e: e.date)
        return Timeline(query=query, entries=entries, engine=self.name, warnings=warnings)

    def _entry(self, claimed: str, text: str, evidence: Sequence[Evidence]) -> tuple[TimelineEntry | None, list[str]]:
        """Verify one generated entry; keep its date only if the cited quote or publication date supports it."""
        checked, sentences, citations, notes = self.verifier.verify(text, evidence, "remove")
        if not sentences or not citations:
            return None, notes + [f"left out an unverified entry: {text[:60]}"]
        checked_date = check_date(claimed, citations)
        if checked_date is None:
            return None, notes + [f"left out an entry whose date {claimed} the cited text does not support: {text[:60]}"]
        day, basis, note = checked_date
        clean = " ".join(s.text for s in sentences)
        return TimelineEntry(date=day, date_basis=basis, text=clean, citations=citations), notes + ([note] if note else [])


def check_date(claimed: str, citations: Sequence[Citation]) -> tuple[str, Basis, str] | None:
    """Accept a claimed date when a cited quote states it or it is a cited article's publication date.

    Otherwise return the date the cited text gives, with a note; None when the cited text gives no date.
    """
    for c in citations:
        stated = [m.value.isoformat() for m in resolve_dates(c.quote, c.published) if m.value]
        if claimed in stated:
            return claimed, "stated", ""
    for c in citations:
        if c.published[:10] == claimed:
            return claimed, "published", ""
    for c in citations:
        found = event_date(c.quote, c.published)
        if found:
            return found[0].isoformat(), found[1], f"corrected date {claimed} -> {found[0].isoformat()} (from the cited text)"
    return None


__all__ = [
    "DateMention", "Event", "ExtractiveTimeliner", "LLMTimeliner", "article_events", "build_timeline", "check_date", "event_date",
    "resolve_dates", "resolve_month_day", "resolve_weekday", "timeline",
]
