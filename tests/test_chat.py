"""ChatSession: follow-ups keep their context (offline carry-over and LLM condensing), filters, sources, commands."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ragnews import Answer, Article, ConfigError, LLMError, NewsRAG, NotFoundError, Settings
from ragnews._text import sentence_spans
from ragnews.chat import (
    ChatFilters, ChatSession, Command, Turn, extract_entities, needs_context, parse_command, parse_engine, parse_filters,
)
from tests.conftest import HILL, REUTERS_AUG, REUTERS_JUNE, article_id_of

FIRST = "Who did Sung Kim meet in Seoul?"
FOLLOW_UP = "What did they discuss?"
DISTRACTOR = Article.create(
    "Australia and Japan agree to deepen trade ties",
    "Australia and Japan agreed on Tuesday to deepen trade ties after a meeting of their trade ministers.\n\n"
    "Australian Trade Minister Anna Marsh and her Japanese counterpart Kenji Sato met in Canberra to discuss tariffs "
    "on beef and coal exports and ways to widen their free trade agreement, a trade ministry statement said.\n\n"
    "The two ministers also discussed supply chains for critical minerals, Marsh told reporters.",
    published=date(2021, 8, 24), source="Reuters",
)


def with_turn(session: ChatSession, question: str, answer: str) -> ChatSession:
    """Record a finished turn with a known answer text."""
    session.turns.append(Turn(question, question, Answer(question=question, answer=answer)))
    return session


# --- offline carry-over --------------------------------------------------------

def test_follow_up_carries_the_names_of_the_previous_question_and_answer(example_rag: NewsRAG) -> None:
    session = with_turn(example_rag.chat(), FIRST, "Kim met Noh Kyu-duk at the Plaza Hotel on Monday [1].")
    standalone = session.standalone(FOLLOW_UP)
    assert standalone.startswith(FOLLOW_UP)
    carried = standalone[len(FOLLOW_UP):]
    for name in ("Sung Kim", "Seoul", "Noh Kyu-duk", "Plaza Hotel"):
        assert name in carried
    assert "Monday" not in carried and "[1]" not in carried


def test_self_contained_question_is_searched_as_asked(example_rag: NewsRAG) -> None:
    session = with_turn(example_rag.chat(), FIRST, "Kim met Noh Kyu-duk [1].")
    assert session.standalone("What did North Korea demand for sanctions relief?") == "What did North Korea demand for sanctions relief?"
    assert session.standalone("What did he say about North Korea?") != "What did he say about North Korea?"  # pronoun
    session.reset()
    assert session.standalone(FOLLOW_UP) == FOLLOW_UP  # nothing to carry after /reset


def test_dates_of_the_previous_question_are_carried_over(example_rag: NewsRAG) -> None:
    session = with_turn(example_rag.chat(), "What did Sung Kim say in June 2021?", "He was hopeful [1].")
    standalone = session.standalone("Who did he meet?")
    assert "June 2021" in standalone and "Sung Kim" in standalone


def test_carry_over_chains_across_turns(example_rag: NewsRAG) -> None:
    session = with_turn(example_rag.chat(), FIRST, "The articles do not say.")
    session.turns[-1].answer.abstained = True
    second = session.standalone("Where did he go next?")
    session.turns.append(Turn("Where did he go next?", second, Answer(question=second, answer="x", abstained=True)))
    assert "Sung Kim" in session.standalone("And after that?")


def test_entities_are_names_not_sentence_openers_titles_or_days() -> None:
    text = ("On Sunday Kim met Foreign Minister Chung Eui-yong in Seoul. US President Joe Biden said nothing. "
            "Earlier this month, Sung Kim visited the Bank of England. Noh said the talks went well.")
    names = extract_entities(text)
    for name in ("Chung Eui-yong", "Seoul", "Joe Biden", "Sung Kim", "Bank of England"):
        assert name in names
    assert not {"Sunday", "Earlier", "Noh", "Kim", "Foreign Minister Chung Eui-yong"} & set(names)
    assert names[0] == "Sung Kim"  # "Kim" is folded into "Sung Kim", the most mentioned name
    assert needs_context("What did they discuss?") and needs_context("and the sanctions?")
    assert not needs_context("What did North Korea demand?")


def test_follow_up_answer_cites_the_article_the_conversation_is_about(example_copy: NewsRAG) -> None:
    example_copy.ingest_articles([DISTRACTOR])  # other people who also "discuss" things
    control = example_copy.ask(FOLLOW_UP)
    assert DISTRACTOR.id in {c.article_id for c in control.citations}  # without context the question is ambiguous

    session = example_copy.chat()
    first = session.ask(FIRST)
    assert first.citations and not first.abstained
    answer = session.ask(FOLLOW_UP)
    assert "Sung Kim" in answer.standalone_question and answer.question == FOLLOW_UP
    kim_articles = {article_id_of(example_copy, f) for f in (HILL, REUTERS_AUG, REUTERS_JUNE)}
    assert answer.citations and {c.article_id for c in answer.citations} <= kim_articles
    reuters = [c for c in answer.citations if c.source == "Reuters"]
    assert any("Noh" in c.quote and re.search(r"\bdiscuss", c.quote) for c in reuters)
    body = example_copy.article(reuters[0].article_id).body
    assert body[reuters[0].start:reuters[0].end] == reuters[0].quote
    assert [t.question for t in session.turns] == [FIRST, FOLLOW_UP]


# --- LLM condensing --------------------------------------------------------------

class FakeLLM:
    """An LLM that condenses by a fixed reply and answers by quoting source 1 (records every call)."""

    name = "fake"

    def __init__(self, condensed: str = "What did Sung Kim and Noh Kyu-duk discuss?", fail: bool = False) -> None:
        self.condensed, self.fail = condensed, fail
        self.calls: list[list[dict[str, str]]] = []

    def complete(self, messages: list[dict[str, str]]) -> str:
        self.calls.append(messages)
        if self.fail:
            raise LLMError("could not reach LLM endpoint 127.0.0.1:9 after 0 retries (ConnectError)")
        return self.condensed

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        self.calls.append(messages)
        text = re.search(r'<source n="1"[^>]*>\n(.*?)\n</source>', messages[-1]["content"], re.S).group(1)
        start, end = sentence_spans(text)[0]
        for word in text[start:end].split(" "):
            yield word + " "
        yield "[1]"


def llm_rag(home: Path, embedder, llm: FakeLLM, **settings) -> NewsRAG:
    """A NewsRAG over home whose openai engine is the fake LLM."""
    return NewsRAG(settings=Settings(home=home, chroma_url=None, llm="openai", **settings), embedder=embedder, llm=llm)


def test_llm_condenses_history_and_question_with_the_condense_prompt(example_home: Path, embedder) -> None:
    llm = FakeLLM(condensed='Standalone question: "What did Sung Kim and Noh Kyu-duk discuss?"\n')
    with llm_rag(example_home, embedder, llm) as rag:
        session = rag.chat()
        pieces = list(session.ask_stream(FIRST))
        first = pieces[-1]
        assert isinstance(first, Answer) and all(isinstance(p, str) for p in pieces[:-1]) and len(pieces) > 3
        assert first.citations and first.citations[0].quote in "".join(str(p) for p in pieces[:-1])
        assert session.standalone(FOLLOW_UP) == "What did Sung Kim and Noh Kyu-duk discuss?"
        prompt = llm.calls[-1][-1]["content"]
        assert f"User: {FIRST}" in prompt and f"Follow-up question: {FOLLOW_UP}" in prompt
        assert f"Assistant: {first.answer.split(' [')[0]}" in prompt and "[1]" not in prompt.split("Follow-up")[0]
        answer = session.ask(FOLLOW_UP)
        assert answer.standalone_question == "What did Sung Kim and Noh Kyu-duk discuss?"
        assert "Question: What did Sung Kim and Noh Kyu-duk discuss?" in llm.calls[-1][-1]["content"]


def test_condense_failure_raises_or_falls_back_offline(example_home: Path, embedder) -> None:
    for fallback in (False, True):
        with llm_rag(example_home, embedder, FakeLLM(fail=True), llm_fallback=fallback) as rag:
            session = with_turn(rag.chat(), FIRST, "Kim met Noh Kyu-duk [1].")
            if not fallback:
                with pytest.raises(LLMError):
                    session.standalone(FOLLOW_UP)
            else:
                assert "Noh Kyu-duk" in session.standalone(FOLLOW_UP)


def test_cancelled_answer_records_no_turn(example_home: Path, embedder) -> None:
    with llm_rag(example_home, embedder, FakeLLM()) as rag:
        session = rag.chat()
        stream = session.ask_stream(FIRST)
        assert isinstance(next(stream), str)
        stream.close()  # what Ctrl-C does in the REPL
        assert session.turns == [] and session.sources() == []


# --- filters, sources, engines, commands --------------------------------------------

def test_session_filters_restrict_the_articles(example_rag: NewsRAG) -> None:
    session = example_rag.chat(until="2021-07-01")
    answer = session.ask("What did Noh say?")
    assert answer.citations and {c.published[:10] for c in answer.citations} == {"2021-06-21"}
    session.set_filters(parse_filters("since=2021-08-01 until=", session.filters))
    answer = session.ask("What did Noh say?")
    assert answer.citations and all(c.published[:10] >= "2021-08-01" for c in answer.citations)


def test_open_returns_the_cited_sentence_in_its_article(example_rag: NewsRAG) -> None:
    session = example_rag.chat()
    with pytest.raises(NotFoundError):
        session.open(1)
    answer = session.ask(FIRST)
    opened = session.open(1)
    assert opened.article.id == answer.citations[0].article_id
    assert opened.article.body[opened.start:opened.end] == opened.citation.quote == session.sources()[0].quote
    with pytest.raises(NotFoundError, match=r"no source \[99\]"):
        session.open(99)


def test_filter_arguments_parse_and_errors_are_one_line() -> None:
    parsed = parse_filters("since=2021-08-01 source='The Hill' source=Reuters")
    assert parsed == ChatFilters("2021-08-01", None, ["The Hill", "Reuters"])
    kept = parse_filters("until=2021-09-30", parsed)
    assert (kept.since, kept.until, kept.sources) == ("2021-08-01", "2021-09-30", ["The Hill", "Reuters"])
    assert parse_filters("clear", kept) == ChatFilters()
    assert parse_filters("since=", kept).since is None
    for bad in ("since=2021-13-01", "when=2021-01-01", "since", "since=2021-09-01 until=2021-08-01", "source='unclosed"):
        with pytest.raises(ConfigError) as err:
            parse_filters(bad)
        assert "\n" not in str(err.value) and str(err.value)


def test_commands_and_engines_parse() -> None:
    assert parse_command("/open 2") == Command("open", "2")
    assert parse_command("  /FILTER since=2021-08-01 source=Reuters ") == Command("filter", "since=2021-08-01 source=Reuters")
    assert parse_command("/quit") == Command("quit", "")
    assert parse_command("What is /this?") is None and parse_command("// not a command") is None
    assert parse_engine("openai:gpt-4o-mini") == ("openai", "gpt-4o-mini")
    assert parse_engine("Extractive") == ("extractive", None)
    for bad in ("bogus", "extractive:x", ""):
        with pytest.raises(ConfigError):
            parse_engine(bad)


def test_switching_to_an_llm_without_endpoint_fails_in_one_line(example_home: Path, embedder, monkeypatch) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "RAGNEWS_OPENAI_API_KEY", "RAGNEWS_OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    with NewsRAG(settings=Settings(home=example_home, chroma_url=None, llm="extractive"), embedder=embedder) as rag:
        session = rag.chat()
        with pytest.raises(ConfigError) as err:
            session.set_engine("openai")
        assert "\n" not in str(err.value) and session.engine_name == "extractive"
        assert session.set_engine("extractive") == "extractive"


def test_summary_and_timeline_default_to_the_conversation_topic_and_filters(example_rag: NewsRAG) -> None:
    session = example_rag.chat(until="2021-07-01")
    with pytest.raises(ConfigError, match="no topic"):
        session.summarize()
    session.ask(FIRST)
    summary = session.summarize()
    assert summary.query == FIRST and summary.citations
    assert {c.published[:10] for c in summary.citations} == {"2021-06-21"}  # the session's until= applies
    timeline = session.timeline("Sung Kim visit")  # the June article reports the visit by "arrived on Saturday"
    assert timeline.query == "Sung Kim visit" and timeline.entries
    assert all(c.published[:10] == "2021-06-21" for e in timeline.entries for c in e.citations)
