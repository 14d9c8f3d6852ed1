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
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from .dates import parse_iso
from .errors import NotFoundError, StoreError
from .models import Article, Chunk, Filters, chunk_header
from .notices import warn

SCHEMA_VERSION = 2  # 2: chunks carry the article's metadata line (head), FTS fields head/text, articles_fts
#: Prefix of the ingest intents that name a whole article (the others name chunk ids).
ARTICLE_INTENT = "article:"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, published TEXT NOT NULL,
    published_ts INTEGER, source TEXT NOT NULL, authors TEXT NOT NULL, url TEXT NOT NULL,
    wire TEXT NOT NULL, path TEXT NOT NULL, metadata TEXT NOT NULL, story_id TEXT NOT NULL,
    ingested_at REAL NOT NULL DEFAULT (julianday('now')), injection TEXT);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_ts ON articles(published_ts);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE TABLE IF NOT EXISTS source_keys (key TEXT PRIMARY KEY, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS source_keys_article ON source_keys(article_id);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, article_id TEXT NOT NULL,
    idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    text_hash TEXT NOT NULL, head TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    head, text, content='chunks', content_rowid='rowid', tokenize='porter unicode61');
CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, head, text) VALUES (new.rowid, new.head, new.text); END;
CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, head, text) VALUES ('delete', old.rowid, old.head, old.text); END;
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, source, body, content='articles', content_rowid='rowid', tokenize='porter unicode61');
CREATE TABLE IF NOT EXISTS embeddings (text_hash TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS minhash_bands (band TEXT NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS minhash_bands_band ON minhash_bands(band);
CREATE INDEX IF NOT EXISTS minhash_bands_article ON minhash_bands(article_id);
CREATE TABLE IF NOT EXISTS minhashes (article_id TEXT PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS pending (chunk_id TEXT PRIMARY KEY, op TEXT NOT NULL);
"""
_ARTICLE_COLUMNS = "id, title, body, published, source, authors, url, wire, path, metadata, story_id, injection"
_CHUNK_COLUMNS = "id, article_id, idx, start, end, text, head"
#: articles_fts is kept in step by write_article/remove_article, not by triggers: INSERT OR REPLACE
#: deletes the old row without firing delete triggers, which would leave stale index entries.
_ARTICLE_FTS_DELETE = ("INSERT INTO articles_fts(articles_fts, rowid, title, source, body) "
                       "SELECT 'delete', rowid, title, source, body FROM articles WHERE id = ?")
_ARTICLE_FTS_INSERT = "INSERT INTO articles_fts(rowid, title, source, body) SELECT rowid, title, source, body FROM articles WHERE id = ?"
#: (id expression, joins) of an FTS row's record for Records._fts_top: the id is NULL when the record (or a
#: chunk's article) is missing, as the join-first queries would drop that row.
_CHUNK_RECORD = ("CASE WHEN a.id IS NULL THEN NULL ELSE c.id END",
                 "LEFT JOIN chunks c ON c.rowid = r LEFT JOIN articles a ON a.id = c.article_id")
_ARTICLE_RECORD = ("a.id", "LEFT JOIN articles a ON a.rowid = r")


def _published_to_text(value: date | datetime | None) -> str:
    """Serialise a publication date for storage ('' when unknown)."""
    return value.isoformat() if value else ""


class Records:
    """The SQLite side of a ragnews home: articles, chunks, FTS5, embeddings, intents."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        """Open (and create) the database at path; read_only opens an existing file without writing anything.

        A read-only home (an archive on a read-only mount, files of another user) is opened with
        SQLite's `immutable` flag: WAL mode would otherwise need to create the -shm file beside it.
        """
        self.path = Path(path)
        self.read_only = read_only
        self._article_columns = _ARTICLE_COLUMNS
        self._lock = threading.RLock()
        try:
            self._upgrading = False
            self._db = self._connect_read_only() if read_only else self._connect()
            if self._upgrading:
                self._upgrade_to_v2()
            # a read-only schema-1 home cannot be upgraded: it is searched the schema-1 way (body only)
            self._legacy = read_only and not any(c[1] == "head" for c in self._db.execute("PRAGMA table_info(chunks)"))
            self._chunk_columns = _CHUNK_COLUMNS.replace("head", "'' AS head") if self._legacy else _CHUNK_COLUMNS
        except sqlite3.DatabaseError as exc:
            raise StoreError(self._open_error(exc)) from exc

    def _connect(self) -> sqlite3.Connection:
        """Open the file for reading and writing, creating the schema."""
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=60)
        _enter_wal(db)
        db.execute("PRAGMA synchronous=NORMAL")
        self._upgrading = _drop_v1_lexical_index(db)  # a schema-1 home: rebuilt by _upgrade_to_v2
        db.executescript(_SCHEMA)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        if "injection" not in _columns(db):  # a home from before injection flags: they are computed when read
            db.execute("ALTER TABLE articles ADD COLUMN injection TEXT")
        return db

    def _connect_read_only(self) -> sqlite3.Connection:
        """Open an existing file without any write (no schema, no journal, no -shm)."""
        if not self.path.exists():
            raise sqlite3.OperationalError("the file does not exist")
        db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False,
                             isolation_level=None, timeout=60)
        db.execute("SELECT COUNT(*) FROM articles").fetchone()  # fails here, not later, on a damaged file
        if "injection" not in _columns(db):  # an older home that cannot be migrated: flags computed when read
            self._article_columns = _ARTICLE_COLUMNS.replace("injection", "NULL")
        return db

    def _open_error(self, exc: sqlite3.DatabaseError) -> str:
        """One line naming the file, what went wrong and the next step (never advice that throws data away)."""
        text = str(exc)
        if self.read_only and "does not exist" in text:
            return f"{self.path}: no article records in this read-only home; ingest into a writable home first"
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return (f"{self.path}: cannot open the article records for writing ({text}); "
                    "check the folder's permissions, or query it as a read-only home")
        if "locked" in text or "busy" in text:
            return f"{self.path}: the article records are locked by another process ({text}); retry when it finishes"
        if "full" in text:
            return f"{self.path}: the disk is full ({text}); free space on it and run the command again"
        return (f"{self.path}: the article records are damaged ({text}); run `ragnews doctor --repair` to recover "
                "what is readable (it keeps the damaged file)")

    def _upgrade_to_v2(self) -> None:
        """Fill the chunks' metadata lines and rebuild both lexical indexes (a home made before schema 2).

        Stored vectors are kept (re-embedding every chunk would take as long as the first
        ingest): only articles ingested from now on have the metadata line in their vectors.
        """
        with self.transaction() as db:
            rows = db.execute("SELECT id, title, source, published FROM articles").fetchall()
            db.executemany("UPDATE chunks SET head = ? WHERE article_id = ?",
                           [(chunk_header(t, s, parse_iso(p)), aid) for aid, t, s, p in rows])
            db.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild')")
            db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        warn(f"{self.path}: upgraded the article records to schema {SCHEMA_VERSION} (title, outlet and date are now "
             f"searchable; lexical index rebuilt for {len(rows)} articles); vectors of articles ingested before keep "
             "body-only text: re-ingest into a new home to embed the metadata too", stacklevel=4)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one IMMEDIATE transaction (all or nothing)."""
        if self.read_only:
            raise StoreError(f"{self.path.parent}: this home is read-only; ingest into a writable --home (or fix its permissions)")
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as exc:  # disk full, read-only file, lock timeout: one line, no traceback
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise StoreError(self._open_error(exc)) from exc

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
        rows = self._query(f"SELECT {self._article_columns} FROM articles WHERE id = ?", (article_id,))
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
            for row in self._query(f"SELECT {self._article_columns} FROM articles WHERE id IN ({marks})", part):
                out[row[0]] = _row_to_article(row)
        return out

    def article_stubs(self, ids: Iterable[str]) -> dict[str, Article]:
        """Return the stored articles among ids without body, authors or metadata (retrieval's hot path).

        Ranking touches a few hundred candidate articles per query but only needs their title,
        outlet, date and story; reading and validating whole bodies was most of its time.
        """
        ids = list(dict.fromkeys(ids))
        out: dict[str, Article] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            flags = "injection" if "injection" in self._article_columns else "NULL"
            sql = (f"SELECT id, title, published, source, url, story_id, {flags} FROM articles "
                   f"WHERE id IN ({','.join('?' * len(part))})")
            for aid, title, published, source, url, story, injection in self._query(sql, part):
                out[aid] = Article.model_construct(id=aid, title=title, body="", published=parse_iso(published),
                                                   source=source, authors=[], url=url, wire="", path="", metadata={},
                                                   story_id=story, injection=_flags_from_text(injection))
        return out

    def iter_articles(self) -> Iterator[Article]:
        """Yield every stored article, oldest publication first (undated last)."""
        rows = self._query(f"SELECT {self._article_columns} FROM articles ORDER BY published_ts IS NULL, published_ts, id")
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
            sql = f"SELECT {self._chunk_columns} FROM chunks WHERE id IN ({','.join('?' * len(part))})"
            for row in self._query(sql, part):
                out[row[0]] = Chunk(*row)
        return out

    def chunks_of(self, article_id: str) -> list[Chunk]:
        """Return an article's chunks in order."""
        rows = self._query(f"SELECT {self._chunk_columns} FROM chunks WHERE article_id = ? ORDER BY idx", (article_id,))
        return [Chunk(*r) for r in rows]

    def chunk_count(self) -> int:
        """Number of stored chunks."""
        return int(self._query("SELECT COUNT(*) FROM chunks")[0][0])

    def term_counts(self, terms: Sequence[str]) -> dict[str, int]:
        """Return how many chunks contain each word or phrase (FTS5), for the IDF weights of story scope."""
        out: dict[str, int] = {}
        for term in terms:
            phrase = 'text : "' + term.replace('"', "") + '"'  # the passage only, not the metadata line
            try:
                out[term] = int(self._query("SELECT COUNT(*) FROM chunks_fts WHERE chunks_fts MATCH ?", (phrase,))[0][0])
            except sqlite3.OperationalError as exc:
                raise StoreError(f"lexical index query failed ({exc})") from exc
        return out

    def bm25(self, match: str, limit: int, filters: Filters | None = None,
             weights: tuple[float, float] = (1.0, 1.0)) -> list[tuple[str, float]]:
        """Return (chunk_id, score) for an FTS5 MATCH expression, best first (score = -bm25).

        Only chunks of articles the filters allow are returned; `weights` are the BM25 weights
        of the (head, text) columns: the metadata line and the passage.
        """
        where, params = filter_sql(filters or Filters())
        rank = "bm25(chunks_fts)" if self._legacy else f"bm25(chunks_fts, {float(weights[0])}, {float(weights[1])})"
        if not where and (found := self._fts_top("chunks_fts", _CHUNK_RECORD, rank, match, limit)) is not None:
            return found
        sql = (f"SELECT c.id, -{rank} FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid "
               "JOIN articles a ON a.id = c.article_id WHERE chunks_fts MATCH ?")
        if where:
            sql += f" AND {where}"
        sql += f" ORDER BY {rank} LIMIT ?"
        return self._fts(sql, [match, *params, limit])

    def article_bm25(self, match: str, limit: int, filters: Filters | None = None,
                     weights: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> list[tuple[str, float]]:
        """Return (article_id, score) for an FTS5 MATCH over whole articles the filters allow, best first.

        Whole-article BM25 sees every word of an article at once (a chunk sees a few
        sentences), which is what questions joining several facts of one report need.
        `weights` are the BM25 weights of the (title, source, body) columns.
        """
        if self._legacy:
            return []
        where, params = filter_sql(filters or Filters())
        rank = "bm25(articles_fts, " + ", ".join(str(float(w)) for w in weights) + ")"
        if not where and (found := self._fts_top("articles_fts", _ARTICLE_RECORD, rank, match, limit)) is not None:
            return found
        sql = f"SELECT a.id, -{rank} FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?"
        if where:
            sql += f" AND {where}"
        sql += f" ORDER BY {rank} LIMIT ?"
        return self._fts(sql, [match, *params, limit])

    def _fts_top(self, fts: str, record: tuple[str, str], rank: str, match: str, limit: int) -> list[tuple[str, float]] | None:
        """Rank in the FTS index alone, then look up only the best `limit` rows; None when a row has no record.

        Why: joining every matching FTS row to its record BEFORE the sort costs a B-tree lookup per
        match, and an OR query of a question's words matches a quarter of a large home ("pct", "net"):
        at 112k chunks the join-first query took 183 ms p50 against 50 ms for this one, with the same
        rows (40 of 40 bench_query questions). Without filters nothing needs the join to choose rows.
        An index row whose record is missing (a damaged home) returns None: the caller's join drops it.
        """
        key, joins = record
        sql = (f"SELECT {key}, s FROM (SELECT rowid AS r, -{rank} AS s FROM {fts} WHERE {fts} MATCH ? "
               f"ORDER BY {rank} LIMIT ?) {joins}")
        rows = self._fts(sql, [match, limit])
        if any(rid is None for rid, _ in rows):
            return None
        return sorted(rows, key=lambda row: -row[1])  # stable: ties keep the index's order

    def _fts(self, sql: str, params: Sequence[Any]) -> list[tuple[str, float]]:
        """Run an FTS5 ranking query; a failure names the lexical index."""
        try:
            return [(r[0], float(r[1])) for r in self._query(sql, params)]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: lexical index query failed ({exc})") from exc

    def outlets(self) -> list[tuple[str, int]]:
        """Return every stored outlet name with its article count, most articles first."""
        rows = self._query("SELECT source, COUNT(*) FROM articles WHERE source != '' GROUP BY source ORDER BY 2 DESC, 1")
        return [(r[0], int(r[1])) for r in rows]

    def corpus_key(self) -> tuple[Any, ...]:
        """Return a cheap value that changes whenever articles are added, replaced or removed."""
        return tuple(self._query("SELECT MAX(rowid), COUNT(*) FROM articles")[0])

    def published_range(self) -> tuple[int | None, int | None]:
        """Return the (oldest, newest) publication epoch of the stored articles."""
        row = self._query("SELECT MIN(published_ts), MAX(published_ts) FROM articles")[0]
        return row[0], row[1]

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

    # --- consistency (ragnews doctor) ----------------------------------------
    def integrity_problems(self) -> list[str]:
        """Return SQLite's quick_check complaints about the file (empty when sound)."""
        return [r[0] for r in self._query("PRAGMA quick_check") if r[0] != "ok"]

    def fts_problem(self) -> str | None:
        """Return why the FTS5 index disagrees with the chunk texts, or None when it matches them.

        Counts the index's own rows (chunks_fts_docsize; a SELECT on chunks_fts would read the
        chunks table it indexes) and, on a writable file, runs FTS5's integrity-check against the content.
        """
        indexed = self.fts_rows()
        chunks = self.chunk_count()
        if indexed != chunks:
            return f"the lexical index has {indexed} rows for {chunks} chunks"
        if self.read_only:
            return None
        try:
            with self.transaction() as db:
                db.execute("INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 1)")
        except StoreError as exc:
            return f"the lexical index does not match the chunk texts ({exc.__cause__ or exc})"
        return None

    def fts_rows(self) -> int:
        """Number of rows in the FTS5 index itself (not the chunks table it reads texts from)."""
        return int(self._query("SELECT COUNT(*) FROM chunks_fts_docsize")[0][0])

    def rebuild_fts(self) -> None:
        """Rebuild the FTS5 index from the chunk texts (cheap: no embedding involved)."""
        with self.transaction() as db:
            db.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild')")

    def all_chunk_ids(self) -> list[str]:
        """Return every stored chunk id, in storage order."""
        return [r[0] for r in self._query("SELECT id FROM chunks ORDER BY rowid")]

    def chunks_without_vectors(self) -> list[str]:
        """Return the ids of chunks whose text has no vector in the embedding cache."""
        return [r[0] for r in self._query(
            "SELECT c.id FROM chunks c LEFT JOIN embeddings e ON e.text_hash = c.text_hash WHERE e.text_hash IS NULL ORDER BY c.rowid")]

    def chunk_index_rows(self) -> Iterator[tuple[str, str, str, str, int | None, bytes | None]]:
        """Yield (chunk id, article id, story id, source, published_ts, cached vector blob) of every chunk."""
        sql = ("SELECT c.id, c.article_id, a.story_id, a.source, a.published_ts, e.vector FROM chunks c "
               "JOIN articles a ON a.id = c.article_id LEFT JOIN embeddings e ON e.text_hash = c.text_hash ORDER BY c.rowid")
        yield from self._query(sql)

    def sources(self) -> list[tuple[str, int]]:
        """Return (outlet, number of articles) of every stored outlet, most articles first ('' = unknown)."""
        return [(r[0], int(r[1])) for r in self._query("SELECT source, COUNT(*) FROM articles GROUP BY source ORDER BY 2 DESC, 1")]

    def date_range(self) -> tuple[int | None, int | None, int]:
        """Return the (earliest, latest) published_ts of dated articles and the number of undated ones."""
        lo, hi = self._query("SELECT MIN(published_ts), MAX(published_ts) FROM articles")[0]
        undated = int(self._query("SELECT COUNT(*) FROM articles WHERE published_ts IS NULL")[0][0])
        return lo, hi, undated

    def count_matching(self, filters: Filters) -> int:
        """Return how many stored articles the filters allow."""
        where, params = filter_sql(filters)
        sql = "SELECT COUNT(*) FROM articles a" + (f" WHERE {where}" if where else "")
        return int(self._query(sql, params)[0][0])

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


def filter_sql(filters: Filters) -> tuple[str, list[Any]]:
    """Return the SQL condition on articles `a` that the filters ask for, with its parameters."""
    lo, hi = filters.bounds()
    parts: list[str] = []
    params: list[Any] = []
    for cond, value in (("a.published_ts >= ?", lo), ("a.published_ts <= ?", hi)):
        if value is not None:
            parts.append(cond)
            params.append(value)
    for column, values in (("a.source", filters.sources), ("a.id", filters.articles)):
        if values:
            parts.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    return " AND ".join(parts), params


def _enter_wal(db: sqlite3.Connection, patience: float = 60.0) -> None:
    """Switch a connection to WAL mode, waiting while another process does the same.

    Converting a new file to WAL needs an exclusive lock and SQLite does not call the busy
    handler for it: two ingests starting at once into a new home failed one of them with
    "database is locked" (1 run in 12). Retrying for as long as the busy timeout is the fix.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _columns(db: sqlite3.Connection) -> set[str]:
    """Column names of the articles table."""
    return {row[1] for row in db.execute("PRAGMA table_info(articles)")}


def _row_to_article(row: Sequence[Any]) -> Article:
    """Build an Article from an articles row."""
    aid, title, body, published, source, authors, url, wire, path, metadata, story, injection = row
    return Article(
        id=aid, title=title, body=body, published=parse_iso(published), source=source,
        authors=json.loads(authors), url=url, wire=wire, path=path, metadata=json.loads(metadata), story_id=story,
        injection=_flags_from_text(injection),
    )


def _flags_to_text(spans: Sequence[tuple[int, int]] | None) -> str | None:
    """Serialise an article's injection flags with the detector version that found them (None: not scanned)."""
    from .injection import DETECTOR_VERSION

    return None if spans is None else json.dumps({"v": DETECTOR_VERSION, "spans": [list(s) for s in spans]})


def _flags_from_text(text: str | None) -> list[tuple[int, int]] | None:
    """Parse stored flags; None when never scanned or scanned by another detector version (then recomputed)."""
    from .injection import DETECTOR_VERSION

    if not text:
        return None
    data = json.loads(text)
    return [(int(s), int(e)) for s, e in data["spans"]] if data.get("v") == DETECTOR_VERSION else None


def _drop_v1_lexical_index(db: sqlite3.Connection) -> bool:
    """Drop a schema-1 chunk index (one text field) and add chunks.head; True when it did (then rebuild)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'chunks'").fetchone():
        return False
    if any(col[1] == "head" for col in db.execute("PRAGMA table_info(chunks)")):
        return False
    db.executescript("""BEGIN IMMEDIATE; DROP TRIGGER IF EXISTS chunks_ai; DROP TRIGGER IF EXISTS chunks_ad;
        DROP TABLE IF EXISTS chunks_fts; ALTER TABLE chunks ADD COLUMN head TEXT NOT NULL DEFAULT ''; COMMIT;""")
    return True


#: Bodies longer than this (characters) are written to their row piece by piece (_write_body).
HUGE_BODY_CHARS = 1_000_000
_BODY_PIECE = 1 << 20


def _utf8_length(text: str) -> int:
    """The UTF-8 size of text, encoding a piece at a time (never a whole copy)."""
    return sum(len(text[i : i + _BODY_PIECE].encode()) for i in range(0, len(text), _BODY_PIECE))


def _write_body(db: sqlite3.Connection, article_id: str, body: str) -> None:
    """Fill an article row's body (inserted as that many zero bytes of TEXT) with its UTF-8, a piece at a time.

    Why: binding a str makes Python cache its whole UTF-8 inside the str (it lives as long as the
    body) and SQLite keep a second copy bound to the cached statement until its next use; for a
    60 MB body with one astral character (held at 4 bytes a character) that was +120 MB resident
    for the rest of the ingest, at its peak. Blob I/O writes the same TEXT bytes in place.
    """
    rowid = db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    with db.blobopen("articles", "body", rowid) as blob:
        for i in range(0, len(body), _BODY_PIECE):
            blob.write(body[i : i + _BODY_PIECE].encode())


def write_article(db: sqlite3.Connection, article: Article, chunks: Sequence[Chunk], vectors: dict[str, np.ndarray], signature: np.ndarray, bands: Sequence[str]) -> None:
    """Insert an article with its chunks, FTS rows, vectors and MinHash inside a transaction.

    Old chunks go first, while the old article row (their metadata line) is still there.
    """
    db.execute("DELETE FROM chunks WHERE article_id = ?", (article.id,))
    db.execute(_ARTICLE_FTS_DELETE, (article.id,))
    huge = len(article.body) > HUGE_BODY_CHARS
    db.execute(
        f"INSERT OR REPLACE INTO articles ({_ARTICLE_COLUMNS}, published_ts) VALUES "
        f"(?,?,{'CAST(zeroblob(?) AS TEXT)' if huge else '?'},?,?,?,?,?,?,?,?,?,?)",
        (article.id, article.title, _utf8_length(article.body) if huge else article.body, _published_to_text(article.published),
         article.source, json.dumps(article.authors), article.url, article.wire, article.path,
         json.dumps(article.metadata, default=str), article.story_id, _flags_to_text(article.injection), article.published_epoch),
    )
    if huge:
        _write_body(db, article.id, article.body)
    db.execute(_ARTICLE_FTS_INSERT, (article.id,))
    head = chunk_header(article.title, article.source, article.published)
    # generators, not lists: a huge article's 82k rows (and 110 MB of vector blobs) never exist all at once
    db.executemany(
        "INSERT INTO chunks (id, article_id, idx, start, end, text, text_hash, head) VALUES (?,?,?,?,?,?,?,?)",
        ((c.id, c.article_id, c.index, c.start, c.end, c.text, c.text_hash, head) for c in chunks),
    )
    db.executemany("INSERT OR IGNORE INTO embeddings VALUES (?, ?)", ((h, v.astype(np.float32).tobytes()) for h, v in vectors.items()))
    db.execute("INSERT OR REPLACE INTO minhashes VALUES (?, ?)", (article.id, signature.astype(np.uint64).tobytes()))
    db.execute("DELETE FROM minhash_bands WHERE article_id = ?", (article.id,))
    db.executemany("INSERT INTO minhash_bands VALUES (?, ?)", [(b, article.id) for b in bands])


def remove_article(db: sqlite3.Connection, article_id: str) -> list[str]:
    """Delete an article and everything derived from it; return its chunk ids."""
    ids = [r[0] for r in db.execute("SELECT id FROM chunks WHERE article_id = ?", (article_id,))]
    db.execute("DELETE FROM chunks WHERE article_id = ?", (article_id,))
    db.execute(_ARTICLE_FTS_DELETE, (article_id,))
    db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    db.execute("DELETE FROM minhashes WHERE article_id = ?", (article_id,))
    db.execute("DELETE FROM minhash_bands WHERE article_id = ?", (article_id,))
    return ids


# --- statements run inside a caller's transaction (Records.transaction) or on a read-only connection


def article_exists(db: sqlite3.Connection, article_id: str) -> bool:
    """True when the articles table holds article_id."""
    return db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def link_source_key(db: sqlite3.Connection, key: str, article_id: str) -> None:
    """Point a source key (file path, URL, ...) at the article it now yields."""
    db.execute("INSERT OR REPLACE INTO source_keys VALUES (?, ?)", (key, article_id))


def has_source_key(db: sqlite3.Connection, article_id: str) -> bool:
    """True when some source key still points at article_id."""
    return db.execute("SELECT 1 FROM source_keys WHERE article_id = ?", (article_id,)).fetchone() is not None


def unlink_source_keys(db: sqlite3.Connection, article_id: str) -> None:
    """Forget every source key pointing at article_id."""
    db.execute("DELETE FROM source_keys WHERE article_id = ?", (article_id,))


def mark_pending(db: sqlite3.Connection, ids: Sequence[str], op: str) -> None:
    """Record write intents (op 'add' or 'delete') for chunk ids or ARTICLE_INTENT ids."""
    db.executemany("INSERT OR REPLACE INTO pending VALUES (?, ?)", [(i, op) for i in ids])


def clear_intents(db: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Forget write intents that have been carried out."""
    db.executemany("DELETE FROM pending WHERE chunk_id = ?", [(i,) for i in ids])
