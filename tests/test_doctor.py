"""ragnews doctor: check() finds each kind of damage on one line, repair() rebuilds without re-embedding."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from ragnews import NewsRAG, Settings
from ragnews.cli import main
from ragnews.errors import StoreError


def _counting(embedder):
    """Wrap an embedder so the test can see how many texts it embedded."""
    class Counting:
        name, dim, calls = embedder.name, embedder.dim, 0

        def embed(self, texts):
            Counting.calls += len(texts)
            return embedder.embed(texts)

    return Counting()


def _reopen(home: Path, embedder) -> NewsRAG:
    """A fresh NewsRAG over home (a new process would see the same)."""
    return NewsRAG(settings=Settings(home=home, chroma_url=None, llm="extractive"), embedder=embedder)


def test_healthy_home_checks_ok(example_copy: NewsRAG) -> None:
    report = example_copy.check()
    assert report.ok, report.problems
    assert report.chunks == report.fts_rows == report.cached == report.vectors > 0


def test_missing_vectors_fts_rows_and_stray_vectors_are_found_and_repaired_from_the_cache(example_copy: NewsRAG, embedder) -> None:
    rag = example_copy
    ids = sorted(rag.store.ids())  # type: ignore[attr-defined]
    rag.store.delete(ids[:3])
    rag.store.upsert([_stray(rag, ids[4])],
                     np.ones((1, embedder.dim), dtype=np.float32) / np.sqrt(embedder.dim), [{"article_id": "gone"}])
    rag.records._db.execute("INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', 1, (SELECT text FROM chunks WHERE rowid = 1))")
    report = rag.check()
    text = "\n".join(report.problems)
    assert "lexical index has" in text and "3 of" in text and "belong to no stored chunk" in text, text
    assert all("\n" not in p and "doctor --repair" in p for p in report.problems)

    counting = _counting(embedder)
    with _reopen(rag.home, counting) as fresh:
        repaired = fresh.repair()
        assert repaired.after.ok, repaired.after.problems
        assert counting.calls == 0  # every vector came from the embedding cache
        assert sorted(fresh.store.ids()) == sorted(fresh.records.all_chunk_ids())  # type: ignore[attr-defined]


def _stray(rag: NewsRAG, like: str):
    """A chunk object with an id no record knows."""
    from ragnews.models import Chunk

    c = rag.records.get_chunks([like])[like]
    return Chunk("stray-1", "gone", c.index, c.start, c.end, c.text)


def test_changed_vector_in_chroma_is_found_by_the_sample_and_rewritten(example_copy: NewsRAG, embedder) -> None:
    rag = example_copy
    cid = rag.records.all_chunk_ids()[0]
    chunk = rag.records.get_chunks([cid])[cid]
    article = rag.records.get_article(chunk.article_id)
    from ragnews.ingest import chunk_metadata

    rag.store.upsert([chunk], -rag.records.chunk_vectors([cid])[cid][None, :], [chunk_metadata(article, chunk)])
    assert any("differ from the records" in p for p in rag.check().problems)
    assert rag.repair().after.ok


def test_unreadable_chroma_is_one_line_store_error_and_repair_moves_it_aside(example_home: Path, tmp_path: Path, embedder, capsys) -> None:
    home = tmp_path / "home"
    shutil.copytree(example_home, home)
    db = home / "chroma" / "chroma.sqlite3"
    db.write_bytes(db.read_bytes()[:40000])
    with _reopen(home, embedder) as rag, pytest.raises(StoreError, match=r"doctor --repair") as err:
        rag.ask("Who visited Korea?")
    assert "\n" not in str(err.value) and "chroma" in str(err.value)
    from ragnews.doctor import _forget_chroma_clients

    _forget_chroma_clients()
    with _reopen(home, embedder) as rag:
        report = rag.check()
        assert not report.ok and report.vectors is None
        repaired = rag.repair()
    assert repaired.after.ok, repaired.after.problems
    assert any(p.name.startswith("chroma.damaged-") for p in home.iterdir())  # moved aside, not deleted
    with _reopen(home, embedder) as rag:
        answer = rag.ask("Who visited Korea?")
    assert answer.citations and any(e.dense_rank for e in answer.evidence)


def test_moved_away_chroma_is_an_error_for_ask_and_ingest_not_a_silent_bm25_answer(example_home: Path, tmp_path: Path, embedder) -> None:
    home = tmp_path / "home"
    shutil.copytree(example_home, home)
    shutil.move(home / "chroma", tmp_path / "chroma.away")
    with _reopen(home, embedder) as rag:
        with pytest.raises(StoreError, match="holds no vectors.*doctor --repair"):
            rag.ask("Who visited Korea?")
        with pytest.raises(StoreError, match="doctor --repair"):
            rag.ingest(home)  # would otherwise "skip" every article and rebuild nothing
        assert rag.repair().after.ok
        assert any(e.dense_rank for e in rag.ask("Who visited Korea?").evidence)


def test_some_vectors_missing_warns_in_the_answer_and_on_the_warning_channel(example_copy: NewsRAG, embedder) -> None:
    ids = sorted(example_copy.store.ids())  # type: ignore[attr-defined]
    example_copy.store.delete(ids[:2])
    with _reopen(example_copy.home, embedder) as rag:
        from ragnews.notices import RagnewsWarning

        with pytest.warns(RagnewsWarning, match="2 of .* keywords only"):
            answer = rag.ask("Who visited Korea?")
        assert any("doctor --repair" in w for w in answer.warnings)


def test_cli_doctor_exit_codes_and_one_line_problems(example_copy: NewsRAG, capsys) -> None:
    home = str(example_copy.home)
    assert main(["doctor", "--home", home]) == 0
    ids = sorted(example_copy.store.ids())  # type: ignore[attr-defined]
    example_copy.store.delete(ids[:1])
    assert main(["doctor", "--home", home]) == 1
    err = capsys.readouterr().err
    assert err.count("problem:") == 1 and "Traceback" not in err
    assert main(["doctor", "--repair", "--home", home]) == 0
    assert "repaired: wrote 1 chunk vectors" in capsys.readouterr().out


def test_repair_embeds_a_lost_cache_vector_from_exactly_what_ingest_embedded(example_copy: NewsRAG, embedder) -> None:
    """A chunk whose vector is neither cached nor in Chroma is embedded with its metadata line, as ingest did."""
    rag = example_copy
    cid = rag.records.all_chunk_ids()[0]
    chunk = rag.records.get_chunks([cid])[cid]
    assert chunk.head  # the example home embeds the metadata line with each passage
    ingested = rag.records.chunk_vectors([cid])[cid]
    with rag.records.transaction() as db:
        db.execute("DELETE FROM embeddings WHERE text_hash = ?", (chunk.text_hash,))
    rag.store.delete([cid])
    assert rag.repair().after.ok
    restored = rag.records.chunk_vectors([cid])[cid]
    assert float(restored @ ingested) > 0.9999  # the header-less text gives a different vector
    assert float(embedder.embed([chunk.text])[0] @ ingested) < 0.999
    assert float(rag.store.vectors([cid])[cid] @ ingested) > 0.9999  # type: ignore[attr-defined]


def test_chroma_stores_are_inspectable_and_the_read_only_cache_store_is_not(example_copy: NewsRAG) -> None:
    from ragnews.adapters.cache_store import CacheStore
    from ragnews.protocols import InspectableStore

    assert isinstance(example_copy.store, InspectableStore)
    assert not isinstance(CacheStore(example_copy.records), InspectableStore)
