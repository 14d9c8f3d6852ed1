"""Measure citation verification on the contradiction set: flag rates per alteration kind and cost.

Every item of benchmarks/datasets/contradictions_{dev,heldout}.jsonl (built by
benchmarks/build_contradictions.py) is run through the real Verifier exactly as an answer
sentence is: the claim with a [1] marker, its passage as the one evidence passage. An
altered claim should come back unsupported, a faithful one (original or paraphrase)
supported. Reported for the support score alone ("before": facts=False) and with the
fact-level checks; the held-out half is the headline, the dev half was used for building.

Cost: the extra time the fact-level checks add per answer sentence (p50/p95), measured
as verify() with facts on minus verify() with facts off on the same items.

Optional LLM judge (RAGNEWS_JUDGE=llm path): --judge-limit N asks the configured
OpenAI-compatible endpoint (OPENAI_BASE_URL, RAGNEWS_MODEL) for N held-out items
(seeded, half altered) and reports its flag rates beside the offline checks on the same items.

Run from the repository root:
    nice python -m benchmarks.bench_verify [--json benchmarks/results/bench_verify.json] [--judge-limit 40]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ragnews.embedders import get_embedder
from ragnews.models import Evidence
from ragnews.settings import Settings
from ragnews.verify import Verifier

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "benchmarks" / "datasets"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "bench_verify.json"
FAITHFUL = ("original", "paraphrase")


def load(split: str) -> list[dict[str, Any]]:
    """The items of one half of the contradiction set."""
    path = DATASETS / f"contradictions_{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def evidence_of(item: dict[str, Any]) -> Evidence:
    """The item's passage as the one evidence passage (offsets into its article)."""
    off = item["passage_offset"]
    return Evidence(chunk_id=f"{item['doc_id']}#p", article_id=item["doc_id"], text=item["passage"], start=off,
                    end=off + len(item["passage"]), score=1.0)


def run_item(verifier: Verifier, item: dict[str, Any]) -> tuple[bool, str, float, float]:
    """Verify the claim as one answer sentence; return (flagged, reason, wall seconds, CPU seconds)."""
    started, cpu = time.perf_counter(), time.process_time()
    _text, sentences, _cit, _warn = verifier.verify(f"{item['claim']} [1]", [evidence_of(item)])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    s = sentences[0]
    return (not s.supported), s.reason, seconds, cpu


def rates(rows: Sequence[dict[str, Any]], key: str) -> dict[str, Any]:
    """Altered-flagged and faithful-flagged rates overall and per kind."""
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        by_kind[r["kind"]].append(r[key])
    altered = [r[key] for r in rows if r["label"] == "altered"]
    faithful = [r[key] for r in rows if r["label"] == "faithful"]
    return {
        "altered_flagged": round(sum(altered) / len(altered), 4) if altered else None, "n_altered": len(altered),
        "faithful_flagged": round(sum(faithful) / len(faithful), 4) if faithful else None, "n_faithful": len(faithful),
        "by_kind": {k: {"flagged": sum(v), "n": len(v)} for k, v in sorted(by_kind.items())},
    }


def measure(split: str, on: Verifier, off: Verifier) -> dict[str, Any]:
    """Run every item of a split with the support score alone, then with the fact-level checks."""
    rows = []
    for item in load(split):
        base_flag, _, base_s, base_cpu = run_item(off, item)
        flag, reason, s, cpu = run_item(on, item)
        rows.append({"id": item["id"], "kind": item["kind"], "label": item["label"], "score_only": base_flag,
                     "with_facts": flag, "reason": reason, "added_ms": (s - base_s) * 1000,
                     "added_cpu_ms": (cpu - base_cpu) * 1000})
    added = sorted(r["added_ms"] for r in rows)
    added_cpu = sorted(r["added_cpu_ms"] for r in rows)
    misses = [{"id": r["id"], "kind": r["kind"], "reason": r["reason"]} for r in rows
              if r["with_facts"] != (r["label"] == "altered")]
    return {"split": split, "n": len(rows), "score_only": rates(rows, "score_only"), "with_facts": rates(rows, "with_facts"),
            "added_ms_p50": round(statistics.median(added), 2), "added_ms_p95": round(added[int(0.95 * (len(added) - 1))], 2),
            "added_cpu_ms_p50": round(statistics.median(added_cpu), 2),
            "added_cpu_ms_p95": round(added_cpu[int(0.95 * (len(added_cpu) - 1))], 2),
            "errors": misses}


def judge_sample(limit: int, on: Verifier, settings: Settings) -> dict[str, Any]:
    """LLM judge vs offline checks on a seeded held-out sample (half altered), one (claim, quote) pair each."""
    from ragnews.adapters.openai_llm import OpenAILLM
    from ragnews.judge import LLMJudge

    items = load("heldout")
    rng = random.Random(15)
    altered = [i for i in items if i["label"] == "altered"]
    faithful = [i for i in items if i["label"] == "faithful"]
    sample = rng.sample(altered, min(limit // 2, len(altered))) + rng.sample(faithful, min(limit - limit // 2, len(faithful)))
    judge = LLMJudge(OpenAILLM(settings))
    rows = []
    for item in sample:
        started = time.perf_counter()
        try:
            llm_flag: bool | None = not judge(item["claim"], [item["quote"]])
        except Exception as exc:  # noqa: BLE001 - a failed call is reported, not fatal to the benchmark
            llm_flag = None
            print(f"judge failed on {item['id']}: {exc}")
        rows.append({"id": item["id"], "kind": item["kind"], "label": item["label"], "llm": llm_flag,
                     "with_facts": run_item(on, item)[0], "llm_seconds": round(time.perf_counter() - started, 2)})
        print(f"  {item['id']} {item['kind']:12s} llm_flagged={llm_flag} facts_flagged={rows[-1]['with_facts']}", flush=True)
    answered = [r for r in rows if r["llm"] is not None]
    return {"model": settings.model, "base_url": settings.openai_base_url, "n": len(rows), "n_answered": len(answered),
            "llm": rates(answered, "llm"), "with_facts": rates(answered, "with_facts"),
            "llm_seconds_p50": statistics.median(r["llm_seconds"] for r in rows) if rows else None, "rows": rows}


def report(result: dict[str, Any]) -> None:
    """Print the headline numbers."""
    for split in ("heldout", "dev"):
        r = result[split]
        label = "HELD-OUT (headline)" if split == "heldout" else "dev (used for building)"
        print(f"\n{label}: {r['n']} claims")
        for name in ("score_only", "with_facts"):
            x = r[name]
            print(f"  {name:11s} altered flagged {x['altered_flagged']:.1%} of {x['n_altered']}, "
                  f"faithful flagged {x['faithful_flagged']:.1%} of {x['n_faithful']}")
        print("  per kind (with facts): " + ", ".join(f"{k} {v['flagged']}/{v['n']}" for k, v in r["with_facts"]["by_kind"].items()))
        print(f"  added verification cost per sentence: wall p50 {r['added_ms_p50']} ms, p95 {r['added_ms_p95']} ms; "
              f"CPU p50 {r['added_cpu_ms_p50']} ms, p95 {r['added_cpu_ms_p95']} ms")
    if "judge" in result:
        j = result["judge"]
        print(f"\nLLM judge ({j['model']}) on {j['n_answered']}/{j['n']} held-out items: "
              f"altered flagged {j['llm']['altered_flagged']}, faithful flagged {j['llm']['faithful_flagged']}; "
              f"offline checks on the same items: {j['with_facts']['altered_flagged']}, {j['with_facts']['faithful_flagged']}")


def main() -> None:
    """Measure both halves (and the LLM judge when asked); print and write JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", default=str(DEFAULT_OUT))
    ap.add_argument("--judge-limit", type=int, default=0, help="also ask the LLM judge on this many held-out items")
    ap.add_argument("--judge-only", action="store_true", help="only the LLM judge sample (merged into an existing --json)")
    args = ap.parse_args()
    settings = Settings()
    embedder = get_embedder(settings)
    on = Verifier(embedder, settings.support_threshold)
    off = Verifier(embedder, settings.support_threshold, facts=False)
    run_item(on, load("dev")[0])  # load spaCy and the embedder before timing
    load_before = os.getloadavg()[0]
    command = "python -m benchmarks.bench_verify" + (f" --judge-limit {args.judge_limit}" if args.judge_limit else "")
    result: dict[str, Any] = {"command": command + (" --judge-only" if args.judge_only else ""),
                              "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                          "load_avg_1m_at_start": round(load_before, 2)}}
    if args.judge_only and Path(args.json).is_file():
        result = {**json.loads(Path(args.json).read_text(encoding="utf-8")), "judge_command": result["command"]}
    else:
        for split in ("heldout", "dev"):
            result[split] = measure(split, on, off)
        result["machine"]["load_avg_1m_at_end"] = round(os.getloadavg()[0], 2)
    if args.judge_limit:
        result["judge"] = judge_sample(args.judge_limit, on, settings)
    report(result)
    Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
