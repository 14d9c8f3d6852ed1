"""ragnews retrieval inside a llama-index RetrieverQueryEngine."""

from __future__ import annotations

from ragnews import NewsRAG

from .conftest import HILL, article_id_of


def test_retriever_drops_into_a_llama_index_query_engine(example_rag: NewsRAG) -> None:
    from llama_index.core.llms import MockLLM
    from llama_index.core.query_engine import RetrieverQueryEngine
    from llama_index.core.response_synthesizers import ResponseMode, get_response_synthesizer

    retriever = example_rag.as_retriever(k=3)
    synth = get_response_synthesizer(llm=MockLLM(max_tokens=8), response_mode=ResponseMode.COMPACT)
    engine = RetrieverQueryEngine(retriever=retriever, response_synthesizer=synth)
    response = engine.query("What did North Korea demand for sanctions relief?")
    nodes = response.source_nodes
    assert 1 <= len(nodes) <= 3
    hill = article_id_of(example_rag, HILL)
    assert any(n.node.metadata["article_id"] == hill for n in nodes)
    for n in nodes:
        body = example_rag.article(n.node.metadata["article_id"]).body
        assert body[n.node.metadata["start"] : n.node.metadata["end"]] == n.node.get_content()


def test_retriever_respects_filters(example_rag: NewsRAG) -> None:
    nodes = example_rag.as_retriever(k=5, since="2021-08-01").retrieve("Sung Kim visit Seoul")
    assert nodes and all(n.node.metadata["published"] >= "2021-08-01" for n in nodes)
