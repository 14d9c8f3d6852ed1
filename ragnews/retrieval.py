"""Hybrid news retrieval: dense (Chroma) + field-weighted BM25 (FTS5) over chunks and whole articles,
fused by reciprocal rank fusion into an article ranking, boosted by the outlets and dates a question
names, syndicated copies folded into one story."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any, Literal

import numpy as np

from ._text import STOPWORDS, words
from .injection import passage_for_prompt, screen
from .models import Article, Chunk, DateLike, DateWindow, Evidence, Filters, Understanding, _parse_day, to_epoch
from .protocols import Embedder, Reranker, Store
from .records import Records
from .settings import Settings

Mode = Literal["hybrid", "dense", "bm25"]
__all__ = ["ArticleHit", "Candidate", "DateLike", "Filters", "Mode", "Retriever", "fts_query", "mmr", "rrf"]  # Filters: models.Filters


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


@dataclass
class ArticleHit:
    """One article ranked by the evidence of its chunks (and its whole-text BM25), best passages first."""

    article: Article
    score: float
    passages: list[Candidate] = field(default_factory=list)
    reprints: list[str] = field(default_factory=list)


@dataclass
class _Ranking:
    """What one query text found: article scores and the fused score of every candidate chunk."""

    articles: dict[str, float] = field(default_factory=dict)
    chunks: dict[str, Candidate] = field(default_factory=dict)


By = Literal["chunk", "article"]


class Retriever:
    """Finds the articles and passages that answer a news question.

    Chunks are found by dense search and field-weighted BM25 (metadata line + body), whole
    articles by title-weighted BM25; the chunk lists are folded into article rankings (an
    article ranks where its best chunk ranks) and fused with the article list by weighted
    reciprocal rank fusion. Outlets and dates the question names boost their articles;
    a multi-part question is retrieved part by part and fused so each part keeps its evidence.
    """

    def __init__(self, records: Records, store: Store, embedder: Embedder, settings: Settings, reranker: Reranker | None = None) -> None:
        """Bind to one home's records, store and embedder (and an optional reranker)."""
        self.records, self.store, self.embedder, self.settings = records, store, embedder, settings
        self.reranker = reranker
        self._corpus_key: Any = None
        self._outlets: list[str] = []
        self._dates: tuple[date | None, date | None] = (None, None)

    def retrieve(self, query: str, k: int | None = None, filters: Filters | None = None, mode: Mode | None = None,
                 timings: dict[str, float] | None = None, by: By = "chunk", as_of: DateLike = None) -> list[Evidence]:
        """Return up to k passages for query: distinct articles first, syndicated copies folded together.

        Args:
            query: the question or topic.
            k: passages (by="chunk") or articles (by="article") wanted (default settings.top_k).
            filters: hard date/outlet/article filters (outlet names match case-insensitively).
            mode: hybrid, dense or bm25 (default settings.retriever).
            timings: a dict that receives seconds per stage.
            by: "chunk": the best passage of each of the top articles, then further passages of
                them if fewer than k articles match; "article": k distinct articles, one
                passage each (its best).
            as_of: the date relative phrases ("last week") resolve against (default: newest stored article).

        Returns:
            Evidence passages, best first.
        """
        return self.search(query, k, filters, mode, timings, by, as_of)[0]

    def search(self, query: str, k: int | None = None, filters: Filters | None = None, mode: Mode | None = None,
               timings: dict[str, float] | None = None, by: By = "chunk", as_of: DateLike = None) -> tuple[list[Evidence], Understanding]:
        """Like retrieve, and also return what was understood of the question."""
        k = k or self.settings.top_k
        timings = {} if timings is None else timings
        filters = self.resolve_sources(filters or Filters())
        understood = self.understand(query, as_of)
        pool = 3 * k if self.reranker is not None and by == "chunk" else k  # the reranker reorders a 3k head
        hits = self.rank_articles(query, filters, mode or self.settings.retriever, timings, understood, pool)
        started = time.perf_counter()
        if by == "article":
            picked = [h.passages[0] for h in hits[:k]]
        else:
            picked = self._rerank(query, self._passages(hits, pool), k)[:k]
        timings["diversify"] = time.perf_counter() - started
        return [self._evidence(c) for c in picked], understood

    # ----------------------------------------------------------------------- understanding

    def _refresh_corpus(self) -> None:
        """Re-read the stored outlets and date range when the articles changed (cheap key: newest rowid)."""
        key = self.records.corpus_key()
        if key != self._corpus_key:
            self._outlets = [name for name, _ in self.records.outlets()]
            lo, hi = self.records.published_range()
            self._dates = (_day(lo), _day(hi))
            self._corpus_key = key

    def understand(self, query: str, as_of: DateLike = None) -> Understanding:
        """Return the outlets, soft date window and parts a question names (relative to as_of or the corpus)."""
        if not self.settings.understand:
            return Understanding()
        from .query import understand

        self._refresh_corpus()
        ref = _parse_day(as_of, "as_of") if as_of is not None else self._dates[1]
        ref_day = ref.date() if isinstance(ref, datetime) else ref
        understood = understand(query, self._outlets, ref_day, self._dates[0])
        if as_of is not None and ref_day is not None and understood.dates is None and self.settings.recency_days > 0:
            # asked on a known date with no date named: the news of the days before it is meant
            since = ref_day - timedelta(days=self.settings.recency_days)
            understood.dates = DateWindow(since=since.isoformat(), until=ref_day.isoformat(), phrase=f"asked on {ref_day.isoformat()}")
        return understood

    def resolve_sources(self, filters: Filters) -> Filters:
        """Map --source names onto stored outlet names case-insensitively (then by alias, e.g. cnn -> cnn.com)."""
        if not filters.sources:
            return filters
        from .query import outlet_aliases

        self._refresh_corpus()
        by_lower = {o.lower(): o for o in self._outlets}
        resolved: list[str] = []
        for name in filters.sources:
            exact = by_lower.get(name.strip().lower())
            if exact:
                resolved.append(exact)
                continue
            wanted = outlet_aliases(name)
            resolved += [o for o in self._outlets if outlet_aliases(o) & wanted] or [name]
        return replace(filters, sources=tuple(dict.fromkeys(resolved)))

    # ----------------------------------------------------------------------- ranking

    def rank_articles(self, query: str, filters: Filters, mode: Mode, timings: dict[str, float],
                      understood: Understanding | None = None, k: int | None = None) -> list[ArticleHit]:
        """Return (up to k) articles best first, each with its passages best first (syndicated copies folded).

        Each text (the question, then each part) is ranked on its own; after fusion an article is
        lifted by the strongest boost any text gives it, each part boosting the outlets and date it
        names itself ("the CNN article of July 20 on A and the USA Today article of Aug. 2 on B":
        part two lifts USA Today's Aug. 2 articles, not only CNN's of July 20).
        """
        understood = understood or Understanding()
        texts = [query, *understood.parts]
        outlets = [list(understood.outlets), *(_outlets_in(t, understood) for t in understood.parts)]
        windows = [understood.dates, *(self._part_window(t, understood) for t in understood.parts)]
        rankings = [self._rank_one(t, filters, mode, timings, _outlets_in(t, understood)) for t in texts]
        chunks: dict[str, Candidate] = {}
        for r in rankings:
            for cid, cand in r.chunks.items():
                if cid not in chunks or cand.score > chunks[cid].score:
                    chunks[cid] = cand
        if len(rankings) == 1:
            scores = self._boost(rankings[0].articles, chunks, outlets[0], windows[0])
        else:  # fuse the whole question's and each part's article rankings (parts weighted part_weight), then
            # lift each article by the strongest boost any text gives it (its own part's outlet and date)
            weights = [1.0] + [self.settings.part_weight] * (len(rankings) - 1)
            scores = dict(rrf([(_best_first(r.articles), w) for r, w in zip(rankings, weights)], self.settings.rrf_k))
            factors = [self._boost(dict.fromkeys(scores, 1.0), chunks, o, w) for o, w in zip(outlets, windows)]
            scores = {a: s * max(f[a] for f in factors) for a, s in scores.items()}
        return self._hits(scores, chunks, query, k or self.settings.candidates)

    def _part_window(self, part: str, understood: Understanding) -> DateWindow | None:
        """The date window a part names itself (outlet names masked), else the question's."""
        from .query import date_window, mask_outlets

        if not understood.reference_date:
            return understood.dates
        ref = date.fromisoformat(understood.reference_date)
        own = date_window(mask_outlets(part, understood.outlet_phrases), ref, self._dates[0])
        return own or understood.dates

    def _rank_one(self, text: str, filters: Filters, mode: Mode, timings: dict[str, float], outlets: list[str]) -> _Ranking:
        """Rank articles for one query text: chunk lists folded to articles, fused with whole-article BM25.

        When the text names outlets, the chunk lists are searched once more within those outlets, so
        a named outlet's report is a candidate even when other outlets' wording matches better.
        """
        s = self.settings
        lists = self._chunk_lists(text, filters, mode, timings)
        if outlets:
            outlet_filters = self._outlet_filters(filters, outlets)
            if outlet_filters is not None:
                lists += [(ids, w * s.outlet_list_weight, kind) for ids, w, kind in self._chunk_lists(text, outlet_filters, mode, timings)]
        chunk_ids = list(dict.fromkeys(cid for ids, _, _ in lists for cid in ids))
        fused = dict(rrf([(ids, w) for ids, w, _ in lists], s.rrf_k))
        cands = self._hydrate(chunk_ids, fused, lists)
        article_lists: list[tuple[Sequence[str], float]] = []
        for ids, weight, _ in lists:
            order = [cands[c].article.id for c in ids if c in cands]
            article_lists.append((list(dict.fromkeys(order)), weight))
        if mode != "dense" and s.article_bm25_weight > 0:
            started = time.perf_counter()
            match = fts_query(text)
            if match:
                found = self.records.article_bm25(match, s.candidates, filters, (s.title_weight, 1.0, 1.0))
                article_lists.append(([aid for aid, _ in found], s.article_bm25_weight))
            timings["bm25_articles"] = timings.get("bm25_articles", 0.0) + time.perf_counter() - started
        return _Ranking(dict(rrf(article_lists, s.rrf_k)), cands)

    def _chunk_lists(self, text: str, filters: Filters, mode: Mode, timings: dict[str, float]) -> list[tuple[list[str], float, str]]:
        """Return the dense and field-weighted BM25 chunk rankings of a text under filters, with their fusion weights."""
        s = self.settings
        n = s.candidates
        out: list[tuple[list[str], float, str]] = []
        if mode != "bm25":
            started = time.perf_counter()
            qvec = self._embed_query(text)
            timings["embed_query"] = timings.get("embed_query", 0.0) + time.perf_counter() - started
            started = time.perf_counter()
            out.append(([cid for cid, _ in self.store.query(qvec, n, filters)], s.dense_weight, "dense"))
            timings["dense"] = timings.get("dense", 0.0) + time.perf_counter() - started
        match = fts_query(text)
        if mode != "dense" and match:
            started = time.perf_counter()
            found = self.records.bm25(match, n, filters, (s.head_weight, 1.0))
            out.append(([cid for cid, _ in found], s.bm25_weight, "bm25"))
            timings["bm25"] = timings.get("bm25", 0.0) + time.perf_counter() - started
        return out

    def _embed_query(self, text: str) -> np.ndarray:
        """Embed a query text (remembering the last few: parts and outlet lists reuse them)."""
        cache = self.__dict__.setdefault("_qcache", {})
        if text not in cache:
            if len(cache) > 64:
                cache.clear()
            cache[text] = self.embedder.embed([text])[0]
        vec: np.ndarray = cache[text]
        return vec

    def _outlet_filters(self, filters: Filters, outlets: list[str]) -> Filters | None:
        """Filters restricted to the named outlets (None when the hard filters exclude them all)."""
        named = [o for o in outlets if not filters.sources or o in filters.sources]
        return replace(filters, sources=tuple(named)) if named else None

    def _hydrate(self, ids: list[str], fused: dict[str, float], lists: list[tuple[list[str], float, str]]) -> dict[str, Candidate]:
        """Attach chunks and articles to candidate ids (ids missing from the records are dropped)."""
        chunks = self.records.get_chunks(ids)
        articles = self.records.article_stubs(c.article_id for c in chunks.values())
        ranks: dict[str, dict[str, int]] = {"dense": {}, "bm25": {}}
        for found, _, kind in lists:
            for i, cid in enumerate(found):
                ranks[kind].setdefault(cid, i + 1)
        out = {}
        for cid in ids:
            chunk = chunks.get(cid)
            if chunk and chunk.article_id in articles:
                out[cid] = Candidate(chunk, articles[chunk.article_id], fused.get(cid, 0.0),
                                     ranks["dense"].get(cid), ranks["bm25"].get(cid))
        return out

    def _boost(self, scores: dict[str, float], chunks: dict[str, Candidate], outlets: Sequence[str],
               window: DateWindow | None) -> dict[str, float]:
        """Lift articles from the named outlets and inside the date window (soft: nothing is dropped)."""
        if not (outlets or window) or not scores:
            return scores
        articles = {c.article.id: c.article for c in chunks.values()}
        articles.update(self.records.article_stubs(a for a in scores if a not in articles))
        named = set(outlets)
        lo, hi = _window(window)
        out = {}
        for aid, score in scores.items():
            a = articles.get(aid)
            factor = 1.0
            if a is not None and a.source in named:
                factor += self.settings.outlet_boost
            if a is not None and lo is not None and hi is not None and a.published_epoch is not None:
                if lo <= a.published_epoch <= hi:
                    factor += self.settings.date_boost
            out[aid] = score * factor
        return out

    def _hits(self, scores: dict[str, float], chunks: dict[str, Candidate], query: str, need: int) -> list[ArticleHit]:
        """Turn the best `need` article scores into hits with passages, each syndicated story folded into its best copy."""
        order = sorted(scores, key=lambda a: (-scores[a], a))
        by_article: dict[str, list[Candidate]] = {}
        for cand in sorted(chunks.values(), key=lambda c: -c.score):
            by_article.setdefault(cand.article.id, []).append(cand)
        missing = [a for a in order[: 2 * need] if a not in by_article]
        articles = self.records.article_stubs(missing) if missing else {}
        hits: list[ArticleHit] = []
        seen_story: dict[str, ArticleHit] = {}
        for aid in order:
            if len(hits) >= need:
                break
            passages = by_article.get(aid) or self._lead_passages(articles.get(aid), query)
            if not passages:
                continue
            article = passages[0].article
            story = article.story_id or article.id
            if story in seen_story:
                seen_story[story].reprints.append(aid)
                continue
            hit = ArticleHit(article, scores[aid], passages)
            seen_story[story] = hit
            hits.append(hit)
        for hit in hits:
            for p in hit.passages:
                p.score, p.reprints = hit.score, hit.reprints
        return hits

    def _lead_passages(self, article: Article | None, query: str) -> list[Candidate]:
        """Passages of an article only whole-article BM25 found: its chunks ordered by query-word overlap."""
        if article is None:
            return []
        terms = {w for w in words(query) if w not in STOPWORDS}
        chunks = self.records.chunks_of(article.id)
        ranked = sorted(chunks, key=lambda c: (-len(terms & set(words(c.text))), c.index))
        return [Candidate(c, article, 0.0) for c in ranked[:3]]

    def _passages(self, hits: list[ArticleHit], k: int) -> list[Candidate]:
        """Return k passages: the best of each article in rank order, then second-best ones, and so on."""
        picked: list[Candidate] = []
        depth = 0
        while len(picked) < k and any(len(h.passages) > depth for h in hits):
            picked += [h.passages[depth] for h in hits if len(h.passages) > depth][: k - len(picked)]
            depth += 1
        return picked

    def _rerank(self, query: str, kept: list[Candidate], k: int) -> list[Candidate]:
        """Reorder the picked passages with the reranker, if one is set (rank becomes the score)."""
        if self.reranker is None or len(kept) <= 1:
            return kept
        head, tail = kept[: 3 * k], kept[3 * k :]
        order = self.reranker.rerank(query, [self._prompt_text(c) for c in head])
        for rank, i in enumerate(order):
            head[i].score = 1.0 / (1 + rank)
        return [head[i] for i in order] + tail

    def _prompt_text(self, c: Candidate) -> str:
        """A passage for a prompt with flagged sentences blanked (stubs without stored flags: the full article's)."""
        article = c.article if c.article.injection is not None else self.records.get_article(c.article.id)
        return passage_for_prompt(c.chunk.text, c.chunk.start, article)

    def _evidence(self, c: Candidate) -> Evidence:
        """Turn a candidate into public Evidence."""
        a = c.article
        return screen(Evidence(
            chunk_id=c.chunk.id, article_id=a.id, title=a.title, source=a.source, published=a.published_iso,
            text=c.chunk.text, start=c.chunk.start, end=c.chunk.end, score=c.score, dense_rank=c.dense_rank,
            bm25_rank=c.bm25_rank, story_id=a.story_id, reprints=list(c.reprints),
        ), a if a.injection is not None else None)  # a stub without stored flags: flags come from the passage itself


def _best_first(scores: dict[str, float]) -> list[str]:
    """Ids by score, best first."""
    return sorted(scores, key=lambda a: -scores[a])


def _day(epoch: int | None) -> date | None:
    """Return the UTC date of an epoch (None stays None)."""
    return None if epoch is None else datetime.fromtimestamp(epoch, tz=timezone.utc).date()


def _outlets_in(text: str, understood: Understanding) -> list[str]:
    """Return the understood outlets whose phrase occurs in text (a part names only its own outlets)."""
    lower = text.lower()
    return [o for o, phrase in zip(understood.outlets, understood.outlet_phrases) if phrase.lower() in lower]


def _window(window: DateWindow | None) -> tuple[int | None, int | None]:
    """Return the epoch bounds of a date window (until covers its whole last day)."""
    if window is None:
        return None, None
    lo = to_epoch(date.fromisoformat(window.since))
    hi = to_epoch(date.fromisoformat(window.until))
    return lo, None if hi is None else hi + 86399


def _overlap(a: str, b: str) -> float:
    """Return the Jaccard overlap of two texts' word sets."""
    wa, wb = set(words(a)), set(words(b))
    return len(wa & wb) / max(1, len(wa | wb))
