"""ragnews.dates: the one place dates are parsed and resolved (resolution rules are tested in test_timeline.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ragnews.dates import EXACT_DATE, date_phrases, parse_iso, read_date, to_day


def test_parse_iso_reads_dates_and_datetimes_and_rejects_other_text() -> None:
    assert parse_iso("2021-08-23") == date(2021, 8, 23)
    assert parse_iso("2021-08-23T11:52:00+00:00") == datetime(2021, 8, 23, 11, 52, tzinfo=UTC)
    assert parse_iso("") is None
    with pytest.raises(ValueError):
        parse_iso("Aug 23")


def test_to_day_gives_the_calendar_day_or_none() -> None:
    assert to_day(datetime(2021, 8, 23, 23, 0)) == date(2021, 8, 23)
    assert to_day("2021-08-23T11:52:00") == date(2021, 8, 23)
    assert to_day("yesterday") is None and to_day(None) is None and to_day("") is None


def test_read_date_takes_text_anywhere_or_epoch_seconds_and_milliseconds() -> None:
    assert read_date("Published 23 August 2021 - 11:52") == datetime(2021, 8, 23, 11, 52)
    assert read_date(1629676800) == read_date(1629676800000) == datetime(2021, 8, 23, tzinfo=UTC)
    assert read_date(True) is None and read_date("no date here") is None


def test_date_phrases_and_exact_dates_of_questions() -> None:
    assert date_phrases("What happened in June 2021, and on 2021-08-23?") == ["June 2021", "2021-08-23"]
    assert EXACT_DATE.search("Kim arrived on Aug. 21") and not EXACT_DATE.search("Kim arrived last month")
