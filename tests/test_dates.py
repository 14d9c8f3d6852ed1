"""ragnews.dates: the one place dates are parsed and resolved (most resolution rules are tested in test_timeline.py; the tense of relative dates here)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ragnews.dates import EXACT_DATE, FUTURE_CUE, date_phrases, event_date, parse_iso, read_date, resolve_dates, to_day


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


def _first_date(sentence: str, published: date) -> date | None:
    """The first resolved date of a sentence."""
    found = [m.value for m in resolve_dates(sentence, published) if m.value]
    return found[0] if found else None


# Real sentences from Reuters-21578 (NEWID, publication date), issue 17 item 4 / issue 19.
BLACK_MONDAY = date(1987, 10, 19)


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    # 21573, Monday 19 Oct 1987: "was due to" is past tense, not a schedule (was resolved to 25 Oct)
    ("The currency's decline was due to remarks on Sunday by U.S. Treasury Secretary James Baker, dealers said.",
     BLACK_MONDAY, date(1987, 10, 18)),
    # 413, Monday 2 Mar 1987: "will" belongs to another clause; the agreement was signed on Saturday
    (("Bangladesh will receive a grant equivalent to 47 mln U.S. Dlrs from the Netherlands during 1987 under an "
     "agreement signed here Saturday, officials said."), date(1987, 3, 2), date(1987, 2, 28)),
    # future tense may resolve after publication
    (("The Bundesbank will not hold a news conference after its regular fortnightly central bank council meeting "
     "on Thursday, a spokesman said in answer to enquiries."), BLACK_MONDAY, date(1987, 10, 22)),
    (("Meanwhile, the Chicago Board of Trade is slated to hold a press briefing on Tuesday in New York about its plans "
     "to list a futures contract based on a corporate bond index."), BLACK_MONDAY, date(1987, 10, 20)),
    (("The question of sales from the original 360,000 tonne buffer stock is expected to be the main topic of the "
     "Council meeting which is scheduled to end on Thursday."), BLACK_MONDAY, date(1987, 10, 22)),
    ("A vote on the bill by the committee is scheduled for Thursday.", date(1987, 3, 3), date(1987, 3, 5)),
])
def test_relative_weekday_follows_the_tense_of_its_clause(sentence: str, published: date, expected: date) -> None:
    assert _first_date(sentence, published) == expected


def test_past_tense_weekdays_never_resolve_after_publication() -> None:
    """Every weekday of these past-tense Reuters sentences lands on or before the Monday they were published."""
    past = [
        "The United States attacked an Iranian oil platform in the Gulf on Sunday, officials said.",
        "Reagan will seek new talks, the White House said on Sunday.",
        "The strike, which started on Friday, was called off.",
    ]
    for sentence in past:
        found = [m.value for m in resolve_dates(sentence, BLACK_MONDAY) if m.value]
        assert found and all(d <= BLACK_MONDAY for d in found), sentence
    assert event_date(past[0], BLACK_MONDAY) == (date(1987, 10, 18), "stated")
    assert event_date(past[1], BLACK_MONDAY) == (date(1987, 10, 18), "stated")
    # "which started on Friday" is a relative clause: the calling-off (the news) has no date of its own
    assert event_date(past[2], BLACK_MONDAY) == (BLACK_MONDAY, "published")


# A forward verb (set, schedule, propose, plan) in the active simple past reports a done act: its weekday is not after
# the article. spaCy tags "set" VBD here although its present is spelled alike. Verbatim: FRANK (CNN/DailyMail,
# Saturday 25 April 2015; was resolved to Sunday 26 April) and RealTimeQA (Tuesday 14 June 2022, was Monday 20 June;
# Tuesday 11 Oct 2022). Controls: a date the act arranged "for" (RealTimeQA, Thursday 9 Sept 2021), a passive, a future.
@pytest.mark.parametrize(("sentence", "published", "expected"), [
    ("But on Sunday they set another record as losers of the last five Tyne-Wear derbies.", date(2015, 4, 25),
     date(2015, 4, 19)),
    ("Several cities set temperature records Monday afternoon, including Asheville, North Carolina, St. Louis and "
     "Nashville.", date(2022, 6, 14), date(2022, 6, 13)),
    ("The company proposed a merger on Monday.", date(2015, 4, 25), date(2015, 4, 20)),
    ("A judge scheduled a hearing for Friday afternoon on the state’s bid to reinstate the lawsuit.", date(2021, 9, 9),
     date(2021, 9, 10)),
    ("The vote is set for Sunday.", date(2015, 4, 25), date(2015, 4, 26)),
    ("On Sunday they will set off for Paris.", date(2015, 4, 25), date(2015, 4, 26)),
    ("They will set another record on Sunday.", date(2015, 4, 25), date(2015, 4, 26)),
])
def test_a_forward_verb_in_the_active_past_dates_a_done_act(sentence: str, published: date, expected: date) -> None:
    assert _first_date(sentence, published) == expected


def test_past_tense_month_day_without_year_is_not_after_publication() -> None:
    assert _first_date("The company was founded on March 20.", date(1987, 3, 2)) == date(1986, 3, 20)
    assert _first_date("The loan package will be signed on March 20.", date(1987, 3, 2)) == date(1987, 3, 20)


# A past-tense sentence about a deadline or an arranged day after its article: the date is this year's (news writes
# the year of any other) and is when what the past act set falls due, not when the act happened. Real Reuters-21578
# sentences; each was dated a year before the right day, so a timeline put the deadline eleven months before the
# article reporting it.
_SAS_DEADLINE = "McDonnell Douglas had given SAS until March 31 to agree to final terms for the MD-11 deal."  # 20 Mar 1987
_TAFT_RESPONSE = ("Narragansett Capital Inc <NARR> said it and Dudley S. Taft have requested a response from Taft "
                  "Broadcasting Co by March 12.")  # 6 Mar 1987
_JUSTICE_DEADLINE = ("The companies had been given until April 22 to comply with the Justice Department requirement, "
                     "Kerridge said.")  # 5 Mar 1987
_HUSKY_MEETING = ("Husky Oil Ltd said the board called a special meeting for April 22 for shareholders to vote on its "
                  "previously announced agreement for Hong Kong-based Hutchison Whampoa Ltd and Hongkong Electric "
                  "Holdings Ltd to acquire a 43 pct interest in Husky.")  # 25 Mar 1987


@pytest.mark.parametrize(("sentence", "date_text", "published", "right"), [
    (_SAS_DEADLINE, "March 31", date(1987, 3, 20), date(1987, 3, 31)),
    (_TAFT_RESPONSE, "March 12", date(1987, 3, 6), date(1987, 3, 12)),
    (_JUSTICE_DEADLINE, "April 22", date(1987, 3, 5), date(1987, 4, 22)),
    (_HUSKY_MEETING, "April 22", date(1987, 3, 25), date(1987, 4, 22)),
])
def test_a_past_tense_deadline_is_this_years_and_does_not_date_its_sentence(sentence: str, date_text: str,
                                                                            published: date, right: date) -> None:
    mention = next(m for m in resolve_dates(sentence, published) if m.text == date_text)
    assert mention.value == right  # was a year early
    assert mention.scheduled
    assert event_date(sentence, published) == (published, "published")


def test_a_date_on_the_past_verb_itself_is_still_last_years() -> None:
    """Controls: a yearless date the past verb itself takes is when the act happened, so last year's ("The increase ...
    was announced April 26" in an article of 13 April 1987 [Boesky]; "The strike began on March 14." before its
    article keeps its year); a future clause's bound after publication dates its sentence as before."""
    announced = "The increase to 80 dlrs from 70 dlrs a share was announced April 26."
    assert event_date(announced, date(1987, 4, 13)) == (date(1986, 4, 26), "stated")
    assert event_date("The strike began on March 14.", date(1987, 3, 20)) == (date(1987, 3, 14), "stated")
    until = "The offer will remain open until March 31."
    assert event_date(until, date(1987, 3, 20)) == (date(1987, 3, 31), "stated")
    assert not resolve_dates(until, date(1987, 3, 20))[0].scheduled


def test_last_before_a_month_day_is_the_most_recent_one() -> None:
    """"last April 26" is the most recent April 26 strictly before publication."""
    chernobyl = ("About 135,000 people were evacuated and 31 were killed after an explosion and fire at Chernobyl last "
                 "April 26.")  # 16 Mar 1987
    assert _first_date(chernobyl, date(1987, 3, 16)) == date(1986, 4, 26)
    assert not resolve_dates(chernobyl, date(1987, 3, 16))[0].scheduled
    assert _first_date("The plant exploded last April 26.", date(1987, 4, 26)) == date(1986, 4, 26)
    assert _first_date("The plant exploded last April 26.", date(1987, 5, 2)) == date(1987, 4, 26)


# Real Reuters-21578 sentences (NEWID in brackets) and their publication days.
_FIJI_WELCOME = ("The government welcomed a decision by the Australian Waterside Workers' Federation to lift its ban on "
                 "shipments to Fiji, imposed in support of Bavadra, whose newly-elected government was overthrown in a "
                 "military coup on May 14.")  # [17962], 2 June 1987


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    # the only date is the coup's, in a relative clause: the welcome (the news) is undated, so the publication day
    (_FIJI_WELCOME, date(1987, 6, 2), (date(1987, 6, 2), "published")),
    # reported speech is the main clause: the filing is the news [16112-like wording]
    ("Texaco Inc said it filed for protection under Chapter 11 of the bankruptcy code on Sunday.", date(1987, 4, 13),
     (date(1987, 4, 12), "stated")),
    # a main-clause date wins over an earlier one in a relative clause (wording modelled on the Brazil reports)
    ("Brazil, which suspended interest payments on February 20, said on Monday it would resume talks.", date(1987, 3, 9),
     (date(1987, 3, 9), "stated")),
    # the small model makes "Texaco" the root and "filed" its modifier: still the main clause [16112]
    ("Texaco, the nation's third-largest oil company, filed for protection under Chapter 11 of the U.S. bankruptcy code "
     "earlier today, saying it had no choice.", date(1987, 4, 13), (date(1987, 4, 13), "stated")),
])
def test_a_sentence_is_dated_by_its_main_clause(sentence: str, published: date, expected: tuple[date, str]) -> None:
    assert event_date(sentence, published) == expected


def test_a_date_in_a_subordinate_clause_is_background() -> None:
    from ragnews.dates import in_background, main_mention

    start = _FIJI_WELCOME.index("May 14")
    assert in_background(_FIJI_WELCOME, start)
    assert main_mention(_FIJI_WELCOME, resolve_dates(_FIJI_WELCOME, date(1987, 6, 2))) is None
    adverbial = "After talks collapsed on Monday, the company said it would seek other bids."
    assert in_background(adverbial, adverbial.index("Monday"))


# A date that is an attribute of a noun phrase names a property of the thing (a maturity, a deadline, a
# meeting's day), not when the sentence's event happened (issue 19, session 6). Real Reuters-21578 sentences.
_ALLEGIS_NOTES = ("Under the deal, Boeing bought from Allegis 700 mln dlrs of convertible notes due May 31, 1992 "
                  "simultaneously with a 2.1 billion dlr aircraft order United placed with Boeing.")  # [18331], 2 June 1987


@pytest.mark.parametrize(("sentence", "date_text", "published"), [
    # the notes' maturity: dated 1992-05-31 it was a past-tense purchase five years after its article
    (_ALLEGIS_NOTES, "May 31, 1992", date(1987, 6, 2)),
    # [10312] (undated in the corpus): a bond's maturity is not when it is issued
    ("IBM Australia Credit Ltd is issuing a 75 mln Australian dlr eurobond due April 24, 1990 with a 14-1/8 pct coupon "
     "and priced at 101-1/4, Salomon Brothers International Ltd said as lead manager.", "April 24, 1990", date(1987, 3, 26)),
    # [18331]: "the May 12 deal" names the deal, the sentence reports control obtained by it
    ("Boeing Co, the aircraft manufacturer, has obtained control over Allegis, parent of United Airlines, by virtue of "
     "the May 12 deal between the two companies.", "May 12", date(1987, 6, 2)),
    # [18360]: a meeting's date inside its noun phrase
    ("Contrary to predictions before the Volcker resignation, analysts are calling for higher currency futures prices "
     "between now and the June 8 Venice economic summit.", "June 8", date(1987, 6, 2)),
])
def test_a_date_attached_to_a_noun_does_not_date_the_sentence(sentence: str, date_text: str, published: date) -> None:
    from ragnews.dates import in_background, main_mention

    assert in_background(sentence, sentence.index(date_text))
    assert main_mention(sentence, resolve_dates(sentence, published)) is None
    assert event_date(sentence, published) == (published, "published")


def test_a_date_attached_to_the_verb_still_dates_the_sentence() -> None:
    """Control cases, worded like the Reuters sentences above with the date on the verb: it still dates the sentence."""
    bought = "Under the deal, Boeing bought the convertible notes from Allegis on May 12."
    assert event_date(bought, date(1987, 6, 2)) == (date(1987, 5, 12), "stated")
    signed = "Mexico signed a 7.7 billion dlr loan agreement with its bank creditors on March 20."
    assert event_date(signed, date(1987, 3, 20)) == (date(1987, 3, 20), "stated")


# A date that a change verb takes through "to/until/from" is the new state's -- when the extended term starts,
# where the postponed event now sits -- not when the extension or postponement happened (issue 19, session 7).
# Real Reuters-21578 sentences; each was dated by that date, after its article, though written in the past tense.
_TIN_EXTENSION = ("The Sixth International Tin Agreement, which was due to expire on June 30, 1987, has been extended "
                  "for two years from July 1, 1987.")  # v4 tin-pact, published 27 April 1987
_HEARINGS_POSTPONED = ("The opposition boycott has forced the party to break its promise and agree to postpone public "
                       "hearings on the fiscal 1987/88 budget to March 19/20.")  # [5208], published 16 March 1987


@pytest.mark.parametrize(("sentence", "date_text", "published"), [
    (_TIN_EXTENSION, "July 1, 1987", date(1987, 4, 27)),
    (_HEARINGS_POSTPONED, "March 19/20", date(1987, 3, 16)),
])
def test_the_new_date_of_a_change_verb_does_not_date_the_sentence(sentence: str, date_text: str, published: date) -> None:
    from ragnews.dates import in_background

    assert in_background(sentence, sentence.index(date_text))
    assert event_date(sentence, published) == (published, "published")


def test_a_change_verb_with_its_own_date_and_other_verbs_with_from_or_to_keep_their_date() -> None:
    """Controls: the change verb's own date ("on April 2") still dates it; "began on", a rate moved "to 7.75 pct",
    and a non-change verb's "from March 3" keep their dates."""
    extended_on = "The company extended its offer on April 2."
    assert event_date(extended_on, date(1987, 4, 3)) == (date(1987, 4, 2), "stated")
    suspended = "Trading in the shares was suspended from March 3."
    assert event_date(suspended, date(1987, 3, 5)) == (date(1987, 3, 3), "stated")
    began = "The strike began on March 14."
    assert event_date(began, date(1987, 3, 20)) == (date(1987, 3, 14), "stated")


# A date in the infinitive complement of a past verb of deciding or arranging is when the scheduled action is to
# happen, not when the decision was taken (issue 19, session 8). Real Reuters-21578 sentence: v5 japan-budget dated
# it March 13, eight days after its article, though it reports a past decision.
_HEARING_DECIDED = ("In the absence of the opposition, LDP members of parliament decided at a meeting of the Lower House "
                    "Steering Committee to hold a public hearing on the draft budget on March 13 and 14, parliamentary "
                    "officials said.")  # published 5 March 1987


def test_the_date_of_a_decided_action_does_not_date_the_decision() -> None:
    from ragnews.dates import in_background

    assert in_background(_HEARING_DECIDED, _HEARING_DECIDED.index("March 13"))
    assert event_date(_HEARING_DECIDED, date(1987, 3, 5)) == (date(1987, 3, 5), "published")


def test_a_decision_with_its_own_date_and_aspectual_verbs_keep_their_date() -> None:
    """Controls: a date on the deciding verb itself still dates it; "began to trade on March 4" (an aspectual verb: the
    complement is the event) keeps its date; a present-tense plan's date is not made background (only a past decision's)."""
    from ragnews.dates import in_background

    decided_on = "The committee decided on March 2 to hold hearings."
    assert event_date(decided_on, date(1987, 3, 5)) == (date(1987, 3, 2), "stated")
    began = "Shares began to trade on March 4."
    assert event_date(began, date(1987, 3, 5)) == (date(1987, 3, 4), "stated")
    plans = "The company plans to hold its annual meeting on May 20."
    assert not in_background(plans, plans.index("May 20"))


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    # a present-tense plan's yearless date is ahead of publication, not eleven months back
    ("The company plans to hold its annual meeting on May 20.", date(1987, 3, 2), date(1987, 5, 20)),
    # a future clause in December: next January
    ("The two sides will meet again on January 5.", date(1987, 12, 20), date(1988, 1, 5)),
    # controls: a past clause stays behind publication; a present-tense report keeps the window's guess
    ("The company held its annual meeting on May 20.", date(1987, 3, 2), date(1986, 5, 20)),
    ("The talks resumed on January 5.", date(1987, 12, 20), date(1987, 1, 5)),
])
def test_a_yearless_month_day_takes_its_clause_tense_across_the_year(sentence: str, published: date,
                                                                    expected: date) -> None:
    assert _first_date(sentence, published) == expected


# A date in a whether-/if-clause, or in the subjunctive complement of a past verb of requesting, dates a question or a
# requested action, not the event (issue 19, session 9). Real Reuters-21578 sentences: held-out v6 dated both after
# their articles.
_WHETHER = ("A Cominco spokesman, queried by Reuters, declined to comment on whether the company was confident of "
            "reaching a new agreement before April 30, but said the union had not yet taken a strike vote.")  # 17 Mar 1987
_REQUESTED = ("Coastal has requested its plan and disclosure statement be set for hearing in Bankruptcy Court Judge "
              "Manuel Leal's court on April 28 and 29 along with the Transamerican plan.")  # 1 April 1987


def test_a_date_in_an_open_question_does_not_date_the_sentence() -> None:
    from ragnews.dates import in_background

    assert in_background(_WHETHER, _WHETHER.index("April 30"))
    assert event_date(_WHETHER, date(1987, 3, 17)) == (date(1987, 3, 17), "published")
    asked = "He said he did not know if the talks would resume on Monday."
    assert in_background(asked, asked.index("Monday"))


def test_a_requested_actions_date_does_not_date_the_request() -> None:
    from ragnews.dates import in_background

    assert in_background(_REQUESTED, _REQUESTED.index("April 28"))
    assert event_date(_REQUESTED, date(1987, 4, 1)) == (date(1987, 4, 1), "published")
    that_clause = "The company asked that the meeting be held on May 5."
    assert in_background(that_clause, that_clause.index("May 5"))


def test_dates_of_reported_facts_keep_their_date() -> None:
    """Controls: reported speech, an aspectual gerund and a plain past clause keep their stated dates."""
    filed = "The company said it filed the plan on March 28."
    assert event_date(filed, date(1987, 4, 1)) == (date(1987, 3, 28), "stated")
    began = "The company said it began trading on March 3."
    assert event_date(began, date(1987, 4, 1)) == (date(1987, 3, 3), "stated")
    vote = "The union said the strike began on March 14 after a vote."
    assert event_date(vote, date(1987, 4, 1)) == (date(1987, 3, 14), "stated")


def test_the_one_future_cue_list_reads_obligations_and_be_due_but_not_a_cause() -> None:
    """dates.FUTURE_CUE is the one list of cues that put an event after its article (the dates module, the timeline
    bench and tests read it). v12's Georgia runoff entry "Early voting must begin by November 28 in all counties ..."
    (an article of 9 November) was flagged a date error: an obligation with a deadline is a coming event. Reuters'
    "had been due to expire midnight April 28" is one too; "was due to remarks" is a cause, not a schedule."""
    assert FUTURE_CUE.search("Early voting must begin by November 28 in all counties, but Raffensperger said his "
                             "office anticipates some counties could have early voting on Saturday, November 26 or "
                             "Sunday, November 27.")
    assert FUTURE_CUE.search("The offer for the 45 pct of Standard shares not owned by BP had been due to expire "
                             "midnight April 28.")
    assert FUTURE_CUE.search("The written ruling is expected April 15.")
    assert not FUTURE_CUE.search("The currency's decline was due to remarks on Sunday by U.S. Treasury Secretary James "
                                 "Baker, dealers said.")
