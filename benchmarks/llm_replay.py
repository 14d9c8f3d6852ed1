"""Run `ragnews eval` with every LLM reply recorded, so verifier and metric changes re-score without the model.

Usage: python -m benchmarks.llm_replay CASSETTE OUT [--suite S] [--split dev] [--limit N] [--home H] [--extractive] [--replay-only]

Every request the eval makes to the LLM is recorded in CASSETTE (vcrpy,
matched on the request body, Authorization never stored). A change that leaves the request bodies
alone (verifier, citation repair, metric) is re-measured from the recorded replies in seconds; a
prompt change sends new bodies, which go to the live server (OPENAI_BASE_URL) and are added to the
cassette. Why: the local 1.5B model takes one to three minutes per answer on the shared 2-core
machine, so re-asking it for every verifier change would leave no time for the held-out run. The
default is the RealTimeQA dev weeks (tuning); a held-out run is recorded once and only re-scored.
A replay matches only while retrieval and prompts are unchanged (the request body holds both).
"""

from __future__ import annotations

import argparse
import json
import signal
from pathlib import Path

import vcr

from ragnews.eval.runner import run

SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization"]


def _interrupt(_signum: int, _frame: object) -> None:
    """Turn SIGTERM into KeyboardInterrupt: vcrpy saves the cassette when the run unwinds."""
    raise KeyboardInterrupt


def main() -> None:
    """Run the dev slice inside the cassette and print its headline metrics."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("cassette", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--suite", default="realtimeqa")
    p.add_argument("--split", default="dev", help="realtimeqa split (dev by default: tune only on dev)")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--home", default=None)
    p.add_argument("--extractive", action="store_true", help="the extractive engine instead (no LLM)")
    p.add_argument("--model", default="qwen2.5-coder-1.5b-instruct-q4_k_m")
    p.add_argument("--replay-only", action="store_true",
                   help="never call the model: a request the cassette lacks fails (re-scoring a held-out run)")
    args = p.parse_args()
    recorder = vcr.VCR(record_mode="none" if args.replay_only else "new_episodes", filter_headers=SECRET_HEADERS,
                       match_on=["method", "scheme", "host", "port", "path", "body"], decode_compressed_response=True)
    llm = None if args.extractive else "openai"
    signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` stops the run and still saves the cassette
    with recorder.use_cassette(str(args.cassette)):
        result = run(args.suite, split=args.split, limit=args.limit, out=args.out, llm=llm, home=args.home,
                     model=None if args.extractive else args.model, sweep=(), show_progress=False)
    metrics = next(iter(result.results["metrics"].values()))
    keys = ["n_questions", "answer_accuracy", "contains_match", "abstention_rate", "citation_precision", "latency_p50"]
    print(json.dumps({k: metrics.get(k) for k in keys}))


if __name__ == "__main__":
    main()
