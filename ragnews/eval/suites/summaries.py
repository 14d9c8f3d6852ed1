"""Summary suites (cnndm, tac2011): ragnews' offline summarizer against baselines and published systems.

* CNN/DailyMail (cnndm_xsum_frank/, the 250 CNN/DM articles of FRANK): ROUGE-1/2/Lsum
  (rouge-score, stemming on, via ragnews.eval.metrics.rouge_scores) of ragnews' extractive
  summarizer (3-sentence budget), LEAD-3, and the five published systems' stored outputs
  (bart, bert_sum, bus, pgn, s2s), all in one run. The summarizer's weights and its 65-word
  stop length were tuned on the first 50 articles, so ours is also reported on those 50
  and on the held-out rest.
* TAC 2011 MultiLing English (tac2011_multiling_en/): 10 topics x 10 articles, 250-word
  summaries against 3 human references each (ROUGE averaged over the references):
  ragnews' multi-document summarizer, LEAD (first sentences of each article, round-robin)
  and a centroid baseline of this project's own (sentences closest to the embedding centroid
  of the topic; not a published system).

Every system picks whole sentences and never exceeds the budget. `ragnews eval cnndm|tac2011`
runs one data set through run(); benchmarks/bench_summaries.py runs both and writes Markdown.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..._cache import CachedEmbedder
from ..._text import sentence_spans
from ...dates import parse_date
from ...protocols import Embedder
from ...settings import Settings
from ...summarize import CNNDM_STOP_WORDS, summarize_texts, word_count
from ..metrics import rouge_scores
from ..report import versions
from .base import default_data_dir, require
from .frank import frank_rows

_DATA = {"cnndm": ("cnndm_xsum_frank/frank_articles_refs.jsonl", "the FRANK CNN/DM file"),
         "tac2011": ("tac2011_multiling_en", "the TAC 2011 MultiLing folder")}
SYSTEMS = ("bart", "bert_sum", "bus", "pgn", "s2s")
TUNING_ARTICLES = 50
TAC_WORDS = 250
_TITLE_DATE = re.compile(r"^\d{4}/\d{2}/\d{2}\s+")


@dataclass
class Topic:
    """One TAC topic: its articles (in file order) and human reference summaries."""

    name: str
    titles: list[str]
    dates: list[str]
    bodies: list[str]
    references: list[str]


def load_cnndm(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Return the CNN/DM records of FRANK (article, reference, system_summaries), file order."""
    return [r for r in frank_rows(data) if r["dataset"] == "cnndm"][:limit]


def load_tac(data: Path, limit: int | None = None) -> list[Topic]:
    """Return the TAC 2011 English topics with their articles and the A/B/C references."""
    folder = data / "tac2011_multiling_en"
    topics = []
    for n in range(10)[:limit]:
        titles, dates, bodies = [], [], []
        for path in sorted((folder / "source").glob(f"M00{n}?.english")):
            title, day, body = parse_tac_article(path.read_text(encoding="utf-8"))
            titles.append(title)
            dates.append(day)
            bodies.append(body)
        refs = [p.read_text(encoding="utf-8").strip() for p in sorted((folder / "references").glob(f"M00{n}.*.250"))]
        topics.append(Topic(f"M00{n}", titles, dates, bodies, refs))
    return topics


def parse_tac_article(text: str) -> tuple[str, str, str]:
    """Split a TAC source file into (title, ISO date or '', body)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    title = _TITLE_DATE.sub("", lines[0])
    rest = lines[1:]
    while rest and not rest[0]:
        rest.pop(0)
    day = parse_date(rest[0]) if rest else None
    if day is not None:
        rest = rest[1:]
    body = "\n".join(rest).strip()
    return title, day.isoformat() if day else "", body


def sentences(text: str) -> list[str]:
    """Return the sentences of a text (ragnews' splitter)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def lead(text: str, n: int = 3) -> str:
    """LEAD-n: the first n sentences."""
    return " ".join(sentences(text)[:n])


def fill(ranked: Sequence[str], words: int) -> str:
    """Add sentences in ranked order, skipping any that would overflow the word budget."""
    out: list[str] = []
    used = 0
    for sent in ranked:
        if sent not in out and used + word_count(sent) <= words:
            out.append(sent)
            used += word_count(sent)
    return " ".join(out)


def lead_round_robin(bodies: Sequence[str], words: int) -> str:
    """LEAD for several articles: first sentences of each article, then second ones, ... within the budget."""
    split = [sentences(b) for b in bodies]
    ranked = [s[i] for i in range(max(map(len, split), default=0)) for s in split if i < len(s)]
    return fill(ranked, words)


def centroid_summary(bodies: Sequence[str], embedder: Embedder, words: int) -> str:
    """Centroid baseline: sentences by cosine to the topic's mean sentence embedding, within the budget."""
    sents = [s for b in bodies for s in sentences(b) if word_count(s) >= 4]
    vecs = embedder.embed(sents)
    centre = vecs.mean(axis=0)
    order = np.argsort(-(vecs @ (centre / np.linalg.norm(centre))))
    return fill([sents[i] for i in order], words)


def ours_single(article: str, embedder: Embedder) -> str:
    """ragnews' single-article summary under the 3-sentence budget."""
    picked = summarize_texts([article], embedder, max_sentences=3, stop_words=CNNDM_STOP_WORDS)
    return " ".join(c.text for c in picked)


def ours_multi(bodies: Sequence[str], embedder: Embedder, words: int) -> str:
    """ragnews' multi-document summary within the word budget."""
    return " ".join(c.text for c in summarize_texts(list(bodies), embedder, words=words))


def _rounded(scores: dict[str, float], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """ROUGE scores rounded to two decimals, plus extra fields."""
    return {**{k: round(v, 2) for k, v in scores.items()}, **(extra or {})}


def _mean_words(texts: Sequence[str]) -> float:
    """Mean whitespace word count."""
    return round(float(np.mean([word_count(t) for t in texts])), 1) if texts else 0.0


def bench_cnndm(records: list[dict[str, Any]], embedder: Embedder) -> dict[str, Any]:
    """Score ours, LEAD-3 and the published systems on the CNN/DM records."""
    refs = [r["reference"] for r in records]
    started = time.perf_counter()
    ours = [ours_single(r["article"], embedder) for r in records]
    seconds = time.perf_counter() - started
    outputs = {"ragnews": ours, "lead3": [lead(r["article"]) for r in records]}
    outputs.update({name: [r["system_summaries"][name] for r in records] for name in SYSTEMS})
    systems = {name: _rounded(rouge_scores(texts, refs), {"words": _mean_words(texts)}) for name, texts in outputs.items()}
    split = {}
    if len(records) > TUNING_ARTICLES:
        for label, part in (("tuning_first_50", slice(0, TUNING_ARTICLES)), ("held_out", slice(TUNING_ARTICLES, None))):
            split[label] = {name: _rounded(rouge_scores(outputs[name][part], refs[part])) for name in outputs}
    return {"articles": len(records), "systems": systems, "splits": split, "ragnews_seconds": round(seconds, 1),
            "examples": [{"ragnews": ours[i], "lead3": outputs["lead3"][i], "reference": refs[i]} for i in range(min(2, len(refs)))]}


def bench_tac(topics: list[Topic], embedder: Embedder, words: int = TAC_WORDS) -> dict[str, Any]:
    """Score ours, LEAD round-robin and the centroid baseline on the TAC topics."""
    refs = [t.references for t in topics]
    started = time.perf_counter()
    ours = [ours_multi(t.bodies, embedder, words) for t in topics]
    seconds = time.perf_counter() - started
    outputs = {
        "ragnews": ours,
        "lead": [lead_round_robin(t.bodies, words) for t in topics],
        "centroid": [centroid_summary(t.bodies, embedder, words) for t in topics],
    }
    systems = {name: _rounded(rouge_scores(texts, refs), {"words": _mean_words(texts)}) for name, texts in outputs.items()}
    return {"topics": len(topics), "word_budget": words, "systems": systems, "ragnews_seconds": round(seconds, 1)}



def run(suite: str, data: Path | None, settings: Settings, limit: int | None, command: str) -> dict[str, Any]:
    """Run a summary suite and return its results dict (metrics per system: ROUGE-1/2/Lsum F1 x100, words).

    Args:
        suite: cnndm or tac2011.
        data: the shared data folder (default ../shared/data).
        settings: settings naming the embedder.
        limit: at most this many articles (cnndm) or topics (tac2011).
        command: the command line to record.

    Returns:
        The results dict written to results.json.
    """
    from ...embedders import get_embedder

    folder = data or default_data_dir()
    relative, what = _DATA[suite]
    require(folder / relative, suite, what)
    started = time.perf_counter()
    embedder = CachedEmbedder(get_embedder(settings))  # baselines reuse the summarizer's sentence vectors
    if suite == "cnndm":
        details = bench_cnndm(load_cnndm(folder, limit), embedder)
        n, unit = details["articles"], "articles"
    else:
        details = bench_tac(load_tac(folder, limit), embedder)
        n, unit = details["topics"], "topics"
    seconds = round(time.perf_counter() - started, 2)
    return {
        "suite": suite, "kind": "summary", "command": command, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "config": {"configs": list(details["systems"]), unit: n, "embedder": f"{embedder.name}/{embedder.dim}",
                   "benchmark": "ragnews.eval.suites.summaries"},
        "notes": ["ROUGE-1/2/Lsum F1 x100 (rouge-score, stemmed); several references: averaged. Per-document "
                  "outputs are not kept; `details` holds the full result."],
        "versions": versions(embedder), "timings": {"total": seconds, "ragnews_summaries": details.get("ragnews_seconds")},
        "metrics": {name: dict(scores) for name, scores in details["systems"].items()}, "records": [], "details": details,
    }
