"""Fault suite: each fault gives one line naming the file or setting and the next step, never a traceback.

Runs the real `ragnews` command in child processes (as a user would) over damaged, moved,
read-only and full homes. Bounded in time: it reuses the session's example home.
"""

from __future__ import annotations

import shutil
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import EXAMPLES, run_read_only

QUESTION = "Who visited Korea?"


@pytest.fixture
def ragnews(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the `ragnews` command in this process (what `python -m ragnews ARGV` runs; a child costs seconds)."""
    from ragnews.cli import main

    def run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        with monkeypatch.context() as m:
            for key, value in (env or {}).items():
                m.setenv(key, value)
            code = main(list(argv))
        out = capsys.readouterr()
        return subprocess.CompletedProcess(list(argv), code, out.out, out.err)

    return run


def assert_one_line(result: subprocess.CompletedProcess[str], *must: str) -> str:
    """The run failed with exactly one stderr line, no traceback, containing every `must`."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr and len(lines) == 1, result.stderr[-3000:]
    for text in must:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def home(example_home: Path, tmp_path: Path) -> Path:
    """A private copy of the ingested example home."""
    copy = tmp_path / "home"
    shutil.copytree(example_home, copy)
    return copy


def test_truncated_chroma_file_is_one_line_naming_doctor_repair_for_ask_and_ingest(home: Path, ragnews: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    db = home / "chroma" / "chroma.sqlite3"
    db.write_bytes(db.read_bytes()[:40000])
    for argv in (["ask", QUESTION], ["ingest", str(EXAMPLES)], ["timeline", "Korea"]):
        result = ragnews(*argv, "--home", str(home))
        assert result.returncode == 2
        assert_one_line(result, str(home / "chroma"), "ragnews doctor --repair")
    assert ragnews("doctor", "--repair", "--home", str(home)).returncode == 0
    assert ragnews("ask", QUESTION, "--home", str(home)).returncode == 0


def test_moved_away_chroma_is_one_line_not_a_bm25_only_answer_or_a_skipping_ingest(home: Path, tmp_path: Path, ragnews: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    shutil.move(home / "chroma", tmp_path / "elsewhere")
    for argv in (["ask", QUESTION], ["ingest", str(EXAMPLES)]):
        result = ragnews(*argv, "--home", str(home))
        assert result.returncode == 2
        assert_one_line(result, "ragnews doctor --repair")
    repaired = ragnews("doctor", "--repair", "--home", str(home))
    assert repaired.returncode == 0 and "0 embedded" in repaired.stdout, repaired.stdout


def test_read_only_home_answers_and_lists_and_refuses_ingest_in_one_line(home: Path) -> None:
    asked = run_read_only(home, "ask", QUESTION, "--home", str(home), "--json")
    assert asked.returncode == 0 and "Traceback" not in asked.stderr, asked.stderr[-3000:]
    assert '"dense_rank": 1' in asked.stdout  # the dense side works without Chroma opening its files
    for argv in (["articles"], ["summarize", "--query", "Korea"], ["timeline", "Korea"]):
        result = run_read_only(home, *argv, "--home", str(home))
        assert result.returncode == 0 and not result.stderr.strip(), (argv, result.stderr[-3000:])
    chat = run_read_only(home, "chat", "--home", str(home), stdin="Who visited Seoul?\n")
    assert chat.returncode == 0 and "Sung Kim" in chat.stdout and not chat.stderr.strip(), chat.stderr[-3000:]
    ingest = run_read_only(home, "ingest", str(EXAMPLES), "--home", str(home))
    assert ingest.returncode == 2
    line = assert_one_line(ingest, str(home), "read-only")
    assert "move" not in line and "re-ingest" not in line  # no advice that throws away good data


def test_ingest_failures_go_to_stderr_as_file_line_without_doubled_words(tmp_path: Path, ragnews: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    feed = tmp_path / "bad.jsonl"
    feed.write_text('{"title": "A", "body": "Officials met in Geneva on Monday to discuss aid."}\n{"title": "unterminated\n'
                    '{"title": "no body"}\n', encoding="utf-8")
    result = ragnews("ingest", str(feed), "--home", str(tmp_path / "h"))
    assert result.returncode == 1 and "failed" not in result.stdout.replace("failed: 2", "")
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ")[1] for line in lines] == [f"{feed}:2", f"{feed}:3"], lines
    assert all(" at at " not in line and "#" not in line for line in lines)


def test_llm_fallback_warning_is_one_plain_line_without_a_source_path(home: Path, ragnews: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    env = {"RAGNEWS_LLM": "openai", "RAGNEWS_OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "RAGNEWS_OPENAI_API_KEY": "test-key",
           "RAGNEWS_LLM_FALLBACK": "true", "RAGNEWS_LLM_MAX_RETRIES": "0", "RAGNEWS_LLM_TIMEOUT": "2"}
    result = ragnews("ask", QUESTION, "--home", str(home), env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    line = assert_one_line(result, "warning: the LLM failed, answered extractively instead")
    assert ".py" not in line and "UserWarning" not in line and "test-key" not in line


class _Stub:
    """A loopback OpenAI-compatible endpoint that fails in one chosen way; counts the requests it got."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.hits: dict[str, int] = {}
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                mode = self.path.strip("/").split("/")[0]
                stub.hits[mode] = stub.hits.get(mode, 0) + 1
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if mode == "timeout":
                    import time

                    time.sleep(3)
                    return
                status, body = {"429": (429, b'{"error": {"message": "rate limited"}}'),
                                "500": (500, b'{"error": {"message": "boom"}}'),
                                "503": (503, b"<html>down</html>"),
                                "garbage": (200, b"this is not json {")}[mode]
                self.send_response(status)
                self.send_header("Content-Type", "text/html" if mode == "503" else "application/json")
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def llm_stub() -> Iterator[_Stub]:
    """The failing endpoint, for this module."""
    stub = _Stub()
    yield stub
    stub.server.shutdown()


@pytest.mark.parametrize("mode", ["429", "500", "503", "timeout", "garbage"])
def test_llm_endpoint_failures_are_one_line_after_bounded_retries(example_home: Path, llm_stub: _Stub, mode: str, ragnews: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    env = {"RAGNEWS_OPENAI_BASE_URL": f"{llm_stub.url}/{mode}/v1", "RAGNEWS_OPENAI_API_KEY": "sk-test-secret",
           "RAGNEWS_LLM_MAX_RETRIES": "1", "RAGNEWS_LLM_TIMEOUT": "1"}
    result = ragnews("ask", QUESTION, "--llm", "openai", "--home", str(example_home), env=env)
    assert result.returncode == 2, result.stdout[-500:]
    line = assert_one_line(result, "127.0.0.1" if mode != "garbage" else "returned no readable text")
    assert "sk-test-secret" not in line and ("RAGNEWS_" in line or "OPENAI_" in line), line
    if mode in ("429", "500", "503"):
        assert llm_stub.hits[mode] == 2  # one retry, then the error
    fallback = ragnews("ask", QUESTION, "--llm", "openai", "--home", str(example_home), env={**env, "RAGNEWS_LLM_FALLBACK": "true"})
    assert fallback.returncode == 0 and "Sung Kim" in fallback.stdout
    assert_one_line(fallback, "warning: the LLM failed, answered extractively instead")


def test_disk_full_on_the_sqlite_file_is_one_line_and_a_later_run_completes(tmp_path: Path, embedder) -> None:
    from ragnews import NewsRAG, Settings, StoreError

    settings = Settings(home=tmp_path / "h", chroma_url=None, llm="extractive")
    with NewsRAG(settings=settings, embedder=embedder) as rag:
        pages = rag.records._db.execute("PRAGMA page_count").fetchone()[0]
        rag.records._db.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite's own "disk" now holds 2 more pages
        with pytest.raises(StoreError) as err:
            rag.ingest(EXAMPLES)
    message = str(err.value)
    assert "\n" not in message and "ragnews.db" in message and "disk is full" in message and "free space" in message, message
    with NewsRAG(settings=settings, embedder=embedder) as rag:  # space is back
        assert rag.ingest(EXAMPLES).summary()["failed"] == 0
        assert rag.check().ok and rag.records.article_count() == 3


def test_two_concurrent_ingests_into_one_home_leave_a_consistent_home(tmp_path: Path, embedder) -> None:
    import subprocess
    import sys

    from ragnews import NewsRAG, Settings

    from ._faults_kill import corpora
    from .conftest import ROOT

    corpus = corpora(tmp_path)
    home = tmp_path / "h"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "ragnews", "ingest", str(corpus[v]), "--home", str(home)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for v in ("v1", "v2")]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    assert all(code == 0 and "Traceback" not in err for _, err, code in results), results
    with NewsRAG(settings=Settings(home=home, chroma_url=None, llm="extractive"), embedder=embedder) as rag:
        report = rag.check()
        assert report.ok, report.problems
        assert report.articles == 12  # v1 and v2 share urls: whichever ran last owns each key
