"""What every suite shares: questions, the corpus a QA suite hands the runner, data-folder lookup, the answer sets' reader."""

from __future__ import annotations

import hashlib
import json
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


def read_questions(path: Path) -> list[Question]:
    """Read an answer-set question file (the Reuters sets' schema, which the FRANK and TAC sets share): gold quotes
    and the short answer (the factoid's entity/number) go in extra."""
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            questions.append(Question(
                id=r["id"], question=r["question"], answers=[r["short"]] if r.get("short") else [],
                key_facts=r.get("key_facts") or [], gold_keys=r.get("gold_articles") or [],
                answerable=bool(r["answerable"]), type=r.get("type", ""),
                extra={"gold_quotes": r.get("gold_quotes", []), "short": r.get("short", ""), "kind": r.get("kind", "")},
            ))
    return questions


def load_answer_set(name: str, sets: Path, split: str, limit: int | None, articles: Callable[[], list[Article]],
                    key_of: Callable[[Article], str], corpus: str) -> SuiteData:
    """Load one answer set (a Reuters, FRANK or TAC split): its questions from sets/SPLIT.jsonl, then its corpus.

    Why one loader: the three families differ only in their corpus, gold key and corpus note; the question file, the
    limit (questions only: the corpus stays whole, distractors matter), the abstention sweep and the config (which
    enters the cache fingerprint) must stay the same for all. `articles` is called after the question file is found,
    so a missing question file is reported before the corpus is read.
    """
    questions = read_questions(require(sets / f"{split}.jsonl", name, "the question file"))
    return SuiteData(
        name=name, questions=questions[:limit] if limit else questions, articles=articles(), key_of=key_of,
        abstain_sweep=True, config={"dataset": f"{sets.name}/{split}.jsonl", "corpus": corpus},
    )
