"""An LLM backed by any OpenAI-compatible chat endpoint (OpenAI, Ollama, llama.cpp, vLLM)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import ConfigError, LLMError
from ..settings import Settings

if TYPE_CHECKING:
    from openai import OpenAI

PLACEHOLDER_KEY = "not-needed"
_RETRIED_STATUSES = frozenset({408, 409, 429})
_DETAIL_CHARS = 200


def _api_key(settings: Settings) -> str:
    """Return the API key to send, a placeholder for keyless local servers, or raise ConfigError."""
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
    if key:
        return key
    if settings.openai_base_url:
        return PLACEHOLDER_KEY
    raise ConfigError(
        "the openai LLM needs an endpoint: set OPENAI_API_KEY (for api.openai.com) "
        "or OPENAI_BASE_URL (for a local OpenAI-compatible server such as Ollama or llama.cpp)"
    )


def _host(settings: Settings) -> str:
    """Return the endpoint host[:port] named in error messages."""
    url = settings.openai_base_url or "https://api.openai.com/v1"
    return urlsplit(url).netloc or url


def _status_detail(err: Any) -> str:
    """Return a short, single-line description of an HTTP error body."""
    body = getattr(err, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        text = str(inner.get("message", inner)) if isinstance(inner, dict) else str(inner)
    else:
        text = str(body) if body else getattr(err, "message", "")
    text = " ".join(text.split())
    return text[:_DETAIL_CHARS] + ("..." if len(text) > _DETAIL_CHARS else "")


def _context_hint(code: int, detail: str) -> str:
    """Return the next step when an endpoint refused a prompt longer than its context window."""
    if code == 400 and "context" in detail.lower():
        return "; set RAGNEWS_LLM_CONTEXT_TOKENS to the model's context window (e.g. 4096) so prompts are fitted to it"
    return ""


def describe_error(err: BaseException, settings: Settings, key: str) -> str:
    """Turn an openai/transport exception into a readable message that never contains the key."""
    import openai

    host, retries = _host(settings), settings.llm_max_retries
    if isinstance(err, openai.APITimeoutError):
        msg = f"LLM request to {host} timed out after {retries} retries ({settings.llm_timeout:g} s per attempt)"
    elif isinstance(err, openai.APIConnectionError):
        cause = type(err.__cause__).__name__ if err.__cause__ else "connection error"
        msg = f"could not reach LLM endpoint {host} after {retries} retries ({cause})"
    elif isinstance(err, openai.APIStatusError):
        code = err.status_code
        tried = f" after {retries} retries" if code in _RETRIED_STATUSES or code >= 500 else ""
        hint = "; check OPENAI_API_KEY" if code in (401, 403) else _context_hint(code, _status_detail(err))
        msg = f"LLM endpoint {host} returned HTTP {code}{tried}: {_status_detail(err)}{hint}"
    else:
        msg = f"LLM call to {host} failed ({type(err).__name__}): {err}"
    return msg.replace(key, "***") if key else msg


def _transport_errors() -> tuple[type[BaseException], ...]:
    """Return the exception types an SDK call or stream iteration can raise."""
    import openai

    try:
        import httpx2  # the transport of openai>=3; errors can escape while a stream is read

        return (openai.OpenAIError, httpx2.HTTPError)
    except ImportError:  # pragma: no cover - older SDKs use httpx
        import httpx

        return (openai.OpenAIError, httpx.HTTPError)


class OpenAILLM:
    """The LLM protocol over the openai SDK; its retry/backoff bounds timeouts, 429 and 5xx."""

    def __init__(self, settings: Settings | None = None) -> None:
        """Build the client from settings (raises ConfigError with neither key nor base URL)."""
        self.settings = settings or Settings()
        self.name = f"openai:{self.settings.model}"
        self._key = _api_key(self.settings)
        self._client = self._make_client()

    def _make_client(self) -> OpenAI:
        """Create the SDK client (openai is imported here so `import ragnews` stays fast)."""
        from openai import OpenAI

        s = self.settings
        return OpenAI(api_key=self._key, base_url=s.openai_base_url, timeout=s.llm_timeout, max_retries=s.llm_max_retries)

    def _request(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        """Return the keyword arguments of one chat completion request."""
        return {"model": self.settings.model, "messages": messages, "temperature": self.settings.temperature}

    def _error(self, err: BaseException) -> LLMError:
        """Wrap an SDK exception in an LLMError without leaking the key."""
        return LLMError(describe_error(err, self.settings, self._key))

    def complete(self, messages: list[dict[str, str]]) -> str:
        """Return the model's reply to messages."""
        try:
            response = self._client.chat.completions.create(**self._request(messages))
        except _transport_errors() as err:
            raise self._error(err) from None
        if not response.choices:
            raise LLMError(f"LLM endpoint {_host(self.settings)} returned no choices")
        return response.choices[0].message.content or ""

    def complete_scored(self, messages: list[dict[str, str]]) -> tuple[str, list[dict[str, float]] | None]:
        """Return the reply and, per token, its 5 likeliest alternatives (token -> log-prob, the chosen one included).

        None where the endpoint returned no logprobs (some OpenAI-compatible servers ignore the option).
        """
        try:
            response = self._client.chat.completions.create(**self._request(messages), logprobs=True, top_logprobs=5)
        except _transport_errors() as err:
            raise self._error(err) from None
        if not response.choices:
            raise LLMError(f"LLM endpoint {_host(self.settings)} returned no choices")
        choice = response.choices[0]
        content = choice.logprobs.content if choice.logprobs else None
        tokens = [{t.token: t.logprob, **{a.token: a.logprob for a in t.top_logprobs}} for t in content] if content else None
        return choice.message.content or "", tokens

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        """Yield the model's reply as text deltas, in order."""
        try:
            with self._client.chat.completions.create(**self._request(messages), stream=True) as chunks:
                for chunk in chunks:
                    delta = chunk.choices[0].delta.content if chunk.choices else None
                    if delta:
                        yield delta
        except _transport_errors() as err:
            raise self._error(err) from None
