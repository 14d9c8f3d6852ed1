"""Human output of the CLI with rich (plain text when stdout is not a terminal)."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Callable, TextIO

from rich.console import Console
from rich.table import Table

from .models import Answer, AnswerStream, Article, Citation, IngestReport
from .notices import RagnewsWarning

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False)


def show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                 file: TextIO | None = None, line: str | None = None) -> None:
    """warnings.showwarning replacement: `warning: <message>` on stderr, rich on a terminal, plain on a pipe."""
    text = " ".join(str(message).split())
    if not issubclass(category, RagnewsWarning):
        text = f"{category.__name__}: {text}"
    err_console.print(f"warning: {text}", style="yellow" if err_console.is_terminal else None, markup=False,
                      highlight=False, soft_wrap=True)


@contextmanager
def warnings_channel() -> Iterator[None]:
    """Route every warning raised inside the block through show_warning() (each distinct message once)."""
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        # deprecations are for developers (Python hides them by default too): a library's, e.g. chromadb's
        # "legacy embedding function config" when a collection is modified, is not the user's business
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        saved: Any = warnings.showwarning
        warnings.showwarning = show_warning
        try:
            yield
        finally:
            warnings.showwarning = saved
            sys.stderr.flush()


@contextmanager
def ingest_progress() -> Iterator[Callable[["IngestProgress"], None]]:
    """Yield a status callback drawing live counts on stderr when it is a terminal.

    Files are the outer level, but one large file holds thousands of articles, so the line also
    counts articles read and stored and chunks stored (stored = committed: what a kill keeps).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("files"), BarColumn(bar_width=20), MofNCompleteColumn(),
                        TextColumn("{task.fields[detail]}"), TimeElapsedColumn(),
                        console=err_console, disable=not sys.stderr.isatty(), transient=True)
    task = progress.add_task("ingest", total=None, detail="")

    def show(p: "IngestProgress") -> None:
        detail = f"articles {p.articles_read:,} read, {p.articles_stored:,} stored  chunks {p.chunks_stored:,} stored"
        if p.chunks_embedded:  # one huge article: its chunks are embedded (and cached) in parts long before it is stored
            detail += f", {p.chunks_embedded:,} embedded"
        progress.update(task, completed=p.files_done, total=p.files_total or None, detail=detail)

    with progress:
        yield show


def print_ingest_report(report: IngestReport) -> None:
    """Print the ingest summary and every failure with its reason."""
    counts = report.summary()
    console.print(f"new: {counts['new']}  updated: {counts['updated']}  skipped: {counts['skipped']}  failed: {counts['failed']}"
                  f"  (chunks embedded: {report.chunks_embedded}, reused: {report.chunks_reused}, {report.seconds:.1f}s)")
    if report.injections:
        console.print(f"planted instructions: {len(report.injections)} article(s) carry sentences addressed to AI readers "
                      "(listed below; never used as evidence)")
    for warning in report.warnings:  # problems go to stderr, so `ragnews ingest ... > log` still shows them
        err_console.print(f"warning: {warning}", markup=False, soft_wrap=True)
    for failure in report.failed:
        where = f"{failure.path}:{failure.line}" if failure.line else failure.path
        err_console.print(f"failed: {where}: {failure.reason}", markup=False, soft_wrap=True)


def print_articles(articles: Sequence[Article]) -> None:
    """Print stored articles as a table."""
    table = Table("id", "date", "source", "title", "story")
    for a in articles:
        table.add_row(a.id, a.published_iso[:10], a.source, a.title or "(untitled)", a.story_id if a.story_id != a.id else "")
    console.print(table)
    console.print(f"{len(articles)} articles")


def stream_answer(stream: AnswerStream) -> Answer:
    """Print draft pieces as they arrive (LLM engines) and return the final Answer."""
    for piece in stream.pieces():
        console.print(piece, end="", markup=False)
    return stream.answer


def print_answer(answer: Answer, streamed: bool = False) -> None:
    """Print a verified answer and its numbered sources."""
    if streamed:
        console.print()
        if answer.answer.strip():
            console.print("[dim]verified:[/dim]")
    console.print(answer.answer, markup=False)
    for line in unsupported_lines(answer):
        console.print(line, style="yellow", markup=False)
    for warning in answer.warnings:
        if not warning.startswith("unsupported:"):
            console.print(f"[dim]note: {warning}[/dim]")
    if answer.understood is not None and not answer.understood.empty:
        console.print(f"searched with {answer.understood.describe()}", style="dim", markup=False)
    print_sources(answer.citations)


def unsupported_lines(answer: Answer) -> list[str]:
    """One line per unsupported sentence with why (the detail its cited sentence does not state)."""
    return [f"unsupported: \"{s.text[:90]}{'...' if len(s.text) > 90 else ''}\" -- {s.reason or 'not supported by its sources'}"
            for s in answer.sentences if not s.supported]


def print_sources(citations: Sequence[Citation]) -> None:
    """Print a numbered source list: title, outlet, date and the quoted sentence."""
    if not citations:
        return
    console.print()
    console.print("Sources:")
    for c in citations:
        head = c.heading
        also = f" (also carried by {', '.join(c.also_in)})" if c.also_in else ""
        console.print(f"[{c.n}] {head}{also}", markup=False)
        console.print(f"    \u201c{c.quote}\u201d", markup=False)


def print_summary(summary: "Summary") -> None:
    """Print a verified summary, its notes and its numbered sources."""
    console.print(summary.text or "(nothing to summarize)", markup=False)
    for warning in summary.warnings:
        console.print(f"note: {warning}", style="dim", markup=False)
    print_sources(summary.citations)


def print_timeline(timeline: "Timeline") -> None:
    """Print timeline entries (date, basis, text with [n] markers), notes, then the numbered sources."""
    seen: dict[int, Citation] = {}
    for entry in timeline.entries:
        marks = "".join(f"[{c.n}]" for c in entry.citations)
        basis = "" if entry.date_basis == "stated" else " (publication date)"
        console.print(f"{entry.date}{basis}  {entry.text} {marks}", markup=False)
        seen.update({c.n: c for c in entry.citations})
    if not timeline.entries:
        console.print(timeline.note or "(no dated events found)", markup=False)
    for warning in timeline.warnings:
        console.print(f"note: {warning}", style="dim", markup=False)
    print_sources([seen[n] for n in sorted(seen)])


import typing  # noqa: E402  (appended: the summary/timeline printers' model types)

if typing.TYPE_CHECKING:
    from .ingest import IngestProgress
    from .models import Summary, Timeline
