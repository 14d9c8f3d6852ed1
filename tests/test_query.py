"""News query understanding: outlets named in a question, date phrases, multi-part questions."""

from __future__ import annotations

from datetime import date

import pytest

from ragnews.query import (
    date_window,
    match_outlets,
    outlet_aliases,
    split_parts,
    understand,
)

STORED = ["The Verge", "TechCrunch", "cnn.com", "Reuters", "apnews.com", "nytimes.com", "The Hill", "Time"]
REF = date(2023, 12, 10)


@pytest.mark.parametrize(("question", "expected"), [
    ("What did TechCrunch report about the fine?", ["TechCrunch"]),
    ("as reported by both The Verge and TechCrunch", ["The Verge", "TechCrunch"]),
    ("what did cnn say about the strike", ["cnn.com"]),  # all lower case: one-word names match
    ("According to the Associated Press, who won?", ["apnews.com"]),  # alias group
    ("Time is short: what did the NYT report?", ["nytimes.com"]),  # 'Time' opening a sentence is no outlet
    ("Who climbed the hill according to reuters?", ["Reuters"]),
    ("Who climbed the hill on Friday?", []),
])
def test_outlets_are_matched_against_stored_names_with_aliases_and_case(question: str, expected: list[str]) -> None:
    assert [o for o, _ in match_outlets(question, STORED)] == expected


def test_outlet_aliases_of_domains_and_names() -> None:
    assert {"cnn.com", "cnn"} <= outlet_aliases("cnn.com")
    assert {"the verge", "verge"} <= outlet_aliases("The Verge")
    assert {"associated press", "ap"} <= outlet_aliases("apnews.com")


def test_an_outlet_stored_with_a_tagline_answers_to_its_leading_name() -> None:
    """Feeds store 'cnbc | World Business News Leader' or 'FOX News - Health'; questions say 'CNBC', 'Fox News'."""
    stored = ["cnbc | World Business News Leader", "FOX News - Health", "The Verge", "Sun-Times"]
    assert match_outlets("Did CNBC report the layoffs before The Verge did?", stored) == [
        ("cnbc | World Business News Leader", "CNBC"), ("The Verge", "The Verge")]
    assert match_outlets("What did Fox News say about the vaccine?", stored) == [("FOX News - Health", "Fox News")]
    assert "sun" not in outlet_aliases("Sun-Times")  # an unspaced hyphen is part of the name
    assert match_outlets("What did World Business News say?", stored) == []  # the tagline names no outlet


@pytest.mark.parametrize(("question", "since", "until"), [
    ("What happened in November 2023?", "2023-11-01", "2023-11-30"),
    ("What did the probe find after Aug. 16?", "2023-08-17", "2023-12-10"),
    ("Who resigned before Oct 3, 2023?", "1900-01-01", "2023-10-02"),
    ("What did they say between Oct 3 and Oct 9?", "2023-10-03", "2023-10-09"),
    ("Which show was renewed this week?", "2023-12-03", "2023-12-10"),
    ("What did the court rule last week?", "2023-11-26", "2023-12-06"),
    ("What happened last month?", "2023-11-01", "2023-11-30"),
    ("What happened on 2023-11-05?", "2023-11-05", "2023-11-05"),
    ("Which ruling came in December?", "2023-12-01", "2023-12-31"),
    ("What was announced on Dec. 25?", "2022-12-25", "2022-12-25"),  # year-less: the latest one not after REF
    ("Who won in 2021?", "2021-01-01", "2021-12-31"),
    ("What happened three days ago?", "2023-12-04", "2023-12-10"),
])
def test_date_phrases_resolve_to_windows_relative_to_the_reference(question: str, since: str, until: str) -> None:
    window = date_window(question, REF)
    assert window is not None and (window.since, window.until) == (since, until), window


@pytest.mark.parametrize("question", ["Which rules may change?", "Who paid 2,000 dollars?", "What did the minister say?"])
def test_no_date_where_none_is_named(question: str) -> None:
    assert date_window(question, REF) is None


def test_multi_part_questions_split_into_parts_each_with_content() -> None:
    assert split_parts("Did Reuters report the merger after AP reported the lawsuit?") == [
        "Did Reuters report the merger", "AP reported the lawsuit"]
    named = match_outlets("Which company was fined according to both The Verge and TechCrunch?", STORED)
    parts = split_parts("Which company was fined according to both The Verge and TechCrunch?", named)
    assert len(parts) == 2 and "TechCrunch" not in parts[0] and "The Verge" not in parts[1]
    assert split_parts("What happened after the vote?") == []  # one side has no content


def test_a_spelt_out_domain_label_names_its_outlet() -> None:
    """theweek.co.uk answers to "The Week" (also possessive), thehill.com to "The Hill"; "this week" names nothing."""
    stored = ["theweek.co.uk", "usatoday.com", "thehill.com"]
    assert match_outlets("Which came first: The Week's report on the strike, or USA Today's?", stored) == [
        ("theweek.co.uk", "The Week"), ("usatoday.com", "USA Today")]
    assert match_outlets("What did The Hill say this week?", stored) == [("thehill.com", "The Hill")]
    assert match_outlets("What happened this week?", stored) == []


def test_an_outlet_name_is_never_read_as_a_date() -> None:
    """"USA Today" names an outlet, not the date "today"; a real date next to it still resolves."""
    assert understand("What did USA Today report about the flooding?", ["usatoday.com"], REF).dates is None
    u = understand("What did USA Today report on Nov. 3 about the flooding?", ["usatoday.com"], REF)
    assert u.dates is not None and (u.dates.since, u.dates.until) == ("2023-11-03", "2023-11-03")


@pytest.mark.parametrize("question", [
    "Was the CNN report on the storm flooding coastal towns published before the Reuters report on the Apple music fine?",
    "Which came first: CNN's report on the storm flooding coastal towns, or Reuters' report on the Apple music fine?",
    "Do the CNN article of Nov. 3, 2023 on the storm flooding coastal towns and the Reuters article of Nov. 9, 2023 on "
    "the Apple music fine name the same country?",
])
def test_a_question_joining_two_outlets_reports_is_cut_where_each_outlet_starts(question: str) -> None:
    parts = understand(question, STORED, REF).parts
    assert len(parts) == 2, parts
    assert "storm" in parts[0] and "Apple" not in parts[0] and "CNN" in parts[0]
    assert "Apple" in parts[1] and "storm" not in parts[1] and "Reuters" in parts[1]


def test_outlets_with_no_topic_between_them_get_one_part_each() -> None:
    """ "X, as reported by CNN on DATE and Reuters on DATE?": the second piece has no topic of its own."""
    parts = understand("Which towns flooded, according to reports published by CNN on Nov. 3, 2023 and Reuters on "
                       "Nov. 4, 2023?", STORED, REF).parts
    assert len(parts) == 2 and all("towns flooded" in p for p in parts)
    assert "Reuters" not in parts[0] and "CNN" not in parts[1]


def test_understand_reports_what_it_read() -> None:
    u = understand("What did TechCrunch report in November 2023?", STORED, REF)
    assert u.outlets == ["TechCrunch"] and u.dates is not None and u.dates.since == "2023-11-01"
    assert u.reference_date == "2023-12-10" and u.describe() == 'outlets: TechCrunch · dates: 2023-11-01..2023-11-30 ("in November 2023")'
    assert understand("What is the weather?", STORED, REF).empty
