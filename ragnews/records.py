"""Article records, chunk texts, the lexical (FTS5 BM25) index and the embedding cache, in SQLite.

The lexical side uses SQLite's FTS5 rather than bm25s: bm25s has no incremental add or
delete (every ingest would rebuild the index), while FTS5 ships with Python, updates in
the same transaction as the article records (so the lexical index can never drift from
them) and is safe for several processes sharing one file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from .errors import NotFoundError, StoreError
from .models import Article, Chunk

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, published TEXT NOT NULL,
    published_ts INTEGER, source TEXT NOT NULL, authors TEXT NOT NULL, url TEXT NOT NULL,
    wire TEXT NOT NULL, path TEXT NOT NULL, metadata TEXT NOT NULL, story_id TEXT NOT NULL,
    ingested_at REAL NOT NULL DEFAULT (julianday('now')));
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_ts ON articles(published_ts);
CREATE TABLE IF NOT EXISTS source_keys (key TEXT PRIMARY KEY, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS source_keys_article ON source_keys(article_id);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, article_id TEXT NOT NULL,
    idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    text_hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    text, content='chunks', content_rowid='rowid', tokenize='porter unicode61');
CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, text) VALUES (new.rowid, new.text); END;
CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END;
CREATE TABLE IF NOT EXISTS embeddings (text_hash TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS minhash_bands (band TEXT NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS minhash_bands_band ON minhash_bands(band);
CREATE INDEX IF NOT EXISTS minhash_bands_article ON minhash_bands(article_id);
CREATE TABLE IF NOT EXISTS minhashes (article_id TEXT PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS pending (chunk_id TEXT PRIMARY KEY, op TEXT NOT NULL);
"""
_ARTICLE_COLUMNS = "id, title, body, published, source, authors, url, wire, path, metadata, story_id"


def _published_to_text(value: date | datetime | None) -> str:
    """Serialise a publication date for storage ('' when unknown)."""
    return value.isoformat() if value else ""


def _published_from_text(text: str) -> date | datetime | None:
    """Parse a stored publication date back (date when no time part)."""
    if not text:
        return None
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


class Records:
    """The SQLite side of a ragnews home: articles, chunks, FTS5, embeddings, intents."""

    def __init__(self, path: Path) -> None:
        """Open (and create) the database at path."""
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=60)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the article records ({exc}); move the file away and re-ingest") from exc
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one IMMEDIATE transaction (all or nothing)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query under the lock."""
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # --- meta ------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        """Return a stored meta value."""
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a meta value."""
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # --- articles --------------------------------------------------------
    def article_for_key(self, key: str) -> str | None:
        """Return the article id last ingested from a source key (url or path)."""
        rows = self._query("SELECT article_id FROM source_keys WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def has_article(self, article_id: str) -> bool:
        """True when the article is stored."""
        return bool(self._query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def get_article(self, article_id: str) -> Article:
        """Return a stored article; NotFoundError if absent."""
        rows = self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFoundError(f"no article with id {article_id!r}; run `ragnews articles` to list ids")
        return _row_to_article(rows[0])

    def get_articles(self, ids: Iterable[str]) -> dict[str, Article]:
        """Return the stored articles among ids, by id."""
        ids = list(dict.fromkeys(ids))
        out: dict[str, Article] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ",".join("?" * len(part))
            for row in self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", part):
                out[row[0]] = _row_to_article(row)
        return out

    def iter_articles(self) -> Iterator[Article]:
        """Yield every stored article, oldest publication first (undated last)."""
        rows = self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY published_ts IS NULL, published_ts, id")
        for row in rows:
            yield _row_to_article(row)

    def article_ids(self) -> set[str]:
        """Return the ids of every stored article."""
        return {r[0] for r in self._query("SELECT id FROM articles")}

    def article_count(self) -> int:
        """Number of stored articles."""
        return int(self._query("SELECT COUNT(*) FROM articles")[0][0])

    def story_members(self, story_ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """Return story_id -> [(article_id, source)] of all stored members."""
        ids = list(set(story_ids))
        out: dict[str, list[tuple[str, str]]] = {s: [] for s in ids}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            rows = self._query(f"SELECT story_id, id, source FROM articles WHERE story_id IN ({','.join('?' * len(part))}) ORDER BY ingested_at", part)
            for story, aid, source in rows:
                out[story].append((aid, source))
        return out

    # --- chunks ----------------------------------------------------------
    def chunk_ids_of(self, article_id: str) -> list[str]:
        """Return the ids of an article's chunks."""
        return [r[0] for r in self._query("SELECT id FROM chunks WHERE article_id = ? ORDER BY idx", (article_id,))]

    def get_chunks(self, ids: Sequence[str]) -> dict[str, Chunk]:
        """Return stored chunks by id."""
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), 500):
            part = list(ids[i : i + 500])
            sql = f"SELECT id, article_id, idx, start, end, text FROM chunks WHERE id IN ({','.join('?' * len(part))})"
            for row in self._query(sql, part):
                out[row[0]] = Chunk(*row)
        return out

    def chunks_of(self, article_id: str) -> list[Chunk]:
        """Return an article's chunks in order."""
        rows = self._query("SELECT id, article_id, idx, start, end, text FROM chunks WHERE article_id = ? ORDER BY idx", (article_id,))
        return [Chunk(*r) for r in rows]

    def chunk_count(self) -> int:
        """Number of stored chunks."""
        return int(self._query("SELECT COUNT(*) FROM chunks")[0][0])

    def bm25(self, match: str, limit: int, where: str = "", params: Sequence[Any] = ()) -> list[tuple[str, float]]:
        """Return (chunk_id, score) for an FTS5 MATCH expression, best first (score = -bm25).

        `where` is an extra SQL condition on the joined articles `a` / chunks `c` rows.
        """
        sql = ("SELECT c.id, -bm25(chunks_fts) FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid "
               "JOIN articles a ON a.id = c.article_id WHERE chunks_fts MATCH ?")
        if where:
            sql += f" AND {where}"
        sql += " ORDER BY bm25(chunks_fts) LIMIT ?"
        try:
            return [(r[0], float(r[1])) for r in self._query(sql, [match, *params, limit])]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"lexical index query failed ({exc})") from exc

    def chunk_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Return the cached embedding of each chunk id (via its text hash)."""
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(ids), 500):
            part = list(ids[i : i + 500])
            sql = (f"SELECT c.id, e.vector FROM chunks c JOIN embeddings e ON e.text_hash = c.text_hash "
                   f"WHERE c.id IN ({','.join('?' * len(part))})")
            for cid, blob in self._query(sql, part):
                out[cid] = np.frombuffer(blob, dtype=np.float32)
        return out

    # --- embeddings cache -------------------------------------------------
    def cached_vectors(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Return cached vectors for the text hashes that have one."""
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(hashes), 500):
            part = list(hashes[i : i + 500])
            for h, blob in self._query(f"SELECT text_hash, vector FROM embeddings WHERE text_hash IN ({','.join('?' * len(part))})", part):
                out[h] = np.frombuffer(blob, dtype=np.float32)
        return out

    def store_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        """Add vectors to the embedding cache (existing keys are kept)."""
        rows = [(h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in vectors.items()]
        with self.transaction() as db:
            db.executemany("INSERT OR IGNORE INTO embeddings VALUES (?, ?)", rows)

    # --- syndication -----------------------------------------------------
    def band_candidates(self, bands: Sequence[str]) -> list[str]:
        """Return article ids sharing any MinHash band key."""
        rows = self._query(f"SELECT DISTINCT article_id FROM minhash_bands WHERE band IN ({','.join('?' * len(bands))})", list(bands))
        return [r[0] for r in rows]

    def signatures(self, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Return stored MinHash signatures by article id."""
        if not article_ids:
            return {}
        rows = self._query(f"SELECT article_id, signature FROM minhashes WHERE article_id IN ({','.join('?' * len(article_ids))})", list(article_ids))
        return {aid: np.frombuffer(blob, dtype=np.uint64) for aid, blob in rows}

    def story_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Return article id -> story id."""
        if not article_ids:
            return {}
        rows = self._query(f"SELECT id, story_id FROM articles WHERE id IN ({','.join('?' * len(article_ids))})", list(article_ids))
        return dict(rows)

    # --- intents (crash recovery) ------------------------------------------
    def pending(self) -> list[tuple[str, str]]:
        """Return (chunk_id, op) intents left by an interrupted ingest."""
        return self._query("SELECT chunk_id, op FROM pending")

    def add_pending(self, chunk_ids: Iterable[str], op: str) -> None:
        """Record that chunk_ids are about to be written ('add') or deleted ('delete') in the vector store."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO pending VALUES (?, ?)", [(c, op) for c in chunk_ids])

    def clear_pending(self, chunk_ids: Iterable[str]) -> None:
        """Forget intents once the vector store matches the records."""
        with self.transaction() as db:
            db.executemany("DELETE FROM pending WHERE chunk_id = ?", [(c,) for c in chunk_ids])


def _row_to_article(row: Sequence[Any]) -> Article:
    """Build an Article from an articles row."""
    aid, title, body, published, source, authors, url, wire, path, metadata, story = row
    return Article(
        id=aid, title=title, body=body, published=_published_from_text(published), source=source,
        authors=json.loads(authors), url=url, wire=wire, path=path, metadata=json.loads(metadata), story_id=story,
    )


def write_article(db: sqlite3.Connection, article: Article, chunks: Sequence[Chunk], vectors: dict[str, np.ndarray], signature: np.ndarray, bands: Sequence[str]) -> None:
    """Insert an article with its chunks, FTS rows, vectors and MinHash inside a transaction."""
    db.execute(
        f"INSERT OR REPLACE INTO articles ({_ARTICLE_COLUMNS}, published_ts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (article.id, article.title, article.body, _published_to_text(article.published), article.source,
         json.dumps(article.authors), article.url, article.wire, article.path,
         json.dumps(article.metadata, default=str), article.story_id, article.published_epoch),
    )
    db.execute("DELETE FROM chunks WHERE article_id = ?", (article.id,))
    db.executemany(
        "INSERT INTO chunks (id, article_id, idx, start, end, text, text_hash) VALUES (?,?,?,?,?,?,?)",
        [(c.id, c.article_id, c.index, c.start, c.end, c.text, c.text_hash) for c in chunks],
    )
    db.executemany("INSERT OR IGNORE INTO embeddings VALUES (?, ?)", [(h, v.astype(np.float32).tobytes()) for h, v in vectors.items()])
    db.execute("INSERT OR REPLACE INTO minhashes VALUES (?, ?)", (article.id, signature.astype(np.uint64).tobytes()))
    db.execute("DELETE FROM minhash_bands WHERE article_id = ?", (article.id,))
    db.executemany("INSERT INTO minhash_bands VALUES (?, ?)", [(b, article.id) for b in bands])


def remove_article(db: sqlite3.Connection, article_id: str) -> list[str]:
    """Delete an article and everything derived from it; return its chunk ids."""
    ids = [r[0] for r in db.execute("SELECT id FROM chunks WHERE article_id = ?", (article_id,))]
    db.execute("DELETE FROM chunks WHERE article_id = ?", (article_id,))
    db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    db.execute("DELETE FROM minhashes WHERE article_id = ?", (article_id,))
    db.execute("DELETE FROM minhash_bands WHERE article_id = ?", (article_id,))
    return ids
