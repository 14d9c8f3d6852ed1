"""Benchmark ingestion: articles/s, chunks/s and peak RSS of `NewsRAG.ingest`, against the raw embedder.

Run from the repository root:
    python -m benchmarks.bench_ingest ../shared/data/reuters21578 [--limit 400] [--server] [--repeat 3]

Each measured run is a fresh child process on a fresh home (embedded Chroma; with --server
also against `chroma run` on a free loopback port). Then:
- the raw embedder embeds the same unique chunk texts (the ones the pipeline embedded) in one
  call, so it sorts them all by length: the physical limit on this machine; other batch sizes
  (--batch-sizes) are timed on a random sample of --raw-sample texts (default: all);
- the unchanged corpus is ingested again by the whole CLI process (`python -m ragnews ingest`).
Writes benchmarks/results/bench_ingest.json (or --json).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from benchmarks._bench import (
    REUTERS, RESULTS, chroma_server, machine, median, peak_rss_mb, reuters_subset, run_child, tree_rss_sampler, write_json,
)

DEFAULT_OUT = RESULTS / "bench_ingest.json"


# --------------------------------------------------------------------------- child processes


def child_ingest(opts: dict[str, Any]) -> dict[str, Any]:
    """Ingest opts['inputs'] into a fresh home; return counts, seconds and the time spent in the embedder."""
    from ragnews import NewsRAG, Settings

    settings = Settings(home=opts["home"], chroma_url=opts.get("chroma_url"), ingest_workers=opts["workers"],
                        embed_batch_size=opts["batch"], llm="extractive", embed_header=opts.get("embed_header", True))
    rag = NewsRAG(settings=settings)
    spent = _time_embed_calls(rag.embedder)
    warm_up(rag, settings)
    # Worker processes' memory is only seen by sampling the tree; without workers the process's own
    # high-water mark is read afterwards, as bench_peer's peer does: a sampler thread would add its CPU
    # (~0.03 s per 300 articles) to ragnews' side of the comparison only.
    with tree_rss_sampler() if opts["workers"] > 0 else _own_peak() as memory:
        started, cpu = time.perf_counter(), _cpu()
        report = rag.ingest(opts["inputs"])
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    return {
        "articles": len(report.new) + len(report.updated), "skipped": len(report.skipped), "failed": len(report.failed),
        "chunks": rag.records.chunk_count(), "store_chunks": rag.store.count(), "chunks_embedded": report.chunks_embedded,
        "chunks_reused": report.chunks_reused, "seconds": seconds, "embed_seconds": spent["seconds"], "cpu_seconds": cpu,
        "ingest_peak_rss_mb": memory["peak_mb"],  # this process's high-water mark, or its tree's with workers
    }


@contextlib.contextmanager
def _own_peak() -> Iterator[dict[str, float]]:
    """Yield a dict whose 'peak_mb' is this process's peak resident memory (VmHWM), set on exit; no thread."""
    peak = {"peak_mb": 0.0}
    try:
        yield peak
    finally:
        peak["peak_mb"] = peak_rss_mb()


def warm_up(rag: Any, settings: Any) -> None:
    """Pay once-per-process start-up costs before timing, as bench_peer's peer does for its own.

    Not ingest throughput: loading the model; importing llama-index and building the sentence
    splitter (its tiktoken vocabulary: ~4-5 CPU s together, measured with yappi; the peer builds its
    splitter before its timer starts); importing datasketch (scipy, ~0.5 s; the peer has no MinHash);
    importing chromadb and opening the client (~3-10 s by load). In `ragnews ingest` the imports run in
    the producer thread while the model loads.
    """
    from ragnews.adapters.chunking import _splitter
    from ragnews.syndication import signature

    rag.embedder.load()
    _splitter(settings.chunk_size, settings.chunk_overlap)
    signature("warm up")
    _ = rag.store


def _cpu() -> float:
    """CPU seconds used so far by this process (all threads) and its finished children."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _time_embed_calls(embedder: Any) -> dict[str, float]:
    """Wrap embedder.embed to add up the seconds spent inside it."""
    spent = {"seconds": 0.0}
    original = embedder.embed

    def timed(texts: Sequence[str]) -> Any:
        started = time.perf_counter()
        try:
            return original(texts)
        finally:
            spent["seconds"] += time.perf_counter() - started

    embedder.embed = timed
    return spent


def child_raw(opts: dict[str, Any]) -> dict[str, Any]:
    """Embed the home's unique chunk texts with the bare embedder, once per batch size; return texts/s.

    The reference (the pipeline's batch size, every text) runs with onnxruntime's busy-waiting
    threads on, the bare embedder's fastest setting; the other batch sizes, and spinning off
    (what the pipeline uses), run on the sample.
    """
    from ragnews.embedders import MiniLMEmbedder
    from ragnews.settings import Settings

    db = sqlite3.connect(Path(opts["home"]) / "ragnews.db")
    texts = [t for (t,) in db.execute("SELECT text FROM chunks WHERE rowid IN (SELECT MIN(rowid) FROM chunks GROUP BY text_hash) ORDER BY rowid")]
    sample = random.Random(0).sample(texts, opts["sample"]) if 0 < opts.get("sample", 0) < len(texts) else texts
    rates: dict[str, float] = {}
    cpu_rates: dict[str, float] = {}
    runs = [(str(size), size, True, texts if size == opts["batch"] else sample) for size in opts["batch_sizes"]]
    for key, size, spinning, part in [*runs, (f"{opts['batch']} spinning off", opts["batch"], False, sample)]:
        model = MiniLMEmbedder(Settings(embed_batch_size=size), spinning=spinning)
        model.embed(texts[:20])  # loads the model and warms up
        started, cpu = time.perf_counter(), _cpu()
        model.embed(part)
        rates[key] = len(part) / (time.perf_counter() - started)
        cpu_rates[key] = len(part) / (_cpu() - cpu)
    return {"texts": len(texts), "sample": len(sample), "texts_per_s": rates, "texts_per_cpu_s": cpu_rates}


# --------------------------------------------------------------------------- the parent


def _child(job: str, opts: dict[str, Any]) -> Any:
    """Run one child job of this module."""
    return run_child(["benchmarks.bench_ingest", "--child", job, json.dumps(opts)])


def _cli_reingest(home: Path, inputs: Path, chroma_url: str | None, workers: int) -> dict[str, Any]:
    """Time `python -m ragnews ingest INPUTS` as a whole process on an already ingested home."""
    cmd = [sys.executable, "-m", "ragnews", "ingest", str(inputs), "--home", str(home)]
    if chroma_url:
        cmd += ["--chroma-url", chroma_url]
    started = time.perf_counter()
    env = {**os.environ, "RAGNEWS_CHROMA_URL": "", "RAGNEWS_INGEST_WORKERS": str(workers)}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"re-ingest failed: {done.stderr[-2000:]}")
    return {"cli_seconds": wall, "command": f"RAGNEWS_INGEST_WORKERS={workers} " + " ".join(cmd[1:]), "exit_code": done.returncode}


def _server_hwm(pid: int) -> float:
    """Peak RSS (VmHWM) of a running process in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure_mode(inputs: Path, work: Path, args: argparse.Namespace, server: bool) -> dict[str, Any]:
    """First ingest (child) and whole-process re-ingest, embedded or against a fresh Chroma server."""
    home = work / ("home-server" if server else "home")
    opts = {"home": str(home), "inputs": str(inputs), "workers": args.workers, "batch": args.batch}
    if not server:
        first = _child("ingest", opts)
        return {"home": str(home), **_summarize(first), "reingest": _cli_reingest(home, inputs, None, args.workers)}
    with chroma_server(work / "chroma-server") as (url, pid):
        first = _child("ingest", {**opts, "chroma_url": url})
        out = {"home": str(home), **_summarize(first), "reingest": _cli_reingest(home, inputs, url, args.workers)}
        out["server_peak_rss_mb"] = _server_hwm(pid)
    return out


def _summarize(first: Any) -> dict[str, Any]:
    """Throughput figures of a first-ingest child."""
    o = first.output
    return {
        **o, "process_seconds": first.wall_seconds, "peak_rss_mb": first.peak_rss_mb, "peak_tree_rss_mb": first.peak_tree_rss_mb,
        "articles_per_s": o["articles"] / o["seconds"], "chunks_per_s": o["chunks"] / o["seconds"],
        "embedded_chunks_per_s": o["chunks_embedded"] / o["seconds"], "embedder_share": o["embed_seconds"] / o["seconds"],
        "embedded_chunks_per_cpu_s": o["chunks_embedded"] / o["cpu_seconds"],
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Run every measurement, print a table and write the JSON report."""
    work = Path(tempfile.mkdtemp(prefix="bench_ingest-"))
    inputs = reuters_subset(Path(args.source), args.limit, work / "input")
    rounds = []
    for n in range(args.repeat):
        rnd = work / f"round{n}"
        mode = measure_mode(inputs, rnd, args, server=False)
        raw = _child("raw", {"home": mode["home"], "sample": args.raw_sample, "batch_sizes": args.batch_sizes, "batch": args.batch}).output
        key = str(args.batch)
        rounds.append({"embedded": mode, "raw": raw, "ratio": mode["embedded_chunks_per_s"] / raw["texts_per_s"][key],
                       "cpu_ratio": mode["embedded_chunks_per_cpu_s"] / raw["texts_per_cpu_s"][key], "load_average_1m": os.getloadavg()[0]})
        print(f"round {n + 1}: pipeline {mode['embedded_chunks_per_s']:.1f} embedded chunks/s, raw {raw['texts_per_s'][key]:.1f} /s, "
              f"ratio {rounds[-1]['ratio']:.3f} (per CPU-second: {rounds[-1]['cpu_ratio']:.3f}), load {os.getloadavg()[0]:.1f}", flush=True)
    report = {"command": " ".join(["python -m benchmarks.bench_ingest", *sys.argv[1:]]), "source": str(args.source), "limit": args.limit,
              "batch": args.batch, "workers": args.workers, "machine": machine(), "rounds": rounds,
              "median_ratio_vs_raw": median([r["ratio"] for r in rounds]), "median_cpu_ratio_vs_raw": median([r["cpu_ratio"] for r in rounds])}
    first = rounds[0]["embedded"]
    report["reingest_speedup"] = first["process_seconds"] / first["reingest"]["cli_seconds"]
    if args.server:
        report["server"] = measure_mode(inputs, work / "server", args, server=True)
    print_table(report)
    write_json(args.json, report)
    return report


def print_table(report: dict[str, Any]) -> None:
    """Print the headline figures."""
    first = report["rounds"][0]["embedded"]
    rows = [("embedded", first)] + ([("server", report["server"])] if "server" in report else [])
    print(f"{'mode':<10}{'articles':>9}{'chunks':>8}{'art/s':>8}{'chunks/s':>10}{'emb/s':>8}{'embedder%':>10}{'peakRSS MB':>11}{'re-ingest s':>12}")
    for name, m in rows:
        print(f"{name:<10}{m['articles']:>9}{m['chunks']:>8}{m['articles_per_s']:>8.2f}{m['chunks_per_s']:>10.2f}"
              f"{m['embedded_chunks_per_s']:>8.2f}{100 * m['embedder_share']:>9.1f}%{m['ingest_peak_rss_mb']:>11.0f}{m['reingest']['cli_seconds']:>12.2f}")
    raw = report["rounds"][0]["raw"]
    print("raw embedder texts/s by batch size: " + ", ".join(f"{b}: {r:.1f}" for b, r in raw["texts_per_s"].items()) + f" ({raw['texts']} texts)")
    print(f"pipeline / raw (median of {len(report['rounds'])}): {report['median_ratio_vs_raw']:.3f} wall-clock, "
          f"{report['median_cpu_ratio_vs_raw']:.3f} per CPU-second; "
          f"re-ingest speed-up: {report['reingest_speedup']:.0f}x")


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments; run the benchmark or one child job."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=str(REUTERS), help="folder of Reuters-21578 .sgm files")
    parser.add_argument("--limit", type=int, help="only the first N articles with a body")
    parser.add_argument("--server", action="store_true", help="also measure against a Chroma server")
    parser.add_argument("--repeat", type=int, default=1, help="pipeline + raw rounds (medians are reported)")
    parser.add_argument("--workers", type=int, default=0, help="RAGNEWS_INGEST_WORKERS for the pipeline")
    parser.add_argument("--batch", type=int, default=10, help="embedder batch size of the pipeline")
    parser.add_argument("--batch-sizes", type=lambda s: [int(x) for x in s.split(",")], default=None, help="raw embedder batch sizes, e.g. 4,8,10,16,32")
    parser.add_argument("--raw-sample", type=int, default=0, help="time the other batch sizes on a random sample of this many texts (0 = all)")
    parser.add_argument("--json", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--child", nargs=2, metavar=("JOB", "OPTIONS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        job, opts = args.child[0], json.loads(args.child[1])
        print(json.dumps({"ingest": child_ingest, "raw": child_raw}[job](opts)))
        return
    args.batch_sizes = sorted(set(args.batch_sizes or []) | {args.batch})
    run(args)


if __name__ == "__main__":
    main()
