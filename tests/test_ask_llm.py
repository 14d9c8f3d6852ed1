"""The LLM answer path, replaying traffic recorded from a real llama.cpp server (tests/cassettes/README.md)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from ragnews import Article, LLMError, NewsRAG, Settings

from ._vcr import CASSETTES, vcr_for
from .test_answer import INJECTION
from .test_openai_llm import CASSETTE_MODEL, CASSETTE_URL

QUESTION = "What did North Korea demand for sanctions relief?"


def _llm_settings(home: Path, **extra: Any) -> Settings:
    """Settings for the recorded llama.cpp endpoint."""
    return Settings(home=home, chroma_url=None, llm="openai", model=CASSETTE_MODEL, openai_base_url=CASSETTE_URL,
                    openai_api_key=SecretStr("sk-dummy-not-a-secret"), llm_max_retries=0, llm_timeout=900, **extra)


def _assert_verified(rag: NewsRAG, answer) -> None:
    """Every shown citation resolves to an exact quote; every sentence is supported or flagged."""
    numbers = {c.n for c in answer.citations}
    for c in answer.citations:
        assert rag.article(c.article_id).body[c.start : c.end] == c.quote
    for s in answer.sentences:
        assert set(s.citations) <= numbers
        assert s.supported or "[unsupported]" in answer.answer or answer.abstained  # rejected claims stay inspectable
    assert "[unsupported]" not in answer.answer or answer.warnings
    if answer.abstained:  # nothing the model wrote was backed by a source: nothing is shown as an answer
        assert answer.citations == [] and not any(s.supported for s in answer.sentences)


def test_llm_answer_is_streamed_then_verified(example_home: Path, embedder) -> None:
    with vcr_for("ask_llm_sanctions").use_cassette("ask_llm_sanctions"), \
            NewsRAG(settings=_llm_settings(example_home), embedder=embedder) as rag:
        items = list(rag.ask_stream(QUESTION))
        pieces, answer = [i for i in items if isinstance(i, str)], items[-1]
        assert len(pieces) > 1 and answer.engine.startswith("openai:")
        _assert_verified(rag, answer)  # inside the block: citations are checked against the open home
    cassette = (CASSETTES / "ask_llm_sanctions.yaml").read_text(encoding="utf-8")
    assert "authorization" not in cassette.lower() and "sk-dummy" not in cassette


def test_injected_instructions_never_reach_the_llm(example_copy: NewsRAG, embedder) -> None:
    evil = Article.create("Sanctions relief briefing", f"North Korea and sanctions relief: a briefing.\n\n{INJECTION}\n\nAnalysts said talks remain stalled.",
                          source="Unknown Blog", url="https://evil.test/1")
    example_copy.ingest_articles([evil])
    with vcr_for("ask_llm_injection").use_cassette("ask_llm_injection") as cassette, \
            NewsRAG(settings=_llm_settings(example_copy.home), embedder=embedder) as rag:
        answer = rag.ask(QUESTION)
    sent = cassette.requests[0].body.decode()
    assert "Unknown Blog" in sent  # the evil article was among the sources...
    assert "Ignore previous instructions" not in sent and "developer mode" not in sent  # ...without its instructions
    assert "removed here" in sent
    _assert_verified(example_copy, answer)  # the same home, still open
    supported = " ".join(s.text for s in answer.sentences if s.supported).lower()
    assert "demanded nothing" not in supported and "api key" not in supported


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
