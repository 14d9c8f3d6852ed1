"""Put extractive and LLM eval runs side by side: answer accuracy, abstention, citation precision, latency.

Usage: python -m benchmarks.llm_report OUT.md LABEL=RESULTS_DIR [LABEL=RESULTS_DIR ...]
Each RESULTS_DIR holds a results.json written by `ragnews eval`; its first configuration is used.
The citation judge each run used is read from results.json and printed with the numbers, so a
self-check (the verifier's own support scorer) is never mistaken for an independent judge.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

COLUMNS = [
    ("questions", "n_questions"), ("answerable", "n_answerable"), ("answer accuracy", "answer_accuracy"),
    ("contains", "contains_match"), ("key-fact recall", "key_fact_recall"),
    ("abstention recall (unanswerable)", "abstention_recall"), ("abstention precision", "abstention_precision"),
    ("abstention rate", "abstention_rate"), ("citation precision", "citation_precision"),
    ("citation recall", "citation_recall"), ("latency p50 s", "latency_p50"), ("latency p95 s", "latency_p95"),
]


def _fmt(value: Any) -> str:
    """Format one cell."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if value < 10 else f"{value:.1f}"
    return str(value)


def _row(label: str, results: dict[str, Any]) -> list[str]:
    """Return the table row of one run."""
    metrics = next(iter(results["metrics"].values()))
    config = results.get("config", {})
    cells = [label, str(config.get("llm") or "extractive"), _fmt(config.get("model"))]
    return cells + [_fmt(metrics.get(key)) for _name, key in COLUMNS]


def _judge(results: dict[str, Any]) -> str:
    """Return the name of the citation judge a run used."""
    return str(results.get("config", {}).get("citation_judge", "see results.json"))


def report(runs: list[tuple[str, Path]]) -> str:
    """Return the Markdown report of the runs."""
    head = ["run", "engine", "model", *(name for name, _key in COLUMNS)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    notes = []
    for label, folder in runs:
        results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        lines.append("| " + " | ".join(_row(label, results)) + " |")
        notes.append(f"- {label}: `{results.get('command', '?')}` -> `{folder}`; citation judge: {_judge(results)}")
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n"


def main(argv: list[str]) -> None:
    """Write the report."""
    out, pairs = Path(argv[0]), [a.split("=", 1) for a in argv[1:]]
    text = report([(label, Path(folder)) for label, folder in pairs])
    out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
