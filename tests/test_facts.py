"""Fact-level checks: every alteration kind is caught on a real sentence, faithful paraphrases are kept."""

from __future__ import annotations

import pytest

from ragnews import facts
from tests.conftest import EXAMPLES, HILL, REUTERS_AUG, REUTERS_JUNE

ARTICLES = {name: (EXAMPLES / name).read_text(encoding="utf-8") for name in (HILL, REUTERS_AUG, REUTERS_JUNE)}

# (article, the real sentence cited, altered claim, kind, words the reason must name)
ALTERED = [
    (REUTERS_AUG, "The nine-day joint military exercise began on Aug. 16",
     "The five-day joint military exercise began on Aug. 16.", "number", ["five-day", "nine-day"]),
    (REUTERS_AUG, "The US does not have hostile intent towards Pyongyang and is open to meeting any time and any place",
     "The US does have hostile intent towards Pyongyang and is open to meeting any time and any place.", "negation",
     ["does have", "does not have"]),
    (REUTERS_AUG, "The US envoy is expected to meet Russian Deputy Foreign Minister Igor Morgulov on Tuesday in Seoul.",
     "The US envoy is expected to meet Chinese Deputy Foreign Minister Igor Morgulov on Tuesday in Seoul.", "entity",
     ["Chinese", "Russian"]),
    (REUTERS_AUG, "Sung Kim arrived in Seoul on Saturday for a four-day visit.",
     "Sung Kim arrived in Seoul on Sunday for a four-day visit.", "date", ["Sunday", "Saturday"]),
    (REUTERS_AUG, "Sung Kim arrived in Seoul on Saturday for a four-day visit.",
     "Sung Kim arrived in Seoul on Saturday for a four-week visit.", "unit", ["four-week", "four-day"]),
    (REUTERS_AUG, "Sung Kim arrived in Seoul on Saturday for a four-day visit.",
     "Sung Kim arrived in Tokyo on Saturday for a four-day visit.", "entity", ["Tokyo", "Seoul"]),
    (REUTERS_AUG, "On Sunday Kim met with Foreign Minister Chung Eui-yong at the minister's residence",
     "On Sunday Kim met with Foreign Minister Moon Jae-in at the minister's residence.", "entity", ["Moon Jae", "Chung Eui-yong"]),
    (HILL, "Special envoy Sung Kim told his counterparts in North Korea that he is prepared to meet “anywhere and at any time” "
     "to engage in nuclear conversations, according to The Associated Press.",
     "Special envoy Sung Kim told his counterparts in North Korea that he is prepared to meet anywhere and at any time "
     "to engage in nuclear conversations, according to Reuters.", "entity", ["Reuters"]),
    (REUTERS_AUG, "“The US does not have hostile intent towards (North Korea),\" Kim told reporters after meeting with his "
     "South Korean counterpart, Noh Kyu-duk.",
     "Reporters told Kim that the US does not have hostile intent towards North Korea.", "role", ["Reporters told Kim"]),
    (REUTERS_JUNE, "With the relationship between China and North Korea at a new starting point, they will strengthen "
     "communication at all levels",
     "With the relationship between China and North Korea at a new starting point, they will strengthen communication "
     "at some levels.", "quantity", ["some", "all"]),
    (HILL, "a summit between former President Trump and Kim Jong Un collapsed after Americans declined Korea’s demand for "
     "economic sanctions to be eased in exchange for a partial decrease of its nuclear capabilities",
     "A summit between former President Trump and Kim Jong Un collapsed after Americans declined Korea's demand for "
     "economic sanctions to be eased in exchange for a partial increase of its nuclear capabilities.", "antonym",
     ["increase", "decrease"]),
    (HILL, "Nuclear talks between the U.S. and North Korea have been on thin ice since 2019",
     "Nuclear talks between the U.S. and North Korea have been on thin ice since 2017.", "date", ["2017", "2019"]),
    (REUTERS_AUG, "Noh said the pair discussed possible humanitarian aid to North Korea",
     "Noh said the pair discussed possible military aid to North Korea.", "antonym", ["military", "humanitarian"]),
    (REUTERS_JUNE, "China is North Korea’s only major ally",
     "China is North Korea's only major rival.", "antonym", ["rival", "ally"]),
    (HILL, "Sung Kim, after meeting with senior South Korean diplomat Noh Kyu-duk",
     "Sung Kim, after meeting with junior South Korean diplomat Noh Kyu-duk, spoke to reporters.", "antonym", ["junior", "senior"]),
    (REUTERS_JUNE, "In the meantime, the United States will continue to implement UN Security Council resolutions that have "
     "imposed sanctions on North Korea for its nuclear weapons program",
     "In the meantime, the United States will continue to implement NATO resolutions that have imposed sanctions on "
     "North Korea for its nuclear weapons program.", "entity", ["NATO"]),
]

# (article, the real sentence cited, faithful paraphrase)
FAITHFUL = [
    (REUTERS_AUG, "Sung Kim arrived in Seoul on Saturday for a four-day visit.", "Sung Kim arrived in Seoul on Saturday for a 4-day visit."),
    (REUTERS_AUG, "The nine-day joint military exercise began on Aug. 16", "The nine-day joint military exercise began on August 16."),
    (REUTERS_AUG, "The US envoy is expected to meet Russian Deputy Foreign Minister Igor Morgulov on Tuesday in Seoul.",
     "The US envoy is expected to meet Russia's Deputy Foreign Minister, Igor Morgulov, in Seoul on Tuesday."),
    (REUTERS_AUG, "The US does not have hostile intent towards Pyongyang and is open to meeting any time and any place",
     "The US has no hostile intent towards Pyongyang."),
    (REUTERS_AUG, "“The US does not have hostile intent towards (North Korea),\" Kim told reporters after meeting with his "
     "South Korean counterpart, Noh Kyu-duk.",
     "Sung Kim told reporters that the US does not have hostile intent towards North Korea."),
    (HILL, "Nuclear talks between the U.S. and North Korea have been on thin ice since 2019",
     "Nuclear talks between the US and North Korea have been on thin ice since 2019."),
    (REUTERS_JUNE, "China is North Korea’s only major ally and is seen as a key player in all efforts to resolve tensions over "
     "Pyongyang’s nuclear program.",
     "China, North Korea's only major ally, is seen as a key player in all efforts to resolve tensions over Pyongyang's nuclear program."),
]


@pytest.mark.parametrize(("article", "quote", "claim", "kind", "named"), ALTERED, ids=[f"{a[3]}-{i}" for i, a in enumerate(ALTERED)])
def test_each_alteration_kind_is_caught_with_a_reason_naming_it(article: str, quote: str, claim: str, kind: str,
                                                                named: list[str]) -> None:
    text = ARTICLES[article]
    assert quote in text, "the cited sentence must be real"
    found = facts.check(claim, [quote], text)
    assert found, f"altered claim passed: {claim}"
    assert kind in {m.kind for m in found} or (kind == "antonym" and found)
    reason = facts.reason(found)
    for word in named:
        assert word.lower() in reason.lower(), reason


@pytest.mark.parametrize(("article", "quote", "claim"), FAITHFUL, ids=[str(i) for i in range(len(FAITHFUL))])
def test_faithful_paraphrases_are_kept(article: str, quote: str, claim: str) -> None:
    text = ARTICLES[article]
    assert quote in text
    assert facts.check(claim, [quote], text) == []


def test_reason_text_matches_the_issue_wording() -> None:
    found = facts.check("The five-day joint military exercise began on Aug. 16.", ["The nine-day joint military exercise began on Aug. 16"])
    assert found[0].reason == "'five-day' not in the cited sentence, which says 'nine-day'"


def test_names_may_come_from_the_article_when_the_quote_names_no_rival() -> None:
    quote = "“I continue to stand ready to meet my North Korean counterparts anywhere at any time,” he said."
    claim = "Sung Kim said he continues to stand ready to meet his North Korean counterparts anywhere at any time."
    assert facts.check(claim, [quote], ARTICLES[REUTERS_AUG]) == []
    assert facts.check(claim, [quote], "") != []  # without the article, the name is not stated


def test_dates_in_the_article_do_not_excuse_a_rival_weekday_in_the_quote() -> None:
    quote = "Sung Kim arrived in Seoul on Saturday for a four-day visit."
    found = facts.check("Sung Kim arrived in Seoul on Tuesday for a four-day visit.", [quote], ARTICLES[REUTERS_AUG])
    assert [m.kind for m in found] == ["date"] and "Saturday" in found[0].reason  # the article says Tuesday elsewhere


def test_quantities_fold_units_and_magnitudes() -> None:
    assert [(q.value, q.unit) for q in facts.quantities("profit of 4.5 mln dlrs and 3 pct")] == [(4.5e6, "dollars"), (3.0, "percent")]
    assert facts.check_numbers("a profit of 4.5 million dollars", "a profit of 4.5 mln dlrs") == []
    assert [m.kind for m in facts.check_numbers("a profit of 4.5 billion dollars", "a profit of 4.5 mln dlrs")] == ["number"]
    assert [m.kind for m in facts.check_numbers("costs rose 12 yen", "costs rose 12 dlrs")] == ["unit"]


def test_an_ordinal_is_matched_only_by_an_ordinal() -> None:
    """A rank or a name ("20th Century Fox") is not found in a date's day or a count of the same value.

    The quote is RGB's (session 10, rgb-heldout): the LLM's "20th Century Fox" passed beside it because
    "March 20" holds a 20. A day written as an ordinal stays a day ("September 20th" = "September 20").
    """
    quote = ("At 12:02 a.m. Eastern Time tomorrow, March 20, 2019, The Walt Disney Company's acquisition of "
             "21st Century Fox will become effective.")
    found = facts.check_numbers("The Walt Disney Company acquired 20th Century Fox on March 20, 2019.", quote)
    assert [(m.kind, m.claim, m.quote) for m in found] == [("number", "20th", "21st")]
    assert facts.check_numbers("Disney acquired 21st Century Fox, effective the 20th of March 2019.", quote) == []
    assert facts.check_numbers("The iPhone 11 was released on September 20, 2019.",
                               "Apple announced that the iPhone 11 was released on September 20th.") == []
    assert facts.check_numbers("Profit rose 20 pct.", "Profit rose 20 pct in the 3rd quarter.") == []


def test_real_reuters_role_swap_is_caught() -> None:
    quote = "NEC sued Intel in December 1984 seeking a judgement declaring that microcode does not infringe on Intel copyrights."
    found = facts.check("Intel sued NEC in December 1984 seeking a judgement.", [quote])
    assert [m.kind for m in found] == ["role"] and "NEC sued Intel" in found[0].reason
    assert facts.check("In December 1984 Intel was sued by NEC.", [quote]) == []


def test_a_doer_replaced_by_another_name_is_caught_not_a_shared_or_unnamed_one() -> None:
    """Session 11 (RGB dev labels): "Serena Williams won ..." passed beside "Bianca Andreescu defeated Serena
    Williams ... to win the ... title": every name and date is in the quote, but its winner is someone else."""
    quote = "Anna Berg beat Maria Lopez by two minutes to win the city marathon on Sunday."
    found = facts.check("Maria Lopez won the city marathon on Sunday.", [quote])
    assert [m.kind for m in found] == ["role"] and "'Maria Lopez won'" in found[0].reason and "Berg" in found[0].reason
    assert facts.check("Anna Berg won the city marathon on Sunday.", [quote]) == []
    said = facts.check("Mayor Ruiz said the bridge would reopen.", ["Councillor Ortiz said Mayor Ruiz expects the bridge to reopen."])
    assert [m.kind for m in said] == ["role"]
    assert facts.check("Ruiz said the bridge would reopen.", ["She said the bridge would reopen, Ruiz told reporters."]) == []
    assert facts.check("Ruiz and Ortiz won the vote.", ["Ruiz and Ortiz won the vote on Monday."]) == []


def test_verbatim_claims_need_no_parse() -> None:
    quote = "Sung Kim arrived in Seoul on Saturday for a four-day visit."
    assert facts.check("Sung Kim arrived in Seoul on Saturday", [quote]) == []


def test_publication_words_give_month_and_year_only() -> None:
    assert facts.publication_words("2021-08-23T10:00:00+00:00") == "August 2021"
    assert facts.publication_words("2021-08-23") == "August 2021"
    assert facts.publication_words("") == "" and facts.publication_words("2021-13-01") == ""
    quote = "Sung Kim arrived in Seoul on Saturday."
    assert facts.check("Sung Kim arrived in Seoul in August 2021.", [quote], published=facts.publication_words("2021-08-21")) == []
    rival = facts.check("Sung Kim arrived in Seoul on Monday.", [quote], published=facts.publication_words("2021-08-23"))
    assert [m.kind for m in rival] == ["date"]  # the report's date never excuses a rival weekday


def test_a_name_from_the_passage_needs_the_quote_to_name_or_refer_to_it() -> None:
    """Only the quote is shown: a name taken from the passage around it must be named or referred to by it."""
    text = ARTICLES[REUTERS_AUG]
    aid = "Noh said the pair discussed possible humanitarian aid to North Korea, as well as ways to restart stalled denuclearisation talks."
    found = facts.check("Noh and Igor Morgulov discussed possible humanitarian aid to North Korea.", [aid], text)
    assert [m.kind for m in found] == ["entity"] and "'Igor Morgulov' not in the cited sentence" in found[0].reason
    # "the pair" are the last two people named before the quote: Kim and Noh
    assert facts.check("Sung Kim and Noh discussed possible humanitarian aid to North Korea.", [aid], text) == []
    # "he" refers to the last person named before the quote (Noh), not to anyone in the article
    said = "“We agreed to work together to resume dialogue with North Korea as soon as possible,” he said."
    assert said in text
    claim = "{} said they agreed to work together to resume dialogue with North Korea as soon as possible."
    assert facts.check(claim.format("Noh Kyu-duk"), [said], text) == []
    assert [m.claim for m in facts.check(claim.format("Igor Morgulov"), [said], text)] == ["Igor Morgulov"]
    # a surname in the quote is the person the article names in full; without the article it is not stated
    sunday = ("On Sunday Kim met with Foreign Minister Chung Eui-yong at the minister's residence, where they discussed "
              "ways for a speedy resumption of the peace process on the Korean peninsula, a foreign ministry official said.")
    assert facts.check("On Sunday Sung Kim met with Foreign Minister Chung Eui-yong.", [sunday], text) == []
    assert [m.claim for m in facts.check("On Sunday Sung Kim met with Foreign Minister Chung Eui-yong.", [sunday])] == ["Sung Kim"]


def test_an_acronym_in_the_quote_states_the_name_it_abbreviates() -> None:
    quote = ("In the meantime, the United States will continue to implement UN Security Council resolutions that have "
             "imposed sanctions on North Korea for its nuclear weapons program")
    assert quote in ARTICLES[REUTERS_JUNE]
    assert facts.check("The United States will continue to implement United Nations Security Council resolutions.", [quote]) == []
    assert [m.claim for m in facts.check("The United States will continue to implement European Union Security Council "
                                         "resolutions.", [quote])] == ["European Union Security Council"]


def test_a_year_from_the_passage_is_not_stated_by_the_quote_but_the_report_date_is() -> None:
    quote = "Sung Kim arrived in Seoul on Saturday for a four-day visit."
    claim = "Sung Kim arrived in Seoul in 2021 for a four-day visit."
    assert "2021" in ARTICLES[REUTERS_AUG]
    assert [m.claim for m in facts.check(claim, [quote], ARTICLES[REUTERS_AUG])] == ["2021"]
    assert facts.check(claim, [quote], ARTICLES[REUTERS_AUG], published="August 2021") == []


def test_a_copied_part_that_cuts_a_clause_or_breaks_off_is_not_stated() -> None:
    text = ARTICLES[REUTERS_AUG]
    thaw = ("The visit comes as a brief thaw in inter-Korean relations in July gave way to a new standoff over US-South "
            "Korean military exercises that North Korea has warned could trigger a security crisis.")
    intent = ("The US does not have hostile intent towards Pyongyang and is open to meeting any time and any place, "
              "Washington's special envoy for North Korea said on Monday during a visit to South Korea.")
    aid = "Noh said the pair discussed possible humanitarian aid to North Korea, as well as ways to restart stalled denuclearisation talks."
    assert thaw in text and intent in text and aid in text
    cut = facts.check("The visit comes as a brief thaw in inter-Korean relations in July.", [thaw], text)
    assert [m.kind for m in cut] == ["cut"] and "gave way" in cut[0].reason  # the verb whose subject was copied
    assert [m.kind for m in facts.check("have hostile intent towards Pyongyang", [intent], text)] == ["cut"]  # "not" left off
    broken = facts.check("Noh said the pair discussed possible humanitarian aid to", [aid], text)
    assert [m.kind for m in broken] == ["cut"] and "breaks off" in broken[0].reason
    assert facts.check("Noh said the pair discussed possible humanitarian aid to North Korea", [aid], text) == []  # cut at a comma


def test_a_count_in_words_must_be_in_the_quote() -> None:
    """A RealTimeQA dev sentence (Daily Harvest recall): 'hundreds of reports' has no digit for the number check."""
    quote = ("(CNN) Days after meal-kit service Daily Harvest announced the voluntary recall of one of its products, the "
             "company has been hit with two lawsuits from individuals who said they had their gallbladders removed after consuming it.")
    found = facts.check("The meal kit service Daily Harvest received hundreds of reports of illness following a recall.", [quote])
    assert [(m.kind, m.claim) for m in found] == [("number", "hundreds of")]
    assert facts.check_numbers("a camp to house hundreds of migrants", "a camp to temporarily house hundreds of single, adult male migrants") == []
    assert facts.check_numbers("thousands of people fled", "some 5,000 people fled") == []  # a number in the range states it


def test_a_name_copied_alone_from_its_quote_is_no_cut_clause() -> None:
    """The extractive engine leads a factoid answer with the name itself: no verb, so nothing is cut."""
    quote = "The nine-day joint military exercise began on Aug. 16, with silence so far from North Korean state media"
    assert facts.check("The nine-day joint military exercise", [quote]) == []
    assert [m.kind for m in facts.check("The nine-day joint military exercise began", [quote + "."])] == []  # cut before "on"


def test_a_describing_adjective_must_be_in_the_quote() -> None:
    """RealTimeQA held-out pair (session 6, labelled 'not'): 'controversial' is the model's (from the question),
    not the quote's; a quote saying 'controversy' states it, and quantity words are the quantity check's business."""
    quote = ("Dustin Johnson has enough points to secure the inaugural season-long LIV Golf individual championship and "
             "the series’ $18 million prize, LIV officials announced Monday.")
    found = facts.check("Dustin Johnson clinched the controversial LIV Golf championship and the $18 million prize.", [quote])
    assert [m.kind for m in found] == ["modifier"] and facts.reason(found) == "'controversial' not in the cited sentence"
    assert not facts.check("Dustin Johnson secured the LIV Golf championship and the $18 million prize.", [quote])
    stated = "The plan, which drew controversy for months, was approved by the council on Monday."
    assert not facts.check("The controversial plan was approved by the council on Monday.", [stated])
    assert not facts.check("Six big vessels were waiting.", ["Six large vessels were waiting."])  # a size synonym
    assert not facts.check("Several other plans were approved by the council on Monday.",
                           ["The council approved several other plans on Monday."])


def test_an_ordinal_spelt_out_states_its_number_and_a_different_one_is_caught() -> None:
    """RGB dev: "Grey's Anatomy Season 17" beside "The seventeenth season of Grey's Anatomy premiered ..." -- the
    spelt-out ordinal is the claim's number, so the source sentence may replace the rewritten claim; another
    number or rank is still a mismatch, and "first"/"second" stay words (an adverb, a unit of time)."""
    quote = "The seventeenth season of Grey's Anatomy premiered November 12, 2020 on ABC."
    assert facts.check_numbers("Grey's Anatomy Season 17 premiered on November 12, 2020.", quote) == []
    assert facts.check_numbers("The third delay was announced.", "It is the third delay of the launch.") == []
    assert facts.check_numbers("It is the 3rd delay.", "It is the third delay of the launch.") == []
    found = facts.check_numbers("Grey's Anatomy Season 16 premiered on November 12, 2020.", quote)
    assert [(m.kind, m.claim, m.quote) for m in found] == [("number", "16", "seventeenth")]
    assert [m.claim for m in facts.check_numbers("The fourth delay was announced.", "It is the third delay.")] == ["fourth"]
    assert facts.check_numbers("He spoke first, for a second.", "He spoke at the meeting.") == []
    assert facts.check_numbers("There were zero deaths.", "Officials reported zero deaths.") == []


def test_the_pronoun_us_names_no_country() -> None:
    """"US" in capitals names the United States; "us", the pronoun, does not: the table's initialism once made a quote
    with "told us" state a claim's "The United States" (a country the quote never names)."""
    claim = "The United States will send more aid to Ukraine."
    assert [m.claim for m in facts.check(claim, ['"They told us more aid would be sent to Ukraine," Zelenskiy said.'])] \
        == ["The United States"]
    assert facts.check(claim, ["The US will send more aid to Ukraine, Biden said."]) == []
