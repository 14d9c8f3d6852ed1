"""Explained empties: say why a question has nothing to search instead of answering "The articles do not say."

An empty home, or filters that match no stored article, would otherwise produce an abstention
indistinguishable from "the articles do not cover this". A journalist reading that would wrongly
conclude the archive is silent on the story; so these cases raise EmptyError naming the filter
and listing what the home does hold (its outlets, its date range).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path


from .errors import ConfigError, EmptyError
from .models import Filters
from .records import Records

#: Outlets listed in a message before "and N more".
_SHOWN = 12


def check_question(question: str, what: str = "question") -> None:
    """Refuse an empty question (a usage error, not an abstention)."""
    if not question or not question.strip():
        raise ConfigError(f"the {what} is empty; give some words to search for")


def check_scope(records: Records, home: Path, filters: Filters) -> None:
    """Raise EmptyError when the home is empty or the filters match no stored article.

    Args:
        records: the home's article records.
        home: the home folder (named in the message).
        filters: the query's filters.
    """
    _check_order(filters)
    if not records.article_count():
        raise EmptyError(f"{home} holds no articles yet; run `ragnews ingest PATH` first")
    if filters.unfiltered or records.count_matching(filters):
        return
    raise EmptyError(_explain(records, filters))


def _check_order(filters: Filters) -> None:
    """since after until is a usage error: it can never match anything."""
    lo, hi = filters.bounds()
    if lo is not None and hi is not None and lo > hi:
        raise ConfigError(f"since ({_day(lo)}) is after until ({_day(hi)}); swap them")


def _explain(records: Records, filters: Filters) -> str:
    """Name the filter that leaves nothing, and what the home holds instead."""
    parts = []
    if filters.sources and not _matches(records, Filters(sources=filters.sources)):
        parts.append(f"the outlet filter {', '.join(filters.sources)} matches no stored article; stored outlets: {_outlets(records)}")
    if (filters.since or filters.until) and not _matches(records, Filters(since=filters.since, until=filters.until)):
        parts.append(f"no stored article was published {_span(filters)}; stored articles {_range(records)}")
    if filters.articles and not _matches(records, Filters(articles=filters.articles)):
        parts.append(f"none of the article ids {', '.join(filters.articles[:3])} is stored; run `ragnews articles` to list ids")
    if not parts:
        parts.append(f"no stored article matches all filters together ({_span(filters)}, outlets {', '.join(filters.sources) or 'any'}); "
                     f"stored outlets: {_outlets(records)}; stored articles {_range(records)}")
    return "; ".join(parts)


def _matches(records: Records, filters: Filters) -> int:
    """Number of stored articles one filter alone matches."""
    return records.count_matching(filters)


def _outlets(records: Records) -> str:
    """The stored outlets with their article counts, most first."""
    rows = records.sources()
    shown = ", ".join(f"{s or 'unknown outlet'} ({n})" for s, n in rows[:_SHOWN])
    return shown + (f" and {len(rows) - _SHOWN} more" if len(rows) > _SHOWN else "")


def _range(records: Records) -> str:
    """The stored publication dates, e.g. 'run from 2021-06-19 to 2021-08-23 (1 undated)'."""
    lo, hi, undated = records.date_range()
    text = f"run from {_day(lo)} to {_day(hi)}" if lo is not None and hi is not None else "are all undated"
    return text + (f" ({undated} undated)" if undated and lo is not None else "")


def _span(filters: Filters) -> str:
    """Describe the date filter."""
    since, until = filters.since, filters.until
    if since and until:
        return f"between {since.isoformat()[:10]} and {until.isoformat()[:10]}"
    return f"on or after {since.isoformat()[:10]}" if since else f"on or before {until.isoformat()[:10]}" if until else "at any date"


def _day(epoch: float) -> str:
    """An epoch as YYYY-MM-DD (UTC)."""
    return datetime.fromtimestamp(epoch, tz=UTC).date().isoformat()
