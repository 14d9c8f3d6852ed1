"""NewsRAG from several threads: queries while another thread ingests, and lazy parts created once."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any, cast

import pytest

from ragnews import Answer, Article, NewsRAG, Settings

from .conftest import EXAMPLES

QUESTION = "When did the nine-day joint military exercise begin?"
QUERY_THREADS = 3
MAX_QUERIES = 25  # per thread: the loop is bounded even if the ingest is slow


def _articles(n: int) -> list[Article]:
    """n distinct articles cut from the example sentences (each one new to the home)."""
    sentences = [s.strip() for f in sorted(EXAMPLES.iterdir()) for s in f.read_text(encoding="utf-8").split(".") if len(s.strip()) > 40]
    return [Article.create(f"Dispatch {i}", ". ".join(sentences[i : i + 5]) + f". Dispatch number {i}.", url=f"https://example.test/{i}",
                           published=f"2021-09-{i + 1:02d}", source="Wire") for i in range(n)]


def _check_answer(rag: NewsRAG, answer: Answer) -> None:
    """Every citation quotes its article exactly and every [n] marker names a citation."""
    assert isinstance(answer, Answer) and answer.question == QUESTION
    assert not answer.abstained and answer.citations, answer.answer
    numbers = {c.n for c in answer.citations}
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)} <= numbers
    for c in answer.citations:
        assert rag.article(c.article_id).body[c.start : c.end] == c.quote
    assert "Aug. 16" in answer.answer


def test_queries_from_several_threads_while_another_thread_ingests(rag: NewsRAG, monkeypatch: pytest.MonkeyPatch) -> None:
    import ragnews.ingest as ingest_module

    assert rag.ingest(EXAMPLES).summary()["new"] == 3
    examples = rag.records.article_ids()
    _check_answer(rag, rag.ask(QUESTION))  # warm: the first answer loads spaCy (seconds on a loaded machine), not under test here
    monkeypatch.setattr(ingest_module, "_BATCH_CHUNKS", 2)  # many small write batches interleave with the queries
    monkeypatch.setattr(ingest_module, "_EMBED_CHUNKS", 4)
    new = _articles(14)
    errors: list[BaseException] = []
    answered = [0] * QUERY_THREADS
    during = [0] * QUERY_THREADS  # queries that finished while the ingest was still running
    reports = []

    def ingest() -> None:
        try:
            reports.append(rag.ingest_articles(new))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    def query(slot: int, writer: threading.Thread) -> None:
        try:
            while answered[slot] < MAX_QUERIES and (writer.is_alive() or answered[slot] < 2):
                _check_answer(rag, rag.ask(QUESTION))
                assert all(rag.article(e.article_id).id == e.article_id for e in rag.retrieve("North Korea talks", k=4))
                assert len(rag.articles()) >= 3
                answered[slot] += 1
                during[slot] += writer.is_alive()
        except BaseException as exc:
            errors.append(exc)

    writer = threading.Thread(target=ingest)
    readers = [threading.Thread(target=query, args=(i, writer)) for i in range(QUERY_THREADS)]
    writer.start()
    for t in readers:
        t.start()
    for t in [writer, *readers]:
        t.join(timeout=300)
    assert not errors, errors[0]
    assert all(n >= 2 for n in answered) and sum(during) > 0
    assert len(reports) == 1 and sorted(reports[0].new) == sorted(a.id for a in new)
    assert rag.records.article_ids() == examples | {a.id for a in new}  # nothing lost, nothing extra
    assert rag.store.count() == rag.records.chunk_count()
    assert sorted(cast(Any, rag.store)._col.get(include=[])["ids"]) == sorted(r[0] for r in rag.records._query("SELECT id FROM chunks"))
    assert rag.records.pending() == []


def test_lazy_parts_are_created_once_when_threads_race(tmp_path: Path, embedder) -> None:
    rag = NewsRAG(settings=Settings(home=tmp_path / "race", chroma_url=None), embedder=embedder)
    barrier = threading.Barrier(8)
    seen: list[tuple[int, int, int]] = []

    def touch() -> None:
        barrier.wait()
        seen.append((id(rag.records), id(rag.store), id(rag.retriever)))

    threads = [threading.Thread(target=touch) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(seen) == 8 and len(set(seen)) == 1
    rag.close()
