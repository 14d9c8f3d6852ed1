"""Score two ways of combining the extractive and LLM engines, per question, from two eval results (no model call).

Usage: python -m benchmarks.llm_combine EXTRACTIVE_DIR LLM_DIR

Each DIR holds a results.json written by `ragnews eval` on the same suite and split. For every question in both:
*gate* abstains when the extractive engine abstains and otherwise keeps the LLM's answer; *fallback* keeps the LLM's
answer and takes the extractive answer when the LLM abstains. Why: before building either into the engine, the
recorded dev runs say whether the two engines cover for each other (issue 14: the written answers trail the
extractive ones on accuracy but abstain more). Printed per rule: accuracy on the answerable questions
(`answer_accuracy`, else `contains_match` for suites without choices, such as RGB) and abstention recall on the
unanswerable ones.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.llm_report import first_records
from benchmarks.llm_report import load as load_results

Record = dict[str, Any]
Rule = Callable[[Record, Record], Record]

RULES: dict[str, Rule] = {
    "extractive": lambda ext, llm: ext,
    "llm": lambda ext, llm: llm,
    "gate": lambda ext, llm: ext if ext["abstained"] else llm,
    "fallback": lambda ext, llm: ext if llm["abstained"] else llm,
}


def load(folder: Path) -> dict[str, Record]:
    """The records of a run's first configuration (llm_report's reading: results.json or a partial run), by question id."""
    return {r["id"]: r for r in first_records(load_results(folder))}


def correct(record: Record) -> float:
    """1.0 when the answer holds the gold (the suite's own metric), 0.0 when it abstained or missed."""
    if record["abstained"]:
        return 0.0
    value = record.get("answer_accuracy")
    if value is None:
        value = record.get("contains_match")
    return float(value or 0.0)


def score(ext: dict[str, Record], llm: dict[str, Record], rule: Rule) -> tuple[float | None, float | None]:
    """Accuracy on answerable and abstention recall on unanswerable questions under one rule (None: no such question)."""
    picked = [(rule(ext[i], llm[i]), llm[i]["answerable"]) for i in llm if i in ext]
    answerable = [correct(r) for r, ok in picked if ok]
    unanswerable = [float(r["abstained"]) for r, ok in picked if not ok]
    return (sum(answerable) / len(answerable) if answerable else None,
            sum(unanswerable) / len(unanswerable) if unanswerable else None)


def main() -> None:
    """Print each rule's accuracy / abstention recall."""
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    ext, llm = load(Path(sys.argv[1])), load(Path(sys.argv[2]))
    for name, rule in RULES.items():
        acc, abst = score(ext, llm, rule)
        print(f"{name:<11} accuracy {'-' if acc is None else f'{acc:.3f}'}  "
              f"abstention recall {'-' if abst is None else f'{abst:.3f}'}")


if __name__ == "__main__":
    main()
