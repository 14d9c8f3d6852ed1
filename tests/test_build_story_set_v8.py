"""The blind held-out story set v8 (benchmarks/build_story_set_v8.py, issue 19).

The committed stories_heldout_v8.jsonl must be what the seeded builder writes from ../shared/data (so the set
was not edited by hand after it was drawn), and no v8 story may be one of v1-v7's: not by id or query, not by
its gold articles (an old story under a new name), checked against every earlier dataset and builder pool.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from benchmarks import build_story_set_v8 as v8
from benchmarks.build_story_set import load_corpus

from .conftest import assert_no_earlier_story, reuters_folder, story_records

DATASETS = Path(__file__).resolve().parents[1] / "benchmarks" / "datasets"
V8_FILE = DATASETS / v8.OUT_NAME


def _earlier_records() -> list[dict[str, Any]]:
    """Every story of the committed v1-v7 datasets (dev, heldout, heldout_v2 ... heldout_v7)."""
    later = {v8.OUT_NAME, "stories_heldout_v9.jsonl"}  # v8 itself and the sets built after it
    paths = [p for p in sorted(DATASETS.glob("stories_*.jsonl")) if p.name not in later]
    assert len(paths) == 8, f"expected v1 dev + v1 held-out + v2-v7, found {[p.name for p in paths]}"
    return [r for p in paths for r in story_records(p)]


def test_v8_has_the_drawn_counts_and_the_split_is_offered() -> None:
    records = story_records(V8_FILE)
    covered = [r for r in records if r["covered"]]
    assert (len(covered), len(records) - len(covered)) == (v8.N_COVERED, v8.N_UNCOVERED)
    assert all(r["gold"] for r in covered) and not any(r["gold"] for r in records if not r["covered"])
    bench = (DATASETS.parent / "bench_timeline.py").read_text(encoding="utf-8")
    assert '"heldout_v8"' in bench, "bench_timeline --split must offer heldout_v8"


def test_no_v8_story_is_an_earlier_story() -> None:
    """By id, by query, and by gold articles: no v8 covered story shares half its gold with an earlier story."""
    assert_no_earlier_story(story_records(V8_FILE), _earlier_records(), v8.earlier_stories())


def test_builder_rebuilds_the_committed_file_byte_for_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = reuters_folder()
    assert v8.main([str(folder), "--out", str(tmp_path)]) == 0
    assert (tmp_path / v8.OUT_NAME).read_bytes() == V8_FILE.read_bytes(), "stories_heldout_v8.jsonl differs from its builder"
    assert "md5 " in capsys.readouterr().out


def test_earlier_overlap_flags_an_old_story_under_a_new_name() -> None:
    """The pool check the builder runs before drawing: v7's Allis-Chalmers story renamed is still caught by
    its articles, a renamed id with an old query by the query; v8's own pools pass."""
    corpus = load_corpus(reuters_folder())
    old = next(s for s in v8.earlier_stories() if s.id == "allis-chalmers")
    renamed = dataclasses.replace(old, id="allis-chalmers-chapter-11", query="Allis-Chalmers files for bankruptcy")
    problems = v8.earlier_overlap([renamed], corpus, v8.earlier_stories())
    assert any("core articles are matched by allis-chalmers" in p for p in problems), problems
    same_query = dataclasses.replace(v8.UNCOVERED_POOL[0], id="new-id", query=old.query)
    assert v8.earlier_overlap([same_query], corpus, v8.earlier_stories()) == ["new-id: id or query of an earlier story"]
    assert v8.earlier_overlap(v8.COVERED_POOL[:3], corpus, v8.earlier_stories()) == []
