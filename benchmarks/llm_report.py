"""Put extractive and LLM eval runs side by side: answer accuracy, abstention, citation precision, latency.

Usage: python -m benchmarks.llm_report OUT.md LABEL=RESULTS_DIR [LABEL=RESULTS_DIR ...]
Each RESULTS_DIR holds a results.json written by `ragnews eval` (its first configuration is used), or
the records.partial.jsonl of a run stopped early (aggregated with the runner's own `aggregate`).
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


def load(folder: Path) -> dict[str, Any]:
    """Return a run's results.json, or, for a run stopped early, its records.partial.jsonl aggregated the same way.

    A partial run has no config block: its engine and command are not known here, so the row says
    "partial" and the caller's label must name them.
    """
    done = folder / "results.json"
    if done.is_file():
        return dict(json.loads(done.read_text(encoding="utf-8")))
    from ragnews.eval.runner import PARTIAL, aggregate

    lines = (folder / PARTIAL).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return {"metrics": {"partial": aggregate(records)}, "command": f"partial: {len(records)} records",
            "config": {"llm": "partial", "citation_judge": "self-check (fact-level checks; not independent)"},
            "records": records}


def report(runs: list[tuple[str, Path]]) -> str:
    """Return the Markdown report of the runs."""
    head = ["run", "engine", "model", *(name for name, _key in COLUMNS)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    notes = []
    loaded = [(label, folder, load(folder)) for label, folder in runs]
    common = _common_ids([results for _label, _folder, results in loaded])
    for label, folder, results in loaded:
        lines.append("| " + " | ".join(_row(label, _restricted(results, common))) + " |")
        notes.append(f"- {label}: `{results.get('command', '?')}` -> `{folder}`; citation judge: {_judge(results)}")
    if common is not None:
        notes.append(f"- every row is computed over the {len(common)} questions all runs answered "
                     "(a run stopped early answered fewer), so the columns compare the same questions")
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n"


def first_records(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The records of a run's first configuration."""
    config = next(iter(results["metrics"]))
    return [r for r in results.get("records", []) if r.get("config", config) == config or config == "partial"]


def _common_ids(runs: list[dict[str, Any]]) -> set[str] | None:
    """The question ids every run answered, or None when they all answered the same ones."""
    sets = [{r["id"] for r in first_records(results)} for results in runs]
    common = set.intersection(*sets) if sets else set()
    return None if all(s == common for s in sets) else common


def _restricted(results: dict[str, Any], common: set[str] | None) -> dict[str, Any]:
    """The run with its first configuration's metrics re-aggregated over the common questions."""
    if common is None:
        return results
    from ragnews.eval.runner import aggregate

    records = [r for r in first_records(results) if r["id"] in common]
    return {**results, "metrics": {"common": aggregate(records)}}


def main(argv: list[str]) -> None:
    """Write the report."""
    out, pairs = Path(argv[0]), [a.split("=", 1) for a in argv[1:]]
    text = report([(label, Path(folder)) for label, folder in pairs])
    out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
