"""RGB held-out for the LLM path (session 10): 60 questions, 45 answerable and 15 unanswerable.

Why: realtimeqa-fresh was read in sessions 7, 8 and 9 and only 22 RealTimeQA questions are unused, so
a second held-out comes from RGB (DATA/rgb/en_fact.json, 100 records), frozen before any session-10 change.

- Answerable questions take RGB's noise form (the record's positive passages plus its negative ones,
  as the rgb suite's "-noise" questions); unanswerable ones take RGB's negative-rejection form (only
  the negative passages: the positive and counterfactual passages of such a record are not ingested).
- Records 0-3 are left out: they were the LLM path's RGB run of session 5 (`--limit 4`). The
  extractive engine has seen all of RGB (`ragnews eval rgb`; session 5 read its abstentions), so this
  set is held out for the LLM reader, not for the extractive engine -- reports say so.
- A record whose negative passages already contain its gold answer (RGB's negatives are search
  snippets; a few state the answer) cannot be made unanswerable; it may still be drawn as answerable.

Built once, seeded, by `build()` (run this module) before any session-10 change was measured; never
edit the id file after seeing results.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from ...models import Article
from ..metrics import contains_match
from .base import PACKAGED_DATA, Question, SuiteData, default_data_dir, require
from .rgb import _answers, _passages

IDS_FILE = PACKAGED_DATA / "rgb_heldout.json"
SEED = 10
QUESTIONS = 60
UNANSWERABLE = 15
LLM_DEV_RECORDS = range(4)  # session 5's `llm_replay --suite rgb --limit 4`


def _records(data: Path | None) -> list[dict[str, Any]]:
    """The RGB records, in file order."""
    path = require((data or default_data_dir()) / "rgb" / "en_fact.json", "rgb-heldout", "the RGB file en_fact.json")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _negatives_answer(r: dict[str, Any]) -> bool:
    """True when a negative passage already states the gold answer (the record cannot be made unanswerable)."""
    return any(contains_match(text, _answers(r["answer"])) == 1.0 for text in r.get("negative") or [])


def build(data: Path, seed: int = SEED) -> dict[str, Any]:
    """Draw the held-out records reproducibly: 60 of the records the LLM path never saw, 15 of them unanswerable."""
    records = _records(data)
    eligible = [r for r in records if r["id"] not in LLM_DEV_RECORDS and r.get("positive") and r.get("negative")]
    rng = random.Random(seed)
    picked = sorted(rng.sample(eligible, QUESTIONS), key=lambda r: r["id"])
    can_reject = [r["id"] for r in picked if not _negatives_answer(r)]
    unanswerable = sorted(rng.sample(can_reject, UNANSWERABLE))
    return {"seed": seed, "excluded_llm_dev_records": list(LLM_DEV_RECORDS),
            "eligible_records": len(eligible), "negatives_state_answer": len(picked) - len(can_reject),
            "answerable": [r["id"] for r in picked if r["id"] not in unanswerable], "unanswerable": unanswerable,
            "built_by": "python -m ragnews.eval.suites.rgb_heldout ../shared/data"}


def _question(r: dict[str, Any], answerable: bool, pos: list[Article], neg: list[Article]) -> Question:
    """The noise question of an answerable record, or the negative-only question of an unanswerable one."""
    shown = (pos if answerable else []) + neg
    return Question(id=f"{r['id']}-{'noise' if answerable else 'negative'}", question=r["query"],
                    answers=_answers(r["answer"]) if answerable else [], answerable=answerable,
                    gold_keys=[a.id for a in pos] if answerable else [], type="noise" if answerable else "negative",
                    articles=[a.id for a in shown])


def load(data: Path | None, limit: int | None, ids: str = "", name: str = "rgb-heldout") -> SuiteData:
    """Load a committed id list's records (limit: the first N questions in record order).

    ids names the list in the packaged data (default: the held-out one, IDS_FILE); `rgb-dev` (the LLM path's RGB dev set of
    session 11: the 40 records outside rgb-heldout, 10 in the negative-only form) is the same kind of list.
    """
    path = PACKAGED_DATA / ids if ids else IDS_FILE
    spec = json.loads(require(path, name, "the suite's RGB id list").read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in _records(data)}
    unanswerable = set(spec["unanswerable"])
    asked = sorted(spec["answerable"] + spec["unanswerable"])[:limit] if limit else sorted(spec["answerable"] + spec["unanswerable"])
    articles: dict[str, Article] = {}
    questions: list[Question] = []
    for rid in asked:
        r = by_id[rid]
        answerable = rid not in unanswerable
        pos = _passages(r.get("positive") or [], rid, "positive") if answerable else []
        neg = _passages(r.get("negative") or [], rid, "negative")
        for a in pos + neg:
            articles.setdefault(a.id, a)
        questions.append(_question(r, answerable, pos, neg))
    return SuiteData(
        name=name, questions=questions, articles=list(articles.values()), key_of=lambda a: a.id,
        config={"records": len(asked), "passages": len(articles), "seed": spec["seed"]},
        notes=[_note(spec, path)],
    )


def _note(spec: dict[str, Any], path: Path) -> str:
    """What the report says of the set: the held-out's provenance, or that a dev list is dev."""
    if path != IDS_FILE:
        return (f"DEV set: ids in {path.name}: {len(spec['answerable'])} answerable records in the noise form and "
                f"{len(spec['unanswerable'])} negative-only (seed {spec['seed']}).")
    return (f"RGB held-out (session 10): {len(spec['answerable'])} answerable records in RGB's noise form "
            f"(positive + negative passages) and {len(spec['unanswerable'])} in its negative-rejection form "
            f"(negative passages only); records {spec['excluded_llm_dev_records']} (the LLM path's session-5 RGB run) "
            f"left out; ids committed in {IDS_FILE.name} before any session-10 change was measured. The extractive "
            "engine has seen all of RGB, so this is held out for the LLM reader only.")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_data_dir()
    IDS_FILE.write_text(json.dumps(build(target), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {IDS_FILE}")
