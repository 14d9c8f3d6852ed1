"""The engine seam: one Engine builds every writer; providers come from one registry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ragnews import ConfigError, NewsRAG, Settings
from ragnews.answer import ExtractiveAnswerer, LLMAnswerer
from ragnews.engine import make_llm
from ragnews.providers import PROVIDERS, engine_names
from ragnews.summarize import ExtractiveSummarizer, LLMSummarizer
from ragnews.timeline import ExtractiveTimeliner, LLMTimeliner


class EchoLLM:
    """An LLM that streams a fixed reply."""

    name = "echo:test"

    def complete(self, messages: list[dict[str, str]]) -> str:
        return "INSUFFICIENT_EVIDENCE"

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        yield from ("INSUFFICIENT", "_EVIDENCE")


def test_extractive_engine_builds_extractive_writers(example_rag: NewsRAG) -> None:
    engine = example_rag.engine("extractive")
    assert engine.kind == "extractive" and engine.name == "extractive" and engine.fallback() is None
    assert isinstance(engine.answerer(), ExtractiveAnswerer)
    assert isinstance(engine.summarizer(), ExtractiveSummarizer) and engine.summarizer().whole_articles
    assert isinstance(engine.timeliner(), ExtractiveTimeliner)


def test_llm_engine_builds_llm_writers_with_extractive_fallback_when_allowed(example_home, embedder) -> None:
    settings = Settings(home=example_home, llm="openai", llm_fallback=True)
    with NewsRAG(settings=settings, embedder=embedder, llm=EchoLLM()) as rag:
        engine = rag.engine()
        assert engine.kind == "llm" and engine.name == "echo:test"
        assert isinstance(engine.answerer(), LLMAnswerer) and isinstance(engine.fallback(), ExtractiveAnswerer)
        assert isinstance(engine.summarizer(), LLMSummarizer) and not engine.summarizer().whole_articles
        assert isinstance(engine.timeliner(), LLMTimeliner)


def test_llm_answer_streams_pieces_then_an_answer(example_home, embedder) -> None:
    with NewsRAG(settings=Settings(home=example_home, llm="openai"), embedder=embedder, llm=EchoLLM()) as rag:
        stream = rag.answerer().stream("What happened?", [])
        assert list(stream.pieces()) == ["INSUFFICIENT", "_EVIDENCE"]
        assert stream.answer.abstained and stream.answer.engine == "echo:test"


def test_provider_registry_is_the_one_list_of_engines() -> None:
    assert engine_names() == ("extractive", *PROVIDERS)
    with pytest.raises(ConfigError, match="unknown LLM provider 'nope'"):
        make_llm("nope", Settings())
    with pytest.raises(Exception, match="unknown engine 'nope'"):
        Settings(llm="nope")
    llm = make_llm("openai", Settings(openai_base_url="http://127.0.0.1:9/v1"), model="m1")
    assert llm.name == "openai:m1"


class RegisteredLLM(EchoLLM):
    """A provider class as a registry line names it: built from Settings."""

    def __init__(self, settings: Settings) -> None:
        self.name = f"fake:{settings.model}"


def test_a_new_provider_is_one_registry_line(monkeypatch: pytest.MonkeyPatch, example_home, embedder) -> None:
    monkeypatch.setitem(PROVIDERS, "fake", "tests.test_engine:RegisteredLLM")
    assert "fake" in engine_names()
    from ragnews.cli import build_parser

    assert build_parser().parse_args(["ask", "q", "--llm", "fake"]).llm == "fake"
    with NewsRAG(settings=Settings(home=example_home, llm="fake", model="m2"), embedder=embedder) as rag:
        answer = rag.ask("What did North Korea demand for sanctions relief?")
    assert answer.engine == "fake:m2" and answer.abstained


def test_llm_sources_gives_the_written_answer_a_ranker_and_its_count(example_home, embedder) -> None:
    """RAGNEWS_LLM_SOURCES reaches the answerer: a ranker (the extractive scorer) and N; unset, neither."""
    for sources in (0, 3):
        with NewsRAG(settings=Settings(home=example_home, llm="openai", llm_sources=sources), embedder=embedder, llm=EchoLLM()) as rag:
            answerer = rag.engine().answerer()
            assert isinstance(answerer, LLMAnswerer) and answerer.sources == sources
            assert isinstance(answerer.ranker, ExtractiveAnswerer) == bool(sources) and answerer.reader is None
