"""An Embedder backed by any OpenAI-compatible /embeddings endpoint."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ConfigError, EmbedderError

if TYPE_CHECKING:
    from ..settings import Settings

#: Placeholder key for keyless local servers (ollama, llama.cpp, vLLM) reached through base_url.
_NO_KEY = "not-needed"


class OpenAIEmbedder:
    """Embeds with settings.embed_model over the openai SDK; rows L2-normalised float32."""

    def __init__(self, settings: Settings) -> None:
        """Keep the settings; the client is made on first use."""
        self.model: str = settings.embed_model
        self.name: str = f"openai:{settings.embed_model}"
        self.batch_size: int = max(1, settings.embed_batch_size)
        self._settings = settings
        self._key: str = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
        self._dim: int | None = None
        self._client: Any = None

    @property
    def dim(self) -> int:
        """Vector size, discovered from the endpoint on first need."""
        if self._dim is None:
            self._request(["dimension probe"])
        assert self._dim is not None
        return self._dim

    @dim.setter
    def dim(self, value: int) -> None:
        """Fix the vector size (for example when the endpoint is configured for fewer dimensions)."""
        self._dim = value

    def _make_client(self) -> Any:
        """Create the openai client, refusing to run with no key against api.openai.com."""
        from openai import OpenAI

        s = self._settings
        if not self._key and not s.openai_base_url:
            raise ConfigError("the openai embedder needs OPENAI_API_KEY (or OPENAI_BASE_URL for a keyless local server)")
        return OpenAI(
            api_key=self._key or _NO_KEY,
            base_url=s.openai_base_url,
            timeout=s.llm_timeout,
            max_retries=s.llm_max_retries,
        )

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return float32 (len(texts), dim) L2-normalised vectors, in input order."""
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts, not a single str")
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [self._request(list(texts[i : i + self.batch_size])) for i in range(0, len(texts), self.batch_size)]
        return np.concatenate(parts, axis=0)

    def _request(self, batch: list[str]) -> np.ndarray:
        """Embed one batch with one API call; map every failure to EmbedderError."""
        if self._client is None:
            self._client = self._make_client()
        inputs = [t if t.strip() else " " for t in batch]  # the API rejects empty strings
        try:
            response = self._client.embeddings.create(model=self.model, input=inputs)
            rows = sorted(response.data, key=lambda d: d.index)
            vectors = np.asarray([r.embedding for r in rows], dtype=np.float32)
        except Exception as exc:
            raise EmbedderError(self._describe(exc)) from None
        return self._check(vectors, len(batch))

    def _check(self, vectors: np.ndarray, expected: int) -> np.ndarray:
        """Validate shape, record dim and L2-normalise."""
        if vectors.ndim != 2 or vectors.shape[0] != expected:
            raise EmbedderError(f"{self.name}: endpoint returned {vectors.shape[0] if vectors.ndim else 0} vectors for {expected} texts")
        if self._dim is None:
            self._dim = int(vectors.shape[1])
        elif vectors.shape[1] != self._dim:
            raise EmbedderError(f"{self.name}: endpoint returned {vectors.shape[1]}-d vectors, expected {self._dim}")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit: np.ndarray = (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit

    def _describe(self, exc: Exception) -> str:
        """A one-line account of a failed request that never contains the API key."""
        import openai

        where = self._settings.openai_base_url or "the OpenAI API"
        if isinstance(exc, openai.AuthenticationError):
            detail = "authentication failed; check OPENAI_API_KEY"
        elif isinstance(exc, openai.APIStatusError):
            detail = f"HTTP {exc.status_code}: {exc.message}"
        elif isinstance(exc, openai.APITimeoutError):
            detail = f"timed out after {self._settings.llm_timeout}s and {self._settings.llm_max_retries} retries"
        elif isinstance(exc, openai.APIConnectionError):
            detail = "cannot connect"
        else:
            detail = f"{type(exc).__name__}: {exc}"
        return f"embedding with {self.model} at {where} failed: {self._redact(detail)}"

    def _redact(self, text: str) -> str:
        """Remove the API key from text."""
        return text.replace(self._key, "***") if self._key else text
