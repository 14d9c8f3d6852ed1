"""Citation precision of LLM answers by a judge other than the verifier: hand labels, and the same-model LLM judge.

Usage:
    python -m benchmarks.citation_labels sample OUT.jsonl RUN_DIR [RUN_DIR ...] [--n 80] [--seed 14]
    python -m benchmarks.citation_labels score LABELS.jsonl [--llm-judge]
    python -m benchmarks.citation_labels run RUN_DIR LABELS.jsonl [LABELS.jsonl ...] [--unlabelled OUT.jsonl]

`sample` collects every (claim, cited quote) pair the verifier accepted in the LLM runs' records
(results.json, or records.partial.jsonl of a stopped run) and writes a seeded random sample of
them with an empty `label`; a person then reads each claim beside its quote and writes
`supported` or `not` (and a `note` when it is not). `score` reports precision = supported / labelled,
with a Wilson 95% interval; `run` scores every pair one run's verifier accepted by the labels
written so far (by id, claim and quote) and writes the pairs no label covers yet, to be labelled
before the figure is read; with --llm-judge `score` also asks the configured LLM (prompts/judge.txt,
the RAGNEWS_JUDGE=llm judge) about the same pairs and reports its agreement with the hand labels.

Why hand labels: the only local model is the 1.5B model that wrote the answers, so an LLM judge here
is the same model grading itself, and the offline judge is the verifier's own code. A person
reading the pairs is the one judge independent of both; the labels file is committed beside the
script so the figure can be checked line by line.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from pathlib import Path
from typing import Any

_MARKS = re.compile(r"\[\d+\]")


def _records(folder: Path) -> list[dict[str, Any]]:
    """The scored records of one eval run (finished or stopped)."""
    results = folder / "results.json"
    if results.is_file():
        return list(json.loads(results.read_text(encoding="utf-8"))["records"])
    partial = folder / "records.partial.jsonl"
    return [json.loads(line) for line in partial.read_text(encoding="utf-8").splitlines() if line.strip()]


def pairs(folder: Path) -> list[dict[str, Any]]:
    """Every supported (claim, quote) pair of a run's answers, one per cited quote (pass LLM runs only).

    Records of this session carry the verified sentences; older ones only the rendered answer,
    whose supported sentences are split back out at their markers (flagged ones say [unsupported]).
    """
    from ragnews.verify import split_claims

    out = []
    for r in _records(folder):
        quotes = {c["n"]: c["quote"] for c in r.get("citations", [])}
        if "sentences" in r:
            claims = [(s["text"], s["citations"]) for s in r["sentences"] if s["supported"]]
        elif r.get("abstained"):
            claims = []
        else:
            claims = [(t, c) for t, c in split_claims(r["answer"].replace(" [unsupported]", "\x00")) if "\x00" not in t]
        for claim, cited in claims:
            out += [{"run": folder.name, "id": r["id"], "question": r["question"], "claim": claim.strip(),
                     "quote": quotes[n], "label": "", "note": ""} for n in cited if n in quotes]
    return out


def sample(out: Path, folders: list[Path], n: int, seed: int) -> None:
    """Write a seeded random sample of n pairs (all of them if fewer) for hand labelling."""
    found = [p for folder in folders for p in pairs(folder)]
    random.Random(seed).shuffle(found)
    chosen = found[:n]
    if out.is_file():  # re-sampling after more runs finished keeps the labels already written
        done = {(r["id"], r["claim"], r["quote"]): r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines()) if r["label"]}
        chosen = [{**p, "label": done[k]["label"], "note": done[k]["note"]} if (k := (p["id"], p["claim"], p["quote"])) in done else p
                  for p in chosen]
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in chosen), encoding="utf-8")
    print(f"{len(chosen)} of {len(found)} pairs -> {out}")


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson 95% interval of a proportion k/n."""
    if n == 0:
        return 0.0, 1.0
    z, p = 1.96, k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(centre - half, 3), round(centre + half, 3)


def score(labels: Path, llm_judge: bool) -> dict[str, Any]:
    """Precision of the hand labels (and, optionally, the same-model LLM judge's verdicts and agreement)."""
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    done = [r for r in rows if r["label"] in ("supported", "not")]
    k = sum(r["label"] == "supported" for r in done)
    report: dict[str, Any] = {"pairs": len(rows), "labelled": len(done), "supported": k,
                              "precision_hand": round(k / len(done), 3) if done else None, "wilson95": wilson(k, len(done))}
    if llm_judge:
        from ragnews import NewsRAG
        from ragnews.judge import LLMJudge
        from ragnews.settings import Settings

        judge = LLMJudge(NewsRAG(settings=Settings(llm="openai")).llm())
        verdicts = [judge(r["claim"], [r["quote"]]) for r in done]
        report["precision_llm_judge_same_model"] = round(sum(verdicts) / len(done), 3) if done else None
        report["agreement_with_hand"] = round(sum(v == (r["label"] == "supported") for v, r in zip(verdicts, done)) / len(done), 3)
        report["llm_judge_model"] = judge.llm.name if hasattr(judge, "llm") else "configured LLM"
    return report


def _key(row: dict[str, Any]) -> tuple[str, str, str]:
    return row["id"], row["claim"], row["quote"]


def score_run(folder: Path, labels: list[Path], unlabelled: Path | None) -> dict[str, Any]:
    """Hand-label precision of every pair a run accepted; pairs no label covers are written out, not guessed."""
    known = {_key(r): r for path in labels for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())
             if r.get("label") in ("supported", "not")}
    found = pairs(folder)
    done = [known[_key(p)] for p in found if _key(p) in known]
    todo = [p for p in found if _key(p) not in known]
    if unlabelled is not None:
        unlabelled.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in todo), encoding="utf-8")
    k = sum(r["label"] == "supported" for r in done)
    return {"run": str(folder), "accepted_pairs": len(found), "labelled": len(done), "unlabelled": len(todo),
            "supported": k, "precision_hand": round(k / len(done), 3) if done else None, "wilson95": wilson(k, len(done))}


def main() -> None:
    """Sample or score."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("out", type=Path)
    s.add_argument("runs", type=Path, nargs="+")
    s.add_argument("--n", type=int, default=80)
    s.add_argument("--seed", type=int, default=14)
    c = sub.add_parser("score")
    c.add_argument("labels", type=Path)
    c.add_argument("--llm-judge", action="store_true")
    r = sub.add_parser("run")
    r.add_argument("run", type=Path)
    r.add_argument("labels", type=Path, nargs="+")
    r.add_argument("--unlabelled", type=Path, default=None)
    args = p.parse_args()
    if args.cmd == "sample":
        sample(args.out, args.runs, args.n, args.seed)
    elif args.cmd == "run":
        json.dump(score_run(args.run, args.labels, args.unlabelled), sys.stdout, indent=2)
        print()
    else:
        json.dump(score(args.labels, args.llm_judge), sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
