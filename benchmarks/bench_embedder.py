"""Benchmark the raw MiniLM embedder: texts/s per batch size on sentences and ~200-token passages.

Run from the repository root:  python -m benchmarks.bench_embedder [--json OUT] [--repeat N]
Texts come from ../shared/articles/*.txt and, when present, Reuters-21578 bodies
(../shared/data/reuters21578/reut2-000.sgm). Writes benchmarks/results/bench_embedder.json by default.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ragnews.embedders import TOKENIZER_PATH, MiniLMEmbedder
from ragnews.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "bench_embedder.json"
BATCH_SIZES = (1, 4, 8, 10, 16, 32)
QUESTION = "What sanctions did the UN Security Council impose on North Korea?"
PASSAGE_TOKENS = 200


def article_texts(shared: Path) -> list[str]:
    """Plain-text seed articles, then Reuters-21578 bodies if the file is there."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((shared / "articles").glob("*.txt"))]
    return texts + reuters_bodies(shared / "data" / "reuters21578" / "reut2-000.sgm")


def reuters_bodies(path: Path) -> list[str]:
    """The <BODY> texts of one Reuters-21578 SGML file (empty when the file is absent)."""
    if not path.is_file():
        return []
    raw = path.read_text(encoding="latin-1")
    bodies = (html.unescape(m) for m in re.findall(r"<BODY>(.*?)</BODY>", raw, flags=re.S))
    return [re.sub(r"\s*Reuter\s*\x03?\s*$", "", b).strip() for b in bodies]


def sentences(texts: Sequence[str], limit: int) -> list[str]:
    """Up to limit sentences of 5 to 60 words, in corpus order."""
    out: list[str] = []
    for text in texts:
        for sent in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            if 5 <= len(sent.split()) <= 60:
                out.append(sent)
                if len(out) == limit:
                    return out
    return out


def passages(texts: Sequence[str], limit: int) -> list[str]:
    """Up to limit passages of exactly PASSAGE_TOKENS model tokens ([CLS]/[SEP] included), cut by token offsets."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.no_truncation()
    size, out = PASSAGE_TOKENS - 2, []
    for text in texts:
        flat = " ".join(text.split())
        spans = tokenizer.encode(flat).offsets[1:-1]
        for start in range(0, len(spans) - size + 1, size):
            out.append(flat[spans[start][0] : spans[start + size - 1][1]])
            if len(out) == limit:
                return out
    return out


def time_embed(model: MiniLMEmbedder, texts: Sequence[str], batch_size: int, repeat: int) -> tuple[float, float]:
    """Median and best texts/s of embedding texts at batch_size over repeat runs (after a warm-up batch)."""
    model.batch_size = batch_size
    model.embed(texts[:batch_size])
    runs: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        model.embed(texts)
        runs.append(time.perf_counter() - start)
    return len(texts) / statistics.median(runs), len(texts) / min(runs)


def question_latency(model: MiniLMEmbedder, runs: int) -> dict[str, float]:
    """Median and p95 milliseconds to embed one question."""
    model.embed([QUESTION])
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        model.embed([QUESTION])
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"median_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))], "runs": runs}


def bench_set(model: MiniLMEmbedder, name: str, texts: list[str], repeat: int) -> dict[str, Any]:
    """Measure one text set at every batch size."""
    tokens = [min(model.count_tokens(t), model.max_tokens) for t in texts]
    timed = {bs: time_embed(model, texts, bs, repeat) for bs in BATCH_SIZES}
    return {
        "name": name, "texts": len(texts), "mean_tokens": statistics.mean(tokens), "max_tokens": max(tokens),
        "texts_per_s": {bs: t[0] for bs, t in timed.items()}, "best_texts_per_s": {bs: t[1] for bs, t in timed.items()},
    }


def print_table(sets: list[dict[str, Any]], latency: dict[str, float]) -> None:
    """Print texts/s per batch size for each set, then the question latency."""
    print(f"texts/s (median / best of runs)\n{'set':<10}{'n':>5}{'tok':>6} " + "".join(f"{'bs=' + str(b):>13}" for b in BATCH_SIZES))
    for s in sets:
        rates = "".join(f"{s['texts_per_s'][b]:>7.1f} /{s['best_texts_per_s'][b]:>5.1f}" for b in BATCH_SIZES)
        print(f"{s['name']:<10}{s['texts']:>5}{s['mean_tokens']:>6.0f} {rates}")
    print(f"one question: median {latency['median_ms']:.1f} ms, p95 {latency['p95_ms']:.1f} ms ({latency['runs']} runs)")


def run(out: Path, repeat: int, shared: Path) -> dict[str, Any]:
    """Benchmark sentences and passages, print a table and write the JSON report."""
    import onnxruntime

    load_start = os.getloadavg()[0]
    model = MiniLMEmbedder(Settings())
    model.load()
    corpus = article_texts(shared)
    sets = [
        bench_set(model, "sentences", sentences(corpus, 128), repeat),
        bench_set(model, "passages", passages(corpus, 48), repeat),
    ]
    latency = question_latency(model, 50)
    print_table(sets, latency)
    report = {
        "embedder": model.name, "threads": model.threads, "cpus": os.cpu_count(), "onnxruntime": onnxruntime.__version__,
        "python": platform.python_version(), "load_average_1m_at_start": load_start, "load_average_1m_at_end": os.getloadavg()[0],
        "repeat": repeat, "corpus_documents": len(corpus),
        "sets": sets, "question_latency": latency,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return report


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=DEFAULT_OUT, help="where to write the JSON report")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per batch size (median is reported)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared/ folder holding articles/ and data/")
    args = parser.parse_args(argv)
    run(args.json, max(1, args.repeat), args.shared)


if __name__ == "__main__":
    main()
