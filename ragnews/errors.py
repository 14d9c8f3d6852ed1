"""The ragnews error hierarchy; only the CLI turns these into messages and exit codes."""

from __future__ import annotations


class RagnewsError(Exception):
    """Base class of every error ragnews raises on purpose."""


class ConfigError(RagnewsError):
    """A setting, option or environment variable is missing or invalid."""


class IngestError(RagnewsError):
    """An input file could not be read or parsed; names the file and what to do."""

    def __init__(self, message: str, path: str = "", line: int | None = None) -> None:
        where = f"{path}:{line}" if path and line else path
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.reason = message


class StoreError(RagnewsError):
    """The vector store or the article records could not be reached or are damaged."""


class NotFoundError(RagnewsError):
    """An article, chunk or resource asked for does not exist."""


class LLMError(RagnewsError):
    """The LLM endpoint failed after bounded retries (never includes the API key)."""


class EmbedderError(RagnewsError):
    """The embedding model could not be loaded or run."""


class PromptError(ConfigError):
    """A prompt file is missing or its placeholders do not match what the code fills."""


class EmptyError(RagnewsError):
    """There is nothing to search: the home has no articles, or the filters leave none (says which and what exists)."""
