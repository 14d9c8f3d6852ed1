"""benchmarks.llm_combine: the gate and fallback rules pick the right engine's record per question."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.llm_combine import RULES, load, score


def _write(folder: Path, records: list[dict[str, object]]) -> Path:
    folder.mkdir()
    (folder / "results.json").write_text(json.dumps({"metrics": {"hybrid": {}}, "records": records}), encoding="utf-8")
    return folder


def _rec(qid: str, answerable: bool, abstained: bool, right: float) -> dict[str, object]:
    return {"id": qid, "answerable": answerable, "abstained": abstained, "answer_accuracy": right}


def test_gate_abstains_with_extractive_and_fallback_answers_with_it(tmp_path: Path) -> None:
    ext = load(_write(tmp_path / "ext", [
        _rec("a", True, False, 1.0),   # extractive right where the LLM abstained
        _rec("b", True, True, 0.0),    # extractive abstains where the LLM is right
        _rec("u", False, True, 0.0),   # extractive abstains on the unanswerable one
    ]))
    llm = load(_write(tmp_path / "llm", [
        _rec("a", True, True, 0.0), _rec("b", True, False, 1.0), _rec("u", False, False, 0.0),
    ]))
    assert score(ext, llm, RULES["llm"]) == (0.5, 0.0)
    assert score(ext, llm, RULES["gate"]) == (0.0, 1.0)
    assert score(ext, llm, RULES["fallback"]) == (1.0, 0.0)


def test_contains_match_scores_suites_without_choices_and_missing_ids_are_skipped(tmp_path: Path) -> None:
    rgb = {"id": "r", "answerable": True, "abstained": False, "answer_accuracy": None, "contains_match": 1.0}
    ext = load(_write(tmp_path / "ext", [rgb]))
    llm = load(_write(tmp_path / "llm", [rgb, _rec("only-llm", False, False, 0.0)]))
    assert score(ext, llm, RULES["extractive"]) == (1.0, None)
