"""Hybrid retrieval: dense (Chroma) + BM25 (FTS5), reciprocal rank fusion, story collapse, MMR."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from ._text import STOPWORDS, words
from .injection import passage_for_prompt, screen
from .models import Article, Chunk, DateLike, Evidence, Filters
from .protocols import Embedder, Reranker, Store
from .records import Records
from .settings import Settings

Mode = Literal["hybrid", "dense", "bm25"]
__all__ = ["Candidate", "DateLike", "Filters", "Mode", "Retriever", "fts_query", "mmr", "rrf"]  # Filters: models.Filters


def fts_query(text: str) -> str:
    """Return a safe FTS5 OR-query of a text's content words (quoted, so no FTS syntax leaks in)."""
    terms = [w.replace('"', "") for w in words(text) if w not in STOPWORDS and len(w) > 1]
    return " OR ".join(f'"{t}"' for t in dict.fromkeys(terms))


def rrf(rankings: Sequence[tuple[Sequence[str], float]], k: int = 60) -> list[tuple[str, float]]:
    """Fuse ranked id lists by weighted reciprocal rank fusion; return (id, score) best first."""
    scores: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, cid in enumerate(ids):
            scores[cid] = scores.get(cid, 0.0) + weight / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def mmr(query: np.ndarray, vectors: np.ndarray, k: int, lam: float, relevance: np.ndarray | None = None) -> list[int]:
    """Return indices picked by maximal marginal relevance (relevance defaults to cosine to query)."""
    rel = vectors @ query if relevance is None else relevance
    picked: list[int] = []
    left = list(range(len(vectors)))
    while left and len(picked) < k:
        if picked:
            redundancy = (vectors[left] @ vectors[picked].T).max(axis=1)
        else:
            redundancy = np.zeros(len(left))
        scores = lam * rel[left] - (1 - lam) * redundancy
        best = left[int(np.argmax(scores))]
        picked.append(best)
        left.remove(best)
    return picked


@dataclass
class Candidate:
    """A fused candidate chunk with its article and ranks."""

    chunk: Chunk
    article: Article
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None
    reprints: list[str] = field(default_factory=list)


class Retriever:
    """Finds the passages that answer a query, one per syndicated story."""

    def __init__(self, records: Records, store: Store, embedder: Embedder, settings: Settings, reranker: Reranker | None = None) -> None:
        """Bind to one home's records, store and embedder (and an optional reranker)."""
        self.records, self.store, self.embedder, self.settings = records, store, embedder, settings
        self.reranker = reranker

    def retrieve(self, query: str, k: int | None = None, filters: Filters | None = None, mode: Mode | None = None,
                 timings: dict[str, float] | None = None) -> list[Evidence]:
        """Return up to k passages for query, fused, de-duplicated across syndicated copies and diversified.

        Args:
            query: the question or topic.
            k: passages wanted (default settings.top_k).
            filters: date/outlet/article filters.
            mode: hybrid, dense or bm25 (default settings.retriever).
            timings: a dict that receives seconds per stage.

        Returns:
            Evidence passages, best first.
        """
        k = k or self.settings.top_k
        timings = {} if timings is None else timings
        qvec, candidates = self.candidates(query, filters or Filters(), mode or self.settings.retriever, timings)
        started = time.perf_counter()
        kept = self._rerank(query, self._collapse_stories(candidates), k)
        picked = self._diversify(qvec, kept, k)
        timings["diversify"] = time.perf_counter() - started
        return [self._evidence(c) for c in picked]

    def candidates(self, query: str, filters: Filters, mode: Mode, timings: dict[str, float]) -> tuple[np.ndarray | None, list[Candidate]]:
        """Return the query vector and the fused candidate list."""
        n = self.settings.candidates
        started = time.perf_counter()
        qvec = self.embedder.embed([query])[0] if mode != "bm25" else None
        timings["embed_query"] = time.perf_counter() - started
        dense = [cid for cid, _ in self.store.query(qvec, n, filters)] if qvec is not None else []
        timings["dense"] = time.perf_counter() - started - timings["embed_query"]
        started = time.perf_counter()
        lexical: list[str] = []
        match = fts_query(query)
        if mode != "dense" and match:
            lexical = [cid for cid, _ in self.records.bm25(match, n, filters)]
        timings["bm25"] = time.perf_counter() - started
        fused = rrf([(dense, self.settings.dense_weight), (lexical, self.settings.bm25_weight)], self.settings.rrf_k)
        return qvec, self._hydrate(fused, dense, lexical)

    def _hydrate(self, fused: list[tuple[str, float]], dense: list[str], lexical: list[str]) -> list[Candidate]:
        """Attach chunks and articles to fused ids (ids missing from the records are dropped)."""
        chunks = self.records.get_chunks([cid for cid, _ in fused])
        articles = self.records.get_articles(c.article_id for c in chunks.values())
        d_rank = {cid: i + 1 for i, cid in enumerate(dense)}
        b_rank = {cid: i + 1 for i, cid in enumerate(lexical)}
        out = []
        for cid, score in fused:
            chunk = chunks.get(cid)
            if chunk and chunk.article_id in articles:
                out.append(Candidate(chunk, articles[chunk.article_id], score, d_rank.get(cid), b_rank.get(cid)))
        return out

    def _collapse_stories(self, candidates: list[Candidate]) -> list[Candidate]:
        """Fold near-identical chunks of one syndicated story into the best one, listing the reprints."""
        kept: list[Candidate] = []
        for cand in candidates:
            twin = next((k for k in kept if k.article.story_id == cand.article.story_id
                         and k.article.id != cand.article.id and _overlap(k.chunk.text, cand.chunk.text) >= 0.5), None)
            if twin is None:
                kept.append(cand)
                continue
            twin.reprints.append(cand.article.id)
            if cand.article.id == cand.article.story_id:  # prefer the original over a reprint
                twin.chunk, twin.article, twin.reprints[-1] = cand.chunk, cand.article, twin.article.id
        return kept

    def _rerank(self, query: str, kept: list[Candidate], k: int) -> list[Candidate]:
        """Reorder the top candidates with the reranker, if one is set (rank becomes the score)."""
        if self.reranker is None or len(kept) <= 1:
            return kept
        head, tail = kept[: 3 * k], kept[3 * k :]
        order = self.reranker.rerank(query, [passage_for_prompt(c.chunk.text, c.chunk.start, c.article) for c in head])
        for rank, i in enumerate(order):
            head[i].score = 1.0 / (1 + rank)
        return [head[i] for i in order] + tail

    def _diversify(self, qvec: np.ndarray | None, kept: list[Candidate], k: int) -> list[Candidate]:
        """Pick k candidates by MMR over chunk vectors, with fused score as relevance."""
        if qvec is None or len(kept) <= 1:
            return kept[:k]
        vecs = self.records.chunk_vectors([c.chunk.id for c in kept])
        if len(vecs) < len(kept):
            return kept[:k]
        matrix = np.stack([vecs[c.chunk.id] for c in kept])
        rel = np.array([c.score for c in kept])
        rel = rel / rel.max()
        order = mmr(qvec, matrix, k, self.settings.mmr_lambda, relevance=rel)
        return [kept[i] for i in order]

    def _evidence(self, c: Candidate) -> Evidence:
        """Turn a candidate into public Evidence."""
        a = c.article
        return screen(Evidence(
            chunk_id=c.chunk.id, article_id=a.id, title=a.title, source=a.source, published=a.published_iso,
            text=c.chunk.text, start=c.chunk.start, end=c.chunk.end, score=c.score, dense_rank=c.dense_rank,
            bm25_rank=c.bm25_rank, story_id=a.story_id, reprints=c.reprints,
        ), a)


def _overlap(a: str, b: str) -> float:
    """Return the Jaccard overlap of two texts' word sets."""
    wa, wb = set(words(a)), set(words(b))
    return len(wa & wb) / max(1, len(wa | wb))
