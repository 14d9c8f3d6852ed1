"""The small seams of ragnews; each has a real offline default."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .models import Answer, AnswerStream, Article, Chunk, Evidence, Filters, Summary, Timeline


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

    def query(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """Return up to k (chunk_id, cosine similarity) pairs among the chunks the filters allow, best first.

        The store translates the neutral Filters into its own query syntax.
        """
        ...

    def count(self) -> int:
        """Number of chunks stored."""
        ...


@runtime_checkable
class InspectableStore(Store, Protocol):
    """A store `ragnews doctor` can compare with the records id by id (Chroma, embedded or server).

    The read-only CacheStore is not one: it is the embedding cache itself, so there is nothing
    to compare. Doctor checks `isinstance(store, InspectableStore)` instead of probing attributes.
    """

    location: str

    def ids(self) -> set[str]:
        """Return every chunk id in the store."""
        ...

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Return stored vectors by chunk id (unknown ids are left out)."""
        ...

    def metadatas(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Return stored chunk metadata by chunk id (unknown ids are left out)."""
        ...


@runtime_checkable
class SharedStore(Store, Protocol):
    """A store several homes share (a Chroma server): it also keeps every article's record, so any
    home can rebuild its SQLite records and lexical index from it (ragnews.sync)."""

    url: str
    name: str

    def put_articles(self, ids: Sequence[str], documents: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        """Add or replace article records by id."""
        ...

    def delete_articles(self, ids: Sequence[str]) -> None:
        """Delete article records by id (missing ids are ignored)."""
        ...

    def article_ids(self) -> set[str]:
        """Return the ids of every article record."""
        ...

    def article_rows(self, ids: Sequence[str]) -> list[tuple[str, str, dict[str, Any]]]:
        """Return (id, body, metadata) of the article records among ids."""
        ...

    def chunk_rows(self, article_ids: Sequence[str]) -> list[tuple[str, dict[str, Any], np.ndarray]]:
        """Return (chunk id, metadata, vector) of every chunk of the given articles."""
        ...

    def sync_state(self) -> tuple[str, str]:
        """Return the current (sync token, embedder id); the token changes with every write."""
        ...

    def touch(self, embedder: str) -> None:
        """Give the article records a new sync token, recording the embedder id."""
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
class ScoringLLM(LLM, Protocol):
    """An LLM that can also report how likely each token of its reply was (chat `logprobs`).

    Why a separate protocol: only some endpoints return token log-probabilities (OpenAI and
    llama.cpp do); the selection check reads its P(YES) from them, and an LLM without them keeps
    the bare YES/NO (with a warning).
    """

    def complete_scored(self, messages: list[dict[str, str]]) -> tuple[str, list[dict[str, float]] | None]:
        """Return the reply and, per token, its likeliest alternatives (token -> natural log-prob), or None."""
        ...


@runtime_checkable
class Answerer(Protocol):
    """Writes a cited answer from retrieved evidence."""

    name: str

    def answer(self, question: str, evidence: Sequence[Evidence]) -> Answer:
        """Return an Answer whose [n] markers index into the evidence (numbered from 1), unverified."""
        ...

    def stream(self, question: str, evidence: Sequence[Evidence]) -> AnswerStream:
        """Return the answer as a stream: draft pieces as they are written (if the engine can), then the Answer."""
        ...


@runtime_checkable
class Summarizer(Protocol):
    """Writes a cited summary of passages within a word budget."""

    name: str

    def summarize(self, passages: Sequence[Evidence], words: int, query: str = "") -> Summary:
        """Return a Summary whose every sentence carries [n] citations."""
        ...

    @property
    def whole_articles(self) -> bool:
        """True when topic summaries should get whole articles, False for retrieved passages."""
        ...


@runtime_checkable
class Timeliner(Protocol):
    """Builds a dated, cited timeline of a story from its articles (one per story, best first)."""

    name: str

    def timeline(self, query: str, articles: Sequence[Article], story_coverage: Callable[[str], float] | None = None) -> Timeline:
        """Return a Timeline whose entries are verified against the articles.

        story_coverage (story scope) tells how much of the story a text covers (0..1); builders
        may use it to skip the off-story parts of articles only partly about the story.
        """
        ...


@runtime_checkable
class Reranker(Protocol):
    """Reorders candidate passages by usefulness for a query."""

    name: str

    def rerank(self, query: str, passages: Sequence[str]) -> list[int]:
        """Return indices of the passages worth keeping, most useful first."""
        ...
