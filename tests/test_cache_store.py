"""The read-only vector search over the embedding cache agrees with Chroma, filters included."""

from __future__ import annotations

from ragnews import NewsRAG
from ragnews.adapters.cache_store import CacheStore
from ragnews.retrieval import Filters


def test_cache_store_finds_what_chroma_finds_with_and_without_filters(example_rag: NewsRAG, embedder) -> None:
    cache = CacheStore(example_rag.records)
    assert cache.count() == example_rag.store.count()
    qvec = embedder.embed(["Who visited Seoul for talks on North Korea?"])[0]
    for filters in (Filters(), Filters.build(since="2021-08-01"), Filters.build(sources=["Reuters"]),
                    Filters.build(since="2021-06-01", until="2021-06-30", sources=["Reuters", "The Hill"])):
        want = example_rag.store.query(qvec, 5, filters)
        got = cache.query(qvec, 5, filters)
        assert [c for c, _ in got] == [c for c, _ in want], filters
        assert all(abs(a[1] - b[1]) < 1e-3 for a, b in zip(got, want))


def test_cache_store_refuses_writes_with_one_line(example_rag: NewsRAG) -> None:
    import pytest

    from ragnews.errors import StoreError

    with pytest.raises(StoreError, match="read-only"):
        CacheStore(example_rag.records).delete(["x"])
