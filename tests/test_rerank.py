"""The optional LLM reranker, with a scripted LLM standing in for the endpoint."""

from __future__ import annotations

import re

from ragnews import NewsRAG, Settings
from ragnews.rerank import LLMReranker, parse_ranking

from .conftest import ScriptedLLM


def test_parse_ranking_ignores_junk_and_keeps_the_rest() -> None:
    assert parse_ranking("3, 1, 9, 3", 4) == [2, 0, 1, 3]
    assert parse_ranking("NONE", 2) == [0, 1]


def _passage_number(prompt: str, text: str) -> int:
    """The [n] under which text was listed in the rerank prompt."""
    listed = {int(m.group(1)): m.group(2) for m in re.finditer(r"^\[(\d+)\] (.*)$", prompt, re.M)}
    return next(n for n, passage in listed.items() if passage.startswith(text[:60]))


def test_reranker_order_is_applied_in_retrieval(example_home, embedder) -> None:
    """The LLM's order decides the result: reversed 9 passages give passages 9, 8, 7; identity gives 1, 2, 3."""
    settings = Settings(home=example_home, chroma_url=None, rerank=True, mmr_lambda=1.0)
    identity, reverse = ScriptedLLM("1,2,3,4,5,6,7,8,9"), ScriptedLLM("9,8,7,6,5,4,3,2,1")
    with NewsRAG(settings=settings, embedder=embedder, llm=identity) as rag:
        kept = rag.retrieve("humanitarian aid", k=3)
    with NewsRAG(settings=settings, embedder=embedder, llm=reverse) as rag:
        assert isinstance(rag.retriever.reranker, LLMReranker)
        flipped = rag.retrieve("humanitarian aid", k=3)
    prompt = reverse.seen[0][1]["content"]
    assert prompt == identity.seen[0][1]["content"] and "[9] " in prompt and "[10] " not in prompt
    assert [_passage_number(prompt, e.text) for e in kept] == [1, 2, 3]
    assert [_passage_number(prompt, e.text) for e in flipped] == [9, 8, 7]
    assert "untrusted" in identity.seen[0][0]["content"] and "humanitarian aid" in identity.seen[0][1]["content"]
