"""Summarization benchmark: both summary suites in one run, written as JSON and Markdown.

Run from the repository root:

    python -m benchmarks.bench_summaries --data ../shared/data [--limit N] [--out benchmarks/results]

The systems, data and metrics are described in ragnews/eval/suites/summaries.py (the same
code `ragnews eval cnndm|tac2011` runs). Writes summaries.json and summaries.md into --out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ragnews._cache import CachedEmbedder
from ragnews.eval.report import versions
from ragnews.eval.suites.summaries import bench_cnndm, bench_tac, load_cnndm, load_tac

ROOT = Path(__file__).resolve().parents[1]


def markdown(results: dict[str, Any]) -> str:
    """Render the results as Markdown tables."""
    lines = ["# Summarization benchmark", "", f"Command: `{results['command']}`", ""]
    cnn = results.get("cnndm")
    if cnn:
        lines += [f"## CNN/DailyMail ({cnn['articles']} articles, FRANK; 3-sentence budget)", "",
                  "| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | words |", "|---|---:|---:|---:|---:|"]
        for name, s in cnn["systems"].items():
            lines.append(f"| {name} | {s['rouge1']:.2f} | {s['rouge2']:.2f} | {s['rougeLsum']:.2f} | {s['words']} |")
        for label, part in cnn["splits"].items():
            row = ", ".join(f"{n}: R1 {s['rouge1']:.2f} / R2 {s['rouge2']:.2f} / RLsum {s['rougeLsum']:.2f}" for n, s in part.items())
            lines.append(f"\n{label.replace('_', ' ')}: {row}")
        lines += ["", "ragnews' weights and stop length were tuned on the first 50 articles only: the held-out rows are "
                  "the headline.", ""]
    tac = results.get("tac2011")
    if tac:
        lines += [f"## TAC 2011 MultiLing English ({tac['topics']} topics, {tac['word_budget']}-word budget, 3 references)", "",
                  "| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | words |", "|---|---:|---:|---:|---:|"]
        for name, s in tac["systems"].items():
            name = "centroid (this project's baseline, not published)" if name == "centroid" else name
            lines.append(f"| {name} | {s['rouge1']:.2f} | {s['rouge2']:.2f} | {s['rougeLsum']:.2f} | {s['words']} |")
    lines += ["", f"Seconds: {results['seconds']}; machine: {results['machine']}; load average before/after: "
              f"{results.get('load_avg_1_5_15_before')} / {results.get('load_avg_1_5_15_after')}", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write summaries.json and summaries.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="folder of the shared data")
    parser.add_argument("--limit", type=int, help="at most N CNN/DM articles and N TAC topics")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results"), help="output folder")
    args = parser.parse_args(argv)
    from ragnews.embedders import MiniLMEmbedder
    from ragnews.settings import Settings

    started = time.perf_counter()
    embedder = CachedEmbedder(MiniLMEmbedder(Settings()))
    data = Path(args.data)
    command = "python -m benchmarks.bench_summaries --data " + args.data + (f" --limit {args.limit}" if args.limit else "")
    results: dict[str, Any] = {"command": command, "embedder": embedder.name, "load_avg_1_5_15_before": os.getloadavg(),
                               "versions": versions(embedder),
                               "config": {"rouge": "rouge-score F1 x100, stemmed; several references averaged",
                                          "held_out": "cnndm articles 51-250 (the first 50 tuned the summarizer)"}}
    results["cnndm"] = bench_cnndm(load_cnndm(data, args.limit), embedder)
    results["tac2011"] = bench_tac(load_tac(data, args.limit), embedder)
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["machine"] = f"{platform.machine()}, {platform.python_version()}, {os.cpu_count()} CPUs"
    results["load_avg_1_5_15_after"] = os.getloadavg()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summaries.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "summaries.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
