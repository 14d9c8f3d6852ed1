"""Article records: the schema-2 lexical index (metadata line field, whole-article index) and the upgrade of older homes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ragnews import NewsRAG, Settings
from ragnews.notices import RagnewsWarning
from ragnews.records import SCHEMA_VERSION

from .conftest import REUTERS_AUG, article_id_of

_V1_INDEX = """
DROP TRIGGER chunks_ai; DROP TRIGGER chunks_ad; DROP TABLE chunks_fts; DROP TABLE articles_fts;
ALTER TABLE chunks DROP COLUMN head;
CREATE VIRTUAL TABLE chunks_fts USING fts5(text, content='chunks', content_rowid='rowid', tokenize='porter unicode61');
CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN INSERT INTO chunks_fts(rowid, text) VALUES (new.rowid, new.text); END;
CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END;
INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild');
UPDATE meta SET value = '1' WHERE key = 'schema_version';
"""


def _downgrade(home: Path) -> None:
    """Turn a home's records back into schema 1 (one-field chunk index, no article index)."""
    db = sqlite3.connect(home / "ragnews.db")
    db.executescript(_V1_INDEX)
    db.close()


def test_a_schema_1_home_is_upgraded_once_and_its_titles_become_searchable(example_home: Path, tmp_path: Path, embedder) -> None:
    import shutil

    home = tmp_path / "old_home"
    shutil.copytree(example_home, home)
    _downgrade(home)
    settings = Settings(home=home, chroma_url=None)
    with pytest.warns(RagnewsWarning, match="upgraded the article records to schema 2.*lexical index rebuilt for 3 articles"):
        rag = NewsRAG(settings=settings, embedder=embedder)
        rag.records  # noqa: B018 - opening the records runs the upgrade
    with rag:
        aug = article_id_of(rag, REUTERS_AUG)
        assert rag.records.get_meta("schema_version") == str(SCHEMA_VERSION)
        assert "August" not in rag.article(aug).body  # only its metadata line says "23 August 2021"
        found = rag.retrieve("August", mode="bm25", by="article", k=3)
        assert found and found[0].article_id == aug
        assert rag.article(aug).body[found[0].start : found[0].end] == found[0].text
        assert aug in [a for a, _ in rag.records.article_bm25('"hostile"', 5)]
    with NewsRAG(settings=settings, embedder=embedder) as again:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            again.records  # noqa: B018 - a second open upgrades nothing and says nothing


def test_the_cli_shows_the_upgrade_as_one_warning_line(example_home: Path, tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    home = tmp_path / "old_home"
    shutil.copytree(example_home, home)
    _downgrade(home)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAGNEWS_")} | {"RAGNEWS_HOME": str(home)}
    run = subprocess.run([sys.executable, "-m", "ragnews", "articles"], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"warning: {home / 'ragnews.db'}: upgraded the article records to schema 2"), lines[0]
    assert "re-ingest into a new home" in lines[0]
    assert "UserWarning" not in run.stderr and ".py:" not in run.stderr and "Traceback" not in run.stderr


def test_reingest_keeps_article_index_in_step(example_copy: NewsRAG) -> None:
    """Replacing and removing articles leaves no stale whole-article index entries (FTS5 integrity check)."""
    from ragnews.records import remove_article

    aug = article_id_of(example_copy, REUTERS_AUG)
    article = example_copy.article(aug)
    with example_copy.records.transaction() as db:
        from ragnews.records import write_article

        chunks = example_copy.records.chunks_of(aug)
        vectors = example_copy.records.chunk_vectors([c.id for c in chunks])
        write_article(db, article.model_copy(update={"source": "Reuters Wire"}), chunks,
                      {c.text_hash: vectors[c.id] for c in chunks}, __import__("numpy").zeros(4, dtype="uint64"), [])
    assert example_copy.records.article_bm25('"wire"', 5)[0][0] == aug
    with example_copy.records.transaction() as db:
        remove_article(db, aug)
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        db.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('integrity-check')")
    assert aug not in [a for a, _ in example_copy.records.article_bm25('"hostile" OR "wire"', 5)]


def test_a_read_only_schema_1_home_is_searched_the_old_way(example_home: Path, tmp_path: Path) -> None:
    """A schema-1 home that cannot be written still answers lexical queries (no upgrade, no metadata field)."""
    import shutil

    from ragnews.records import Records

    home = tmp_path / "old_home"
    shutil.copytree(example_home, home)
    _downgrade(home)
    records = Records(home / "ragnews.db", read_only=True)
    found = records.bm25('"sanctions"', 3)
    assert found and records.get_chunks([found[0][0]])[found[0][0]].head == ""
    assert records.article_bm25('"sanctions"', 3) == []
    records.close()


def test_switching_a_new_file_to_wal_waits_while_another_process_converts_it() -> None:
    """SQLite answers "database is locked" at once (no busy handler) while another process converts a
    new file to WAL; opening a home must wait for it, not fail (two ingests starting together did)."""
    from ragnews.records import _enter_wal

    class Converting:
        calls = 0

        def execute(self, sql: str) -> None:
            self.calls += 1
            if self.calls < 4:
                raise sqlite3.OperationalError("database is locked")

    db = Converting()
    _enter_wal(db, patience=5)  # type: ignore[arg-type]
    assert db.calls == 4
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _enter_wal(Converting(), patience=0)  # type: ignore[arg-type]


def _stored_body(path: Path, article_id: str) -> tuple[str, bytes, list[int]]:
    """An article row's body as SQLite holds it: its type, its exact bytes and which whole-article searches find it."""
    db = sqlite3.connect(path)
    kind, raw = db.execute("SELECT typeof(body), CAST(body AS BLOB) FROM articles WHERE id = ?", (article_id,)).fetchone()
    found = [db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (q,)).fetchone()[0]
             for q in ('"ministry"', '"zürich"', '"東京"', '"tail"', '"absent"')]
    db.close()
    return kind, raw, found


def test_a_huge_body_is_stored_byte_for_byte_without_a_whole_utf8_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A body over HUGE_BODY_CHARS is written to its row a piece at a time: the row, its bytes and its
    whole-article index are the ones a plain bound str gives, and the body str gains no cached UTF-8
    copy (binding a non-ASCII str makes Python keep one inside it as long as the str lives: +60 MB
    for a 60 MB article, held through the rest of the ingest)."""
    import sys

    import numpy as np

    import ragnews.records as records_module
    from ragnews.models import Article
    from ragnews.records import Records, write_article

    body = "".join(f"Para {n}: the ministry in Zürich said 東京 talks resume \U0001d538. " for n in range(30_000)) + "tail"
    assert len(body) > records_module.HUGE_BODY_CHARS
    article = Article.create("Huge", body, source="Reuters")
    size = sys.getsizeof(article.body)
    stored = {}
    for name, limit in (("pieces", records_module.HUGE_BODY_CHARS), ("bound", len(body) + 1)):
        monkeypatch.setattr(records_module, "HUGE_BODY_CHARS", limit)
        records = Records(tmp_path / f"{name}.db")
        with records.transaction() as db:
            write_article(db, article, [], {}, np.zeros(4, dtype=np.uint64), [])
        if name == "pieces":
            assert sys.getsizeof(article.body) == size  # no UTF-8 copy cached in the str
            assert records.get_article(article.id).body == body
        records.close()
        stored[name] = _stored_body(tmp_path / f"{name}.db", article.id)
    assert stored["pieces"][0] == "text" and stored["pieces"][2] == [1, 1, 1, 1, 0]
    assert stored["pieces"] == stored["bound"]


def test_lexical_search_without_filters_ranks_in_the_index_and_drops_rows_without_a_record(example_copy: NewsRAG) -> None:
    """Unfiltered BM25 ranks in the FTS index before looking records up (4x faster at 112k chunks) and
    returns what the join-first query returns; an index row whose article record is gone (a damaged
    home) is still dropped, not returned as a None id or a chunk of a missing article."""
    from ragnews.models import Filters

    records = example_copy.records
    aug = article_id_of(example_copy, REUTERS_AUG)
    everything = Filters(articles=tuple(a for a, _ in records.article_bm25('"korea"', 10)))  # forces the join-first query
    assert records.bm25('"korea" OR "sanctions"', 20) == records.bm25('"korea" OR "sanctions"', 20, everything)
    assert records.article_bm25('"korea"', 10) == records.article_bm25('"korea"', 10, everything)
    with records.transaction() as db:
        db.execute("DELETE FROM articles WHERE id = ?", (aug,))  # bypasses remove_article: stale index rows stay
    chunk_hits = records.bm25('"korea" OR "sanctions"', 20)
    assert chunk_hits and all(records.get_chunks([c])[c].article_id != aug for c, _ in chunk_hits)
    article_hits = records.article_bm25('"korea"', 10)
    assert article_hits and all(a is not None and a != aug for a, _ in article_hits)
