"""The `ragnews chat` REPL: a thin terminal layer over ChatSession.

On a terminal: prompt_toolkit line editing with history under the home folder, LLM answers
drawn as they stream and replaced by the verified text. Without one (piped stdin/stdout):
plain line reading, one verified answer per question, no ANSI codes, so it can be scripted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text

from .chat import ChatSession, parse_command, parse_filters
from .errors import RagnewsError
from .models import Answer, AnswerStream, Citation

if TYPE_CHECKING:
    from .models import Summary, Timeline
    from .rag import NewsRAG

PROMPT = "ragnews> "
HISTORY_FILE = "chat_history"
HELP = """\
Ask a question; follow-ups ("What did they discuss?") keep the conversation's context.
  /sources                 the last answer's sources with their quotes
  /open N                  source N's article, the cited sentence highlighted
  /summarize [topic]       a cited summary (default: the last question)
  /timeline [topic]        a dated timeline (default: the last question)
  /filter since=YYYY-MM-DD until=YYYY-MM-DD source=NAME   filter the articles (/filter clear; /filter shows them)
  /llm NAME                answer engine: extractive, openai or openai:MODEL (/llm shows it)
  /reset                   forget the conversation
  /help, /quit             this help; leave (Ctrl-D works too, Ctrl-C cancels an answer)"""
Reader = Callable[[], str]


def run(rag: "NewsRAG", since: str | None = None, until: str | None = None, sources: list[str] | None = None,
        llm: str | None = None, model: str | None = None) -> int:
    """Run the chat REPL on stdin/stdout until /quit or end of input; return the exit code."""
    session = rag.chat(since, until, sources, llm, model)
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    console = Console(highlight=False, soft_wrap=True, force_terminal=sys.stdout.isatty())
    errors = Console(stderr=True, highlight=False, soft_wrap=True, force_terminal=sys.stderr.isatty())
    reader = prompt_reader(rag.home) if interactive else line_reader(sys.stdin)
    return ChatRepl(session, console, errors, reader, interactive).loop()


def prompt_reader(home: Path) -> Reader:
    """Return a reader with line editing and persistent history (prompt_toolkit)."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    prompt: PromptSession[str] = PromptSession(history=FileHistory(str(home / HISTORY_FILE)))
    return lambda: prompt.prompt(PROMPT)


def line_reader(stream: TextIO) -> Reader:
    """Return a reader of plain lines from stream (EOFError at its end)."""
    def read() -> str:
        line = stream.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")
    return read


class ChatRepl:
    """Reads lines, runs questions and /commands on a ChatSession, prints the results."""

    def __init__(self, session: ChatSession, console: Console, errors: Console, reader: Reader, interactive: bool) -> None:
        """Bind a session to its input and output."""
        self.session, self.console, self.errors, self.read, self.interactive = session, console, errors, reader, interactive
        self.commands: dict[str, Callable[[str], bool | None]] = {
            "help": self.cmd_help, "?": self.cmd_help, "sources": self.cmd_sources, "open": self.cmd_open,
            "summarize": self.cmd_summarize, "summarise": self.cmd_summarize, "timeline": self.cmd_timeline,
            "filter": self.cmd_filter, "llm": self.cmd_llm, "reset": self.cmd_reset,
            "quit": self.cmd_quit, "exit": self.cmd_quit, "q": self.cmd_quit,
        }

    def loop(self) -> int:
        """Run until /quit or end of input (Ctrl-D); return 0."""
        self.banner()
        while True:
            try:
                line = self.read()
            except KeyboardInterrupt:  # Ctrl-C at the prompt: drop the line, prompt again
                continue
            except EOFError:
                return 0
            if line.strip() and not self.step(line):
                return 0

    def step(self, line: str) -> bool:
        """Handle one line; return False when the session should end. Failures print one line."""
        if not self.interactive:
            self.console.print(f"> {line}", markup=False)
        try:
            return self.handle(line)
        except KeyboardInterrupt:
            self.console.print(Text("cancelled", style="yellow"))
        except RagnewsError as exc:
            self.error(str(exc))
        except Exception as exc:  # the session must go on whatever one line does
            self.error(f"{type(exc).__name__}: {exc}")
        return True

    def handle(self, line: str) -> bool:
        """Run a question or a /command; return False to end the session."""
        command = parse_command(line)
        if command is None:
            self.ask(line)
            return True
        handler = self.commands.get(command.name)
        if handler is None:
            self.console.print(f"unknown command /{command.name}: type /help for the commands", markup=False)
            return True
        return handler(command.arg) is not False

    def banner(self) -> None:
        """Say what is loaded (on a terminal) and warn when the home holds no articles."""
        count = self.session.rag.records.article_count()
        if count == 0:
            self.error(f"no articles in {self.session.rag.home} yet: run `ragnews ingest PATH --home ...` first")
        if self.interactive:
            self.console.print(Text(f"ragnews chat: {count} articles, engine {self.session.engine_name}. "
                                    "Ask a question; /help for commands, Ctrl-D to quit.", style="dim"))

    def error(self, message: str) -> None:
        """Print an error on one line (stderr, after what stdout holds so piped output stays in order)."""
        self.console.file.flush()
        self.errors.print(Text(f"error: {' '.join(message.split())}", style="red"))

    # --- answers ------------------------------------------------------------
    def ask(self, text: str) -> None:
        """Answer a question: show what was searched, the answer (streamed on a terminal) and its sources."""
        standalone = self.session.standalone(text)
        if standalone != text.strip():
            self.console.print(Text(f"searched: {standalone}", style="dim"))
        stream = self.session.ask_stream(text, standalone)
        try:
            if self.interactive and self.session.uses_llm:
                answer = self.stream_live(stream)
            else:
                with self.console.status("searching the articles") if self.interactive else nullcontext():
                    answer = stream.answer
                self.console.print(answer_text(answer))
        finally:
            stream.close()  # on Ctrl-C this closes the LLM stream too
        self.after_answer(answer)

    def stream_live(self, stream: AnswerStream) -> Answer:
        """Draw the draft as it streams, then replace it with the verified answer."""
        from rich.live import Live

        draft = ""
        waiting = Text("searching the articles ...", style="dim")
        # Live redraws by moving the cursor up as many lines as it last drew; with soft wrapping
        # rich counts a long paragraph as one line while the terminal wraps it into several, so the
        # verified answer was drawn over the draft's last line only and cut there. Wrap while live.
        soft_wrap, self.console.soft_wrap = self.console.soft_wrap, False
        try:
            with Live(waiting, console=self.console, auto_refresh=False, vertical_overflow="visible") as live:
                for piece in stream.pieces():
                    draft += piece
                    live.update(Text(draft), refresh=True)
                answer = stream.answer
                live.update(answer_text(answer), refresh=True)
        finally:
            self.console.soft_wrap = soft_wrap
        return answer

    def after_answer(self, answer: Answer) -> None:
        """Print notes about unsupported sentences (with why) and the numbered sources."""
        from ._render import unsupported_lines

        unsupported = [s for s in answer.sentences if not s.supported]
        if unsupported and not answer.abstained:
            self.console.print(Text(f"note: {len(unsupported)} sentence(s) not supported by the cited sources "
                                    "(marked [unsupported])", style="yellow"))
            for line in unsupported_lines(answer):
                self.console.print(Text(line, style="yellow"))
        for warning in answer.warnings:
            if not warning.startswith("unsupported:"):
                self.console.print(Text(f"note: {warning}", style="dim"))
        self.print_sources(answer.citations, quotes=False)

    def print_sources(self, citations: list[Citation], quotes: bool) -> None:
        """Print numbered sources: outlet, date, title; with their quoted sentence when asked."""
        if not citations:
            return
        self.console.print(Text("Sources:", style="bold"))
        for c in citations:
            self.console.print(source_line(c))
            if quotes:
                self.console.print(Text(f"    \u201c{c.quote}\u201d", style="italic"))

    # --- commands -----------------------------------------------------------
    def cmd_help(self, arg: str) -> None:
        """/help."""
        self.console.print(HELP, markup=False)

    def cmd_quit(self, arg: str) -> bool:
        """/quit."""
        return False

    def cmd_reset(self, arg: str) -> None:
        """/reset."""
        self.session.reset()
        self.console.print(f"conversation cleared (filters: {self.session.filters.describe()})", markup=False)

    def cmd_sources(self, arg: str) -> None:
        """/sources: the last answer's sources with quotes."""
        citations = self.session.sources()
        if not citations:
            self.console.print("no sources yet: ask a question first", markup=False)
        self.print_sources(citations, quotes=True)

    def cmd_open(self, arg: str) -> None:
        """/open N: the article of source N with the cited sentence highlighted."""
        if not arg.strip().isdigit():
            raise RagnewsError("usage: /open N, where N is a source number of the last answer")
        opened = self.session.open(int(arg))
        a = opened.article
        self.console.print(Text(a.title or "(untitled)", style="bold"))
        meta = " · ".join(x for x in (a.source, a.published_iso[:10], a.url or a.path, f"id {a.id}") if x)
        self.console.print(Text(meta, style="dim"))
        self.console.print(highlighted(a.body, opened.start, opened.end, self.console.is_terminal))

    def cmd_filter(self, arg: str) -> None:
        """/filter since=... until=... source=... | clear | (nothing: show)."""
        if arg.strip():
            self.session.set_filters(parse_filters(arg, self.session.filters))
        self.console.print(f"filters: {self.session.filters.describe()}", markup=False)

    def cmd_llm(self, arg: str) -> None:
        """/llm NAME: switch the answer engine (nothing: show it)."""
        name = self.session.set_engine(arg) if arg.strip() else self.session.engine_name
        self.console.print(f"engine: {name}", markup=False)

    def cmd_summarize(self, arg: str) -> None:
        """/summarize [topic]."""
        summary: Summary = self.session.summarize(arg or None)
        self.console.print(marked(summary.text))
        self.print_sources(summary.citations, quotes=True)

    def cmd_timeline(self, arg: str) -> None:
        """/timeline [topic]."""
        timeline: Timeline = self.session.timeline(arg or None)
        if not timeline.entries:
            self.console.print("no dated events found", markup=False)
        citations: dict[tuple[str, int], Citation] = {}
        for entry in timeline.entries:
            basis = "" if entry.date_basis == "stated" else " (published)"
            line = Text(f"{entry.date}{basis}  ", style="bold")
            line.append_text(marked(entry.text + " " + "".join(f"[{c.n}]" for c in entry.citations)))
            self.console.print(line)
            citations.update({(c.article_id, c.n): c for c in entry.citations})
        self.print_sources(sorted(citations.values(), key=lambda c: c.n), quotes=True)


def marked(text: str) -> Text:
    """Return text with its [n] markers and [unsupported] flags styled."""
    out = Text(text)
    out.highlight_regex(r"\[\d+\]", "cyan")
    out.highlight_regex(r"\[unsupported\]", "bold red")
    return out


def answer_text(answer: Answer) -> Text:
    """Return the answer text for display (abstentions dimmed)."""
    return Text(answer.answer, style="dim") if answer.abstained else marked(answer.answer)


def source_line(c: Citation) -> Text:
    """Return '[n] outlet, date: title (also carried by ...)' for one citation."""
    head = f"{c.outlet}, {c.date}"
    also = f" (also carried by {', '.join(c.also_in)})" if c.also_in else ""
    line = Text()
    line.append(f"[{c.n}] ", style="cyan")
    line.append(f"{head}: {c.title or '(untitled)'}{also}")
    return line


def highlighted(body: str, start: int, end: int, terminal: bool) -> Text:
    """Return an article body with [start, end) highlighted (between » « when there are no colours)."""
    if not terminal:
        return Text(f"{body[:start]}»{body[start:end]}«{body[end:]}")
    text = Text(body)
    text.stylize("bold reverse", start, end)
    return text
