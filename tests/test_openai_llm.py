"""OpenAILLM against a local fault-injecting HTTP server, plus one recorded real-server cassette."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ragnews.adapters.openai_llm import PLACEHOLDER_KEY, OpenAILLM
from ragnews.errors import ConfigError, LLMError
from ragnews.settings import Settings
from tests._vcr import CASSETTES, recording, vcr_for

KEY = "sk-test-SECRET-123"
FAST_RETRY = {"retry-after-ms": "10"}  # the SDK's public way to shorten its backoff
MESSAGES = [{"role": "user", "content": "Say hello."}]
REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.enable_socket  # only ever talks to 127.0.0.1 (no-op without pytest-socket)


@dataclass
class Reply:
    """What the fake server answers to one request."""

    status: int = 200
    body: dict[str, Any] | None = None
    chunks: list[str] | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


def completion(text: str) -> dict[str, Any]:
    """Return a minimal chat.completion body."""
    message = {"role": "assistant", "content": text}
    return {"id": "c1", "object": "chat.completion", "created": 0, "model": "fake",
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}]}


def error_body(message: str) -> dict[str, Any]:
    """Return an OpenAI-style error body."""
    return {"error": {"message": message, "type": "server_error", "code": None}}


def sse_chunk(text: str) -> bytes:
    """Return one server-sent event carrying a chat.completion.chunk delta."""
    chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "fake",
             "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
    return f"data: {json.dumps(chunk)}\n\n".encode()


class FakeServer(ThreadingHTTPServer):
    """Serves POST /v1/chat/completions with the Reply chosen by plan(request_number)."""

    daemon_threads = True

    def __init__(self, plan: Callable[[int], Reply]) -> None:
        """Bind to a free port on 127.0.0.1."""
        super().__init__(("127.0.0.1", 0), Handler)
        self.plan = plan
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()

    @property
    def base_url(self) -> str:
        """Return the /v1 base URL of this server."""
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class Handler(BaseHTTPRequestHandler):
    """Records each request, waits reply.delay, then answers JSON or SSE."""

    protocol_version = "HTTP/1.1"
    server: FakeServer

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        """Answer one chat completion request."""
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
        with self.server.lock:
            self.server.requests.append({"path": self.path, "auth": self.headers.get("authorization"), "body": body})
            reply = self.server.plan(len(self.server.requests))
        time.sleep(reply.delay)
        try:
            self._send_stream(reply) if reply.chunks is not None else self._send_json(reply)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def _send_json(self, reply: Reply) -> None:
        """Send a JSON response with Content-Length."""
        data = json.dumps(reply.body or {}).encode()
        self.send_response(reply.status)
        for name, value in {"content-type": "application/json", "content-length": str(len(data)), **reply.headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_stream(self, reply: Reply) -> None:
        """Send an SSE stream of reply.chunks, then [DONE], then close."""
        self.send_response(reply.status)
        self.send_header("content-type", "text/event-stream")
        self.send_header("connection", "close")
        self.end_headers()
        for text in reply.chunks or []:
            self.wfile.write(sse_chunk(text))
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep test output quiet."""


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[int], Reply]], FakeServer]]:
    """Start fake servers in threads; shut them down after the test."""
    servers: list[FakeServer] = []

    def start(plan: Callable[[int], Reply]) -> FakeServer:
        server = FakeServer(plan)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def make_llm(base_url: str | None, key: str | None = KEY, **overrides: Any) -> OpenAILLM:
    """Return an OpenAILLM for base_url with small, test-friendly limits."""
    values: dict[str, Any] = {"llm": "openai", "model": "fake-model", "openai_base_url": base_url,
                              "openai_api_key": key, "llm_timeout": 5.0, "llm_max_retries": 2}
    return OpenAILLM(Settings(**{**values, **overrides}))


def test_429_twice_then_ok(serve: Callable[..., FakeServer]) -> None:
    """Two 429s are retried by the SDK and the third answer is returned."""
    limited = Reply(429, error_body("slow down"), headers=FAST_RETRY)
    server = serve(lambda n: limited if n <= 2 else Reply(body=completion("Hello there")))
    assert make_llm(server.base_url).complete(MESSAGES) == "Hello there"
    assert len(server.requests) == 3
    assert server.requests[0]["path"] == "/v1/chat/completions"
    assert server.requests[0]["auth"] == f"Bearer {KEY}"
    assert server.requests[0]["body"]["messages"] == MESSAGES


def test_complete_scored_asks_for_logprobs_and_returns_them(serve: Callable[..., FakeServer]) -> None:
    """The request asks for logprobs; each token's alternatives (token -> logprob) come back, or None when the endpoint sends none."""
    scored = completion("SENTENCE: 3")
    scored["choices"][0]["logprobs"] = {"content": [
        {"token": "SENTENCE", "logprob": -0.25, "bytes": None, "top_logprobs": [
            {"token": "SENTENCE", "logprob": -0.25, "bytes": None}, {"token": "ANSWER", "logprob": -1.75, "bytes": None}]},
        {"token": ": 3", "logprob": -1.5, "bytes": None, "top_logprobs": []}]}
    server = serve(lambda n: Reply(body=scored if n == 1 else completion("SENTENCE: 3")))
    llm = make_llm(server.base_url)
    assert llm.complete_scored(MESSAGES) == ("SENTENCE: 3", [{"SENTENCE": -0.25, "ANSWER": -1.75}, {": 3": -1.5}])
    assert server.requests[0]["body"]["logprobs"] is True and server.requests[0]["body"]["top_logprobs"] == 5
    assert llm.complete_scored(MESSAGES) == ("SENTENCE: 3", None)


def test_500_gives_llmerror_without_key(serve: Callable[..., FakeServer]) -> None:
    """Persistent 500s end in LLMError after max_retries+1 requests; the key never shows."""
    server = serve(lambda n: Reply(500, error_body(f"upstream broke for key {KEY}"), headers=FAST_RETRY))
    with pytest.raises(LLMError) as info:
        make_llm(server.base_url, llm_max_retries=2).complete(MESSAGES)
    message = str(info.value)
    assert len(server.requests) == 3
    assert "HTTP 500" in message and "after 2 retries" in message and "127.0.0.1" in message
    assert "SECRET" not in message and KEY not in repr(info.value)
    assert info.value.__suppress_context__  # tracebacks do not print the SDK error either


def test_timeout_is_bounded(serve: Callable[..., FakeServer]) -> None:
    """A reply slower than the timeout gives LLMError 'timed out' after 1 retry, quickly."""
    server = serve(lambda n: Reply(body=completion("too late"), delay=2.0))
    started = time.monotonic()
    with pytest.raises(LLMError, match="timed out after 1 retries") as info:
        make_llm(server.base_url, llm_timeout=0.5, llm_max_retries=1).complete(MESSAGES)
    elapsed = time.monotonic() - started
    assert len(server.requests) == 2
    assert elapsed < 3.0, f"took {elapsed:.1f} s"
    assert "SECRET" not in str(info.value)


def test_stream_yields_chunks_in_order(serve: Callable[..., FakeServer]) -> None:
    """An SSE stream of three chunks is yielded as three deltas, in order."""
    server = serve(lambda n: Reply(chunks=["Hel", "lo ", "world"]))
    assert list(make_llm(server.base_url).stream(MESSAGES)) == ["Hel", "lo ", "world"]
    assert server.requests[0]["body"]["stream"] is True


def test_stream_error_is_llmerror(serve: Callable[..., FakeServer]) -> None:
    """A failing streamed request raises LLMError from the iterator."""
    server = serve(lambda n: Reply(503, error_body("overloaded"), headers=FAST_RETRY))
    with pytest.raises(LLMError, match="HTTP 503"):
        list(make_llm(server.base_url, llm_max_retries=1).stream(MESSAGES))
    assert len(server.requests) == 2


def test_401_is_not_retried(serve: Callable[..., FakeServer]) -> None:
    """An auth failure is reported at once with a hint and without the key."""
    server = serve(lambda n: Reply(401, error_body(f"Incorrect API key provided: {KEY}")))
    with pytest.raises(LLMError) as info:
        make_llm(server.base_url).complete(MESSAGES)
    assert len(server.requests) == 1
    assert "HTTP 401" in str(info.value) and "OPENAI_API_KEY" in str(info.value)
    assert "SECRET" not in str(info.value)


def test_placeholder_key_for_local_server(serve: Callable[..., FakeServer]) -> None:
    """With a base URL but no key, a placeholder key is sent."""
    server = serve(lambda n: Reply(body=completion("ok")))
    llm = make_llm(server.base_url, key=None)
    assert llm.complete(MESSAGES) == "ok"
    assert server.requests[0]["auth"] == f"Bearer {PLACEHOLDER_KEY}"
    assert llm.name == "openai:fake-model"


def test_no_key_no_base_url_is_configerror() -> None:
    """Neither key nor base URL: ConfigError naming both variables."""
    with pytest.raises(ConfigError, match="OPENAI_API_KEY.*OPENAI_BASE_URL"):
        make_llm(None, key=None)


def test_import_does_not_load_openai() -> None:
    """Importing the adapter must not import the openai SDK."""
    code = "import sys, ragnews.adapters.openai_llm; print('openai' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# Recorded from a local llama.cpp server (scripts/local_llm.py; see tests/cassettes/README.md); replayed offline.
CASSETTE_URL = "http://127.0.0.1:8089/v1"
CASSETTE_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"  # the --model_alias scripts/local_llm.py gives the server
CASSETTE_MESSAGES = [
    {"role": "system", "content": "You are a helpful assistant. Answer in one short sentence."},
    {"role": "user", "content": "What colour is the sky on a clear day?"},
]


def test_cassette_complete() -> None:
    """Replay a real llama.cpp completion: the reply text arrives whole; the cassette stores no credentials."""
    llm = make_llm(CASSETTE_URL, key="sk-dummy-not-a-secret", model=CASSETTE_MODEL,
                   llm_max_retries=0, llm_timeout=120.0, temperature=0.0)
    with vcr_for("llm_complete").use_cassette("llm_complete") as cassette:
        reply = llm.complete(CASSETTE_MESSAGES)
    assert "blue" in reply.lower() and len(reply.split()) < 30  # a real, short answer to the question
    assert recording() or cassette.play_count == 1  # replayed, not fetched
    stored = (CASSETTES / "llm_complete.yaml").read_text(encoding="utf-8")
    assert "authorization" not in stored.lower()
    assert "sk-dummy-not-a-secret" not in stored


def test_context_overflow_names_the_setting(serve: Callable[..., FakeServer]) -> None:
    """A 400 for a prompt longer than the window says which setting fits prompts to it; other 400s do not."""
    llama = "the request exceeds the available context size, try increasing it"
    server = serve(lambda n: Reply(400, error_body(llama)))
    with pytest.raises(LLMError) as info:
        make_llm(server.base_url).complete(MESSAGES)
    assert "HTTP 400" in str(info.value) and "RAGNEWS_LLM_CONTEXT_TOKENS" in str(info.value)
    other = serve(lambda n: Reply(400, error_body("unknown field: foo")))
    with pytest.raises(LLMError) as info:
        make_llm(other.base_url).complete(MESSAGES)
    assert "RAGNEWS_LLM_CONTEXT_TOKENS" not in str(info.value)
