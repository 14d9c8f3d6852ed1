"""Tune retrieval settings on the RealTimeQA DEV weeks only (issue 12), by coordinate search.

Run from the repository root after `ragnews eval realtimeqa --split dev` has built the home:
    nice python -m benchmarks.tune_retrieval [--split dev] [--rounds 2] [--json benchmarks/results/tune_retrieval.json]

Scores the article ranking (retrieve(..., by="article", k=10)) of every dev question for one
setting changed at a time, keeps a change only if it raises the objective (mean of hit@5,
MRR@10 and recall@10), and repeats. Only ranking is scored (no answers), so a grid point
costs seconds. The held-out weeks are never read here unless --split heldout is given to
report the final settings once.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

GRID: dict[str, list[Any]] = {
    "dense_weight": [0.5, 0.75, 1.0, 1.5],
    "bm25_weight": [0.5, 1.0, 1.5],
    "article_bm25_weight": [0.0, 0.5, 1.0, 1.5, 2.0],
    "head_weight": [1.0, 2.0, 4.0],
    "title_weight": [1.0, 2.0, 4.0],
    "date_boost": [0.0, 0.25, 0.5, 1.0, 2.0],
    "recency_days": [0, 7, 14, 31],
    "candidates": [20, 40, 80],
    "rrf_k": [20, 60],
}


def score(rag: Any, questions: list[Any], equivalent: dict[str, str], as_of: bool) -> dict[str, float]:
    """Return mean hit@5, MRR@10, recall@10 of the article rankings."""
    from ragnews.eval.suites.scoring import retrieval_scores

    rows = []
    for q in questions:
        ranked = [e.article_id for e in rag.retrieve(q.question, k=10, articles=q.articles, by="article",
                                                      as_of=q.as_of if as_of else None)]
        rows.append(retrieval_scores(ranked, q.gold_ids, equivalent))
    out = {m: float(np.mean([r[m] for r in rows])) for m in ("hit@5", "mrr@10", "recall@10")}
    out["objective"] = (out["hit@5"] + out["mrr@10"] + out["recall@10"]) / 3
    return out


def main() -> None:
    """Coordinate search over GRID on the chosen split; print and write every evaluated point."""
    from ragnews.embedders import get_embedder
    from ragnews.eval.runner import _resolve_gold, cache_root, home_name
    from ragnews.eval.suites import load_suite
    from ragnews.rag import NewsRAG
    from ragnews.settings import Settings

    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["dev", "heldout"])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-as-of", action="store_true", help="resolve relative dates against the corpus, not the question date")
    ap.add_argument("--fixed", action="store_true", help="score the current settings only (no search)")
    ap.add_argument("--json", default="benchmarks/results/tune_retrieval.json")
    args = ap.parse_args()
    base = Settings(chroma_url=None)
    data = load_suite("realtimeqa", None, None, None, args.split)
    embedder = get_embedder(base)
    home = cache_root() / home_name("realtimeqa", data, embedder, base)  # the name `ragnews eval realtimeqa` gives it
    current = {k: getattr(base, k) for k in GRID}
    log: list[dict[str, Any]] = []
    with NewsRAG(settings=base.model_copy(update={"home": home}), embedder=embedder) as rag:
        equivalent = _resolve_gold(rag, data)
        questions = [q for q in data.questions if q.gold_ids]

        def evaluate(values: dict[str, Any]) -> dict[str, float]:
            started = time.perf_counter()
            with NewsRAG(settings=base.model_copy(update={"home": home, **values}), embedder=embedder, store=rag.store) as r:
                s = score(r, questions, equivalent, not args.no_as_of)
            log.append({"settings": dict(values), **s, "seconds": round(time.perf_counter() - started, 1)})
            print(json.dumps(log[-1]), flush=True)
            return s

        best = evaluate(current)
        for _ in range(0 if args.fixed else args.rounds):
            for name, values in GRID.items():
                for value in values:
                    if value == current[name]:
                        continue
                    trial = evaluate({**current, name: value})
                    if trial["objective"] > best["objective"] + 1e-9:
                        best, current = trial, {**current, name: value}
    out = {"split": args.split, "questions": len(questions), "as_of": not args.no_as_of, "best": {"settings": current, **best},
           "evaluated": log}
    Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print("best", json.dumps(out["best"]))


if __name__ == "__main__":
    main()
