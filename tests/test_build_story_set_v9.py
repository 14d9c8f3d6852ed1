"""The blind held-out story set v9 (benchmarks/build_story_set_v9.py, issue 19).

The committed stories_heldout_v9.jsonl must be what the seeded builder writes from ../shared/data (so the set
was not edited by hand after it was drawn), and no v9 story may be one of v1-v8's: not by id or query, not by
its gold articles (an old story under a new name), checked against every earlier dataset and builder pool.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from benchmarks import build_story_set_v9 as v9
from benchmarks.build_story_set import load_corpus

from .conftest import assert_no_earlier_story, reuters_folder, story_records

DATASETS = Path(__file__).resolve().parents[1] / "benchmarks" / "datasets"
V9_FILE = DATASETS / v9.OUT_NAME
EARLIER_FILES = ("stories_dev.jsonl", "stories_heldout.jsonl") + tuple(f"stories_heldout_v{n}.jsonl" for n in range(2, 9))


def _earlier_records() -> list[dict[str, Any]]:
    """Every story of the committed v1-v8 datasets (dev, heldout, heldout_v2 ... heldout_v8)."""
    missing = [name for name in EARLIER_FILES if not (DATASETS / name).is_file()]
    assert not missing, f"earlier story sets missing: {missing}"
    return [r for name in EARLIER_FILES for r in story_records(DATASETS / name)]


def test_v9_has_the_drawn_counts_and_the_split_is_offered() -> None:
    records = story_records(V9_FILE)
    covered = [r for r in records if r["covered"]]
    assert (len(covered), len(records) - len(covered)) == (v9.N_COVERED, v9.N_UNCOVERED)
    assert all(r["gold"] for r in covered) and not any(r["gold"] for r in records if not r["covered"])
    bench = (DATASETS.parent / "bench_timeline.py").read_text(encoding="utf-8")
    assert '"heldout_v9"' in bench, "bench_timeline --split must offer heldout_v9"


def test_no_v9_story_is_an_earlier_story() -> None:
    """By id, by query, and by gold articles: no v9 covered story shares half its gold with an earlier story."""
    assert_no_earlier_story(story_records(V9_FILE), _earlier_records(), v9.earlier_stories())


def test_builder_rebuilds_the_committed_file_byte_for_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = reuters_folder()
    assert v9.main([str(folder), "--out", str(tmp_path)]) == 0
    assert (tmp_path / v9.OUT_NAME).read_bytes() == V9_FILE.read_bytes(), "stories_heldout_v9.jsonl differs from its builder"
    assert "md5 " in capsys.readouterr().out


def test_earlier_overlap_flags_an_old_story_under_a_new_name() -> None:
    """The pool check the builder runs before drawing: v8's CSR/Pioneer Sugar story renamed is still caught by
    its articles, a renamed id with an old query by the query; v9's own pools pass."""
    corpus = load_corpus(reuters_folder())
    earlier = v9.earlier_stories()
    old = next(s for s in earlier if s.id == "csr-pioneer-sugar")
    renamed = dataclasses.replace(old, id="pioneer-sugar-takeover", query="Who bought Pioneer Sugar Mills")
    problems = v9.earlier_overlap([renamed], corpus, earlier)
    assert any("core articles are matched by csr-pioneer-sugar" in p for p in problems), problems
    same_query = dataclasses.replace(v9.UNCOVERED_POOL[0], id="new-id", query=old.query)
    assert v9.earlier_overlap([same_query], corpus, earlier) == ["new-id: id or query of an earlier story"]
    assert v9.earlier_overlap(v9.COVERED_POOL[:3], corpus, earlier) == []
