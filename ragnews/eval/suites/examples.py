"""The hand-written dev sets over the three example articles (packaged: ragnews/eval/data/examples):
questions.jsonl, and probes.jsonl (paraphrases and near-miss questions the articles cannot answer)."""

from __future__ import annotations

import json
from pathlib import Path

from ...models import Article
from .base import PACKAGED_DATA, Question, SuiteData, require


def _file_name(article: Article) -> str:
    """Return the file name an example article was loaded from (the dataset's gold key)."""
    return Path(article.path.split("#", 1)[0]).name


def load(data: Path | None, limit: int | None, questions_file: str = "questions.jsonl", name: str = "examples") -> SuiteData:
    """Load the example questions; the corpus is DATA/articles.

    Args:
        data: a folder holding articles/ and questions.jsonl (default: the set packaged with ragnews).
        limit: at most this many questions.
        questions_file: the question file in the folder (probes.jsonl for examples-probes).
        name: the suite name.

    Returns:
        The SuiteData (gold keys are file names).
    """
    folder = data or PACKAGED_DATA / "examples"
    articles = require(folder / "articles", "examples", "the example articles")
    dataset = require(folder / questions_file, name, "the example questions")
    questions = []
    for line in dataset.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            answers = [r["answer"]] if r.get("answerable") and r.get("answer") else [r["short"]] if r.get("short") else []
            questions.append(Question(
                id=r["id"], question=r["question"], answers=answers,
                key_facts=r.get("key_facts") or [], gold_keys=r.get("gold_articles") or [],
                answerable=bool(r.get("answerable")), type=r.get("type", ""),
                extra={"gold_quotes": r.get("gold_quotes", []), "short": r.get("short", "")},
            ))
    return SuiteData(
        name=name, questions=questions[:limit] if limit else questions, paths=[articles.resolve()],
        key_of=_file_name, rouge=True, abstain_sweep=True,
        config={"dataset": questions_file, "corpus": "articles/", "data": "packaged" if data is None else str(folder)},
    )
