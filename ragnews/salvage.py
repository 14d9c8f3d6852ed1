"""Recover the article records from a damaged ragnews.db (`ragnews doctor --repair`), losing nothing readable.

The damaged file (with its -wal and -shm) is moved aside to `ragnews.db.damaged-<UTC stamp>` and
never written; a scratch copy of it is read table by table, in rowid order, skipping only the
rows SQLite cannot read (a truncated file, a garbled page), into a new ragnews.db. What can be
derived is then re-derived: chunks of articles whose chunks were lost (same ids as ingest makes),
MinHash signatures and bands, source keys, both FTS5 indexes. Vectors missing from the embedding
cache are restored by the rest of the repair (from Chroma's order-free upsert of cached vectors,
embedding only texts with no vector anywhere). Articles whose own row is unreadable are listed
by the metadata line their surviving chunks carry, so they can be re-ingested.

The SQL lives here rather than in records.py because it reads a file Records cannot open.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import StoreError
from .records import Records, link_source_key
from .settings import Settings

#: Tables copied, in this order (the FTS5 indexes are rebuilt, not copied).
TABLES = ("meta", "articles", "source_keys", "chunks", "embeddings", "minhashes", "minhash_bands", "pending")
#: Rows read per query while the file reads well (one row at a time next to damage).
_BATCH = 500
_MAX_ROWID = 2**62


@dataclass
class SalvageReport:
    """What salvage() kept, skipped and re-derived."""

    aside: Path
    rows: dict[str, int] = field(default_factory=dict)
    damaged_ranges: dict[str, int] = field(default_factory=dict)
    rechunked: int = 0
    resigned: int = 0
    relinked: int = 0
    lost_articles: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line per thing done, for `ragnews doctor --repair`."""
        kept = ", ".join(f"{n} {t}" for t, n in self.rows.items() if t in ("articles", "chunks", "embeddings"))
        out = [f"recovered the article records ({kept}) into a new ragnews.db; the damaged file is kept as {self.aside}"]
        if self.damaged_ranges:
            where = ", ".join(f"{t} ({n})" for t, n in self.damaged_ranges.items())
            out.append(f"skipped unreadable rows in: {where}")
        if self.rechunked:
            out.append(f"re-chunked {self.rechunked} articles whose chunks were lost")
        if self.resigned or self.relinked:
            out.append(f"recomputed {self.resigned} MinHash signatures and {self.relinked} source keys")
        if self.lost_articles:
            out.append(f"{len(self.lost_articles)} articles were unreadable and are gone from the records "
                       f"(e.g. {self.lost_articles[0]!r}); re-ingest their files")
        return out


def damage(path: Path) -> str | None:
    """Return why the records file is damaged (SQLite's own words), or None when it reads cleanly or is absent."""
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problems = [r[0] for r in db.execute("PRAGMA quick_check") if r[0] != "ok"]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return problems[0] if problems else None


def salvage(path: Path, settings: Settings) -> SalvageReport:
    """Move a damaged records file aside and rebuild ragnews.db from everything readable in it.

    Raises StoreError (one line, next step) when not even the file's table list can be read.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = SalvageReport(aside=path.with_name(f"{path.name}.damaged-{stamp}"))
    with tempfile.TemporaryDirectory(prefix=".salvage-", dir=path.parent) as tmp:
        scratch = Path(tmp) / "damaged.db"
        for suffix in ("", "-wal"):  # a scratch copy: SQLite may write while reading a WAL file
            if Path(f"{path}{suffix}").exists():
                shutil.copyfile(f"{path}{suffix}", f"{scratch}{suffix}")
        source = sqlite3.connect(scratch)
        source.execute("PRAGMA writable_schema=ON")  # else a file shorter than its header says is unreadable as a whole
        try:
            columns = _columns(source, path)
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{path}{suffix}").exists():
                    shutil.move(f"{path}{suffix}", f"{report.aside}{suffix}")
            records = Records(path)
            try:
                _copy(source, records, columns, report)
                _rederive(records, settings, report)
            finally:
                records.close()
        finally:
            source.close()
    return report


def _columns(source: sqlite3.Connection, path: Path) -> dict[str, list[str]]:
    """Return the columns of each table the damaged file still describes."""
    try:
        found = {t: [r[1] for r in source.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: even the table list of the article records is unreadable ({exc}); keep a copy, then try "
                         "`sqlite3 ragnews.db .recover`, or re-ingest into a new --home") from exc
    if not found["articles"]:
        raise StoreError(f"{path}: the article records hold no readable articles table; keep a copy, then try "
                         "`sqlite3 ragnews.db .recover`, or re-ingest into a new --home")
    return found


def _copy(source: sqlite3.Connection, records: Records, columns: dict[str, list[str]], report: SalvageReport) -> None:
    """Copy every readable row of each table into the new records (one transaction)."""
    fresh = {t: {r[1] for r in records._db.execute(f"PRAGMA table_info({t})")} for t in TABLES}
    with records.transaction() as db:
        for table in TABLES:
            cols = [c for c in columns[table] if c in fresh[table]]
            if not cols:
                continue
            sql = f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            if table == "meta":
                sql = sql.replace("INSERT OR IGNORE", "INSERT OR REPLACE")
            count = 0
            for rows in _readable_rows(source, table, cols, report):
                db.executemany(sql, rows)
                count += len(rows)
            report.rows[table] = count


def _readable_rows(source: sqlite3.Connection, table: str, cols: list[str], report: SalvageReport) -> Iterator[list[tuple[object, ...]]]:
    """Yield a table's rows in rowid order, in batches, stepping over the rowid ranges that cannot be read."""
    sql = f"SELECT rowid, {', '.join(cols)} FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?"
    after, batch = -_MAX_ROWID, _BATCH
    while True:
        try:
            rows: list[tuple[Any, ...]] | None = source.execute(sql, (after, batch)).fetchall()
        except sqlite3.DatabaseError:
            rows = None
        if rows == []:
            return
        good = _moving_forward(rows or [], after, batch)
        if not good:
            if batch > 1:  # read up to the damage one row at a time
                batch = 1
                continue
            resume = _next_readable(source, sql, after)
            report.damaged_ranges[table] = report.damaged_ranges.get(table, 0) + 1
            if resume is None:
                return
            after, batch = resume, _BATCH
            continue
        yield [r[1:] for r in good]
        after = good[-1][0]


def _moving_forward(rows: list[tuple[Any, ...]], after: int, batch: int) -> list[tuple[Any, ...]]:
    """The rows whose keys climb above `after`; none if a batch has keys out of order (a garbled page can
    hand them back), the first row alone when reading row by row: a key at or below `after` is damage."""
    good = [r for r in rows if r[0] > after]
    if len(good) < len(rows) or any(a[0] >= b[0] for a, b in zip(good, good[1:])):
        return good[:1] if batch == 1 else []
    return good


def _next_readable(source: sqlite3.Connection, sql: str, failed: int) -> int | None:
    """Return a rowid above `failed` from which the reader's own query works again (None: none does).

    Reading `rowid > failed` failed; gallop forward until it works, then halve the gap back, so
    that as few readable rows as possible are skipped. The result is always above `failed`.
    """
    def readable(after: int) -> bool:
        try:
            return all(r[0] > after for r in source.execute(sql, (after, 1)).fetchall())  # keys must move forward
        except sqlite3.DatabaseError:
            return False

    step = 1
    while not readable(failed + step):  # gallop past the damage
        if failed + step >= _MAX_ROWID:
            return None
        step *= 2
    low, high = failed, failed + step  # reading after low fails, after high works
    while high - low > 1:
        mid = (low + high) // 2
        if readable(mid):
            high = mid
        else:
            low = mid
    return high


def _rederive(records: Records, settings: Settings, report: SalvageReport) -> None:
    """Re-derive what the copied rows imply: chunks, MinHash, source keys, both lexical indexes."""
    from . import syndication
    from .adapters.chunking import chunk_article
    from .records import write_article

    db = records._db
    articles = {r[0] for r in db.execute("SELECT id FROM articles")}
    orphans = db.execute("SELECT article_id, MIN(head) FROM chunks WHERE article_id NOT IN (SELECT id FROM articles) "
                         "GROUP BY article_id").fetchall()
    report.lost_articles = [head or aid for aid, head in orphans]
    with records.transaction() as tx:
        tx.execute("DELETE FROM chunks WHERE article_id NOT IN (SELECT id FROM articles)")
        tx.execute("DELETE FROM source_keys WHERE article_id NOT IN (SELECT id FROM articles)")
        tx.execute("DELETE FROM minhashes WHERE article_id NOT IN (SELECT id FROM articles)")
        tx.execute("DELETE FROM minhash_bands WHERE article_id NOT IN (SELECT id FROM articles)")
        tx.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")  # write_article deletes from it
    records.rebuild_fts()
    for aid in sorted(articles):
        article = records.get_article(aid)
        stored = records.chunks_of(aid)
        signed = db.execute("SELECT signature FROM minhashes WHERE article_id = ?", (aid,)).fetchone()
        keyed = db.execute("SELECT 1 FROM source_keys WHERE article_id = ?", (aid,)).fetchone()
        whole = bool(stored) and [c.index for c in stored] == list(range(len(stored))) \
            and stored[-1].end >= len(article.body.rstrip())
        if whole and signed and keyed:
            continue
        chunks = stored if whole else chunk_article(article, settings.chunk_size, settings.chunk_overlap, settings.embed_header)
        signature = syndication.signature(article.body, settings.minhash_perm)
        vectors = records.chunk_vectors([c.id for c in stored]) if whole else {}
        with records.transaction() as tx:
            write_article(tx, article, chunks, {c.text_hash: vectors[c.id] for c in chunks if c.id in vectors},
                          signature, syndication.bands(signature))
            if not keyed and tx.execute("SELECT 1 FROM source_keys WHERE key = ?", (article.source_key,)).fetchone() is None:
                link_source_key(tx, article.source_key, aid)
                report.relinked += 1
        report.rechunked += not whole
        report.resigned += not signed
