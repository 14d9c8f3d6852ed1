"""Latency of `rag.ask` (warm, in-process, offline default) and of a whole cold `ragnews ask` process.

Usage: python -m benchmarks.bench_ask [--home DIR] [--questions FILE] [--runs N] [--json OUT]
Without --home, the example articles are ingested into a temporary home first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _percentile(values: list[float], q: float) -> float:
    """Return the q-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def _stats(times: list[float]) -> dict[str, float]:
    """Return count, p50, p95 and max of millisecond timings."""
    return {"n": len(times), "p50_ms": statistics.median(times), "p95_ms": _percentile(times, 95), "max_ms": max(times)}


def warm_latency(home: Path, questions: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Time rag.ask over the questions `runs` times after one warm-up call (model loaded).

    The first pass meets most sentences for the first time (they are embedded and cached);
    later passes show the steady state of a home whose sentence cache is filled.
    """
    from ragnews import NewsRAG

    rag = NewsRAG(home=home)
    rag.ask("warm-up: load the model")
    passes = []
    for _ in range(runs):
        times = []
        for q in questions:
            started = time.perf_counter()
            rag.ask(q)
            times.append((time.perf_counter() - started) * 1000)
        passes.append(times)
    out = {"first_pass": _stats(passes[0])}
    if runs > 1:
        out["later_passes"] = _stats([t for p in passes[1:] for t in p])
    return out


def cold_process(home: Path, question: str, runs: int) -> dict[str, float]:
    """Time whole `ragnews ask` processes (imports and model load included)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ragnews", "ask", question, "--home", str(home)], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return {"runs": runs, "median_s": statistics.median(times), "max_s": max(times)}


def main() -> None:
    """Run the benchmark and write JSON."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--home", type=Path)
    p.add_argument("--questions", type=Path, default=ROOT / "eval" / "datasets" / "examples.jsonl")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bench_ask.json")
    args = p.parse_args()
    questions = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    home = args.home
    if home is None:
        from ragnews import NewsRAG

        home = Path(tempfile.mkdtemp(prefix="ragnews-bench-"))
        NewsRAG(home=home).ingest(ROOT / "examples" / "articles")
    result = {"home": str(args.home or "examples (temporary)"), "questions": len(questions),
              "warm": warm_latency(home, questions, args.runs), "cold_cli": cold_process(home, questions[0], args.runs)}
    print(json.dumps(result, indent=2))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
