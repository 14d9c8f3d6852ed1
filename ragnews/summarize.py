"""Cited summaries: one article, or a topic across articles.

The offline default is extractive and news-aware. Each sentence of the source text gets a
score from

* position: 1/(1+i)^2 for the i-th sentence of an article (a news lead is strong);
* centrality: cosine of the sentence embedding to the centroid of the text(s);
* keywords: mean log frequency of its content words across sentences (one article) or
  across articles (several), i.e. word-level centrality;
* an attribution penalty for quotes and "X said" sentences (they are rarely summary-like);
* query relevance (cosine to the query) when a query is given;

then sentences are picked greedily by MMR (maximal marginal relevance against the sentences
already picked) within the word budget, and printed in reading order. Every output sentence
is an exact sentence of an article, passed through the same Verifier as answers, so each
citation quotes an exact span.

The weights of SINGLE_DOC (decay 2, centrality 0.2, keywords 0.2, attribution 0.1, MMR 0.7)
and the CNN/DM stop length (65 words) were chosen by grid search on the first 50 of the 250
CNN/DailyMail articles of eval/bench_summaries.py; the benchmark reports all 250 and the
held-out 200.

Disagreements: when two sentences from different stories published within a week of each
other say nearly the same thing (cosine >= 0.75) but differ in numbers, dates or quoted
words, both are kept side by side, each with its own citation, and Summary.warnings gets a
"sources differ" note naming both citations. The text itself stays purely extractive so
every sentence remains verifiable.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ._text import STOPWORDS, sentence_spans, words
from .dates import to_day
from .errors import ConfigError
from .evidence import Search, article_evidence, finish_citations, fit_context, marked_text, prompt_sources, story_articles
from .injection import warnings_for
from .models import Article, Evidence, Summary
from .protocols import LLM, Embedder, Summarizer
from .records import Records
from .verify import Verifier, render

if TYPE_CHECKING:
    from .story import StoryTest

ARTICLE_WORDS = 120
TOPIC_WORDS = 200
TOPIC_K = 12
CNNDM_STOP_WORDS = 65  # tuned on the first 50 CNN/DM articles (3-sentence budget)
_ATTRIBUTION = re.compile(r"\b(said|says)\b")
_QUOTES = "'\"‘’“”"
_QUOTED = re.compile(r"[“\"]([^”\"]{8,})[”\"]")
_NUMBER = re.compile(r"\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"twenty|thirty|forty|fifty|hundred|thousand|million|billion)\b", re.I)
_DISAGREE_COSINE = 0.75
_DISAGREE_DAYS = 7
NOT_LEAD = 10_000  # position of sentences in passages that do not start an article: no lead prior


@dataclass(frozen=True)
class Weights:
    """Weights of the sentence scorer and the selection."""

    position: float = 1.0
    position_decay: float = 2.0
    centrality: float = 0.2
    keywords: float = 0.2
    attribution: float = 0.1
    relevance: float = 0.0
    mmr_lambda: float = 0.7
    window: int = 10
    min_words: int = 4
    min_relevance: float = 0.0


SINGLE_DOC = Weights()
# Several articles, no query (TAC-style): every article has a lead, so position counts less.
MULTI_DOC = Weights(position=0.5, centrality=0.3, keywords=0.1, relevance=1.0, window=25)
# A query: relevance dominates, any sentence may be picked, but only those at least 70% as
# close to the query as the closest one (keeps the summary on topic instead of filling it up).
QUERY_FOCUSED = Weights(position=0.15, centrality=0.2, keywords=0.1, attribution=0.05, relevance=1.0,
                        window=10_000, min_relevance=0.7)


def default_weights(n_texts: int, query: str) -> Weights:
    """Return the weights for a query-focused, multi-document or single-document summary."""
    return QUERY_FOCUSED if query else MULTI_DOC if n_texts > 1 else SINGLE_DOC


@dataclass(frozen=True)
class Candidate:
    """A sentence of one of the input texts, with its offsets into that text."""

    doc: int
    position: int
    start: int
    end: int
    text: str

    @property
    def n_words(self) -> int:
        """Words as a reader counts them (whitespace-separated)."""
        return len(self.text.split())


def word_count(text: str) -> int:
    """Return the number of whitespace-separated words (the unit of every word budget)."""
    return len(text.split())


def candidates_of(texts: Sequence[str], positional: Sequence[bool] | None = None, min_words: int = 4) -> list[Candidate]:
    """Split texts into candidate sentences (positional[d] False: text d is not an article start)."""
    out = []
    for d, text in enumerate(texts):
        lead = positional[d] if positional is not None else True
        for i, (s, e) in enumerate(sentence_spans(text)):
            if word_count(text[s:e]) >= min_words and any(ch.isalpha() for ch in text[s:e]):
                out.append(Candidate(d, i if lead else NOT_LEAD, s, e, text[s:e]))
    return out


def _is_attribution(text: str) -> bool:
    """True for quotes and attributed statements ("..." / X said ...)."""
    return text[:1] in _QUOTES or text[-1:] in _QUOTES or bool(_ATTRIBUTION.search(text))


def _keyword_scores(cands: Sequence[Candidate], texts: Sequence[str]) -> np.ndarray:
    """Mean log frequency of each candidate's content words over sentences (one text) or texts (several)."""
    if len(texts) > 1:
        units = [set(words(t)) for t in texts]
    else:
        units = [set(words(texts[0][s:e])) for s, e in sentence_spans(texts[0])] if texts else []
    freq: dict[str, int] = {}
    for unit in units:
        for w in unit:
            freq[w] = freq.get(w, 0) + 1
    out = []
    for c in cands:
        content = [w for w in words(c.text) if w not in STOPWORDS]
        out.append(float(np.mean([math.log(freq.get(w, 1)) for w in content])) if content else 0.0)
    return np.array(out)


def _centroid(cands: Sequence[Candidate], vectors: np.ndarray) -> np.ndarray:
    """Unit mean of the per-text centroids (so long texts do not dominate)."""
    docs = sorted({c.doc for c in cands})
    per_doc = [vectors[[i for i, c in enumerate(cands) if c.doc == d]].mean(axis=0) for d in docs]
    centre = np.mean(per_doc, axis=0)
    unit: np.ndarray = centre / (np.linalg.norm(centre) or 1.0)
    return unit


def score_candidates(cands: Sequence[Candidate], vectors: np.ndarray, texts: Sequence[str], weights: Weights,
                     query_vector: np.ndarray | None = None) -> np.ndarray:
    """Return the score of each candidate (position + centrality + keywords - attribution + relevance)."""
    if not cands:
        return np.zeros(0)
    position = np.array([1.0 / (1 + c.position) ** weights.position_decay for c in cands])
    central = vectors @ _centroid(cands, vectors)
    attribution = np.array([1.0 if _is_attribution(c.text) else 0.0 for c in cands])
    score = (weights.position * position + weights.centrality * central
             + weights.keywords * _keyword_scores(cands, texts) - weights.attribution * attribution)
    if query_vector is not None and weights.relevance:
        relevance = vectors @ query_vector
        score = score + weights.relevance * relevance
        score[relevance < weights.min_relevance * relevance.max()] = -np.inf  # off topic: never picked
    scores: np.ndarray = score
    return scores


def select(cands: Sequence[Candidate], vectors: np.ndarray, scores: np.ndarray, weights: Weights, *,
           words: int | None = None, max_sentences: int | None = None, stop_words: int | None = None) -> list[int]:
    """Pick candidates greedily by MMR until a limit is reached; never exceed `words`.

    Args:
        cands: candidate sentences.
        vectors: their unit embeddings (rows).
        scores: their scores.
        weights: mmr_lambda and window (candidates past position `window` are never picked).
        words: word budget (hard limit).
        max_sentences: most sentences.
        stop_words: stop once the summary has at least this many words.

    Returns:
        Indices into cands, in the order picked.
    """
    left = [i for i, c in enumerate(cands) if (c.position < weights.window or c.position == NOT_LEAD) and np.isfinite(scores[i])]
    picked: list[int] = []
    used = 0
    while left and (max_sentences is None or len(picked) < max_sentences) and (stop_words is None or used < stop_words):
        fits = [i for i in left if words is None or used + cands[i].n_words <= words]
        if not fits:
            break
        redundancy = (vectors[fits] @ vectors[picked].T).max(axis=1) if picked else np.zeros(len(fits))
        best = fits[int(np.argmax(weights.mmr_lambda * scores[fits] - (1 - weights.mmr_lambda) * redundancy))]
        picked.append(best)
        left.remove(best)
        used += cands[best].n_words
    return picked


def summarize_texts(texts: Sequence[str], embedder: Embedder, *, words: int | None = None, max_sentences: int | None = None,
                    stop_words: int | None = None, query: str = "", weights: Weights | None = None) -> list[Candidate]:
    """Summarize raw texts (no store needed): return the chosen sentences in reading order.

    Args:
        texts: article bodies (one for a single-document summary).
        embedder: sentence embedder.
        words: word budget (hard limit).
        max_sentences: most sentences.
        stop_words: stop once this many words are picked.
        query: focus of the summary, if any.
        weights: scorer weights (default: QUERY_FOCUSED with a query, else MULTI_DOC for several texts, SINGLE_DOC for one).

    Returns:
        The picked Candidates, ordered by text then position.
    """
    weights = weights or default_weights(len(texts), query)
    cands = candidates_of(texts, min_words=weights.min_words)
    if not cands:
        return []
    vectors, query_vector = _embed(embedder, cands, query)
    scores = score_candidates(cands, vectors, texts, weights, query_vector)
    picked = select(cands, vectors, scores, weights, words=words, max_sentences=max_sentences, stop_words=stop_words)
    return sorted((cands[i] for i in picked), key=lambda c: (c.doc, c.start))


def _embed(embedder: Embedder, cands: Sequence[Candidate], query: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Embed the candidate sentences (and the query, if any) in one call."""
    texts = [c.text for c in cands] + ([query] if query else [])
    vecs = embedder.embed(texts)
    return (vecs[:-1], vecs[-1]) if query else (vecs, None)


# ----------------------------------------------------------------------------------------
# Summaries of Evidence passages, with verified citations
# ----------------------------------------------------------------------------------------


def verified_summary(verifier: Verifier, text: str, evidence: Sequence[Evidence], *, query: str = "",
                     engine: str = "extractive", mode: str = "mark") -> Summary:
    """Verify [n]-marked text against the evidence and wrap it as a Summary."""
    checked, sentences, citations, notes = verifier.verify(text, evidence, mode)
    return Summary(text=checked, citations=citations, sentences=sentences, query=query, engine=engine,
                   warnings=notes + warnings_for(evidence))


class ExtractiveSummarizer:
    """Offline summaries made of exact, cited article sentences (see the module docstring)."""

    name = "extractive"
    whole_articles = True  # sentences are picked from whole articles, leads included

    def __init__(self, embedder: Embedder, verifier: Verifier, weights: Weights | None = None) -> None:
        """Embed with embedder, verify with verifier; weights default by number of articles."""
        self.embedder, self.verifier, self.weights = embedder, verifier, weights

    def summarize(self, passages: Sequence[Evidence], words: int, query: str = "") -> Summary:
        """Return a Summary of the passages within `words` words, every sentence cited and verified.

        Args:
            passages: Evidence passages (whole articles via article_evidence, or retrieved chunks).
            words: word budget (never exceeded).
            query: focus, if any.

        Returns:
            A verified Summary (warnings note disagreements between outlets).
        """
        if not passages:
            return Summary(text="", query=query, engine=self.name, warnings=["nothing to summarize"])
        weights = self.weights or default_weights(len(passages), query)
        cands = candidates_of([p.text for p in passages], [p.start == 0 for p in passages], weights.min_words)
        if not cands:
            return Summary(text="", query=query, engine=self.name, warnings=["no sentence long enough to summarize"])
        vectors, qvec = _embed(self.embedder, cands, query)
        scores = score_candidates(cands, vectors, [p.text for p in passages], weights, qvec)
        picked = select(cands, vectors, scores, weights, words=words)
        pairs = find_disagreements(cands, vectors, picked, passages)
        picked = _add_other_sides(cands, picked, pairs, words)
        order = _reading_order([cands[i] for i in picked], passages)
        summary = verified_summary(self.verifier, marked_text([(c.text, c.doc + 1) for c in order]), passages, query=query)
        notes = _disagreement_notes(summary, [(cands[a], cands[b]) for a, b in pairs if b in picked])
        summary.warnings.extend(notes)
        if notes:  # said in the text too, after the verified sentences, each side cited
            summary.text += "\n\n" + " ".join(f"Note: {n[0].upper()}{n[1:]}." for n in notes)
        return summary


def _reading_order(chosen: Sequence[Candidate], passages: Sequence[Evidence]) -> list[Candidate]:
    """Order sentences by article date (undated last), then article, then position."""
    def key(c: Candidate) -> tuple[int, str, int, int]:
        published = passages[c.doc].published
        return (0 if published else 1, published, c.doc, c.start)
    return sorted(chosen, key=key)


def _facts(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return the numbers and the quoted passages (normalised words) of a sentence."""
    numbers = frozenset(m.group().lower().rstrip(".,") for m in _NUMBER.finditer(text))
    quotes = frozenset(" ".join(words(q)) for q in _QUOTED.findall(text))
    return numbers, quotes


def _same_news_window(a: Evidence, b: Evidence) -> bool:
    """True unless both articles are dated and more than a week apart (then they report different events)."""
    da, db = to_day(a.published), to_day(b.published)
    return da is None or db is None or abs((da - db).days) <= _DISAGREE_DAYS


def find_disagreements(cands: Sequence[Candidate], vectors: np.ndarray, picked: Sequence[int],
                       passages: Sequence[Evidence]) -> list[tuple[int, int]]:
    """Return (picked, other) candidate pairs from different stories that say the same thing with different facts."""
    pairs: list[tuple[int, int]] = []
    for a in picked:
        story = passages[cands[a].doc].story_id or passages[cands[a].doc].article_id
        sims = vectors @ vectors[a]
        for b in np.argsort(-sims):
            other = passages[cands[b].doc]
            if sims[b] < _DISAGREE_COSINE:
                break
            if (other.story_id or other.article_id) == story or not _same_news_window(passages[cands[a].doc], other):
                continue
            if _differ(cands[a].text, cands[b].text):
                if (int(b), a) not in pairs:  # one note per pair, whichever side was picked first
                    pairs.append((a, int(b)))
                break
    return pairs


def _differ(a: str, b: str) -> bool:
    """True when two similar sentences state different numbers or quote different words."""
    (na, qa), (nb, qb) = _facts(a), _facts(b)
    return bool(na and nb and na != nb) or bool(qa and qb and qa != qb)


def _add_other_sides(cands: Sequence[Candidate], picked: list[int], pairs: Sequence[tuple[int, int]], words: int) -> list[int]:
    """Add the other side of each disagreement when the budget allows (dropping the last pick if needed)."""
    out = list(picked)
    for _a, b in pairs:
        if b in out:
            continue
        used = sum(cands[i].n_words for i in out)
        while used + cands[b].n_words > words and len(out) > 1 and out[-1] not in {x for p in pairs for x in p}:
            used -= cands[out.pop()].n_words
        if used + cands[b].n_words <= words:
            out.append(b)
    return out


def _disagreement_notes(summary: Summary, pairs: Sequence[tuple[Candidate, Candidate]]) -> list[str]:
    """Return one 'sources differ' note per disagreement, naming the citations of both sides."""
    notes = []
    by_quote = {" ".join(c.quote.split()): c for c in summary.citations}
    for a, b in pairs:
        ca, cb = by_quote.get(" ".join(a.text.split())), by_quote.get(" ".join(b.text.split()))
        if ca and cb:
            what = _what_differs(a.text, b.text)
            notes.append(f"sources differ on {what}: [{ca.n}] {ca.source or 'unknown outlet'} vs [{cb.n}] {cb.source or 'unknown outlet'}")
    return notes


def _what_differs(a: str, b: str) -> str:
    """Name the kind of fact two sentences disagree on."""
    (na, _qa), (nb, _qb) = _facts(a), _facts(b)
    if na and nb and na != nb:
        return "numbers (" + ", ".join(sorted(na - nb) or sorted(na)) + " vs " + ", ".join(sorted(nb - na) or sorted(nb)) + ")"
    return "quoted words"


# ----------------------------------------------------------------------------------------
# LLM summaries
# ----------------------------------------------------------------------------------------


class LLMSummarizer:
    """Summaries written by an LLM from numbered sources (prompts/summarize.txt), then verified."""

    whole_articles = False  # topic summaries get retrieved passages (story_chunks): whole articles would bloat the prompt

    def __init__(self, llm: LLM, verifier: Verifier, mode: str = "mark", context_tokens: int = 0) -> None:
        """Generate with llm; verify citations with verifier; mode: mark or remove unsupported sentences.

        context_tokens: the LLM's window; a prompt that would not fit leaves out its lowest-ranked passages.
        """
        self.llm, self.verifier, self.mode, self.context_tokens = llm, verifier, mode, context_tokens
        self.name = llm.name

    def messages(self, passages: Sequence[Evidence], words: int, query: str = "") -> list[dict[str, str]]:
        """Return the chat messages asking for a cited summary."""
        from .prompts import load_prompt

        focus = query or "the main news: who did what, when and where"
        return load_prompt("summarize", {"sources", "words", "focus"}).messages(sources=prompt_sources(passages), words=words, focus=focus)

    def summarize(self, passages: Sequence[Evidence], words: int, query: str = "") -> Summary:
        """Return the LLM's summary with verified citations, cut to the word budget."""
        if not passages:
            return Summary(text="", query=query, engine=self.name, warnings=["nothing to summarize"])
        passages, notes = fit_context(passages, lambda kept: self.messages(kept, words, query), self.context_tokens)
        draft = self.llm.complete(self.messages(passages, words, query)).strip()
        summary = verified_summary(self.verifier, draft, passages, query=query, engine=self.name, mode=self.mode)
        summary.warnings = [*notes, *summary.warnings]
        return fit_budget(summary, words)


def fit_budget(summary: Summary, words: int) -> Summary:
    """Drop trailing sentences that overflow the word budget (with a warning); keep citations they alone used."""
    kept, used = [], 0
    for s in summary.sentences:
        if used + word_count(s.text) > words:
            break
        kept.append(s)
        used += word_count(s.text)
    if len(kept) == len(summary.sentences):
        return summary
    numbers = {n for s in kept for n in s.citations}
    return summary.model_copy(update={
        "text": render(kept), "sentences": kept, "citations": [c for c in summary.citations if c.n in numbers],
        "warnings": summary.warnings + [f"cut {len(summary.sentences) - len(kept)} sentence(s) over the {words}-word budget"],
    })


# ----------------------------------------------------------------------------------------
# Summaries of stored articles
# ----------------------------------------------------------------------------------------


def summarize(article_id: str | None = None, *, query: str | None = None, words: int | None = None,
              search: Search, records: Records, summarizer: Summarizer, embedder: Embedder | None = None) -> Summary:
    """Summarize one stored article or a topic across articles (see NewsRAG.summarize).

    Args:
        article_id: a stored article to summarize (or give query).
        query: a topic to summarize across the articles search finds.
        words: word budget (default ARTICLE_WORDS / TOPIC_WORDS).
        search: retrieval with the caller's filters applied.
        records: the home's records (articles, chunks, syndication).
        summarizer: the engine's summary writer.

    Returns:
        The verified Summary, citations carrying chunk ids and syndicating outlets.
    """
    started = time.perf_counter()
    if not article_id and not query:
        raise ConfigError("give an article id to summarize, or a query (--query) for a topic summary")
    if words is not None and words < 1:
        raise ConfigError(f"words={words}: the word budget must be at least 1")
    if article_id:
        passages = [article_evidence(records.get_article(article_id))]
    else:
        found = search(query or "", TOPIC_K)
        candidates = story_articles(records, found)
        articles, note = topic_scope(records, query or "", candidates, embedder)
        if note:
            left_out = f"{len(candidates)} retrieved article(s) left out: none is about the story"
            return Summary(text=note, query=query or "", engine=summarizer.name, warnings=[left_out],
                           timings={"total": time.perf_counter() - started})
        # the in-scope articles' sentences that belong to the story; an LLM reads only those inside the retrieved
        # chunks of in-scope articles (they keep its prompt short)
        test = topic_test(records, query or "", embedder)
        from .story import story_period

        articles = story_period(articles, test)  # not the subject's earlier news (as the timeline)
        passages = story_passages(articles, test) if summarizer.whole_articles else story_chunks(found, articles, test)
        if not passages:
            note = f"The {len(articles)} article(s) that touch this story give no sentence of it."
            return Summary(text=note, query=query or "", engine=summarizer.name, warnings=[note],
                           timings={"total": time.perf_counter() - started})
    summary = summarizer.summarize(passages, words or (ARTICLE_WORDS if article_id else TOPIC_WORDS), query or "")
    if not passages:
        summary.warnings.append("no stored article matches the query and filters")
    finish_citations(records, summary.citations)
    summary.article_id = article_id or ""
    summary.timings["total"] = time.perf_counter() - started
    return summary


def topic_scope(records: Records, query: str, candidates: Sequence[Article],
                embedder: Embedder | None = None) -> tuple[list[Article], str]:
    """Keep the retrieved articles that belong to the topic (ragnews.story); the note says when none does.

    Story scope comes first, as for timelines: a topic the articles do not cover gets no
    summary of whatever retrieval returned, but the one sentence "The articles do not cover ...".

    Args:
        embedder: sentence embedder for the story-level event test (story.EventFloor); None skips it.

    Returns:
        (in-scope articles, "" or "The articles do not cover ..." when candidates exist but none is in scope).
    """
    from .story import scope_in_home

    if not candidates:
        return [], ""
    articles, scope = scope_in_home(records, query, candidates, embedder)
    return articles, scope.note()


def story_passages(articles: Sequence[Article], test: Callable[[str], float]) -> list[Evidence]:
    """Return the in-scope articles as evidence for a topic summary, each reduced to its sentences that belong to the
    story by the timeline's test (topic_test; story.article_sieve: the story's terms, its action words, whose event it
    is, and the event floor); an article that gives none is left out.

    Why: scope keeps whole articles that touch the story, and such an article often carries its actors' other news
    -- a seafarers' strike in an article kept for a postal strike story, an oil sale in a takeover story. The
    timeline already reads those articles sentence by sentence; a summary of the same story should not open with
    what the timeline leaves out.
    """
    passages = [story_evidence(a, test) for a in articles]
    return [p for p in passages if p is not None]


def topic_test(records: Records, query: str, embedder: Embedder | None = None) -> "StoryTest":
    """The timeline's sentence test for a topic (story.story_test over the home's term counts; the event floor when an
    embedder is given)."""
    from .story import event_floor, query_terms, story_test

    terms = query_terms(query, records.term_counts, records.chunk_count())
    floor = event_floor(records, embedder) if embedder is not None else None
    return story_test(query, terms, records.article_count(), floor)


def story_chunks(found: Sequence[Evidence], articles: Sequence[Article], test: Callable[[str], float]) -> list[Evidence]:
    """The retrieved chunks of the in-scope articles, in retrieval order, each reduced to its sentences that belong to
    the story (story.article_sieve, as story_evidence): a chunk is cut into runs of kept sentences at their body
    offsets, and a chunk keeping none is left out.

    Why: an LLM topic summary reads retrieved chunks rather than whole articles (a short prompt), and a chunk of an
    in-scope article can be all about its actors' other news -- the same sentences the timeline and the extractive
    summary leave out."""
    from .story import article_sieve

    by_id = {a.id: a for a in articles}
    sieves = {a.id: article_sieve(a, test) for a in articles}
    out: list[Evidence] = []
    for passage in found:
        article = by_id.get(passage.article_id)
        if article is not None:
            out += _sieved_chunk(passage, article, sieves[article.id])
    return out


def _sieved_chunk(passage: Evidence, article: Article, sieve: Callable[[str], bool] | None) -> list[Evidence]:
    """The passage's runs of adjacent sentences that sieve keeps (the whole passage when sieve is None, or when its text
    is not the body span it claims, so offsets could not be kept)."""
    if sieve is None or len(passage.text) != passage.end - passage.start:
        return [passage]
    runs: list[tuple[int, int]] = []
    for s, e in sentence_spans(article.body):
        s, e = max(s, passage.start), min(e, passage.end)
        if e <= s or not sieve(article.body[s:e]):
            continue
        if runs and not article.body[runs[-1][1]:s].strip():
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
    return [passage.model_copy(update={"text": passage.text[s - passage.start:e - passage.start], "start": s, "end": e})
            for s, e in runs]


def story_evidence(article: Article, test: Callable[[str], float]) -> Evidence | None:
    """The article as one Evidence passage with every sentence the story test leaves out blanked (offsets kept, so
    citations still quote the body exactly); None when no sentence is left."""
    from .story import article_sieve

    evidence = article_evidence(article)
    sieve = article_sieve(article, test)
    if sieve is None:
        return evidence
    kept = [(s, e) for s, e in sentence_spans(article.body) if sieve(article.body[s:e])]
    if not kept:
        return None
    chars = ["\n" if c == "\n" else " " for c in evidence.text]
    for s, e in kept:
        chars[s:e] = evidence.text[s:e]
    return evidence.model_copy(update={"text": "".join(chars)})


__all__ = [
    "ARTICLE_WORDS", "CNNDM_STOP_WORDS", "Candidate", "ExtractiveSummarizer", "LLMSummarizer", "MULTI_DOC",
    "QUERY_FOCUSED", "SINGLE_DOC", "default_weights", "TOPIC_WORDS", "Weights", "article_evidence", "candidates_of", "find_disagreements", "fit_budget",
    "score_candidates", "select", "story_articles", "story_evidence", "story_chunks", "story_passages", "summarize_texts", "summarize", "topic_scope", "topic_test", "verified_summary", "word_count",
]
