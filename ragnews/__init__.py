"""ragnews: ask questions of news articles and get answers with checkable citations."""

from __future__ import annotations

from . import _offline

_offline.configure()

from .errors import (  # noqa: E402
    ConfigError, EmbedderError, EmptyError, IngestError, LLMError, NotFoundError, PromptError, RagnewsError, StoreError,
)
from .models import (  # noqa: E402
    Answer, AnswerSentence, Article, Chunk, Citation, Evidence, IngestFailure, IngestReport, Summary, Timeline, TimelineEntry,
)
from .rag import NewsRAG  # noqa: E402
from .settings import Settings  # noqa: E402

__version__ = "0.1.0"
__all__ = [
    "Answer", "AnswerSentence", "Article", "Chunk", "Citation", "ConfigError", "EmbedderError", "Evidence",
    "IngestError", "IngestFailure", "IngestReport", "LLMError", "NewsRAG", "NotFoundError", "PromptError",
    "EmptyError", "RagnewsError", "Settings", "StoreError", "Summary", "Timeline", "TimelineEntry", "__version__",
]
