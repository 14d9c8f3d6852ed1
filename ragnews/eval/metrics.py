"""Pure evaluation metrics: retrieval, answers, citations, abstention, latency and ROUGE.

Conventions shared by the functions below:

* Retrieval metrics work at article level. The ranked list is de-duplicated by article id
  (first rank kept) before the cut-off ``k`` is applied, so several chunks of one article
  use one slot. With ``equivalent`` (article id -> story group id) ids are compared by
  group, so a syndicated copy of a gold article counts as gold; each gold story is
  credited once, at its first rank, and a later copy of an already found story is a
  non-relevant entry that still occupies its slot.
* Retrieval metrics and ``key_fact_recall`` are undefined without gold (unanswerable
  questions) and raise ``ValueError``; callers evaluate them on answerable records only.
* Answer normalisation is SQuAD-style (lowercase, strip punctuation, drop a/an/the,
  fold whitespace), extended to Unicode punctuation such as curly quotes and dashes.
  Containment is checked on whole tokens, so "suits" does not match "lawsuits".
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

__all__ = [
    "abstention_scores",
    "citation_scores",
    "contains_match",
    "exact_match",
    "hit_at_k",
    "key_fact_recall",
    "mrr_at_k",
    "multiple_choice_accuracy",
    "ndcg_at_k",
    "normalize_answer",
    "percentiles",
    "recall_at_k",
    "rouge_scores",
    "token_f1",
]

# ---------------------------------------------------------------------------------------
# Retrieval
# ---------------------------------------------------------------------------------------

#: Every metric of a results table, by group (the order the report prints them).
METRIC_GROUPS: dict[str, tuple[str, ...]] = {
    "retrieval": ("hit@1", "hit@3", "hit@5", "hit@10", "recall@1", "recall@3", "recall@5", "recall@10", "mrr@10", "ndcg@10"),
    "answers": ("answer_accuracy", "key_fact_recall", "answer_first", "token_f1", "exact_match", "contains_match", "multiple_choice_accuracy",
                "rouge1", "rouge2", "rougeLsum"),
    "citations": ("citation_precision", "citation_recall", "citation_f1"),
    "abstention": ("abstention_precision", "abstention_recall", "abstention_f1", "abstention_rate"),
    "latency": ("latency_p50", "latency_p95", "latency_mean"),
    "conflicts": ("conflict_reported_rate", "real_only_rate", "fake_only_rate", "neither_rate"),
}


def _relevance(
    ranked: Sequence[str],
    gold: Iterable[str],
    k: int,
    equivalent: Mapping[str, str] | None,
) -> tuple[list[int], int]:
    """Return the binary gains of the top-k de-duplicated ranking and the number of gold stories."""
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    eq = equivalent or {}
    gold_groups = {eq.get(g, g) for g in gold}
    if not gold_groups:
        raise ValueError("gold is empty: retrieval metrics are undefined for unanswerable questions")
    seen_ids: set[str] = set()
    found: set[str] = set()
    gains: list[int] = []
    for article_id in ranked:
        if article_id in seen_ids:
            continue
        seen_ids.add(article_id)
        group = eq.get(article_id, article_id)
        relevant = group in gold_groups and group not in found
        if relevant:
            found.add(group)
        gains.append(1 if relevant else 0)
        if len(gains) == k:
            break
    return gains, len(gold_groups)


def hit_at_k(
    ranked: Sequence[str],
    gold: Iterable[str],
    k: int = 10,
    equivalent: Mapping[str, str] | None = None,
) -> float:
    """Return 1.0 if any gold story appears in the top k de-duplicated articles, else 0.0."""
    gains, _ = _relevance(ranked, gold, k, equivalent)
    return 1.0 if any(gains) else 0.0


def recall_at_k(
    ranked: Sequence[str],
    gold: Iterable[str],
    k: int = 10,
    equivalent: Mapping[str, str] | None = None,
) -> float:
    """Return the fraction of gold stories found in the top k de-duplicated articles."""
    gains, n_gold = _relevance(ranked, gold, k, equivalent)
    return sum(gains) / n_gold


def mrr_at_k(
    ranked: Sequence[str],
    gold: Iterable[str],
    k: int = 10,
    equivalent: Mapping[str, str] | None = None,
) -> float:
    """Return 1/rank of the first gold story within the top k de-duplicated articles (0.0 if none)."""
    gains, _ = _relevance(ranked, gold, k, equivalent)
    for rank, gain in enumerate(gains, start=1):
        if gain:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(
    ranked: Sequence[str],
    gold: Iterable[str],
    k: int = 10,
    equivalent: Mapping[str, str] | None = None,
) -> float:
    """Return binary-relevance nDCG@k (gain 1/log2(rank+1), each gold story counted once)."""
    gains, n_gold = _relevance(ranked, gold, k, equivalent)
    dcg = sum(g / math.log2(rank + 1) for rank, g in enumerate(gains, start=1))
    idcg = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(n_gold, k) + 1))
    return dcg / idcg


# ---------------------------------------------------------------------------------------
# Answers
# ---------------------------------------------------------------------------------------

_ASCII_PUNCT = frozenset(string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def _is_punct(ch: str) -> bool:
    """Return True for ASCII punctuation/symbols and any Unicode punctuation character."""
    return ch in _ASCII_PUNCT or unicodedata.category(ch).startswith("P")


def normalize_answer(text: str, keep_numbers: bool = False) -> str:
    """Return SQuAD-normalised text; keep_numbers keeps punctuation between digits ("2.5", "1,000")."""
    text = text.lower()
    chars: list[str] = []
    for i, ch in enumerate(text):
        if _is_punct(ch):
            between_digits = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
            if not (keep_numbers and between_digits):
                continue
        chars.append(ch)
    text = _ARTICLES.sub(" ", "".join(chars))
    return " ".join(text.split())


def _as_list(gold: str | Sequence[str]) -> list[str]:
    """Return gold as a non-empty list of reference strings."""
    refs = [gold] if isinstance(gold, str) else list(gold)
    if not refs:
        raise ValueError("at least one gold answer is required")
    return refs


def _token_f1_single(pred: str, gold: str) -> float:
    """Return SQuAD token F1 between one prediction and one reference."""
    pred_tokens = normalize_answer(pred).split()
    gold_tokens = normalize_answer(gold).split()
    if not pred_tokens or not gold_tokens:
        return float(pred_tokens == gold_tokens)
    common = Counter(pred_tokens) & Counter(gold_tokens)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision = same / len(pred_tokens)
    recall = same / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def token_f1(pred: str, gold: str | Sequence[str]) -> float:
    """Return SQuAD token-overlap F1 of pred against gold (max over references if several)."""
    return max(_token_f1_single(pred, g) for g in _as_list(gold))


def exact_match(pred: str, gold: str | Sequence[str]) -> float:
    """Return 1.0 if normalised pred equals normalised gold (any reference), else 0.0."""
    p = normalize_answer(pred)
    return 1.0 if any(p == normalize_answer(g) for g in _as_list(gold)) else 0.0


def _contains(haystack: str, needle: str) -> bool:
    """Return True if the normalised needle occurs in the normalised haystack on token boundaries."""
    if not needle:
        return not haystack
    return f" {needle} " in f" {haystack} "


def contains_match(pred: str, gold: str | Sequence[str]) -> float:
    """Return 1.0 if normalised gold (any reference) occurs as whole tokens in normalised pred."""
    p = normalize_answer(pred)
    return 1.0 if any(_contains(p, normalize_answer(g)) for g in _as_list(gold)) else 0.0


# A full stop that ends an initial or an abbreviation ends no sentence: "Martin R. Shugrue", "W.A. Kistler
# Jr.", "U.S. Agriculture Secretary Richard Lyng" (before this, the first "sentence" of such an answer was
# "Martin R." and a correct lead scored 0). A citation marker always ends the first sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z])|\s\[\d+\]")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Inc|Co|Corp|Ltd|Bros|Gov|Sen|Rep|Gen|Col|Lt|"
                           r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No|vs)\.")


def _first_sentence(text: str) -> str:
    """The text up to its first citation marker or sentence end, not counting initials and abbreviations."""
    for m in _SENTENCE_END.finditer(text):
        words = text[: m.start()].split()
        last = words[-1].lstrip("\"“(") if words else ""
        if m.group().lstrip().startswith("[") or not _ABBREVIATION.fullmatch(last):
            return text[: m.start()]
    return text


def first_sentence_match(pred: str, gold: str) -> float:
    """Return 1.0 if gold (an entity or number) occurs as whole tokens in the first sentence of pred.

    Why: a journalist reads the first sentence; an answer that names the entity only after
    three quoted sentences has not answered the question first.
    """
    first = _first_sentence(pred.strip())
    return 1.0 if _contains(normalize_answer(first, keep_numbers=True), normalize_answer(gold, keep_numbers=True)) else 0.0


def key_fact_recall(pred: str, key_facts: Sequence[Sequence[str]]) -> float:
    """Return the fraction of key facts with any variant in pred (normalised; numbers as written)."""
    if not key_facts:
        raise ValueError("key_facts is empty: key-fact recall is undefined for unanswerable questions")
    p = normalize_answer(pred, keep_numbers=True)
    hits = 0
    for variants in key_facts:
        normalised = [normalize_answer(v, keep_numbers=True) for v in variants]
        if any(v and _contains(p, v) for v in normalised):
            hits += 1
    return hits / len(key_facts)


def _choice_label(text: str) -> str:
    """Return a choice label with case, whitespace and surrounding punctuation removed ("(b)." -> "B")."""
    stripped = text.strip()
    start, end = 0, len(stripped)
    while start < end and _is_punct(stripped[start]):
        start += 1
    while end > start and _is_punct(stripped[end - 1]):
        end -= 1
    return stripped[start:end].strip().upper()


def multiple_choice_accuracy(predictions: Sequence[str], answers: Sequence[str]) -> float:
    """Return the fraction of choice labels equal to the answers (ignoring case and punctuation)."""
    if len(predictions) != len(answers):
        raise ValueError(f"{len(predictions)} predictions for {len(answers)} answers")
    if not answers:
        raise ValueError("no answers to score")
    correct = sum(_choice_label(p) == _choice_label(a) for p, a in zip(predictions, answers))
    return correct / len(answers)


# ---------------------------------------------------------------------------------------
# Citations (ALCE-style)
# ---------------------------------------------------------------------------------------

Judge = Callable[[str, list[str]], bool]


def citation_scores(
    sentences: Sequence[tuple[str, Sequence[int]]],
    passages: Sequence[str] | Mapping[int, str],
    judge: Judge,
) -> dict[str, float]:
    """Return ALCE-style citation recall, precision and F1 of one answer, with support decided by judge.

    ``sentences`` are the answer's statements as ``(text, cited passage ids)``; ids index
    ``passages`` (a list, 0-based, or a mapping from citation number to text).
    ``judge(sentence, passages)`` says whether the passages jointly support the sentence;
    it is never called with an empty list (no evidence = no support).

    * Citation recall = fraction of sentences whose cited passages jointly support them;
      a sentence without citations is not supported.
    * Citation precision = fraction of citations that are relevant. Following ALCE, a
      citation is relevant only if its sentence is jointly supported and either the
      citation alone supports the sentence or removing it breaks the joint support; all
      citations of an unsupported sentence are irrelevant. A citation id that is not in
      ``passages`` is irrelevant and adds no evidence. Repeated ids in one sentence count once.
    * No sentences gives recall 0.0; no citations gives precision 0.0.

    Returns ``recall``, ``precision``, ``f1``, ``n_sentences`` and ``n_citations``.
    """
    supported = 0
    relevant = 0
    n_citations = 0
    for text, cited in sentences:
        ids = list(dict.fromkeys(cited))
        n_citations += len(ids)
        known = [i for i in ids if _has_passage(passages, i)]
        evidence = [passages[i] for i in known]
        if not evidence or not judge(text, evidence):
            continue
        supported += 1
        if len(known) == 1:
            relevant += 1
            continue
        for i in known:
            if judge(text, [passages[i]]):
                relevant += 1
                continue
            rest = [passages[j] for j in known if j != i]
            if not judge(text, rest):
                relevant += 1
    recall = supported / len(sentences) if sentences else 0.0
    precision = relevant / n_citations if n_citations else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "recall": recall,
        "precision": precision,
        "f1": f1,
        "n_sentences": float(len(sentences)),
        "n_citations": float(n_citations),
    }


def _has_passage(passages: Sequence[str] | Mapping[int, str], i: int) -> bool:
    """Return True if citation id i names a passage (non-negative index or mapping key)."""
    if isinstance(passages, Mapping):
        return i in passages
    return 0 <= i < len(passages)


# ---------------------------------------------------------------------------------------
# Abstention
# ---------------------------------------------------------------------------------------


def abstention_scores(predicted_abstain: Sequence[bool], answerable: Sequence[bool]) -> dict[str, float]:
    """Return precision, recall, F1 and accuracy of abstaining, where unanswerable is the positive class.

    A ratio with a zero denominator is vacuously 1.0: precision when the system never
    abstains (no wrong abstentions), recall when there is no unanswerable question (none
    missed). F1 is 0.0 when precision + recall is 0. Counts are returned as floats.
    """
    if len(predicted_abstain) != len(answerable):
        raise ValueError(f"{len(predicted_abstain)} predictions for {len(answerable)} questions")
    if not answerable:
        raise ValueError("no questions to score")
    pairs = list(zip((bool(p) for p in predicted_abstain), (not a for a in answerable)))
    tp = sum(p and u for p, u in pairs)
    n_abstained = sum(p for p, _ in pairs)
    n_unanswerable = sum(u for _, u in pairs)
    correct = sum(p == u for p, u in pairs)
    precision = tp / n_abstained if n_abstained else 1.0
    recall = tp / n_unanswerable if n_unanswerable else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": correct / len(pairs),
        "n_abstained": float(n_abstained),
        "n_unanswerable": float(n_unanswerable),
    }


# ---------------------------------------------------------------------------------------
# Latency
# ---------------------------------------------------------------------------------------


def percentiles(values: Iterable[float], qs: Sequence[float] = (50, 95)) -> dict[str, float]:
    """Return {"p50": ..., "p95": ...} (linear interpolation) for the given percentiles of values."""
    data = np.asarray(list(values), dtype=float)
    if data.size == 0:
        raise ValueError("no values")
    return {f"p{q:g}": float(np.percentile(data, q)) for q in qs}


# ---------------------------------------------------------------------------------------
# ROUGE
# ---------------------------------------------------------------------------------------

# Its own name: under the name _SENTENCE_END above it rebound that one, and answer-first's _first_sentence
# (which looks the name up when called) split with this looser pattern, so a citation marker never ended a lead.
_ROUGE_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")


def _sentences_per_line(text: str) -> str:
    """Return text with one sentence per line (split after . ! ? followed by whitespace)."""
    return "\n".join(s for s in _ROUGE_SENTENCE_END.split(text.strip()) if s)


def rouge_scores(
    predictions: Sequence[str],
    references: Sequence[str] | Sequence[Sequence[str]],
) -> dict[str, float]:
    """Return mean ROUGE-1/2/Lsum F-measure x100 (stemmed); several references: their mean.

    With several references for a prediction, each metric is averaged over the references
    (as multi-reference ROUGE is usually reported, e.g. TAC/DUC), then over predictions.
    Taking the best reference per metric instead (rouge-score's score_multi) inflates the
    figure and is not comparable with published multi-reference scores.
    Both sides are split into sentences (after . ! ? followed by whitespace) and joined
    with newlines, which rougeLsum needs; rouge1 and rouge2 are unaffected by the split.
    """
    from rouge_score import rouge_scorer  # imported lazily: pulls in nltk

    if len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions for {len(references)} references")
    if not predictions:
        raise ValueError("no predictions to score")
    scorer = rouge_scorer.RougeScorer(list(_ROUGE_KEYS), use_stemmer=True)
    totals = dict.fromkeys(_ROUGE_KEYS, 0.0)
    for pred, refs in zip(predictions, references):
        ref_list = [refs] if isinstance(refs, str) else list(refs)
        if not ref_list:
            raise ValueError("every prediction needs at least one reference")
        pred_text = _sentences_per_line(pred)
        per_ref = [scorer.score(_sentences_per_line(ref), pred_text) for ref in ref_list]
        for key in _ROUGE_KEYS:
            totals[key] += sum(scores[key].fmeasure for scores in per_ref) / len(per_ref)
    return {key: 100.0 * totals[key] / len(predictions) for key in _ROUGE_KEYS}
