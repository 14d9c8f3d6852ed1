"""RGB (English, counterfactual split): noise robustness and conflicting-source detection.

Each record gives two questions, each searched only within its own passages:
* noise: positive + negative passages; the answer must contain the gold answer;
* counterfactual: positive + positive_wrong passages (the same facts with the answer
  changed); a good answer reports both values or flags the conflict instead of silently
  picking one.
All passages of all records are ingested once into one home; a question's `articles`
restrict retrieval to its own passages.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ...models import Article
from .base import Question, SuiteData, default_data_dir, require


def _answers(value: Any) -> list[str]:
    """Return the gold answer(s) of a record as a flat list of strings."""
    if isinstance(value, list):
        return [str(x) for v in value for x in (v if isinstance(v, list) else [v])]
    return [str(value)]


def _passages(texts: list[str], rid: Any, kind: str) -> list[Article]:
    """Return one Article per non-empty passage, titled by an opaque hash so the title reveals nothing of its kind."""
    out = []
    for i, text in enumerate(texts):
        if text and text.strip():
            tag = hashlib.sha256(f"{rid}/{kind}/{i}".encode()).hexdigest()[:8]
            out.append(Article.create(f"RGB passage {tag}", text.strip(), source="rgb"))
    return out


def _questions(r: dict[str, Any], pos: list[Article], neg: list[Article], wrong: list[Article]) -> list[Question]:
    """Return the noise and counterfactual questions of one record."""
    answers, fake = _answers(r["answer"]), _answers(r.get("fakeanswer", ""))
    pos_ids = [a.id for a in pos]
    noise = Question(id=f"{r['id']}-noise", question=r["query"], answers=answers, gold_keys=pos_ids, type="noise",
                     articles=pos_ids + [a.id for a in neg], extra={"fake_answers": fake})
    counter = Question(id=f"{r['id']}-counterfactual", question=r["query"], answers=answers, type="counterfactual",
                       articles=pos_ids + [a.id for a in wrong], extra={"fake_answers": fake})
    return [noise, counter]


def load(data: Path | None, limit: int | None) -> SuiteData:
    """Load RGB from DATA/rgb/en_fact.json.

    Args:
        data: the shared data folder (default ../shared/data).
        limit: at most this many records (two questions each).

    Returns:
        The SuiteData (gold keys are article ids of the positive passages).
    """
    path = require((data or default_data_dir()) / "rgb" / "en_fact.json", "rgb", "the RGB file en_fact.json")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = records[:limit] if limit else records
    articles: dict[str, Article] = {}
    questions: list[Question] = []
    for r in records:
        pos, neg, wrong = (_passages(r.get(kind) or [], r["id"], kind) for kind in ("positive", "negative", "positive_wrong"))
        for a in pos + neg + wrong:
            articles.setdefault(a.id, a)
        questions += _questions(r, pos, neg, wrong)
    return SuiteData(
        name="rgb", questions=questions, articles=list(articles.values()), key_of=lambda a: a.id,
        config={"records": len(records), "passages": len(articles)},
        notes=["Each question is searched only within its own passages (noise: positive + negative; "
               "counterfactual: positive + positive_wrong). Passages get opaque titles ('RGB passage <hash>') so equal "
               "snippets of different records stay separate articles and nothing reveals which passage is counterfactual."],
    )
