"""Chroma vector store: embedded PersistentClient under home, or a Chroma server via HttpClient."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from ..errors import ConfigError, StoreError
from ..models import Chunk

_WRITE_BATCH = 1000


def _client(home: Path, url: str | None) -> Any:
    """Return a Chroma client: HttpClient for url, else PersistentClient in home/chroma."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not url:
        return chromadb.PersistentClient(path=str(home / "chroma"), settings=chroma_settings)
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(f"RAGNEWS_CHROMA_URL={url!r} is not a URL like http://127.0.0.1:8000")
    port = parsed.port or (443 if parsed.scheme == "https" else 8000)
    try:
        return chromadb.HttpClient(host=parsed.hostname, port=port, ssl=parsed.scheme == "https", settings=chroma_settings)
    except Exception as exc:  # chromadb raises plain exceptions on connection failure
        raise StoreError(f"cannot reach the Chroma server at {url} ({exc}); is `chroma run` up?") from exc


class ChromaStore:
    """The Store protocol on a Chroma collection (cosine space; vectors always supplied by ragnews)."""

    def __init__(self, home: Path, url: str | None = None, collection: str = "ragnews") -> None:
        """Open or create the collection; never attaches Chroma's own (downloading) embedding function."""
        self.url = url
        self._client = _client(home, url)
        try:
            self._col = self._client.get_or_create_collection(
                collection, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        except Exception as exc:
            raise StoreError(f"cannot open Chroma collection {collection!r} ({exc})") from exc

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None:
        """Add or replace chunks by id, in batches."""
        for i in range(0, len(chunks), _WRITE_BATCH):
            part = chunks[i : i + _WRITE_BATCH]
            self._col.upsert(
                ids=[c.id for c in part], embeddings=np.asarray(vectors[i : i + _WRITE_BATCH], dtype=np.float32),
                metadatas=list(metadatas[i : i + _WRITE_BATCH]), documents=[c.text for c in part],
            )

    def delete(self, ids: Sequence[str]) -> None:
        """Delete chunks by id; unknown ids are ignored."""
        for i in range(0, len(ids), _WRITE_BATCH):
            self._col.delete(ids=list(ids[i : i + _WRITE_BATCH]))

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """Return up to k (chunk_id, cosine similarity), best first."""
        if k <= 0:
            return []
        res = self._col.query(query_embeddings=np.asarray([vector], dtype=np.float32), n_results=k, where=where or None, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def existing(self, ids: Sequence[str]) -> set[str]:
        """Return the subset of ids present in the collection."""
        found: set[str] = set()
        for i in range(0, len(ids), _WRITE_BATCH):
            found.update(self._col.get(ids=list(ids[i : i + _WRITE_BATCH]), include=[])["ids"])
        return found

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Return stored vectors by chunk id."""
        res = self._col.get(ids=list(ids), include=["embeddings"])
        return {cid: np.asarray(v, dtype=np.float32) for cid, v in zip(res["ids"], res["embeddings"])}

    def count(self) -> int:
        """Number of chunks in the collection."""
        return int(self._col.count())
