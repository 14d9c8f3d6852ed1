"""The hand-written dev set over the three example articles (eval/datasets/examples.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

from ...models import Article
from .base import Question, SuiteData, require


def _file_name(article: Article) -> str:
    """Return the file name an example article was loaded from (the dataset's gold key)."""
    return Path(article.path.split("#", 1)[0]).name


def load(root: Path, limit: int | None) -> SuiteData:
    """Load the example questions; the corpus is ROOT/examples/articles.

    Args:
        root: the repository root (holding examples/articles and eval/datasets/examples.jsonl).
        limit: at most this many questions.

    Returns:
        The SuiteData (gold keys are file names).
    """
    articles = require(root / "examples" / "articles", "examples", "the example articles")
    dataset = require(root / "eval" / "datasets" / "examples.jsonl", "examples", "the example questions")
    questions = []
    for line in dataset.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            questions.append(Question(
                id=r["id"], question=r["question"], answers=[r["answer"]] if r.get("answerable") else [],
                key_facts=r.get("key_facts") or [], gold_keys=r.get("gold_articles") or [],
                answerable=bool(r.get("answerable")), type=r.get("type", ""), extra={"gold_quotes": r.get("gold_quotes", [])},
            ))
    return SuiteData(
        name="examples", questions=questions[:limit] if limit else questions, paths=[articles.resolve()],
        key_of=_file_name, rouge=True, abstain_sweep=True,
        config={"dataset": str(dataset.relative_to(root)), "corpus": str(articles.relative_to(root))},
    )
