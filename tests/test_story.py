"""Story scope: which articles belong to the story, and the abstention when none does (issue 19)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import pytest

from ragnews import Article, NewsRAG
from ragnews.story import (
    article_in_scope,
    name_phrases,
    not_covered,
    query_roles,
    query_terms,
    role_stated,
    scope_articles,
    sentence_on_story,
    states_story_words,
    story_period,
    StoryTest,
    event_stems,
)

# Real Reuters-21578 articles (NEWID), shortened to their first paragraphs.
FIJI_COUP = Article.create(  # 17962, 2 June 1987
    "BOMB THREATS, STRIKES AS FIJI SEES END TRADE BAN",
    "Fiji today welcomed the ending of a trade ban imposed by Australian labor unions as supporters of the country's "
    "ousted prime minister Timoci Bavadra renewed pressure for his reinstatement with strikes and shop closures.\n\n"
    "The government welcomed a decision by the Australian Waterside Workers' Federation to lift its ban on shipments to "
    "Fiji, imposed in support of Bavadra, whose newly-elected government was overthrown in a military coup on May 14.",
    published=date(1987, 6, 2), source="Reuters")
FIJI_SUGAR = Article.create(  # 105, 26 Feb 1987: Fiji in a quota table, no coup
    "SUGAR QUOTA IMPORTS DETAILED -- USDA",
    "The U.S. Agriculture Department said cumulative sugar imports from individual countries during the 1987 quota "
    "year were as follows: Australia nil, Fiji nil, Brazil nil.",
    published=date(1987, 2, 26), source="Reuters")
PHILIPPINE_DEBT = Article.create(  # 3397, 9 Mar 1987: a coup, but not in Fiji
    "BANKS TO MULL PHILIPPINE DEBT PROPOSAL",
    "Commercial bank creditors will consider a Philippine proposal to pay part of its interest in bonds, bankers said. "
    "The government has survived several coup attempts by military rebels.",
    published=date(1987, 3, 9), source="Reuters")
ENRON_DIVIDEND = Article.create(  # 6734, 18 Mar 1987: Enron named, no scandal
    "ENRON <ENE> TO PAY DIVIDENDS ON PREFERRED",
    "Enron Corp said its board declared regular quarterly dividends on its preferred stock.",
    published=date(1987, 3, 18), source="Reuters")

# Chunks containing each word in a corpus of 20,000 chunks, as FTS5 would count them.
COUNTS = {"fiji": 9, "military": 300, "coup": 40, "enron": 4, "accounting": 150, "scandal": 60, "bankruptcy": 250,
          "lockerbie": 0, "bombing": 30, "pan": 40, "am": 900, "flight": 120}
TOTAL = 20_000


def counter(terms: Sequence[str]) -> dict[str, int]:
    """FTS5-like chunk counts for the test corpus."""
    return {t: COUNTS.get(t, 500) for t in terms}


def test_query_terms_weigh_rare_words_and_flag_distinctive_names() -> None:
    terms = {t.word: t for t in query_terms("Fiji military coup", counter, TOTAL)}
    assert set(terms) == {"fiji", "military", "coup"}
    assert terms["fiji"].name and not terms["military"].name
    assert terms["fiji"].weight > terms["coup"].weight > terms["military"].weight
    assert [t.word for t in query_terms("timeline of the latest news", counter, TOTAL)] == []


def test_articles_in_scope_name_the_story_and_cover_its_terms() -> None:
    terms = query_terms("Fiji military coup", counter, TOTAL)
    assert article_in_scope(FIJI_COUP, terms)
    assert not article_in_scope(FIJI_SUGAR, terms)  # Fiji, but not the coup
    assert not article_in_scope(PHILIPPINE_DEBT, terms)  # a military coup, but not Fiji
    kept, scope = scope_articles("Fiji military coup", [FIJI_SUGAR, FIJI_COUP, PHILIPPINE_DEBT], counter, TOTAL)
    assert [a.id for a in kept] == [FIJI_COUP.id] and scope.covered and scope.note() == ""
    assert scope.left_out == [FIJI_SUGAR.id, PHILIPPINE_DEBT.id]


@pytest.mark.parametrize("query", ["Enron accounting scandal and bankruptcy", "Lockerbie bombing of Pan Am flight 103"])
def test_uncovered_stories_keep_no_article(query: str) -> None:
    kept, scope = scope_articles(query, [ENRON_DIVIDEND, FIJI_COUP, PHILIPPINE_DEBT], counter, TOTAL)
    assert kept == [] and not scope.covered
    assert scope.note().startswith("The articles do not cover ")


def test_sentences_of_a_roundup_must_touch_the_story() -> None:
    """A round-up's sentence belongs to the story when it names the story's distinctive name and covers it."""
    terms = query_terms("Fiji military coup", counter, TOTAL)
    assert sentence_on_story("Fiji's elected government was overthrown in a military coup on May 14.", terms)
    assert not sentence_on_story("A huge car bomb exploded at the headquarters of the British Army of the Rhine.", terms)


def test_a_sentence_without_the_storys_distinctive_name_is_another_story() -> None:
    """Without "Fiji", a coup is any coup (the Philippines had one that year): the name gate costs this Fiji
    sentence, and keeps the other country's coup out."""
    terms = query_terms("Fiji military coup", counter, TOTAL)
    assert not sentence_on_story("Bavadra's government was overthrown in a military coup on May 14.", terms)
    assert not sentence_on_story("Rebel soldiers attempted a military coup in Manila on Saturday.", terms)


def test_an_organisation_actor_is_named_in_full() -> None:
    """"General Motors" is not American Motors: an ORG actor touches the story only by its whole name."""
    counts = {"chrysler": 5, "takeover": 50, "american": 2500, "motors": 390}  # "motors" alone covers < SENTENCE_COVERAGE
    terms = query_terms("Chrysler takeover of American Motors", lambda ws: {w: counts.get(w, 0) for w in ws}, TOTAL)
    assert {t.word: t.actor for t in terms}["motors"] == ("american", "motor")
    assert sentence_on_story("American Motors sold 790 domestic cars in the period.", terms)
    assert not sentence_on_story("General Motors Corp led the drop with a 14.8 pct decline.", terms)


@pytest.mark.parametrize(("query", "note"), [
    ("Fiji military coup", "The articles do not cover a Fiji military coup."),
    ("Fall of the Berlin Wall", "The articles do not cover the fall of the Berlin Wall."),
    ("Iraq's invasion of Kuwait", "The articles do not cover Iraq's invasion of Kuwait."),
    # a capitalised first noun the tagger reads as a verb (issue 19's Coinbase query; RGB/v2-style stories)
    ("Coinbase lawsuit with the SEC", "The articles do not cover a Coinbase lawsuit with the SEC."),
    ("Run on the Northern Rock bank", "The articles do not cover a run on the Northern Rock bank."),
    ("Sinking of the ferry Estonia in the Baltic", "The articles do not cover the sinking of the ferry Estonia in the Baltic."),
])
def test_abstention_names_the_story(query: str, note: str) -> None:
    assert not_covered(query) == note


def test_uncovered_story_gives_no_timeline_entries_and_says_so(example_rag: NewsRAG) -> None:
    t = example_rag.timeline("Fiji military coup")
    assert t.entries == [] and t.in_scope == []
    assert t.note == "The articles do not cover a Fiji military coup."
    assert any("none is about the story" in w for w in t.warnings)
    covered = example_rag.timeline("Sung Kim's visits to Seoul")
    assert covered.entries and covered.note == "" and len(covered.in_scope) >= 1
    cited = {c.article_id for e in covered.entries for c in e.citations}
    assert cited <= set(covered.in_scope)


def test_uncovered_topic_summary_abstains(example_rag: NewsRAG) -> None:
    s = example_rag.summarize(query="Chernobyl reactor accident death toll")
    assert s.text == "The articles do not cover a Chernobyl reactor accident death toll."
    assert s.citations == [] and s.sentences == []
    covered = example_rag.summarize(query="Sung Kim talks with North Korea")
    assert covered.citations and "do not cover" not in covered.text


def test_a_sentence_naming_the_story_actor_touches_the_story() -> None:
    """In a small home every word is common; "Kim arrived on Saturday" is still about Sung Kim's visit."""
    terms = query_terms("Sung Kim visit", lambda ws: dict.fromkeys(ws, 3), 3)
    assert sentence_on_story("Kim arrived on Saturday, a day after North Korean state media reported.", terms)
    assert not sentence_on_story("Noh and Funakoshi were also due to have a bilateral meeting.", terms)


def test_a_persons_first_name_is_not_required_of_every_article() -> None:
    """Later reports name a person by the surname ("Boesky"); the first name still weighs as a query word."""
    counts = {"ivan": 3, "boesky": 5, "insider": 200, "trading": 2000, "scandal": 60}
    terms = {t.word: t for t in query_terms("Ivan Boesky insider trading scandal", lambda ws: {w: counts.get(w, 0) for w in ws}, TOTAL)}
    assert terms["boesky"].name and terms["boesky"].actor
    assert not terms["ivan"].name and terms["ivan"].weight > terms["insider"].weight


def test_a_hyphenated_pair_counts_by_its_parts() -> None:
    """"Canada-U.S. free trade" used to need the word "canada-u", which no article has: the story abstained."""
    terms = query_terms("Canada-U.S. free trade negotiations", counter, TOTAL)
    assert "canada" in {t.word for t in terms} and not any("-" in t.word for t in terms)
    article = Article.create("U.S.-CANADA TIES SEEN WORSE WITHOUT TRADE PACT",
                             "Failure of the U.S.-Canada free trade negotiations would hurt relations, a study said.",
                             published=date(1987, 6, 19), source="Reuters")
    assert article_in_scope(article, terms)


def _scope(records, query: str, newids: Sequence[str], embedder) -> tuple[list[str], str]:
    from ragnews.story import event_floor, scope_articles

    articles = [records.by_newid(n) for n in newids]
    kept, scope = scope_articles(query, articles, records.term_counts, records.chunk_count(), event_floor(records, embedder))
    return [str(a.metadata.get("newid")) for a in kept], scope.note()


def test_a_story_whose_names_appear_without_its_event_is_not_covered(reuters_records, embedder) -> None:
    """Real Reuters-21578 articles that name the story's entities but report something else (issue 19's v2 misses):
    Shearson Lehman Brothers' stake filings and underwriting are not a Lehman bankruptcy; the Kobe Rubber Exchange
    is not a Kobe earthquake. Each article passes the word test; the story-level event floor leaves them out."""
    kept, note = _scope(reuters_records, "Lehman Brothers bankruptcy filing", ["2543", "35", "2768"], embedder)
    assert kept == [] and note == "The articles do not cover a Lehman Brothers bankruptcy filing."
    kept, _ = _scope(reuters_records, "Kobe earthquake in Japan", ["5792"], embedder)
    assert kept == []


def test_a_story_stated_in_a_headline_or_lead_stays_covered(reuters_records, embedder) -> None:
    """The same test keeps real coverage whose headlines use other words than the query ("buyout", "bidder" for
    "takeover"; Fiji's coup reported through its aftermath)."""
    kept, _ = _scope(reuters_records, "Takeover of Purolator Courier", ["4369", "768", "13124"], embedder)
    assert kept
    kept, _ = _scope(reuters_records, "Fiji military coup", ["17962"], embedder)
    assert kept == ["17962"]


def test_a_small_home_has_no_event_floor(embedder) -> None:
    """Under FLOOR_SAMPLE articles there is no corpus to rank against: the story-level test is skipped, not guessed."""
    from ragnews.story import EventFloor

    class Tiny:
        path = "tiny"

        def article_ids(self) -> set[str]:
            return {FIJI_COUP.id, FIJI_SUGAR.id}

    assert not EventFloor(Tiny(), embedder).usable  # type: ignore[arg-type]


def test_an_uncovered_topic_summary_abstains_by_the_same_rule(reuters_records, embedder) -> None:
    """Topic summaries share story scope: the Lehman candidates give no summary sources and the abstention note."""
    from ragnews.summarize import topic_scope

    candidates = [reuters_records.by_newid(n) for n in ("2543", "35", "2768")]
    articles, note = topic_scope(reuters_records, "Lehman Brothers bankruptcy filing", candidates, embedder)
    assert articles == [] and note == "The articles do not cover a Lehman Brothers bankruptcy filing."
    articles, note = topic_scope(reuters_records, "Takeover of Purolator Courier",
                                 [reuters_records.by_newid(n) for n in ("4369", "768", "13124")], embedder)
    assert articles and note == ""


# A multi-word name made of ordinary words must be written as a phrase (issue 19, session 6): v3's only uncovered-story
# entry came from a money-managers report with "long-term", "capital" and "management" scattered through it.
LTCM = "Long-Term Capital Management hedge fund rescue"


def _records_terms(records, query: str):
    return query_terms(query, records.term_counts, records.chunk_count())


def test_a_name_of_ordinary_words_scattered_through_an_article_is_not_the_name(reuters_records) -> None:
    """Reuters [5631] "U.S. MONEY MANAGERS MAY LEAN TO STOCKS VS BONDS" and three others have the words of
    "Long-Term Capital Management" (and "fund", "rescue") but not the name: they cover the query's words, yet none is
    in scope."""
    from ragnews.story import ARTICLE_COVERAGE, coverage, stems_of

    terms = _records_terms(reuters_records, LTCM)
    assert not any(t.name for t in terms)  # every word is common: the distinctive-name gate never applied
    for newid in ("5631", "6395", "12397", "19848"):
        article = reuters_records.by_newid(newid)
        assert coverage(stems_of(f"{article.title}\n{article.body}"), terms) >= ARTICLE_COVERAGE, newid
        assert not article_in_scope(article, terms), newid


@pytest.mark.parametrize("spelling", ["Long-Term Capital Management", "long term capital management", "LTCM"])
def test_the_name_written_as_a_phrase_or_its_acronym_is_in_scope(reuters_records, spelling: str) -> None:
    """Hyphen or space, any case, or the acronym in capitals: the same name."""
    terms = _records_terms(reuters_records, LTCM)
    article = Article.create("FED HELPS ARRANGE HEDGE FUND RESCUE",
                             f"Banks agreed to a 3.6 billion dlr rescue of the hedge fund {spelling}, the Federal Reserve "
                             "said. The fund's long-term capital was exhausted by losses in management of its bonds.",
                             published=date(1998, 9, 24), source="Reuters")
    assert article_in_scope(article, terms)
    lower_acronym = Article.create("Fed helps arrange hedge fund rescue", article.body.replace(spelling, "ltcm"),
                                   published=date(1998, 9, 24))
    assert not article_in_scope(lower_acronym, terms)  # "ltcm" in lower case is not the acronym


def test_a_real_name_written_with_a_space_for_its_hyphen_stays_in_scope(reuters_records) -> None:
    """Reuters [2520] writes "Santa Fe Southern Pacific" where the query has "Santa Fe-Southern Pacific"."""
    terms = _records_terms(reuters_records, "ICC rejection of the Santa Fe-Southern Pacific railroad merger")
    assert any(t.phrase for t in terms)
    assert article_in_scope(reuters_records.by_newid("2520"), terms)


def test_a_possessive_name_is_a_distinctive_name(reuters_records) -> None:
    """"Fujitsu's bid" has the word "fujitsu's", which never matched the name "Fujitsu": the story had no
    name gate. Reuters [4488] (Fairchild and Fujitsu) is in scope; an article about Fairchild without Fujitsu is not."""
    terms = {t.stem: t for t in _records_terms(reuters_records, "Fujitsu's bid for Fairchild Semiconductor")}
    assert terms["fujitsu"].name
    assert article_in_scope(reuters_records.by_newid("4488"), list(terms.values()))
    other = Article.create("SCHLUMBERGER TO SELL FAIRCHILD SEMICONDUCTOR UNIT",
                           "Schlumberger Ltd said it is seeking a buyer and a new bid for Fairchild Semiconductor Corp.",
                           published=date(1987, 3, 16), source="Reuters")
    assert not article_in_scope(other, list(terms.values()))


# Corporate designators (issue 19, session 7): the query spells a company's registered name, wire copy abbreviates it.
@pytest.mark.parametrize(("query", "written"), [
    ("Rescue of First City Bancorporation of Texas", "FIRST CITY BANCORP HOLDS TALKS ON RAISING CAPITAL"),  # [18471]
    ("Donald Trump's bid for Resorts International", "RESORTS INT'L <RT.A> RECEIVES TAKEOVER OFFER"),  # [9047]
    ("Donald Trump's bid for Resorts International", "RESORTS INTL <RT.A> DEBT RATINGS AFFIRMED BY S/P"),  # [4430]
    ("Continental Illinois' loan loss reserve addition", "CONT'L ILLINOIS <CIH> SETS RESERVE"),
    ("Buyout bid for Hospital Corporation of America", "HOSPITAL CORP <HCA> BOARD AGAINST BUYOUT BID"),
    ("Buyout bid for Hospital Corporation of America", "Hospital Corp of America said its board rejected the bid."),
    ("Takeover bid for Crazy Eddie Incorporated", "CRAZY EDDIE <CRZY> SETS DEFENSIVE RIGHTS"),
])
def test_a_company_name_matches_its_abbreviated_designators(query: str, written: str) -> None:
    import re

    from ragnews.story import name_phrases

    assert any(re.search(pattern, written, re.IGNORECASE) for pattern, _ in name_phrases(query))


def test_a_designator_does_not_shrink_a_name_to_an_ordinary_word() -> None:
    """"Hospital" alone is not "Hospital Corporation of America"; "First City" needs its "City"."""
    import re

    from ragnews.story import name_phrases

    hospital = [p for p, _ in name_phrases("Buyout bid for Hospital Corporation of America")]
    assert not any(re.search(p, "American Medical said its hospital unit was sold.", re.IGNORECASE) for p in hospital)
    first_city = [p for p, _ in name_phrases("Rescue of First City Bancorporation of Texas")]
    assert not any(re.search(p, "First Bancorp of Texas said", re.IGNORECASE) for p in first_city)


def test_the_first_city_rescue_story_keeps_its_reuters_articles(reuters_records) -> None:
    """Session 6's held-out v4 abstained on "Rescue of First City Bancorporation of Texas": Reuters writes "First City
    Bancorp" (the phrase rule wanted "Bancorporation of Texas"), and "Rescue" -- the query's first word, before "of" --
    was taken for a name every article had to contain. Both fixed: [18471] is in scope."""
    terms = _records_terms(reuters_records, "Rescue of First City Bancorporation of Texas")
    assert not any(t.name for t in terms if t.word == "rescue")
    assert not any(t.word in ("bancorporation", "corporation") for t in terms)  # designators: left to the phrase
    assert article_in_scope(reuters_records.by_newid("18471"), terms)


# The story's own action words (issue 19, session 7).
@pytest.mark.parametrize(("query", "stems"), [
    ("Extension of the International Tin Agreement", {"exten"}),
    ("Strike by black miners in South Africa", {"strik", "walko", "stopp"}),
    ("Nakasone's visit to Washington and talks with Reagan", {"visit", "trip", "tour", "arriv", "talk"}),
    ("Nigel Lawson's 1987 British budget", {"budge"}),
])
def test_event_stems_are_the_head_of_the_story_and_its_family(query: str, stems: set[str]) -> None:
    from ragnews.story import event_stems

    assert event_stems(query) == stems


def test_an_article_about_the_storys_actors_gives_only_its_event_sentences(reuters_records) -> None:
    """Reuters [18924] "ITC CONTESTS USE OF DOCUMENTS AS COURT EVIDENCE" is in scope for "Extension of the International
    Tin Agreement" (the Tin Council, the agreement, its extension all named) but reports a court case and the Council's
    session; session 6 took "The Council ended its quarterly session today ahead of schedule." and "Court does not sit
    tomorrow." as entries. Its headline and lead do not report the extension: only sentences that touch the story
    and have the event (or follow one that does) are kept."""
    from ragnews.story import article_sieve, story_test

    query = "Extension of the International Tin Agreement"
    article = reuters_records.by_newid("18924")
    terms = _records_terms(reuters_records, query)
    assert article_in_scope(article, terms)
    sieve = article_sieve(article, story_test(query, terms))
    assert sieve is not None
    assert not sieve("The Council ended its quarterly session today ahead of schedule.")
    assert not sieve("Court does not sit tomorrow.")
    assert sieve("The ITC will continue to operate with a reduced staff after June 30 following the two year extension "
                 "of the sixth International Tin Agreement.")
    reported = Article.create("TIN PACT EXTENDED FOR TWO YEARS", article.body, published=article.published, source="Reuters")
    assert article_sieve(reported, story_test(query, terms)) is None  # a headline reporting the extension: the whole article


def test_an_article_only_partly_about_a_broad_story_gives_only_sentences_with_its_event(reuters_records) -> None:
    """A broad story's actors carry other news: Reuters [462] "BLACK SOUTH AFRICAN MINERS SEEK WAGE RISE" touches
    "Strike by black miners in South Africa" (black miners, South Africa) without a strike. In an article only partly
    about the story that does report the event somewhere, a sentence needs the story's event (strike, walkout,
    stoppage) itself or in the sentence before it; [5481]'s lead and the sentence after it pass."""
    from ragnews._text import sentence_spans
    from ragnews.story import SENTENCE_COVERAGE, event_sentences, story_test

    query = "Strike by black miners in South Africa"
    test = story_test(query, _records_terms(reuters_records, query))

    def on_story(text: str) -> bool:
        return test(text) >= SENTENCE_COVERAGE

    wage = reuters_records.by_newid("462").body
    sentences = [wage[s:e] for s, e in sentence_spans(wage)]
    assert any(on_story(s) for s in sentences)  # the story's words alone would keep its lead
    assert not any(event_sentences(sentences, on_story, test.event)(s) for s in sentences)
    strike = reuters_records.by_newid("5481").body
    struck = [strike[s:e] for s, e in sentence_spans(strike)][:2]
    keep = event_sentences(struck, lambda text: True, test.event)
    assert keep(struck[0]) and keep(struck[1])  # the second follows the strike sentence


# Session 8 (issue 19): possessive company names, the event a story's articles must report, broad stories' sentences.
def test_a_possessive_company_name_the_tagger_misses_is_a_distinctive_name(reuters_records) -> None:
    """"Heck's Chapter 11 bankruptcy filing": the small model tags no entity in "Heck's" (and reads "Chapter 11" as a
    LAW), so the story had no distinctive name but "Chapter" and Reuters [16723] "TEXACO FILING ADDS UNCERTAINTY IN
    OIL MARKET" (Texaco's Chapter 11 filing) was in scope. "Heck" is now a name: [2127] (Heck's filing) stays in scope,
    [16723] does not."""
    query = "Heck's Chapter 11 bankruptcy filing"
    terms = _records_terms(reuters_records, query)
    assert any(t.name and t.word == "heck's" for t in terms)
    assert article_in_scope(reuters_records.by_newid("2127"), terms)
    assert not article_in_scope(reuters_records.by_newid("16723"), terms)


def test_a_story_whose_event_no_in_scope_article_reports_is_not_covered(reuters_records) -> None:
    """"Collapse of Iceland's banks" (an uncovered near-miss, v5) finds Reuters [6511] "ICELAND TO PRIVATISE STATE BANK
    UTVEGSBANKI": Iceland and a bank, in scope by names and terms, but no collapse -- it gave an entry about the
    privatisation. The event must be written in some in-scope article; Heck's filing article writes its event."""
    from ragnews.story import event_reported

    iceland = "Collapse of Iceland's banks"
    terms = _records_terms(reuters_records, iceland)
    article = reuters_records.by_newid("6511")
    assert article_in_scope(article, terms)
    assert not event_reported(iceland, terms, [article])
    kept, scope = scope_articles(iceland, [article], reuters_records.term_counts, reuters_records.chunk_count())
    assert kept == [] and scope.note().startswith("The articles do not cover")
    hecks = "Heck's Chapter 11 bankruptcy filing"
    assert event_reported(hecks, _records_terms(reuters_records, hecks), [reuters_records.by_newid("2127")])


def test_a_broad_story_takes_only_event_sentences_from_an_article_about_its_actors(reuters_records) -> None:
    """"Japan's 1987/88 budget and its delay in parliament" has no distinctive name (Japan is everywhere). Reuters
    [5208] "OPPOSITION TO PROPOSED SALES TAX SPREADS IN JAPAN" is in scope (the budget hearings' postponement is in
    it), but its lead is about the sales tax and session 7 took the lead and a by-election sentence as entries. Now a
    sentence of it needs the budget (or its delay) itself or in the sentence before it. In a home too small for a
    name's rarity to mean anything (under FLOOR_SAMPLE articles) the story is not taken as broad."""
    from ragnews.story import article_sieve, story_test

    query = "Japan's 1987/88 budget and its delay in parliament"
    article = reuters_records.by_newid("5208")
    terms = _records_terms(reuters_records, query)
    assert not any(t.name for t in terms)
    assert article_in_scope(article, terms)
    sieve = article_sieve(article, story_test(query, terms, len(reuters_records.articles)))
    assert sieve is not None
    assert not sieve("Opposition to government plans to impose a five pct sales tax is spreading nationwide ahead of "
                     "the start of campaigning for local elections next week, political analysts said.")
    assert not sieve("On March 8, the LDP lost an Upper House by-election in the conservative stronghold of Iwate "
                     "Prefecture in northern Japan for the first time in 25 years.")
    assert sieve("The surprise LDP defeat in Iwate, coupled with Nakasone's sagging popularity, has forced the party to "
                 "compromise with the opposition and agree to postpone public hearings on the fiscal 1987/88 budget to "
                 "March 19/20 from March 13/14.")
    small_home = article_sieve(article, story_test(query, terms, 100))
    assert small_home is not None
    assert small_home("On March 8, the LDP lost an Upper House by-election in the conservative stronghold of Iwate "
                      "Prefecture in northern Japan for the first time in 25 years.")


# A compound event needs its modifier; the event must be said of the story's actor; whose strike it is (session 9).
@pytest.mark.parametrize(("query", "stems"), [
    ("Eastman Kodak's bankruptcy filing", {"bankr"}),  # "filing" alone is any SEC filing
    ("Chernobyl reactor accident death toll", {"death", "die", "accid"}),  # a death toll is reported as "died"
    ("Citicorp's three billion dollar addition to loan loss reserves", {"addit"}),  # a measure is not the event
    ("Fiji military coup", {"coup"}),  # no compound: the head
])
def test_a_compound_event_is_its_modifier_not_its_head(query: str, stems: set[str]) -> None:
    from ragnews.story import event_stems

    assert event_stems(query) == stems


def test_a_debt_offering_does_not_report_a_bankruptcy_filing(reuters_records) -> None:
    """Held-out v6 (session 8): "Eastman Kodak's bankruptcy filing" took 11 entries from Kodak articles, Reuters [1603]
    "EASTMAN KODAK <EK> FILES FOR DEBT OFFERING" among them: "filing" of "bankruptcy filing" matched the shelf
    registration. The compound event needs "bankruptcy"; the Kodak article is about Kodak, not about its event."""
    from ragnews.story import event_reported

    query = "Eastman Kodak's bankruptcy filing"
    article = reuters_records.by_newid("1603")
    terms = _records_terms(reuters_records, query)
    assert article_in_scope(article, terms)
    assert not event_reported(query, terms, [article])
    kept, scope = scope_articles(query, [article], reuters_records.term_counts, reuters_records.chunk_count())
    assert kept == [] and scope.note().startswith("The articles do not cover")


def test_an_event_word_must_be_said_of_the_storys_actor(reuters_records) -> None:
    """v2's uncovered "Lehman Brothers bankruptcy filing" (4 entries since session 4) passed event_reported on Reuters
    [16249], Texaco's Chapter 11 filing, whose analyst works for Shearson Lehman Brothers. The article's headline and
    lead do not name Lehman, and its one sentence that does names it as the analyst's employer: not Lehman's event.
    An article whose headline names the actor (Fiji, [17962]) reports the event wherever it writes it."""
    from ragnews.story import event_reported, event_stems, said_of_actor

    query = "Lehman Brothers bankruptcy filing"
    article = reuters_records.by_newid("16249")
    terms = _records_terms(reuters_records, query)
    assert article_in_scope(article, terms)
    assert not event_reported(query, terms, [article])
    analyst = ('"This is another piece of financial history," Sanford Margoshes, an analyst with Shearson Lehman '
               'Brothers, said of the bankruptcy filing.')
    assert analyst in article.body
    assert not said_of_actor(analyst, terms, event_stems(query))
    assert said_of_actor("Lehman Brothers filed for bankruptcy protection on Monday.", terms, event_stems(query))
    fiji = "Fiji military coup"
    assert event_reported(fiji, _records_terms(reuters_records, fiji), [reuters_records.by_newid("17962")])


@pytest.mark.parametrize(("query", "qualifier"), [
    ("Canadian postal workers' strike", ("postal",)),
    ("Brazilian bank workers' strike", ("bank",)),
    ("Brazilian seamen's strike", ("seamen",)),
    ("GAF's bid for Borg-Warner", ()),  # a named possessor: scope asks for the name
    ("Dixons' takeover battle for Cyclops", ()),  # a capitalised name the tagger calls a noun
    ("Strike by black miners in South Africa", ("miner",)),  # "by" says whose strike it is, as a possessor does
])
def test_the_qualifier_is_whose_event_it_is(query: str, qualifier: tuple[str, ...]) -> None:
    from ragnews.story import event_qualifier

    assert event_qualifier(query) == qualifier


def test_another_strike_of_the_same_country_is_not_the_postal_strike(reuters_records) -> None:
    """Held-out v6 (session 8): "Canadian postal workers' strike" scored 8 of 16 entries on topic, the rest from
    Canadian seafarers' and Seaway strike articles such as Reuters [857] "CANADIAN SEAFARERS THREATEN STRIKE". Its
    headline and lead do not say whose strike the story is ("postal"), so only sentences that do are taken -- none of
    its own; a Canada Post article ([19126]) keeps its sentences. "Bankworkers" written as one word still qualifies."""
    from ragnews.story import has_qualifier, story_test
    from ragnews.story import article_sieve

    query = "Canadian postal workers' strike"
    terms = _records_terms(reuters_records, query)
    test = story_test(query, terms, len(reuters_records.articles))
    seafarers = reuters_records.by_newid("857")
    sieve = article_sieve(seafarers, test)
    assert sieve is not None
    assert not sieve("Canadian seafarers are almost certain to go on strike this spring in a refusal to meet rollbacks "
                     "in wages and benefits asked for by their employers, Seafarers' International Union official "
                     "Roman Gralewicz said.")
    postal = reuters_records.by_newid("19126")
    postal_sieve = article_sieve(postal, test)
    lead = ("Canada Post presented its striking letter carriers with a new contract offer today but both sides said "
            "there was little indication the offer would end an increasingly violent three-day-old walkout.")
    assert postal_sieve is None or postal_sieve(lead)
    assert has_qualifier("BRAZIL'S BANKWORKERS LAUNCH NATIONAL STRIKE", ("bank", "worker"))
    assert not has_qualifier("BRAZIL SEAMEN CONTINUE STRIKE", ("bank", "worker"))


def test_an_event_only_weighed_is_not_reported(reuters_records) -> None:
    """Held-out v7 (session 9, read after its run): the uncovered "Bethlehem Steel's bankruptcy filing" took 9 entries
    because Reuters [1991] "BETHLEHEM <BS> HAS INVESTIGATED CHAPTER 11" names the actor and writes "bankruptcy" -- as
    the object of what the company investigated, with "no present plans to file". An event word under a verb of
    weighing, a modal, a negation or a condition is not the event having happened; Texaco's real filing ([16249]),
    whose lead makes the bankruptcy a subject under "will give", still reports it."""
    from ragnews.story import event_happened, event_reported, event_stems

    query = "Bethlehem Steel's bankruptcy filing"
    article = reuters_records.by_newid("1991")
    terms = _records_terms(reuters_records, query)
    assert article_in_scope(article, terms)
    assert not event_reported(query, terms, [article])
    lead = ("Bethlehem Steel Corp has investigated the ramifications of a filing for reorganization under Chapter 11 "
            "of the federal bankruptcy laws but has no present plans to file, a company spokesman told Reuters.")
    assert lead in article.body
    events = event_stems(query)
    assert not event_happened(lead, events)
    assert not event_happened("He said Bethlehem could file for bankruptcy if conditions worsened.", events)
    assert event_happened("Since the bankruptcy filing in April, the company has not paid dividends.", events)
    texaco = "Texaco's bankruptcy filing"
    assert event_reported(texaco, _records_terms(reuters_records, texaco), [reuters_records.by_newid("16249")])
    assert event_happened("Texaco, the nation's third-largest oil company, filed for protection under Chapter 11 of "
                          "the U.S. bankruptcy code earlier today.", events)


@pytest.mark.parametrize(("query", "note"), [
    # the small model tags the capitalised head noun an ORG: read lower-cased it is a common noun heading the phrase
    ("Collapse of Iceland's banks", "The articles do not cover the collapse of Iceland's banks."),
    # a name the model tags a noun when capitalised, and a nationality, keep their capitals
    ("Comcast takeover of NBC", "The articles do not cover a Comcast takeover of NBC."),
    ("Canadian postal workers' strike", "The articles do not cover Canadian postal workers' strike."),
])
def test_abstention_capitalises_only_names(query: str, note: str) -> None:
    assert not_covered(query) == note


# Session 10: a possessive designator, a common compound modifier, a repeat of an earlier event, an article with no
# action word (dev v1-v7; each assertion below was seen failing with its rule patched out).
def test_a_designator_with_a_possessive_is_left_to_the_name(reuters_records) -> None:
    """v7 (dev) "LTV Corporation's Chapter 11 bankruptcy proceedings" abstained: "corporation's" was a term every
    article had to contain (the designator test ran before the possessive was stripped), and Reuters writes "LTV Corp"
    or "LTV <QLTV>". [15994] is LTV's own article and is in scope."""
    terms = _records_terms(reuters_records, "LTV Corporation's Chapter 11 bankruptcy proceedings")
    assert not any(t.word.startswith("corporation") for t in terms)
    assert article_in_scope(reuters_records.by_newid("15994"), terms)


def test_a_compound_event_with_a_common_modifier_needs_both_words(reuters_records) -> None:
    """"debt" is in far more than NAME_MAX_SHARE of Reuters' texts: Mobil's annual-report article [4906] writes
    "long term debt" and is no debt offering; the offering's own lead [1261] writes both words. A rare modifier still
    carries its event alone ("bankruptcy" of "bankruptcy filing")."""
    from ragnews.story import _common_words, event_stems, states_event

    query = "Mobil Corporation's one billion dollar debt offering"
    terms = _records_terms(reuters_records, query)
    events = event_stems(query, _common_words(terms))
    assert events == {"debt+offer"}
    annual = ("Mobil Corp made a 15 pct reduction in its long term debt in 1986 from the previous year according to "
              "data in its 1986 annual report.")
    assert annual in reuters_records.by_newid("4906").body
    assert not states_event(annual, events)
    assert states_event("Mobil Corp filed with the Securities and Exchange Commission for a shelf offering of up to "
                        "one billion dlrs of debt securities", events)
    kodak = "Eastman Kodak's bankruptcy filing"
    assert event_stems(kodak, _common_words(_records_terms(reuters_records, kodak))) == {"bankr"}


def test_a_repeat_of_an_event_is_not_its_first_instance(reuters_records) -> None:
    """v7 (dev) uncovered "LTV's second bankruptcy filing" (2000) took 4 entries from 1987 news of LTV's 1986 Chapter 11
    case ("LTV filed Chapter 11 bankruptcy last July 17", [15994]). A story asking for a repeat needs a report of a
    repeat ("again", "for the second time"); the same article still reports the first filing."""
    from ragnews.story import event_happened, event_reported, event_stems, repeated_event

    query = "LTV's second bankruptcy filing and the liquidation of LTV Steel"
    article = reuters_records.by_newid("15994")
    assert "LTV filed Chapter 11 bankruptcy last July 17." in article.body
    assert repeated_event(query)
    assert not event_reported(query, _records_terms(reuters_records, query), [article])
    first = "LTV Corporation's Chapter 11 bankruptcy proceedings"
    assert not repeated_event(first)
    assert event_reported(first, _records_terms(reuters_records, first), [article])
    events = event_stems(query)
    assert event_happened("LTV filed for bankruptcy for the second time on Thursday.", events, again=True)
    assert event_happened("LTV filed again for Chapter 11 bankruptcy protection.", events, again=True)
    assert not event_happened("It was the second largest bankruptcy in U.S. history.", events, again=True)


def test_an_article_without_the_events_words_or_its_meaning_gives_nothing(reuters_records, embedder) -> None:
    """v5 (dev) "Renegotiation of the International Sugar Agreement" took [10306] "PHILIPPINE SUGAR CROP SET AT 1.6 MLN
    TONNES": in scope (sugar), no word of the event anywhere, a headline and lead unlike a renegotiation -- the
    actor's other news, so it gives no sentence. An article whose headline is about the event in other words
    ([18005] "REAGAN SAYS VOLCKER WILL NOT SERVE NEW TERM" for Greenspan succeeding Volcker) keeps its lead."""
    from ragnews.story import event_floor, story_test
    from ragnews.story import article_sieve

    floor = event_floor(reuters_records, embedder)
    query = "Renegotiation of the International Sugar Agreement"
    test = story_test(query, _records_terms(reuters_records, query), len(reuters_records.articles), floor)
    crop = reuters_records.by_newid("10306")
    sieve = article_sieve(crop, test)
    assert sieve is not None and not any(sieve(s) for s in crop.body.split(". "))
    plain = article_sieve(crop, story_test(query, test.terms, len(reuters_records.articles)))  # no floor: kept as before
    assert plain is not None and any(plain(s) for s in crop.body.split(". "))
    query = "Greenspan to succeed Volcker as Federal Reserve chairman"
    test = story_test(query, _records_terms(reuters_records, query), len(reuters_records.articles), floor)
    volcker = reuters_records.by_newid("18005")
    assert test.worded_otherwise([volcker.title])


def test_a_name_before_of_modifying_the_event_is_no_event(reuters_records) -> None:
    """Read on v8 after its blind run (so dev from then on): "Bank of England independence to set interest rates"
    took "Bank" for the story's event (the first word before "of", meant for "Rescue of ..."), so Reuters' Bank of
    England rate articles ([2228] "BANK OF ENGLAND RESISTS PRESSURE FOR RATE CUT") "reported" it. The parse makes "Bank" a modifier of the common noun "independence": that
    noun is the event and "Bank of England" a name; "Rescue of ..." keeps its event."""
    from ragnews.story import event_reported, event_stems

    query = "Bank of England independence to set interest rates"
    assert event_stems(query) == {"indep"}
    assert event_stems("Rescue of First City Bancorporation of Texas") == {"rescu"}
    assert event_stems("Bank of Japan intervention to support the dollar") == {"inter"}
    article = reuters_records.by_newid("2228")
    assert "BANK OF ENGLAND" in article.title
    assert not event_reported(query, _records_terms(reuters_records, query), [article])


def test_a_story_naming_a_year_the_articles_do_not_reach_is_not_covered(reuters_records) -> None:
    """Reuters [352] (2 March 1987): "SAUDI ARABIA REITERATES COMMITMENT TO OPEC ACCORD" -- last December's accord,
    its year never written. It has every word of "The 1990 OPEC accord" but the year, and was in scope for it; a story's
    year is part of what it names. The article still reaches the OPEC accord with no year, the 1986 one (published the
    year after, "last December's"), and the 1987 one; a fiscal year written "1987/88" reaches 1988."""
    from ragnews.story import query_years, reaches_years

    article = reuters_records.by_newid("352")
    for query, covered in (("The 1990 OPEC accord", False), ("The OPEC accord", True), ("The 1986 OPEC accord", True),
                           ("The 1987 OPEC accord", True)):
        kept, _scope = scope_articles(query, [article], reuters_records.term_counts, reuters_records.chunk_count())
        assert bool(kept) is covered, query
    assert query_years("Japan's 1987/88 budget") == {1987, 1988}
    budget = reuters_records.by_newid("3532")  # "JAPAN CANNOT BEAR FURTHER YEN RISE": "the 1987/88 budget", 11 March 1987
    assert reaches_years(budget, {1988}) and not reaches_years(budget, {1990})


def test_a_story_labelled_a_dispute_or_scandal_is_reported_by_its_actions(reuters_records) -> None:
    """v9 (blind, session 11; dev since its one run): "The Michael Deaver lobbying scandal" was not covered, though
    Reuters [6851] "FORMER WHITE HOUSE AIDE DEAVER INDICTED" reports it -- the story's only action word was "scandal",
    a label reports do not write ("indicted ... that he lied about his Washington lobbying business"). A label heads no
    action words; a conjunct that is an action still counts ("Enron accounting scandal and bankruptcy")."""
    from ragnews.story import event_stems

    deaver = "The Michael Deaver lobbying scandal"
    assert event_stems(deaver) == frozenset()
    assert event_stems("Enron accounting scandal and bankruptcy") == frozenset({"bankr"})
    kept, _scope = scope_articles(deaver, [reuters_records.by_newid("6851")], reuters_records.term_counts,
                                  reuters_records.chunk_count())
    assert kept


def _kept(records, query: str, newids: Sequence[str]) -> list[str]:
    """The newids scope_articles keeps (no event floor)."""
    articles = [records.by_newid(n) for n in newids]
    kept, _ = scope_articles(query, articles, records.term_counts, records.chunk_count())
    return [str(a.metadata.get("newid")) for a in kept]


def test_the_country_whose_event_it_is_must_be_named(reuters_records) -> None:
    """"Canada's tax reform plan" (v10): Canada is in too many Reuters chunks to be a distinctive name, so West Germany's
    tax reform, Reuters [7019] "STOLTENBERG CONSIDERS RAISING SOME INDIRECT TAXES", covered the query's words and was
    in scope. The story's possessor must be named (or its demonym: [19039] "CANADIAN TAX REFORM CALLED AN IMPORTANT
    STEP")."""
    query = "Canada's tax reform plan"
    assert article_in_scope(reuters_records.by_newid("7019"), _records_terms(reuters_records, query))
    assert _kept(reuters_records, query, ["7019", "19039"]) == ["19039"]


def test_the_qualifier_of_the_event_must_be_written(reuters_records) -> None:
    """"China's budget deficit" (v10) took China's trade deficit (Reuters [4084] "CHINA TRADE DEFICIT FALLS IN
    JANUARY", [5220]): "deficit" alone states any deficit. The event noun's qualifier ("budget") must be in the
    article, as in [9691] "CHINA SAYS 1986 BUDGET DEFICIT 7.08 BILLION YUAN"."""
    query = "China's budget deficit"
    assert article_in_scope(reuters_records.by_newid("4084"), _records_terms(reuters_records, query))
    assert _kept(reuters_records, query, ["4084", "5220", "9691"]) == ["9691"]


@pytest.mark.parametrize(("query", "common", "owners", "qualifiers"), [
    ("Canada's first green bond issue", {"first", "bond", "issue"}, ["canada", "canadian"], ["bond", "green"]),  # not "first"
    ("Canada's harmonized sales tax", {"sales", "tax"}, ["canada"], ["harmo", "sale"]),
    ("Australia's 1987 federal election", {"federal", "election"}, ["australia"], []),  # a common adjective: implicit
    ("Waste Management's takeover bid for ChemLawn Corporation", {"takeover", "bid"}, [], []),  # a family word
    ("The labour dispute at Southwest Forest Industries' paper mill", set(), [], []),  # a label head
    ("The EC's row with Japan over car exports", {"japan"}, ["EC"], []),
])
def test_story_words_are_the_owner_and_the_events_qualifiers(query: str, common: set[str], owners: list[str],
                                                             qualifiers: list[str]) -> None:
    """story_words: the country (any demonym) or acronym owning the event, and the event's rare adjectives and common
    compound modifier -- not ordinals, event-family words, common adjectives, or anything of a label head."""
    from ragnews.story import story_words

    patterns, quals = story_words(query, common)
    assert all(any(re.search(p, o, re.IGNORECASE) for p in patterns) for o in owners) and len(patterns) == bool(owners)
    assert quals == qualifiers


def test_an_owner_initialism_is_matched_only_in_capitals() -> None:
    """"America's budget deficit": the United States' initialism "us" made the owner pattern, searched ignoring case,
    match the pronoun of Reuters' '"Time is running out for us. Taiwan has lagged far behind Japan and South Korea in
    encouraging its businessmen to invest abroad," said Hou Chia-chi' -- a Taiwanese story in scope for America's.
    The initialism counts in capitals (RealTimeQA: "...distributed in the US between April 28 to June 17.")."""
    from ragnews.story import story_words

    (pattern,), _ = story_words("America's budget deficit")
    assert not re.search(pattern, "\"Time is running out for us. Taiwan has lagged far behind Japan", re.IGNORECASE)
    assert re.search(pattern, "some 28,000 units of the recalled product were distributed in the US between April 28",
                     re.IGNORECASE)
    assert re.search(pattern, "the government to head off U.S. Protectionism.", re.IGNORECASE)


# RealTimeQA (2022 web news): Apple's iPhone launches of two years.
IPHONE_13 = Article.create("iPhone 13 Pro: Apple unveils new phone, iPad, iPad Mini and Apple Watch",
                           "Apple fans finally got their first look at iPhone 13.", published=date(2021, 9, 14),
                           source="cnn.com")
IPHONE_14 = Article.create("iPhone 14: What to expect at Apple's 'far out' event | CNN Business",
                           "(CNN Business) Apple is expected to debut its iPhone 14 lineup at the company's annual "
                           "September keynote event on Wednesday.", published=date(2022, 9, 7), source="cnn.com")


def test_a_number_in_a_name_must_be_stated() -> None:
    """"Apple's iPhone 14 launch" (v11) took the iPhone 13's launch ("Apple fans finally got their first look at iPhone
    13.") as in scope: Apple, an iPhone and a launch are all there. The number written with a name is required with
    it, so the iPhone 14's reports are in scope and the iPhone 13's are not, and an "iPhone 15 launch" (not in the
    home) has neither. A year is no such number ("Australia's 1987 federal election" asks none)."""
    from ragnews.story import story_words

    fourteen, fifteen = story_words("Apple's iPhone 14 launch"), story_words("Apple's iPhone 15 launch")
    assert states_story_words(IPHONE_14, fourteen) and not states_story_words(IPHONE_13, fourteen)
    assert not states_story_words(IPHONE_14, fifteen) and not states_story_words(IPHONE_13, fifteen)
    assert story_words("Australia's 1987 federal election", {"federal", "election"})[0] == [
        r"(?<!\w)(?:australian|australia)(?!\w)"]


def test_a_named_event_the_tagger_calls_a_person_is_matched_as_its_name(reuters_records) -> None:
    """"The Oak Fire near Yosemite" (v11): the small model tags "The Oak Fire" PERSON, so it was read as a surname
    "Fire", with no name phrase and no distinctive "oak"; CNN's Washburn Fire report ("Fire crews are working to steer
    a growing wildfire away from Yosemite National Park's legendary giant sequoias ...") covered fire and Yosemite and
    was in scope. A person's name takes no article: "The Oak Fire" is a multi-word name, written as a phrase by the
    Oak Fire's own reports ("Oak Fire: California's fast-moving wildfire burns 14,000 acres and ...")."""
    query = "The Oak Fire near Yosemite"
    assert [words for _pattern, words in name_phrases(query)] == [("oak", "fire")]
    washburn = Article.create("Yosemite Park fire: Fire crews rush to protect renowned sequoias as ...",
                              "(CNN) Fire crews are working to steer a growing wildfire away from Yosemite National "
                              "Park's legendary giant sequoias, taking protective measures like installing a sprinkler "
                              "system to dampen the ground around one of the park's most famous trees.",
                              published=date(2022, 7, 11), source="cnn.com")
    oak = Article.create("Oak Fire: California's fast-moving wildfire burns 14,000 acres and ...",
                         "(CNN) A wildfire raging for a third day Sunday in central California's Mariposa County "
                         "outside Yosemite National Park has burned more than 14,000 acres and forced thousands to "
                         "evacuate from rural communities, officials said.", published=date(2022, 7, 23), source="cnn.com")
    terms = _records_terms(reuters_records, query)
    assert article_in_scope(oak, terms) and not article_in_scope(washburn, terms)


def test_a_person_named_in_full_is_told_from_a_namesake() -> None:
    """"Venus Williams's retirement" (v11, not in the home) took Serena Williams's retirement reports -- Williams,
    tennis, retirement -- for 12 entries. An article naming another person of the surname ("Serena Williams is set to
    retire from tennis ...", USA Today) and never the query's person in full is about that other person; one naming the
    person by surname alone (Reuters: "Some analysts said Icahn may be trying to acquire USAir") is not."""
    from ragnews.story import story_words

    serena = Article.create("Serena Williams to retire from tennis after US Open, she says in Vogue",
                            "Serena Williams is set to retire from tennis in the coming weeks, making the announcement in "
                            "Vogue's September edition.", published=date(2022, 8, 9), source="usatoday.com")
    assert not states_story_words(serena, story_words("Venus Williams's retirement"))
    assert states_story_words(serena, story_words("Serena Williams's retirement from tennis"))
    icahn = Article.create("ANALYSTS DOUBT ICAHN USAIR BID", "Some analysts said Icahn may be trying to acquire USAir "
                           "to put it in play.", published=date(1987, 3, 6), source="Reuters")
    assert states_story_words(icahn, story_words("Carl Icahn's bid for USAir"))


def test_the_verb_of_a_clause_on_the_head_is_the_event(reuters_records) -> None:
    """"Bolsonaro supporters storming Brazil's Congress" (v11, not in the home): the head "supporters" was read as the
    event, and CNN's "Bolsonaro and Lula address supporters as Brazil run-off looms" reported it -- 20 entries from the
    2022 election. The -ing verb modifying the head is the event; the head names who acts."""
    from ragnews.story import event_reported, event_stems

    query = "Bolsonaro supporters storming Brazil's Congress"
    assert event_stems(query) == frozenset({"storm"})
    article = Article.create("Bolsonaro and Lula address supporters as Brazil run-off looms | CNN",
                             "Brazilians woke up to four more weeks of campaigning after a presidential vote on Sunday "
                             "destined frontrunners Luiz Inácio “Lula” da Silva and Jair Bolsonaro to a second round "
                             "run-off later this month.", published=date(2022, 10, 3), source="cnn.com")
    assert not event_reported(query, _records_terms(reuters_records, query), [article])


# TAC 2011 MultiLing (WikiNews, CC-BY 3.0), topic M006: the Haiti earthquake of 12 January 2010.
HAITI_AFTERSHOCK = ("6.1 magnitude aftershock earthquake hits Haiti",
                    "A strong earthquake has once again struck Haiti, eight days after a 7.0 magnitude quake left much of "
                    "the nation in ruins.")
HAITI_RESCUE = ("Haiti rescue effort abandoned",
                "The United Nations has announced that the government of Haiti has put an end to its efforts to find and "
                "rescue buried survivors of the earthquake that hit the region eleven days ago.")


def test_the_setting_of_a_story_is_not_its_event(reuters_records, embedder) -> None:
    """"Relief effort after the Haiti earthquake": the earthquake is the story's setting, not its event. Read into the
    event phrase, it made a report of a quake (an aftershock) look like a report of the relief effort (the event floor
    judged it worded otherwise), and quake leads became the relief story's entries. Without the setting the aftershock
    is not the event; the abandoned rescue effort still is."""
    from ragnews.story import event_floor, event_phrase, story_test, without_setting

    query = "Relief effort after the Haiti earthquake"
    assert without_setting(query) == "Relief effort"
    assert without_setting("Fiji military coup") == "Fiji military coup"
    terms = _records_terms(reuters_records, query)
    assert event_phrase(query, terms) == "Relief effort"
    test = story_test(query, terms, len(reuters_records.article_ids()), event_floor(reuters_records, embedder))
    assert not test.worded_otherwise(list(HAITI_AFTERSHOCK))
    assert test.worded_otherwise(list(HAITI_RESCUE))


def test_whose_event_a_by_phrase_says_is_its_qualifier(reuters_records) -> None:
    """Dev v4's "Strike by black miners in South Africa" took two entries from Reuters [12519] "LABOUR GROUP URGES
    SUPPORT FOR RAILWAY STRIKERS" ("The strike began on March 14 when workers walked out following the railway
    company's refusal ..."): a strike, by black workers, in South Africa -- the railwaymen's, not the miners'. "By" says
    whose event it is as a possessor does ("miners' strike"), so the agent is the story's qualifier (event_qualifier):
    an article whose headline and lead do not name miners gives only sentences that do, here none. [5481]'s headline
    names them."""
    from ragnews._text import sentence_spans
    from ragnews.story import article_sieve, story_test

    query = "Strike by black miners in South Africa"
    test = story_test(query, _records_terms(reuters_records, query))
    assert test.qualifier == ("miner",)
    railway = reuters_records.by_newid("12519")
    sieve = article_sieve(railway, test)
    sentences = [railway.body[s:e] for s, e in sentence_spans(railway.body)]
    assert sieve is not None and not any(sieve(s) for s in sentences)
    assert test.qualified(reuters_records.by_newid("5481").title)  # "SOME 7,000 MINERS GO ON STRIKE IN SOUTH AFRICA"


JOHNSON_JULY = Article.create(  # theweek.co.uk, 7 Jul 2022 (RealTimeQA): his resignation as party leader and PM
    "Why Boris Johnson clung on so long – and what finally made him ...",
    "Boris Johnson has been described as Britain’s “Teflon leader” for his unmatched ability to withstand crises but "
    "even he has proved unable to withstand the recent avalanche of Tory scandals.\n\nThe prime minister finally "
    "announced his resignation as Tory leader this afternoon, weeks after surviving a confidence vote in the wake of "
    "the Partygate scandal.\n\nAnd a “normally reserved MP described the prime minister as appearing ‘detached from "
    "reality’”, according to the site.", published=date(2022, 7, 7), source="theweek.co.uk")


def test_an_event_asked_in_a_role_needs_a_report_of_that_role() -> None:
    """v12's "Boris Johnson's resignation as an MP" (2023, not in the home) took his 2022 resignation as prime
    minister: the reports name Johnson, his resignation and an MP, and gave four entries. The role after "as" tells
    the two apart; a report of the story writes it after "as" too (Reuters, 2 June 1987: "... a good replacement
    for Paul Volcker as Federal Reserve Chairman"). Without a role, or with the role the article writes, the article stays."""
    assert query_roles("Boris Johnson's resignation as an MP") == ["mp"]
    assert query_roles("Greenspan to succeed Volcker as Federal Reserve chairman") == ["chairman"]
    assert query_roles("Brazil's presidential election") == []
    kept, scope = scope_articles("Boris Johnson's resignation as an MP", [JOHNSON_JULY], counter, TOTAL)
    assert kept == [] and scope.note() == "The articles do not cover Boris Johnson's resignation as an MP."
    for query in ("Boris Johnson's resignation as Tory leader", "Boris Johnson's resignation"):
        assert scope_articles(query, [JOHNSON_JULY], counter, TOTAL)[0] == [JOHNSON_JULY]
    greenspan = Article.create("DOLE SAYS GREENSPAN GOOD CHOICE FOR FED", "Senate Republican Leader Robert Dole of "
                               "Kansas said Alan Greenspan would be a good replacement for Paul Volcker as Federal "
                               "Reserve Chairman.", published=date(1987, 6, 2), source="Reuters")
    assert role_stated("Greenspan to succeed Volcker as Federal Reserve chairman", [greenspan])


def _realtimeqa(title: str, body: str, day: date) -> Article:
    return Article.create(title, body, published=day, source="cnn.com")


def test_articles_published_well_before_the_story_s_event_report_an_earlier_one() -> None:
    """v12's "The earthquake in eastern Afghanistan" (June 2022) kept a 2015 Pakistan quake report and the 2021
    Taliban takeover (they name Afghanistan, earthquake victims, eastern): three off-topic entries. The headlines
    stating the earthquake date it (22-23 June 2022); an article from years before reports another event. A
    follow-up after the event stays; without two dated headlines stating it nothing is dropped."""
    query = "The earthquake in eastern Afghanistan"
    test = StoryTest(query_terms(query, counter, TOTAL), events=event_stems(query))
    june = [_realtimeqa("Afghanistan earthquake: More than 1,000 people killed after ...", "The magnitude 5.9 quake "
                        "struck during the early hours of Wednesday near the city of Khost and the death toll has "
                        "risen to over 1000 people.", date(2022, 6, 22)),
            _realtimeqa("Afghanistan earthquake: 'What do we do when another disaster hits ...", "(CNN) Aid groups "
                        "scrambled on Thursday to reach victims of a powerful earthquake that rocked eastern "
                        "Afghanistan.", date(2022, 6, 23))]
    old = [_realtimeqa("Taliban backs relief efforts after deadly Pakistan quake", "LAHORE, Pakistan — The Taliban "
                       "on Tuesday urged its fighters to aid earthquake victims and said it would not block "
                       "governmental relief efforts in the battered region of northern Afghanistan and Pakistan.",
                       date(2015, 10, 27)),
           _realtimeqa("Afghanistan news: Taliban take control as thousands await evacuation", "A day after a protest "
                       "in Jalalabad, in eastern Afghanistan, drew a violent Taliban rebuke, demonstrations grew on "
                       "Thursday.", date(2021, 8, 19))]
    later = _realtimeqa("Photos this week: June 16-June 23, 2022", "Men stand around the bodies of people killed in an "
                        "earthquake in Gayan village, in Paktika province, Afghanistan, on June 23.", date(2022, 6, 24))
    assert story_period([june[0], *old, june[1], later], test) == [june[0], june[1], later]
    assert story_period([june[0], *old], test) == [june[0], *old]  # one dated headline tells no time
    assert story_period([*june, *old], lambda text: 1.0) == [*june, *old]  # no action words: nothing is judged


def test_a_scheduled_event_keeps_its_build_up() -> None:
    """A summit's agenda is set weeks ahead: Reuters [17283] (27 April 1987) is 35 days before the headlines stating the
    Venice summit cluster (1-16 June) and stays (BEFORE_STORY_DAYS is a quarter, not a month: a month dropped the
    build-up of dev v2's Venice summit, v8's Korean tariff cuts and v10's Monier takeover)."""
    query = "Venice economic summit of the seven industrial nations"
    test = StoryTest(query_terms(query, counter, TOTAL), events=event_stems(query))
    reports = [Article.create(title, lead, published=day, source="Reuters") for title, lead, day in (
        ("SUMMIT DEEPENS IMF COORDINATION ROLE,OFFICIAL SAYS", "The Venice summit accord gives the International "
         "Monetary Fund (IMF) increased responsibility in smoothing vital economic cooperation between industrial "
         "countries, a senior IMF official said.", date(1987, 6, 16)),
        ("G-7 OFFICIALS TO DECIDE ON SUMMIT AGENDA", "Senior officials from the Group of Seven (G-7) countries will "
         "meet next week to decide an agenda for the body's June summit scheduled to be held in Venice, Japanese "
         "officials said.", date(1987, 4, 27)),
        ("BONN SEEN REJECTING NEW GROWTH MEASURES AT SUMMIT", "West Germany will stand firm at next week's economic "
         "summit in Venice against foreign pressure to follow Japan's example of a multi-billion dlr package to "
         "stimulate the economy, West German officials said.", date(1987, 6, 1)))]
    assert story_period(reports, test) == reports


IAN_LEE_COUNTY = Article.create(  # USA Today, 4 Oct 2022 (RealTimeQA)
    "Hurricane Ian's death toll rises as crews in Florida go door ...", "More than 800 were rescued in Lee County alone, "
    "Sheriff Carmine Marceno said Sunday.\n\nAs of Tuesday, at least 109 people have been reported killed by the "
    "hurricane in the United States, with 105 of those deaths in Florida and 55 of them in Lee County.",
    published=date(2022, 10, 4), source="usatoday.com")


def test_a_story_written_as_a_name_keeps_its_first_word() -> None:
    """v12's "Hurricane Lee" (2023, not in the home) had only "Lee" for its name -- name_spans never starts a name at
    the query's first word -- and Hurricane Ian's reports from Lee County were in scope: two entries. The first word
    compounded into the name is part of it ("Hurricane Lee" as a phrase); a title is not ("King Charles's")."""
    assert [words for _p, words in name_phrases("Hurricane Lee")] == [("hurricane", "lee")]
    assert name_phrases("King Charles's cancer diagnosis") == []
    kept, scope = scope_articles("Hurricane Lee", [IAN_LEE_COUNTY], counter, TOTAL)
    assert kept == [] and scope.note() == "The articles do not cover Hurricane Lee."
    lee = Article.create("Hurricane Lee", "Hurricane Lee strengthened on Thursday, forecasters said.",
                         published=date(2023, 9, 8), source="example.com")
    assert scope_articles("Hurricane Lee", [lee], counter, TOTAL)[0] == [lee]


# Session 15 (issue 19): covered thin stories whose one report writes the event with another word (FRANK, v13).
BENAUD = Article.create(  # FRANK (Daily Mail), April 2015
    "Richie Benaud unrivalled cricket commentator Sportsmail remembers 10 finest moments",
    "Benaud, one of cricket's great personalities, has died at the age of 84 after battling skin cancer.",
    published=date(2015, 4, 10), source="Daily Mail")
VILLA = Article.create(  # FRANK (Daily Mail), April 2015
    "Shay Given set hold spot FA Cup final against Arsenal following display against Liverpool four clash",
    "Guzan was said to be hurting after missing out on the semi-final victory over Liverpool, but understood Tim "
    "Sherwood's decision to keep faith in the competition with the Republic of Ireland goalkeeper.",
    published=date(2015, 4, 24), source="Daily Mail")
FRANK_COUNTS = {"richie": 2, "benaud": 2, "bernard": 30, "matthews": 8, "ranjit": 1, "boparan": 1, "aston": 40,
                "villa's": 60, "fa": 90, "liverpool": 80, "death": 700, "sale": 300, "win": 900, "cup": 800}


def frank_counter(terms: Sequence[str]) -> dict[str, int]:
    """FTS5-like chunk counts in a FRANK-sized home of 20,000 chunks."""
    return {t: FRANK_COUNTS.get(t, 100) for t in terms}


@pytest.mark.parametrize(("query", "article"), [
    ("The death of Richie Benaud", BENAUD),  # "has died"
    ("Aston Villa's FA Cup semi-final win over Liverpool", VILLA),  # "victory"
])
def test_a_story_whose_report_writes_its_event_with_the_verb_news_uses_is_covered(query: str, article: Article) -> None:
    """v13 (FRANK) said "The articles do not cover the death of Richie Benaud" though its one report says "has died":
    the story's event word (death, win) was asked of the report, which writes the word news copy uses (die,
    victory). EVENT_FAMILIES joins them; an unrelated death or win still is no report (event_reported)."""
    from ragnews.story import event_reported

    terms = query_terms(query, frank_counter, TOTAL)
    assert event_reported(query, terms, [article])
    other = Article.create(f"{article.title.split()[0]} news", "The weather was fine on Tuesday and the fans went home.",
                           published=article.published, source=article.source)
    assert not event_reported(query, terms, [other])


@pytest.mark.parametrize(("query", "stems"), [
    ("The death of Richie Benaud", {"death", "die"}),
    ("Jurgen Klopp's departure from Borussia Dortmund", {"depar", "leav", "quit", "exit"}),
    ("Aston Villa's FA Cup semi-final win over Liverpool", {"win", "won", "beat", "victo"}),
])
def test_an_event_nouns_verbs_are_its_action_words(query: str, stems: set[str]) -> None:
    assert event_stems(query) == stems


# Session 16 (issue 19): covered thin stories of v13 (FRANK, BBC and CNN/Daily Mail) still told "not covered" or given
# no entry. Verbatim sentences of their one report, shortened.
MATTHEWS = Article.create(  # FRANK (BBC), January 2017
    "The turkey firm was sold to the food tycoon Ranjit Boparan on Tuesday.",
    "The turkey firm was sold to the food tycoon Ranjit Boparan on Tuesday.\nThe Boparan Private Office, the "
    "\"chicken king\" Mr Boparan's private investment, confirmed that the current pension arrangements with Bernard "
    "Matthews would continue under the new ownership.", published=date(2017, 1, 22), source="bbc.co.uk")
CLANCY = Article.create(  # FRANK (BBC), May 2016
    "John Clancy, Labour councillor for Quinton, beat closest rival Penny Holbrook in Monday night's ballot.",
    "John Clancy, Labour councillor for Quinton, beat closest rival Penny Holbrook in Monday night's ballot.\n"
    "Mr Clancy, who has bid to become leader of the city council several times, was chosen in the ballot by the "
    "authority's 78 Labour councillors.\nJohn Clancy has become leader of the Labour group after five attempts - and "
    "by just one vote. He will officially become leader of Birmingham City Council on 1st December when it's ratified "
    "at full council.", published=date(2016, 5, 29), source="bbc.co.uk")
KLOPP = Article.create(  # FRANK (Daily Mail), April 2015
    "Jurgen Klopp proved level manager Borussia Dortmund excel Premier League insists Arsenal defender Mertesacker",
    "Arsenal defender Per Mertesacker has tipped compatriot Jurgen Klopp to make his mark in the Barclays Premier "
    "League if he opts to continue his career in England. 'It's not so good for Dortmund that he is leaving but "
    "hopefully one day he will manage abroad. But for all that a new challenge lies ahead for Klopp, Mertesacker "
    "admits he cannot work out what has gone wrong to prompt his exit from Borussia.",
    published=date(2015, 4, 23), source="dailymail.co.uk")


def test_a_sale_reported_as_sold_is_covered_and_a_sales_tax_keeps_its_qualifier() -> None:
    """v13's "The sale of Bernard Matthews to Ranjit Boparan" was said not covered: its one report writes "was sold"
    (irregular: the stemmer does not join sale and sold). The sale family joins them; "sales" of "Canada's harmonized
    sales tax" stays a qualifier every article must write, because it is not of the head's ("tax") family (_kin)."""
    from ragnews.story import event_reported, story_words

    query = "The sale of Bernard Matthews to Ranjit Boparan"
    assert event_reported(query, query_terms(query, frank_counter, TOTAL), [MATTHEWS])
    assert story_words("Canada's harmonized sales tax", {"sales", "tax"})[1] == ["harmo", "sale"]
    assert story_words("Waste Management's takeover bid for ChemLawn Corporation", {"takeover", "bid"})[1] == []


def test_an_election_reported_as_chosen_and_become_leader_is_covered() -> None:
    """v13's "John Clancy's election as Labour leader of Birmingham City Council": its one report never writes
    "elected" ("was chosen in the ballot") nor "as leader" ("has become leader"). The election family and the verbs
    that take a role (_TAKES_ROLE) read both; a role the article does not take is still missing."""
    from ragnews.story import event_reported

    query = "John Clancy's election as Labour leader of Birmingham City Council"
    assert event_reported(query, query_terms(query, frank_counter, TOTAL), [CLANCY])
    assert role_stated(query, [CLANCY])
    assert not role_stated("John Clancy's election as mayor of Birmingham", [CLANCY])
    kept, _scope = scope_articles(query, [CLANCY], frank_counter, TOTAL)
    assert kept == [CLANCY]


def test_a_departure_written_as_an_exit_is_reported() -> None:
    """v13's "Jurgen Klopp's departure from Borussia Dortmund": the report's "he is leaving" sits under a negated main
    clause ("It's not so good for Dortmund that he is leaving"); it also writes "to prompt his exit from Borussia"."""
    from ragnews.story import event_reported

    query = "Jurgen Klopp's departure from Borussia Dortmund"
    assert event_reported(query, query_terms(query, frank_counter, TOTAL), [KLOPP])


LEEDS = Article.create(  # FRANK (BBC), 31 January 2016
    "The Rhinos have been training across the city of Leeds since the river Aire burst its banks at Christmas.",
    "The Rhinos have been training across the city of Leeds since the river Aire burst its banks at Christmas.\n"
    "Chief executive Gary Hetherington told BBC Radio Leeds: \"It is looking like £1m in total. It has caused massive "
    "disruption.\"\nBut sport throws up all sorts of challenges and this is another one.\"\nAll seven training pitches "
    "and the main building at the Kirkstall site the Rhinos share with rugby union side Yorkshire Carnegie were "
    "contaminated by flood water at the end of December.\n\"We couldn't get anywhere near the site,\" said "
    "Hetherington.\"\nWhen we were able to access it, the reality hit everybody. The whole site was under water.",
    published=date(2016, 1, 31), source="bbc.co.uk")
STANCIL = Article.create(  # FRANK (CNN), 16 April 2015
    "north carolina college shooting",
    "(CNN)Deputies rushed Kenneth Morgan Stancil III from court Thursday after the 20-year-old murder suspect swore at "
    "a judge and tried to flip over a table. Stancil is accused of killing an employee Monday at Wayne Community "
    "College in Goldsboro, North Carolina. Relatives have said victim Ron Lane was gay, CNN affiliate WNCN reported, "
    "and investigators are looking into whether the shooting was a hate crime. Authorities arrested Stancil after he "
    "was found sleeping on a Florida beach on Tuesday. \"No, I don't need one,\" said Stancil, who stood before the "
    "judge with his legs shackled and his arms handcuffed in front of him.", published=date(2015, 4, 16),
    source="edition.cnn.com")


def test_a_when_clause_of_the_story_is_one_of_its_action_words() -> None:
    """v13's "The floods in Leeds when the River Aire burst its banks": the one report's lead writes the burst banks,
    not "flood" (that is in a sentence naming neither Leeds nor the river), so the story gave no entry. The verb of a
    "when" clause on the head is an action word too; the head stays one."""
    from ragnews.story import article_sieve, story_test

    query = "The floods in Leeds when the River Aire burst its banks"
    assert event_stems(query) == {"flood", "burst"}
    assert event_stems("The floods in Leeds") == {"flood"}
    sieve = article_sieve(LEEDS, story_test(query, query_terms(query, frank_counter, TOTAL)))
    assert sieve is not None and sieve(LEEDS.title)


def test_an_article_whose_headline_reports_the_event_gives_its_sentences_on_the_story() -> None:
    """v13's "The shooting at a North Carolina community college": the one report's headline is the shooting, but its
    body names the college only where it writes "accused of killing", and "shooting" only where it names neither, so
    no sentence passed and the story gave no entry. When no sentence both touches the story and writes its event, an
    article whose headline does gives its sentences that touch the story; one that touches it not, none."""
    from ragnews.story import article_sieve, story_test

    query = "The shooting at a North Carolina community college"
    sieve = article_sieve(STANCIL, story_test(query, query_terms(query, frank_counter, TOTAL)))
    assert sieve is not None
    assert sieve("Stancil is accused of killing an employee Monday at Wayne Community College in Goldsboro, North "
                 "Carolina.")
    assert not sieve("Authorities arrested Stancil after he was found sleeping on a Florida beach on Tuesday.")


# RealTimeQA (2022 web news, CNN): the UK heat wave of July 2022, reported as "UK", never as "Britain".
UK_HEAT_WAVE = Article.create(
    "UK heat wave: Extreme heat is exposing a country woefully ...",
    "Americans are used to switching on their air conditioners any time temperatures near 80 degrees Fahrenheit (27 "
    "degrees Celsius). But in the UK, record-shredding heat this week has brought life to a pandemic-esque standstill. "
    "Temperatures in the UK breached 40 degrees Celsius (104 Fahrenheit) for the first time on Tuesday, making it the "
    "country's hottest day on record.", published=date(2022, 7, 19), source="cnn.com")


def _uk_counter(terms: Sequence[str]) -> dict[str, int]:
    """Chunk counts with "britain" rare enough to be a distinctive name (as in the RealTimeQA home)."""
    return {t: {"britain": 120, "shanghai": 40, "cooperation": 100}.get(t, 500) for t in terms}


def test_a_country_written_by_another_of_its_names_is_named() -> None:
    """"Britain's record heat wave in July" (v14) was told "The articles do not cover ..." although three CNN reports
    cover it: they write "UK heat wave", "in the UK", never "Britain", and Britain, a distinctive name, was required as
    written. A country counts by any of its names (story.term_stems); a report naming no name of it still does not."""
    terms = query_terms("Britain's record heat wave in July", _uk_counter, TOTAL)
    assert any(t.name and t.word == "britain's" for t in terms)
    assert article_in_scope(UK_HEAT_WAVE, terms)
    elsewhere = Article.create(UK_HEAT_WAVE.title.replace("UK ", ""), UK_HEAT_WAVE.body.replace("the UK", "Spain"),
                               published=date(2022, 7, 19), source="cnn.com")
    assert not article_in_scope(elsewhere, terms)


def test_a_country_known_by_one_name_has_no_other_form() -> None:
    """A country whose only other word is its adjective ("Italy", "Italian") has no alias: adjectives are written of a
    country's people in every story of it, and an empty alternation would match every text."""
    terms = query_terms("Giorgia Meloni's victory in Italy's election", _uk_counter, TOTAL)
    assert all(not t.alias for t in terms if t.word == "italy's")
    britain = next(t for t in query_terms("Britain's record heat wave", _uk_counter, TOTAL) if t.word == "britain's")
    assert not re.search(britain.alias, "British Chancellor of the Exchequer Kwasi Kwarteng", re.IGNORECASE)


def test_a_name_that_says_which_kind_of_event_stays_in_the_event_phrase(reuters_records) -> None:
    """"The Las Vegas Aces' WNBA title" (v14) was told "The articles do not cover ...": its names were all left out of
    the event phrase, "The title" is close to no lead, and on its home the CNN report of the title fell under the event floor.
    With the owner named by the possessive, the head's proper-noun compound says which title ("WNBA") and stays; a
    compound name with no possessor is the event's actor and is still left out ("bankruptcy filing")."""
    from ragnews.story import event_phrase

    query = "The Las Vegas Aces' WNBA title"
    terms = _records_terms(reuters_records, query)
    assert event_phrase(query, terms) == "The WNBA title"
    lehman = "Lehman Brothers bankruptcy filing"
    assert event_phrase(lehman, _records_terms(reuters_records, lehman)) == "bankruptcy filing"


SORRENTO_FIRE = Article.create(  # bbc.com, 29 Apr 2015 (FRANK; v13's sorrento-ferry-fire), its first paragraphs
    "The Sorrento was travelling to the coastal city of Valencia when the blaze began and quickly got out of control.",
    "The Sorrento was travelling to the coastal city of Valencia when the blaze began and quickly got out of control.\n"
    "The passengers were evacuated from the burning ship on to lifeboats and have been rescued by another ship.\n"
    "The ship was about 27km (17 miles) from Mallorca when the fire broke out on Tuesday afternoon on one of the car "
    "decks. The reason for the fire was unclear.", published=date(2015, 4, 29), source="bbc.com")


def _rare_counter(terms: Sequence[str]) -> dict[str, int]:
    """Chunk counts with every name rare enough to be distinctive (as "majorca" and "sorrento" are in the v13 home)."""
    return {t: 5 if t in ("sorrento", "majorca", "smyth", "austria", "iran", "samarkand") else 500 for t in terms}


def test_a_name_spelled_another_way_is_named() -> None:
    """"The fire on the Sorrento ferry off Majorca" (v13) was told "The articles do not cover ...": the BBC's report
    writes "Mallorca", and Majorca, a distinctive name, was required as the query spells it. A one-word name of a place
    or thing counts in another spelling (story.spelling_variant); a person's surname does not (Smith and Smyth are two
    people), nor a country (its names are listed), nor a short name ("Iran", "Iraq")."""
    from ragnews.story import spelling_variant

    terms = query_terms("The fire on the Sorrento ferry off Majorca", _rare_counter, TOTAL)
    assert any(t.name and t.spelled and t.word == "majorca" for t in terms)
    assert article_in_scope(SORRENTO_FIRE, terms)
    elsewhere = Article.create(SORRENTO_FIRE.title, SORRENTO_FIRE.body.replace("Mallorca", "Menorca"),
                               published=date(2015, 4, 29), source="bbc.com")
    assert not article_in_scope(elsewhere, terms)
    assert spelling_variant("samarkand", "in the Uzbek city of Samarqand")
    assert not spelling_variant("texaco", "Texas Eastern said")
    for query in ("Gordon Smyth's resignation", "Austria's election", "Iran's nuclear talks"):
        assert not any(t.spelled for t in query_terms(query, _rare_counter, TOTAL))
    assert any(t.spelled for t in query_terms("The Shanghai Cooperation Organization summit in Samarkand", _rare_counter,
                                               TOTAL))


# Session 19 (issue 19): an amount is no event.
@pytest.mark.parametrize(("query", "stems"), [
    ("Dome Petroleum's 2.08 billion dlr writedown", {"write"}),  # the parse heads the phrase with "dlr"
    ("Texaco's 10 billion dlr judgment", {"judgm"}),  # "dlr" is the unit of the sum, not a compound event
    ("Citicorp's three billion dollar addition to loan loss reserves", {"addit"}),
    ("Heck's Chapter 11 bankruptcy filing", {"bankr"}),  # a law's number is no count
    ("Argentina's 2001 debt default", {"debt"}),  # nor is a year
])
def test_the_unit_of_an_amount_is_no_event(query: str, stems: set[str]) -> None:
    """Reuters v15 (dev) "Dome Petroleum's 2.08 billion dlr writedown": the small model does not know "writedown",
    tags it an adverb and heads the phrase with the unit "dlr", which was then the story's action word -- written in
    nearly every sentence of Dome's news, so its debt talks and a takeover offer gave 15 of the story's 20 entries.
    The amount measures the event that follows it; a year or a law's number ("Chapter 11") measures nothing."""
    from ragnews.story import event_stems, states_event

    assert event_stems(query) == stems
    if "writedown" in query:
        events = event_stems(query)
        # Reuters [265c17] "TAKEOVER BATTLE FOR DOME PETROLEUM BEGINS" and [11711] "DOME PETE<DMP> TAKES 2.08 BILLION
        # DLR WRITEDOWN"
        assert not states_event("Dome common shares closed at 1.13 dlrs on Friday on the Toronto Stock Exchange.", events)
        assert states_event("Dome Petroleum Ltd, earlier reporting a 2.20 billion dlr 1986 loss compared to year-earlier "
                            "profit of 7.0 mln dlrs, said the loss was mainly due to write downs totalling 2.084 billion "
                            "dlrs before a reduction in deferred income taxes of 571 mln dlrs.", events)


# Session 21 (issue 19): a noun compound names its last noun.
def test_a_pair_is_not_stated_by_its_head_modifying_its_modifier(reuters_records) -> None:
    """Reuters v16 (dev) "The exchange rate bill in the U.S. House" is the pair rate+bill; a money-market report
    [14390] writes both words as "Treasury bill rates" -- rates, not a bill -- and its lead was an entry of the story.
    Where the head is written as a head ("EXCHANGE RATE BILL", [9681]) or apart from the modifier ("The bill's many
    provisions ... stable exchange rates"), the pair stays stated; so does a pair whose head only modifies another
    noun ("the bill auction")."""
    from ragnews.story import _common_words, event_stems, states_event

    query = "The exchange rate bill in the U.S. House"
    events = event_stems(query, _common_words(_records_terms(reuters_records, query)))
    assert events == {"rate+bill"}
    credit = reuters_records.by_newid("14390")
    lead = ("U.S. credit markets were mixed in dull trading at midsession, with moderate losses in coupon issues and "
            "Treasury bill rates near unchanged.")
    assert lead in credit.body
    assert not states_event(lead, events)
    assert not states_event("Treasury bill rates were anywhere from three basis points lower to one basis point higher.",
                            events)
    panel = reuters_records.by_newid("9681")
    assert states_event(panel.title, events)
    provisions = ("The bill's many provisions also set as a priority for the U.S. the negotiation of stable exchange rates "
                  "and urge government intervention as necessary to offset fluctuations.")
    assert provisions in panel.body
    assert states_event(provisions, events)
    assert states_event("Rates rose at the bill auction.", events)


@pytest.mark.parametrize(("query", "written", "not_written"), [
    ("The U.S. export bonus barley for Algeria", "Colombia ... U.S. barley malt under the EEP",
     "export bonuses to cover sales of 54,000 tonnes of durum wheat to Algeria"),  # the head: its compounds are the event
    ("Taiwan's purchases of U.S. maize", "TAIWAN BUYS 450,000 TONNES OF U.S. CORN", "U.S. SOYBEANS"),  # a variant
    ("Toshiba Machine sales of machine tools to the Soviet Union", "sold four large milling machines", "equipment"),
    ("Japan's purchases of Brazilian soybeans", "Japan bought Brazilian soyabeans", "Brazilian rapeseed"),
])
def test_the_goods_a_trade_event_moves_are_read_from_the_query(query: str, written: str, not_written: str) -> None:
    """event_goods: the bare noun a sale or purchase is of, or a head whose compounds carry the event and which goes to
    a place, by its stem, its compounds ("machines" for "machine tools") and its news-copy variants ("corn")."""
    from ragnews.story import event_goods, writes_all

    goods = event_goods(query)
    assert goods and writes_all(written, goods) and not writes_all(not_written, goods)


@pytest.mark.parametrize("query", [
    "The U.S. export bonus sales to Egypt",  # the head is the event (a sale), not goods
    "Eastman Kodak's sale of its stake in ICN",  # a determined thing, named otherwise ("holdings")
    "Lehman Brothers bankruptcy filing",  # no transfer, no destination
])
def test_a_story_without_goods_asks_for_none(query: str) -> None:
    """No goods where the query's event moves no kind of goods: nothing more is asked of its articles."""
    from ragnews.story import event_goods

    assert event_goods(query) == []


def test_a_trade_story_needs_its_goods_in_every_article(reuters_records) -> None:
    """"The U.S. export bonus barley for Algeria" (v19, not in the home) took the export bonus WHEAT for Algeria, Reuters
    [17167] "USDA ANNOUNCES EXPORT BONUS WHEAT TO ALGERIA" and [20239] "ALGERIA BUYS 75,000 TONNES EEP WHEAT - TRADE":
    "barley" was 28% of the query's weight, and eight entries came from them. "Taiwan's purchases of U.S. rice" took
    [7600] "TAIWAN PLANS MISSION TO CLOSE TRADE GAP WITH U.S." ("... a broader plan to switch large purchases to the
    U.S. From Japan"). The goods must be written: the wheat story keeps [17167], the maize story [1952] and, by its
    other name, [6897] "TAIWAN BUYS 450,000 TONNES OF U.S. CORN"."""
    barley = "The U.S. export bonus barley for Algeria"
    assert article_in_scope(reuters_records.by_newid("17167"), _records_terms(reuters_records, barley))
    assert _kept(reuters_records, barley, ["17167", "20239"]) == []
    assert _kept(reuters_records, "The U.S. export bonus wheat for Algeria", ["17167"]) == ["17167"]
    assert _kept(reuters_records, "Taiwan's purchases of U.S. rice", ["7600"]) == []
    from ragnews.story import story_words

    maize = story_words("Taiwan's purchases of U.S. maize")
    assert [n for n in ("1952", "6897", "7600") if states_story_words(reuters_records.by_newid(n), maize)] == [
        "1952", "6897"]


def test_a_digest_gives_only_the_sentences_of_the_storys_goods(reuters_records) -> None:
    """Reuters [14716] "EXPORT BUSINESS - GRAINS/OILSEEDS COMPLEX" lists a dozen crops; for "Japan's purchases of U.S.
    sorghum" (v19, not covered) it gave its paragraph "Market talk and comment (continued) -  The Commodity Credit Corp
    reallocated 5.0 mln dlrs in credit guarantees previously earmarked for sales of U.S wheat ..." (Japan, U.S., sales:
    its wheat tender). A digest whose headline and lead do not write the goods gives only sentences that do (and name
    the buyer: "... Taiwan was rumored to be tendering overnight for 35,000 tonnes of U.S. sorghum" is Taiwan's)."""
    from ragnews._text import sentence_spans
    from ragnews.story import article_sieve, story_test

    query = "Japan's purchases of U.S. sorghum"
    digest = reuters_records.by_newid("14716")
    sieve = article_sieve(digest, story_test(query, _records_terms(reuters_records, query)))
    kept = [digest.body[s:e] for s, e in sentence_spans(digest.body) if sieve is None or sieve(digest.body[s:e])]
    assert not any("Commodity Credit Corp" in text for text in kept) and all("sorghum" in text for text in kept)


def test_the_goods_origin_the_query_writes_must_be_written(reuters_records) -> None:
    """"Taiwan's purchases of U.S. maize" (v19) took Reuters [16751] "TAIWAN IMPORTS 210,000 TONNES SOUTH AFRICAN
    MAIZE" ("Taiwan imported about 210,000 tonnes of South African maize between January 1 and April 13 ..."): the
    buyer, the goods and a purchase, from another country. The origin the query writes on the goods must be written,
    by any of its names: [1952] "TAIWAN BUYS 60,000 TONNES OF U.S. MAIZE" stays."""
    from ragnews.story import story_words

    maize = story_words("Taiwan's purchases of U.S. maize")
    assert [n for n in ("1952", "16751") if states_story_words(reuters_records.by_newid(n), maize)] == ["1952"]
    assert [n for n in ("1952", "16751") if states_story_words(reuters_records.by_newid(n),
                                                              story_words("Taiwan's purchases of maize"))] == [
        "1952", "16751"]


def test_a_digest_gives_only_the_sentences_of_the_storys_buyer(reuters_records) -> None:
    """For "Egypt's purchases of PL 480 wheat" (v19) the same digest [14716] gave "Market talk and comment (continued) -
    Thailand exported 75,160 tonnes of rice ... Honduras will tender April 13 under PL-480 ... various wheats ...": PL
    480 wheat, another buyer. A digest's sentence must name the story's owner too; its Egyptian one stays ("Egypt was
    rumored to be tendering tomorrow for 125,000 tonnes of U.S. wheat flour ... using PL-480 allocated funds")."""
    from ragnews._text import sentence_spans
    from ragnews.story import article_sieve, story_test

    query = "Egypt's purchases of PL 480 wheat"
    digest = reuters_records.by_newid("14716")
    sieve = article_sieve(digest, story_test(query, _records_terms(reuters_records, query)))
    assert sieve is not None
    texts = [digest.body[s:e] for s, e in sentence_spans(digest.body)]
    assert not any(sieve(t) for t in texts if "Thailand exported" in t)
    assert all("Egypt" in t for t in texts if sieve(t))


def test_a_story_naming_a_month_takes_no_sentence_of_another_months_figure(reuters_records) -> None:
    """v20 (blind, session 21; dev since its one run): "Brazil's February trade surplus" took Reuters [17186]'s March
    figure, "Japan's February consumer prices" [213]'s January one -- a run of monthly reports shares every word but
    the month, and news writes the month of the figure it reports. A sentence writing only other months is another
    month's report; one writing the story's month among others stays, as does a day ("on March 5")."""
    from ragnews._text import sentence_spans
    from ragnews.dates import query_months
    from ragnews.story import article_sieve, query_terms, story_test

    assert query_months("Japan's February trade and current account surplus") == {2}
    assert query_months("Wall Street stock market crash of October 1987") == set()  # a dated event: the year rule
    assert query_months("September 11 attacks on the World Trade Center") == set()
    counts, total = reuters_records.term_counts, reuters_records.chunk_count()
    for query, newid, lead, kept in (
            ("Brazil's February trade surplus", "17186", "Brazil's trade surplus in March totalled only 136 mln dlrs", False),
            ("Japan's February consumer prices", "213", "Japan's unadjusted consumer price index (base 1985) fell 0.4 pct",
             False),
            ("Japan's February consumer prices", "10261", "Japan's consumer price index (base 1985) was unchanged", True)):
        article = reuters_records.by_newid(newid)
        sentence = next(s for s in (article.body[a:b] for a, b in sentence_spans(article.body)) if s.startswith(lead))
        test = story_test(query, query_terms(query, counts, total))
        sieve = article_sieve(article, test)
        assert (sieve is None or sieve(sentence)) is kept, (query, newid)


def test_an_article_writing_only_other_months_is_not_the_months_report() -> None:
    """Reuters [6952] "JAPAN MARCH INTERIM TRADE SURPLUS FALLS" (headline and lead) reports March, not February."""
    from ragnews.story import reaches_months

    march = Article(id="6952", title="JAPAN MARCH INTERIM TRADE SURPLUS FALLS",
                    body="Japan's customs-cleared trade surplus fell to 1.89 billion dlrs in the first 10 days of March "
                         "from a 1.91 billion surplus a year earlier, the Ministry of Finance said.",
                    published=date(1987, 3, 19))
    assert not reaches_months(march, {2}) and reaches_months(march, {3}) and reaches_months(march, set())


def test_a_balance_story_takes_no_sentence_of_the_other_direction(reuters_records) -> None:
    """v20: the uncovered "South Korea's February trade deficit" took Reuters [890]'s February surplus, "The U.K.'s
    visible trade surplus" [9770]'s visible trade deficit. A surplus and a deficit of one balance are different
    figures; a sentence writing only the other is not the story's report."""
    from ragnews.story import query_terms, story_test

    counts, total = reuters_records.term_counts, reuters_records.chunk_count()
    korea = story_test("South Korea's February trade deficit",
                       query_terms("South Korea's February trade deficit", counts, total))
    assert korea.other_figure("South Korea's customs-cleared trade surplus narrowed to 110 mln dlrs in February from "
                              "525 mln in January, provisional trade ministry figures show.")
    assert not korea.other_figure("In February 1986 there was a deficit of 264 mln dlrs.")
    uk = story_test("The U.K.'s visible trade surplus", query_terms("The U.K.'s visible trade surplus", counts, total))
    assert uk.other_figure("Britain's visible trade deficit narrowed to a seasonally adjusted provisional 224 mln stg "
                           "in February from 527 mln in January, The Trade and Industry Department said.")
