"""A warm worker for the fault suite: forks one child per ingest job, which may SIGKILL itself mid-write.

Starting Python, importing ragnews and loading the embedder costs seconds per process; the fault
suite runs dozens of ingests, so this process does it once and forks a child per job. It never
opens a Chroma client or starts onnxruntime threads itself (the embedder runs single-threaded), so
each forked child starts clean. Protocol: one JSON job per stdin line, one JSON result per stdout line.

Job: {"home", "corpus", "url" (Chroma server or null), "collection", "crash": null or
{"step", "n", "delay"}, "count": bool, "dump": path or null, "stderr": path or null}. The child ingests corpus into home;
with crash it dies by SIGKILL `delay` seconds after starting the n-th call of step (delay 0 = right
after the call returns; a small delay lands inside whatever runs next, Chroma's own writes included).
With count it writes how often each step ran; with dump, the home's full state as JSON; its stderr
goes to the "stderr" file.
Result: {"status": exit code, or -9 when killed}.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from typing import Any

import numpy as np

import ragnews.ingest as ingest_module
from ragnews import NewsRAG, Settings
from ragnews.adapters.chroma_store import ChromaServerStore, ChromaStore
from ragnews.embedders import get_embedder
from ragnews.records import Records

ingest_module._BATCH_CHUNKS = 4  # several batches and windows even for a small corpus
ingest_module._EMBED_CHUNKS = 8
STEPS: dict[str, tuple[Any, str]] = {
    "pending": (Records, "add_pending"),
    "upsert": (ChromaStore, "upsert"),
    "publish": (ChromaServerStore, "put_articles"),
    "write": (ingest_module, "write_article"),
    "commit": (ingest_module.Ingestor, "_commit"),
    "delete": (ChromaStore, "delete"),
    "clear": (Records, "clear_pending"),
    "relink": (ingest_module.Ingestor, "_relink_key"),
}


def _die() -> None:
    """SIGKILL this process (no cleanup, like a power cut of the process)."""
    os.kill(os.getpid(), signal.SIGKILL)


def hook(step: str, n: int, delay: float, counts: dict[str, int]) -> None:
    """Wrap a step: count its calls, and kill the process at the n-th one (after delay seconds)."""
    owner, name = STEPS[step]
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        counts[step] = counts.get(step, 0) + 1
        if counts[step] == n and delay > 0:
            threading.Timer(delay, _die).start()  # lands inside this call or whatever follows it
        result = original(*args, **kwargs)
        if counts[step] == n and delay == 0:
            _die()
        return result

    setattr(owner, name, wrapper)


def run_job(job: dict[str, Any], embedder: Any) -> None:
    """The forked child: ingest (perhaps dying on the way), then count or dump."""
    counts: dict[str, int] = {}
    crash = job.get("crash") or {}
    for step in STEPS:
        hook(step, crash.get("n", 0) if crash.get("step") == step else 0, float(crash.get("delay", 0)), counts)
    settings = Settings(home=job["home"], chroma_url=job.get("url"), collection=job.get("collection") or "ragnews", llm="extractive")
    with NewsRAG(settings=settings, embedder=embedder) as rag:
        report = rag.ingest(job["corpus"])
        if report.failed:
            print(report.failed, file=sys.stderr)
            os._exit(3)
        if job.get("count"):
            with open(job["count"], "w", encoding="utf-8") as f:
                json.dump(counts, f)
        if job.get("dump"):
            with open(job["dump"], "w", encoding="utf-8") as f:
                json.dump(full_state(rag), f)


def full_state(rag: NewsRAG) -> dict[str, Any]:
    """Everything an ingest writes, comparable between two homes (vectors as lists)."""
    q = rag.records._query
    state: dict[str, Any] = {
        "articles": sorted(q("SELECT id, title, body, published, published_ts, source, authors, url, wire, path, metadata, story_id FROM articles")),
        "chunks": sorted(q("SELECT id, article_id, idx, start, end, text, text_hash FROM chunks")),
        "keys": sorted(q("SELECT key, article_id FROM source_keys")),
        "minhashes": sorted((a, bytes(s).hex()) for a, s in q("SELECT article_id, signature FROM minhashes")),
        "bands": sorted(q("SELECT band, article_id FROM minhash_bands")),
        "pending": q("SELECT chunk_id, op FROM pending"),
        "meta": sorted(q("SELECT key, value FROM meta WHERE key IN ('schema_version', 'embedder')")),
        "fts_rows": rag.records.fts_rows(),
        "fts_problem": rag.records.fts_problem(),
        "fts_hits": {t: sorted(r[0] for r in q("SELECT c.id FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid "
                                               "WHERE chunks_fts MATCH ?", (t,))) for t in ("korea", "talks", "item")},
        "cache": {h: np.frombuffer(v, dtype=np.float32).tolist() for h, v in q("SELECT text_hash, vector FROM embeddings")},
    }
    store: Any = rag.store
    ids = sorted(store.ids())
    state["store_ids"] = ids
    state["store_meta"] = store.metadatas(ids)
    state["store_vectors"] = {k: v.tolist() for k, v in store.vectors(ids).items()} if ids else {}
    if isinstance(store, ChromaServerStore):
        records = store.article_rows(sorted(store.article_ids()))
        state["server_articles"] = sorted([i, d, m] for i, d, m in records)
    return state


def main() -> None:
    """Serve jobs from stdin until it closes."""
    embedder = get_embedder(Settings(embed_threads=1))
    embedder.embed(["warm up"])  # load the model before forking, once
    import chromadb  # noqa: F401  (imported, never started: each child creates its own client)

    from ragnews.adapters.chunking import chunk_article
    from ragnews.models import Article

    chunk_article(Article.create("Warm up", "The chunker is imported once. " * 20), 200, 32)
    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            if job.get("stderr"):  # the child's own stderr (threads dying noisily included), for the parent to read
                os.dup2(os.open(job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)
            try:
                run_job(job, embedder)
                code = 0
            except BaseException as exc:  # noqa: BLE001 (reported to the parent as a status, the message on stderr)
                print(f"job failed: {type(exc).__name__}: {exc}", file=sys.stderr)
                code = 4
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        print(json.dumps({"status": code}), flush=True)


if __name__ == "__main__":
    main()
