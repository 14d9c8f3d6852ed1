"""`ragnews chat` driven as a user would: piped stdin (scripted) and a pseudo-terminal (pexpect).

The articles are the three ingested examples (a private copy of the session's example home, so
nothing is re-embedded). The LLM tests talk to a local OpenAI-compatible stub on 127.0.0.1 that
streams slowly, so that streaming and Ctrl-C during an answer can be observed for real.
"""

from __future__ import annotations

import json
import os
import re
import signal
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ragnews._text import sentence_spans
from tests.conftest import ROOT

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")
pytestmark = pytest.mark.enable_socket  # the stub LLM listens on 127.0.0.1 only

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PROMPT = "ragnews>"
ALTERED_ANSWER = "The five-day joint military exercise began on Aug. 16 [{n}]."
SOURCE_1 = re.compile(r'<source n="1"[^>]*>\n(.*?)\n</source>', re.S)


@pytest.fixture
def home(example_home: Path, tmp_path: Path) -> Path:
    """A writable copy of the ingested example home."""
    return Path(shutil.copytree(example_home, tmp_path / "home"))


def chat_env(**extra: str) -> dict[str, str]:
    """Return an environment for a `ragnews chat` child: offline, no colour forcing, no proxies, no keys."""
    drop = ("RAGNEWS_", "OPENAI_", "FORCE_COLOR", "NO_COLOR", "CLICOLOR", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(drop)}
    env.update(PYTHONPATH=str(ROOT), TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", HF_HUB_OFFLINE="1",
               NO_PROXY="127.0.0.1,localhost", RAGNEWS_LLM="extractive", RAGNEWS_LLM_MAX_RETRIES="0", RAGNEWS_LLM_TIMEOUT="5")
    env.update(extra)
    return env


def run_piped(home: Path, script: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m ragnews chat --home HOME` with script on stdin and capture its output."""
    return subprocess.run([sys.executable, "-m", "ragnews", "chat", "--home", str(home)], input=script, capture_output=True,
                          text=True, timeout=60, cwd=ROOT, env=chat_env(**env))


def blocks(stdout: str) -> dict[str, str]:
    """Split piped output into {echoed input line: what was printed for it}."""
    out: dict[str, str] = {}
    for part in re.split(r"^> ", stdout, flags=re.M)[1:]:
        line, _, rest = part.partition("\n")
        out[line] = rest
    return out


# --- piped stdin -------------------------------------------------------------

def test_piped_session_answers_follow_ups_with_sources_and_no_ansi(home: Path) -> None:
    script = ("Who did Sung Kim meet in Seoul?\nWhat did they discuss?\n/sources\n/open 1\n/open 9\n/bogus\n"
              "/filter since=2021-13-01\n/filter until=2021-07-01\nWhat did Noh say?\n/summarize\n/quit\nnever asked\n")
    result = run_piped(home, script)
    assert result.returncode == 0, result.stderr
    assert not ANSI.search(result.stdout) and not ANSI.search(result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    out = blocks(result.stdout)
    assert "never asked" not in out  # /quit ended the session
    first, follow = out["Who did Sung Kim meet in Seoul?"], out["What did they discuss?"]
    assert first.startswith("Noh Kyu-duk") and re.search(r"^Sources:\n\[1\] ", first, re.M)  # the answer comes first
    searched = re.search(r"^searched: (.*)$", follow, re.M)
    assert searched and "Sung Kim" in searched.group(1)  # the follow-up was searched with its context
    assert re.search(r"\[1\] Reuters, 2021-\d\d-\d\d", follow)
    quotes = re.findall(r"^    \u201c(.*)\u201d$", out["/sources"], re.M)
    assert quotes and any("discuss" in q for q in quotes)
    assert f"»{quotes[0]}«" in out["/open 1"]  # the cited sentence is marked inside its article
    assert "unknown command /bogus" in out["/bogus"]
    errors = result.stderr.strip().splitlines()
    assert any("source [9]" in e for e in errors)
    assert any("2021-13-01" in e for e in errors) and all(e.startswith("error: ") for e in errors)
    assert "filters: until=2021-07-01" in out["/filter until=2021-07-01"]
    assert re.search(r"\[\d\] Reuters, 2021-06-21", out["What did Noh say?"])  # only the June article is left
    assert "2021-08-23" not in out["What did Noh say?"]
    summary = out["/summarize"]  # summarizes the last question within the filters, with quoted sources
    assert re.search(r"^Sources:\n\[1\] Reuters, 2021-06-21", summary, re.M) and "\u201c" in summary


def test_piped_session_survives_a_missing_llm_and_ends_at_eof(home: Path) -> None:
    closed_port = _free_port()
    script = "Who did Sung Kim meet in Seoul?\n/llm openai\nWhat did they discuss?\n/llm extractive\nWhat did they discuss?\n"
    result = run_piped(home, script, OPENAI_BASE_URL=f"http://127.0.0.1:{closed_port}/v1")
    assert result.returncode == 0  # end of input exits cleanly
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("error: ") and f"127.0.0.1:{closed_port}" in errors[0]
    out = blocks(result.stdout)
    assert "engine: openai:" in out["/llm openai"] and "engine: extractive" in out["/llm extractive"]
    assert "Sources:" in result.stdout.split("> /llm extractive")[1]  # the session went on after the error


def _free_port() -> int:
    """Return a local port nothing listens on."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- a streaming OpenAI-compatible stub -----------------------------------------

class StubLLM(ThreadingHTTPServer):
    """Answers chat completions: condense requests get a rewrite, answers stream source 1's first sentence."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _StubHandler)
        self.finished = threading.Event()  # set when a streamed answer has been sent completely
        self.sent: list[str] = []  # the pieces of the answer being streamed
        self.condensed: list[str] = []

    @property
    def url(self) -> str:
        """The base URL to give as OPENAI_BASE_URL."""
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _StubHandler(BaseHTTPRequestHandler):
    server: StubLLM

    def log_message(self, *args: object) -> None:
        """Stay quiet."""

    def do_POST(self) -> None:
        """Serve /v1/chat/completions."""
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        user = body["messages"][-1]["content"]
        if "Follow-up question:" in user:
            question = user.split("Follow-up question:")[1].split("\n")[0].strip()
            self.server.condensed.append(question)
            self._json(_completion(f"Standalone question: {question.replace('they', 'Sung Kim and Noh Kyu-duk')}"))
        elif "five-day" in user.split("Question:")[-1]:  # a careless model: one detail of its source changed
            sources = dict(re.findall(r'<source n="(\d+)"[^>]*>\n(.*?)\n</source>', user, re.S))
            n = next(k for k, text in sources.items() if "nine-day" in text)
            self._stream(f"{_first_sentence(user)} [1] {ALTERED_ANSWER.format(n=n)}".split(" "), delay=0.01)
        else:
            words = _first_sentence(user).split(" ")
            if "slowly" in user.split("Question:")[-1]:  # ~32 s, so the Ctrl-C lands mid-stream
                self._stream((words * 80)[:80], delay=0.4)  # however slow a loaded machine is
            else:
                self._stream(words, delay=0.1)

    def _json(self, payload: dict[str, object]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, words: list[str], delay: float) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.server.sent = []
        try:
            for i, word in enumerate([*words[:-1], words[-1] + " [1]"]):
                piece = word if i == 0 else " " + word
                self.wfile.write(_sse(piece))
                self.server.sent.append(piece)
                self.wfile.flush()
                time.sleep(delay)
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.server.finished.set()
        except (BrokenPipeError, ConnectionResetError):  # the client cancelled
            pass


def _first_sentence(prompt: str) -> str:
    """Return the first sentence of source 1 in an answer prompt."""
    text = SOURCE_1.search(prompt).group(1)
    start, end = sentence_spans(text)[0]
    return text[start:end]


def _completion(text: str) -> dict[str, object]:
    return {"id": "c1", "object": "chat.completion", "created": 0, "model": "stub",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}]}


def _sse(text: str) -> bytes:
    chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "stub",
             "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
    return f"data: {json.dumps(chunk)}\n\n".encode()


@pytest.fixture
def stub_llm() -> Iterator[StubLLM]:
    """A running stub LLM server."""
    server = StubLLM()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


# --- pseudo-terminal ------------------------------------------------------------

def _first_pieces(stub: StubLLM, n: int, timeout: float = 20) -> str:
    """Wait until the stub has streamed n pieces of an answer; return them joined."""
    deadline = time.monotonic() + timeout
    while len(stub.sent) < n and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(stub.sent) >= n, "the stub LLM was not asked for an answer"
    return "".join(stub.sent[:n])


def _default_sigint() -> None:
    """Give the chat child the default Ctrl-C, as a shell gives a foreground command.

    A test run started in the background by a non-interactive shell (`pytest ... &`) ignores
    SIGINT, and an ignored signal stays ignored across exec: the child would never see the Ctrl-C
    (the lost-Ctrl-C time-outs of sessions 5-6, reproduced by running pytest with SIGINT ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spawn(home: Path, rows: int = 50, cols: int = 200, **env: str) -> Any:
    """Start `ragnews chat` in a pseudo-terminal of rows x cols."""
    child = pexpect.spawn(sys.executable, ["-m", "ragnews", "chat", "--home", str(home)], cwd=str(ROOT),
                          env=chat_env(**env), encoding="utf-8", timeout=30, dimensions=(rows, cols),
                          preexec_fn=_default_sigint)
    child.expect(PROMPT)
    return child


def test_terminal_session_offline_prompt_ctrl_c_and_ctrl_d(home: Path) -> None:
    child = spawn(home)
    try:
        child.sendintr()  # Ctrl-C at the prompt: a fresh prompt, still running
        child.expect(PROMPT)
        child.sendline("Who did Sung Kim meet in Seoul?")
        child.expect("Sources:")
        answer = ANSI.sub("", child.before)
        assert "Sung Kim" in answer and "[1]" in answer
        child.expect(PROMPT)
        child.sendline("What did they discuss?")
        child.expect(r"searched: What did they discuss\? \(Sung Kim")
        child.expect(PROMPT)
        assert (home / "chat_history").read_text().count("Sung Kim meet in Seoul") == 1  # persistent history
        child.sendeof()  # Ctrl-D exits cleanly
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_terminal_session_streams_llm_answers_and_ctrl_c_cancels_one(home: Path, stub_llm: StubLLM) -> None:
    child = spawn(home, RAGNEWS_LLM="openai", RAGNEWS_MODEL="stub", OPENAI_BASE_URL=stub_llm.url)
    try:
        child.sendline("Who did Sung Kim meet in Seoul?")
        child.expect_exact(_first_pieces(stub_llm, 3))  # the first words of the draft ...
        assert not stub_llm.finished.is_set()  # ... are on screen before the stub has sent the rest
        child.expect("Sources:")
        child.expect(PROMPT)
        assert stub_llm.finished.is_set()
        stub_llm.finished.clear()
        stub_llm.sent = []
        child.sendline("What did they discuss, slowly?")
        child.expect(r"searched: What did Sung Kim and Noh Kyu-duk discuss, slowly\?")  # the LLM's condensed question
        child.expect_exact(_first_pieces(stub_llm, 2))  # streaming has started
        started = time.monotonic()
        child.sendintr()  # Ctrl-C while answering
        child.expect("cancelled")
        child.expect(PROMPT)
        assert not stub_llm.finished.is_set()  # cancelled mid-stream, not shown after the stream ended
        assert time.monotonic() - started < 10
        assert stub_llm.condensed == ["What did they discuss, slowly?"]
        child.sendline("/quit")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_unsupported_sentence_reason_is_shown_by_the_repl_and_the_cli(home: Path, stub_llm: StubLLM) -> None:
    question = "When did the five-day joint military exercise begin?"
    env = {"RAGNEWS_LLM": "openai", "OPENAI_BASE_URL": stub_llm.url, "RAGNEWS_MODEL": "stub"}
    out = run_piped(home, f"{question}\n/quit\n", **env)
    assert out.returncode == 0, out.stderr
    printed = blocks(out.stdout)[question]
    assert "[unsupported]" in printed
    assert "'five-day' not in the cited sentence, which says 'nine-day'" in printed
    ask = subprocess.run([sys.executable, "-m", "ragnews", "ask", question, "--home", str(home)], capture_output=True,
                         text=True, timeout=60, cwd=ROOT, env=chat_env(**env))
    assert "'five-day' not in the cited sentence, which says 'nine-day'" in ask.stdout, ask.stdout + ask.stderr


def test_terminal_verified_answer_longer_than_a_line_is_shown_whole(home: Path, stub_llm: StubLLM) -> None:
    """In a narrow terminal the verified answer that replaces the streamed draft keeps all its lines."""
    rows, cols = 40, 50
    child = spawn(home, rows=rows, cols=cols, RAGNEWS_LLM="openai", RAGNEWS_MODEL="stub", OPENAI_BASE_URL=stub_llm.url)
    screen = pyte.Screen(cols, rows)
    terminal = pyte.Stream(screen)
    try:
        terminal.feed(child.before + child.after)
        child.sendline("Who did Sung Kim meet in Seoul?")
        child.expect("Sources:")
        terminal.feed(child.before + child.after)
        child.expect(PROMPT)
        child.sendline("/quit")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    streamed = "".join(stub_llm.sent)
    assert len(streamed) > 2 * cols  # the answer needs several screen lines
    lines = [line.rstrip() for line in screen.display]
    shown = " ".join(" ".join(lines[1 : lines.index("Sources:")]).split())  # after the question's line
    assert " ".join(streamed.split()) in shown  # every word of the answer is on screen, in order
