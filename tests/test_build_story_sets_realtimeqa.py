"""The blind held-out story sets drawn from RealTimeQA's 2022 news (benchmarks/build_story_set_v11.py, _v12.py;
issue 19).

Each committed stories_heldout_vN.jsonl must be what its seeded builder writes from ../shared/data (so the set was
not edited by hand after it was drawn, and its md5 is the one its docstring records); every uncovered story's
`absent` rule must match no article of the corpus; the drawn stories must be the seeded sample of the pools; its
gold ids must be the ids ragnews gives the corpus's articles (the realtimeqa suite's loader); and no story may be an
earlier set's. One parametrized test per check (v11 and v12 share one corpus and one builder shape), so a later
RealTimeQA set adds a row instead of a copy of the tests.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
from pathlib import Path
from types import ModuleType

import pytest

from benchmarks import build_story_set_v11 as v11
from benchmarks import build_story_set_v12 as v12
from benchmarks.build_story_set import absent_hits

from .conftest import assert_no_earlier_story, story_records

DATASETS = Path(__file__).resolve().parents[1] / "benchmarks" / "datasets"
#: (builder, the last earlier heldout_vN its stories must not repeat)
SETS = [(v11, 10), (v12, 11)]
BY_SET = pytest.mark.parametrize("builder, last", SETS, ids=["v11", "v12"])


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


def committed(builder: ModuleType) -> Path:
    """The set's committed jsonl."""
    return DATASETS / builder.OUT_NAME


@BY_SET
def test_set_has_the_drawn_counts_its_md5_and_the_split_is_offered(builder: ModuleType, last: int) -> None:
    records = story_records(committed(builder))
    covered = [r for r in records if r["covered"]]
    assert (len(covered), len(records) - len(covered)) == (builder.N_COVERED, builder.N_UNCOVERED)
    assert all(r["gold"] for r in covered) and not any(r["gold"] for r in records if not r["covered"])
    assert hashlib.md5(committed(builder).read_bytes()).hexdigest() in (builder.__doc__ or "")
    bench = (DATASETS.parent / "bench_timeline.py").read_text(encoding="utf-8")
    split = committed(builder).stem.removeprefix("stories_")
    assert f'"{split}"' in bench, f"bench_timeline --split must offer {split}"


@BY_SET
def test_draw_is_the_seeded_sample_of_larger_pools(builder: ModuleType, last: int) -> None:
    """Which stories are in the set is decided by the seed, not by hand: the pools are larger than the draw."""
    assert len(builder.COVERED_POOL) > builder.N_COVERED and len(builder.UNCOVERED_POOL) > builder.N_UNCOVERED
    rng = random.Random(builder.SEED)
    covered = {s.id for s in rng.sample(list(builder.COVERED_POOL), builder.N_COVERED)}
    uncovered = {s.id for s in rng.sample(list(builder.UNCOVERED_POOL), builder.N_UNCOVERED)}
    records = story_records(committed(builder))
    assert [r["id"] for r in records] == ([s.id for s in builder.COVERED_POOL if s.id in covered]
                                          + [s.id for s in builder.UNCOVERED_POOL if s.id in uncovered])


@BY_SET
def test_builder_rebuilds_the_committed_file_byte_for_byte(builder: ModuleType, last: int,
                                                            corpus: list[dict[str, str]], tmp_path: Path) -> None:
    path = builder.write_set(corpus, tmp_path, show=False)
    assert path.read_bytes() == committed(builder).read_bytes(), f"{builder.OUT_NAME} differs from its builder"


@BY_SET
def test_every_absent_rule_of_the_pool_matches_no_article(builder: ModuleType, last: int,
                                                          corpus: list[dict[str, str]]) -> None:
    """Drawn or not, each near-miss is absent from the corpus (a later redraw cannot pick a covered one)."""
    assert all(s.absent and not s.rule for s in builder.UNCOVERED_POOL)
    assert {s.id: absent_hits(s, corpus) for s in builder.UNCOVERED_POOL if absent_hits(s, corpus)} == {}


@BY_SET
def test_gold_ids_are_the_ids_ragnews_gives_the_corpus(builder: ModuleType, last: int,
                                                       corpus: list[dict[str, str]]) -> None:
    """Gold and peripheral ids are Article ids of the realtimeqa loader's corpus, and their newids name the same articles."""
    by_newid = {a["newid"]: a["id"] for a in corpus}
    ids = set(by_newid.values())
    for r in story_records(committed(builder)):
        assert set(r["gold"]) | set(r["peripheral"]) <= ids, r["id"]
        assert sorted(by_newid[n] for n in r["gold_newids"]) == r["gold"], r["id"]
        assert sorted(by_newid[n] for n in r["peripheral_newids"]) == r["peripheral"], r["id"]


@BY_SET
def test_no_story_is_an_earlier_story(builder: ModuleType, last: int) -> None:
    """By id and query against every earlier dataset and pool, and (v12, the same corpus as v11) by gold articles."""
    earlier_files = ["stories_dev.jsonl", "stories_heldout.jsonl"] + [f"stories_heldout_v{n}.jsonl" for n in range(2, last + 1)]
    earlier = [r for name in earlier_files for r in story_records(DATASETS / name)]
    assert_no_earlier_story(story_records(committed(builder)), earlier, builder.earlier_stories())


def test_v12_pools_exclude_every_v11_story_and_near_miss(corpus: list[dict[str, str]]) -> None:
    """v12 is drawn from v11's corpus, so its builder's pool check must see v11's pools (covered and near-misses):
    a v11 story renamed is caught by its articles, a v11 near-miss renamed by its query; v12's own pools pass."""
    earlier = v12.earlier_stories()
    assert {s.id for s in v11.COVERED_POOL + v11.UNCOVERED_POOL} <= {s.id for s in earlier}
    old = v11.COVERED_POOL[0]
    renamed = dataclasses.replace(old, id="a-new-name", query="A story under a new name")
    assert any(f"core articles are matched by {old.id}" in p for p in v12.earlier_overlap([renamed], corpus, earlier))
    near_miss = dataclasses.replace(v12.UNCOVERED_POOL[0], id="new-id", query=v11.UNCOVERED_POOL[0].query)
    assert v12.earlier_overlap([near_miss], corpus, earlier) == ["new-id: id or query of an earlier story"]
    assert v12.earlier_overlap(v12.COVERED_POOL + v12.UNCOVERED_POOL, corpus, earlier) == []
