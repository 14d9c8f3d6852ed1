"""RealTimeQA (22 weeks, 2022-06-17 .. 2022-11-11): news questions over gold articles plus web search results.

Corpus: every gold article plus every search result of the weeks the chosen questions come
from, deduplicated by URL (the gold text wins over a scraped copy of the same URL), each
cut to its first DOC_CHARS characters at a sentence end so the first ingest fits the time
budget on 2 cores. Questions: those whose gold article has 500+ characters of text.

Split (frozen before any retrieval tuning, issue 12): weeks 2022-06-17 .. 2022-08-26 are the
dev weeks, the only ones fusion weights, depths and boosts may be tuned on; the remaining weeks
(2022-09-02 .. 2022-11-11) are held out and give the headline numbers. A split keeps the corpus
of every week (so dev and held-out runs share one ingested home and face the same distractors)
and only selects the questions.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ...dates import read_date, to_day
from ...models import Article
from .base import Question, SuiteData, default_data_dir, require

DOC_CHARS = 3000
MIN_GOLD_CHARS = 500
MIN_DOC_CHARS = 100
#: Last dev week (inclusive); later weeks are held out. Frozen: never move it after seeing results.
DEV_LAST_WEEK = "20220826"
SPLITS = ("all", "dev", "heldout")


def in_split(week: str, split: str) -> bool:
    """True when a week (YYYYMMDD) belongs to a split: all, dev (up to DEV_LAST_WEEK) or heldout (after)."""
    if split not in SPLITS:
        raise ValueError(f"unknown realtimeqa split {split!r}; choose one of {', '.join(SPLITS)}")
    return split == "all" or (week <= DEV_LAST_WEEK) == (split == "dev")


def normalise_url(url: str) -> str:
    """Return a URL without scheme, www., query, fragment and trailing slash (the dedup key)."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def _read(path: Path) -> list[dict[str, Any]]:
    """Return the records of a JSON Lines file ([] when the file is absent)."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _published(value: Any) -> date | None:
    """The day of RealTimeQA's 'YYYY/MM/DD' dates (None when missing or malformed); dates.py parses."""
    return to_day(read_date(value)) if value else None


def _iso(value: Any) -> str | None:
    """'2022/09/02' -> '2022-09-02' (the question's date: "this week" in it means the week before)."""
    day = _published(value)
    return day.isoformat() if day else None


def cut(text: str, limit: int) -> str:
    """Return the first `limit` characters of text, ended at the last sentence or line end if one is near."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = max(head.rfind(". "), head.rfind(".\n"), head.rfind("\n"), head.rfind("? "), head.rfind("! "))
    return head[: end + 1].rstrip() if end >= limit * 0.6 else head.rstrip()


def _week(folder: Path, week: str) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Return (questions, gold article by question id, search results) of one week."""
    qa = _read(folder / f"{week}_qa.jsonl")
    gold = {}
    for r in _read(folder / f"{week}_gold.jsonl"):
        results = r.get("search_result") or []
        if results and len((results[0].get("text") or "").strip()) >= MIN_GOLD_CHARS:
            gold[r["question_id"]] = results[0]
    search = [doc for r in _read(folder / f"{week}_gcs.jsonl") for doc in (r.get("search_result") or [])]
    return qa, gold, search


def _question(q: dict[str, Any], gold: dict[str, Any]) -> Question:
    """Build one question: gold answer = the correct choice's text, gold article = the gold URL."""
    index = int(q["answer"][0])
    return Question(
        id=q["question_id"], question=q["question_sentence"], answers=[q["choices"][index]],
        gold_keys=[normalise_url(gold["url"])], type=q.get("question_source", ""), choices=list(q["choices"]),
        gold_choice=index, as_of=_iso(q.get("question_date")),
        extra={"question_date": q.get("question_date", ""), "gold_url": gold["url"]},
    )


def _article(doc: dict[str, Any], doc_chars: int, title: str = "") -> Article | None:
    """Turn one gold or search-result record into an Article (None when its text is too short)."""
    body = cut(doc.get("text") or "", doc_chars)
    if len(body) < MIN_DOC_CHARS:
        return None
    url = doc.get("url", "")
    return Article.create(title or doc.get("title") or "", body, published=_published(doc.get("publish_date")),
                          source=urlsplit(url).netloc.lower().removeprefix("www."), url=url)


def load(data: Path | None, limit: int | None, doc_chars: int = DOC_CHARS, split: str = "all") -> SuiteData:
    """Load RealTimeQA from DATA/realtimeqa.

    Args:
        data: the shared data folder (default ../shared/data).
        limit: at most this many questions (taken in week order); only their weeks enter the corpus.
        doc_chars: characters kept of each document.
        split: all, dev (weeks up to DEV_LAST_WEEK) or heldout (the later weeks); selects questions only.

    Returns:
        The SuiteData (gold keys are normalised URLs).
    """
    folder = require((data or default_data_dir()) / "realtimeqa", "realtimeqa", "the RealTimeQA folder")
    weeks = sorted({p.name[:8] for p in folder.glob("*_qa.jsonl")})
    if not weeks:
        require(folder / "YYYYMMDD_qa.jsonl", "realtimeqa", "the weekly question files")
    questions: list[Question] = []
    gold_docs: dict[str, dict[str, Any]] = {}
    search_docs: dict[str, dict[str, Any]] = {}
    corpus_weeks: list[str] = []
    for week in weeks:
        if limit and len(questions) >= limit:
            break
        corpus_weeks.append(week)
        qa, gold, search = _week(folder, week)
        for q in qa:
            if q["question_id"] in gold and in_split(week, split) and not (limit and len(questions) >= limit):
                questions.append(_question(q, gold[q["question_id"]]))
        for doc in gold.values():
            gold_docs.setdefault(normalise_url(doc["url"]), doc)
        for doc in search:
            search_docs.setdefault(normalise_url(doc.get("url", "")), doc)
    articles = _corpus(gold_docs, search_docs, doc_chars)
    return SuiteData(
        name="realtimeqa", questions=questions, articles=articles, key_of=lambda a: normalise_url(a.url),
        config={"doc_chars": doc_chars, "weeks": corpus_weeks, "documents": len(articles),
                **({"split": split} if split != "all" else {})},
        notes=[f"Each document keeps its first {doc_chars} characters (cut at a sentence end) so the first ingest "
               "fits the time budget on 2 cores; news leads carry most facts, but an answer deeper in an article is lost.",
               "Corpus: all gold articles plus all search results of the questions' weeks, deduplicated by URL "
               f"(the gold text wins); documents under {MIN_DOC_CHARS} characters are left out."],
    )


def _corpus(gold_docs: dict[str, dict[str, Any]], search_docs: dict[str, dict[str, Any]], doc_chars: int) -> list[Article]:
    """Return the deduplicated Articles: gold texts first, then search results of other URLs."""
    articles = []
    for key, doc in gold_docs.items():
        title = (search_docs.get(key) or {}).get("title", "")
        article = _article(doc, doc_chars, title)
        if article:
            articles.append(article)
    for key, doc in search_docs.items():
        if key and key not in gold_docs:
            article = _article(doc, doc_chars)
            if article:
                articles.append(article)
    return articles
