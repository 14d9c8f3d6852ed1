"""Does a small local model follow the answer prompt? A fixed probe set, before and after each prompt change.

Usage: python -m benchmarks.bench_llm_prompts --home HOME --label NAME [--only p01,p04]
(OPENAI_BASE_URL / RAGNEWS_MODEL name the server, e.g. scripts/local_llm.py's.)

The probe set (benchmarks/datasets/llm_prompt_dev.jsonl, 12 questions over examples/articles) is a dev
set: facts, yes/no questions, comparisons of two reports, and unanswerable questions. Per question
it records the raw draft and the verified answer, and scores what the prompt asks for:
- cited: share of draft sentences that end with [n] markers;
- supported: share of verified sentences the verifier accepts;
- correct: fact -> an expected phrase is in the verified answer; yes/no -> the verified answer's first
  word is the expected Yes/No; compare -> both reports' dates are named; unanswerable -> abstained.
Results go to benchmarks/results/llm/prompts-LABEL.json (the prompt files' text is stored with them).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROBES = ROOT / "benchmarks" / "datasets" / "llm_prompt_dev.jsonl"
OUT = ROOT / "benchmarks" / "results" / "llm"
_MARKER = re.compile(r"\[\d+\]")


def _correct(probe: dict[str, Any], answer: Any) -> bool:
    """Score one verified answer against the probe's expectation (see the module docstring)."""
    text = answer.answer
    kind, expect = probe["kind"], probe["expect"]
    if kind == "unanswerable":
        return bool(answer.abstained)
    if answer.abstained:
        return False
    if kind in ("yesno", "compare_yesno"):
        first = re.match(r"\W*(\w+)", text)
        return bool(first) and first.group(1).lower() == expect[0].lower()
    if kind == "compare":
        return all(any(alt.lower() in text.lower() for alt in want.split("|")) for want in expect)
    return any(e.lower() in text.lower() for e in expect)


def probe_one(rag: Any, probe: dict[str, Any]) -> dict[str, Any]:
    """Ask one probe question through the streaming path; return its record."""
    from ragnews.verify import split_claims

    started = time.monotonic()
    items = list(rag.ask_stream(probe["question"]))
    draft, answer = "".join(i for i in items if isinstance(i, str)), items[-1]
    claims = [c for c in split_claims(draft) if c[0].strip()]
    cited = sum(1 for _text, numbers in claims if numbers) / len(claims) if claims else None
    supported = sum(s.supported for s in answer.sentences) / len(answer.sentences) if answer.sentences else None
    return {"id": probe["id"], "kind": probe["kind"], "question": probe["question"], "draft": draft,
            "answer": answer.answer, "abstained": answer.abstained, "cited": cited, "supported": supported,
            "correct": _correct(probe, answer), "seconds": round(time.monotonic() - started, 1)}


def summary(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Return per-kind and overall correctness, mean cited and supported shares, mean seconds."""
    def mean(values: list[float]) -> float | None:
        return round(sum(values) / len(values), 3) if values else None

    kinds = sorted({r["kind"] for r in records})
    return {"correct": mean([float(r["correct"]) for r in records]),
            "by_kind": {k: mean([float(r["correct"]) for r in records if r["kind"] == k]) for k in kinds},
            "cited": mean([r["cited"] for r in records if r["cited"] is not None]),
            "supported": mean([r["supported"] for r in records if r["supported"] is not None]),
            "seconds": mean([r["seconds"] for r in records])}


def main() -> None:
    """Run the probes and write the JSON."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--home", required=True, help="a ragnews home holding examples/articles")
    p.add_argument("--label", required=True, help="name of this prompt version (output file name)")
    p.add_argument("--only", help="comma-separated probe ids")
    args = p.parse_args()
    from ragnews import NewsRAG, Settings

    probes = [json.loads(line) for line in PROBES.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.only:
        probes = [q for q in probes if q["id"] in args.only.split(",")]
    settings = Settings(home=args.home, chroma_url=None, llm="openai", llm_timeout=900, llm_max_retries=0)
    records = []
    with NewsRAG(settings=settings) as rag:
        for probe in probes:
            records.append(probe_one(rag, probe))
            r = records[-1]
            print(f"{r['id']} {r['kind']:<13} correct={r['correct']!s:<5} cited={r['cited']} supported={r['supported']} "
                  f"{r['seconds']}s | {' '.join(r['answer'].split())[:150]} | draft: {' '.join(r['draft'].split())[:200]}", flush=True)
    prompts = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "prompts").glob("answer*.txt"))}
    result = {"label": args.label, "model": settings.model, "summary": summary(records), "records": records, "prompts": prompts}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"prompts-{args.label}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result["summary"]))


if __name__ == "__main__":
    main()
