"""Tests of ragnews.eval.metrics on small hand-computed cases, and of the example eval dataset."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ragnews.eval.metrics import (
    abstention_scores,
    citation_scores,
    contains_match,
    exact_match,
    first_sentence_match,
    hit_at_k,
    key_fact_recall,
    mrr_at_k,
    multiple_choice_accuracy,
    ndcg_at_k,
    normalize_answer,
    percentiles,
    recall_at_k,
    rouge_scores,
    token_f1,
)

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "ragnews" / "eval" / "data" / "examples" / "questions.jsonl"
ARTICLES = ROOT / "examples" / "articles"

RETRIEVAL = (hit_at_k, recall_at_k, mrr_at_k, ndcg_at_k)


# --------------------------------------------------------------------------- retrieval


@pytest.mark.parametrize("metric", RETRIEVAL)
def test_retrieval_perfect_system_scores_one(metric: Callable[..., float]) -> None:
    """All gold articles ranked first gives 1.0 on every retrieval metric."""
    assert metric(["g1", "g2", "x", "y"], {"g1", "g2"}, k=10) == pytest.approx(1.0)


@pytest.mark.parametrize("metric", RETRIEVAL)
def test_retrieval_worst_system_scores_zero(metric: Callable[..., float]) -> None:
    """No gold article in the top k gives 0.0, even if one appears after the cut-off."""
    assert metric(["x", "y", "z", "g1"], {"g1"}, k=3) == 0.0
    assert metric([], {"g1"}) == 0.0


def test_recall_at_k_partial() -> None:
    """One of two gold articles in the top 3 gives recall 0.5."""
    assert recall_at_k(["x", "g1", "y", "g2"], ["g1", "g2"], k=3) == pytest.approx(0.5)
    assert recall_at_k(["x", "g1", "y", "g2"], ["g1", "g2"], k=4) == pytest.approx(1.0)


def test_mrr_first_gold_at_rank_three() -> None:
    """The first gold article at rank 3 gives MRR 1/3; with k=2 it is cut off."""
    assert mrr_at_k(["a", "b", "g", "c"], {"g"}) == pytest.approx(1 / 3)
    assert mrr_at_k(["a", "b", "g", "c"], {"g"}, k=2) == 0.0
    assert hit_at_k(["a", "b", "g", "c"], {"g"}, k=3) == 1.0


def test_ndcg_by_hand() -> None:
    """Gold at ranks 1 and 3 of two: (1 + 1/log2 4) / (1 + 1/log2 3)."""
    expected = (1 + 1 / 2) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(["g1", "x", "g2"], {"g1", "g2"}, k=10) == pytest.approx(expected)
    # One gold at rank 2, k smaller than the gold set: IDCG uses min(|gold|, k) = 1 slot.
    assert ndcg_at_k(["x", "g1"], {"g1", "g2", "g3"}, k=1) == 0.0
    assert ndcg_at_k(["x", "g1"], {"g1"}, k=2) == pytest.approx(1 / math.log2(3))


def test_syndicated_copy_counts_as_gold() -> None:
    """A copy in the same story group as a gold article counts as finding the gold story."""
    equivalent = {"reuters-1": "story-A", "yahoo-copy-1": "story-A", "other": "story-B"}
    ranked = ["other", "yahoo-copy-1", "x"]
    assert hit_at_k(ranked, {"reuters-1"}, equivalent=equivalent) == 1.0
    assert recall_at_k(ranked, {"reuters-1"}, equivalent=equivalent) == 1.0
    assert mrr_at_k(ranked, {"reuters-1"}, equivalent=equivalent) == pytest.approx(0.5)
    assert ndcg_at_k(ranked, {"reuters-1"}, equivalent=equivalent) == pytest.approx(1 / math.log2(3))
    # Without the mapping the copy is just another article.
    assert hit_at_k(ranked, {"reuters-1"}) == 0.0


def test_gold_story_counted_once_across_copies() -> None:
    """Original and copy of one gold story are one relevant hit, not two."""
    equivalent = {"orig": "S", "copy": "S"}
    ranked = ["orig", "copy", "g2"]
    assert recall_at_k(ranked, {"orig", "g2"}, k=2, equivalent=equivalent) == pytest.approx(0.5)
    # Two gold ids of the same story are one gold story.
    assert recall_at_k(["orig"], {"orig", "copy"}, equivalent=equivalent) == 1.0
    assert ndcg_at_k(["orig", "copy"], {"orig"}, equivalent=equivalent) == pytest.approx(1.0)
    expected = (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(ranked, {"orig", "g2"}, equivalent=equivalent) == pytest.approx(expected)


def test_duplicates_do_not_inflate() -> None:
    """Repeated article ids (several chunks of one article) use one slot and one credit."""
    ranked = ["g1", "g1", "g1", "x", "g2"]
    assert recall_at_k(ranked, {"g1", "g2"}, k=3) == pytest.approx(1.0)  # g1, x, g2 after de-dup
    assert recall_at_k(["g1", "g1", "g1"], {"g1", "g2"}) == pytest.approx(0.5)
    assert ndcg_at_k(["g1", "g1", "g1"], {"g1"}) == pytest.approx(1.0)
    assert mrr_at_k(["x", "x", "g1"], {"g1"}) == pytest.approx(0.5)


def test_retrieval_rejects_empty_gold_and_bad_k() -> None:
    """Empty gold (unanswerable) and k < 1 are errors, not silent zeros."""
    with pytest.raises(ValueError):
        recall_at_k(["a"], set())
    with pytest.raises(ValueError):
        hit_at_k(["a"], {"a"}, k=0)


# --------------------------------------------------------------------------- answers


def test_normalize_answer() -> None:
    """Lowercase, punctuation (incl. Unicode) and articles removed, whitespace folded."""
    assert normalize_answer("  The U.S. envoy’s “offer”,  a test! ") == "us envoys offer test"
    assert normalize_answer("2.5 and 1,000", keep_numbers=True) == "2.5 and 1,000"
    assert normalize_answer("2.5 and 1,000") == "25 and 1000"


def test_exact_and_token_f1_perfect_and_worst() -> None:
    """Identical answers score 1.0; disjoint answers score 0.0."""
    assert exact_match("The Plaza Hotel.", "plaza hotel") == 1.0
    assert token_f1("The Plaza Hotel.", "plaza hotel") == 1.0
    assert exact_match("Seoul", "Tokyo") == 0.0
    assert token_f1("Seoul", "Tokyo") == 0.0
    assert token_f1("", "") == 1.0
    assert token_f1("", "Seoul") == 0.0


def test_token_f1_partial_by_hand() -> None:
    """pred 'plaza hotel in seoul' vs gold 'plaza hotel': P=2/4, R=2/2, F1=2/3."""
    assert token_f1("Plaza Hotel in Seoul", "the Plaza Hotel") == pytest.approx(2 / 3)
    assert token_f1("Plaza Hotel in Seoul", ["Tokyo", "Plaza Hotel"]) == pytest.approx(2 / 3)
    assert exact_match("Seoul", ["Tokyo", "seoul."]) == 1.0


def test_contains_match_uses_whole_tokens() -> None:
    """Gold contained in pred after normalisation, on token boundaries."""
    assert contains_match("They met at the Plaza Hotel, in Seoul.", "plaza hotel") == 1.0
    assert contains_match("Several lawsuits were filed.", "suits") == 0.0
    assert contains_match("Seoul", "Plaza Hotel") == 0.0


def test_key_fact_recall_variants() -> None:
    """Any variant satisfies a fact; the score is the fraction of facts found."""
    facts = [["metal exports", "metal export"], ["refined fuel"], ["luxury goods", "luxury-goods"], ["suits"]]
    pred = "Lifting sanctions on its metal export and on refined-fuel imports."
    # "metal export" matches; "refined-fuel" normalises to "refinedfuel", so not "refined fuel".
    assert key_fact_recall(pred, facts) == pytest.approx(1 / 4)
    pred = "Metal exports, refined fuel, luxury-goods imports such as fine liquors and suits."
    assert key_fact_recall(pred, facts) == 1.0
    assert key_fact_recall("Nothing relevant.", facts) == 0.0


def test_key_fact_recall_numbers_as_written() -> None:
    """Numbers are not converted: '4-day' does not satisfy 'four-day', and 2.5 is not 25."""
    assert key_fact_recall("A 4-day visit.", [["four-day", "four days"]]) == 0.0
    assert key_fact_recall("A 4-day visit.", [["four-day", "4-day"]]) == 1.0
    assert key_fact_recall("It rose 25 percent.", [["2.5"]]) == 0.0
    assert key_fact_recall("It began on Aug. 16.", [["aug. 16", "august 16"]]) == 1.0
    assert key_fact_recall("It began on Aug. 160.", [["aug. 16"]]) == 0.0
    with pytest.raises(ValueError):
        key_fact_recall("anything", [])


def test_multiple_choice_accuracy() -> None:
    """Labels compare case- and punctuation-insensitively; 2 of 4 correct is 0.5."""
    assert multiple_choice_accuracy(["A", "(b)", "C.", "d"], ["a", "B", "C", "D"]) == 1.0
    assert multiple_choice_accuracy(["A", "B", "A", "A"], ["A", "B", "C", "D"]) == pytest.approx(0.5)
    assert multiple_choice_accuracy(["B"], ["A"]) == 0.0
    with pytest.raises(ValueError):
        multiple_choice_accuracy(["A"], ["A", "B"])


# --------------------------------------------------------------------------- citations

PASSAGES = [
    "Sung Kim arrived in Seoul on Saturday for a four-day visit.",
    "The nine-day joint military exercise began on Aug. 16.",
    "China is North Korea's only major ally.",
]


def _judge(sentence: str, passages: list[str]) -> bool:
    """Toy support scorer: every content keyword of the sentence appears in the passages."""
    text = " ".join(passages).lower()
    keywords = [w.strip(".,;!?") for w in sentence.lower().split() if len(w.strip(".,;!?")) > 3]
    return all(w in text for w in keywords)


def test_citations_perfect() -> None:
    """Every sentence cites exactly the passage that supports it."""
    sents = [("Sung Kim arrived Saturday.", [0]), ("The exercise began Aug. 16.", [1])]
    scores = citation_scores(sents, PASSAGES, _judge)
    assert scores["recall"] == 1.0
    assert scores["precision"] == 1.0
    assert scores["f1"] == 1.0
    assert scores["n_citations"] == 2.0


def test_citations_worst() -> None:
    """Wrong passages, no citation and an unknown id: nothing supported, nothing relevant."""
    sents = [("Sung Kim arrived Saturday.", [2]), ("The exercise began Aug. 16.", []), ("China ally.", [7])]
    scores = citation_scores(sents, PASSAGES, _judge)
    assert scores == {"recall": 0.0, "precision": 0.0, "f1": 0.0, "n_sentences": 3.0, "n_citations": 2.0}
    assert citation_scores([], PASSAGES, _judge)["recall"] == 0.0


def test_citations_partial_by_hand() -> None:
    """An extra irrelevant citation lowers precision; a needed pair of citations is fully precise."""
    # Sentence 1 supported by [0]; citation 2 is irrelevant (alone no, removal keeps support).
    # Sentence 2 needs both 0 and 1: each alone fails, removing either breaks support.
    # Sentence 3 is unsupported: its citation is irrelevant.
    sents = [
        ("Sung Kim arrived Saturday.", [0, 2]),
        ("Sung Kim arrived Saturday; exercise began Aug. 16.", [0, 1]),
        ("Japan agreed.", [2]),
    ]
    scores = citation_scores(sents, PASSAGES, _judge)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["precision"] == pytest.approx(3 / 5)
    p, r = 3 / 5, 2 / 3
    assert scores["f1"] == pytest.approx(2 * p * r / (p + r))


def test_citations_mapping_and_repeated_ids() -> None:
    """Passages may be a mapping of citation numbers; a repeated id counts once."""
    scores = citation_scores([("China ally.", [3, 3])], {3: PASSAGES[2]}, _judge)
    assert scores["recall"] == 1.0
    assert scores["precision"] == 1.0
    assert scores["n_citations"] == 1.0


# --------------------------------------------------------------------------- abstention


def test_abstention_perfect_and_worst() -> None:
    """Abstaining exactly on the unanswerable questions is perfect; the reverse scores 0."""
    answerable = [True, False, True, False]
    perfect = abstention_scores([False, True, False, True], answerable)
    assert (perfect["precision"], perfect["recall"], perfect["f1"], perfect["accuracy"]) == (1.0, 1.0, 1.0, 1.0)
    worst = abstention_scores([True, False, True, False], answerable)
    assert (worst["precision"], worst["recall"], worst["f1"], worst["accuracy"]) == (0.0, 0.0, 0.0, 0.0)


def test_abstention_partial_by_hand() -> None:
    """3 abstentions, 2 correct, 4 unanswerable: P=2/3, R=1/2, F1=4/7."""
    answerable = [False, False, False, False, True, True]
    scores = abstention_scores([True, True, False, False, True, False], answerable)
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(1 / 2)
    assert scores["f1"] == pytest.approx(4 / 7)
    assert scores["accuracy"] == pytest.approx(3 / 6)


def test_abstention_edge_cases_are_defined() -> None:
    """No unanswerable questions or no abstentions give defined values, never ZeroDivisionError."""
    never = abstention_scores([False, False], [True, True])
    assert (never["precision"], never["recall"], never["f1"]) == (1.0, 1.0, 1.0)
    wrongly = abstention_scores([True, False], [True, True])
    assert (wrongly["precision"], wrongly["recall"], wrongly["f1"]) == (0.0, 1.0, 0.0)
    missed = abstention_scores([False, False], [False, True])
    assert (missed["precision"], missed["recall"], missed["f1"]) == (1.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        abstention_scores([], [])
    with pytest.raises(ValueError):
        abstention_scores([True], [True, False])


# --------------------------------------------------------------------------- latency and ROUGE


def test_percentiles() -> None:
    """Linear-interpolation percentiles of 1..100 ms, keyed p50/p95."""
    values = [float(v) for v in range(1, 101)]
    assert percentiles(values) == {"p50": pytest.approx(50.5), "p95": pytest.approx(95.05)}
    assert percentiles([3.0], (50, 99.9)) == {"p50": 3.0, "p99.9": 3.0}
    with pytest.raises(ValueError):
        percentiles([])


def test_rouge_identical_is_100_and_disjoint_is_0() -> None:
    """Identical texts score 100 on every metric; texts without shared words score 0."""
    text = "Sung Kim arrived in Seoul. He met Noh Kyu-duk! Did they talk?"
    assert rouge_scores([text], [text]) == pytest.approx({"rouge1": 100.0, "rouge2": 100.0, "rougeLsum": 100.0})
    assert rouge_scores(["alpha beta"], ["gamma delta"]) == {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}


def test_rouge_multi_reference_averages_references_then_predictions() -> None:
    """Several references are averaged (not the best one taken), as multi-reference ROUGE is reported; then the mean over predictions."""
    multi = rouge_scores(["the envoys met in seoul"], [["nothing alike here", "the envoys met in seoul"]])
    assert multi["rouge1"] == pytest.approx(50.0)
    half = rouge_scores(["the envoys met in seoul"], [["the envoys met", "the envoys met in seoul"]])
    assert half["rouge1"] == pytest.approx((75.0 + 100.0) / 2)  # F1(P=3/5, R=1) = 75 against the first, 100 the second
    mean = rouge_scores(["the envoys met", "alpha"], ["the envoys met", "beta"])
    assert mean["rouge1"] == pytest.approx(50.0)
    # Stemming: "meeting"/"meetings" share a stem.
    assert rouge_scores(["meetings"], ["meeting"])["rouge1"] == pytest.approx(100.0)


# --------------------------------------------------------------------------- dataset

REQUIRED = {
    "id": str,
    "question": str,
    "answer": str,
    "key_facts": list,
    "gold_articles": list,
    "gold_quotes": list,
    "answerable": bool,
    "type": str,
}
TYPES = {"single", "list", "who", "where", "when", "number", "multi_article", "conflict", "unanswerable"}


def _records() -> list[dict[str, Any]]:
    """Return the records of the example dataset."""
    lines = DATASET.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_dataset_shape() -> None:
    """At least 30 records, 6 unanswerable, unique ids, required fields with the right types."""
    records = _records()
    assert len(records) >= 30
    assert sum(1 for r in records if r["answerable"] is False) >= 6
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    assert records[0]["id"] == "ex01"
    assert records[0]["question"] == "What did North Korea demand for sanctions relief?"
    for r in records:
        for field, kind in REQUIRED.items():
            assert isinstance(r.get(field), kind), (r.get("id"), field)
        assert r["type"] in TYPES, r["id"]
        assert all(isinstance(f, list) and f and all(isinstance(v, str) and v for v in f) for f in r["key_facts"])
        if r["answerable"]:
            assert r["type"] != "unanswerable", r["id"]
            assert r["answer"] and r["key_facts"] and r["gold_articles"] and r["gold_quotes"], r["id"]
            # The reference answer itself must contain every key fact.
            assert key_fact_recall(r["answer"], r["key_facts"]) == 1.0, r["id"]
        else:
            assert r["type"] == "unanswerable", r["id"]
            assert r["answer"] == "" and r["key_facts"] == r["gold_articles"] == r["gold_quotes"] == [], r["id"]


def test_dataset_gold_quotes_are_verbatim() -> None:
    """Every gold quote occurs verbatim in one of its record's gold article files."""
    for r in _records():
        texts = {name: (ARTICLES / name).read_text(encoding="utf-8") for name in r["gold_articles"]}
        for quote in r["gold_quotes"]:
            assert any(quote in text for text in texts.values()), (r["id"], quote)
        for name, text in texts.items():
            assert any(q in text for q in r["gold_quotes"]), (r["id"], name)


def test_first_sentence_match_looks_only_at_the_first_sentence() -> None:
    assert first_sentence_match("Noh Kyu-duk [1]. Kim told reporters ... Noh Kyu-duk. [1]", "Noh Kyu-duk") == 1.0
    assert first_sentence_match("Kim arrived on Saturday. [1] He met Noh Kyu-duk. [2]", "Noh Kyu-duk") == 0.0
    assert first_sentence_match("57.1 mln dlr [1]. It said ...", "57.1 mln dlr") == 1.0


def test_first_sentence_match_reads_past_initials_and_abbreviations() -> None:
    """Real leads from the Reuters sets: an initial or "U.S." ends no sentence, a citation marker or a full stop does."""
    assert first_sentence_match("Martin R. Shugrue [1]. Pan Am vice chairman Martin R. Shugrue said ...", "Martin R. Shugrue") == 1.0
    assert first_sentence_match("W.A. Kistler Jr. [1] Chairman W.A. Kistler Jr. is chief executive officer.", "W.A. Kistler Jr.") == 1.0
    lyng = 'U.S. Agriculture Secretary Richard Lyng said he is "very disappointed" by a Canadian finding. [1]'
    assert first_sentence_match(lyng, "very disappointed") == 1.0
    assert first_sentence_match("Bill Sullivan works at Dean Witter. The firm is Smith Barney. [1]", "Smith Barney") == 0.0


def test_first_sentence_ends_at_the_first_citation_marker() -> None:
    """A lead is the text before its first marker: a name later in the same quoted sentence was not given first."""
    assert first_sentence_match("Sung Kim [1] met Noh Kyu-duk in Seoul. [2]", "Noh Kyu-duk") == 0.0
    assert first_sentence_match("Sung Kim [1] met Noh Kyu-duk in Seoul. [2]", "Sung Kim") == 1.0
