"""Hybrid retrieval pieces: filters, FTS query safety, fusion, MMR, modes."""

from __future__ import annotations

import numpy as np
import pytest

from ragnews import ConfigError, NewsRAG, Settings
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


# --- issue 12: metadata fields, article-level retrieval, query understanding, multi-part questions

def _ids_by_source(rag: NewsRAG) -> dict[str, str]:
    return {a.source: a.id for a in rag.articles() if a.source != "Reuters"}


def test_metadata_header_is_searchable_but_citations_stay_exact_body_spans(news_rag: NewsRAG) -> None:
    """'Zephyrcoin' is only in a title: BM25 finds the article through the chunk's metadata line,
    while the evidence text (and so every quote) is still an exact span of the body."""
    zephyr = next(a for a in news_rag.articles() if a.title.startswith("Zephyrcoin"))
    assert "Zephyrcoin" not in zephyr.body
    found = news_rag.retrieve("Zephyrcoin", mode="bm25", k=3)
    assert found and found[0].article_id == zephyr.id
    assert zephyr.body[found[0].start : found[0].end] == found[0].text and "Zephyrcoin" not in found[0].text
    answer = news_rag.ask("Why did Zephyrcoin halt withdrawals?")
    assert answer.citations and all(
        news_rag.article(c.article_id).body[c.start : c.end] == c.quote for c in answer.citations)


def test_outlet_named_in_question_lifts_that_outlets_article(news_rag: NewsRAG, news_home, embedder) -> None:
    """Three outlets carry near-identical fine stories; naming the Associated Press (stored as
    apnews.com, a name the text never uses) ranks its copy first, and only with understanding on."""
    ap = _ids_by_source(news_rag)["apnews.com"]
    question = "What did the Associated Press report about Apple's fine over music streaming?"
    top = news_rag.retrieve(question, by="article", k=3)
    assert top[0].article_id == ap
    assert set(news_rag.understand(question).outlets) == {"apnews.com", "Associated Press"}  # both names of AP
    plain = Settings(home=news_home, chroma_url=None, understand=False)
    with NewsRAG(settings=plain, embedder=embedder) as off:
        assert off.retrieve(question, by="article", k=3)[0].article_id != ap


def test_date_phrase_lifts_the_article_inside_the_window(news_rag: NewsRAG) -> None:
    """Two storm reports differ mainly in date: 'after Aug. 16' puts the Aug. 20 one first, 'before Aug. 16' the other."""
    after = news_rag.retrieve("Which towns did the storm flood after Aug. 16?", by="article", k=2)
    before = news_rag.retrieve("Which towns did the storm flood before Aug. 16?", by="article", k=2)
    assert after[0].published.startswith("2023-08-20") and before[0].published.startswith("2023-08-10")
    answer = news_rag.ask("Which towns did the storm flood after Aug. 16?")
    assert answer.understood is not None and answer.understood.dates is not None
    assert (answer.understood.dates.since, answer.understood.dates.until) == ("2023-08-17", "2023-11-21")


def test_article_mode_returns_distinct_articles(news_rag: NewsRAG) -> None:
    found = news_rag.retrieve("Apple fine music streaming Brussels", by="article", k=5)
    assert len(found) == 5 and len({e.article_id for e in found}) == 5
    with pytest.raises(ConfigError, match="by='story'"):
        news_rag.retrieve("Apple", by="story")


def test_two_part_question_retrieves_both_parts_articles(news_rag: NewsRAG) -> None:
    """Each part of a joined question brings its own report into the top passages."""
    ids = _ids_by_source(news_rag)
    question = "Did CNN report Microsoft hiring Sam Altman after The Verge reported the Apple fine?"
    understood = news_rag.understand(question)
    assert len(understood.parts) == 2 and understood.outlets == ["cnn.com", "The Verge"]
    top = {e.article_id for e in news_rag.retrieve(question, k=2)}
    assert top == {ids["cnn.com"], ids["The Verge"]}


def test_source_filter_is_case_insensitive(news_rag: NewsRAG) -> None:
    assert {e.source for e in news_rag.retrieve("Apple fine", sources=["techcrunch"])} == {"TechCrunch"}
    assert {e.source for e in news_rag.retrieve("Microsoft Altman", sources=["CNN"])} == {"cnn.com"}


@pytest.mark.parametrize(("day", "expected"), [("Aug. 10", "2023-08-10"), ("Aug. 20", "2023-08-20")])
def test_each_part_lifts_the_date_it_names(news_rag: NewsRAG, day: str, expected: str) -> None:
    """Two storm reports differ mainly in date; the date named in the question's second part picks
    between them, though the question's first date (Nov. 20) is another part's."""
    question = f"Was the CNN report of Nov. 20 on Microsoft hiring Sam Altman published after the report of {day} on the storm flooding coastal towns?"
    assert len(news_rag.understand(question).parts) == 2
    found = news_rag.retrieve(question, by="article", k=4)
    storms = [e.published[:10] for e in found if "storm" in e.text.lower() or "rain" in e.text.lower()]
    assert storms and storms[0] == expected, [(e.source, e.published) for e in found]
