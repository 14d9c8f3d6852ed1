"""Where ingest CPU goes: one source tree against another (issue 12's "within 5% of the old tree"), and
the work each pipeline does apart from the model (issue 18's gap to the llama-index peer).

Run from the repository root:
    nice python -m benchmarks.ingest_cost trees OLD_TREE . --limit 800 --rounds 2 [--body]
    nice python -m benchmarks.ingest_cost work --limit 300 [--steps]

`trees`: each tree (a checkout, e.g. `git archive 5eaafc9 | tar -x -C /tmp/old`) ingests the same
Reuters subset in a fresh child process with that tree first on PYTHONPATH, in alternating order.
Before its timer a child ingests 3 small articles into a throwaway home (model, splitter,
datasketch, chromadb loaded: start-up is not throughput, as in bench_ingest.warm_up), then it
times `NewsRAG.ingest` of the subset into a fresh home. CPU seconds (process, all threads) are the
figure to trust on a loaded machine. `--body` adds this tree with `embed_header` off.

`work`: the bench_peer jobs (ragnews, ragnews_body, llamaindex_best) with the onnxruntime session
replaced by an instant stand-in that counts the tokens it is given: the CPU left is everything but
the model (parsing, chunking, MinHash, records, FTS5, Chroma, threads), and padded tokens are the
model's work (its CPU is very nearly proportional to them). Deterministic apart from the CPU.
`--steps` adds, for the ragnews jobs, the CPU seconds of the thread running each ingest step
(time.thread_time around it, counted after the warm-up): where ragnews' non-model CPU goes.
`digest`: each tree ingests the subset (real model) into a fresh home and hashes what it stored: every
SQLite table's rows (articles without their ingest timestamp) and the Chroma ids, vectors, metadata and
documents. Equal digests prove a CPU change left every stored byte as it was.
`reprints`: per reprint edit kind (bench_peer's synthetic reprints of 30% of the articles), ragnews defaults
with the counting stand-in: of the chunk texts embedded, how many (and what share of their tokens) have a body
text equal to a chunk body embedded earlier in the run, i.e. differ only in the metadata line.
Writes benchmarks/results/ingest_cost_{trees,work,digest,reprints}.json (or --json).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._bench import REUTERS, RESULTS, machine, reuters_subset, write_json

ROOT = Path(__file__).resolve().parents[1]
WARM = [{"title": f"Warm-up article {i}", "body": f"Warm-up article {i} is about cocoa prices and rain in Bahia. " * 10,
         "source": "Warm-up", "url": f"https://warm.example/{i}", "published": f"2020-01-0{i + 1}T00:00:00"} for i in range(3)]


def _cpu() -> float:
    """CPU seconds of this process (all threads)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _CountingSession:
    """Stands in for the onnxruntime session: returns constant hidden states at once, counting tokens."""

    def __init__(self) -> None:
        self.calls = self.padded = self.real = 0

    def run(self, _names: Any, feeds: dict[str, Any]) -> list[Any]:
        import numpy as np

        ids = feeds["input_ids"]
        self.calls += 1
        self.padded += int(ids.size)
        self.real += int(feeds["attention_mask"].sum())
        return [np.ones((*ids.shape, 384), dtype=np.float32)]


def child_tree(folder: str, warm: str, extra: dict[str, Any]) -> dict[str, Any]:
    """Ingest folder into a fresh home after a warm-up ingest (whatever tree is first on sys.path)."""
    from ragnews import NewsRAG, Settings

    with tempfile.TemporaryDirectory() as scratch, tempfile.TemporaryDirectory() as home:
        rag = NewsRAG(settings=Settings(home=Path(scratch), chroma_url=None, llm="extractive", **extra))
        rag.ingest([warm])
        timed = NewsRAG(settings=Settings(home=Path(home), chroma_url=None, llm="extractive", **extra), embedder=rag.embedder)
        _ = timed.store
        started, cpu = time.perf_counter(), _cpu()
        timed.ingest([folder])
        return {"chunks": timed.records.chunk_count(), "seconds": time.perf_counter() - started, "cpu_seconds": _cpu() - cpu,
                "load_average_1m": os.getloadavg()[0]}


def child_digest(folder: str) -> dict[str, Any]:
    """Ingest folder into a fresh home; return a digest of each SQLite table and of the Chroma collection."""
    import hashlib

    import numpy as np

    from ragnews import NewsRAG, Settings

    with tempfile.TemporaryDirectory() as home:
        rag = NewsRAG(settings=Settings(home=Path(home), chroma_url=None, llm="extractive"))
        rag.ingest([folder])
        db = rag.records._db
        out: dict[str, Any] = {}
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
            cursor = db.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            rows = [tuple(v for n, v in zip(names, row) if n != "ingested_at") for row in cursor.fetchall()]  # a timestamp
            out[table] = f"{len(rows)} rows {hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()[:16]}"
        got = rag.store._col.get(include=["embeddings", "metadatas", "documents"])  # type: ignore[attr-defined]
        digest = hashlib.sha256()
        for i in np.argsort(got["ids"]):
            digest.update(got["ids"][i].encode() + np.asarray(got["embeddings"][i], dtype=np.float32).tobytes())
            digest.update((json.dumps(got["metadatas"][i], sort_keys=True) + repr(got["documents"][i])).encode())
        out["chroma"] = f"{len(got['ids'])} records {digest.hexdigest()[:16]}"
        return out


def child_reprints(folder: str) -> dict[str, Any]:
    """Ingest folder (defaults, counting stand-in); count embedded texts whose body was embedded before under another line."""
    from collections.abc import Sequence

    import numpy as np

    from ragnews import NewsRAG, Settings, embedders
    from ragnews.models import normalise_text

    session, texts = _CountingSession(), list[str]()
    load, embed = embedders.MiniLMEmbedder.load, embedders.MiniLMEmbedder.embed

    def counting_load(self: embedders.MiniLMEmbedder) -> None:
        load(self)
        self._session = session

    def recording_embed(self: embedders.MiniLMEmbedder, batch: Sequence[str]) -> np.ndarray:
        texts.extend(batch)
        return embed(self, batch)

    embedders.MiniLMEmbedder.load = counting_load  # type: ignore[method-assign]
    embedders.MiniLMEmbedder.embed = recording_embed  # type: ignore[method-assign,assignment]
    with tempfile.TemporaryDirectory() as home:
        rag = NewsRAG(settings=Settings(home=Path(home), chroma_url=None, llm="extractive"))
        rag.ingest([folder])
        seen: set[str] = set()
        repeated: dict[str, int] = {}
        again_tokens = tokens = 0
        for text in texts:  # embedded_form: the line, a newline, the passage (the line has no newline)
            body, count = normalise_text(text.split("\n", 1)[-1]), rag.embedder.count_tokens(text)  # type: ignore[attr-defined]
            tokens += count
            if body in seen:
                repeated[body] = repeated.get(body, 0) + 1
                again_tokens += count
            seen.add(body)
    again = sum(repeated.values())
    return {"embedded": len(texts), "body_seen_before": again, "share_texts": round(again / max(1, len(texts)), 4),
            "share_tokens": round(again_tokens / max(1, tokens), 4), "padded_tokens": session.padded,
            "repeated_bodies": {body[:100]: n for body, n in sorted(repeated.items(), key=lambda kv: -kv[1])[:5]}}


def reprints(args: argparse.Namespace, folder: Path, work: Path) -> dict[str, Any]:
    """child_reprints for each edit kind."""
    from benchmarks.bench_peer import with_reprints

    out = {}
    for kind in args.edits.split(","):
        with_copies, n = with_reprints(folder, work / f"reprints-{kind}", 0.3, kind)
        out[kind] = {"reprints": n, **_child(["reprints", str(with_copies)])}
        print(kind, json.dumps(out[kind]), flush=True)
    return {"edits": out}


def digest(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """Each tree's store digest for the subset, and whether they are all equal."""
    out = {str(t): _child(["digest", str(folder)], Path(t).resolve()) for t in args.trees}
    for tree, res in out.items():
        print(tree, json.dumps(res), flush=True)
    stored = [{k: v for k, v in d.items() if k != "ragnews_from"} for d in out.values()]
    return {"digests": out, "identical": len({json.dumps(d, sort_keys=True) for d in stored}) == 1}


#: (module, object, attribute, label) of the ingest steps --steps times.
STEPS = [
    ("ragnews.ingest", "_Producer", "run", "producer thread (parse + prepare)"),
    ("ragnews.ingest", "", "scan", "  injection screening"),
    ("ragnews.adapters.chunking", "", "split_spans", "  chunking (SentenceSplitter)"),
    ("ragnews.syndication", "", "signature", "  MinHash signature"),
    ("ragnews.ingest", "Ingestor", "_run", "ingesting thread (plan + embed)"),
    ("ragnews.ingest", "Ingestor", "_plan", "  planning (incl. reprint alignment)"),
    ("ragnews.ingest", "Ingestor", "_embed_window", "  embedding calls (tokenizer, batching)"),
    ("ragnews.embedders", "MiniLMEmbedder", "_ids", "    tokenizer"),
    ("ragnews.ingest", "_Writer", "run", "writer thread"),
    ("ragnews.ingest", "Ingestor", "_assign_stories", "  story groups"),
    ("ragnews.adapters.chroma_store", "ChromaStore", "upsert", "  Chroma upsert (calling thread)"),
    ("ragnews.ingest", "Ingestor", "_commit", "  records commit (SQLite, FTS5)"),
]


def _time_steps() -> dict[str, float]:
    """Wrap each step in STEPS to add up the CPU seconds of the thread running it; return the running totals."""
    import functools
    import importlib

    spent = dict.fromkeys([label for *_, label in STEPS], 0.0)
    for module, owner, name, label in STEPS:
        holder = getattr(importlib.import_module(module), owner) if owner else importlib.import_module(module)
        inner = getattr(holder, name)

        def timed(*args: Any, _inner: Any = inner, _label: str = label, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return _inner(*args, **kwargs)
            finally:
                spent[_label] += time.thread_time() - started

        setattr(holder, name, functools.wraps(inner)(timed))
    return spent


def child_work(job: str, folder: str, steps: bool = False) -> dict[str, Any]:
    """A bench_peer job with the counting session: CPU apart from the model, and the model's tokens."""
    from benchmarks import bench_ingest
    from benchmarks.bench_ingest import child_ingest
    from benchmarks.bench_peer import OURS, PEERS, child_llamaindex
    from ragnews import embedders

    spent = _time_steps() if steps and job in OURS else None
    if spent is not None:
        warm_up = bench_ingest.warm_up

        def warm_then_reset(rag: Any, settings: Any) -> None:
            warm_up(rag, settings)
            spent.update(dict.fromkeys(spent, 0.0))

        bench_ingest.warm_up = warm_then_reset
    session = _CountingSession()
    load = embedders.MiniLMEmbedder.load

    def counting_load(self: embedders.MiniLMEmbedder) -> None:
        load(self)
        self._session = session

    embedders.MiniLMEmbedder.load = counting_load  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as home:
        opts = {"home": home, "inputs": folder, "workers": 0, "batch": 10, "queries": ["cocoa prices"] * 4, **PEERS.get(job, {}), **OURS.get(job, {})}
        out = child_ingest(opts) if job in OURS else child_llamaindex(opts)
    return {"chunks": out["chunks"], "cpu_seconds": out["cpu_seconds"], "model_calls": session.calls,
            "padded_tokens": session.padded, "real_tokens": session.real, **({"steps_cpu_seconds": spent} if spent is not None else {})}


#: The child's start: this checkout's `benchmarks` package, then `ragnews` from the first PYTHONPATH entry.
#: Why not `python -m benchmarks.ingest_cost`: -m puts the working directory (this checkout) first on
#: sys.path, so every "tree" child imported this checkout's ragnews (until 2026-11-30 12:10 UTC the
#: `trees` comparison measured this tree against itself); -P drops that entry.
_CHILD_START = ("import runpy, sys; sys.path.insert(0, {root!r}); import benchmarks; sys.path.pop(0); "
                "runpy.run_module('benchmarks.ingest_cost', run_name='__main__', alter_sys=True)")


def _child(args: list[str], tree: Path | None = None) -> dict[str, Any]:
    """Run this module's child mode in a fresh process importing ragnews from tree (else this checkout); return its JSON line."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in (tree, ROOT) if p)}
    done = subprocess.run([sys.executable, "-P", "-c", _CHILD_START.format(root=str(ROOT)), "--child", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    expected = (tree or ROOT).resolve() / "ragnews"
    if Path(result.get("ragnews_from", "")).resolve() != expected:
        raise RuntimeError(f"ingest_cost child imported ragnews from {result.get('ragnews_from')}, not {expected}")
    return result


def trees(args: argparse.Namespace, folder: Path, work: Path) -> dict[str, Any]:
    """Alternating rounds of every tree (and this tree body-only with --body)."""
    warm = work / "warm.jsonl"
    warm.write_text("\n".join(json.dumps(a) for a in WARM) + "\n", encoding="utf-8")
    jobs: list[tuple[str, Path, dict[str, Any]]] = [(str(t), Path(t).resolve(), {}) for t in args.trees]
    if args.body:
        jobs.append((f"{args.trees[-1]} (embed_header off)", Path(args.trees[-1]).resolve(), {"embed_header": False}))
    rounds = []
    for n in range(args.rounds):
        order = jobs[n % len(jobs):] + jobs[: n % len(jobs)]
        rounds.append({label: _child(["tree", str(folder), str(warm), json.dumps(extra)], tree) for label, tree, extra in order})
        print(json.dumps(rounds[-1]), flush=True)
    return {"rounds": rounds}


def work_split(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """The counting-session figures of each bench_peer job."""
    out = {job: _child(["work", job, str(folder), *(["steps"] if args.steps else [])]) for job in args.jobs.split(",")}
    for job, res in out.items():
        print(job, json.dumps(res), flush=True)
    return out


def main() -> None:
    """Parse arguments; run the children or the chosen comparison and write its JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="what")
    t = sub.add_parser("trees")
    t.add_argument("trees", nargs="+", help="source trees (folders holding ragnews/), e.g. an old checkout and .")
    t.add_argument("--body", action="store_true", help="also the last tree with embed_header off")
    w = sub.add_parser("work")
    w.add_argument("--jobs", default="ragnews,ragnews_body,llamaindex_best,llamaindex_best_meta")
    w.add_argument("--steps", action="store_true", help="also the CPU of each ingest step (ragnews jobs)")
    d = sub.add_parser("digest")
    d.add_argument("trees", nargs="+", help="source trees to compare, e.g. an old checkout and .")
    r = sub.add_parser("reprints")
    r.add_argument("--edits", default="mixed,lead,trim,typography,headline")
    for p in (t, w, d, r):
        p.add_argument("source", nargs="?", default=str(REUTERS), help="folder of Reuters-21578 .sgm files")
        p.add_argument("--limit", type=int, default=800)
        p.add_argument("--rounds", type=int, default=2)
        p.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.child:
        import ragnews

        kind, *rest = args.child
        if kind == "which":  # only where ragnews came from (tests)
            res = {}
        elif kind == "digest":
            res = child_digest(rest[0])
        elif kind == "reprints":
            res = child_reprints(rest[0])
        else:
            res = child_tree(rest[0], rest[1], json.loads(rest[2])) if kind == "tree" else child_work(rest[0], rest[1], rest[2:] == ["steps"])
        print(json.dumps({**res, "ragnews_from": str(Path(ragnews.__file__).parent)}), flush=True)
        return
    work = Path(tempfile.mkdtemp(prefix="ingest_cost-"))
    folder = reuters_subset(Path(args.source), args.limit, work / "input")
    run = {"trees": lambda: trees(args, folder, work), "work": lambda: work_split(args, folder), "digest": lambda: digest(args, folder),
           "reprints": lambda: reprints(args, folder, work)}
    results = run[args.what]()
    out = args.json or RESULTS / f"ingest_cost_{args.what}.json"
    from ragnews.eval.report import versions  # here: a child must import ragnews from its own tree
    write_json(out, {"command": "python -m benchmarks.ingest_cost " + " ".join(sys.argv[1:]), "config": vars(args) | {"json": str(out)},
                     "machine": machine(), "versions": versions(), **results})


if __name__ == "__main__":
    main()
