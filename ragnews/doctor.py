"""`ragnews doctor`: compare a home's four stores and rebuild the derived ones from the records.

A home keeps the same chunks four times: the article records and chunk texts (SQLite, the
source of truth), the FTS5 lexical index over the chunk texts, the embedding cache (chunk
vectors by text hash) and the vector store (Chroma). Ingest writes them in a crash-safe order,
but files can still be damaged, moved or half-copied by hand. check() reports every disagreement
on one line; repair() rebuilds what is derived -- the FTS5 index from the chunk texts, Chroma
from the records and the embedding cache -- embedding only texts the cache lacks. It never
deletes a damaged file: an unreadable Chroma folder is moved aside, not removed.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .errors import StoreError
from .protocols import Embedder, InspectableStore, SharedStore, Store
from .records import Records

#: Vectors and metadata compared between Chroma and the records (a full comparison reads every vector).
SAMPLE = 64
#: Chunks upserted per repair batch.
_REPAIR_BATCH = 1000
#: Cosine similarity below which a stored vector counts as different from the cached one.
_SAME_VECTOR = 0.999

StoreFactory = Callable[[], Store]


@dataclass
class CheckReport:
    """What check() found: counts per store and one line per disagreement."""

    articles: int = 0
    chunks: int = 0
    fts_rows: int = 0
    cached: int = 0
    vectors: int | None = None
    problems: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    store_error: str = ""
    fts_bad: bool = False

    @property
    def ok(self) -> bool:
        """True when every store agrees with the records."""
        return not self.problems

    def lines(self) -> list[str]:
        """The counts line followed by one line per problem."""
        vectors = "unreadable" if self.vectors is None else str(self.vectors)
        head = (f"articles: {self.articles}  chunks: {self.chunks}  lexical index: {self.fts_rows}  "
                f"embedding cache: {self.cached}  vector store: {vectors}")
        return [head, *self.problems]


@dataclass
class RepairReport:
    """What repair() did, and the check that followed it."""

    actions: list[str] = field(default_factory=list)
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    after: CheckReport = field(default_factory=CheckReport)


def check(records: Records, open_store: StoreFactory, sample: int = SAMPLE) -> CheckReport:
    """Compare records, FTS5, embedding cache and vector store; one problem line per disagreement.

    Args:
        records: the home's article records.
        open_store: opens the vector store (a StoreError there is reported, not raised).
        sample: how many stored vectors and metadata to compare with the records.

    Returns:
        A CheckReport.
    """
    report = CheckReport(articles=records.article_count(), chunks=records.chunk_count())
    report.problems += [f"{records.path}: SQLite integrity: {p}; `ragnews doctor --repair` recovers every readable row "
                        "(keeping the damaged file)" for p in records.integrity_problems()[:5]]
    _check_fts(records, report)
    _check_cache(records, report)
    pending = records.pending()
    if pending:
        report.problems.append(f"{records.path}: {len(pending)} unfinished write intents of an interrupted ingest; "
                               "`ragnews doctor --repair` (or the next ingest) finishes them")
    try:
        store = open_store()
    except StoreError as exc:
        report.store_error = str(exc)
        report.problems.append(str(exc))
        return report
    _check_store(records, store, report, sample)
    return report


def _check_fts(records: Records, report: CheckReport) -> None:
    """Compare the lexical index with the chunk texts."""
    report.fts_rows = int(records._query("SELECT COUNT(*) FROM chunks_fts_docsize")[0][0])
    problem = records.fts_problem()
    if problem:
        report.fts_bad = True
        report.problems.append(f"{records.path}: {problem}; `ragnews doctor --repair` rebuilds it from the chunk texts")


def _check_cache(records: Records, report: CheckReport) -> None:
    """Count chunks whose text has no cached vector."""
    without = records.chunks_without_vectors()
    report.cached = report.chunks - len(without)
    if without:
        report.problems.append(f"{records.path}: {len(without)} chunks have no vector in the embedding cache "
                               f"(e.g. {without[0]}); `ragnews doctor --repair` embeds them")


def _check_store(records: Records, store: Store, report: CheckReport, sample: int) -> None:
    """Compare the vector store's ids, a sample of its vectors and metadata with the records."""
    if not isinstance(store, InspectableStore):  # the read-only cache store is the embedding cache itself
        report.vectors = store.count()
        return
    where = _where(store)
    stored: set[str] = store.ids()
    report.vectors = len(stored)
    ours = records.all_chunk_ids()
    report.missing = [c for c in ours if c not in stored]
    if report.missing:
        report.problems.append(f"{where}: {len(report.missing)} of {len(ours)} chunks have no vector "
                               f"(e.g. {report.missing[0]}); `ragnews doctor --repair` restores them from the embedding cache")
    if not isinstance(store, SharedStore):  # a shared server also holds other homes' chunks
        known = set(ours)
        report.extra = sorted(stored - known)
        if report.extra:
            report.problems.append(f"{where}: {len(report.extra)} vectors belong to no stored chunk "
                                   f"(e.g. {report.extra[0]}); `ragnews doctor --repair` deletes them")
    present = [c for c in ours if c in stored]
    picked = random.Random(0).sample(present, min(sample, len(present)))
    report.stale = _stale(records, store, picked)
    if report.stale:
        report.problems.append(f"{where}: {len(report.stale)} of {len(picked)} sampled chunks differ from the records "
                               f"in vector or metadata (e.g. {report.stale[0]}); `ragnews doctor --repair` rewrites them")


def _where(store: Store) -> str:
    """Name the vector store for a message."""
    if isinstance(store, SharedStore):
        return f"the Chroma server at {store.url}"
    if isinstance(store, InspectableStore):
        return f"the embedded Chroma store {store.location}"
    return "the vector store"


def _stale(records: Records, store: InspectableStore, ids: Sequence[str]) -> list[str]:
    """Return the sampled chunk ids whose stored vector or metadata differ from what the records imply."""
    from .ingest import chunk_metadata

    if not ids:
        return []
    cached = records.chunk_vectors(ids)
    stored = store.vectors(ids)
    metas = store.metadatas(ids)
    chunks = records.get_chunks(ids)
    articles = records.get_articles(c.article_id for c in chunks.values())
    stale = []
    for cid in ids:
        vec, ref = stored.get(cid), cached.get(cid)
        same_vec = vec is not None and ref is not None and vec.shape == ref.shape and float(vec @ ref) >= _SAME_VECTOR
        chunk = chunks[cid]
        same_meta = metas.get(cid) == chunk_metadata(articles[chunk.article_id], chunk)
        if not (same_vec and same_meta):
            stale.append(cid)
    return stale


def repair(records: Records, open_store: StoreFactory, embedder: Embedder, chroma_dir: Path | None,
           recover: Callable[[Store], int]) -> RepairReport:
    """Rebuild what check() finds wrong: FTS5 from chunk texts, the vector store from records and cache.

    Args:
        records: the home's article records (must be writable).
        open_store: opens the vector store.
        embedder: embeds chunk texts the cache lacks (nothing else is embedded).
        chroma_dir: the embedded store's folder, moved aside when it cannot be opened (None for a server).
        recover: finishes an interrupted ingest's intents on the opened store; returns how many.

    Returns:
        A RepairReport whose `after` is a fresh check.
    """
    started = time.perf_counter()
    if records.read_only:
        raise StoreError(f"{records.path.parent}: this home is read-only; run `ragnews doctor --repair` where it is writable")
    out = RepairReport()
    damaged = records.integrity_problems()
    if damaged:  # NewsRAG.repair salvages a damaged file first; what is left here it could not read at all
        raise StoreError(f"{records.path}: the SQLite file is damaged ({damaged[0]}); keep a copy, then run "
                         "`sqlite3 ragnews.db .recover` into a new file, or re-ingest into a new --home")
    before = check(records, open_store)
    if before.fts_bad:
        records.rebuild_fts()
        out.actions.append("rebuilt the lexical index from the chunk texts")
    store = _open_or_move(open_store, chroma_dir, before, out)
    fixed = recover(store)
    if fixed:
        out.actions.append(f"finished {fixed} write intents of an interrupted ingest")
    _cache_from_store(records, store, out)
    _fill_cache(records, embedder, out)
    rewrite = _to_rewrite(records, store, before)
    if rewrite:
        _upsert(records, store, rewrite, out)
        out.actions.append(f"wrote {len(rewrite)} chunk vectors to {_where(store)} "
                           f"({out.reused} from the embedding cache, {out.embedded} embedded)")
    extra = sorted(set(before.extra) & store.ids()) if before.extra and isinstance(store, InspectableStore) else []
    if extra:
        store.delete(extra)
        out.actions.append(f"deleted {len(extra)} vectors that belonged to no stored chunk")
    out.after = check(records, open_store)
    out.seconds = time.perf_counter() - started
    return out


def _open_or_move(open_store: StoreFactory, chroma_dir: Path | None, before: CheckReport, out: RepairReport) -> Store:
    """Open the store; an embedded one that cannot be opened is moved aside and created afresh."""
    if not before.store_error:
        return open_store()
    if chroma_dir is None or not chroma_dir.exists():
        raise StoreError(before.store_error)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = chroma_dir.with_name(f"{chroma_dir.name}.damaged-{stamp}")
    shutil.move(str(chroma_dir), str(aside))
    _forget_chroma_clients()
    out.actions.append(f"moved the unreadable store aside to {aside} (delete it once the answers look right)")
    return open_store()


def _forget_chroma_clients() -> None:
    """Drop chromadb's per-path client cache, which would hand back the broken instance."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def _cache_from_store(records: Records, store: Store, out: RepairReport) -> None:
    """Put vectors the embedding cache lacks back into it from the vector store (a salvaged records file lost some)."""
    if not isinstance(store, InspectableStore):
        return
    ids = records.chunks_without_vectors()
    restored: dict[str, np.ndarray] = {}
    for i in range(0, len(ids), _REPAIR_BATCH):
        part = ids[i : i + _REPAIR_BATCH]
        chunks = records.get_chunks(part)
        vectors, metas = store.vectors(part), store.metadatas(part)
        for cid, vector in vectors.items():  # only a vector stored for the same chunk text
            if cid in chunks and (metas.get(cid) or {}).get("text_hash") == chunks[cid].text_hash:
                restored[chunks[cid].text_hash] = vector
    if restored:
        records.store_vectors(restored)
        out.actions.append(f"restored {len(restored)} vectors of the embedding cache from {_where(store)}")


def _fill_cache(records: Records, embedder: Embedder, out: RepairReport) -> None:
    """Embed the chunk texts the embedding cache lacks (the only embedding repair ever does)."""
    ids = records.chunks_without_vectors()
    for i in range(0, len(ids), _REPAIR_BATCH):
        chunks = list(records.get_chunks(ids[i : i + _REPAIR_BATCH]).values())
        todo = {c.text_hash: c.embed_text for c in chunks}  # what ingest embedded: the metadata line, then the passage
        vectors = embedder.embed(list(todo.values()))
        records.store_vectors(dict(zip(todo.keys(), vectors)))
        out.embedded += len(todo)
    if ids:
        out.actions.append(f"embedded {out.embedded} chunk texts missing from the embedding cache")


def _to_rewrite(records: Records, store: Store, before: CheckReport) -> list[str]:
    """Chunk ids to (re)write: missing ones, and all of them when the sample found stale vectors or the store was new."""
    if before.store_error or before.stale:
        return records.all_chunk_ids()
    if isinstance(store, InspectableStore):
        stored = store.ids()
        return [c for c in records.all_chunk_ids() if c not in stored]
    return []


def _upsert(records: Records, store: Store, ids: list[str], out: RepairReport) -> None:
    """Upsert chunks with their cached vectors and the metadata ingest would give them, in batches."""
    from .ingest import chunk_metadata

    for i in range(0, len(ids), _REPAIR_BATCH):
        part = ids[i : i + _REPAIR_BATCH]
        chunks = records.get_chunks(part)
        articles = records.get_articles(c.article_id for c in chunks.values())
        vectors = records.chunk_vectors(part)
        ordered = [chunks[c] for c in part if c in chunks and c in vectors]
        metas = [chunk_metadata(articles[c.article_id], c) for c in ordered]
        store.upsert(ordered, np.stack([vectors[c.id] for c in ordered]), metas)
        out.reused += len(ordered)
