"""Query latency: p50/p95 of `rag.ask` (offline default) and of retrieval at several corpus sizes.

Run from the repository root, on a home holding the ingested Reuters set (e.g. the one
`python -m benchmarks.bench_ingest` leaves, its path is in bench_ingest.json):
    python -m benchmarks.bench_query --home HOME [--sizes 1000,10000,all] [--synthetic 100000]

Sizes below the whole home are real subsets: the first N articles, with their stored chunks
and vectors, copied into a fresh home (nothing is re-embedded). --synthetic N builds a
home of at least N chunks by adding SYNTHETIC copies of every article to the whole home:
digits rotated and every seventh word's vowels shifted (same length, so chunk offsets stay
exact), titles suffixed "[synthetic copy r]", source "<outlet> (synthetic)", and vectors =
the original chunk vector plus Gaussian noise (sigma 0.02 per dimension), renormalised.
Embedding 100k chunks for real would take over an hour of this machine's two cores.
Each size is measured warm in a fresh child process. Writes benchmarks/results/bench_query.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks._bench import RESULTS, machine, percentile, run_child, write_json

DEFAULT_OUT = RESULTS / "bench_query.json"
_VOWELS = str.maketrans("aeiouAEIOU", "eiouaEIOUA")


# --------------------------------------------------------------------------- building homes


def _open(home: Path) -> Any:
    """A NewsRAG on an embedded home."""
    from ragnews import NewsRAG, Settings

    return NewsRAG(settings=Settings(home=home, chroma_url=None, llm="extractive"))


def _article_ids(home: Path, limit: int | None) -> list[str]:
    """Article ids of a home in ingest order (first `limit`)."""
    db = sqlite3.connect(home / "ragnews.db")
    sql = "SELECT id FROM articles ORDER BY ingested_at, rowid" + (f" LIMIT {int(limit)}" if limit else "")
    return [r[0] for r in db.execute(sql)]


def _pages(ids: Sequence[str], size: int = 200) -> Iterator[Sequence[str]]:
    """ids in pages."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def copy_subset(source: Path, target: Path, limit: int) -> None:
    """Copy the first `limit` articles of source, with chunks, vectors and story groups, into a fresh home."""
    src, dst = _open(source), _open(target)
    for page in _pages(_article_ids(source, limit)):
        articles = src.records.get_articles(page)
        signatures = src.records.signatures(list(articles))
        rows = []
        for a in articles.values():
            chunks = src.records.chunks_of(a.id)
            rows.append((a, chunks, src.records.chunk_vectors([c.id for c in chunks]), signatures.get(a.id, np.zeros(0, np.uint64))))
        _write(dst, rows)
    dst.records.set_meta("embedder", src.records.get_meta("embedder") or "")
    src.close()
    dst.close()


def _write(dst: Any, rows: list[tuple[Any, list[Any], dict[str, np.ndarray], np.ndarray]]) -> None:
    """Write (article, chunks, vectors by chunk id, MinHash) rows into dst's records and store."""
    from ragnews import syndication
    from ragnews.ingest import chunk_metadata
    from ragnews.records import write_article

    chunks, vectors, metas = [], [], []
    with dst.records.transaction() as db:
        for article, article_chunks, vecs, sig in rows:
            write_article(db, article, article_chunks, {c.text_hash: vecs[c.id] for c in article_chunks}, sig, syndication.bands(sig) if len(sig) else [])
            db.execute("INSERT OR REPLACE INTO source_keys VALUES (?, ?)", (article.source_key, article.id))
            chunks += article_chunks
            vectors += [vecs[c.id] for c in article_chunks]
            metas += [chunk_metadata(article, c) for c in article_chunks]
    if chunks:
        dst.store.upsert(chunks, np.stack(vectors), metas)


def _perturb(text: str, r: int) -> str:
    """Same-length perturbation: digits rotated by r, vowels shifted in every seventh word (offset by r)."""
    text = re.sub(r"\d", lambda m: str((int(m.group()) + r) % 10), text)
    n = itertools.count(r)
    return re.sub(r"[A-Za-z]+", lambda m: m.group().translate(_VOWELS) if next(n) % 7 == 0 else m.group(), text)


def add_synthetic(home: Path, target_chunks: int, sigma: float = 0.02) -> int:
    """Add synthetic perturbed copies of every article until the home holds >= target_chunks; return copies made."""
    from ragnews.adapters.chunking import chunk_id
    from ragnews.models import Article, Chunk

    rag, rng = _open(home), np.random.default_rng(0)
    ids, copies = _article_ids(home, None), 0
    while rag.records.chunk_count() < target_chunks:
        copies += 1
        for page in _pages(ids):
            rows = []
            articles = rag.records.get_articles(page)
            signatures = rag.records.signatures(list(articles))  # copied: MinHash only matters when ingesting
            for a in articles.values():
                body = _perturb(a.body, copies)
                new = Article.create(f"{a.title} [synthetic copy {copies}]", body, published=a.published, source=f"{a.source} (synthetic)",
                                     path=f"synthetic:{copies}:{a.id}", metadata={"synthetic_copy_of": a.id, "synthetic_copy": copies})
                new = new.model_copy(update={"story_id": new.id})
                old = rag.records.chunks_of(a.id)
                vecs = rag.records.chunk_vectors([c.id for c in old])
                chunks = [Chunk(chunk_id(new.id, c.start, c.end, body[c.start : c.end]), new.id, c.index, c.start, c.end, body[c.start : c.end]) for c in old]
                rows.append((new, chunks, {n.id: _noisy(vecs[c.id], rng, sigma) for n, c in zip(chunks, old)},
                             signatures.get(a.id, np.zeros(0, np.uint64))))
            _write(rag, rows)
        print(f"synthetic copy {copies}: {rag.records.chunk_count()} chunks", flush=True)
    rag.close()
    return copies


def _noisy(vector: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    """vector plus Gaussian noise, renormalised to unit length."""
    noisy = vector + rng.normal(0.0, sigma, vector.shape).astype(np.float32)
    return (noisy / np.linalg.norm(noisy)).astype(np.float32)


# --------------------------------------------------------------------------- measuring


def child_latency(opts: dict[str, Any]) -> dict[str, Any]:
    """Warm up, then time rag.ask and rag.retrieve (hybrid and dense) over the queries."""
    from benchmarks.bench_peer import latency

    rag = _open(Path(opts["home"]))
    queries = opts["queries"]
    out = {"articles": rag.records.article_count(), "chunks": rag.records.chunk_count(), "store_chunks": rag.store.count()}
    out["ask"] = latency(lambda q: rag.ask(q), queries)
    out["retrieve_hybrid"] = latency(lambda q: rag.retrieve(q), queries)
    out["retrieve_dense"] = latency(lambda q: rag.retrieve(q, mode="dense"), queries)
    out["ask_stages_ms"] = _stage_medians(rag, queries[:10])
    return out


def _stage_medians(rag: Any, queries: Sequence[str]) -> dict[str, float]:
    """Median milliseconds per stage of rag.ask (from Answer.timings)."""
    stages: dict[str, list[float]] = {}
    for q in queries:
        for stage, seconds in rag.ask(q).timings.items():
            stages.setdefault(stage, []).append(seconds * 1000)
    return {k: percentile(v, 50) for k, v in stages.items()}


def pick_queries(home: Path, n: int) -> list[str]:
    """Questions from n seeded-random real article titles of the home (lower-cased)."""
    db = sqlite3.connect(home / "ragnews.db")
    titles = [t for (t,) in db.execute("SELECT title FROM articles WHERE source NOT LIKE '%(synthetic)' ORDER BY id") if len(t.split()) >= 4]
    return [f"what happened: {t.lower()}?" for t in random.Random(0).sample(titles, min(n, len(titles)))]


def measure(name: str, home: Path, queries: list[str], synthetic: bool) -> dict[str, Any]:
    """Latency figures for one home, from a fresh child process."""
    res = run_child(["benchmarks.bench_query", "--child", json.dumps({"home": str(home), "queries": queries})])
    out = {"name": name, "synthetic": synthetic, **res.output, "peak_rss_mb": res.peak_rss_mb}
    print(f"{name:<12}{out['articles']:>8}{out['chunks']:>8}  ask p50 {out['ask']['p50_ms']:.0f} ms p95 {out['ask']['p95_ms']:.0f} ms "
          f"(first pass {out['ask']['first_pass_p50_ms']:.0f} / {out['ask']['first_pass_p95_ms']:.0f}); "
          f"hybrid retrieve p50 {out['retrieve_hybrid']['p50_ms']:.1f} ms; dense {out['retrieve_dense']['p50_ms']:.1f} ms", flush=True)
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Measure every size (and the synthetic home), print and write the JSON report."""
    work = Path(tempfile.mkdtemp(prefix="bench_query-"))
    queries = pick_queries(args.home, args.queries)
    total = len(_article_ids(args.home, None))
    results = []
    for size in args.sizes:
        if size == "all" or int(size) >= total:
            results.append(measure(f"all ({total})", args.home, queries, False))
            continue
        home = work / f"n{size}"
        started = time.perf_counter()
        copy_subset(args.home, home, int(size))
        print(f"copied {size} articles in {time.perf_counter() - started:.0f} s", flush=True)
        results.append(measure(str(size), home, queries, False))
        shutil.rmtree(home, ignore_errors=True)
    if args.synthetic:
        home = work / "synthetic"
        shutil.copytree(args.home, home)
        copies = add_synthetic(home, args.synthetic)
        results.append({**measure(f"synthetic x{copies + 1}", home, queries, True), "synthetic_copies": copies})
        shutil.rmtree(home, ignore_errors=True)
    report = {"command": " ".join(["python -m benchmarks.bench_query", *sys.argv[1:]]), "source_home": str(args.home), "queries": len(queries),
              "machine": machine(), "results": results}
    write_json(args.json, report)
    return report


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments; run the benchmark or the child job."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="an embedded home holding the ingested corpus")
    parser.add_argument("--sizes", type=lambda s: s.split(","), default=["1000", "10000", "all"])
    parser.add_argument("--synthetic", type=int, default=0, help="also measure a home of at least this many chunks (synthetic copies)")
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--json", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child_latency(json.loads(args.child))))
        return
    if not args.home:
        parser.error("--home is required (a home ingested by benchmarks.bench_ingest)")
    run(args)


if __name__ == "__main__":
    main()
