"""Summarisation benchmark: ragnews' offline summariser against baselines and published systems.

Run from the repository root:

    python -m eval.bench_summaries --data ../shared/data [--limit N] [--out eval/results]

* CNN/DailyMail (cnndm_xsum_frank/, the 250 CNN/DM articles of FRANK): ROUGE-1/2/Lsum
  (rouge-score, stemming on, via ragnews.eval.metrics.rouge_scores) of ragnews' extractive
  summariser (3-sentence budget), LEAD-3, and the five published systems' stored outputs
  (bart, bert_sum, bus, pgn, s2s), all in one run. The summariser's weights and its 65-word
  stop length were tuned on the first 50 articles, so ours is also reported on those 50
  and on the held-out rest.
* TAC 2011 MultiLing English (tac2011_multiling_en/): 10 topics x 10 articles, 250-word
  summaries against 3 human references each (ROUGE takes the best reference per metric):
  ragnews' multi-document summariser, LEAD (first sentences of each article, round-robin)
  and a centroid baseline (sentences closest to the embedding centroid of the topic).

Every system picks whole sentences and never exceeds the budget. Writes summaries.json and
summaries.md into --out (default eval/results/).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ragnews._dates import parse_date
from ragnews._text import sentence_spans
from ragnews.eval.metrics import rouge_scores
from ragnews.protocols import Embedder
from ragnews.summarize import CNNDM_STOP_WORDS, summarise_texts, word_count

ROOT = Path(__file__).resolve().parents[1]
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


class CachedEmbedder:
    """Wrap an embedder so every distinct text is embedded once (baselines reuse our vectors)."""

    def __init__(self, inner: Embedder) -> None:
        """Embed misses with inner."""
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return vectors for texts, embedding only those not seen before."""
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            for text, vec in zip(missing, self.inner.embed(missing)):
                self.cache[text] = vec
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)


def load_cnndm(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Return the CNN/DM records of FRANK (article, reference, system_summaries), file order."""
    path = data / "cnndm_xsum_frank" / "frank_articles_refs.jsonl"
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if r["dataset"] == "cnndm"][:limit]


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
    rest = [line for line in lines[1:]]
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
    picked = summarise_texts([article], embedder, max_sentences=3, stop_words=CNNDM_STOP_WORDS)
    return " ".join(c.text for c in picked)


def ours_multi(bodies: Sequence[str], embedder: Embedder, words: int) -> str:
    """ragnews' multi-document summary within the word budget."""
    return " ".join(c.text for c in summarise_texts(list(bodies), embedder, words=words))


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
            split[label] = {name: _rounded(rouge_scores(outputs[name][part], refs[part])) for name in ("ragnews", "lead3")}
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


def markdown(results: dict[str, Any]) -> str:
    """Render the results as Markdown tables."""
    lines = ["# Summarisation benchmark", "", f"Command: `{results['command']}`", ""]
    cnn = results.get("cnndm")
    if cnn:
        lines += [f"## CNN/DailyMail ({cnn['articles']} articles, FRANK; 3-sentence budget)", "",
                  "| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | words |", "|---|---:|---:|---:|---:|"]
        for name, s in cnn["systems"].items():
            lines.append(f"| {name} | {s['rouge1']:.2f} | {s['rouge2']:.2f} | {s['rougeLsum']:.2f} | {s['words']} |")
        for label, part in cnn["splits"].items():
            row = ", ".join(f"{n}: R1 {s['rouge1']:.2f} / R2 {s['rouge2']:.2f} / RLsum {s['rougeLsum']:.2f}" for n, s in part.items())
            lines.append(f"\n{label.replace('_', ' ')}: {row}")
        lines += ["", "ragnews' weights and stop length were tuned on the first 50 articles only.", ""]
    tac = results.get("tac2011")
    if tac:
        lines += [f"## TAC 2011 MultiLing English ({tac['topics']} topics, {tac['word_budget']}-word budget, 3 references)", "",
                  "| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | words |", "|---|---:|---:|---:|---:|"]
        for name, s in tac["systems"].items():
            lines.append(f"| {name} | {s['rouge1']:.2f} | {s['rouge2']:.2f} | {s['rougeLsum']:.2f} | {s['words']} |")
    lines += ["", f"Seconds: {results['seconds']}; machine: {results['machine']}", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write summaries.json and summaries.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="folder of the shared data")
    parser.add_argument("--limit", type=int, help="at most N CNN/DM articles and N TAC topics")
    parser.add_argument("--out", default=str(ROOT / "eval" / "results"), help="output folder")
    args = parser.parse_args(argv)
    from ragnews.embedders import MiniLMEmbedder
    from ragnews.settings import Settings

    started = time.perf_counter()
    embedder = CachedEmbedder(MiniLMEmbedder(Settings()))
    data = Path(args.data)
    command = "python -m eval.bench_summaries --data " + args.data + (f" --limit {args.limit}" if args.limit else "")
    results: dict[str, Any] = {"command": command, "embedder": embedder.name}
    results["cnndm"] = bench_cnndm(load_cnndm(data, args.limit), embedder)
    results["tac2011"] = bench_tac(load_tac(data, args.limit), embedder)
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["machine"] = f"{platform.machine()}, {platform.python_version()}"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summaries.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "summaries.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
