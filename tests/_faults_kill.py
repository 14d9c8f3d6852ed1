"""Helpers of the kill -9 fault tests: a warm forking worker, corpora, and state comparison."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

from .conftest import EXAMPLES, ROOT

WORKER = Path(__file__).parent / "scripts" / "fault_worker.py"


class Worker:
    """The fault worker process: send a job, get the child's exit status."""

    def __init__(self, tmp: Path) -> None:
        """Start the worker (it loads the embedder once)."""
        self.tmp = tmp
        self.jobs = 0
        self.proc = subprocess.Popen([sys.executable, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=str(tmp))

    def run(self, home: Path, corpus: Path, url: str | None = None, collection: str = "ragnews", crash: dict[str, Any] | None = None,
            count: bool = False, dump: bool = False) -> tuple[int, dict[str, Any]]:
        """Run one ingest job; return (status, {"count": ..., "state": ..., "stderr": what the run printed there})."""
        out: dict[str, Any] = {}
        self.jobs += 1
        job = {"home": str(home), "corpus": str(corpus), "url": url, "collection": collection, "crash": crash,
               "count": str(home.parent / f"{home.name}.count.json") if count else None,
               "dump": str(home.parent / f"{home.name}.state.json") if dump else None,
               "stderr": str(home.parent / f"{home.name}.{self.jobs}.stderr")}
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        status = json.loads(self.proc.stdout.readline())["status"]
        stderr = Path(str(job["stderr"]))
        out["stderr"] = stderr.read_text(encoding="utf-8", errors="replace") if stderr.exists() else ""
        for key, name in (("count", "count"), ("dump", "state")):
            file = job[key]
            if isinstance(file, str) and status == 0:
                out[name] = json.loads(Path(file).read_text(encoding="utf-8"))
        return status, out

    def close(self) -> None:
        """Stop the worker."""
        assert self.proc.stdin
        self.proc.stdin.close()
        self.proc.wait(30)


def corpora(tmp: Path) -> dict[str, Path]:
    """v1: 12 articles; v2: each edited (update); v3: odd articles become copies of even ones (their old versions are deleted)."""
    sentences = [s.strip() for f in sorted(EXAMPLES.iterdir()) for s in f.read_text(encoding="utf-8").split(".") if len(s.strip()) > 40]

    def record(i: int, text_of: int, edit: str = "") -> str:
        body = ". ".join(sentences[text_of : text_of + 6]) + f". Item {text_of}{edit}."
        return json.dumps({"title": f"Story {text_of}", "body": body, "url": f"https://example.test/{i}",
                           "published": f"2021-08-{text_of + 1:02d}", "source": "Reuters" if i % 3 else "AP"})

    out = {}
    for name, lines in (("v1", [record(i, i) for i in range(12)]), ("v2", [record(i, i, " revised") for i in range(12)]),
                        ("v3", [record(i, i - i % 2) for i in range(12)])):
        path = tmp / f"{name}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out[name] = path
    return out


def differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """Name every part of two full states that differs (vectors compared to 1e-4)."""
    bad = []
    for key in sorted(set(got) | set(want)):
        a, b = got.get(key), want.get(key)
        if key in ("cache", "store_vectors"):
            if a is None or b is None or sorted(a) != sorted(b):
                bad.append(f"{key}: keys differ")
            elif any(not np.allclose(a[k], b[k], atol=1e-4) for k in a):
                bad.append(f"{key}: vectors differ")
        elif a != b:
            bad.append(f"{key}: {str(a)[:200]} != {str(b)[:200]}")
    return bad
