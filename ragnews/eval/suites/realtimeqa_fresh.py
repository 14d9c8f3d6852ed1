"""RealTimeQA fresh held-out subset (session 7): 60 questions no evaluation had used, 15 made unanswerable.

Why: the realtimeqa-heldout replies were hand-labelled pair by pair in sessions 5-6 and the 30 first
dev questions were tuned on, so both are dev now. The RealTimeQA files hold ~195 usable questions
and every week was touched by something, so "fresh" is by question, in this order of preference:

1. every usable question of the held-out weeks (after 2022-08-26, 20221028 included: it has no search
   results, so realtimeqa-heldout skipped it) that realtimeqa-heldout did not pick -- never asked by
   any engine, never used for any tuning;
2. to reach 60, a seeded draw from the latest dev weeks, taken newest first until the pool holds the
   questions still needed: far from the 30 first dev questions the LLM path was tuned on; their
   weeks were in the retrieval tuning (fusion weights, shared by both engines), which the report says.

Unanswerable questions are made the way realtimeqa-heldout makes them (`load_spec`): their gold
article and their own search results leave the corpus. Built once, seeded, by `build()` (run this
module) before any change of session 7 was measured; never edit the id file after seeing results.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from .base import PACKAGED_DATA, SuiteData, default_data_dir, require
from .realtimeqa import _week
from .realtimeqa_heldout import AFTER, load_spec
from .realtimeqa_heldout import IDS_FILE as OLD_IDS_FILE

IDS_FILE = PACKAGED_DATA / "realtimeqa_fresh.json"
SEED = 7
QUESTIONS = 60
UNANSWERABLE = 15


def _usable(folder: Path, week: str) -> list[str]:
    """The ids of a week's questions that have a usable gold article."""
    qa, gold, _ = _week(folder, week)
    return [q["question_id"] for q in qa if q["question_id"] in gold]


def build(data: Path, seed: int = SEED) -> dict[str, Any]:
    """Choose the fresh questions reproducibly from DATA/realtimeqa and the committed old held-out list."""
    folder = require(data / "realtimeqa", "realtimeqa-fresh", "the RealTimeQA folder")
    old = json.loads(OLD_IDS_FILE.read_text(encoding="utf-8"))
    used = set(old["answerable"] + old["unanswerable"])
    weeks = sorted(p.name[:8] for p in folder.glob("*_qa.jsonl"))
    unseen = [i for w in weeks if w > AFTER for i in _usable(folder, w) if i not in used]
    rng = random.Random(seed)
    need = QUESTIONS - len(unseen)
    pool: list[str] = []
    dev_weeks = [w for w in reversed(weeks) if w <= AFTER]
    while len(pool) < need and dev_weeks:
        pool += _usable(folder, dev_weeks.pop(0))
    from_dev = sorted(rng.sample(pool, need)) if need > 0 else []
    picked = sorted(unseen + from_dev)
    unanswerable = sorted(rng.sample(picked, UNANSWERABLE))
    return {"seed": seed, "held_out_after": AFTER, "weeks": sorted({i[:8] for i in picked}),
            "unseen_heldout_week_ids": len(unseen), "dev_week_ids": len(from_dev),
            "dev_weeks_drawn_from": sorted({i[:8] for i in pool}),
            "answerable": [i for i in picked if i not in unanswerable], "unanswerable": unanswerable,
            "built_by": "python -m ragnews.eval.suites.realtimeqa_fresh ../shared/data"}


def load(data: Path | None, limit: int | None) -> SuiteData:
    """Load the committed fresh questions and their weeks' corpus (limit: the first N ids, same mix)."""
    spec = json.loads(require(IDS_FILE, "realtimeqa-fresh", "the fresh held-out id list").read_text(encoding="utf-8"))
    loaded = load_spec(spec, data, limit, "realtimeqa-fresh")
    loaded.notes.insert(0, (f"Fresh held-out (session 7): {spec['unseen_heldout_week_ids']} questions of the held-out "
                            f"weeks that realtimeqa-heldout did not pick and {spec['dev_week_ids']} drawn from the latest "
                            f"dev weeks ({', '.join(spec['dev_weeks_drawn_from'])}); ids committed in {IDS_FILE.name} "
                            "before any session-7 change was measured."))
    return loaded


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_data_dir()
    IDS_FILE.write_text(json.dumps(build(target), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {IDS_FILE}")
