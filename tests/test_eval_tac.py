"""The TAC answer set (issue 13, session 18): a blind held-out set over TAC 2011's WikiNews, a corpus no answer tuning
touched.

The suite is registered, loads FRANK's 501 articles as distractors plus TAC's 100 keyed by their TAC id (the ids the
questions use), stores each TAC article exactly as the v13 timeline home does, and the committed gold checks out
verbatim against the articles as ragnews stores them. These tests load the set; they never run the answer engine on
it (the set is blind). They skip without ../shared/data.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks import build_tac_set as build
from benchmarks.build_story_set_v13 import tac_articles as v13_tac_articles
from ragnews.eval.suites import load_suite
from ragnews.eval.suites.frank import FRANK
from ragnews.eval.suites.tac import SETS, SPLITS, TAC, tac_id
from ragnews.models import Article

from .conftest import assert_answer_set, assert_registered_answer_set, broken_gold_file, shared_data_holding

#: The brief's minimum size (questions, unanswerable) and the ten TAC topics every set must spread over.
MIN_QUESTIONS, MIN_UNANSWERABLE = 90, 28
TOPICS = {f"M00{n}" for n in range(10)}


@pytest.fixture(scope="module")
def data() -> Path:
    """The shared data folder holding TAC and FRANK (skips the module's data tests when either is absent)."""
    return shared_data_holding(TAC / "source", FRANK)


def test_tac_heldout_is_a_registered_qa_suite_naming_its_set() -> None:
    """tac-heldout is a QA suite served by the tac module, which REGISTRY tells which set to load."""
    assert_registered_answer_set("tac-heldout", "tac", "heldout", SPLITS)


def test_tac_articles_are_stored_as_the_v13_home_stores_them(data: Path) -> None:
    """Each TAC article has the id the v13 timeline home gives it (same title, date, body, outlet), in the same order;
    the TAC id names the topic and the file's place in it."""
    ours = build.load_corpus(data)

    def stored(articles: list[Article]) -> list[tuple[str, str, str, str, str]]:
        """What the home keeps of each article: id, title, day, outlet, body."""
        return [(a.id, a.title, a.published_iso, a.source, a.body) for a in articles]

    assert stored([a for _, a in ours.values()]) == stored(v13_tac_articles(data))
    assert list(ours)[:2] == ["M000-00", "M000-01"] and list(ours)[-1] == "M009-09" and len(ours) == 100


def test_the_set_loads_frank_and_tac_keyed_by_tac_id(data: Path) -> None:
    """The corpus is FRANK's 501 (distractors, no TAC id) then TAC's 100; every answerable question's gold key is a
    TAC id the loader built; the set keeps the brief's counts, all three near-miss kinds and all ten topics."""
    suite = load_suite("tac-heldout", data, None)
    keys = [tac_id(a) for a in suite.articles]
    assert len(keys) == 601 and keys[:501] == [""] * 501 and len(set(keys[501:])) == 100
    assert suite.key_of is tac_id and suite.abstain_sweep
    answerable = assert_answer_set(suite, set(keys[501:]), MIN_QUESTIONS, MIN_UNANSWERABLE)
    per_topic = Counter(k[:4] for q in answerable for k in q.gold_keys)
    assert set(per_topic) == TOPICS and min(per_topic.values()) >= 5


def test_committed_gold_checks_out(data: Path) -> None:
    """Every gold quote is verbatim in its article as stored, every key fact in a quote, every near-miss's terms
    absent (and its anchor present) where its kind says."""
    assert build.check(data) == []


def test_check_catches_a_broken_quote_and_a_near_miss_the_corpus_answers(data: Path, tmp_path: Path) -> None:
    """A quote that is not verbatim, a key fact outside its quotes, an 'absent' actor a FRANK distractor names (the
    absent check covers all 601 articles) and a detail-absent without its anchor are each reported."""
    problems = build.check(data, broken_gold_file(SETS, tmp_path, "Klopp"))
    assert [p.split(":")[1] for p in problems] == ["q1", "q2", "q3", "q4"]
