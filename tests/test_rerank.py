"""The optional LLM reranker, with a scripted LLM standing in for the endpoint."""

from __future__ import annotations



from ragnews import NewsRAG, Settings
from ragnews.rerank import LLMReranker, parse_ranking

from .conftest import ScriptedLLM


def test_parse_ranking_ignores_junk_and_keeps_the_rest() -> None:
    assert parse_ranking("3, 1, 9, 3", 4) == [2, 0, 1, 3]
    assert parse_ranking("NONE", 2) == [0, 1]


def test_reranker_order_is_applied_in_retrieval(example_home, embedder) -> None:
    settings = Settings(home=example_home, chroma_url=None, rerank=True, mmr_lambda=1.0)
    identity, reverse = ScriptedLLM("1,2,3,4,5,6,7,8,9"), ScriptedLLM("9,8,7,6,5,4,3,2,1")
    with NewsRAG(settings=settings, embedder=embedder, llm=identity) as rag:
        kept = [e.chunk_id for e in rag.retrieve("humanitarian aid", k=3)]
    with NewsRAG(settings=settings, embedder=embedder, llm=reverse) as rag:
        assert isinstance(rag.retriever.reranker, LLMReranker)
        flipped = [e.chunk_id for e in rag.retrieve("humanitarian aid", k=3)]
    assert flipped != kept and len(flipped) == 3
    assert "untrusted" in identity.seen[0][0]["content"] and "humanitarian aid" in identity.seen[0][1]["content"]
