"""Hybrid retrieval pieces: filters, FTS query safety, fusion, MMR, modes."""

from __future__ import annotations

import numpy as np
import pytest

from ragnews import ConfigError, NewsRAG
from ragnews.errors import EmptyError
from ragnews.adapters.chroma_store import where_clause
from ragnews.retrieval import Filters, Mode, fts_query, mmr, rrf

from .conftest import HILL, REUTERS_AUG, REUTERS_JUNE, article_id_of


def test_rrf_rewards_agreement_and_weights() -> None:
    fused = dict(rrf([(["a", "b", "c"], 1.0), (["b", "c", "a"], 1.0)], k=60))
    assert max(fused, key=lambda cid: fused[cid]) == "b"
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    only_dense = rrf([(["a", "b"], 1.0), (["b", "a"], 0.0)])
    assert only_dense[0][0] == "a"


def test_mmr_skips_near_duplicates() -> None:
    q = np.array([1.0, 0.0])
    vecs = np.array([[0.99, 0.14], [0.99, 0.141], [0.6, 0.8]])
    vecs = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    assert mmr(q, vecs, 2, 0.3) == [0, 2]
    assert mmr(q, vecs, 2, 1.0) == [0, 1]  # relevance only: the duplicate wins


def test_fts_query_quotes_terms_so_syntax_cannot_leak() -> None:
    q = fts_query('What did "North" Korea NEAR(sanctions) demand? OR *')
    assert q == '"north" OR "korea" OR "near" OR "sanctions" OR "demand"'


def test_filters_build_and_reject_bad_dates() -> None:
    f = Filters.build(since="2021-08-01", until="2021-08-23", sources=["Reuters"])
    lo, hi = f.bounds()
    assert hi - lo == 22 * 86400 + 86399
    assert where_clause(f) == {"$and": [{"published_ts": {"$gte": lo}}, {"published_ts": {"$lte": hi}}, {"source": {"$in": ["Reuters"]}}]}
    with pytest.raises(ConfigError, match="until='Aug 5'"):
        Filters.build(until="Aug 5")


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_date_filters_apply_in_every_mode(example_rag: NewsRAG, mode: Mode) -> None:
    june = article_id_of(example_rag, REUTERS_JUNE)
    evidence = example_rag.retrieve("Sung Kim visit Seoul talks", until="2021-07-01", mode=mode)
    assert evidence and {e.article_id for e in evidence} == {june}
    evidence = example_rag.retrieve("Sung Kim visit Seoul talks", since="2021-08-23", until="2021-08-23", mode=mode)
    assert {e.article_id for e in evidence} == {article_id_of(example_rag, REUTERS_AUG)}


def test_source_and_article_filters(example_rag: NewsRAG) -> None:
    hill = article_id_of(example_rag, HILL)
    assert {e.article_id for e in example_rag.retrieve("sanctions", articles=[hill])} == {hill}
    assert all(e.source == "Reuters" for e in example_rag.retrieve("sanctions", sources=["Reuters"]))
    with pytest.raises(EmptyError, match="outlet filter Nobody matches no stored article; stored outlets: Reuters"):
        example_rag.retrieve("sanctions", sources=["Nobody"])


def test_evidence_text_is_the_article_span(example_rag: NewsRAG) -> None:
    for e in example_rag.retrieve("humanitarian aid", k=4):
        assert example_rag.article(e.article_id).body[e.start : e.end] == e.text
        assert e.dense_rank or e.bm25_rank
