"""The FRANK answer sets (issue 13, session 16): a blind held-out set over 2010s web news, a corpus no answer tuning touched.

The suite is registered, loads all 501 FRANK articles keyed by their FRANK id (the ids the questions use), the split
is the seeded one and the committed gold checks out verbatim against the articles as ragnews stores them. These
tests load the set; they never run the answer engine on it (the set is blind). They skip without ../shared/data.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks import build_frank_sets as build
from ragnews.eval.suites import load_suite
from ragnews.eval.suites.frank import FRANK, SETS, SPLITS, frank_id, read_ids

from .conftest import assert_answer_set, assert_registered_answer_set, broken_gold_file, shared_data_holding


@pytest.fixture(scope="module")
def data() -> Path:
    """The shared data folder holding FRANK (skips the module's data tests when it is absent)."""
    return shared_data_holding(FRANK)


@pytest.mark.parametrize("name, split", [("frank-heldout", "heldout"), ("frank-dev", "dev")])
def test_frank_sets_are_registered_qa_suites_naming_their_half(name: str, split: str) -> None:
    """frank-heldout and frank-dev are QA suites served by the frank module, which REGISTRY tells which half to load."""
    assert_registered_answer_set(name, "frank", split, SPLITS)


def test_the_split_is_the_seeded_one_and_halves_each_outlet(data: Path) -> None:
    """select re-draws the committed halves from SEED; they are disjoint, cover all 501 articles and split both
    outlets (250 CNN/DM, 251 BBC) evenly, the odd one to the held-out half."""
    halves = {split: read_ids(split) for split in build.SPLITS}
    assert build.select(data) == halves
    assert not set(halves["heldout"]) & set(halves["dev"]) and len(halves["heldout"]) + len(halves["dev"]) == 501
    outlet = {fid: dataset for fid, (dataset, _) in build.load_corpus(data).items()}
    assert Counter(outlet[i] for i in halves["heldout"]) == {"cnndm": 125, "xsum": 126}


#: Each set's minimum size (questions, unanswerable, gold articles), as its brief asked.
SIZES = {"frank-heldout": (100, 30, 50), "frank-dev": (60, 20, 30)}


@pytest.mark.parametrize("name", SIZES)
def test_a_set_loads_all_501_articles_keyed_by_frank_id(data: Path, name: str) -> None:
    """The corpus is all of FRANK (the other half is the distractors); every answerable question's gold key is the
    FRANK id of an article of the set's own half that the loader built; the set keeps its brief's counts."""
    suite = load_suite(name, data, None)
    keys = [frank_id(a) for a in suite.articles]
    assert len(keys) == len(set(keys)) == 501 and suite.key_of is frank_id and suite.abstain_sweep
    n_questions, n_unanswerable, n_articles = SIZES[name]
    answerable = assert_answer_set(suite, set(read_ids(SPLITS[name])), n_questions, n_unanswerable)
    outlets = {fid: ds for fid, (ds, _) in build.load_corpus(data).items()}
    gold = {k for q in answerable for k in q.gold_keys}
    assert len(gold) >= n_articles and {outlets[k] for k in gold} == {"cnndm", "xsum"}


@pytest.mark.parametrize("split", build.SPLITS)
def test_committed_gold_checks_out(data: Path, split: str) -> None:
    """Every gold quote is verbatim in its article as stored, every key fact in a quote, every near-miss's terms
    absent (and its anchor present) where its kind says."""
    assert build.check(data, split) == []


def test_check_catches_a_paraphrased_quote_and_a_near_miss_the_corpus_answers(data: Path, tmp_path: Path) -> None:
    """A quote that is not verbatim (the glued BBC text is stored repaired, the CNN/DM text as given), a key fact
    outside its quotes, an 'absent' actor the corpus names and a detail-absent without its anchor are reported."""
    problems = build.check(data, "heldout", broken_gold_file(SETS, tmp_path, "Sturgeon"))
    assert [p.split(":")[1] for p in problems] == ["q1", "q2", "q3", "q4"]
