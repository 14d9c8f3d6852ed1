"""Question focus and evidence coverage (spaCy), without retrieval."""

from __future__ import annotations

from ragnews.answerability import analyze, coverage, fits, missing_text

PASSAGE = ("SEOUL (Reuters)", ("Kim told reporters after meeting with his South Korean counterpart, Noh Kyu-duk. "
                               "Sung Kim arrived in Seoul on Saturday for a four-day visit."), "2021-08-23")


def test_focus_reads_kind_entities_attribute_and_type() -> None:
    f = analyze("Who is the CEO of Apple?")
    assert f.kind == "who" and [e.text for e in f.entities] == ["Apple"] and f.attribute is not None
    assert f.answer_labels == {"PERSON"}
    count = analyze("How many employees does Pizza Inn have?")
    assert count.kind == "count" and count.attribute is not None and count.attribute.found_in("it employs 300 people")
    said = analyze("What did Li Jinjun write?")
    assert said.kind == "said" and said.speaker is not None and said.speaker.found_in("..., Li wrote.")
    assert analyze("Did Sung Kim meet Noh Kyu-duk?").kind == "yesno"
    assert analyze("Where is Schult Homes based?").answer_labels >= {"GPE"}


def test_coverage_names_missing_entities_and_nouns() -> None:
    eu = analyze("What did the European Union say about the stalled talks?")
    assert missing_text(coverage(eu, [PASSAGE]).missing) == "The articles do not mention the European Union."
    rice = analyze("What is the price of rice in Seoul?")
    assert [t.text for t in coverage(rice, [PASSAGE]).missing] == ["rice"]
    assert coverage(analyze("Who did Sung Kim meet in Seoul?"), [PASSAGE]).complete
    cnn = analyze("What did CNN report about the visit?")  # an acronym the evidence spells out
    assert coverage(cnn, [("", "A report on Cable News Network said the visit went well.", "")]).complete


def test_a_month_in_the_question_is_covered_by_the_publication_date() -> None:
    june = analyze("How many days did the June visit last?")
    passages = [("", "Kim is on a five-day visit.", "2021-06-21"), ("", "Kim began a four-day visit.", "2021-08-23")]
    assert coverage(june, passages).anchored == {1}


def test_a_sentence_fits_only_when_it_names_what_was_asked() -> None:
    who = analyze("Who did Sung Kim meet in Seoul?")
    fit = fits(who, "Kim told reporters after meeting with his South Korean counterpart, Noh Kyu-duk.")
    assert fit.ok and fit.lead.startswith("Noh Kyu-duk")
    assert not fits(who, "Sung Kim arrived in Seoul on Saturday for a four-day visit.").ok
    city = analyze("Which city hosted the 2019 Trump-Kim summit?")
    assert not fits(city, "Talks stalled in 2019, when a summit between Trump and Kim Jong Un collapsed.").ok
    assert fits(city, "The 2019 summit between Trump and Kim was held in Hanoi.").lead == "Hanoi"
    days = analyze("How many days did the June visit last?")
    assert fits(days, "Sung Kim is in South Korea on a five-day visit.").lead == "five-day"
    assert not fits(days, "Kim arrived on Saturday, a day after the report.").ok
    ceo = analyze("Who is Coleco's chief executive?")
    assert fits(ceo, "Coleco vice president Morton Handel said sales were reasonable.").reason == "attribute"
    money = analyze("How large a credit line did BNL approve for the Soviet Union?")
    assert fits(money, "Nesi said BNL had approved a 200 mln dlr credit line to the Soviet Union.").lead.startswith("200 mln dlr")


def test_name_parts_count_only_capitalised_and_initialisms_match_either_spelling() -> None:
    gates = analyze("What did Bill Gates say about the merger?")
    assert not coverage(gates, [("", "The bill passed and the gates opened.", "")]).complete
    assert coverage(gates, [("", "Gates said the merger made sense.", "")]).complete
    uk = analyze("What did the UK say about the tariffs?")
    assert coverage(uk, [("", "The U.K. said the tariffs would hurt exporters.", "")]).complete
    us = analyze("What did the U.S. say about the tariffs?")
    assert coverage(us, [("", "US officials said the tariffs would stay.", "")]).complete


def test_a_country_is_covered_by_its_adjective() -> None:
    saudi = analyze("How much crude did Saudi Arabia pump in February?")
    assert coverage(saudi, [("", "Saudi crude oil output fell to 3.5 mln bpd in February.", "")]).complete
    assert not coverage(saudi, [("", "Kuwaiti output fell in February.", "")]).complete


def test_which_x_asks_for_the_subject_and_whom_for_the_object() -> None:
    assert analyze("Which brokerage agreed to an SEC censure?").wh_subject
    whom = analyze("Whom did Colombia's finance minister blame for the failure of the talks?")
    assert not whom.wh_subject and whom.verb == "blame"
    fit = fits(whom, "Colombian finance minister Cesar Gaviria blamed the United States for the failure of the talks.")
    assert "Gaviria" not in fit.lead  # the subject of "blamed" is who blames, not whom
    assert fits(analyze("Who warned that the exercises would undermine relations?"),
                "Kim Yo Jong warned that the exercises would undermine relations.").lead == "Kim Yo Jong"


def test_how_many_counts_the_noun_after_many_not_a_named_thing() -> None:
    jaguars = analyze("How many Jaguars does the company plan to sell in the U.S. in 1987?")
    assert jaguars.counted == ""
    assert fits(jaguars, "Jaguar plans to sell 25,000 of its total 47,000 production there in 1987.").lead.startswith("25,000")
    troops = analyze("How many US troops are stationed in South Korea?")
    assert troops.counted == "troop"
    days = fits(analyze("How many days did the June visit last?"), "Sung Kim is in South Korea on a five-day visit.")
    assert days.lead == "five-day" and days.linked  # the number names the counted noun: tied to the question


def test_an_agency_credit_is_no_answer() -> None:
    met = analyze("Whom did Sung Kim meet in Seoul?")
    assert not fits(met, "SEOUL, June 21 (Reuters) - The new US envoy said he met officials.").lead.startswith("Reuters")


def test_which_adjective_noun_asks_for_that_type_not_the_word() -> None:
    official = analyze("Which Russian official was Sung Kim scheduled to meet in Seoul?")
    assert official.kind == "who" and official.attribute is None  # "official" is the type, not a word to find
    fit = fits(official, "Sung Kim is also scheduled to meet with Russian Deputy Foreign Minister Igor Morgulov.")
    assert fit.ok and "Igor Morgulov" in fit.lead
