"""Sharing one Chroma server between homes: article records on the server, local rebuild on demand.

Where each piece lives when RAGNEWS_CHROMA_URL is set:
- chunk vectors and chunk metadata (article id, offsets, dates, outlet, story id): the server's
  `<collection>` collection; a chunk's text is its article's body between its offsets;
- article records (body, title, dates, outlet, story id, source key, MinHash): the server's
  `<collection>_articles` collection, written by the ingesting home in the same crash-safe
  order as the vectors;
- the SQLite file under each home (`ragnews.db`): a local copy of the article records, chunk
  texts, the FTS5 (BM25) lexical index, the embedding cache and the ingest intents.

`pull()` makes a home's SQLite side match the server: it copies the articles the server has
and the home lacks (with their chunks and vectors) and drops local articles the server no
longer has. A sync token on the articles collection changes with every write, so an
up-to-date home finds out with one small request.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import syndication
from .dates import parse_iso
from .errors import ConfigError
from .models import Article, Chunk, chunk_header
from .protocols import SharedStore
from .records import (
    ARTICLE_INTENT, Records, link_source_key, remove_article, unlink_source_keys, write_article,
)

_PAGE = 200


@dataclass
class SyncReport:
    """What one pull from the server changed in the local home."""

    added: int = 0
    removed: int = 0
    server_articles: int = 0
    seconds: float = 0.0
    up_to_date: bool = False


def article_record(article: Article, signature: np.ndarray) -> tuple[str, dict[str, Any]]:
    """Return (document, metadata) of an article's record on the server (no None values)."""
    meta: dict[str, Any] = {
        "title": article.title, "published": article.published_iso, "source": article.source,
        "authors": json.dumps(article.authors), "url": article.url, "wire": article.wire, "path": article.path,
        "metadata": json.dumps(article.metadata, default=str), "story_id": article.story_id,
        "source_key": article.source_key, "minhash": np.asarray(signature, dtype=np.uint64).tobytes().hex(),
    }
    if article.published_epoch is not None:
        meta["published_ts"] = article.published_epoch
    return article.body, meta


def article_from_record(article_id: str, body: str, meta: dict[str, Any]) -> tuple[Article, np.ndarray, str]:
    """Return (Article, MinHash signature, source key) from a server record."""
    article = Article(
        id=article_id, title=meta.get("title", ""), body=body, published=parse_iso(meta.get("published", "")),
        source=meta.get("source", ""), authors=json.loads(meta.get("authors", "[]")), url=meta.get("url", ""),
        wire=meta.get("wire", ""), path=meta.get("path", ""), metadata=json.loads(meta.get("metadata", "{}")),
        story_id=meta.get("story_id", "") or article_id,
    )
    signature = np.frombuffer(bytes.fromhex(meta.get("minhash", "")), dtype=np.uint64)
    return article, signature, meta.get("source_key") or article.source_key


def bind(records: Records, store: SharedStore) -> None:
    """Tie a home to one server collection; refuse a home filled from another store."""
    target = f"{store.url}#{store.name}"
    bound = records.get_meta("store")
    if bound is None:
        if records.article_count():
            raise ConfigError(f"{records.path} holds articles ingested into another vector store; use a new --home with --chroma-url")
        records.set_meta("store", target)
    elif bound != target:
        raise ConfigError(f"{records.path} was built against {bound}, not {target}; use another --home for this server")


def pull(records: Records, store: SharedStore, embedder_id: str, force: bool = False) -> SyncReport:
    """Bring the home's records, chunks, lexical index and vector cache in line with the server.

    Args:
        records: the home's SQLite records.
        store: the shared store (a Chroma server).
        embedder_id: 'name/dim' of this home's embedder.
        force: compare article ids even when the sync token is unchanged.

    Returns:
        A SyncReport.
    """
    started = time.perf_counter()
    token, server_embedder = store.sync_state()
    if not force and token == (records.get_meta("sync_token") or ""):
        return SyncReport(up_to_date=True, seconds=time.perf_counter() - started)
    _check_embedder(records, server_embedder, embedder_id)
    server_ids = store.article_ids()
    local_ids = records.article_ids()
    unfinished = {cid[len(ARTICLE_INTENT):] for cid, _ in records.pending() if cid.startswith(ARTICLE_INTENT)}
    missing = sorted(server_ids - local_ids - unfinished)  # this home's own unfinished writes are not copied
    for i in range(0, len(missing), _PAGE):
        _copy_page(records, store, missing[i : i + _PAGE])
    gone = sorted(local_ids - server_ids)
    _remove(records, gone)
    records.set_meta("sync_token", token)
    return SyncReport(len(missing), len(gone), len(server_ids), time.perf_counter() - started)


def _check_embedder(records: Records, server_embedder: str, embedder_id: str) -> None:
    """Refuse to mix a server built with one embedder with a home using another."""
    if server_embedder and server_embedder != embedder_id:
        raise ConfigError(f"the Chroma server's articles were embedded with {server_embedder}, this home uses {embedder_id}")
    if records.get_meta("embedder") is None:
        records.set_meta("embedder", embedder_id)


def _copy_page(records: Records, store: SharedStore, ids: list[str]) -> None:
    """Copy one page of server articles, with their chunks and vectors, into the local records."""
    by_article: dict[str, list[tuple[str, dict[str, Any], np.ndarray]]] = defaultdict(list)
    for row in store.chunk_rows(ids):
        by_article[row[1]["article_id"]].append(row)
    with records.transaction() as db:
        for article_id, body, meta in store.article_rows(ids):
            article, signature, key = article_from_record(article_id, body, meta)
            rows = sorted(by_article.get(article_id, []), key=lambda r: r[1]["idx"])
            head = chunk_header(article.title, article.source, article.published)
            chunks = [Chunk(cid, article_id, m["idx"], m["start"], m["end"], body[m["start"] : m["end"]], head) for cid, m, _ in rows]
            vectors = {c.text_hash: vec for c, (_, _, vec) in zip(chunks, rows)}
            write_article(db, article, chunks, vectors, signature, syndication.bands(signature) if len(signature) else [])
            link_source_key(db, key, article_id)


def _remove(records: Records, article_ids: list[str]) -> None:
    """Drop local copies of articles the server no longer has."""
    if not article_ids:
        return
    with records.transaction() as db:
        for article_id in article_ids:
            remove_article(db, article_id)
            unlink_source_keys(db, article_id)
