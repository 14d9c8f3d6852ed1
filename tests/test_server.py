"""A real Chroma server (`chroma run` on a free loopback port): ingest, ask, share between homes, recover."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks._bench import chroma_server, free_port
from ragnews import Article, ConfigError, NewsRAG, Settings, StoreError

from .conftest import EXAMPLES, REUTERS_AUG

pytestmark = pytest.mark.server
QUESTION = "When did the nine-day joint military exercise begin?"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A `chroma run` from this venv on a free loopback port (the benchmarks' helper), stopped after the module."""
    with chroma_server(tmp_path_factory.mktemp("chroma") / "data") as (url, _pid):
        yield url


def _rag(home: Path, url: str, collection: str, embedder) -> NewsRAG:
    """A NewsRAG on its own home, using the server's `collection`."""
    return NewsRAG(settings=Settings(home=home, chroma_url=url, collection=collection, llm="extractive"), embedder=embedder)


@pytest.fixture(scope="module")
def first(server: str, tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[NewsRAG]:
    """A home that ingested the example articles into the server."""
    with _rag(tmp_path_factory.mktemp("first"), server, "examples", embedder) as rag:
        report = rag.ingest(EXAMPLES)
        assert report.summary() == {"new": 3, "updated": 0, "skipped": 0, "failed": 0}
        yield rag


def test_ingest_and_ask_work_against_the_server(first: NewsRAG) -> None:
    assert not (first.home / "chroma").exists()  # the vectors are on the server, not embedded
    assert first.store.count() == first.records.chunk_count() > 3
    assert first.store.article_ids() == {a.id for a in first.articles()}  # type: ignore[attr-defined]
    answer = first.ask(QUESTION)
    assert "Aug. 16" in answer.answer and answer.citations
    body = first.article(answer.citations[0].article_id).body
    assert all(body[c.start : c.end] == c.quote for c in answer.citations if c.article_id == answer.citations[0].article_id)
    again = first.ingest(EXAMPLES)
    assert again.summary()["skipped"] == 3 and again.chunks_embedded == 0


def test_second_home_on_the_same_server_answers_from_what_the_first_ingested(first: NewsRAG, server: str, tmp_path: Path, embedder) -> None:
    with _rag(tmp_path / "second", server, "examples", embedder) as second:
        assert second.records.article_count() == 0
        answer = second.ask(QUESTION)  # syncs the records and the lexical index from the server first
        expected = first.ask(QUESTION)
        assert [c.quote for c in answer.citations] == [c.quote for c in expected.citations]
        assert sorted((a.id, a.title, a.story_id, a.published_iso) for a in second.articles()) == \
               sorted((a.id, a.title, a.story_id, a.published_iso) for a in first.articles())
        assert second.records.chunk_count() == first.records.chunk_count()
        lexical = second.retrieve("nine-day joint military exercise", mode="bm25")
        assert lexical and all(e.bm25_rank for e in lexical)
        assert second.ingest(EXAMPLES).summary()["skipped"] == 3  # nothing re-embedded on the second machine


def test_an_update_by_one_home_reaches_the_other(server: str, tmp_path: Path, embedder) -> None:
    path = tmp_path / "story.txt"
    path.write_text((EXAMPLES / REUTERS_AUG).read_text(encoding="utf-8"), encoding="utf-8")
    with _rag(tmp_path / "a", server, "updates", embedder) as a, _rag(tmp_path / "b", server, "updates", embedder) as b:
        old = a.ingest(path).new[0]
        assert [x.id for x in b.articles()] == [old]
        path.write_text(path.read_text(encoding="utf-8").replace("four-day visit", "five-day visit"), encoding="utf-8")
        new = a.ingest(path).updated[0]
        report = b.sync()
        assert (report.added, report.removed) == (1, 1)
        assert [x.id for x in b.articles()] == [new] and "five-day visit" in b.article(new).body
        assert set(b.records.chunk_ids_of(new)) == set(a.records.chunk_ids_of(new))
        assert a.store.count() == len(a.records.chunk_ids_of(new))  # no orphans on the server


def test_failed_batch_is_rolled_back_on_the_server_and_redone(server: str, tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    import ragnews.ingest as ingest_module

    articles = [Article.create(f"Note {i}", f"Officials met on day {i} to discuss grain shipments.", url=f"u{i}") for i in range(4)]
    monkeypatch.setattr(ingest_module, "_BATCH_CHUNKS", 1)
    real = ingest_module.write_article  # type: ignore[attr-defined]  # the name ingest calls
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("simulated crash inside the records transaction")
        return real(*args, **kwargs)

    with _rag(tmp_path / "crash", server, "crash", embedder) as rag:
        monkeypatch.setattr(ingest_module, "write_article", failing)
        with pytest.raises(RuntimeError, match="simulated crash"):
            rag.ingest_articles(articles)
        assert rag.records.pending()  # the intents of the batch that failed after reaching the server
        monkeypatch.setattr(ingest_module, "write_article", real)
        report = rag.ingest_articles(articles)
        assert len(report.new) + len(report.skipped) == 4 and not rag.records.pending()
        assert rag.store.article_ids() == rag.records.article_ids()  # type: ignore[attr-defined]
        assert rag.store.count() == rag.records.chunk_count() == 4


def test_home_filled_by_the_embedded_store_is_refused(example_copy: NewsRAG, server: str, embedder) -> None:
    with NewsRAG(settings=Settings(home=example_copy.home, chroma_url=server, collection="refused"), embedder=embedder) as rag:
        with pytest.raises(ConfigError, match="another vector store"):
            rag.ingest(EXAMPLES)


def test_unreachable_server_is_a_clear_store_error(tmp_path: Path, embedder) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with NewsRAG(settings=Settings(home=tmp_path / "h", chroma_url=url), embedder=embedder) as rag:
        with pytest.raises(StoreError, match="chroma run"):
            rag.ask("anything")
