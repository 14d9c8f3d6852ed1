"""Citation verification: markers, support, exact quotes."""

from __future__ import annotations

from ragnews import Evidence, NewsRAG
from ragnews.verify import Verifier, split_claims


def _evidence(example_rag: NewsRAG, query: str) -> list[Evidence]:
    return example_rag.retrieve(query, k=3)


def test_split_claims_attaches_markers_to_their_sentence() -> None:
    text = "A said x. [1] The North also asked y. [2][3] Next claim [4]. Uncited one. Last [5, 6]."
    assert split_claims(text) == [("A said x.", [1]), ("The North also asked y.", [2, 3]), ("Next claim", [4]),
                                  ("Uncited one.", []), ("Last", [5, 6])]


def test_a_claim_starting_in_lower_case_does_not_take_the_stop_before_its_marker() -> None:
    """Reuters copy (reuters-dev5 g001, g032): a sentence starting in lower case or with "<" is no sentence start to the
    splitter, so the lead's stop was read as the quote's first character and rendered "[1]. . venezuela is"."""
    quote = ("venezuela is seeking a 'constructive and flexible' attitude from its creditor banks in current talks to "
             "reschedule 21 billion dlrs in foreign debt, finance minister manuel azpurua told a press conference.")
    assert split_claims(f"21 billion dlrs [1]. {quote} [1]") == [("21 billion dlrs", [1]), (quote, [1])]
    bp = "<BP Oil Ltd>, the U.K. Marketing and refining arm of British Petroleum Co Plc <BP.L>, raised its pretax profit."
    assert split_claims(f"the U.K. Marketing [2]. {bp} [2]")[1] == (bp, [2])


def test_paraphrase_is_supported_and_quote_is_exact(example_rag: NewsRAG, embedder) -> None:
    evidence = _evidence(example_rag, "When did the nine-day exercise begin?")
    n = next(i for i, e in enumerate(evidence, 1) if "nine-day" in e.text)
    text, sentences, citations, warnings = Verifier(embedder).verify(f"The nine-day joint exercise started on Aug. 16 [{n}].", evidence)
    assert sentences[0].supported and not warnings
    c = citations[0]
    assert "Aug. 16" in c.quote
    assert example_rag.article(c.article_id).body[c.start : c.end] == c.quote
    assert text.endswith("[1].")


def test_markers_to_missing_sources_are_removed_and_reported(example_rag: NewsRAG, embedder) -> None:
    evidence = _evidence(example_rag, "When did the nine-day exercise begin?")
    text, sentences, citations, warnings = Verifier(embedder).verify("The exercise began on Aug. 16 [9].", evidence)
    assert "[9]" not in text and citations == []
    assert not sentences[0].supported
    assert any("no given source" in w for w in warnings)


def test_fabricated_sentence_is_flagged_or_removed(example_rag: NewsRAG, embedder) -> None:
    evidence = _evidence(example_rag, "What did North Korea demand for sanctions relief?")
    fake = "North Korea demanded ten billion dollars in gold bullion [1]."
    text, sentences, _, warnings = Verifier(embedder).verify(fake, evidence, mode="mark")
    assert not sentences[0].supported and "[unsupported]" in text and warnings
    text, sentences, _, _ = Verifier(embedder).verify(fake, evidence, mode="remove")
    assert sentences == [] and text == ""


def test_llm_judge_decides_support_for_paraphrases_only(example_rag: NewsRAG, embedder) -> None:
    verdicts: list[str] = []

    def judge(claim: str, passages) -> bool:
        verdicts.append(claim)
        return "Aug. 16" in claim

    evidence = _evidence(example_rag, "When did the nine-day exercise begin?")
    n = next(i for i, e in enumerate(evidence, 1) if "nine-day" in e.text)
    verifier = Verifier(embedder, judge=judge)
    _, sentences, _, _ = verifier.verify(f"The drills began on Aug. 16 [{n}]. The drills began in spring [{n}].", evidence)
    assert [s.supported for s in sentences] == [True, False]
    quote = next(s.text for s in passage_sentences_of(evidence[n - 1]) if "nine-day" in s.text)
    verdicts.clear()
    _, sentences, _, _ = verifier.verify(f"{quote} [{n}]", evidence)
    assert sentences[0].supported and verdicts == []  # a verbatim quote needs no judge


def passage_sentences_of(ev: Evidence):
    from ragnews.verify import passage_sentences

    return passage_sentences(1, ev)


# The probe, over the example articles: (question to retrieve with, altered claim, words the reason names)
PROBE = [
    ("When did the nine-day exercise begin?", "The five-day joint military exercise began on Aug. 16.", ["five-day", "nine-day"]),
    ("Does the US have hostile intent towards North Korea?",
     "The US does have hostile intent towards Pyongyang and is open to meeting any time and any place.", ["does have", "does not have"]),
    ("Who will the US envoy meet on Tuesday?",
     "The US envoy is expected to meet Chinese Deputy Foreign Minister Igor Morgulov on Tuesday in Seoul.", ["Chinese", "Russian"]),
    ("When did Sung Kim arrive in Seoul?", "Sung Kim arrived in Seoul on Sunday for a four-day visit.", ["Sunday", "Saturday"]),
    ("When did Sung Kim arrive in Seoul?", "Sung Kim arrived in Seoul on Saturday for a six-day visit.", ["six-day", "four-day"]),
    ("Who did Kim meet on Sunday?", "On Sunday Kim met with Prime Minister Chung Eui-yong at the minister's residence.", []),
]
FAITHFUL = [
    ("When did the nine-day exercise begin?", "The nine-day joint military exercise started on August 16."),
    ("Does the US have hostile intent towards North Korea?", "The US has no hostile intent towards Pyongyang, Washington's envoy said."),
    ("Who will the US envoy meet on Tuesday?", "The US envoy is expected to meet Russia's Deputy Foreign Minister Igor Morgulov in Seoul on Tuesday."),
]


def _cite(example_rag: NewsRAG, question: str, claim: str) -> tuple[list[Evidence], str]:
    """Retrieve for the question and cite the passage whose best sentence best matches the claim."""
    evidence = example_rag.retrieve(question, k=5)
    words = set(claim.lower().split())
    n = max(range(1, len(evidence) + 1), key=lambda i: len(words & set(evidence[i - 1].text.lower().split())))
    return evidence, f"{claim} [{n}]"


def test_altered_claims_of_the_probe_are_unsupported_with_the_reason(example_rag: NewsRAG, embedder) -> None:
    verifier = Verifier(embedder)
    for question, claim, named in PROBE:
        evidence, text = _cite(example_rag, question, claim)
        out, sentences, citations, warnings = verifier.verify(text, evidence)
        s = sentences[0]
        assert not s.supported, f"altered claim kept: {claim}"
        assert "[unsupported]" in out and s.reason and s.reason in warnings[0]
        for word in named:
            assert word in s.reason, s.reason
        for c in citations:  # the quote shown beside it is still an exact span
            assert example_rag.article(c.article_id).body[c.start:c.end] == c.quote


def test_faithful_paraphrases_of_the_probe_are_kept(example_rag: NewsRAG, embedder) -> None:
    verifier = Verifier(embedder)
    for question, claim in FAITHFUL:
        evidence, text = _cite(example_rag, question, claim)
        _, sentences, _, warnings = verifier.verify(text, evidence)
        assert sentences[0].supported and sentences[0].reason == "", (claim, warnings)


def test_without_fact_checks_the_support_score_keeps_altered_claims(example_rag: NewsRAG, embedder) -> None:
    """The bug this fixes: word overlap + embeddings alone keep a one-detail change."""
    evidence, text = _cite(example_rag, *PROBE[0][:2])
    assert Verifier(embedder, facts=False).verify(text, evidence)[1][0].supported
    assert not Verifier(embedder).verify(text, evidence)[1][0].supported


def test_llm_judge_gets_the_claim_and_its_quote_after_the_fact_checks(example_rag: NewsRAG, embedder) -> None:
    seen: list[tuple[str, list[str]]] = []

    def judge(claim: str, quotes) -> bool:
        seen.append((claim, list(quotes)))
        return False

    evidence, text = _cite(example_rag, *FAITHFUL[0])
    _, sentences, citations, _ = Verifier(embedder, judge=judge).verify(text, evidence)
    assert seen == [(FAITHFUL[0][1], [citations[0].quote])]
    assert not sentences[0].supported and "LLM judge" in sentences[0].reason
    seen.clear()
    evidence, text = _cite(example_rag, *PROBE[0][:2])
    Verifier(embedder, judge=judge).verify(text, evidence)
    assert seen == []  # a fact mismatch is decided offline, no LLM call


def test_role_swap_with_every_word_kept_is_checked_not_taken_as_verbatim(embedder) -> None:
    """A role swap keeps every word, so its support score rounds to 1.0; it must still be fact-checked."""
    text = ("Intel Corp said the ruling helps it. NEC sued Intel in December 1984 seeking a judgement declaring that "
            "microcode in certain NEC microprocessor products does not infringe on any valid Intel copyrights.")
    ev = Evidence(chunk_id="c", article_id="a", text=text, start=0, end=len(text), score=1.0)
    claim = ("Intel sued NEC in December 1984 seeking a judgement declaring that microcode in certain NEC "
             "microprocessor products does not infringe on any valid Intel copyrights.")
    same = _SameVector()  # every text embeds alike: the swap's score is exactly 1.0
    assert Verifier(same).best_quote(claim, passage_sentences_of(ev))[1] == 1.0
    _, sentences, _, _ = Verifier(same).verify(f"{claim} [1]", [ev])
    assert not sentences[0].supported and "NEC sued Intel" in sentences[0].reason


class _SameVector:
    """An embedder that gives every text the same unit vector."""

    name, dim = "same", 2

    def embed(self, texts):
        import numpy as np

        return np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(texts), 1))


def test_verbatim_answers_do_not_load_spacy() -> None:
    """Extractive answers quote verbatim: verifying them must not pay spaCy's ~1-2 s load (cold CLI < 3 s)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys\n"
        "from ragnews.models import Evidence\n"
        "from ragnews.verify import Verifier\n"
        "text = 'Sung Kim arrived in Seoul on Saturday for a four-day visit. He met Noh Kyu-duk.'\n"
        "ev = Evidence(chunk_id='c', article_id='a', text=text, start=0, end=len(text), score=1.0)\n"
        "class E:\n"
        "    name, dim = 'e', 2\n"
        "    def embed(self, texts):\n"
        "        import numpy as np\n"
        "        return np.ones((len(texts), 2), dtype=np.float32) / 2 ** 0.5\n"
        "s = Verifier(E()).verify('Sung Kim arrived in Seoul on Saturday for a four-day visit [1].', [ev])[1]\n"
        "assert s[0].supported\n"
        "print('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "False", out.stderr


def test_publication_month_and_year_date_a_claim_whose_quote_names_no_date(embedder) -> None:
    """A month/year from the article's metadata supports the claim; a rival month in the quote still rejects it."""
    text = "Sung Kim arrived in Seoul on Saturday for a four-day visit. He met his South Korean counterpart."
    claim = "Sung Kim arrived in Seoul in August 2021 for a four-day visit [1]."

    def ev(published: str) -> Evidence:
        return Evidence(chunk_id="c", article_id="a", text=text, start=0, end=len(text), score=1.0, published=published)

    _, sentences, _, _ = Verifier(embedder).verify(claim, [ev("2021-08-21T09:00:00+00:00")])
    assert sentences[0].supported, sentences[0].reason
    _, sentences, _, _ = Verifier(embedder).verify(claim, [ev("2021-06-19T09:00:00+00:00")])  # published in June
    assert not sentences[0].supported and "'August' not in the cited sentence" in sentences[0].reason
    _, sentences, _, _ = Verifier(embedder).verify(claim, [ev("")])  # undated article: nothing to date it by
    assert not sentences[0].supported


def _evs(*texts: str) -> list[Evidence]:
    return [Evidence(chunk_id=f"c{i}", article_id=f"a{i}", text=t, start=0, end=len(t), score=1.0)
            for i, t in enumerate(texts)]


_SOURCES = ("The city council approved a new budget for road repairs on Tuesday.",
            "Sung Kim arrived in Seoul on Saturday for a four-day visit. He met Noh Kyu-duk on Monday.")


def test_repair_attaches_the_passage_that_states_an_uncited_or_miscited_claim(embedder) -> None:
    """A small model drops markers or numbers its sentences [1], [2]: the claim goes to the passage that states it."""
    evidence = _evs(*_SOURCES)
    for draft in ("Sung Kim arrived in Seoul on Saturday for a four-day visit.", "Sung Kim arrived in Seoul on Saturday "
                  "for a four-day visit [1]."):
        text, sentences, citations, warnings = Verifier(embedder, repair=True).verify(draft, evidence)
        assert sentences[0].supported and citations[0].article_id == "a1", (draft, sentences[0].reason)
        assert citations[0].quote == "Sung Kim arrived in Seoul on Saturday for a four-day visit."
        assert any(w.startswith("citation repaired") for w in warnings) and "[1]" in text
        _, sentences, _, _ = Verifier(embedder).verify(draft, evidence)  # without repair: rejected as before
        assert not sentences[0].supported


def test_repair_keeps_the_checks_a_misstated_claim_stays_unsupported(embedder) -> None:
    """Repair finds the best passage, but its fact checks still decide: a wrong detail is not re-attributed."""
    evidence = _evs(*_SOURCES)
    _, sentences, citations, warnings = Verifier(embedder, repair=True).verify(
        "Sung Kim arrived in Seoul on Saturday for a five-day visit [1].", evidence)
    assert not sentences[0].supported and citations == [] or not sentences[0].supported
    assert not any(w.startswith("citation repaired") for w in warnings)
    _, sentences, _, _ = Verifier(embedder, repair=True).verify("The mayor resigned after the budget vote.", evidence)
    assert not sentences[0].supported and sentences[0].reason == "no citation"


def test_a_verbless_piece_after_a_mid_sentence_marker_is_judged_with_the_claim_it_continues(embedder) -> None:
    """Qwen2.5-Coder-1.5B wrote "... visited Seoul on Monday [1] and Saturday [2], ..." (summarize_llm_topic cassette):
    "and Saturday" alone passed against any sentence naming a Saturday and was shown as supported; a piece with a
    verb of its own stays a claim of its own."""
    evidence = _evs(*_SOURCES)
    text, sentences, _, _ = Verifier(embedder).verify("Sung Kim met Noh Kyu-duk on Monday [2] and Saturday [2].", evidence)
    assert [s.text for s in sentences] == ["Sung Kim met Noh Kyu-duk on Monday", "and Saturday"]
    assert sentences[0].supported and not sentences[1].supported  # no sentence says he met Noh on Saturday
    assert "Monday [1] and Saturday [1] [unsupported]." in text  # one sentence, as written: no stop inside it
    _, sentences, _, _ = Verifier(embedder).verify("The council approved a new budget [1] and Sung Kim arrived in Seoul [2].", evidence)
    assert all(s.supported for s in sentences)  # "and Sung Kim arrived in Seoul" has a verb: judged alone, as before


# RealTimeQA dev sentences (old held-out, re-scored in session 7): the model names the right answer but adds a
# detail its sentence lacks ("in 2024"), or names the answer beside a sentence about something else (WNBA)
_MERGER = ("Grocery prices rose again in October. In a mega-deal that could have a huge impact on grocery shopping in "
           "America, Kroger and Albertsons announced Friday plans to merge.")
_MERGER_QUOTE = ("In a mega-deal that could have a huge impact on grocery shopping in America, Kroger and Albertsons "
                 "announced Friday plans to merge.")


def test_a_rejected_claim_falls_back_to_the_source_sentence_that_states_its_answer(embedder) -> None:
    """The claim's answer (Kroger, Albertsons) is in its cited sentence, an added detail ('in 2024') is not: the
    sentence itself, an exact span, replaces the claim instead of the answer being dropped."""
    question, draft = "Which two major supermarkets plan to merge in 2024?", "Both Kroger and Albertsons plan to merge in 2024. [1]"
    verifier = Verifier(embedder, repair=True)
    _, sentences, _, _ = verifier.verify(draft, _evs(_MERGER))  # no question (summaries): rejected as before
    assert not sentences[0].supported and "'2024' not in the cited sentence" in sentences[0].reason
    text, sentences, citations, warnings = verifier.verify(draft, _evs(_MERGER), question=question)
    assert sentences[0].supported and sentences[0].text == _MERGER_QUOTE == citations[0].quote
    assert text == f"{_MERGER_QUOTE} [1]" and _MERGER[citations[0].start:citations[0].end] == _MERGER_QUOTE
    assert any(w.startswith("claim replaced by its source sentence (1") for w in warnings)
    _, sentences, _, _ = Verifier(embedder).verify(draft, _evs(_MERGER), question=question)  # repair off: no fallback
    assert not sentences[0].supported


def test_a_claim_restating_a_number_the_source_spells_out_falls_back_to_that_sentence(embedder) -> None:
    """RGB dev: the claim says "Season 17", its source sentence "The seventeenth season": the sentence states the
    claim's answer and number, so it replaces the rewritten claim; a claim naming another season does not."""
    premiere = ("The seventeenth season of Grey's Anatomy premiered November 12, 2020 on ABC with a two-hour season "
                "premiere. Ellen Pompeo returned as Meredith Grey.")
    quote = premiere.split(" Ellen")[0]
    verifier = Verifier(embedder, repair=True)
    question = "What is the premiere date of Grey's Anatomy Season 17?"
    text, sentences, citations, warnings = verifier.verify(
        "The premiere date of Grey's Anatomy Season 17 is November 12, 2020. [1]", _evs(premiere), question=question)
    assert sentences[0].supported and text == f"{quote} [1]" and citations[0].quote == quote
    assert any(w.startswith("claim replaced by its source sentence (1") for w in warnings)
    _, sentences, _, warnings = verifier.verify("The premiere date of Grey's Anatomy Season 16 is November 12, 2020. [1]",
                                                _evs(premiere), question=question.replace("17", "16"))
    assert not sentences[0].supported and not any("replaced" in w for w in warnings)


def test_no_fallback_to_a_sentence_that_lacks_the_answer_or_is_about_something_else(embedder) -> None:
    """'Idaho' is in no sentence of the source; the WNBA sentence names the answer but is no quote of the claim
    (support below the anchoring cutoff): both claims stay rejected and the question unanswered."""
    verifier = Verifier(embedder, repair=True)
    park = "Police arrested 31 men in a U-Haul truck near Coeur d'Alene City Park on Saturday."
    _, sentences, _, warnings = verifier.verify("The event was at Coeur d'Alene City Park, Idaho. [1]", _evs(park),
                                                question="Police arrested 31 men near an LGBTQ Pride event. Where was the event?")
    assert not sentences[0].supported and not any("replaced" in w for w in warnings)
    griner = ("The eight-time all-star center with the WNBA’s Phoenix Mercury and two-time Olympic gold medalist was "
              "convicted Aug. 4 after police said they found vape canisters containing cannabis oil in her luggage at "
              "Moscow’s Sheremetyevo Airport.")
    _, sentences, _, warnings = verifier.verify(
        "The independent investigation released this week found systemic abuse and misconduct within the WNBA in the US. [1]",
        _evs(griner), question="An independent investigation released this week found systemic abuse and misconduct "
                               "within which women’s professional sport in the US?")
    assert not sentences[0].supported and not any("replaced" in w for w in warnings)


def test_a_leading_yes_no_verdict_is_not_scored_as_part_of_the_claim(embedder) -> None:
    """"Yes," answers the question; the source must state the rest (the verdict word alone lowered support below 0.5)."""
    text = "Noh said the pair discussed possible humanitarian aid to North Korea."
    evidence = _evs(text)
    claim = "Yes, Noh said they discussed humanitarian aid to North Korea [1]."
    _, sentences, _, _ = Verifier(embedder).verify(claim, evidence)
    assert sentences[0].supported and sentences[0].text.startswith("Yes,"), sentences[0].reason
    from ragnews.verify import _core

    assert _core("No, Kim did not meet Chung.") == "Kim did not meet Chung."
    assert _core("Yes.") == "Yes." and _core("Yesterday he left for Seoul.") == "Yesterday he left for Seoul."


def test_name_check_reads_the_whole_article_for_a_surname_the_quote_uses(embedder) -> None:
    """The passage says "Kim"; the article's lead says "Sung Kim": the full name is stated by the cited article."""
    body = ("Sung Kim, the US envoy, landed in Seoul on Saturday. " + "Filler sentence about the weather. " * 30
            + "Kim met Foreign Minister Chung Eui-yong on Monday.")
    start = body.rindex("Filler")
    chunk = body[start:]
    ev = [Evidence(chunk_id="c", article_id="a", text=chunk, start=start, end=len(body), score=1.0)]
    claim = "Sung Kim met Foreign Minister Chung Eui-yong on Monday [1]."
    _, sentences, _, _ = Verifier(embedder).verify(claim, ev)
    assert not sentences[0].supported  # the chunk alone never names Sung
    _, sentences, _, _ = Verifier(embedder, article_text=lambda aid: body).verify(claim, ev)
    assert sentences[0].supported, sentences[0].reason
    _, sentences, _, _ = Verifier(embedder, article_text=lambda aid: body.replace("Sung Kim", "Kim Jong Un")).verify(claim, ev)
    assert not sentences[0].supported  # an article naming another Kim does not state Sung Kim


def test_each_quote_of_a_two_quote_claim_must_not_contradict_it(embedder) -> None:
    """Two RGB passages (one counterfactual) differ in one name; the claim keeps only the quote that states it.

    Session 5 checked a two-quote claim against the quotes' joined words, so the Facebook sentence was
    printed beside "... acquired by Apple ..." because the other quote named Apple.
    """
    apple = ("The service was created by WhatsApp Inc. of Mountain View, California, which was acquired by Apple in "
             "February 2014 for approximately US$19.3 billion.")
    facebook = apple.replace("Apple", "Facebook")
    evidence = [Evidence(chunk_id=f"c{i}", article_id=f"a{i}", text=t, start=0, end=len(t), score=1.0)
                for i, t in enumerate((apple, facebook))]
    _, sentences, citations, _ = Verifier(embedder).verify(f"{apple} [1][2]", evidence)
    assert sentences[0].supported and [c.quote for c in citations] == [apple]
    _, sentences, citations, _ = Verifier(embedder).verify(f"{facebook} [1][2]", evidence)
    assert sentences[0].supported and [c.quote for c in citations] == [facebook]


def test_each_quote_beside_a_claim_states_it_alone_and_split_parts_support_nothing(embedder) -> None:
    """Session 11: a claim citing two passages passed when its parts were split between the quotes.

    Each quote printed beside a claim must state its facts alone (a reader takes each as "this report says
    this", two of them as "2 independent reports"): one that does not is dropped when another does, and a
    claim no single quote states is unsupported. The first case is session 5's dev reply on RGB record 2.
    """
    split = _evs("Meta acquired Instagram in April 2012.", "Facebook bought Instagram for $1 billion in 2012, a shocking sum.")
    _, sentences, _, _ = Verifier(embedder).verify("Meta acquired Instagram in April 2012 for $1 billion [1][2].", split)
    assert not sentences[0].supported and "no cited sentence states it alone" in sentences[0].reason
    parts = _evs("Ana Ruiz will open the new bridge next week.", "In Springfield, the Harbor Bridge draws crowds of visitors.")
    _, sentences, _, _ = Verifier(embedder).verify("Ana Ruiz will open the Harbor Bridge in Springfield [1][2].", parts)
    assert not sentences[0].supported
    one = _evs("Springfield Mayor Ana Ruiz said in March 2021 that the bridge would reopen.",
               "During the year ended December 31, 2021, the mayor of Springfield approved the budget.")
    text, sentences, citations, _ = Verifier(embedder).verify("The mayor of Springfield in 2021 was Ana Ruiz [1][2].", one)
    assert sentences[0].supported and sentences[0].stories == 1 and "independent" not in text
    assert [c.quote for c in citations] == ["Springfield Mayor Ana Ruiz said in March 2021 that the bridge would reopen."]


def test_render_ends_a_lead_that_closes_a_bracket_with_a_full_stop() -> None:
    """An answer-first lead such as 'Department of Transportation (DOT)' is no sentence end: before, the
    next sentence ran on after its marker ('... (DOT) [1] The U.S. ...')."""
    from ragnews.models import AnswerSentence
    from ragnews.verify import render

    text = render([AnswerSentence(text="Department of Transportation (DOT)", citations=[1]),
                   AnswerSentence(text="The U.S. agency set the rule.", citations=[1]),
                   AnswerSentence(text="“We will appeal,” he said (in a statement.)", citations=[2])])
    assert text == ("Department of Transportation (DOT) [1]. The U.S. agency set the rule. [1] "
                    "“We will appeal,” he said (in a statement.) [2]")
