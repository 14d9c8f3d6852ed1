"""Shared helpers of the benchmarks: child processes with peak-RSS tracking, a Chroma server, corpus subsets."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578"
_PAGE = os.sysconf("SC_PAGE_SIZE")
_RECORD = re.compile(r"<REUTERS\b.*?</REUTERS>", re.S)


@dataclass
class ChildResult:
    """What a measured child process printed, with its wall time and memory peaks."""

    output: dict[str, Any]
    wall_seconds: float
    peak_rss_mb: float
    peak_tree_rss_mb: float


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        kids = [p for p, pp in parents.items() if pp == frontier[-1]]
        frontier.pop()
        tree.update(kids)
        frontier += kids
    total = 0
    for pid in tree:
        with contextlib.suppress(OSError, IndexError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    return total


def run_child(args: Sequence[str], env: dict[str, str] | None = None, nice: int = 0) -> ChildResult:
    """Run `python -m ARGS` in a child; return its last stdout line parsed as JSON, wall time and RSS peaks.

    peak_rss_mb is the kernel's high-water mark of the largest process (wait4), peak_tree_rss_mb the
    largest sum over the child and its descendants sampled every 0.1 s.
    """
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", *args], stdout=out, cwd=ROOT, env={**os.environ, **(env or {})},
                                preexec_fn=(lambda: os.nice(nice)) if nice else None)
        tree_peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            tree_peak = max(tree_peak, _tree_rss(proc.pid))
            time.sleep(0.1)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = out.read().strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"child {' '.join(args)} failed with exit code {proc.returncode}")
    rss = usage.ru_maxrss / 1024
    return ChildResult(json.loads(lines[-1]), wall, rss, max(tree_peak / 2**20, rss))


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextlib.contextmanager
def tree_rss_sampler(interval: float = 1.0) -> Iterator[dict[str, float]]:
    """Sample this process tree's summed RSS in a thread; yields a dict whose 'peak_mb' is set on exit."""
    import threading

    peak, stop = {"peak_mb": 0.0}, threading.Event()

    def sample() -> None:
        while not stop.wait(interval):
            peak["peak_mb"] = max(peak["peak_mb"], _tree_rss(os.getpid()) / 2**20)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        stop.set()
        thread.join()
        peak["peak_mb"] = max(peak["peak_mb"], peak_rss_mb())


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def chroma_executable() -> str:
    """The `chroma` command of this interpreter's environment."""
    exe = Path(sys.executable).with_name("chroma")
    return str(exe) if exe.exists() else shutil.which("chroma") or "chroma"


@contextlib.contextmanager
def chroma_server(path: Path, timeout: float = 60.0) -> Iterator[tuple[str, int]]:
    """Run `chroma run --path PATH --host 127.0.0.1 --port FREE`; yield (url, pid); stop it on exit."""
    port = free_port()
    path.parent.mkdir(parents=True, exist_ok=True)
    log = open(path.parent / f"{path.name}.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([chroma_executable(), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_heartbeat(url, proc, timeout)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def wait_for_heartbeat(url: str, proc: subprocess.Popen[Any], timeout: float) -> None:
    """Wait until the Chroma server answers its heartbeat (RuntimeError if it dies or times out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma server exited with code {proc.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as resp:
                if resp.status == 200:
                    return
        time.sleep(0.2)
    raise RuntimeError(f"chroma server at {url} did not answer within {timeout:.0f} s")


def reuters_subset(source: Path, limit: int | None, out: Path) -> Path:
    """Return source, or a folder of .sgm files holding the first `limit` Reuters records with a <BODY>."""
    if limit is None:
        return source
    out.mkdir(parents=True, exist_ok=True)
    left = limit
    for n, path in enumerate(sorted(source.glob("*.sgm"))):
        kept = [r for r in _RECORD.findall(path.read_text(encoding="latin-1")) if "<BODY>" in r][:left]
        (out / f"part-{n:03d}.sgm").write_text("\n".join(kept), encoding="latin-1")
        left -= len(kept)
        if left <= 0:
            break
    return out


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) of values, linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def median(values: Sequence[float]) -> float:
    """Median of values (nan when empty)."""
    return statistics.median(values) if values else float("nan")


def machine() -> dict[str, Any]:
    """CPU count and load, for the JSON reports (figures from a shared machine are noisy)."""
    return {"cpus": os.cpu_count(), "load_average_1m": os.getloadavg()[0], "python": sys.version.split()[0]}


def write_json(path: Path, report: dict[str, Any]) -> None:
    """Write a report as indented JSON and say where."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"wrote {path}")
