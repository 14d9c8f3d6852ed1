"""Evidence recall@10 on the multi-outlet proxy set (issue 12): ragnews vs bm25-article vs llamaindex, one run.

Run from the repository root after `ragnews eval realtimeqa` has built the RealTimeQA home
(the proxy's questions are asked over that home; nothing is ingested here):
    nice python -m benchmarks.eval_multioutlet --split dev [--set key=value ...] [--json OUT]
    nice python -m benchmarks.eval_multioutlet --split heldout --json benchmarks/results/multioutlet_heldout.json

Every question of benchmarks/datasets/multioutlet_<split>.jsonl (built by build_multioutlet.py on
first use, untracked, checked against the frozen sha256)
names 2-3 reports; each report is an evidence group (the named article and its outlet's other
reports of that day). A system finds a group when one of its 10 ranked articles is in the group
(a syndicated copy folded into a ranked article counts). Per system: evidence recall@10 (mean per
question of the share of groups found), all-found@10 (questions with every group found), overall
recall (groups found / all groups), recall@5, split by question type, and CPU ms per question.

Systems: ragnews `retrieve(q, k=10, by="article")` (10 distinct articles), ragnews
`retrieve(q, k=10)` (the articles of 10 passages, the default call), the two anchors of
`ragnews eval realtimeqa --compare` (bm25-article: bm25s over whole articles, untuned;
llamaindex: the default VectorStoreIndex retriever over the same chunk vectors). --set overrides
ragnews settings (tuning on dev); the anchors never change.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

DATASETS = Path("benchmarks/datasets")
Ranker = Callable[[str], list[str]]


def load_set(split: str, data: Path = Path("../shared/data")) -> list[dict[str, Any]]:
    """The proxy questions of one split (rebuilt from data on first use, checked against the frozen hashes)."""
    from benchmarks.build_multioutlet import frozen_set

    return frozen_set(split, data, DATASETS)


def groups_of(question: dict[str, Any], ids_by_key: dict[str, list[str]], story: dict[str, str]) -> list[set[str]]:
    """Each evidence group of a question as a set of story ids (copies of one story are one story)."""
    return [{story.get(i, i) for k in ev["group"] for i in ids_by_key.get(k, [])} for ev in question["evidence"]]


def score(ranked: Sequence[Sequence[str]], groups: list[set[str]], story: dict[str, str]) -> dict[str, float]:
    """Recall of the evidence groups within the top 10 and top 5 (ranked: each entry = an article and its folded copies)."""
    out: dict[str, float] = {}
    for k in (5, 10):
        seen = {story.get(i, i) for entry in ranked[:k] for i in entry}
        found = sum(1 for g in groups if g & seen)
        out[f"found@{k}"], out["groups"] = found, len(groups)
    return out


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate per-question scores of one system."""
    def block(sel: list[dict[str, Any]]) -> dict[str, float]:
        return {"n": len(sel),
                "evidence_recall@10": round(float(np.mean([r["found@10"] / r["groups"] for r in sel])), 4),
                "all_found@10": round(float(np.mean([r["found@10"] == r["groups"] for r in sel])), 4),
                "overall_recall@10": round(sum(r["found@10"] for r in sel) / sum(r["groups"] for r in sel), 4),
                "evidence_recall@5": round(float(np.mean([r["found@5"] / r["groups"] for r in sel])), 4),
                "cpu_ms_per_q": round(1000 * float(np.mean([r["cpu"] for r in sel])), 1)}
    kinds = sorted({r["type"] for r in rows})
    return {"all": block(rows), **{k: block([r for r in rows if r["type"] == k]) for k in kinds}}


def run(systems: dict[str, Ranker], questions: list[dict[str, Any]], ids_by_key: dict[str, list[str]],
        story: dict[str, str]) -> dict[str, Any]:
    """Score every system on every question."""
    out: dict[str, Any] = {}
    for name, rank in systems.items():
        rows = []
        for q in questions:
            started = time.process_time()
            ranked = rank(q["question"])
            cpu = time.process_time() - started
            rows.append({"id": q["id"], "type": q["type"], "cpu": cpu,
                         **score([[i] if isinstance(i, str) else i for i in ranked], groups_of(q, ids_by_key, story), story)})
        out[name] = {"summary": summarise(rows), "missed": [r["id"] for r in rows if r["found@10"] < r["groups"]]}
        print(name, json.dumps(out[name]["summary"]["all"]), flush=True)
    return out


def ragnews_rankers(rag: Any) -> dict[str, Ranker]:
    """ragnews' article mode and default passage mode (each ranked entry: the article and its folded copies)."""
    def by_article(q: str) -> list[Any]:
        return [[e.article_id, *e.reprints] for e in rag.retrieve(q, k=10, by="article")]

    def by_chunk(q: str) -> list[Any]:
        return [[e.article_id, *e.reprints] for e in rag.retrieve(q, k=10)]

    return {"ragnews-article": by_article, "ragnews-passages": by_chunk}


def _value(text: str) -> Any:
    """A --set value as JSON when it parses, else the string."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def main() -> None:
    """Open the RealTimeQA home, rank every proxy question with every system, print and write the summary."""
    from ragnews.embedders import get_embedder
    from ragnews.eval.anchors import BM25Articles, LlamaIndexDense
    from ragnews.eval.runner import cache_root, home_name
    from ragnews.eval.suites import load_suite
    from ragnews.rag import NewsRAG
    from ragnews.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "heldout"])
    ap.add_argument("--set", action="append", default=[], help="a ragnews setting override, key=value (JSON value)")
    ap.add_argument("--no-anchors", action="store_true", help="skip bm25-article and llamaindex (tuning runs)")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    overrides = {k: _value(v) for k, v in (s.split("=", 1) for s in args.set)}
    base = Settings(chroma_url=None)
    data = load_suite("realtimeqa", None, None, None, "all")
    embedder = get_embedder(base)
    home = cache_root() / home_name("realtimeqa", data, embedder, base)  # the name `ragnews eval realtimeqa` gives it
    if not (home / "ragnews.db").is_file():
        raise SystemExit(f"error: no RealTimeQA home at {home}; run `ragnews eval realtimeqa --limit 0` or any realtimeqa eval first")
    questions = load_set(args.split)
    with NewsRAG(settings=base.model_copy(update={"home": home, **overrides}), embedder=embedder) as rag:
        ids_by_key: dict[str, list[str]] = {}
        for a in data.articles:
            ids_by_key.setdefault(data.key_of(a), []).append(a.id)
        story = {a.id: a.story_id or a.id for a in rag.articles()}
        systems = ragnews_rankers(rag)
        if not args.no_anchors:
            bm25 = BM25Articles(list(rag.records.iter_articles()))
            dense = LlamaIndexDense(rag, embedder)
            systems |= {"bm25-article": lambda q: bm25.rank(q, 10), "llamaindex": lambda q: dense.rank(q, 10)}
        results = run(systems, questions, ids_by_key, story)
    out = {"split": args.split, "questions": len(questions), "settings": overrides, "home": str(home),
           "command": "python -m benchmarks.eval_multioutlet " + " ".join(
               [f"--split {args.split}", *(f"--set {s}" for s in args.set), *(["--no-anchors"] if args.no_anchors else [])]),
           "systems": results}
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    for name, r in results.items():
        print(f"{name:18s}", "  ".join(f"{k}={v['evidence_recall@10']:.3f}/{v['all_found@10']:.3f}" for k, v in r["summary"].items()))


if __name__ == "__main__":
    main()
