"""A damaged ragnews.db: `ragnews doctor --repair` recovers every readable row, re-derives the rest, keeps the damaged file."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from ragnews import NewsRAG, Settings
from ragnews.cli import main

from .conftest import EXAMPLES


@pytest.fixture
def home(example_home: Path, tmp_path: Path) -> Path:
    """A private copy of the ingested example home, its WAL folded into the main file."""
    copy = tmp_path / "home"
    shutil.copytree(example_home, copy)
    db = sqlite3.connect(copy / "ragnews.db")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return copy


def _state(home: Path) -> dict[str, Any]:
    """The records a repair must give back: articles with bodies and dates, chunks, cached vectors, keys, MinHash."""
    db = sqlite3.connect(home / "ragnews.db")
    q = lambda sql: sorted(db.execute(sql).fetchall())  # noqa: E731
    state = {
        "articles": q("SELECT id, title, body, published, source, url, path, metadata, story_id, injection FROM articles"),
        "chunks": q("SELECT id, article_id, idx, start, end, text, text_hash, head FROM chunks"),
        "embeddings": q("SELECT text_hash, vector FROM embeddings"),
        "source_keys": q("SELECT key, article_id FROM source_keys"),
        "minhashes": q("SELECT article_id, signature FROM minhashes"),
        "fts_hits": q("SELECT c.id FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid WHERE chunks_fts MATCH 'envoy'"),
        "article_hits": q("SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                          "WHERE articles_fts MATCH 'Pyongyang'"),
    }
    db.close()
    return state


def _garble(home: Path, table: str) -> None:
    """Overwrite the first leaf page of a table with garbage (a bad sector, a half-written copy)."""
    db = sqlite3.connect(home / "ragnews.db")
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    [page] = db.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1", (table,)).fetchone()
    db.close()
    with open(home / "ragnews.db", "r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(os.urandom(page_size))


def _repair(home: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `ragnews doctor --repair` in this process (a traceback would fail the test)."""
    capsys.readouterr()
    code = main(["doctor", "--repair", "--home", str(home)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _kept_copy(home: Path, damaged: bytes) -> None:
    """The damaged file is kept byte for byte beside the new one."""
    [aside] = [p for p in home.iterdir() if p.name.startswith("ragnews.db.damaged-") and not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes() == damaged


@pytest.mark.parametrize("table", ["chunks", "embeddings", "minhashes"])
def test_lost_chunks_vectors_or_minhashes_come_back_identical(home: Path, table: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _state(home)
    _garble(home, table)
    damaged = (home / "ragnews.db").read_bytes()
    code, out, err = _repair(home, capsys)
    assert code == 0, err
    assert "recovered the article records" in out and "damaged file is kept as" in out
    assert "ok: records, lexical index, embedding cache and vector store agree" in out
    assert _state(home) == before
    _kept_copy(home, damaged)


def test_a_lost_article_row_is_named_and_the_rest_kept(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _state(home)
    _garble(home, "articles")
    code, out, err = _repair(home, capsys)
    assert code == 0, err
    after = _state(home)
    kept = {a[0] for a in after["articles"]}
    assert 0 < len(kept) < 3
    assert set(after["articles"]) <= set(before["articles"])  # what is kept is exact: bodies, dates, flags
    assert [c for c in before["chunks"] if c[1] in kept] == after["chunks"]
    assert "were unreadable and are gone from the records" in out and "re-ingest their files" in out
    assert "ok: records, lexical index, embedding cache and vector store agree" in out
    with NewsRAG(settings=Settings(home=home, chroma_url=None)) as rag:  # re-ingesting brings them back
        assert len(rag.ingest(EXAMPLES).new) == 3 - len(kept)
    assert _state(home)["articles"] == before["articles"]


def _schema_end(home: Path) -> int:
    """Byte offset just past the last page of the file's table list (SQLite needs it to find any table)."""
    db = sqlite3.connect(home / "ragnews.db")
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    last = db.execute("SELECT MAX(pageno) FROM dbstat WHERE name = 'sqlite_schema'").fetchone()[0]
    db.close()
    return int(last * page_size)


def test_a_truncated_file_keeps_what_it_still_holds(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _state(home)
    db = home / "ragnews.db"
    size, keep = db.stat().st_size, _schema_end(home)
    assert keep < size
    db.write_bytes(db.read_bytes()[: (keep + size) // 2])  # cut inside the data pages (shorter than its header says)
    capsys.readouterr()
    assert main(["ask", "Who is Sung Kim?", "--home", str(home)]) != 0
    first = capsys.readouterr().err.strip().splitlines()
    assert len(first) == 1 and "ragnews doctor --repair" in first[0] and str(db) in first[0]
    code, out, err = _repair(home, capsys)
    assert code == 0, err
    after = _state(home)
    assert after["articles"] and set(after["articles"]) <= set(before["articles"])
    assert set(after["chunks"]) <= set(before["chunks"])
    assert main(["ask", "Who is Sung Kim?", "--home", str(home)]) == 0


def test_an_unreadable_table_list_is_one_line_and_the_file_left_untouched(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = home / "ragnews.db"
    raw = bytearray(db.read_bytes())
    raw[100:4096] = os.urandom(3996)  # page 1 after the file header: the root of the table list
    db.write_bytes(bytes(raw))
    damaged = db.read_bytes()
    code, out, err = _repair(home, capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert str(db) in err and "sqlite3 ragnews.db .recover" in err and "keep a copy" in err
    assert db.read_bytes() == damaged and not [p for p in home.iterdir() if ".damaged-" in p.name]


def test_a_sound_file_is_left_alone(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _repair(home, capsys)
    assert code == 0 and "recovered the article records" not in out
    assert not [p for p in home.iterdir() if ".damaged-" in p.name]
