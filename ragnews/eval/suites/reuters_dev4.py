"""The fourth Reuters-21578 dev answer set (written blind in session 8) (see ragnews.eval.suites.reuters)."""

from __future__ import annotations

from pathlib import Path

from .base import SuiteData
from .reuters import load_split


def load(data: Path | None, limit: int | None) -> SuiteData:
    """Load the dev4 questions and their 150-article slice of Reuters-21578 from DATA (default ../shared/data)."""
    return load_split("reuters-dev4", data, limit)
