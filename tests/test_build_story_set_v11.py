"""The blind held-out story set v11 (benchmarks/build_story_set_v11.py; issue 19), drawn from RealTimeQA's 2022 news.

The committed stories_heldout_v11.jsonl must be what its seeded builder writes from ../shared/data (so the set was not
edited by hand after it was drawn, and its md5 is the one its docstring records); every uncovered story's `absent`
rule must match no article of the corpus; the drawn stories must be the seeded sample of the pools; its gold ids must
be the ids ragnews gives the corpus's articles (the realtimeqa suite's loader); and no story may be an earlier set's.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from benchmarks import build_story_set_v11 as v11
from benchmarks.build_story_set import absent_hits

from .conftest import assert_no_earlier_story, story_records

DATASETS = Path(__file__).resolve().parents[1] / "benchmarks" / "datasets"
COMMITTED = DATASETS / v11.OUT_NAME


@pytest.fixture(scope="module")
def data() -> Path:
    """The shared data folder holding realtimeqa/ (skips when the shared data is absent)."""
    from ragnews.eval.suites.base import default_data_dir

    folder = default_data_dir()
    if not (folder / "realtimeqa").is_dir():
        pytest.skip(f"RealTimeQA not found at {folder / 'realtimeqa'} (shared data absent)")
    return folder


@pytest.fixture(scope="module")
def corpus(data: Path) -> list[dict[str, str]]:
    """The 22-week corpus in the builders' shape (loaded once: the loader reads 45 MB)."""
    return v11.load_corpus(data)


def test_set_has_the_drawn_counts_its_md5_and_the_split_is_offered() -> None:
    records = story_records(COMMITTED)
    covered = [r for r in records if r["covered"]]
    assert (len(covered), len(records) - len(covered)) == (v11.N_COVERED, v11.N_UNCOVERED)
    assert all(r["gold"] for r in covered) and not any(r["gold"] for r in records if not r["covered"])
    assert hashlib.md5(COMMITTED.read_bytes()).hexdigest() in (v11.__doc__ or "")
    bench = (DATASETS.parent / "bench_timeline.py").read_text(encoding="utf-8")
    assert '"heldout_v11"' in bench, "bench_timeline --split must offer heldout_v11"


def test_draw_is_the_seeded_sample_of_larger_pools() -> None:
    """Which stories are in the set is decided by the seed, not by hand: the pools are larger than the draw."""
    assert len(v11.COVERED_POOL) > v11.N_COVERED and len(v11.UNCOVERED_POOL) > v11.N_UNCOVERED
    rng = random.Random(v11.SEED)
    covered = {s.id for s in rng.sample(list(v11.COVERED_POOL), v11.N_COVERED)}
    uncovered = {s.id for s in rng.sample(list(v11.UNCOVERED_POOL), v11.N_UNCOVERED)}
    records = story_records(COMMITTED)
    assert [r["id"] for r in records] == ([s.id for s in v11.COVERED_POOL if s.id in covered]
                                          + [s.id for s in v11.UNCOVERED_POOL if s.id in uncovered])


def test_builder_rebuilds_the_committed_file_byte_for_byte(corpus: list[dict[str, str]], tmp_path: Path) -> None:
    path = v11.write_set(corpus, tmp_path, show=False)
    assert path.read_bytes() == COMMITTED.read_bytes(), f"{v11.OUT_NAME} differs from its builder"


def test_every_absent_rule_of_the_pool_matches_no_article(corpus: list[dict[str, str]]) -> None:
    """Drawn or not, each near-miss is absent from the corpus (a later redraw cannot pick a covered one)."""
    assert all(s.absent and not s.rule for s in v11.UNCOVERED_POOL)
    assert {s.id: absent_hits(s, corpus) for s in v11.UNCOVERED_POOL if absent_hits(s, corpus)} == {}


def test_gold_ids_are_the_ids_ragnews_gives_the_corpus(corpus: list[dict[str, str]]) -> None:
    """Gold and peripheral ids are Article ids of the realtimeqa loader's corpus, and their newids name the same articles."""
    by_newid = {a["newid"]: a["id"] for a in corpus}
    ids = set(by_newid.values())
    for r in story_records(COMMITTED):
        assert set(r["gold"]) | set(r["peripheral"]) <= ids, r["id"]
        assert sorted(by_newid[n] for n in r["gold_newids"]) == r["gold"], r["id"]
        assert sorted(by_newid[n] for n in r["peripheral_newids"]) == r["peripheral"], r["id"]


def test_no_story_is_an_earlier_story() -> None:
    """By id and query against v1-v10's datasets and pools (the corpora differ, so no article is shared)."""
    earlier_files = ["stories_dev.jsonl", "stories_heldout.jsonl"] + [f"stories_heldout_v{n}.jsonl" for n in range(2, 11)]
    earlier = [r for name in earlier_files for r in story_records(DATASETS / name)]
    assert_no_earlier_story(story_records(COMMITTED), earlier, v11.earlier_stories())
