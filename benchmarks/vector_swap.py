"""Issue 18 experiments on what the embedded metadata line is worth, by swapping chunk vectors (dev splits; --split heldout once per decision).

Run from the repository root after `ragnews eval realtimeqa` has built the RealTimeQA home:
    nice python -m benchmarks.vector_swap reprints [--split dev]
    nice python -m benchmarks.vector_swap header-nosep [--split dev]
    nice python -m benchmarks.vector_swap header-where [--split dev]

Each variant changes some stored chunk vectors of the RealTimeQA home in memory; the stored vectors and
the variant are both scored by exact search (benchmarks.header_vectors.ExactStore, so neither gets
Chroma's approximate index): RealTimeQA article rankings (benchmarks.tune_retrieval.score, with the
question date) and the multi-outlet proxy (benchmarks.eval_multioutlet with ragnews' two rankers;
its questions name outlets and dates, which is what the metadata line serves). BM25's searched line
is the stored one in every variant. Prints one line per variant; nothing is written to the home.

reprints: at ingest a syndicated reprint keeps the passages it shares with the copy whose story it
joins and borrows their vectors (ragnews/reprints.py), embedded with the earlier copy's
title/outlet/date line, not its own. The home's grouped copies hold their own vectors (checked: each
is embedded again and compared); each chunk whose text equals a chunk of its story's first copy gets
that chunk's vector, as borrowing would give it.

header-nosep: every chunk embedded with its metadata line without separators ("Title Outlet 26
February 1987" for "Title | Outlet, 26 February 1987"), ~2 model tokens fewer per chunk.

header-where: which chunks carry the metadata line in their vector. Every chunk's body is embedded once;
scored: the line on every chunk (stored, the default), on the first chunk of each article only, on the
chunks after the first only, and on none (RAGNEWS_EMBED_HEADER=false's vectors). Prints the model tokens
each variant embeds: the ingest cost side of the trade.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from typing import Any

import numpy as np


def _rows(home: Any) -> list[tuple[Any, ...]]:
    """(chunk id, article id, text, head, source, published_ts, is a grouped copy, story id) per stored chunk."""
    db = sqlite3.connect(f"file:{home / 'ragnews.db'}?mode=ro", uri=True)
    rows = db.execute("SELECT c.id, c.article_id, c.text, c.head, a.source, a.published_ts, a.story_id != a.id, a.story_id FROM chunks c "
                      "JOIN articles a ON a.id = c.article_id ORDER BY c.rowid").fetchall()
    db.close()
    return rows


def _first_chunks(home: Any) -> dict[str, str]:
    """Article id -> the id of its first chunk (lowest idx)."""
    db = sqlite3.connect(f"file:{home / 'ragnews.db'}?mode=ro", uri=True)
    rows = db.execute("SELECT article_id, id FROM chunks c WHERE idx = (SELECT MIN(idx) FROM chunks d WHERE d.article_id = c.article_id)").fetchall()
    db.close()
    return dict(rows)


def borrowed(rows: list[tuple[Any, ...]], stored: np.ndarray, emb: Any) -> np.ndarray:
    """The stored vectors with each grouped copy's chunk that repeats a chunk of its story's first copy taking that chunk's vector."""
    from ragnews.models import embedded_form

    copies = [n for n, r in enumerate(rows) if r[6]]
    started = time.process_time()
    own = emb.embed([embedded_form(rows[n][3], rows[n][2]) for n in copies])
    other = sum(float(stored[n] @ v) < 0.9999 for n, v in zip(copies, own))
    print(f"{len(copies)} chunks of {len({rows[n][1] for n in copies})} grouped copies embedded again ({time.process_time() - started:.1f} CPU s): "
          f"{other} stored with a vector other than their own (cosine < 0.9999)", flush=True)
    first_copy = {(r[1], r[2]): n for n, r in enumerate(rows)}
    lend = {n: first_copy[(rows[n][7], rows[n][2])] for n in copies if (rows[n][7], rows[n][2]) in first_copy}
    print(f"{len(lend)} of them repeat a chunk of their story's first copy ({sum(rows[n][3] != rows[m][3] for n, m in lend.items())} "
          "under another metadata line): they take its vector", flush=True)
    out = stored.copy()
    out[list(lend)] = stored[list(lend.values())]
    return out


def no_separators(head: str) -> str:
    """The metadata line without its separators: 'Title | Outlet, 26 February 1987' -> 'Title Outlet 26 February 1987'."""
    return " ".join(head.replace(" | ", " ").replace(", ", " ").split())


def header_nosep(rows: list[tuple[Any, ...]], stored: np.ndarray, emb: Any) -> np.ndarray:
    """Every chunk embedded with its metadata line without separators."""
    from ragnews.models import embedded_form

    texts = [embedded_form(no_separators(r[3]), r[2]) for r in rows]
    started = time.process_time()
    out: np.ndarray = emb.embed(texts)
    cpu = time.process_time() - started
    tokens = [sum(emb.count_tokens(embedded_form(h(r[3]), r[2])) for r in rows) for h in (str, no_separators)]
    print(f"{len(rows)} chunks embedded with the line without separators ({cpu:.1f} CPU s); model tokens {tokens[0]:,} -> {tokens[1]:,} "
          f"({100 * (tokens[1] / tokens[0] - 1):+.1f}%)", flush=True)
    return out


def header_where(rows: list[tuple[Any, ...]], stored: np.ndarray, emb: Any, first: np.ndarray) -> dict[str, np.ndarray]:
    """The stored vectors (line on every chunk) mixed with body-only vectors: line on first chunks only, after the first only, none."""
    from ragnews.models import embedded_form

    started = time.process_time()
    body: np.ndarray = emb.embed([r[2] for r in rows])
    cpu = time.process_time() - started
    lead = first[:, None]
    variants = {"header-first-only": np.where(lead, stored, body), "header-after-first-only": np.where(lead, body, stored),
                "header-none": body}
    heads = [emb.count_tokens(embedded_form(r[3], r[2])) for r in rows]
    bodies = [emb.count_tokens(r[2]) for r in rows]
    tokens = {"stored": sum(heads), "header-first-only": sum(h if f else b for h, b, f in zip(heads, bodies, first)),
              "header-after-first-only": sum(b if f else h for h, b, f in zip(heads, bodies, first)), "header-none": sum(bodies)}
    print(f"{len(rows)} chunks ({int(first.sum())} first chunks) embedded body-only ({cpu:.1f} CPU s); model tokens: "
          + ", ".join(f"{k} {v:,} ({100 * (v / tokens['stored'] - 1):+.1f}%)" for k, v in tokens.items()), flush=True)
    return variants


def main() -> None:
    """Build the chosen variant; score the stored vectors and it on the dev proxies."""
    from benchmarks.eval_multioutlet import load_set, ragnews_rankers, run
    from benchmarks.header_vectors import ExactStore
    from benchmarks.tune_retrieval import score
    from ragnews.embedders import get_embedder
    from ragnews.eval.runner import _resolve_gold, cache_root, home_name
    from ragnews.eval.suites import load_suite
    from ragnews.rag import NewsRAG
    from ragnews.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["reprints", "header-nosep", "header-where"])
    ap.add_argument("--split", default="dev", choices=["dev", "heldout"])
    args = ap.parse_args()
    base = Settings(chroma_url=None)
    every = load_suite("realtimeqa", None, None, None, "all")
    data = load_suite("realtimeqa", None, None, None, args.split)
    emb = get_embedder(base)
    home = cache_root() / home_name("realtimeqa", every, emb, base)
    rows = _rows(home)
    ids = [r[0] for r in rows]
    meta = {"article": np.array([r[1] for r in rows]), "source": np.array([r[4] for r in rows]),
            "ts": np.array([r[5] if r[5] is not None else -1 for r in rows])}
    with NewsRAG(settings=base.model_copy(update={"home": home}), embedder=emb) as rag:
        stored_map = rag.store.vectors(ids)  # type: ignore[attr-defined]
    stored = np.stack([stored_map[i] for i in ids])
    if args.what == "header-where":
        firsts = _first_chunks(home)
        first = np.array([r[0] == firsts.get(r[1]) for r in rows], dtype=bool)
        variants = {"stored": stored, **header_where(rows, stored, emb, first)}
    else:
        variants = {"stored": stored, args.what: borrowed(rows, stored, emb) if args.what == "reprints" else header_nosep(rows, stored, emb)}
    questions = load_set(args.split)
    ids_by_key: dict[str, list[str]] = {}
    for a in every.articles:
        ids_by_key.setdefault(every.key_of(a), []).append(a.id)
    for name, vecs in variants.items():
        with NewsRAG(settings=base.model_copy(update={"home": home}), embedder=emb) as rag:
            store = ExactStore(rag.store, ids, vecs, meta)
            with NewsRAG(settings=base.model_copy(update={"home": home}), embedder=emb, store=store) as r:
                equivalent = _resolve_gold(r, data)  # fills each question's gold_ids
                rtqa = score(r, [q for q in data.questions if q.gold_ids], equivalent, True)
                story = {a.id: a.story_id or a.id for a in r.articles()}
                proxy = run(ragnews_rankers(r), questions, ids_by_key, story)
        print(args.split, name, "realtimeqa", json.dumps({k: round(v, 3) for k, v in rtqa.items()}), "multioutlet",
              json.dumps({k: v["summary"]["all"] for k, v in proxy.items()}), flush=True)


if __name__ == "__main__":
    main()
