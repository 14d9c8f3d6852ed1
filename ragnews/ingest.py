"""Idempotent, incremental, crash-recoverable ingestion into the records and the vector store.

Write order per batch, so that a kill -9 anywhere leaves a state the next run repairs:
1. intents ('add' chunk ids) are committed to SQLite;
2. vectors are upserted into the store (deterministic ids: repeating it is harmless);
3. one SQLite transaction commits the articles, chunks, lexical index, source keys and
   clears the 'add' intents, recording 'delete' intents for replaced articles' chunks;
4. replaced chunks are deleted from the store and their intents cleared.
On start, recover() deletes every chunk still named by an intent: uncommitted adds are
rolled back (and redone by the re-run), unfinished deletes are finished.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import syndication
from .errors import ConfigError
from .models import Article, Chunk, IngestFailure, IngestReport
from .protocols import Embedder, Store
from .records import Records, remove_article, write_article
from .settings import Settings

ProgressFn = Callable[[int, int], None]
_BATCH_CHUNKS = 64


@dataclass
class _Planned:
    """An article that needs writing, with its chunks and the article it replaces."""

    article: Article
    chunks: list[Chunk]
    replaces: str | None
    updated: bool
    signature: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    bands: list[str] = field(default_factory=list)


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


class Ingestor:
    """Turns loaded articles into stored records, chunks and vectors."""

    def __init__(self, records: Records, store: Store, embedder: Embedder, settings: Settings) -> None:
        """Bind the ingestor to one home's records, store and embedder."""
        self.records, self.store, self.embedder, self.settings = records, store, embedder, settings
        self._check_embedder()

    def _check_embedder(self) -> None:
        """Refuse to mix vectors of two embedders in one home."""
        name = f"{self.embedder.name}/{self.embedder.dim}"
        stored = self.records.get_meta("embedder")
        if stored is None:
            self.records.set_meta("embedder", name)
        elif stored != name:
            raise ConfigError(f"this home was built with embedder {stored}, not {name}; use another --home or the same embedder")

    def recover(self) -> int:
        """Finish or roll back what an interrupted ingest left; return the number of chunks fixed."""
        pending = self.records.pending()
        if pending:
            ids = [cid for cid, _ in pending]
            self.store.delete(ids)
            self.records.clear_pending(ids)
        return len(pending)

    def ingest_paths(self, paths: Iterable[str | Path], progress: ProgressFn | None = None) -> IngestReport:
        """Ingest files, folders and globs; failures are reported, never raised."""
        from .loaders import LoadWarning, expand_paths, iter_articles

        files, failures = expand_paths(paths)
        report = IngestReport(failed=list(failures))

        def items() -> Iterable[Article]:
            for n, path in enumerate(files, 1):
                for item in iter_articles(path, self.settings):
                    if isinstance(item, IngestFailure):
                        report.failed.append(item)
                    elif isinstance(item, LoadWarning):
                        report.warnings.append(f"{item.path}: {item.message}")
                    else:
                        yield item
                if progress:
                    progress(n, len(files))

        return self.ingest_articles(items(), report)

    def ingest_articles(self, articles: Iterable[Article], report: IngestReport | None = None) -> IngestReport:
        """Ingest Article objects (streamed in batches); return what was done."""
        report = report or IngestReport()
        started = time.perf_counter()
        self.recover()
        batch: list[_Planned] = []
        for article in articles:
            planned = self._plan(article, report, batch)
            if planned:
                batch.append(planned)
            if sum(len(p.chunks) for p in batch) >= _BATCH_CHUNKS:
                self._flush(batch, report)
                batch = []
        self._flush(batch, report)
        report.seconds = time.perf_counter() - started
        return report

    def _plan(self, article: Article, report: IngestReport, batch: Sequence[_Planned]) -> _Planned | None:
        """Decide whether an article is new, updated or unchanged (unchanged: record its key, skip)."""
        from .adapters.llamaindex import chunk_article

        key = article.source_key
        previous = self.records.article_for_key(key)
        if self.records.has_article(article.id) or any(p.article.id == article.id for p in batch):
            if previous != article.id:
                self._relink_key(key, article.id, previous)
            report.skipped.append(article.id)
            return None
        chunks = chunk_article(article, self.settings.chunk_size, self.settings.chunk_overlap)
        return _Planned(article, chunks, previous, updated=previous is not None)

    def _relink_key(self, key: str, article_id: str, previous: str | None) -> None:
        """Point a source key at an already stored article, dropping the one it replaced."""
        with self.records.transaction() as db:
            db.execute("INSERT OR REPLACE INTO source_keys VALUES (?, ?)", (key, article_id))
            stale = self._drop_if_orphaned(db, previous)
        self._finish_deletes(stale)

    def _drop_if_orphaned(self, db: Any, article_id: str | None) -> list[str]:
        """Remove an article no source key points at any more; return chunk ids to delete."""
        if not article_id or db.execute("SELECT 1 FROM source_keys WHERE article_id = ?", (article_id,)).fetchone():
            return []
        stale = remove_article(db, article_id)
        db.executemany("INSERT OR REPLACE INTO pending VALUES (?, 'delete')", [(c,) for c in stale])
        return stale

    def _finish_deletes(self, chunk_ids: list[str]) -> None:
        """Delete replaced chunks from the store and forget their intents."""
        if chunk_ids:
            self.store.delete(chunk_ids)
            self.records.clear_pending(chunk_ids)

    def _flush(self, batch: list[_Planned], report: IngestReport) -> None:
        """Embed, group and write one batch following the crash-safe write order."""
        if not batch:
            return
        vectors = self._vectors([c for p in batch for c in p.chunks], report)
        self._assign_stories(batch)
        chunks = [c for p in batch for c in p.chunks]
        metas = [chunk_metadata(p.article, c) for p in batch for c in p.chunks]
        self.records.add_pending([c.id for c in chunks], "add")
        if chunks:
            self.store.upsert(chunks, np.stack([vectors[c.text_hash] for c in chunks]), metas)
        stale = self._commit(batch, vectors)
        self._finish_deletes(stale)
        for p in batch:
            (report.updated if p.updated else report.new).append(p.article.id)

    def _commit(self, batch: list[_Planned], vectors: dict[str, np.ndarray]) -> list[str]:
        """Write the batch's records in one transaction; return chunk ids to delete from the store."""
        stale: list[str] = []
        with self.records.transaction() as db:
            for p in batch:
                write_article(db, p.article, p.chunks, {c.text_hash: vectors[c.text_hash] for c in p.chunks}, p.signature, p.bands)
                db.execute("INSERT OR REPLACE INTO source_keys VALUES (?, ?)", (p.article.source_key, p.article.id))
                db.executemany("DELETE FROM pending WHERE chunk_id = ?", [(c.id,) for c in p.chunks])
            for p in batch:
                stale += self._drop_if_orphaned(db, p.replaces)
        return stale

    def _vectors(self, chunks: list[Chunk], report: IngestReport) -> dict[str, np.ndarray]:
        """Return vectors by text hash, embedding only texts not embedded before."""
        hashes = list(dict.fromkeys(c.text_hash for c in chunks))
        vectors = self.records.cached_vectors(hashes)
        todo = {c.text_hash: c.text for c in chunks if c.text_hash not in vectors}
        if todo:
            fresh = self.embedder.embed(list(todo.values()))
            vectors.update(zip(todo.keys(), fresh))
        report.chunks_embedded += len(todo)
        report.chunks_reused += len(chunks) - len(todo)
        return vectors

    def _assign_stories(self, batch: list[_Planned]) -> None:
        """Give each article the story id of a stored or earlier near-duplicate, else its own id."""
        threshold = self.settings.syndication_threshold
        local: dict[str, tuple[np.ndarray, str]] = {}
        for p in batch:
            p.signature = syndication.signature(p.article.body, self.settings.minhash_perm)
            p.bands = syndication.bands(p.signature)
            stored = [a for a in self.records.band_candidates(p.bands) if a != p.replaces]
            candidates = self.records.signatures(stored)
            candidates.update({aid: sig for aid, (sig, _) in local.items()})
            match = syndication.best_match(p.signature, candidates, threshold)
            story = local[match][1] if match in local else self.records.story_of([match]).get(match, "") if match else ""
            p.article = p.article.model_copy(update={"story_id": story or p.article.id})
            local[p.article.id] = (p.signature, p.article.story_id)
