"""Summary suites (cnndm, tac2011): run through eval/bench_summaries.py, the summarisation benchmark.

That module (with ragnews/summarize.py) scores ragnews' extractive summariser against LEAD
baselines and, on CNN/DM, five published systems' stored outputs; this adapter calls its
load_* and bench_* functions and reshapes the result for the eval report.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from ...settings import Settings
from .base import REPO_ROOT, SuiteUnavailable, default_data_dir, require

BENCH = REPO_ROOT / "eval" / "bench_summaries.py"
_DATA = {"cnndm": ("cnndm_xsum_frank/frank_articles_refs.jsonl", "the FRANK CNN/DM file"),
         "tac2011": ("tac2011_multiling_en", "the TAC 2011 MultiLing folder")}


def _bench() -> ModuleType:
    """Import eval/bench_summaries.py (SuiteUnavailable when this checkout has no summaries benchmark)."""
    if not BENCH.is_file() or importlib.util.find_spec("ragnews.summarize") is None:
        raise SuiteUnavailable(f"summary suites are not available in this checkout: {BENCH} and ragnews/summarize.py "
                               "are needed; run `ragnews eval examples|realtimeqa|rgb` instead")
    spec = importlib.util.spec_from_file_location("ragnews_bench_summaries", BENCH)
    assert spec and spec.loader
    module = sys.modules.get(spec.name) or importlib.util.module_from_spec(spec)
    if spec.name not in sys.modules:
        sys.modules[spec.name] = module  # dataclasses look their module up there
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[spec.name]
            raise
    for name in ("CachedEmbedder", "load_cnndm", "bench_cnndm", "load_tac", "bench_tac"):
        if not hasattr(module, name):
            raise SuiteUnavailable(f"{BENCH} has no {name}(); the summary suites need it")
    return module


def run_summaries(suite: str, data: Any, settings: Settings, limit: int | None, command: str) -> dict[str, Any]:
    """Run a summary suite and return its results dict (metrics per system: ROUGE-1/2/Lsum F1 x100, words).

    Args:
        suite: cnndm or tac2011.
        data: the shared data folder (default ../shared/data).
        settings: settings naming the embedder.
        limit: at most this many articles (cnndm) or topics (tac2011).
        command: the command line to record.

    Returns:
        The results dict written to results.json.
    """
    from ...embedders import get_embedder
    from ..report import versions

    folder = Path(data) if data else default_data_dir()
    relative, what = _DATA[suite]
    require(folder / relative, suite, what)
    bench = _bench()
    started = time.perf_counter()
    embedder = bench.CachedEmbedder(get_embedder(settings))
    if suite == "cnndm":
        details = bench.bench_cnndm(bench.load_cnndm(folder, limit), embedder)
        n, unit = details["articles"], "articles"
    else:
        details = bench.bench_tac(bench.load_tac(folder, limit), embedder)
        n, unit = details["topics"], "topics"
    seconds = round(time.perf_counter() - started, 2)
    return {
        "suite": suite, "kind": "summary", "command": command, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "config": {"configs": list(details["systems"]), unit: n, "embedder": f"{embedder.name}/{embedder.dim}",
                   "benchmark": "eval/bench_summaries.py"},
        "notes": ["ROUGE-1/2/Lsum F1 x100 (rouge-score, stemmed); several references: best per metric. Per-document "
                  "outputs are not kept by eval/bench_summaries.py; `details` holds its full result."],
        "versions": versions(embedder), "timings": {"total": seconds, "ragnews_summaries": details.get("ragnews_seconds")},
        "metrics": {name: dict(scores) for name, scores in details["systems"].items()}, "records": [], "details": details,
    }
