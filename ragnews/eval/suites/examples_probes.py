"""The probes over the three example articles: the issue-13 paraphrases and near-misses (examples/probes.jsonl)."""

from __future__ import annotations

from pathlib import Path

from .base import SuiteData
from .examples import load as load_examples


def load(data: Path | None, limit: int | None) -> SuiteData:
    """Load the probe questions over the example articles (DATA/probes.jsonl with --data)."""
    return load_examples(data, limit, questions_file="probes.jsonl", name="examples-probes")
