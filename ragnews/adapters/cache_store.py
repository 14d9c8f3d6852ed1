"""A read-only Store over the embedding cache in the article records, for homes ragnews cannot write.

Chroma's PersistentClient writes to its SQLite file on open (migrations, WAL), so it cannot open
a home on a read-only mount or owned by another user. Every stored chunk's vector is also in the
records' embedding cache (ingest writes both), so exact nearest neighbours are one matrix product
away: answers from a read-only home keep their dense side instead of degrading to BM25 only.
The matrix is loaded on the first query (about 1.5 kB per chunk with the 384-dim MiniLM).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import StoreError
from ..models import Chunk, Filters
from ..records import Records


class CacheStore:
    """The Store protocol, read-only, over the records' chunk vectors (exact cosine search)."""

    def __init__(self, records: Records) -> None:
        """Bind to the records; nothing is read until the first query."""
        self.records = records
        self._ids: list[str] = []
        self._columns: dict[str, np.ndarray] = {}
        self._matrix: np.ndarray | None = None

    def _load(self) -> np.ndarray:
        """Read every chunk's vector and filterable fields once."""
        if self._matrix is None:
            rows = [r for r in self.records.chunk_index_rows() if r[5] is not None]
            self._ids = [r[0] for r in rows]
            self._columns = {
                "article_id": np.array([r[1] for r in rows], dtype=object),
                "story_id": np.array([r[2] for r in rows], dtype=object),
                "source": np.array([r[3] for r in rows], dtype=object),
                "published_ts": np.array([np.nan if r[4] is None else float(r[4]) for r in rows], dtype=np.float64),
            }
            vectors = [np.frombuffer(r[5] or b"", dtype=np.float32) for r in rows]
            self._matrix = np.stack(vectors) if vectors else np.zeros((0, 1), dtype=np.float32)
        return self._matrix

    def query(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """Return up to k (chunk_id, cosine similarity) among the chunks the filters allow, best first."""
        matrix = self._load()
        if k <= 0 or not len(matrix):
            return []
        mask = self._allowed(filters or Filters(), len(matrix))
        rows = np.flatnonzero(mask)
        scores = matrix[rows] @ np.asarray(vector, dtype=np.float32)
        best = np.argsort(-scores, kind="stable")[:k]
        return [(self._ids[rows[i]], float(scores[i])) for i in best]

    def _allowed(self, filters: Filters, n: int) -> np.ndarray:
        """Return the mask of chunks whose article the filters allow (undated articles fail date bounds)."""
        mask = np.ones(n, dtype=bool)
        lo, hi = filters.bounds()
        published = self._columns["published_ts"]
        with np.errstate(invalid="ignore"):  # NaN (undated) compares False, as in Chroma and SQL
            if lo is not None:
                mask &= published >= lo
            if hi is not None:
                mask &= published <= hi
        if filters.sources:
            mask &= np.isin(self._columns["source"], list(filters.sources))
        if filters.articles:
            mask &= np.isin(self._columns["article_id"], list(filters.articles))
        return mask

    def count(self) -> int:
        """Number of chunks with a cached vector."""
        return len(self._load())

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None:
        """Refuse: this store serves a read-only home."""
        raise StoreError(f"{self.records.path.parent}: this home is read-only; ingest into a writable --home (or fix its permissions)")

    def delete(self, ids: Sequence[str]) -> None:
        """Refuse: this store serves a read-only home."""
        self.upsert([], np.zeros((0, 1)), [])
