"""Human output of the CLI with rich (plain text when stdout is not a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Callable

from rich.console import Console
from rich.table import Table

from .models import Article, IngestReport

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False)


@contextmanager
def ingest_progress() -> Iterator[Callable[[int, int], None]]:
    """Yield a progress callback drawing a rich bar on stderr when it is a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err_console, disable=not sys.stderr.isatty(), transient=True)
    task = progress.add_task("files", total=None)
    with progress:
        yield lambda done, total: progress.update(task, completed=done, total=total)


def print_ingest_report(report: IngestReport) -> None:
    """Print the ingest summary and every failure with its reason."""
    counts = report.summary()
    console.print(f"new: {counts['new']}  updated: {counts['updated']}  skipped: {counts['skipped']}  failed: {counts['failed']}"
                  f"  (chunks embedded: {report.chunks_embedded}, reused: {report.chunks_reused}, {report.seconds:.1f}s)")
    for warning in report.warnings:
        console.print(f"warning: {warning}")
    for failure in report.failed:
        where = f"{failure.path}:{failure.line}" if failure.line else failure.path
        console.print(f"failed: {where}: {failure.reason}")


def print_articles(articles: Sequence[Article]) -> None:
    """Print stored articles as a table."""
    table = Table("id", "date", "source", "title", "story")
    for a in articles:
        table.add_row(a.id, a.published_iso[:10], a.source, a.title or "(untitled)", a.story_id if a.story_id != a.id else "")
    console.print(table)
    console.print(f"{len(articles)} articles")
