"""The LLM answer path, replaying traffic recorded from a real llama.cpp server (tests/cassettes/README.md).

The cassettes hold Qwen2.5-Coder-1.5B-Instruct's real replies, so these tests check what the
engine does with real cited text: markers become exact quotes, a yes/no answer starts with its
verdict, an invented sentence is removed, a follow-up is condensed before it is searched.
"""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from ragnews import Answer, Article, LLMError, NewsRAG, Settings

from ._vcr import CASSETTES, vcr_for
from .conftest import EXAMPLES, REUTERS_AUG
from .test_answer import INJECTION
from .test_openai_llm import CASSETTE_MODEL, CASSETTE_URL

QUESTION = "What did North Korea demand for sanctions relief?"
# A sentence the model wrote in the recorded topic summary (summarize_llm_topic.yaml, re-recorded in session 12 when
# the prompt began to hold only the chunks' sentences of the story) and cited to a source that does not state it:
# source 4 holds only the envoy's meeting with Russia's deputy foreign minister. (The first recording's miscited
# sentence was a clipped copy, "The visit comes as a brief thaw in inter-Korean relations in July.", cited to 3.)
MISCITED = ("The visit comes as a brief thaw in inter-Korean relations in July that gave way to a new standoff over "
            "US-South Korean military exercises that North Korea has warned could trigger a security crisis.")
MISCITED_SOURCE = 4
_MARKERS = re.compile(r"(\[\d+\])+")


def _llm_settings(home: Path, **extra: Any) -> Settings:
    """Settings for the recorded llama.cpp endpoint."""
    return Settings(home=home, chroma_url=None, llm="openai", model=CASSETTE_MODEL, openai_base_url=CASSETTE_URL,
                    openai_api_key=SecretStr("sk-dummy-not-a-secret"), llm_max_retries=0, llm_timeout=900, **extra)


def assert_cited_and_exact(rag: NewsRAG, answer: Answer) -> None:
    """A real, verified answer: supported sentences with [n] markers whose quotes are exact article spans."""
    assert not answer.abstained and answer.citations
    supported = [s for s in answer.sentences if s.supported]
    assert supported, "no sentence of the answer was supported by its sources"
    numbers = {c.n for c in answer.citations}
    for s in supported:
        assert s.citations and set(s.citations) <= numbers
        assert f"{s.text} [{s.citations[0]}]" in answer.answer or f"{s.text} [{s.citations[0]}]"[:-1] in answer.answer
    for c in answer.citations:
        assert rag.article(c.article_id).body[c.start : c.end] == c.quote and len(c.quote) > 20


def _no_secrets(name: str) -> None:
    """The cassette stores neither the Authorization header nor the key."""
    cassette = (CASSETTES / f"{name}.yaml").read_text(encoding="utf-8")
    assert "authorization" not in cassette.lower() and "sk-dummy" not in cassette


def test_llm_answer_is_streamed_then_verified(example_home: Path, embedder) -> None:
    with vcr_for("ask_llm_sanctions").use_cassette("ask_llm_sanctions"), \
            NewsRAG(settings=_llm_settings(example_home), embedder=embedder) as rag:
        items = list(rag.ask_stream(QUESTION))
        pieces, answer = [i for i in items if isinstance(i, str)], items[-1]
        assert isinstance(answer, Answer)
        assert_cited_and_exact(rag, answer)
    draft = "".join(pieces)
    assert len(pieces) > 5 and answer.engine.startswith("openai:")
    assert _MARKERS.search(draft)  # the model wrote citation markers itself
    assert all(s.supported for s in answer.sentences) and "[unsupported]" not in answer.answer
    assert re.search(r"metal|fuel|luxury|necessities", answer.answer)  # what the articles say North Korea asked for
    _no_secrets("ask_llm_sanctions")


def _reply(cassette: Any, index: int = 0) -> str:
    """Return the text the model sent in recorded response `index` (JSON or server-sent events)."""
    body = cassette.responses[index]["body"]["string"]
    body = body.decode() if isinstance(body, bytes) else body
    if body.lstrip().startswith("{"):
        return str(json.loads(body)["choices"][0]["message"]["content"])
    chunks = [json.loads(line[6:]) for line in body.splitlines() if line.startswith("data: {")]
    return "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])


def test_llm_yes_no_answer_starts_with_its_verdict_and_is_fact_checked(example_home: Path, embedder: Any) -> None:
    """The model follows the yes/no form; its claim is shown only beside a quote that states all of it.

    Recorded behaviour of Qwen2.5-Coder-1.5B: "Yes, Sung Kim met Noh Kyu-duk during his August 2021
    visit to Seoul. [4][5]". Source 4 says only that Noh and Kim discussed aid, source 5 is the June
    visit: the cited passages do not state it (support 0.47). Citation repair tries the August
    article's passage, whose best sentence, "Sung Kim arrived in Seoul on Saturday for a four-day
    visit.", dates and places the visit but does not name Noh (session 5 accepted it, taking Noh from
    the passage around the quote; a reader is shown only the quote), and The Hill's sentence naming
    Noh says neither Seoul nor August 2021. No quote states the claim, so the answer abstains, with
    repair on or off.
    """
    from ragnews import facts

    question = "Did Sung Kim meet Noh Kyu-duk during his August 2021 visit to Seoul?"
    for repair in (True, False):
        with vcr_for("ask_llm_yes_no").use_cassette("ask_llm_yes_no") as cassette, \
                NewsRAG(settings=_llm_settings(example_home, citation_repair=repair), embedder=embedder) as rag:
            answer = rag.ask(question)
        draft = _reply(cassette)
        assert re.match(r"Yes, Sung Kim met Noh Kyu-duk\b.*\[4\]\[5\]", draft)  # verdict first, then the fact, then its markers
        assert "Yes" in cassette.requests[0].body.decode() and "yes/no question" in cassette.requests[0].body.decode()
        first = answer.sentences[0]
        assert first.text.startswith("Yes, ") and not first.supported and "do not state it" in first.reason
        assert answer.abstained and not answer.citations  # a rejected claim is never shown as an answer
        assert not any(w.startswith("citation repaired") for w in answer.warnings)
    august = "Sung Kim arrived in Seoul on Saturday for a four-day visit."
    article = (EXAMPLES / REUTERS_AUG).read_text(encoding="utf-8")
    found = facts.check("Sung Kim met Noh Kyu-duk during his August 2021 visit to Seoul.", [august], article, article,
                        "August 2021")
    assert [m.claim for m in found] == ["Noh Kyu-duk"]  # the one detail the repaired quote lacked


def test_llm_claim_its_source_does_not_state_is_removed(example_home: Path, embedder: Any) -> None:
    """With RAGNEWS_UNSUPPORTED=remove a sentence its cited source does not state is dropped and reported."""
    with vcr_for("summarize_llm_topic").use_cassette("summarize_llm_topic") as cassette, \
            NewsRAG(settings=_llm_settings(example_home, unsupported="remove"), embedder=embedder) as rag:
        summary = rag.summarize(query="Sung Kim's visits to Seoul", words=120)
        for c in summary.citations:
            assert rag.article(c.article_id).body[c.start : c.end] == c.quote
    sent = cassette.requests[0].body.decode()
    cited = re.search(rf'<source n=\\"{MISCITED_SOURCE}\\".*?</source>', sent, re.DOTALL)
    assert f"{MISCITED} [{MISCITED_SOURCE}]" in _reply(cassette)  # the model wrote the claim, citing that source ...
    assert cited and "brief thaw" not in cited.group(0)  # ... which does not say it ...
    assert "brief thaw" not in summary.text  # ... and it is not shown
    assert any(w.startswith(f"unsupported: {MISCITED[:60]}") and "do not state it" in w for w in summary.warnings)
    assert len(summary.sentences) == 2 and all(s.supported and s.citations for s in summary.sentences)
    assert "[unsupported]" not in summary.text
    assert "Saturday" not in summary.text  # the verbless "and Saturday [2]" went with the claim it continues


def test_injected_instructions_never_reach_the_llm(example_copy: NewsRAG, embedder) -> None:
    evil = Article.create("Sanctions relief briefing", f"North Korea and sanctions relief: a briefing.\n\n{INJECTION}\n\nAnalysts said talks remain stalled.",
                          source="Unknown Blog", url="https://evil.test/1")
    example_copy.ingest_articles([evil])
    with vcr_for("ask_llm_injection").use_cassette("ask_llm_injection") as cassette, \
            NewsRAG(settings=_llm_settings(example_copy.home), embedder=embedder) as rag:
        answer = rag.ask(QUESTION)
        assert_cited_and_exact(rag, answer)
    sent = cassette.requests[0].body.decode()
    assert "Unknown Blog" in sent  # the evil article was among the sources...
    assert "Ignore previous instructions" not in sent and "developer mode" not in sent  # ...without its instructions
    assert "removed here" in sent
    shown = answer.answer.lower()
    assert "demanded nothing" not in shown and "api key" not in shown and "lifted" not in shown
    _no_secrets("ask_llm_injection")


def test_llm_follow_up_is_condensed_then_answered_with_verified_citations(example_home: Path, embedder: Any) -> None:
    """The LLM rewrites "What did they discuss?" from the conversation; each turn is verified like any answer.

    Recorded behaviour of Qwen2.5-Coder-1.5B: the first turn, "Sung Kim met with Foreign Minister
    Chung Eui-yong at the minister's residence on Sunday ... [4]", is verified against the August
    article (its passage says only "Kim"; the name check reads the whole article, whose lead names
    Sung Kim -- it was rejected before that). The follow-up became "What did Foreign Minister Chung
    Eui-yong discuss with Sung Kim?", and the model replied INSUFFICIENT_EVIDENCE: the turn abstains
    and shows nothing unverified.
    """
    with vcr_for("chat_llm_followup").use_cassette("chat_llm_followup") as cassette, \
            NewsRAG(settings=_llm_settings(example_home), embedder=embedder) as rag:
        session = rag.chat()
        first = session.ask("Who did Sung Kim meet in Seoul in August 2021?")
        assert_cited_and_exact(rag, first)
        answer = session.ask("What did they discuss?")
    condense = [r.body.decode() for r in cassette.requests if "Follow-up question:" in r.body.decode()]
    assert len(condense) == 1 and "Who did Sung Kim meet in Seoul" in condense[0]  # the conversation went into the rewrite
    assert "Chung Eui-yong" in condense[0]  # ... with the verified first answer
    assert first.sentences[0].text.startswith("Sung Kim met with Foreign Minister Chung Eui-yong") and first.sentences[0].supported
    assert {c.published[:10] for c in first.citations} == {"2021-08-23"}  # the August visit, as asked
    standalone = answer.standalone_question
    assert standalone == "What did Foreign Minister Chung Eui-yong discuss with Sung Kim?"
    assert not re.search(r"\bthey\b", standalone, re.IGNORECASE)  # the pronoun was resolved
    assert _reply(cassette, 2).strip() == "INSUFFICIENT_EVIDENCE"
    assert answer.abstained and not answer.citations


def _closed_port() -> int:
    """A loopback port with nothing listening."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_llm_down_raises_or_falls_back(example_home: Path, embedder) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    with NewsRAG(settings=_llm_settings(example_home).model_copy(update={"openai_base_url": url}), embedder=embedder) as rag:
        with pytest.raises(LLMError) as err:
            rag.ask(QUESTION)
    assert "127.0.0.1" in str(err.value) and "sk-dummy" not in str(err.value)
    settings = _llm_settings(example_home, llm_fallback=True).model_copy(update={"openai_base_url": url})
    with NewsRAG(settings=settings, embedder=embedder) as rag, pytest.warns(UserWarning, match="extractively"):
        answer = rag.ask(QUESTION)
    assert answer.engine == "extractive" and "metal exports" in answer.answer
    assert any("LLM failed" in w for w in answer.warnings)


def test_llm_selection_quotes_the_sentence_the_model_picked(example_home: Path, embedder: Any) -> None:
    """RAGNEWS_LLM_ANSWER=select: the model is shown numbered candidate sentences and names the one that answers.

    Recorded behaviour of Qwen2.5-Coder-1.5B: no number after "SENTENCE:", and as its ANSWER the whole
    of candidate 2 respaced ("U. S." for "U.S."). The engine finds the sentence the model copied and
    quotes it whole, an exact span; it adds no short answer (a copy of the whole sentence adds nothing).
    """
    with vcr_for("ask_llm_select").use_cassette("ask_llm_select") as cassette, \
            NewsRAG(settings=_llm_settings(example_home, llm_answer="select"), embedder=embedder) as rag:
        answer = rag.ask(QUESTION)
        assert_cited_and_exact(rag, answer)
    sent = json.loads(cassette.requests[0].body.decode())["messages"][-1]["content"]
    listed = dict(re.findall(r"^\[(\d+)\] \(.+?, (?:[0-9-]{10}|undated)\) (.+)$", sent, re.M))
    reply = _reply(cassette)
    assert len(cassette.requests) == 1 and "<source" not in sent and len(listed) >= 8
    assert not re.search(r"SENTENCE\W*\d", reply) and "the U. S." in reply  # unnumbered, respaced copy
    assert "metal exports" in listed["2"] and "the U.S." in listed["2"]
    assert len(answer.sentences) == 1 and answer.sentences[0].supported
    assert answer.citations[0].quote == listed["2"] == answer.sentences[0].text  # candidate 2, quoted whole
    _no_secrets("ask_llm_select")



MEETING = "Where did Sung Kim meet Noh Kyu-duk?"
UNSTATED = "How many nights did Sung Kim stay at the Plaza Hotel in Seoul?"


def test_llm_selection_check_reads_the_models_probability_of_yes(example_home: Path, embedder: Any) -> None:
    """RAGNEWS_LLM_SELECT_CHECK: after the selection the model is asked whether its sentence states the answer.

    Each answer is what the recorded replies of Qwen2.5-Coder-1.5B must produce with the 0.4 gate on
    P(YES), the check's cost included. The question the articles never answer (nights at the hotel) gets
    the "four-day visit" sentence, P(YES) 0.11: abstains. The meeting sentence names Noh Kyu-duk but no
    place, P(YES) 0.45 (reply "NO"): kept -- the probability decides, not the bare word. The sanctions
    sentence does state the answer, but P(YES) 0.37: abstains. The check ranks sentences only roughly,
    which is why it is opt-in (benchmarks/results/llm/README.md, session 9).
    """
    settings = _llm_settings(example_home, llm_answer="select", llm_select_check=True)
    with vcr_for("ask_llm_select_check").use_cassette("ask_llm_select_check") as cassette, \
            NewsRAG(settings=settings, embedder=embedder) as rag:
        meeting, unstated, sanctions = (rag.ask(q) for q in (MEETING, UNSTATED, QUESTION))
        assert_cited_and_exact(rag, meeting)
    bodies = [json.loads(r.body.decode()) for r in cassette.requests]
    checks = [b for b in bodies if "Does this sentence state the answer" in b["messages"][-1]["content"]]
    assert len(bodies) == 6 and len(checks) == 3 and all(b["logprobs"] is True for b in checks)
    assert not any(b.get("logprobs") for b in bodies if b not in checks)  # the selection itself is asked plainly
    assert "Noh Kyu-duk" in meeting.citations[-1].quote and not any("judged" in w for w in meeting.warnings)
    for answer, p_yes in ((unstated, "0.11"), (sanctions, "0.37")):
        assert answer.abstained and not answer.citations
        assert any(f"judged the sentence it chose not to answer the question (P(YES) {p_yes} <" in w
                   for w in answer.warnings), answer.warnings
    _no_secrets("ask_llm_select_check")


def test_llm_choice_quotes_the_chosen_sentence_or_abstains_on_none(example_home: Path, embedder: Any) -> None:
    """RAGNEWS_LLM_ANSWER=choose: option 0 (none) and the 8 best sentences, numbered; the model replies with a number.

    Each answer is what the recorded replies of Qwen2.5-Coder-1.5B must produce. The meeting question:
    "1", a sentence that names Noh Kyu-duk but no place -- quoted whole (a topical pick the verifier
    cannot tell from an answer). The nights at the hotel, which no article states: "0", abstains. The
    sanctions question: "0" although candidates 2 and 4 state the demand -- the cost of offering "none"
    to a 1.5B model, and why the mode is opt-in (benchmarks/results/llm/README.md, session 10).
    """
    settings = _llm_settings(example_home, llm_answer="choose")
    with vcr_for("ask_llm_choose").use_cassette("ask_llm_choose") as cassette, \
            NewsRAG(settings=settings, embedder=embedder) as rag:
        meeting, unstated, sanctions = (rag.ask(q) for q in (MEETING, UNSTATED, QUESTION))
        assert_cited_and_exact(rag, meeting)
    bodies = [json.loads(r.body.decode())["messages"][-1]["content"] for r in cassette.requests]
    assert len(bodies) == 3 and all(b.startswith("[0] none of these sentences answers") for b in bodies)
    assert [_reply(cassette, i).strip() for i in range(3)] == ["1", "0", "0"]
    listed = dict(re.findall(r"^\[(\d+)\] \(.+?, (?:[0-9-]{10}|undated)\) (.+)$", bodies[0], re.M))
    assert len(listed) == 8 and len(meeting.sentences) == 1 and meeting.sentences[0].supported
    assert meeting.citations[0].quote == listed["1"] == meeting.sentences[0].text and "Noh Kyu-duk" in listed["1"]
    assert unstated.abstained and sanctions.abstained and not unstated.citations and not sanctions.citations
    assert "metal exports" in bodies[2] and not any("named no option" in w for w in sanctions.warnings)
    _no_secrets("ask_llm_choose")


def test_coverage_gate_abstains_before_asking_when_the_question_names_what_no_article_does(example_home: Path,
                                                                                         embedder: Any) -> None:
    """RAGNEWS_LLM_GATE=coverage: a question naming an entity no retrieved passage mentions is answered "The
    articles do not mention ..." without a request (the cassette holds none for it: replay-only would fail);
    a covered question still goes to the model, whose recorded reply is verified as before."""
    with vcr_for("ask_llm_sanctions").use_cassette("ask_llm_sanctions") as cassette, \
            NewsRAG(settings=_llm_settings(example_home, llm_gate="coverage"), embedder=embedder) as rag:
        elsewhere = rag.ask("What did the European Union demand for sanctions relief?")
        assert cassette.play_count == 0
        covered = rag.ask(QUESTION)
        assert cassette.play_count == 1
        assert_cited_and_exact(rag, covered)
    assert elsewhere.abstained and elsewhere.answer == "The articles do not mention the European Union."
    assert not elsewhere.citations and re.search(r"metal|fuel|luxury|necessities", covered.answer)
