"""Chroma vector store: embedded PersistentClient under home, or a Chroma server via HttpClient.

With a server, a second collection `<collection>_articles` holds every article's full record
(body as the document, the other fields as metadata, a 1-dim dummy vector), so that another
home using the same server can rebuild its SQLite records and lexical index (ragnews.sync).
Its collection metadata carries a sync token that changes on every write, and the embedder id.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from uuid import uuid4

import numpy as np

from ..errors import ConfigError, StoreError
from ..models import Chunk, Filters

_WRITE_BATCH = 1000
_READ_BATCH = 200


def _client(home: Path, url: str | None) -> Any:
    """Return a Chroma client: HttpClient for url, else PersistentClient in home/chroma."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not url:
        try:
            return chromadb.PersistentClient(path=str(home / "chroma"), settings=chroma_settings)
        except Exception as exc:  # chromadb raises InternalError, sqlite3 errors, OSError... for a damaged folder
            raise StoreError(f"{home / 'chroma'}: the embedded Chroma store cannot be opened ({_first_line(exc)}); "
                             "run `ragnews doctor --repair` to rebuild it from the article records") from exc
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(f"RAGNEWS_CHROMA_URL={url!r} is not a URL like http://127.0.0.1:8000")
    port = parsed.port or (443 if parsed.scheme == "https" else 8000)
    try:
        return chromadb.HttpClient(host=parsed.hostname, port=port, ssl=parsed.scheme == "https", settings=chroma_settings)
    except Exception as exc:  # chromadb raises plain exceptions on connection failure
        raise StoreError(f"cannot reach the Chroma server at {url} ({exc}); is `chroma run` up?") from exc


def _first_line(exc: BaseException) -> str:
    """Return 'Type: first line of the message' (chromadb messages can span many lines)."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}".rstrip(": ")


def where_clause(filters: Filters | None) -> dict[str, Any] | None:
    """Return the Chroma `where` clause for neutral Filters (None when nothing is filtered)."""
    if filters is None:
        return None
    lo, hi = filters.bounds()
    terms: list[dict[str, Any]] = []
    if lo is not None:
        terms.append({"published_ts": {"$gte": lo}})
    if hi is not None:
        terms.append({"published_ts": {"$lte": hi}})
    if filters.sources:
        terms.append({"source": {"$in": list(filters.sources)}})
    if filters.articles:
        terms.append({"article_id": {"$in": list(filters.articles)}})
    return None if not terms else terms[0] if len(terms) == 1 else {"$and": terms}


@contextmanager
def _errors(action: str, url: str | None) -> Iterator[None]:
    """Turn a chromadb failure during action into a StoreError naming the store."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:  # chromadb and httpx raise many unrelated exception types
        if url:
            raise StoreError(f"{action} failed on the Chroma server at {url} ({_first_line(exc)}); is `chroma run` up?") from exc
        raise StoreError(f"{action} failed on the embedded Chroma store ({_first_line(exc)}); "
                         "run `ragnews doctor` to check it, `ragnews doctor --repair` to rebuild it") from exc


#: HNSW search breadth. At Chroma's default (100) the dense list of the Reuters-21578 home (28k
#: chunks) held 79-100% of the exact top 80 (mean 0.956 over 8 queries) and, as Chroma rebuilds the
#: unflushed part of its graph with several threads, a different set in different processes for
#: the same query (1 run in 4 for "Fiji military coup"), so answers and timelines changed between
#: runs. At 400: 0.994 (97-100%), the same set in every process, 2.3 ms a query.
EF_SEARCH = 400


class ChromaStore:
    """The Store protocol on a Chroma collection (cosine space; vectors always supplied by ragnews)."""

    def __init__(self, home: Path, url: str | None = None, collection: str = "ragnews") -> None:
        """Open or create the collection; never attaches Chroma's own (downloading) embedding function."""
        self._url = url
        self.name = collection
        self.location = url or str(home / "chroma")
        self._client = _client(home, url)
        self._col = self._collection(collection, {"hnsw": {"space": "cosine", "ef_search": EF_SEARCH}})
        self._widen_search()

    def _widen_search(self) -> None:
        """Give a collection made with Chroma's default search breadth (homes from before) EF_SEARCH."""
        hnsw = (getattr(self._col, "configuration", None) or {}).get("hnsw") or {}
        if int(hnsw.get("ef_search") or EF_SEARCH) < EF_SEARCH:
            with _errors("widening the vector search", self._url):
                self._col.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})

    def _collection(self, name: str, configuration: dict[str, Any] | None) -> Any:
        """Get or create a collection without an embedding function."""
        import re

        if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9._-]{1,510}[a-zA-Z0-9]", name):  # Chroma's rule, checked before asking it
            raise ConfigError(f"RAGNEWS_COLLECTION={self.name!r} is not a valid Chroma collection name "
                              "(3-512 characters from a-z A-Z 0-9 . _ -, starting and ending with a letter or digit)")
        with _errors(f"opening collection {name!r}", self._url):
            return self._client.get_or_create_collection(name, embedding_function=None, configuration=configuration)

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None:
        """Add or replace chunks by id, in batches.

        Chunk texts are not sent as Chroma documents: nothing reads them there (the text is the
        article body between the metadata's start/end, kept in the records), and Chroma's
        full-text indexing of documents was 60% of the upsert's cost (measured: 2.5 s vs 1.0 s for 2,900 chunks).
        """
        for i in range(0, len(chunks), _WRITE_BATCH):
            part = chunks[i : i + _WRITE_BATCH]
            with _errors("upsert", self._url):
                self._col.upsert(ids=[c.id for c in part], embeddings=np.asarray(vectors[i : i + _WRITE_BATCH], dtype=np.float32),
                                 metadatas=list(metadatas[i : i + _WRITE_BATCH]))

    def delete(self, ids: Sequence[str]) -> None:
        """Delete chunks by id; unknown ids are ignored."""
        for i in range(0, len(ids), _WRITE_BATCH):
            with _errors("delete", self._url):
                self._col.delete(ids=list(ids[i : i + _WRITE_BATCH]))

    def query(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """Return up to k (chunk_id, cosine similarity) among the chunks the filters allow, best first."""
        if k <= 0:
            return []
        with _errors("query", self._url):
            res = self._col.query(query_embeddings=np.asarray([vector], dtype=np.float32), n_results=k,
                                  where=where_clause(filters), include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Return stored vectors by chunk id."""
        with _errors("reading vectors", self._url):
            res = self._col.get(ids=list(ids), include=["embeddings"])
        return {cid: np.asarray(v, dtype=np.float32) for cid, v in zip(res["ids"], res["embeddings"])}

    def metadatas(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Return stored chunk metadata by chunk id."""
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), _WRITE_BATCH):
            with _errors("reading chunk metadata", self._url):
                res = self._col.get(ids=list(ids[i : i + _WRITE_BATCH]), include=["metadatas"])
            out.update({cid: dict(m or {}) for cid, m in zip(res["ids"], res["metadatas"])})
        return out

    def ids(self) -> set[str]:
        """Return every chunk id in the collection (paged: a single get of 100k ids is slow on a server)."""
        found: set[str] = set()
        total = self.count()
        for offset in range(0, total, 10 * _WRITE_BATCH):
            with _errors("listing chunk ids", self._url):
                found.update(self._col.get(include=[], limit=10 * _WRITE_BATCH, offset=offset)["ids"])
        return found

    def count(self) -> int:
        """Number of chunks in the collection."""
        with _errors("counting chunks", self._url):
            return int(self._col.count())



class ChromaServerStore(ChromaStore):
    """A Chroma server shared by several homes: the chunk collection plus `<collection>_articles`
    holding every article's record (the SharedStore protocol)."""

    def __init__(self, home: Path, url: str, collection: str = "ragnews") -> None:
        """Connect to the server at url and open (or create) both collections."""
        super().__init__(home, url, collection)
        self._server_url = url
        self._articles = self._collection(self.articles_name, None)

    @property
    def url(self) -> str:
        """The server's URL."""
        return self._server_url

    @property
    def articles_name(self) -> str:
        """Name of the collection holding the article records."""
        return f"{self.name}_articles"

    def put_articles(self, ids: Sequence[str], documents: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        """Add or replace article records by id (1-dim dummy vectors)."""
        col = self._articles
        for i in range(0, len(ids), _WRITE_BATCH):
            part = list(ids[i : i + _WRITE_BATCH])
            with _errors("writing article records", self._url):
                col.upsert(ids=part, embeddings=np.zeros((len(part), 1), dtype=np.float32),
                           documents=list(documents[i : i + _WRITE_BATCH]), metadatas=list(metadatas[i : i + _WRITE_BATCH]))

    def delete_articles(self, ids: Sequence[str]) -> None:
        """Delete article records by id; unknown ids are ignored."""
        col = self._articles
        for i in range(0, len(ids), _WRITE_BATCH):
            with _errors("deleting article records", self._url):
                col.delete(ids=list(ids[i : i + _WRITE_BATCH]))

    def article_ids(self) -> set[str]:
        """Return the ids of every article record on the server."""
        col = self._articles
        with _errors("listing article records", self._url):
            return set(col.get(include=[])["ids"])

    def article_rows(self, ids: Sequence[str]) -> list[tuple[str, str, dict[str, Any]]]:
        """Return (id, body, metadata) of the article records among ids."""
        col, out = self._articles, []
        for i in range(0, len(ids), _READ_BATCH):
            with _errors("reading article records", self._url):
                res = col.get(ids=list(ids[i : i + _READ_BATCH]), include=["documents", "metadatas"])
            out += list(zip(res["ids"], res["documents"], res["metadatas"]))
        return out

    def chunk_rows(self, article_ids: Sequence[str]) -> list[tuple[str, dict[str, Any], np.ndarray]]:
        """Return (chunk id, metadata, vector) of every chunk of the given articles."""
        out: list[tuple[str, dict[str, Any], np.ndarray]] = []
        for i in range(0, len(article_ids), _READ_BATCH):
            where = {"article_id": {"$in": list(article_ids[i : i + _READ_BATCH])}}
            with _errors("reading chunks", self._url):
                res = self._col.get(where=where, include=["metadatas", "embeddings"])
            out += [(cid, meta, np.asarray(vec, dtype=np.float32)) for cid, meta, vec in zip(res["ids"], res["metadatas"], res["embeddings"])]
        return out

    def sync_state(self) -> tuple[str, str]:
        """Return the server's current (sync token, embedder id); empty strings before the first write."""
        with _errors("reading the sync token", self._url):
            meta = self._client.get_collection(self.articles_name, embedding_function=None).metadata or {}
        return str(meta.get("token", "")), str(meta.get("embedder", ""))

    def touch(self, embedder: str) -> None:
        """Give the article records a new sync token (after any write), recording the embedder id."""
        col = self._articles
        with _errors("updating the sync token", self._url):
            col.modify(metadata={"token": uuid4().hex, "embedder": embedder})


def open_store(home: Path, url: str | None, collection: str) -> ChromaStore:
    """Open the embedded store under home, or the shared server store when a url is given."""
    return ChromaServerStore(home, url, collection) if url else ChromaStore(home, None, collection)
