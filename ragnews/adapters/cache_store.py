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
from ..models import Chunk
from ..records import Records


class CacheStore:
    """The Store protocol, read-only, over the records' chunk vectors (exact cosine search)."""

    shared = False

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

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """Return up to k (chunk_id, cosine similarity), best first (vectors are L2-normalised)."""
        matrix = self._load()
        if k <= 0 or not len(matrix):
            return []
        mask = _match(where, self._columns, len(matrix)) if where else np.ones(len(matrix), dtype=bool)
        rows = np.flatnonzero(mask)
        scores = matrix[rows] @ np.asarray(vector, dtype=np.float32)
        best = np.argsort(-scores, kind="stable")[:k]
        return [(self._ids[rows[i]], float(scores[i])) for i in best]

    def count(self) -> int:
        """Number of chunks with a cached vector."""
        return len(self._load())

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None:
        """Refuse: this store serves a read-only home."""
        raise StoreError(f"{self.records.path.parent}: this home is read-only; ingest into a writable --home (or fix its permissions)")

    def delete(self, ids: Sequence[str]) -> None:
        """Refuse: this store serves a read-only home."""
        self.upsert([], np.zeros((0, 1)), [])


def _match(where: dict[str, Any], columns: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Evaluate the subset of Chroma's `where` language that ragnews' filters produce ($and/$or, $eq..$lte, $in)."""
    mask = np.ones(n, dtype=bool)
    for key, cond in where.items():
        if key in ("$and", "$or"):
            parts = [_match(c, columns, n) for c in cond]
            part = np.logical_and.reduce(parts) if key == "$and" else np.logical_or.reduce(parts)
        else:
            part = _compare(columns[key], cond if isinstance(cond, dict) else {"$eq": cond})
        mask &= part
    return mask


def _compare(column: np.ndarray, cond: dict[str, Any]) -> np.ndarray:
    """Evaluate one field condition such as {'$gte': 5} or {'$in': ['Reuters']}."""
    mask = np.ones(len(column), dtype=bool)
    for op, value in cond.items():
        if op == "$in":
            mask &= np.isin(column, list(value))
        elif op == "$nin":
            mask &= ~np.isin(column, list(value))
        elif op in _OPS:
            with np.errstate(invalid="ignore"):
                mask &= np.asarray(_OPS[op](column, value), dtype=bool)
        else:
            raise StoreError(f"the read-only vector search does not support the filter operator {op}")
    return mask


_OPS = {
    "$eq": lambda c, v: c == v, "$ne": lambda c, v: c != v, "$gt": lambda c, v: c > v,
    "$gte": lambda c, v: c >= v, "$lt": lambda c, v: c < v, "$lte": lambda c, v: c <= v,
}
