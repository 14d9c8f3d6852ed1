"""Side by side: ragnews ingest and retrieval against a plain llama-index pipeline, same articles, embedder and splitter.

Run from the repository root:
    python -m benchmarks.bench_peer ../shared/data/reuters21578 --limit 400 [--reprints 0.3] [--repeat 3]

The peer is `VectorStoreIndex.from_documents` with a `ChromaVectorStore` (embedded Chroma),
`SentenceSplitter(chunk_size, chunk_overlap)` from ragnews' settings and the same MiniLM
int8 ONNX embedder wrapped as a llama-index embedding (batch size from settings). Both
pipelines read the same files with ragnews' loaders (parsing is inside both timings), each
in a fresh child process. Rounds alternate which pipeline runs first; ratios are per round.

Two peer settings run in the same rounds: `llamaindex` (llama-index defaults: 10 texts per
embedder call, in document order) and `llamaindex_best` (its best honest setting: 512 texts per
call, which the same embedder sorts by length before batching -- as ragnews does -- exact
duplicates (same title and body) dropped, as ragnews does, and onnxruntime threads not spinning, as
in ragnews). Ratios are given against both. `--peers ...,llamaindex_best_meta` adds the best
setting embedding title/outlet/date as llama-index does by default (MetadataMode.EMBED): about the
text ragnews embeds with its header ("equal embedded text"; the target stays against
`llamaindex_best`).

--reprints F adds synthetic syndicated reprints of a fraction F of the articles (marked as
such: source "Example Syndicate (synthetic reprint)"), each with a rewritten headline, another
outlet, URL, byline and date, and a body edited by --reprint-edit: typography (whitespace
only), lead (a new first sentence), trim (last paragraph cut), headline (body unchanged) or
mixed (lead + trim + typography; the default).

Also measured: unchanged re-ingest (ragnews in-process; llama-index through an
IngestionPipeline with a docstore, whose first run uses a constant embedder because only the
re-run is timed) and top-5 retrieval latency (ragnews hybrid and dense; llama-index dense).
Writes benchmarks/results/bench_peer.json (or --json).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks._bench import REUTERS, RESULTS, machine, median, peak_rss_mb, percentile, reuters_subset, run_child, write_json

DEFAULT_OUT = RESULTS / "bench_peer.json"
SYNDICATE = "Example Syndicate (synthetic reprint)"


# --------------------------------------------------------------------------- corpus


def load_articles(folder: str) -> list[Any]:
    """The articles ragnews' loaders read from a folder, in ingest order."""
    from ragnews.loaders import expand_paths, iter_articles
    from ragnews.models import Article
    from ragnews.settings import Settings

    files, _ = expand_paths([folder])
    settings = Settings()
    return [a for f in files for a in iter_articles(f, settings) if isinstance(a, Article)]


EDITS = ("typography", "lead", "trim", "headline", "mixed")


def _edit(body: str, how: str) -> str:
    """How a reprint's body differs from the original (its headline, outlet, URL, byline and date always differ).

    typography: two spaces after sentences (whitespace only; ragnews' text key ignores it);
    lead: an outlet tag and a new first sentence before the first paragraph (a rewritten lede);
    trim: the last paragraph cut (if the body has more than one);
    headline: the body unchanged (only headline, byline and the other metadata differ);
    mixed: lead + trim + typography together.
    """
    if how == "typography":
        return re.sub(r"([.!?]) (?=[A-Z])", r"\1  ", body)
    if how == "lead":
        return f"(Example Syndicate) - The following report was first published by Reuters. {body}"
    if how == "trim":
        paragraphs = body.rstrip().split("\n\n")
        return "\n\n".join(paragraphs[:-1]) if len(paragraphs) > 1 else body
    if how == "mixed":
        return _edit(_edit(_edit(body, "trim"), "lead"), "typography")
    return body


def with_reprints(inputs: Path, out: Path, fraction: float, how: str) -> tuple[Path, int]:
    """A folder linking the input files plus reprints.jsonl with reprints of a random fraction of the articles."""
    out.mkdir(parents=True, exist_ok=True)
    for f in sorted(inputs.glob("*.sgm")):
        (out / f.name).symlink_to(f.resolve())
    originals = load_articles(str(inputs))
    picked = random.Random(7).sample(originals, int(fraction * len(originals)))
    lines = [json.dumps({
        "title": f"{a.title.title()} | Example Syndicate", "body": _edit(a.body, how), "source": SYNDICATE,
        "url": f"https://syndicate.example/{a.id}", "authors": ["Example Syndicate staff"],
        "published": (a.published.isoformat() if a.published else None), "synthetic_reprint_of": a.id,
    }) for a in picked]
    (out / "zz-reprints.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out, len(lines)


def pick_queries(folder: Path, n: int) -> list[str]:
    """n article titles (seeded sample), lower-cased, as retrieval queries."""
    titles = [a.title for a in load_articles(str(folder)) if len(a.title.split()) >= 4]
    return [t.lower() for t in random.Random(0).sample(titles, min(n, len(titles)))]


def latency(fn: Callable[[str], Any], queries: Sequence[str], passes: int = 2) -> dict[str, float]:
    """p50/p95 milliseconds of fn over all passes of the queries (after 3 warm-up calls), and of the first pass alone."""
    for q in queries[:3]:
        fn(q)
    times: list[float] = []
    for _ in range(passes):
        for q in queries:
            started = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - started) * 1000)
    first = times[: len(queries)]
    return {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "n": len(times),
            "first_pass_p50_ms": percentile(first, 50), "first_pass_p95_ms": percentile(first, 95)}


# --------------------------------------------------------------------------- child: ragnews


def child_ragnews(opts: dict[str, Any]) -> dict[str, Any]:
    """ragnews: ingest the folder into a fresh home, re-ingest it unchanged, time retrieval."""
    from benchmarks.bench_ingest import child_ingest
    from ragnews import NewsRAG, Settings

    out = child_ingest(opts)
    rag = NewsRAG(settings=Settings(home=opts["home"], chroma_url=None, llm="extractive"))
    started = time.perf_counter()
    again = rag.ingest(opts["inputs"])
    out["reingest_seconds"] = time.perf_counter() - started
    out["reingest_skipped"] = len(again.skipped)
    out["retrieve_hybrid"] = latency(lambda q: rag.retrieve(q, k=5), opts["queries"])
    out["retrieve_dense"] = latency(lambda q: rag.retrieve(q, k=5, mode="dense"), opts["queries"])
    return out


# --------------------------------------------------------------------------- child: llama-index


def _llama_embedding(model: Any, batch: int, spent: dict[str, float]) -> Any:
    """The ragnews MiniLM embedder as a llama-index BaseEmbedding (adding up seconds spent in it)."""
    from llama_index.core.embeddings import BaseEmbedding

    def embed(texts: list[str]) -> list[list[float]]:
        started = time.perf_counter()
        try:
            return model.embed(texts).tolist()
        finally:
            spent["seconds"] += time.perf_counter() - started

    class MiniLM(BaseEmbedding):
        def _get_query_embedding(self, query: str) -> list[float]:
            return embed([query])[0]

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return embed([query])[0]

        def _get_text_embedding(self, text: str) -> list[float]:
            return embed([text])[0]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return embed(texts)

    return MiniLM(model_name=model.name, embed_batch_size=batch)


def _documents(folder: str, dedup: bool = False, embed_metadata: bool = False) -> list[Any]:
    """llama-index Documents of the folder's articles: body as text, metadata kept out of the embedded text.

    embed_metadata leaves title, outlet and date in the embedded text, as llama-index does by default
    (MetadataMode.EMBED: "title: ...\nsource: ...\npublished: ..." above each chunk, the splitter
    shrinking chunks to make room): the same facts ragnews' chunk header embeds (equal embedded text).

    dedup drops articles whose title and body repeat an earlier one's (whitespace folded), as a user
    of the peer could: the rule by which ragnews skips duplicates (an article's id is a hash of its
    title and body). A reprint under another headline is kept by both, so both index it.
    """
    from llama_index.core import Document

    docs, seen = [], set()
    for a in load_articles(folder):
        if dedup:
            key = (" ".join(a.title.split()), " ".join(a.body.split()))
            if key in seen:
                continue
            seen.add(key)
        meta = {"title": a.title, "source": a.source, "published": a.published_iso}
        hidden = [] if embed_metadata else list(meta)
        docs.append(Document(text=a.body, id_=a.id, metadata=meta, excluded_embed_metadata_keys=hidden, excluded_llm_metadata_keys=list(meta)))
    return docs


def child_llamaindex(opts: dict[str, Any]) -> dict[str, Any]:
    """llama-index: VectorStoreIndex.from_documents into an embedded ChromaVectorStore; retrieval; docstore re-run."""
    import chromadb
    from llama_index.core import Settings as LlamaSettings, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from benchmarks.bench_ingest import _cpu
    from ragnews.embedders import MiniLMEmbedder
    from ragnews.settings import Settings

    settings, spent = Settings(), {"seconds": 0.0}
    # default peer: onnxruntime threads spin (fastest on an idle machine: nothing else runs beside the
    # embedder); best peer: not spinning, as ragnews runs it -- on a loaded machine spinning threads
    # lose their cores to each other and to other processes.
    model = MiniLMEmbedder(settings, spinning=opts.get("spinning", True))
    model.load()
    # default peer: llama-index calls the embedder with 10 texts at a time in document order (padding
    # each batch to its longest text); best peer: 512 texts per call, which the same embedder sorts by
    # length and runs in batches of settings.embed_batch_size -- exactly what ragnews does per window.
    embed_model = _llama_embedding(model, opts.get("peer_call_size", opts["batch"]), spent)
    LlamaSettings.embed_model = embed_model
    splitter = SentenceSplitter(chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap, paragraph_separator="\n\n")
    client = chromadb.PersistentClient(path=str(Path(opts["home"]) / "chroma"), settings=chromadb.config.Settings(anonymized_telemetry=False))
    store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("peer", configuration={"hnsw": {"space": "cosine"}}))
    started, cpu = time.perf_counter(), _cpu()
    docs = _documents(opts["inputs"], dedup=opts.get("dedup", False), embed_metadata=opts.get("embed_metadata", False))
    index = VectorStoreIndex.from_documents(docs, storage_context=StorageContext.from_defaults(vector_store=store),
                                            transformations=[splitter], embed_model=embed_model)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    ingest_peak = peak_rss_mb()
    chunks = store._collection.count()
    retriever = index.as_retriever(similarity_top_k=5)
    out = {"articles": len(docs), "chunks": chunks, "chunks_embedded": chunks, "seconds": seconds, "cpu_seconds": cpu, "ingest_peak_rss_mb": ingest_peak,
           "embed_seconds": spent["seconds"], "retrieve_dense": latency(retriever.retrieve, opts["queries"])}
    out["reingest_seconds"] = _docstore_rerun(docs, splitter)
    return out


def _docstore_rerun(docs: list[Any], splitter: Any) -> float:
    """Seconds of an unchanged re-run of an IngestionPipeline with a docstore (first run: constant embedder)."""
    from llama_index.core.embeddings import MockEmbedding
    from llama_index.core.ingestion import IngestionPipeline
    from llama_index.core.storage.docstore import SimpleDocumentStore

    pipeline = IngestionPipeline(transformations=[splitter, MockEmbedding(embed_dim=384)], docstore=SimpleDocumentStore())
    pipeline.run(documents=docs)
    started = time.perf_counter()
    pipeline.run(documents=docs)
    return time.perf_counter() - started


# --------------------------------------------------------------------------- the parent


def _measure(job: str, opts: dict[str, Any]) -> dict[str, Any]:
    """Run one pipeline in a fresh child process and add its throughput and memory figures."""
    res = run_child(["benchmarks.bench_peer", "--child", job, json.dumps(opts)])
    o = res.output
    return {**o, "process_seconds": res.wall_seconds, "peak_rss_mb": res.peak_rss_mb, "peak_tree_rss_mb": res.peak_tree_rss_mb,
            "articles_per_s": o["articles"] / o["seconds"], "chunks_per_s": o["chunks"] / o["seconds"],
            "embedder_share": o["embed_seconds"] / o["seconds"]}


_BEST = {"peer_call_size": 512, "dedup": True, "spinning": False}
#: Peer settings: llama-index defaults; its best setting (metadata kept out of the embedded text: the
#: target's yardstick); the best setting embedding title/outlet/date as llama-index does by default
#: (MetadataMode.EMBED), i.e. about the text ragnews embeds with its header (a fairness column only).
PEERS: dict[str, dict[str, Any]] = {"llamaindex": {}, "llamaindex_best": _BEST, "llamaindex_best_meta": {**_BEST, "embed_metadata": True}}
_PEER_SUFFIX = {"llamaindex": "", "llamaindex_best": "_vs_best", "llamaindex_best_meta": "_vs_best_meta"}
#: ragnews settings: its defaults (each chunk embedded with its title/outlet/date line, ~7% more
#: embedded tokens than the body alone), and body-only (embed_header off), which embeds exactly the
#: text the peer embeds.
OURS = {"ragnews": {}, "ragnews_body": {"embed_header": False}}


def _ratios(ours: dict[str, Any], peer: dict[str, Any], suffix: str) -> dict[str, float]:
    """Peer / ragnews time and CPU (above 1: ragnews faster), ragnews / peer memory and retrieval latency."""
    return {
        f"speed_ratio{suffix}": peer["seconds"] / ours["seconds"], f"cpu_ratio{suffix}": peer["cpu_seconds"] / ours["cpu_seconds"],
        f"rss_ratio{suffix}": ours["ingest_peak_rss_mb"] / peer["ingest_peak_rss_mb"],
        f"retrieve_ratio{suffix}": ours["retrieve_hybrid"]["p50_ms"] / peer["retrieve_dense"]["p50_ms"],
    }


def run_round(n: int, inputs: Path, work: Path, queries: list[str], batch: int, workers: int, peers: Sequence[str],
              ours: Sequence[str] = ("ragnews",)) -> dict[str, Any]:
    """The ragnews settings and each peer setting on the same inputs (rotating which goes first); ratios of this round."""
    jobs = [*ours, *peers]
    jobs = jobs[n % len(jobs):] + jobs[: n % len(jobs)]
    results: dict[str, dict[str, Any]] = {}
    for job in jobs:
        opts = {"home": str(work / f"{job}{n}"), "inputs": str(inputs), "workers": workers, "batch": batch, "queries": queries,
                **PEERS.get(job, {}), **OURS.get(job, {})}
        results[job] = _measure("ragnews" if job in OURS else "llamaindex", opts)
    out: dict[str, Any] = {**results, "order": jobs, "load_average_1m": os.getloadavg()[0]}
    for mine in ours:
        for peer_name in peers:
            suffix = ("" if mine == "ragnews" else "_body") + _PEER_SUFFIX[peer_name]
            out.update(_ratios(results[mine], results[peer_name], suffix))
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Run the rounds, print a table and write the JSON report."""
    work = Path(tempfile.mkdtemp(prefix="bench_peer-"))
    inputs = reuters_subset(Path(args.source), args.limit, work / "input")
    reprints = 0
    if args.reprints:
        inputs, reprints = with_reprints(inputs, work / "with_reprints", args.reprints, args.reprint_edit)
    queries = pick_queries(inputs, args.queries)
    peers = [p for p in args.peers.split(",") if p]
    ours = [o for o in args.ours.split(",") if o]
    load_before = os.getloadavg()
    rounds = []
    for n in range(args.repeat):
        rounds.append(run_round(n, inputs, work, queries, args.batch, args.workers, peers, ours))
        r = rounds[-1]
        ratios = ", ".join(f"{k} {v:.2f}" for k, v in r.items() if "ratio" in k)
        print(f"round {n + 1}: {ratios}, load {r['load_average_1m']:.1f}", flush=True)
    keys = [k for k in rounds[0] if "ratio" in k]
    report = {
        "command": " ".join(["python -m benchmarks.bench_peer", *sys.argv[1:]]), "limit": args.limit, "workers": args.workers, "synthetic_reprints": reprints,
        "reprint_edit": args.reprint_edit if reprints else None, "queries": len(queries), "machine": machine(),
        "config": {"batch": args.batch, "peers": {p: PEERS[p] for p in peers}, "ours": {o: OURS[o] for o in ours}, "repeat": args.repeat, "limit": args.limit,
                   "reprints": args.reprints, "reprint_edit": args.reprint_edit if reprints else None, "workers": args.workers},
        "versions": _versions(), "load_average_1_5_15_before": load_before, "load_average_1_5_15_after": os.getloadavg(),
        "rounds": rounds,
        **{f"median_{k}": median([r[k] for r in rounds]) for k in keys},
        "spread": {k: [min(r[k] for r in rounds), max(r[k] for r in rounds)] for k in keys},
    }
    print_table(report, [*ours, *peers])
    write_json(args.json, report)
    return report


def _versions() -> dict[str, str]:
    """Versions of the packages both pipelines run on."""
    from importlib.metadata import version

    from ragnews import __version__

    return {"ragnews": __version__, **{name: version(name) for name in ("llama-index-core", "chromadb", "onnxruntime")}}


def print_table(report: dict[str, Any], jobs: Sequence[str]) -> None:
    """Print the first round's figures and the median ratios."""
    r = report["rounds"][0]
    print(f"{'pipeline':<16}{'articles':>9}{'chunks':>8}{'embedded':>9}{'seconds':>9}{'chunks/s':>9}{'embedder%':>10}{'peakRSS MB':>11}{'re-ingest s':>12}{'retrieve p50 ms':>16}")
    for name in jobs:
        m = r[name]
        p50 = (m.get("retrieve_hybrid") or m["retrieve_dense"])["p50_ms"]
        print(f"{name:<16}{m['articles']:>9}{m['chunks']:>8}{m['chunks_embedded']:>9}{m['seconds']:>9.1f}{m['chunks_per_s']:>9.2f}"
              f"{100 * m['embedder_share']:>9.1f}%{m['ingest_peak_rss_mb']:>11.0f}{m['reingest_seconds']:>12.3f}{p50:>16.1f}")
    medians = ", ".join(f"{k.removeprefix('median_')} {v:.2f} ({report['spread'][k.removeprefix('median_')][0]:.2f}-"
                        f"{report['spread'][k.removeprefix('median_')][1]:.2f})" for k, v in report.items() if k.startswith("median_"))
    print(f"medians over {len(report['rounds'])} rounds (range): {medians}")


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments; run the benchmark or one child job."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=str(REUTERS), help="folder of Reuters-21578 .sgm files")
    parser.add_argument("--limit", type=int, help="only the first N articles with a body")
    parser.add_argument("--reprints", type=float, default=0.0, help="add synthetic reprints of this fraction of the articles")
    parser.add_argument("--reprint-edit", choices=list(EDITS), default="mixed")
    parser.add_argument("--peers", default="llamaindex,llamaindex_best",
                        help="peer settings to run: llamaindex (defaults), llamaindex_best (512 texts per embed call, exact duplicates dropped), "
                             "llamaindex_best_meta (the same, embedding title/outlet/date as llama-index does by default)")
    parser.add_argument("--ours", default="ragnews",
                        help="ragnews settings to run: ragnews (defaults), ragnews_body (embed_header off: embeds exactly the peer's text)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--batch", type=int, default=10, help="embedder batch size for both pipelines")
    parser.add_argument("--workers", type=int, default=0, help="RAGNEWS_INGEST_WORKERS for ragnews")
    parser.add_argument("--json", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--child", nargs=2, metavar=("JOB", "OPTIONS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        job, opts = args.child[0], json.loads(args.child[1])
        print(json.dumps({"ragnews": child_ragnews, "llamaindex": child_llamaindex}[job](opts)))
        return
    run(args)


if __name__ == "__main__":
    main()
