"""Idempotent, incremental, crash-recoverable, pipelined ingestion into the records and the vector store.

Write order per batch, so that a kill -9 anywhere leaves a state the next run repairs:
1. intents ('add' chunk ids; with a Chroma server also 'article:<id>' record ids) are committed to SQLite;
2. vectors are upserted into the store (deterministic ids: repeating it is harmless); with a
   Chroma server the article records are upserted into its `<collection>_articles` collection too;
3. one SQLite transaction commits the articles, chunks, lexical index, source keys and
   clears the 'add' intents, recording 'delete' intents for replaced articles' chunks (and records);
4. replaced chunks (and records) are deleted from the store and their intents cleared.
On start, recover() deletes every chunk (and article record) still named by an intent:
uncommitted adds are rolled back (and redone by the re-run), unfinished deletes are finished.

Idempotency: an article's id is a hash of its title and body, so an unchanged article is
skipped (only its source key is re-pointed if it moved); a changed text at the same source
key (url, else path) replaces the article it had; equal chunk texts reuse stored vectors, and a
reprint of a stored or earlier article is chunked around their shared passages, borrowing those
passages' vectors (reprints.py; setting reprint_reuse).

Pipeline (one run), built so that the embedder, the bottleneck, never waits:
- a producer (a thread, or `settings.ingest_workers` spawned worker processes, one input file
  per task) parses, chunks and MinHash-signs articles not yet stored, streaming items through a
  bounded queue; it runs at a lower CPU priority than the embedder;
- the calling thread plans every item in input order (new / updated / unchanged) and embeds
  windows of _EMBED_CHUNKS chunks (smaller when input is not ready yet), reusing vectors of
  equal texts already stored or in flight; onnxruntime releases the GIL while it runs;
- a writer thread (also at lower priority) applies each window in order: source-key relinks
  met while planning it, then its articles in batches of _BATCH_CHUNKS with the write order
  above. Batches are written in input order, so the result equals a sequential run.
Every queue is bounded: memory does not grow with the corpus.
"""

from __future__ import annotations

import functools
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from . import syndication
from .errors import ConfigError, IngestError
from .injection import scan
from .models import Article, Chunk, IngestFailure, IngestReport
from .protocols import Embedder, SharedStore, Store
from .records import (
    ARTICLE_INTENT, Records, article_exists, clear_intents, has_source_key, link_source_key, mark_pending, remove_article,
    write_article,
)
from .settings import Settings

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

ProgressFn = Callable[[int, int], None]


@dataclass
class IngestProgress:
    """Where an ingest is: files (the outer level), articles read and stored, chunks stored."""

    files_done: int = 0
    files_total: int = 0
    articles_read: int = 0
    articles_stored: int = 0
    chunks_stored: int = 0
    chunks_embedded: int = 0


StatusFn = Callable[[IngestProgress], None]
#: Seconds between two status callbacks (the last one always comes).
_STATUS_EVERY = 0.25
#: Seconds of embedding one window aims at: a kill -9 loses at most the window being embedded and
#: the one being written, so this bounds the work lost (windows shrink on a slow or busy machine).
_WINDOW_SECONDS = 3.0
#: Chunks per written batch (one records transaction; tests lower it to get several batches).
_BATCH_CHUNKS = 64
#: Chunks embedded together: the embedder sorts a window by length before batching, and a
#: window of 512 pads ~1% more than sorting the whole corpus, against ~9% for 64 (Reuters).
_EMBED_CHUNKS = 512
#: Chunks handed to the store per upsert call (a huge article's chunks go in several).
_UPSERT_CHUNKS = 2048
#: Articles per work unit when ingesting Article objects rather than files.
_UNIT_ARTICLES = 64
#: Prepared items waiting for the planner, and embedded windows waiting for the writer (one: the
#: planner never runs more than a window ahead of what is committed).
_QUEUE_ITEMS, _QUEUE_WINDOWS = 1024, 1
_DONE = object()


@dataclass
class _Prepared:
    """A loaded article with its chunks and MinHash, or None for both when it was already stored."""

    article: Article
    chunks: list[Chunk] | None
    signature: np.ndarray | None


@dataclass
class _FileDone:
    """Marks the end of one input file's items (for the progress callback)."""


@dataclass
class _Planned:
    """An article that needs writing, with its chunks and the article it replaces."""

    article: Article
    chunks: list[Chunk]
    replaces: str | None
    updated: bool
    signature: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    bands: list[str] = field(default_factory=list)
    borrowed: dict[str, str] = field(default_factory=dict)


@dataclass
class _Embedded:
    """A window for the writer: key relinks met while planning it, planned articles, vectors by text hash, fresh hashes."""

    relinks: list[tuple[str, str, str | None]]
    batch: list[_Planned]
    vectors: dict[str, np.ndarray]
    fresh: list[str]
    lent: list[str] = field(default_factory=list)


@dataclass
class _RunState:
    """What one run planned so far (ids and keys not yet committed) and vectors not yet committed."""

    ids: set[str] = field(default_factory=set)
    keys: dict[str, str] = field(default_factory=dict)
    relinks: list[tuple[str, str, str | None]] = field(default_factory=list)
    inflight: dict[str, np.ndarray] = field(default_factory=dict)
    planned: dict[str, _Planned] = field(default_factory=dict)
    bands: dict[str, set[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    progress: IngestProgress = field(default_factory=IngestProgress)
    status: StatusFn | None = None
    status_lock: threading.Lock = field(default_factory=threading.Lock)
    shown: float = 0.0

    def emit(self, force: bool = False) -> None:
        """Call the status callback (from either thread), at most every _STATUS_EVERY seconds unless forced."""
        if self.status is None:
            return
        with self.lock:
            now = time.monotonic()
            if not force and now - self.shown < _STATUS_EVERY:
                return
            self.shown = now
            snapshot = IngestProgress(**vars(self.progress))
        with self.status_lock:  # the planner and the writer both report; callbacks need not be thread-safe
            self.status(snapshot)


def chunk_metadata(article: Article, chunk: Chunk) -> dict[str, Any]:
    """Return the Chroma metadata stored on a chunk (no None values: Chroma rejects them)."""
    meta: dict[str, Any] = {
        "article_id": article.id, "story_id": article.story_id, "source": article.source,
        "title": article.title[:300], "published": article.published_iso, "idx": chunk.index,
        "start": chunk.start, "end": chunk.end, "text_hash": chunk.text_hash,
    }
    if article.published_epoch is not None:
        meta["published_ts"] = article.published_epoch
    return meta


# --------------------------------------------------------------------------- preparation (any process)

_READ_ONLY: dict[str, sqlite3.Connection] = {}


def _prepare(article: Article, settings: Settings, known: Callable[[str], bool]) -> _Prepared:
    """Chunk and sign an article, unless it is stored already (then the planner will skip it)."""
    from .adapters.chunking import chunk_article

    if known(article.id):
        return _Prepared(article, None, None)
    article = scan(article)  # sentences addressed to AI readers: stored as flags, never used as evidence
    chunks = chunk_article(article, settings.chunk_size, settings.chunk_overlap, settings.embed_header)
    return _Prepared(article, chunks, syndication.signature(article.body, settings.minhash_perm))


def prepare_items(work: tuple[str, Any], settings: Settings, known: Callable[[str], bool]) -> Iterator[Any]:
    """Load and prepare one work unit, ('file', path) or ('articles', [Article, ...]), item by item.

    Yields prepared articles, IngestFailure and LoadWarning items in input order, and _FileDone after a file.
    """
    from .loaders import iter_articles

    kind, payload = work
    if kind == "file":
        for item in iter_articles(payload, settings):
            yield _prepare(item, settings, known) if isinstance(item, Article) else item
        yield _FileDone()
    else:
        for article in payload:
            yield _prepare(article, settings, known)


def _prepare_in_worker(work: tuple[str, Any], settings: Settings, db_path: str) -> list[Any]:
    """prepare_items in a worker process, asking a read-only connection (one per worker) what is stored."""
    if db_path not in _READ_ONLY:
        _READ_ONLY[db_path] = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=60)
    db = _READ_ONLY[db_path]
    return list(prepare_items(work, settings, lambda aid: article_exists(db, aid)))


def _in_process(works: Iterable[tuple[str, Any]], settings: Settings, known: Callable[[str], bool]) -> Iterator[Any]:
    """Prepare work units in this process, streaming item by item."""
    for work in works:
        yield from prepare_items(work, settings, known)


def _in_workers(works: Iterable[tuple[str, Any]], settings: Settings, db_path: str, workers: int) -> Iterator[Any]:
    """Prepare work units in spawned worker processes, yielding their items in input order (bounded look-ahead)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from concurrent.futures.process import BrokenProcessPool

    pool: ProcessPoolExecutor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_lower_priority)
    ahead: list[Future[list[Any]]] = []
    try:
        for work in works:
            ahead.append(pool.submit(_prepare_in_worker, work, settings, db_path))
            if len(ahead) > workers:
                yield from ahead.pop(0).result()
        while ahead:
            yield from ahead.pop(0).result()
    except BrokenProcessPool as exc:  # a worker died; errors raised inside a task propagate unchanged
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise IngestError(f"an ingest worker process failed ({first}); with RAGNEWS_INGEST_WORKERS > 0 a script calling "
                          "NewsRAG.ingest must do so under `if __name__ == '__main__':`, or use 0 workers") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _lower_priority(steps: int = 5) -> None:
    """Make the calling thread yield the CPU to the embedder (Linux: per-thread nice value; elsewhere a no-op)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, 0) + steps)
    except (AttributeError, OSError):
        pass


class _Producer(threading.Thread):
    """Runs the preparation iterator in a background thread, feeding a bounded queue."""

    def __init__(self, items: Iterator[Any]) -> None:
        """Start feeding items into the queue."""
        super().__init__(name="ragnews-ingest-producer", daemon=True)
        self.items, self.queue = items, queue.Queue[Any](_QUEUE_ITEMS)
        self.stop = threading.Event()
        self.start()

    def run(self) -> None:
        """Put every item (or the exception that ended the iteration), then the end marker."""
        _lower_priority()
        try:
            for item in self.items:
                if not self._put(item):
                    return
        except BaseException as exc:  # handed to the consumer, which re-raises it
            self._put(exc)
            return
        finally:
            close = getattr(self.items, "close", None)
            if close and self.stop.is_set():
                close()
        self._put(_DONE)

    def _put(self, item: Any) -> bool:
        """Queue an item unless the consumer has stopped; return False when stopped."""
        while not self.stop.is_set():
            try:
                self.queue.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def idle(self) -> bool:
        """True when no prepared item is waiting."""
        return self.queue.empty()

    def __iter__(self) -> Iterator[Any]:
        """Yield the prepared items in order, re-raising a producer error."""
        while True:
            item = self.queue.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item


class _Writer(threading.Thread):
    """Applies embedded windows (with their key relinks) in order, in a background thread."""

    def __init__(self, apply: Callable[[Any], None]) -> None:
        """Start waiting for operations."""
        super().__init__(name="ragnews-ingest-writer", daemon=True)
        self.apply, self.queue = apply, queue.Queue[Any](_QUEUE_WINDOWS)
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        """Apply operations until the end marker; after an error, only drain the queue.

        Not at lower priority: its commits are what a kill -9 keeps, so a busy machine must not starve it
        (at nice +5 it committed 64 chunks in 60 s of a Reuters ingest while the embedder ran on).
        """
        while (op := self.queue.get()) is not _DONE:
            if self.error is None:
                try:
                    self.apply(op)
                except BaseException as exc:  # re-raised in the ingesting thread
                    self.error = exc

    def put(self, op: Any) -> None:
        """Queue an operation; raise the writer's error if it failed."""
        self.check()
        self.queue.put(op)

    def check(self) -> None:
        """Re-raise a failure of the writer thread."""
        if self.error is not None:
            raise self.error

    def finish(self) -> None:
        """Wait for every queued operation, then re-raise a failure if there was one."""
        self.queue.put(_DONE)
        self.join()
        self.check()


# --------------------------------------------------------------------------- the ingestor


def _release_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc only; elsewhere just gc).

    Why: a huge article is prepared in the producer thread and embedded in this one, and the
    writer thread allocates from its own malloc arena, so what the others freed (the loader's
    copies of the text, chunking's and embedding's working strings) stays resident and adds to
    the final write's peak. Called around a huge article's write slices only (a few ms each).
    """
    import gc

    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, looked up once; None where libc is not glibc."""
    import ctypes

    try:
        trim: Callable[[int], int] = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return None
    return trim


def _next_cap(cap: int, embedded: int, seconds: float) -> int:
    """Size the next window so that embedding it takes about _WINDOW_SECONDS on this machine, now."""
    if embedded < _BATCH_CHUNKS or seconds <= 0:
        return cap  # too few texts (most were cached) to measure the rate
    return max(_BATCH_CHUNKS, min(_EMBED_CHUNKS, int(embedded / seconds * _WINDOW_SECONDS)))


class Ingestor:
    """Turns loaded articles into stored records, chunks and vectors."""

    def __init__(self, records: Records, store: Store, embedder: Embedder, settings: Settings) -> None:
        """Bind the ingestor to one home's records, store and embedder."""
        self.records, self.store, self.embedder, self.settings = records, store, embedder, settings
        self.shared: SharedStore | None = store if isinstance(store, SharedStore) else None
        self._check_embedder()

    def _check_embedder(self) -> None:
        """Refuse to mix vectors of two embedders in one home."""
        name = self.embedder_id
        stored = self.records.get_meta("embedder")
        if stored is None:
            self.records.set_meta("embedder", name)
        elif stored != name:
            raise ConfigError(f"this home was built with embedder {stored}, not {name}; use another --home or the same embedder")

    @property
    def embedder_id(self) -> str:
        """The embedder's name and dimension, as recorded in a home."""
        return f"{self.embedder.name}/{self.embedder.dim}"

    def recover(self) -> int:
        """Finish or roll back what an interrupted ingest left; return the number of intents fixed."""
        pending = self.records.pending()
        if pending:
            ids = [cid for cid, _ in pending]
            self._delete_from_store(ids)
            self.records.clear_pending(ids)
        return len(pending)

    def _delete_from_store(self, ids: Sequence[str]) -> None:
        """Delete chunk ids from the store and 'article:' ids from the server's article records."""
        chunk_ids = [i for i in ids if not i.startswith(ARTICLE_INTENT)]
        article_ids = [i[len(ARTICLE_INTENT):] for i in ids if i.startswith(ARTICLE_INTENT)]
        if chunk_ids:
            self.store.delete(chunk_ids)
        if article_ids and self.shared:
            self.shared.delete_articles(article_ids)
            self.shared.touch(self.embedder_id)

    def ingest_paths(self, paths: Iterable[str | Path], progress: ProgressFn | None = None,
                     status: StatusFn | None = None) -> IngestReport:
        """Ingest files, folders and globs; failures are reported, never raised."""
        from .loaders import expand_paths

        files, failures = expand_paths(paths)
        report = IngestReport(failed=list(failures))
        return self._run((("file", f) for f in files), report, progress, len(files), status)

    def ingest_articles(self, articles: Iterable[Article], report: IngestReport | None = None) -> IngestReport:
        """Ingest Article objects (streamed in batches); return what was done."""
        it = iter(articles)
        works = (("articles", part) for part in iter(lambda: list(islice(it, _UNIT_ARTICLES)), []))
        return self._run(works, report or IngestReport(), None, 0)

    def _run(self, works: Iterable[tuple[str, Any]], report: IngestReport, progress: ProgressFn | None, files: int,
             status: StatusFn | None = None) -> IngestReport:
        """Plan and embed in this thread while a producer prepares inputs and a writer writes."""
        started = time.perf_counter()
        self.recover()
        state = _RunState(status=status)
        state.progress.files_total = files
        producer = _Producer(self._items(works))
        load = getattr(self.embedder, "load", None)
        if callable(load):
            load()  # the model loads while the producer imports the chunker and parses the first file
        writer = _Writer(lambda op: self._apply(op, report, state))
        try:
            self._consume(producer, writer, report, state, progress, files)
        finally:
            producer.stop.set()
            writer.finish()
            state.emit(force=True)
        report.seconds = time.perf_counter() - started
        return report

    def _items(self, works: Iterable[tuple[str, Any]]) -> Iterator[Any]:
        """The prepared items, from worker processes or from this process."""
        workers = self.settings.ingest_workers
        if workers > 0:
            return _in_workers(works, self.settings, str(self.records.path), workers)
        return _in_process(works, self.settings, self.records.has_article)

    def _consume(self, producer: _Producer, writer: _Writer, report: IngestReport, state: _RunState,
                 progress: ProgressFn | None, files: int) -> None:
        """Plan every prepared item in input order, embedding and handing over full windows."""
        from .loaders import LoadWarning

        window: list[_Planned] = []
        done = size = 0
        cap = _BATCH_CHUNKS  # grows to _EMBED_CHUNKS once the embedding rate is known (a busy machine may do 10 chunks/s)
        for item in producer:
            if isinstance(item, _FileDone):
                done += 1
                state.progress.files_done = done
                state.emit(force=True)
                if progress:
                    progress(done, files)
            elif isinstance(item, IngestFailure):
                report.failed.append(item)
            elif isinstance(item, LoadWarning):
                report.warnings.append(f"{item.path}: {item.message}")
            else:
                state.progress.articles_read += 1
                state.emit()
                if planned := self._plan(item, report, state):
                    window.append(planned)
                    size += len(planned.chunks)
            # a full window, or the embedder would otherwise wait for input (e.g. at the start)
            if size >= cap or (size >= _BATCH_CHUNKS and producer.idle()):
                started = time.perf_counter()
                embedded = self._embed_window(window, report, state, cap)
                cap = _next_cap(cap, len(embedded.fresh), time.perf_counter() - started)
                writer.put(embedded)
                window, size = [], 0
        if window or state.relinks:
            writer.put(self._embed_window(window, report, state))

    def _plan(self, item: _Prepared, report: IngestReport, state: _RunState) -> _Planned | None:
        """Decide whether an article is new, updated or unchanged (unchanged: re-point its key, skip)."""
        article, key = item.article, item.article.source_key
        previous = state.keys.get(key) or self.records.article_for_key(key)
        if article.id in state.ids or self.records.has_article(article.id):
            if previous != article.id:  # applied by the writer before the window being planned
                state.relinks.append((key, article.id, previous))
                state.keys[key] = article.id
            report.skipped.append(article.id)
            return None
        if item.chunks is None:  # stored when prepared, gone since: prepare it here
            item = _prepare(article, self.settings, lambda _: False)
        assert item.chunks is not None and item.signature is not None
        state.ids.add(article.id)
        state.keys[key] = article.id
        planned = _Planned(article, item.chunks, previous, previous is not None, item.signature, syndication.bands(item.signature))
        if self.settings.reprint_reuse:
            self._align_reprint(planned, state)
        return planned

    def _align_reprint(self, p: _Planned, state: _RunState) -> None:
        """If p is a reprint of a stored or earlier planned article, chunk it around their shared passages (ragnews/reprints.py).

        The candidates are the ones the writer's story grouping will see (stored, or planned earlier in
        this run), so a reprint borrows from the copy whose story it joins. Planned articles stay
        in `state.planned` until committed, then the records have them.
        """
        from .reprints import align

        with state.lock:
            pending = {aid for b in p.bands for aid in state.bands.get(b, ())}
            local = {aid: state.planned[aid] for aid in pending if aid in state.planned}
        stored = [a for a in self.records.band_candidates(p.bands) if a != p.replaces and a not in local]
        candidates = {aid: q.signature for aid, q in local.items()}
        candidates.update(self.records.signatures(stored))
        match = syndication.best_match(p.signature, candidates, self.settings.syndication_threshold)
        if match is not None:
            original = local[match].chunks if match in local else self.records.chunks_of(match)
            head = p.chunks[0].head if p.chunks else ""
            aligned = align(p.article, original, head, self.settings.chunk_size, self.settings.chunk_overlap)
            if aligned is not None:  # borrow from the first copy when the match itself borrowed
                roots = local[match].borrowed if match in local else {}
                p.chunks, p.borrowed = aligned.chunks, {h: roots.get(o, o) for h, o in aligned.borrowed.items()}
        with state.lock:
            state.planned[p.article.id] = p
            for b in p.bands:
                state.bands.setdefault(b, set()).add(p.article.id)

    def _embed_window(self, batch: list[_Planned], report: IngestReport, state: _RunState, part: int | None = None) -> _Embedded:
        """Return the window with a vector per chunk text, embedding only texts with no vector yet (in parts of `part`)."""
        chunks = [c for p in batch for c in p.chunks]
        hashes = list(dict.fromkeys(c.text_hash for c in chunks))
        with state.lock:  # in-flight first: the writer forgets them only after they are committed
            vectors = {h: state.inflight[h] for h in hashes if h in state.inflight}
        vectors.update(self.records.cached_vectors([h for h in hashes if h not in vectors]))
        lent = self._borrow(batch, vectors, set(hashes), state)
        todo = {c.text_hash: c for c in chunks if c.text_hash not in vectors and c.text_hash not in lent}
        if todo:
            fresh = self._embed_parts(todo, state, part or _EMBED_CHUNKS)
            vectors.update(fresh)
            with state.lock:
                state.inflight.update(fresh)
        if lent:
            todo.update(self._resolve_lent(lent, vectors, state, {c.text_hash: c for c in chunks}))
        report.chunks_embedded += len(todo)
        report.chunks_reused += len(chunks) - len(todo)
        relinks, state.relinks = state.relinks, []
        return _Embedded(relinks, batch, vectors, list(todo), list(lent))

    def _embed_parts(self, todo: dict[str, Chunk], state: _RunState, part: int) -> dict[str, np.ndarray]:
        """Embed texts by hash; a window of more than 2 * _EMBED_CHUNKS texts (a huge article) goes in parts.

        Why: one 60 MB article is 82k chunks, an hour of MiniLM, and all of it one window and one
        transaction. Each part's vectors are committed to the embedding cache at once, so a kill -9
        loses at most the part being embedded: the re-run prepares the article again and takes every
        committed vector from the cache. Parts are sized like windows (about _WINDOW_SECONDS each).
        Their vectors are not returned: the writer reads each upsert slice back from the cache
        (`_stacked`), so a 60 MB article's 110 MB of vectors are never held at once (peak 1,509 -> 1,395 MiB).
        The embedded texts (metadata line + passage, a new string each) are built a part at a time
        too: all of them at once were another ~75 MB for 82k chunks.
        """
        hashes, chunks = list(todo), list(todo.values())
        if len(chunks) <= 2 * _EMBED_CHUNKS:
            return dict(zip(hashes, self.embedder.embed([c.embed_text for c in chunks])))
        i = 0
        while i < len(chunks):  # committed to the cache, not returned: the writer reads each slice back
            started = time.perf_counter()
            n = min(part, len(hashes) - i)
            texts = [c.embed_text for c in chunks[i : i + part]]
            self.records.store_vectors(dict(zip(hashes[i : i + part], self.embedder.embed(texts))))
            i += part
            with state.lock:
                state.progress.chunks_embedded += n
            state.emit()
            part = _next_cap(part, n, time.perf_counter() - started)
        return {}

    def _resolve_lent(self, lent: dict[str, str], vectors: dict[str, np.ndarray], state: _RunState, texts: dict[str, Chunk]) -> dict[str, Chunk]:
        """Give each borrowing chunk its passage's vector (following borrow chains); embed any left without one; return those."""
        left = dict(lent)
        while left:
            ready = {h: vectors[o] for h, o in left.items() if o in vectors}
            if not ready:
                break
            vectors.update(ready)
            with state.lock:
                state.inflight.update(ready)
            left = {h: o for h, o in left.items() if h not in ready}
        todo = {h: texts[h] for h in left}
        if todo:
            fresh = dict(zip(todo.keys(), self.embedder.embed([c.embed_text for c in todo.values()])))
            vectors.update(fresh)
            with state.lock:
                state.inflight.update(fresh)
        return todo

    def _borrow(self, batch: list[_Planned], vectors: dict[str, np.ndarray], window: set[str], state: _RunState) -> dict[str, str]:
        """Reprint chunks with no vector of their own -> the shared passage whose vector they take (in flight, cached or in this window)."""
        wanted = {h: o for p in batch for h, o in p.borrowed.items() if h not in vectors}
        if not wanted:
            return {}
        with state.lock:
            known = {o: state.inflight[o] for o in wanted.values() if o in state.inflight}
        known.update(self.records.cached_vectors([o for o in set(wanted.values()) if o not in known and o not in window]))
        vectors.update(known)
        return {h: o for h, o in wanted.items() if o in known or o in window}

    # ----------------------------------------------------------------------- writer thread

    def _apply(self, op: _Embedded, report: IngestReport, state: _RunState) -> None:
        """Apply one window: its key relinks, then its articles in batches of _BATCH_CHUNKS chunks."""
        for key, article_id, previous in op.relinks:
            self._relink_key(key, article_id, previous)
        batch: list[_Planned] = []
        size = 0
        for p in op.batch:
            batch.append(p)
            size += len(p.chunks)
            if size >= _BATCH_CHUNKS:
                self._write(batch, op.vectors, report)
                batch, size = [], 0
        if batch:
            self._write(batch, op.vectors, report)
        with state.lock:
            for h in [*op.fresh, *op.lent]:
                state.inflight.pop(h, None)
            for p in op.batch:
                state.planned.pop(p.article.id, None)
                for b in p.bands:
                    members = state.bands.get(b)
                    if members is not None:
                        members.discard(p.article.id)
                        if not members:
                            del state.bands[b]
            state.progress.articles_stored += len(op.batch)
            state.progress.chunks_stored += sum(len(p.chunks) for p in op.batch)
        state.emit()

    def _relink_key(self, key: str, article_id: str, previous: str | None) -> None:
        """Point a source key at an already stored article, dropping the one it replaced."""
        with self.records.transaction() as db:
            link_source_key(db, key, article_id)
            stale = self._drop_if_orphaned(db, previous)
        self._finish_deletes(stale)

    def _drop_if_orphaned(self, db: Any, article_id: str | None) -> list[str]:
        """Remove an article no source key points at any more; return the intents to carry out."""
        if not article_id or has_source_key(db, article_id):
            return []
        stale = remove_article(db, article_id)
        if self.shared:
            stale.append(ARTICLE_INTENT + article_id)
        mark_pending(db, stale, "delete")
        return stale

    def _finish_deletes(self, ids: list[str]) -> None:
        """Delete replaced chunks (and article records) from the store and forget their intents."""
        if ids:
            self._delete_from_store(ids)
            self.records.clear_pending(ids)

    def _stacked(self, hashes: list[str], vectors: dict[str, np.ndarray]) -> np.ndarray:
        """The vectors of hashes, in order: from the window, else from the embedding cache (a huge article's parts)."""
        cached = self.records.cached_vectors([h for h in hashes if h not in vectors])
        return np.stack([vectors[h] if h in vectors else cached[h] for h in hashes])

    def _write(self, batch: list[_Planned], vectors: dict[str, np.ndarray], report: IngestReport) -> None:
        """Group and write one batch following the crash-safe write order."""
        self._assign_stories(batch)
        chunks = [(p.article, c) for p in batch for c in p.chunks]
        articles = [ARTICLE_INTENT + p.article.id for p in batch] if self.shared else []
        self.records.add_pending([c.id for _, c in chunks] + articles, "add")
        huge = len(chunks) > _UPSERT_CHUNKS
        for i in range(0, len(chunks), _UPSERT_CHUNKS):  # slices: one huge article's 82k vectors and metadata never exist at once
            if huge:
                _release_memory()
            part = chunks[i : i + _UPSERT_CHUNKS]
            self.store.upsert([c for _, c in part], self._stacked([c.text_hash for _, c in part], vectors),
                              [chunk_metadata(a, c) for a, c in part])
            del part
        if huge:
            _release_memory()
        if self.shared:
            self._publish(self.shared, batch)
        stale = self._commit(batch, vectors, articles)
        self._finish_deletes(stale)
        for p in batch:
            (report.updated if p.updated else report.new).append(p.article.id)
            report.note_injection(p.article)

    def _publish(self, shared: SharedStore, batch: list[_Planned]) -> None:
        """Upsert the batch's article records into the Chroma server, for other homes to sync."""
        from .sync import article_record

        rows = [article_record(p.article, p.signature) for p in batch]
        shared.put_articles([p.article.id for p in batch], [d for d, _ in rows], [m for _, m in rows])
        shared.touch(self.embedder_id)

    def _commit(self, batch: list[_Planned], vectors: dict[str, np.ndarray], intents: list[str]) -> list[str]:
        """Write the batch's records in one transaction; return the intents of replaced chunks to carry out."""
        stale: list[str] = []
        with self.records.transaction() as db:
            for p in batch:
                write_article(db, p.article, p.chunks, {c.text_hash: vectors[c.text_hash] for c in p.chunks if c.text_hash in vectors}, p.signature, p.bands)
                link_source_key(db, p.article.source_key, p.article.id)
                clear_intents(db, [c.id for c in p.chunks])
            clear_intents(db, intents)
            for p in batch:
                stale += self._drop_if_orphaned(db, p.replaces)
        return stale

    def _assign_stories(self, batch: list[_Planned]) -> None:
        """Give each article the story id of a stored or earlier near-duplicate, else its own id."""
        threshold = self.settings.syndication_threshold
        local: dict[str, tuple[np.ndarray, str]] = {}
        for p in batch:
            stored = [a for a in self.records.band_candidates(p.bands) if a != p.replaces]
            candidates = self.records.signatures(stored)
            candidates.update({aid: sig for aid, (sig, _) in local.items()})
            match = syndication.best_match(p.signature, candidates, threshold)
            story = local[match][1] if match in local else self.records.story_of([match]).get(match, "") if match else ""
            p.article = p.article.model_copy(update={"story_id": story or p.article.id})
            local[p.article.id] = (p.signature, p.article.story_id)
