"""What every suite shares: questions, the corpus a QA suite hands the runner, data-folder lookup."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import ConfigError
from ...models import Article

#: Data shipped inside the package (the examples suite), so `ragnews eval examples` works when installed.
PACKAGED_DATA = Path(__file__).resolve().parents[1] / "data"


class SuiteDataMissing(ConfigError):
    """The data a suite reads is not where it was looked for."""


@dataclass
class Question:
    """One evaluation question and its gold."""

    id: str
    question: str
    answers: list[str] = field(default_factory=list)
    key_facts: list[list[str]] = field(default_factory=list)
    gold_keys: list[str] = field(default_factory=list)
    answerable: bool = True
    type: str = ""
    choices: list[str] = field(default_factory=list)
    gold_choice: int | None = None
    articles: list[str] | None = None
    as_of: str | None = None  # the date the question was asked (relative dates resolve against it)
    extra: dict[str, Any] = field(default_factory=dict)
    gold_ids: list[str] = field(default_factory=list)


@dataclass
class SuiteData:
    """What a QA suite gives the runner: corpus, questions and how to read its gold."""

    name: str
    questions: list[Question]
    articles: list[Article] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    key_of: Callable[[Article], str] = lambda a: a.id
    config: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    rouge: bool = False
    abstain_sweep: bool = False

    def fingerprint(self) -> str:
        """Return a short hash of the corpus (article ids, or file names and contents)."""
        digest = hashlib.sha256()
        for article_id in sorted(a.id for a in self.articles):
            digest.update(article_id.encode())
        for path in sorted(self.paths):
            files = sorted(path.rglob("*")) if path.is_dir() else [path]
            for f in (f for f in files if f.is_file()):
                digest.update(f.name.encode())
                digest.update(hashlib.sha256(f.read_bytes()).digest())
        digest.update(repr(sorted((k, v) for k, v in self.config.items() if k != "split")).encode())  # splits share a home
        return digest.hexdigest()[:12]


def default_data_dir() -> Path:
    """Return the external data folder when --data is not given: ../shared/data from the working folder."""
    return Path.cwd().parent / "shared" / "data"


def require(path: Path, suite: str, what: str) -> Path:
    """Return path if it exists, else raise SuiteDataMissing naming it."""
    if not path.exists():
        raise SuiteDataMissing(f"suite {suite}: {what} not found at {path}; pass --data DIR (the folder holding "
                               f"the shared data sets, see ../shared/data/README.md) or skip this suite")
    return path
