"""The small seams of ragnews; each has a real offline default."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .models import Answer, Chunk, Evidence, Summary


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim), rows L2-normalised."""
        ...


@runtime_checkable
class Store(Protocol):
    """Holds chunk vectors with metadata and answers nearest-neighbour queries."""

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None:
        """Add or replace chunks by id."""
        ...

    def delete(self, ids: Sequence[str]) -> None:
        """Delete chunks by id (missing ids are ignored)."""
        ...

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """Return up to k (chunk_id, cosine similarity) pairs, best first."""
        ...

    def count(self) -> int:
        """Number of chunks stored."""
        ...


@runtime_checkable
class LLM(Protocol):
    """A chat model: a list of messages in, text out (optionally streamed)."""

    name: str

    def complete(self, messages: list[dict[str, str]]) -> str:
        """Return the model's reply."""
        ...

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        """Yield the model's reply in pieces."""
        ...


@runtime_checkable
class Answerer(Protocol):
    """Writes a cited answer from retrieved evidence."""

    name: str

    def answer(self, question: str, evidence: Sequence[Evidence]) -> Answer:
        """Return an Answer whose [n] markers index into its citations."""
        ...


@runtime_checkable
class Summariser(Protocol):
    """Writes a cited summary of passages within a word budget."""

    name: str

    def summarise(self, passages: Sequence[Evidence], words: int, query: str = "") -> Summary:
        """Return a Summary whose every sentence carries [n] citations."""
        ...


@runtime_checkable
class Reranker(Protocol):
    """Reorders candidate passages by usefulness for a query."""

    name: str

    def rerank(self, query: str, passages: Sequence[str]) -> list[int]:
        """Return indices of the passages worth keeping, most useful first."""
        ...
