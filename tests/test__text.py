"""The sentence splitter's web-page rules (`ragnews._text.web_cuts`): page chrome, caption labels, captions run
into a clause opener, bylines. Inputs are verbatim FRANK CNN/DailyMail and BBC text (\xa0 as the article prints it),
and verbatim Reuters-21578 and RealTimeQA sentences that must stay whole."""

from __future__ import annotations

import pytest

from ragnews._text import sentence_spans

#: FRANK CNN/DailyMail: a chrome notice, a caption ending on a number and a caption ending on a year, each glued on.
HUSSEN = ("to join IS, as well as keeping quiet about his own links to radicalism. Scroll down for video Abase Hussen, "
          "left, took his daughter Amira, right, to a demonstration when she was aged just 13 Abase Hussen, circled, "
          "\xa0marched at the head of a violent rally held by Muslim extremists in London in 2012 It then emerged he had "
          "been in caught in shocking video footage amid a flag-burning mob, screaming in rage at a protest outside the "
          "US embassy in London, in 2012.")
#: FRANK CNN/DailyMail: two labelled captions ("Flying high:", "Skilful:") and a body sentence opening "However,".
KITE = ("ng in south-western China, according to\xa0People's Daily Online. Scroll down for video Flying high: Half of the "
        "6,000-metre-long dragon-themed kite took to the sky in Chongqing last Saturday Skilful: The kite weighs 200 "
        "kilograms and requires three experienced kite flyers to\xa0manoeuvre However, Chinese aviation authorities "
        "ruled that the dragon-themed kite - which is made from 2,000 separate pieces and weighs a whopping 200 "
        "kilograms - could not be flown, and the team were forced to fly only half of it.")
#: FRANK CNN/DailyMail: a label after a caption ending on a lower-case noun.
VEEP = ("Scroll down for video Strictly business: Julia Louis-Dreyfus covers Marie Claire's career-oriented supplement "
        "@Work, which is featured in the May issue of the magazine Short and sweet:\xa0Julia revealed that the "
        "ultra-short hairstyle she models in the newest season of HBO's political comedy Veep (pictured) was inspired "
        "by none other than presidential candidate Hillary Clinton.")
#: FRANK BBC (XSum, as the v13 home stores it): a byline whose role runs into the first sentence.
SHAW = ("The current minimum sentence for a police murder is 30 years.\nBy Danny ShawBBC home affairs "
        "correspondentTheresa May's whole life tariff for police murderers is being welcomed by rank-and-file officers.")


def sentences(text: str) -> list[str]:
    """The sentences sentence_spans finds, as text."""
    return [text[s:e] for s, e in sentence_spans(text)]


def test_page_chrome_is_cut_off_and_is_no_sentence() -> None:
    for text in (HUSSEN, KITE, VEEP):
        got = sentences(text)
        assert not any("Scroll down for video" in sentence for sentence in got)
    assert sentences(HUSSEN)[1].startswith("Abase Hussen, left, took his daughter Amira")


def test_a_caption_ends_before_a_capitalised_clause_opener() -> None:
    got = sentences(HUSSEN)
    assert got[-1].startswith("It then emerged he had been in caught in shocking video footage")
    assert got[-2].endswith("held by Muslim extremists in London in 2012")
    assert sentences(KITE)[-1].startswith("However, Chinese aviation authorities ruled")


def test_a_caption_label_starts_a_span() -> None:
    got = sentences(KITE)
    assert got[1] == ("Flying high: Half of the 6,000-metre-long dragon-themed kite took to the sky in Chongqing last "
                      "Saturday")
    assert got[2].startswith("Skilful: The kite weighs 200 kilograms")
    assert sentences(VEEP)[-1].startswith("Short and sweet:\xa0Julia revealed that the ultra-short hairstyle")


def test_a_byline_glued_to_the_article_ends_at_the_role() -> None:
    assert sentences(SHAW)[1:] == ["By Danny ShawBBC home affairs correspondent",
                                   "Theresa May's whole life tariff for police murderers is being welcomed by "
                                   "rank-and-file officers."]


@pytest.mark.parametrize("text", [
    # Reuters-21578: a reporting verb or a name particle before a name and a colon opens a quote, not a caption.
    'Belgian Transport Minister Herman de Croo told reporters: "I fear the dead could be in hundreds, perhaps 200.',
    'In his weekly radio address on Saturday, Reagan said he would tell Nakasone: "We want to continue to work '
    'cooperatively on trade problems and want very much to lift these trade restrictions as soon as evidence permits.',
    "The China Daily quoted He as saying China should adopt intensive farming to increase grain output.",
    # RealTimeQA: a name, an acronym or a day before a colon heads a list, not a caption.
    "Vance's opponents include three prominent party members who also sought Trump's support: Josh Mandel, former "
    "legislator and state treasurer; Mike Gibbons, a businessman; and Jane Timken, former state GOP party chair.",
    "Here are some of the most bitter disputes over honours in recent UK political history: Lloyd George's 'cash for "
    "patronage' scandal.",
    'In the South, Nashville was also seeing snow Thursday: "Snow has spread across much of Middle Tennessee '
    'including Nashville Metro, and travel is deteriorating quickly," the National Weather Service in Nashville tweeted.',
    "On today's episode of the 5 Things podcast: Six months of war in Ukraine",
    "2022 Oscars:A bald Jada Pinkett Smith turns heads with elaborate, emerald gown.",
    "COPING STRATEGIES FOR SUMMER 2022 TRAVEL:Take a breath and lower your expectations",
    # FRANK: a speaker's name before a colon is no label ("Joy" is no caption).
    "Joy Smith: He's turning blue.",
])
def test_newswire_quotes_and_headings_stay_whole(text: str) -> None:
    assert sentences(text) == [text]


def test_spans_are_exact_offsets_into_the_text() -> None:
    for text in (HUSSEN, KITE, VEEP, SHAW):
        spans = sentence_spans(text)
        assert all(text[s:e] == text[s:e].strip() and s < e for s, e in spans)
        assert [s for s, _ in spans] == sorted(s for s, _ in spans)
        kept = "".join("".join(text[s:e].split()) for s, e in spans)
        assert kept == "".join(text.replace("Scroll down for video", "").split())  # nothing but the chrome dropped
