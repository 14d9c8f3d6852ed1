"""What the injection defence costs: ingest throughput and ask latency, this tree against a baseline tree.

Run from the repository root (nice'd on a shared machine):
    nice python -m benchmarks.bench_injection_cost --baseline /path/to/tree/without/it [--limit 1000] [--rounds 3]

Each round ingests the first --limit Reuters-21578 articles into a fresh home once with the
baseline tree's code and once with this tree's (alternating, so machine load drifts evenly),
then asks the 58 example questions of ragnews/eval/data/examples/questions.jsonl over the example articles.
Reported: median wall seconds, median process CPU seconds (less sensitive to other load), and
the time the detector itself takes on the same articles (`scan`, CPU seconds).
Writes benchmarks/results/injection/cost.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._bench import REUTERS, machine, reuters_subset, write_json

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "injection" / "cost.json"

_INGEST = """
import json, sys, time, resource
from ragnews import NewsRAG, Settings
src, home = sys.argv[1], sys.argv[2]
with NewsRAG(settings=Settings(home=home, chroma_url=None, ingest_workers=0)) as rag:
    rag.embedder.embed(["warm up"])
    c0, t0 = time.process_time(), time.perf_counter()
    report = rag.ingest(src)
    print(json.dumps({"articles": len(report.new), "seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                      "flagged_articles": len(getattr(report, "injections", {}))}))
"""
_ASK = """
import json, sys, time
from ragnews import NewsRAG, Settings
examples, home, questions = sys.argv[1], sys.argv[2], sys.argv[3]
qs = [json.loads(l)["question"] for l in open(questions, encoding="utf-8") if l.strip()]
with NewsRAG(settings=Settings(home=home, chroma_url=None, llm="extractive", ingest_workers=0)) as rag:
    rag.ingest(examples)
    rag.ask(qs[0])
    times = []
    for q in qs * 3:
        t0 = time.perf_counter(); rag.ask(q); times.append(time.perf_counter() - t0)
    times.sort()
    print(json.dumps({"questions": len(times), "p50": times[len(times) // 2], "mean": sum(times) / len(times)}))
"""
_SCAN = """
import json, sys, time
from ragnews.loaders import expand_paths, iter_articles
from ragnews.models import Article
from ragnews.injection import scan
files, _ = expand_paths([sys.argv[1]])
articles = [a for f in files for a in iter_articles(f) if isinstance(a, Article)]
c0 = time.process_time()
flagged = sum(bool(scan(a).injection) for a in articles)
print(json.dumps({"articles": len(articles), "cpu": time.process_time() - c0, "flagged": flagged}))
"""


def _child(tree: Path, code: str, *args: str) -> dict[str, Any]:
    """Run code with tree's ragnews first on the path; return its JSON line plus the child's CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tree,
                          env={**os.environ, "PYTHONPATH": str(tree), "RAGNEWS_CHROMA_URL": ""}, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process_cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out


def main(argv: list[str] | None = None) -> int:
    """Alternate baseline and this tree for --rounds rounds; write medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="a checkout without the injection defence")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=OUT)
    args = parser.parse_args(argv)
    trees = {"baseline": args.baseline.resolve(), "defended": ROOT}
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {name: {"ingest": [], "ask": []} for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        src = reuters_subset(REUTERS, args.limit, Path(tmp) / "reuters")
        for r in range(args.rounds):
            for name, tree in (trees.items() if r % 2 == 0 else reversed(list(trees.items()))):
                home = Path(tmp) / f"{name}-{r}"
                runs[name]["ingest"].append(_child(tree, _INGEST, str(src), str(home / "reuters")))
                runs[name]["ask"].append(_child(tree, _ASK, str(ROOT / "examples" / "articles"), str(home / "examples"),
                                                str(ROOT / "ragnews" / "eval" / "data" / "examples" / "questions.jsonl")))
                print(name, r, runs[name]["ingest"][-1], runs[name]["ask"][-1], flush=True)
        scan = _child(ROOT, _SCAN, str(src))
    med = {name: {"ingest_seconds": statistics.median(x["seconds"] for x in v["ingest"]),
                  "ingest_cpu": statistics.median(x["cpu"] for x in v["ingest"]),
                  "articles_per_s": statistics.median(x["articles"] / x["seconds"] for x in v["ingest"]),
                  "ask_p50_ms": 1000 * statistics.median(x["p50"] for x in v["ask"]),
                  "ask_mean_ms": 1000 * statistics.median(x["mean"] for x in v["ask"])} for name, v in runs.items()}
    ratio = {"articles_per_s": med["defended"]["articles_per_s"] / med["baseline"]["articles_per_s"],
             "ingest_cpu": med["defended"]["ingest_cpu"] / med["baseline"]["ingest_cpu"],
             "ask_p50": med["defended"]["ask_p50_ms"] / med["baseline"]["ask_p50_ms"]}
    report = {"command": "python -m benchmarks.bench_injection_cost " + " ".join(argv or sys.argv[1:]), "machine": machine(),
              "limit": args.limit, "medians": med, "defended_over_baseline": ratio, "scan_only": scan, "runs": runs,
              "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    write_json(args.json, report)
    print(json.dumps({"medians": med, "ratio": ratio, "scan_only": scan}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
