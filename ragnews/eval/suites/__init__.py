"""Evaluation suites: each turns a data set into a corpus to ingest and questions to score.

A QA suite returns a SuiteData: the Articles (or files) to ingest, the questions with their
gold, and a key function mapping a stored Article to the key space its gold uses (file
name, URL or article id). Summary suites delegate to eval/bench_summaries.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from ...errors import ConfigError
from .base import (
    QA_SUITES, REPO_ROOT, SUITES, SUMMARY_SUITES, Question, SuiteData, SuiteDataMissing, SuiteUnavailable, default_data_dir,
    require,
)

__all__ = [
    "QA_SUITES", "REPO_ROOT", "SUITES", "SUMMARY_SUITES", "Question", "SuiteData", "SuiteDataMissing", "SuiteUnavailable",
    "default_data_dir", "load_suite", "require",
]


def load_suite(name: str, data: str | os.PathLike[str] | None, limit: int | None, doc_chars: int | None = None) -> SuiteData:
    """Load a QA suite's corpus and questions.

    Args:
        name: examples, realtimeqa or rgb.
        data: the data folder (examples: the repository root; others: the shared data folder).
        limit: at most this many questions (records for rgb); the corpus shrinks with it.
        doc_chars: realtimeqa only: keep the first this many characters of each document.

    Returns:
        The SuiteData.
    """
    if name == "examples":
        from .examples import load

        return load(Path(data) if data else REPO_ROOT, limit)
    if name == "realtimeqa":
        from .realtimeqa import DOC_CHARS, load as load_rtqa

        return load_rtqa(Path(data) if data else default_data_dir(), limit, doc_chars or DOC_CHARS)
    if name == "rgb":
        from .rgb import load as load_rgb

        return load_rgb(Path(data) if data else default_data_dir(), limit)
    raise ConfigError(f"unknown QA suite {name!r}; choose one of {', '.join(SUITES)}")
