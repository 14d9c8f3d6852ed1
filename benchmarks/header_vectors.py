"""Issue 12 experiment: what the metadata header in the chunk vectors buys, and a cheaper way to add it.

Run from the repository root after `ragnews eval realtimeqa --split dev` has built the RealTimeQA home:
    nice python -m benchmarks.header_vectors dev 0.3 0.5 0.7 1.0      # the dev weeks (decide here)
    nice python -m benchmarks.header_vectors heldout 0.5 1.0          # then the held-out weeks, once

Embeds every stored chunk's body text and every article's header line once (vectors cached in
/tmp/header_vectors.npz; CPU seconds of both printed), then scores the article rankings of
`benchmarks.tune_retrieval.score` (with and without the question date as `as_of`) with the chunk
vectors swapped by an exact in-memory search: the stored header-in-chunk vectors (the default), body
only (RAGNEWS_EMBED_HEADER=false), and normalise(body + w * header) for each weight w given.
Results of the 2026-11-29 run: benchmarks/results/header_vectors.txt.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

CACHE = Path("/tmp/header_vectors.npz")


class ExactStore:
    """The home's store with `query` answered by exact cosine search over swapped-in vectors."""

    def __init__(self, real: Any, ids: list[str], vecs: np.ndarray, meta: dict[str, np.ndarray]) -> None:
        self.real, self.ids, self.vecs, self.meta = real, ids, vecs, meta

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def query(self, vector: np.ndarray, k: int, filters: Any = None) -> list[tuple[str, float]]:
        sims = self.vecs @ np.asarray(vector, dtype=np.float32)
        if filters is not None and not filters.unfiltered:
            ok = np.ones(len(self.ids), bool)
            lo, hi = filters.bounds()
            ts = self.meta["ts"]
            if lo is not None:
                ok &= ts >= lo
            if hi is not None:
                ok &= (ts <= hi) & (ts >= 0)
            if filters.sources:
                ok &= np.isin(self.meta["source"], list(filters.sources))
            if filters.articles:
                ok &= np.isin(self.meta["article"], list(filters.articles))
            sims = np.where(ok, sims, -9)
        top = np.argsort(-sims)[:k]
        return [(self.ids[i], float(sims[i])) for i in top if sims[i] > -9]


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def main() -> None:
    from benchmarks.tune_retrieval import score
    from ragnews.embedders import get_embedder
    from ragnews.eval.runner import _resolve_gold, cache_root, home_name
    from ragnews.eval.suites import load_suite
    from ragnews.rag import NewsRAG
    from ragnews.settings import Settings

    split, weights = sys.argv[1], [float(x) for x in sys.argv[2:]]
    base = Settings(chroma_url=None)
    data = load_suite("realtimeqa", None, None, None, split)
    emb = get_embedder(base)
    home = cache_root() / home_name("realtimeqa", data, emb, base)
    db = sqlite3.connect(home / "ragnews.db")
    rows = db.execute("SELECT c.id, c.article_id, c.text, c.head, a.source, a.published_ts FROM chunks c "
                      "JOIN articles a ON a.id = c.article_id ORDER BY c.rowid").fetchall()
    ids = [r[0] for r in rows]
    meta = {"article": np.array([r[1] for r in rows]), "source": np.array([r[4] for r in rows]),
            "ts": np.array([r[5] if r[5] is not None else -1 for r in rows])}
    if CACHE.exists():
        z = np.load(CACHE)
        body, head = z["body"], z["head"]
    else:
        heads = sorted({r[3] for r in rows})
        where = {h: i for i, h in enumerate(heads)}
        started = time.process_time()
        body = emb.embed([r[2] for r in rows])
        body_cpu = time.process_time() - started
        started = time.process_time()
        head_vecs = emb.embed(heads)
        print(f"cpu body {body_cpu:.1f} s ({len(rows)} chunks), heads {time.process_time() - started:.1f} s ({len(heads)})", flush=True)
        head = head_vecs[[where[r[3]] for r in rows]]
        np.savez(CACHE, body=body, head=head)
    with NewsRAG(settings=base.model_copy(update={"home": home}), embedder=emb) as rag:
        equivalent = _resolve_gold(rag, data)
        questions = [q for q in data.questions if q.gold_ids]
        stored = rag.store.vectors(ids)  # type: ignore[attr-defined]
        variants = {"header in every chunk (stored)": np.stack([stored[i] for i in ids]), "body only": body}
        variants.update({f"body + {w} x header": _unit(body + w * head) for w in weights})
        for name, vecs in variants.items():
            store = ExactStore(rag.store, ids, vecs, meta)
            with NewsRAG(settings=base.model_copy(update={"home": home}), embedder=emb, store=store) as r:
                with_date = score(r, questions, equivalent, True)
                without = score(r, questions, equivalent, False)
            print(split, name, {k: round(v, 3) for k, v in with_date.items()}, "no-as-of",
                  {k: round(v, 3) for k, v in without.items()}, flush=True)


if __name__ == "__main__":
    main()
