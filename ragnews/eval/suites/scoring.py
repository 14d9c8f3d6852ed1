"""Per-question scoring: retrieval, answer, citation, multiple-choice and conflict metrics of one record.

The pure metric functions live in ragnews.eval.metrics; this module applies them to a
ragnews Answer. Citation judges: the offline support scorer below, or ragnews.judge.LLMJudge.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ...facts import NUMBER_WORDS
from ...judge import LLMJudge
from ...models import Answer, Evidence
from ...protocols import Embedder
from ..._text import content_words
from ...verify import Span, Verifier, lexical_support, passage_sentences
from ..metrics import (
    citation_scores,
    contains_match,
    exact_match,
    first_sentence_match,
    hit_at_k,
    key_fact_recall,
    mrr_at_k,
    ndcg_at_k,
    recall_at_k,
    rouge_scores,
    token_f1,
)
from .base import Question

_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(sorted((w for w in NUMBER_WORDS if w != "one"), key=len, reverse=True)) + r")\b", re.IGNORECASE)

CURVE_KS = tuple(range(1, 11))
HIT_KS = (1, 3, 5, 10)
_MC_SENTENCES = 24
__all__ = ["FactJudge", "LLMJudge", "SupportJudge", "answer_choice", "clean_answer", "conflict_outcome", "pick_choice", "retrieval_scores", "score_answer"]
_MARKER = re.compile(r"\s*(\[\d+(?:\s*,\s*\d+)*\]|\[unsupported\])")
_CONFLICT = re.compile(r"\b(conflict\w*|contradict\w*|disagree\w*|inconsisten\w*|discrepan\w*|differ(s|ing)? on|"
                       r"other (reports|sources) say|while others?)\b", re.IGNORECASE)


def clean_answer(text: str) -> str:
    """Return answer text without [n] citation markers and [unsupported] flags."""
    return " ".join(_MARKER.sub("", text).split())


class SupportJudge:
    """Offline ALCE judge: passages support a sentence if Verifier.best_quote over their sentences scores >= threshold."""

    def __init__(self, verifier: Verifier, threshold: float) -> None:
        """Use the verifier's support scorer with this threshold."""
        self.verifier, self.threshold = verifier, threshold
        self.name = f"support-scorer (Verifier.best_quote >= {threshold:g}, offline)"
        self._cache: dict[tuple[str, tuple[str, ...]], bool] = {}

    def __call__(self, sentence: str, passages: list[str]) -> bool:
        """Return True when the best sentence of the passages supports the claim."""
        key = (sentence, tuple(passages))
        if key not in self._cache:
            spans = [Span(i, s.start, s.end, s.text) for i, p in enumerate(passages)
                     for s in passage_sentences(i, Evidence(chunk_id="", article_id="", text=p, start=0, end=len(p), score=0.0))]
            self._cache[key] = self.verifier.best_quote(sentence, spans)[1] >= self.threshold
        return self._cache[key]


class FactJudge(SupportJudge):
    """Offline ALCE judge with the fact-level checks: the best sentence of the passages must score
    >= threshold AND state every number, unit, date, name, negation, role and quantity word of the
    claim (ragnews.facts). It shares the verifier's code, so figures from it are labelled self-check."""

    def __init__(self, verifier: Verifier, threshold: float) -> None:
        """Use the verifier's support scorer with this threshold, then the fact-level checks."""
        super().__init__(verifier, threshold)
        self.name = f"self-check (support score >= {threshold:g} + fact-level checks, offline; not independent)"

    def __call__(self, sentence: str, passages: list[str]) -> bool:
        """Return True when the best sentence of the passages supports the claim and states its facts."""
        from ... import facts

        key = (sentence, tuple(passages))
        if key not in self._cache:
            spans = [Span(i, s.start, s.end, s.text) for i, p in enumerate(passages)
                     for s in passage_sentences(i, Evidence(chunk_id="", article_id="", text=p, start=0, end=len(p), score=0.0))]
            ranked = self.verifier.ranked_quotes(sentence, spans)
            good = [span for span, score in ranked[:3] if score >= self.threshold]
            context = " ".join(passages)
            self._cache[key] = any(not facts.check(sentence, [span.text], context) for span in good)
        return self._cache[key]


def ranked_articles(evidence: Sequence[Evidence]) -> list[str]:
    """Return the article ids of retrieved passages in rank order, each once."""
    return list(dict.fromkeys(e.article_id for e in evidence))


def retrieval_scores(ranked: Sequence[str], gold: Sequence[str], equivalent: Mapping[str, str]) -> dict[str, float]:
    """Return hit@k, recall@1..10, MRR@10 and nDCG@10 of one ranking (syndicated copies of gold count)."""
    out = {f"hit@{k}": hit_at_k(ranked, gold, k, equivalent) for k in HIT_KS}
    out.update({f"recall@{k}": recall_at_k(ranked, gold, k, equivalent) for k in CURVE_KS})
    out["mrr@10"] = mrr_at_k(ranked, gold, 10, equivalent)
    out["ndcg@10"] = ndcg_at_k(ranked, gold, 10, equivalent)
    return out


def answer_scores(q: Question, text: str, rouge: bool) -> dict[str, float]:
    """Return key-fact recall, token F1, exact and contains match (and ROUGE) of an answer text."""
    out: dict[str, float] = {}
    if q.key_facts:
        out["key_fact_recall"] = key_fact_recall(text, q.key_facts)
    if q.answers:
        out.update(token_f1=token_f1(text, q.answers), exact_match=exact_match(text, q.answers),
                   contains_match=contains_match(text, q.answers))
        if rouge:
            out.update(rouge_scores([text], [q.answers]))
    return out


def citation_record(answer: Answer, judge: Any) -> dict[str, float]:
    """Return ALCE citation precision/recall of an answer; cited passages are the evidence chunks cited."""
    chunks = {e.chunk_id: e.text for e in answer.evidence}
    passages = {c.n: chunks.get(c.chunk_id, c.quote) for c in answer.citations}
    sentences = [(s.text, s.citations) for s in answer.sentences]
    scores = citation_scores(sentences, passages, judge)
    return {"citation_precision": scores["precision"], "citation_recall": scores["recall"], "citation_f1": scores["f1"]}


def pick_choice(question: str, choices: Sequence[str], evidence: Sequence[Evidence], embedder: Embedder) -> tuple[int, list[float]]:
    """Return the index of the choice best supported by the evidence sentences, and every choice's score.

    A choice's score is the max over evidence sentences of 0.5 * (share of the choice's
    content words in the sentence) + 0.5 * cosine(question + choice, sentence); -1 when
    there is no evidence. Only the _MC_SENTENCES sentences sharing most words with the
    question and choices are scored (embedding every sentence costs ~0.5 s a question).
    """
    spans = [s for n, ev in enumerate(evidence, 1) for s in passage_sentences(n, ev) if len(s.text) > 20]
    context = " ".join([question, *choices])
    spans = sorted(spans, key=lambda s: -lexical_support(context, s.text))[:_MC_SENTENCES]
    if not spans or not choices:
        return -1, [0.0] * len(choices)
    vecs = embedder.embed([f"{question} {c}" for c in choices] + [s.text for s in spans])
    cos = np.clip(vecs[len(choices):] @ vecs[: len(choices)].T, 0.0, 1.0)
    scores = []
    for i, choice in enumerate(choices):
        lex = np.array([lexical_support(choice, s.text) for s in spans])
        scores.append(float((0.5 * lex + 0.5 * cos[:, i]).max()))
    return int(np.argmax(scores)), [round(s, 4) for s in scores]


def spelt_as_digits(text: str) -> str:
    """text with cardinal number words written as digits ("six" -> "6"; "one" stays: mostly a pronoun)."""
    return _NUMBER_WORD.sub(lambda m: str(NUMBER_WORDS[m.group(0).lower()]), text)


def answer_choice(text: str, choices: Sequence[str]) -> int:
    """Return the index of the choice the answer text names, or -1 (none, or a tie).

    Unlike pick_choice (which scores the choices against the retrieved evidence), this reads
    only the answer shown to the user, the same way for every engine. A choice is read by its
    distinctive words (those no other choice has): it is named when the answer holds at least
    half of them, or two of them. Why not "half of all its words": a terse correct answer ("The
    Times Square tourist area") named 2 of the 5 words of "New York City's Times Square" and
    scored wrong, and "Russia ... with China" tied "Russia and China" with "Russia and Iran" on
    the shared word. Several named choices: the largest share of distinctive words wins; a tie is -1.
    Numbers count the same spelt out or in digits: "detention for six months" names the choice "6"
    (it scored wrong for both engines alike).
    """
    words = [set(content_words(spelt_as_digits(c))) for c in choices]
    said = set(content_words(spelt_as_digits(text)))
    shares = []
    for i, own in enumerate(words):
        distinct = own - set().union(*(w for j, w in enumerate(words) if j != i)) or own
        hit = len(distinct & said)
        shares.append(hit / len(distinct) if distinct and (hit * 2 >= len(distinct) or hit >= 2) else 0.0)
    best = max(shares, default=0.0)
    if best == 0.0 or shares.count(best) > 1:
        return -1
    return shares.index(best)


def conflict_outcome(text: str, real: Sequence[str], fake: Sequence[str]) -> str:
    """Classify a counterfactual answer: reports_both, real_only, fake_only or neither."""
    has_real = bool(real) and contains_match(text, real) == 1.0
    has_fake = bool(fake) and contains_match(text, fake) == 1.0
    if (has_real and has_fake) or _CONFLICT.search(text):
        return "reports_both"
    return "real_only" if has_real else "fake_only" if has_fake else "neither"


def score_answer(q: Question, answer: Answer, judge: Any, rouge: bool, embedder: Embedder,
                 fact_judge: Any = None) -> dict[str, Any]:
    """Return every answer-side metric of one question's Answer.

    With an LLM judge, fact_judge (the offline fact-level checks) is scored beside it as
    citation_*_selfcheck so both figures are reported.
    """
    text = clean_answer(answer.answer) if not answer.abstained else ""
    out: dict[str, Any] = {"abstained": answer.abstained}
    if q.answerable:
        out.update(answer_scores(q, text, rouge))
        if q.extra.get("short"):  # factoid: does the answer's first sentence name the gold entity/number?
            out["answer_first"] = first_sentence_match(answer.answer, q.extra["short"]) if not answer.abstained else 0.0
    if not answer.abstained and answer.sentences:
        out.update(citation_record(answer, judge))
        if fact_judge is not None and fact_judge is not judge:
            out.update({f"{k}_selfcheck": v for k, v in citation_record(answer, fact_judge).items()})
    if q.choices and q.gold_choice is not None:
        pick, scores = pick_choice(q.question, q.choices, answer.evidence, embedder)
        out.update(mc_pick=pick, mc_scores=scores, mc_correct=float(pick == q.gold_choice))
        named = answer_choice(text, q.choices)  # "" when abstained: never correct
        out.update(answer_choice=named, answer_accuracy=float(named == q.gold_choice))
    if q.type == "counterfactual":
        out["conflict"] = conflict_outcome(text, q.answers, q.extra.get("fake_answers", []))
    return out
