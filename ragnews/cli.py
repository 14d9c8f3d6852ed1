"""The `ragnews` command: a thin layer over NewsRAG; the only place errors become exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .errors import ConfigError, EmptyError, LLMError, NotFoundError, RagnewsError
from .providers import EXTRACTIVE, engine_names
from .settings import Settings

EXIT_OK, EXIT_FAILED_INPUTS, EXIT_ERROR, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2, 3, 64
Handler = Callable[[argparse.Namespace], int]
#: What to do after an LLM failure (the adapter's message says what failed).
_LLM_NEXT_STEP = ("retry later, check RAGNEWS_OPENAI_BASE_URL and RAGNEWS_MODEL, or answer offline with --llm extractive "
                  "(RAGNEWS_LLM_FALLBACK=true does that automatically)")
_HANDLERS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    """Register a sub-command handler."""
    def register(fn: Handler) -> Handler:
        _HANDLERS[name] = fn
        return fn
    return register


def _common() -> argparse.ArgumentParser:
    """Options every command takes."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", help="ragnews data folder (env RAGNEWS_HOME)")
    common.add_argument("--chroma-url", help="Chroma server URL, e.g. http://127.0.0.1:8000 (env RAGNEWS_CHROMA_URL)")
    return common


def _filters(p: argparse.ArgumentParser) -> None:
    """Add the date and outlet filters."""
    p.add_argument("--since", help="only articles published on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", help="only articles published on or before this date (YYYY-MM-DD)")
    p.add_argument("--source", action="append", dest="sources", help="only this outlet (repeatable)")


def _engine(p: argparse.ArgumentParser) -> None:
    """Add the answer-engine options."""
    p.add_argument("--llm", choices=engine_names(), help="answer engine (default: extractive, offline; providers: ragnews/providers.py)")
    p.add_argument("--model", help="model name for an LLM engine (--llm openai)")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every sub-command."""
    common = _common()
    parser = argparse.ArgumentParser(prog="ragnews", description="Ask questions of news articles; every answer cites its sources.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", parents=[common], help="load articles (files, folders, globs)")
    p.add_argument("paths", nargs="+", help="files, folders or glob patterns (.txt .md .json .jsonl .html .sgm)")
    p = sub.add_parser("articles", parents=[common], help="list stored articles")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("ask", parents=[common], help="answer a question with citations")
    p.add_argument("question")
    _filters(p)
    _engine(p)
    p.add_argument("-k", type=int, help="passages to use")
    p.add_argument("--json", action="store_true", help="print the Answer as JSON")
    p = sub.add_parser("summarize", parents=[common], help="summarize one article or a topic")
    p.add_argument("article_id", nargs="?", help="id of the article to summarize")
    p.add_argument("--query", help="summarize this topic across articles instead")
    p.add_argument("--words", type=int, help="word budget")
    _filters(p)
    _engine(p)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("timeline", parents=[common], help="a dated timeline of a story")
    p.add_argument("query")
    _filters(p)
    _engine(p)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("chat", parents=[common], help="interactive questions with follow-ups")
    _filters(p)
    _engine(p)
    p = sub.add_parser("doctor", parents=[common], help="check a home's stores against each other; --repair rebuilds them")
    p.add_argument("--repair", action="store_true", help="rebuild the lexical index and the vector store from the records")
    from .eval.suites import SUITES, describe

    p = sub.add_parser("eval", parents=[common], help="run an evaluation suite", epilog="suites:\n" + describe(),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("suite", help=" | ".join(SUITES))
    p.add_argument("--data", help="data folder (examples: default the packaged set; others: default ../shared/data)")
    _engine(p)
    p.add_argument("--retriever", choices=["bm25", "dense", "hybrid"])
    p.add_argument("--compare", action="store_true", help="run bm25, dense and hybrid side by side")
    p.add_argument("--limit", type=int, help="at most this many questions/documents")
    p.add_argument("--out", help="folder for results.json and report.md")
    p.add_argument("--split", choices=["all", "dev", "heldout"], default="all",
                   help="realtimeqa: dev weeks (tuning) or held-out weeks (headline numbers)")
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    """Build Settings from the environment plus the command-line overrides."""
    updates: dict[str, Any] = {}
    for arg, field in (("home", "home"), ("chroma_url", "chroma_url"), ("llm", "llm"), ("model", "model"), ("retriever", "retriever"), ("k", "top_k")):
        value = getattr(args, arg, None)
        if value is not None:
            updates[field] = value
    try:
        return Settings(**updates)
    except Exception as exc:  # pydantic ValidationError: name the field
        raise ConfigError(f"invalid setting: {exc}") from exc


def open_rag(args: argparse.Namespace) -> Any:
    """Return a NewsRAG for the parsed arguments."""
    from .rag import NewsRAG

    return NewsRAG(settings=settings_from(args))


@command("ingest")
def _cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest inputs with a progress bar and print a summary."""
    from ._render import ingest_progress, print_ingest_report

    rag = open_rag(args)
    with ingest_progress() as progress:
        report = rag.ingest(args.paths, status=progress)
    print_ingest_report(report)
    return EXIT_OK if report.ok else EXIT_FAILED_INPUTS


@command("articles")
def _cmd_articles(args: argparse.Namespace) -> int:
    """List stored articles."""
    from ._render import print_articles

    rag = open_rag(args)
    articles = rag.articles()
    if not articles and not args.json:
        print(f"nothing to list: {rag.home} holds no articles yet; run `ragnews ingest PATH` first", file=sys.stderr)
        return EXIT_FAILED_INPUTS
    if args.json:
        print(json.dumps([_article_row(a) for a in articles], indent=2, ensure_ascii=False))
    else:
        print_articles(articles)
    return EXIT_OK


@command("ask")
def _cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question; stream LLM output when printing for a person."""
    from ._render import print_answer, stream_answer

    rag = open_rag(args)
    stream = rag.ask_stream(args.question, since=args.since, until=args.until, sources=args.sources, llm=args.llm, model=args.model)
    if args.json:
        print(stream.answer.model_dump_json(indent=2))
        return EXIT_OK
    answer = stream_answer(stream)
    print_answer(answer, streamed=(args.llm or rag.settings.llm) != EXTRACTIVE)
    return EXIT_OK


@command("doctor")
def _cmd_doctor(args: argparse.Namespace) -> int:
    """Print the home's counts and one line per problem; with --repair fix them first. Exit 1 while problems remain."""
    from ._render import console

    rag = open_rag(args)
    if args.repair:
        repaired = rag.repair()
        for action in repaired.actions or ["nothing to repair"]:
            console.print(f"repaired: {action}", markup=False)
        report = repaired.after
    else:
        report = rag.check()
    lines = report.lines()
    console.print(lines[0], markup=False)
    for problem in lines[1:]:
        print(f"problem: {problem}", file=sys.stderr)
    if report.ok:
        console.print("ok: records, lexical index, embedding cache and vector store agree", markup=False)
    return EXIT_OK if report.ok else EXIT_FAILED_INPUTS


@command("eval")
def _cmd_eval(args: argparse.Namespace) -> int:
    """Run an evaluation suite, print its results table and where the report went."""
    from ._render import console
    from .eval.report import print_table
    from .eval.runner import command_line, run

    opts = {"data": args.data, "llm": args.llm, "model": args.model, "retriever": args.retriever,
            "compare": args.compare, "limit": args.limit, "out": args.out, "home": args.home,
            "split": args.split if args.split != "all" else None}
    command = command_line(args.suite, **opts)
    opts["split"] = args.split
    result = run(args.suite, settings=settings_from(args), command=command, **opts)
    print_table(result.results)
    console.print(f"wrote {', '.join(str(p) for p in result.files)}")
    return EXIT_OK


@command("chat")
def _cmd_chat(args: argparse.Namespace) -> int:
    """Run the interactive chat REPL (plain lines in and out when not on a terminal)."""
    from .repl import run

    return run(open_rag(args), since=args.since, until=args.until, sources=args.sources, llm=args.llm, model=args.model)


@command("summarize")
def _cmd_summarize(args: argparse.Namespace) -> int:
    """Summarize one article (ARTICLE_ID) or a topic (--query); print the summary and its sources."""
    from ._render import print_summary

    if bool(args.article_id) == bool(args.query):
        print("ragnews summarize: give either ARTICLE_ID or --query TEXT", file=sys.stderr)
        return EXIT_USAGE
    summary = open_rag(args).summarize(args.article_id, query=args.query, since=args.since, until=args.until,
                                       sources=args.sources, words=args.words, llm=args.llm, model=args.model)
    if args.json:
        print(summary.model_dump_json(indent=2))
    else:
        print_summary(summary)
    return EXIT_OK


@command("timeline")
def _cmd_timeline(args: argparse.Namespace) -> int:
    """Print a dated, cited timeline of a story."""
    from ._render import print_timeline

    result = open_rag(args).timeline(args.query, since=args.since, until=args.until, sources=args.sources,
                                     llm=args.llm, model=args.model)
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        print_timeline(result)
    return EXIT_OK


def _article_row(article: Any) -> dict[str, Any]:
    """Return the JSON listing of one article (no body; planted_instructions: body offsets of sentences addressed to AI readers)."""
    from .injection import article_flags

    return {
        "id": article.id, "published": article.published_iso, "source": article.source, "wire": article.wire,
        "title": article.title, "story_id": article.story_id, "url": article.url, "path": article.path,
        "planted_instructions": [list(span) for span in article_flags(article)],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args = build_parser().parse_args(argv)
    handler = _HANDLERS[args.command]  # every sub-command of build_parser has a handler
    from ._render import warnings_channel

    try:
        with warnings_channel():
            return handler(args)
    except EmptyError as exc:
        print(f"nothing to search: {exc}", file=sys.stderr)
        return EXIT_FAILED_INPUTS
    except NotFoundError as exc:
        print(f"not found: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except LLMError as exc:
        print(f"error: {exc}; {_LLM_NEXT_STEP}", file=sys.stderr)
        return EXIT_ERROR
    except RagnewsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
