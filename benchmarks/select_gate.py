"""The accuracy/abstention trade of the selection check's gate (P(YES) >= gate), computed from recorded runs.

Usage: python -m benchmarks.select_gate CASSETTE RUN [CASSETTE RUN ...] [--gates 0,0.5,0.9]

Each RUN is a `benchmarks.llm_replay` output folder recorded with RAGNEWS_LLM_ANSWER=select,
RAGNEWS_LLM_SELECT_CHECK=true and RAGNEWS_LLM_SELECT_MIN_CONFIDENCE=0 (the check is asked, nothing is
dropped); CASSETTE is the recording it wrote. Each check reply's P(YES) is read from its recorded
logprobs with the engine's own `yes_probability`, and every gate is applied to the run's records
offline: an answer whose check is below the gate becomes an abstention. Why offline: one recording
gives the whole curve, where re-running the 1.5B model per gate would take most of an hour each;
`--replay-only` at the chosen gate checks the offline figure against the real engine.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import yaml

from ragnews.answer import yes_probability

_QUESTION = re.compile(r"\nQuestion: (.+?)\n\nDoes this sentence state the answer", re.DOTALL)


def confidences(cassette: Path) -> dict[str, float]:
    """Map each checked question (as the prompt states it) to the model's P(YES) for its chosen sentence."""
    recorded = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    out: dict[str, float] = {}
    for interaction in recorded["interactions"]:
        body = json.loads(interaction["request"]["body"])
        found = _QUESTION.search(body["messages"][-1]["content"])
        reply = json.loads(interaction["response"]["body"]["string"])
        logprobs = (reply["choices"][0].get("logprobs") or {}).get("content")
        if found and logprobs:
            first = {t["token"]: t["logprob"] for t in [logprobs[0], *logprobs[0]["top_logprobs"]]}
            out[found.group(1).strip()] = yes_probability(first) or 0.0
    return out


def rows(run: Path, conf: dict[str, float]) -> list[tuple[bool, bool, float, float | None]]:
    """(answerable, abstained, accuracy, P(YES) or None for a question not checked) per record."""
    records: list[dict[str, Any]] = json.loads((run / "results.json").read_text(encoding="utf-8"))["records"]
    return [(bool(r["answerable"]), bool(r["abstained"]), float(r.get("answer_accuracy") or 0.0), conf.get(r["question"].strip()))
            for r in records]


def at_gate(table: list[tuple[bool, bool, float, float | None]], gate: float) -> dict[str, float]:
    """Answer accuracy (answerable) and abstention recall (unanswerable) with the gate applied."""
    acc, recall, answered = [], [], 0
    for answerable, abstained, accuracy, c in table:
        gated = abstained or (c is not None and c < gate)
        answered += not gated
        if answerable:
            acc.append(0.0 if gated else accuracy)
        else:
            recall.append(1.0 if gated else 0.0)
    mean = lambda xs: round(sum(xs) / len(xs), 3) if xs else float("nan")  # noqa: E731
    return {"gate": gate, "accuracy": mean(acc), "n_answerable": len(acc), "abstention_recall": mean(recall),
            "n_unanswerable": len(recall), "answered": answered}


def main() -> None:
    """Print one JSON line per gate and per run (and pooled over all runs)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("pairs", nargs="+", type=Path, help="CASSETTE RUN [CASSETTE RUN ...]")
    p.add_argument("--gates", default="0,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95")
    args = p.parse_args()
    if len(args.pairs) % 2:
        p.error("give CASSETTE RUN pairs")
    tables = {str(run): rows(run, confidences(cas)) for cas, run in zip(args.pairs[::2], args.pairs[1::2], strict=True)}
    for gate in (float(g) for g in args.gates.split(",")):
        for name, table in tables.items():
            print(json.dumps({"run": name, **at_gate(table, gate)}))


if __name__ == "__main__":
    main()
