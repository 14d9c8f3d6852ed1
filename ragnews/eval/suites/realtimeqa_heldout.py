"""RealTimeQA held-out subset: 60 questions from weeks after 2022-08-26, 10 of them made unanswerable.

Why a separate suite: the LLM engine is slow here (20-60 s an answer on 2 cores), so it is measured
on a fixed, small subset that no prompt was tuned on. The question ids are committed in
ragnews/eval/data/realtimeqa_heldout.json, built once, seeded, by `build()` (run this module) before any
prompt change was measured; never edit that file after seeing results.

Corpus: every gold article and search result of the chosen weeks (as in the realtimeqa suite),
except that for each unanswerable question its gold article and its own search results are left
out. Those questions are "made unanswerable": another article of the same weeks may still happen to
answer one (the report says so); answerable questions keep their gold article.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from .base import PACKAGED_DATA, Question, SuiteData, default_data_dir, require
from .realtimeqa import DOC_CHARS, _corpus, _question, _read, _week, normalise_url

IDS_FILE = PACKAGED_DATA / "realtimeqa_heldout.json"
AFTER = "20220826"  # weeks after this date are held out (dev: this week and before)
SEED = 14
QUESTIONS = 60
UNANSWERABLE = 10


def build(data: Path, seed: int = SEED) -> dict[str, Any]:
    """Choose the held-out weeks and questions reproducibly from DATA/realtimeqa."""
    folder = require(data / "realtimeqa", "realtimeqa-heldout", "the RealTimeQA folder")
    weeks = sorted(p.name[:8] for p in folder.glob("*_qa.jsonl")
                   if p.name[:8] > AFTER and (folder / f"{p.name[:8]}_gcs.jsonl").is_file())
    rng = random.Random(seed)
    ids = []
    for week in weeks:  # only ~8 questions a week have a usable gold article, so every held-out week is needed
        qa, gold, _ = _week(folder, week)
        ids += [q["question_id"] for q in qa if q["question_id"] in gold]
    picked = sorted(rng.sample(ids, QUESTIONS))
    chosen = sorted({i[:8] for i in picked})
    unanswerable = sorted(rng.sample(picked, UNANSWERABLE))
    return {"seed": seed, "held_out_after": AFTER, "candidate_weeks": weeks, "weeks": chosen,
            "answerable": [i for i in picked if i not in unanswerable], "unanswerable": unanswerable,
            "built_by": "python -m ragnews.eval.suites.realtimeqa_heldout ../shared/data"}


def _unanswerable(q: dict[str, Any]) -> Question:
    """An unanswerable question: no gold answer, article or choices (its evidence was removed)."""
    return Question(id=q["question_id"], question=q["question_sentence"], answerable=False, type="made_unanswerable",
                    extra={"question_date": q.get("question_date", "")})


def _subset(spec: dict[str, Any], limit: int | None) -> list[str]:
    """Return the ids to ask: all, or with a limit the first ids of each kind in the same 50:10 proportion.

    A plain "first N ids" would take only the earliest weeks' unanswerable questions (or none);
    the LLM is too slow here for all 60, so a limited run keeps the mix.
    """
    answerable, unanswerable = spec["answerable"], spec["unanswerable"]
    if not limit or limit >= len(answerable) + len(unanswerable):
        return sorted(answerable + unanswerable)
    hidden = round(limit * len(unanswerable) / (len(answerable) + len(unanswerable)))
    return sorted(answerable[: limit - hidden] + unanswerable[:hidden])


def load(data: Path | None, limit: int | None, ids: str = "", name: str = "realtimeqa-heldout") -> SuiteData:
    """Load a committed id list's questions and their weeks' corpus (limit: the first N ids, same mix).

    ids names the list in the packaged data (default: the held-out one, IDS_FILE); `realtimeqa-devunans` (the LLM path's dev
    set with unanswerable questions, session 7) is the same kind of list, so it is loaded the same way.
    """
    path = PACKAGED_DATA / ids if ids else IDS_FILE
    spec = json.loads(require(path, name, "the suite's id list").read_text(encoding="utf-8"))
    loaded = load_spec(spec, data, limit, name)
    if path == IDS_FILE:
        loaded.notes[0] = (f"Held-out weeks {', '.join(spec['weeks'])} (after {AFTER}); question ids committed in "
                           f"{IDS_FILE.name} before any prompt was tuned.")
    else:
        loaded.notes.insert(0, f"DEV set: ids in {path.name} (seed {spec['seed']}).")
    return loaded


def load_spec(spec: dict[str, Any], data: Path | None, limit: int | None, name: str) -> SuiteData:
    """Load the questions of a committed id list and its weeks' corpus, unanswerable ones without their evidence.

    Shared by every frozen RealTimeQA subset (realtimeqa-heldout, realtimeqa-fresh) so they build
    unanswerable questions the same way.
    """
    folder = require((data or default_data_dir()) / "realtimeqa", name, "the RealTimeQA folder")
    keep = _subset(spec, limit)
    unanswerable = set(spec["unanswerable"])
    questions: list[Question] = []
    gold_docs: dict[str, dict[str, Any]] = {}
    search_docs: dict[str, dict[str, Any]] = {}
    removed: set[str] = set()
    for week in spec["weeks"]:
        qa, gold, _ = _week(folder, week)
        for q in qa:
            if q["question_id"] in keep:
                hidden = q["question_id"] in unanswerable
                questions.append(_unanswerable(q) if hidden else _question(q, gold[q["question_id"]]))
        for doc in gold.values():
            gold_docs.setdefault(normalise_url(doc["url"]), doc)
        for r in _read(folder / f"{week}_gcs.jsonl"):
            for doc in r.get("search_result") or []:
                search_docs.setdefault(normalise_url(doc.get("url", "")), doc)
                if r["question_id"] in unanswerable:
                    removed.add(normalise_url(doc.get("url", "")))
        removed.update(normalise_url(gold[i]["url"]) for i in unanswerable if i in gold)
    gold_docs = {k: v for k, v in gold_docs.items() if k not in removed}
    search_docs = {k: v for k, v in search_docs.items() if k not in removed}
    articles = _corpus(gold_docs, search_docs, DOC_CHARS)
    return SuiteData(
        name=name, questions=questions, articles=articles, key_of=lambda a: normalise_url(a.url),
        config={"doc_chars": DOC_CHARS, "weeks": spec["weeks"], "documents": len(articles), "seed": spec["seed"],
                "unanswerable": len(unanswerable), "removed_documents": len(removed)},
        notes=[
            f"Weeks {', '.join(spec['weeks'])}; question ids committed before any measurement.",
            (f"{len(unanswerable)} questions are made unanswerable by removing their gold article and their own search "
             "results from the corpus; another article of the same weeks may still answer one."),
            ("Answer accuracy = the choice the answer text names (most of its content words in the answer) is the gold "
             f"choice; an abstention counts as wrong. Documents keep their first {DOC_CHARS} characters."),
        ],
    )


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_data_dir()
    IDS_FILE.write_text(json.dumps(build(target), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {IDS_FILE}")
