"""Build the multi-outlet evidence-recall proxy set from RealTimeQA (issue 12, session 5).

    python -m benchmarks.build_multioutlet [../shared/data] [--out benchmarks/datasets]

Why: the hidden benchmark of issue 12 (609 articles, 49 outlets, MultiHop-RAG style) asks
questions that join two or three reports and name their outlets and dates ("...as reported by
both The Verge and TechCrunch..."). We do not have it, so this set imitates its shape over the
RealTimeQA corpus (`ragnews eval realtimeqa`'s corpus and home: every gold article and search
result of the 22 weeks, deduplicated by URL, first 3,000 characters). The outlet is the URL's
domain as stored (cnn.com, usatoday.com, theweek.co.uk), the date the stored publish date.
LIMITATION: RealTimeQA's search results come from only these three outlets (plus a handful of
gold pages elsewhere), so this is a 3-outlet proxy of a 49-outlet benchmark.

Stories: a RealTimeQA question whose gold answer (4+ characters, not a bare number) occurs in
the stored text of some of its gold/search-result articles published 0-14 days before the
question date. Those articles are the story's *reports*; one report per outlet is named in a
question, and every report of that outlet published on the named date counts as that outlet's
evidence (an "evidence group": finding any article of the group finds it).

Question types (MultiHop-RAG's retrieval-bearing ones; its null queries have no evidence and so
no evidence recall, and are left out):
- inference: one story reported by 2-3 outlets; the question is the RealTimeQA question with
  the outlets (and sometimes dates) named. Answer: the gold choice.
- temporal: two stories reported by different outlets on different dates; "Was A's report on
  X published before B's report on Y?". Answer: Yes/No from the dates.
- comparison: two stories, two outlets, both dates named; no gold answer (retrieval only).
Relative dates ("this week", "recently") are dropped from the story text: the questions name
absolute dates, as the benchmark's do.

Split: by the question's week, the same cut as the realtimeqa suite (weeks up to 2022-08-26 dev,
later weeks held out), so tuning on proxy dev never reads a held-out week's story. Seeded
(SEED) and deterministic: re-running the script reproduces both files byte for byte. Frozen: the
held-out file was committed before any retrieval was run on it (95cbcbb) and is never edited.

Not tracked since 2026-11-30: the files' URL keys include a news slug that secret scanners take
for an API token, so they are rebuilt from ../shared/data on first use (`frozen_set`) and checked
against FROZEN_SHA256, the hashes of the committed originals: a different build is an error, so
the held-out questions stay exactly the frozen ones.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ragnews.eval.suites import realtimeqa as rtqa
from ragnews.models import Article

SEED = 20261130
DEFAULT_OUT = Path("benchmarks/datasets")

#: sha256 of each split's file as first committed (95cbcbb, before any tuning).
FROZEN_SHA256 = {"dev": "1eb1e6b326d37e4473483e645d26843efb87f431d90b399ad981f2bb9dd72032",
                 "heldout": "febfd6975fc4a85e86592a7c377777de344aeb811a7832e53717f8eacd0df24a"}
#: How a journalist names each stored outlet (the question side; the stored name is the domain).
OUTLET_NAMES = {"cnn.com": "CNN", "usatoday.com": "USA Today", "theweek.co.uk": "The Week"}
MAX_AGE_DAYS = 14
TEMPORAL_PER_SPLIT = 60
COMPARISON_PER_SPLIT = 40
_FUNCTION_WORDS = frozenset({"which", "who", "what", "where", "when", "how", "why", "whose", "the", "a", "an", "in", "on", "at",
                             "after", "with", "for", "during", "according", "this", "police", "officials", "scientists"})
_MIN_TOPIC_WORDS = 5
_RELATIVE = re.compile(r"\s*\b(?:this\s+past\s+week|this\s+week|last\s+week|past\s+week|this\s+weekend|last\s+weekend"
                       r"|earlier\s+this\s+(?:week|month)|this\s+month|recently|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
                       re.IGNORECASE)


@dataclass
class Report:
    """One outlet's evidence for a story: the named article and every same-outlet same-day report."""

    outlet: str
    day: date
    key: str
    title: str
    group: list[str]


@dataclass
class Story:
    """A RealTimeQA question and its reports, one per outlet."""

    qid: str
    week: str
    question: str
    answer: str
    reports: list[Report]


def _day(article: Article) -> date | None:
    """The stored publish day of an article."""
    p = article.published
    return None if p is None else (p.date() if hasattr(p, "date") else p)


def _usable_answer(answer: str) -> bool:
    """Answers specific enough that containing them marks a report of the story."""
    text = answer.strip()
    return len(text) >= 4 and not re.fullmatch(r"[\d\s.,$%]+", text)


def _stories(folder: Path, corpus: dict[str, Article], rng: random.Random) -> list[Story]:
    """Every question with reports by 1+ outlets (reports: stored articles containing the answer)."""
    out = []
    for week in sorted({p.name[:8] for p in folder.glob("*_qa.jsonl")}):
        gold = {r["question_id"]: (r.get("search_result") or [])[:1] for r in rtqa._read(folder / f"{week}_gold.jsonl")}
        gcs = {r["question_id"]: r.get("search_result") or [] for r in rtqa._read(folder / f"{week}_gcs.jsonl")}
        for q in rtqa._read(folder / f"{week}_qa.jsonl"):
            answer = q["choices"][int(q["answer"][0])]
            asked = rtqa._published(q.get("question_date"))
            if not _usable_answer(answer) or asked is None:
                continue
            keys = dict.fromkeys(rtqa.normalise_url(d.get("url", "")) for d in gold.get(q["question_id"], []) + gcs.get(q["question_id"], []))
            found = [(k, corpus[k]) for k in keys if k in corpus]
            found = [(k, a) for k, a in found if a.source in OUTLET_NAMES and _day(a) is not None
                     and timedelta(0) <= asked - _day(a) <= timedelta(days=MAX_AGE_DAYS)
                     and answer.lower() in a.body.lower()]
            reports = []
            for outlet in sorted({a.source for _, a in found}):
                mine = sorted((k, a) for k, a in found if a.source == outlet)
                key, art = mine[rng.randrange(len(mine))]
                group = [k for k, a in mine if _day(a) == _day(art)]
                reports.append(Report(outlet, _day(art), key, art.title, group))  # type: ignore[arg-type]
            if reports:
                out.append(Story(q["question_id"], week, q["question_sentence"], answer, reports))
    return out


def _topic(story: Story) -> str:
    """The story as a phrase: its question's first sentence without relative dates or the question mark."""
    first = re.split(r"(?<=\w\w[.?!])\s+(?=[A-Z])", story.question.strip())[0]
    return _lower_first(" ".join(_RELATIVE.sub("", first).split()).rstrip("?.!:").strip())


def _lower_first(text: str) -> str:
    """Lower-case the first word when it is a question or function word (names keep their capital)."""
    head, _, rest = text.partition(" ")
    return f"{head.lower()} {rest}" if head.lower() in _FUNCTION_WORDS else text


def _when(d: date) -> str:
    """'June 14, 2022'."""
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def _clean_question(question: str) -> str:
    """The RealTimeQA question without relative dates and its final question mark."""
    return " ".join(_RELATIVE.sub("", question).split()).rstrip("?:").strip()


def _inference(story: Story, rng: random.Random) -> dict[str, Any]:
    """A question joining the story's 2-3 outlet reports."""
    reps = story.reports[:3]
    names = [OUTLET_NAMES[r.outlet] for r in reps]
    q = _clean_question(story.question)
    listed = " and ".join([", ".join(names[:-1]), names[-1]])
    dated = " and ".join(f"{n} on {_when(r.day)}" for n, r in zip(names, reps))
    templates = [f"{q}, as reported by both {listed}?" if len(reps) == 2 else f"{q}, as reported by {listed}?",
                 f"{q}, according to reports published by {dated}?",
                 f"According to {listed}, {_lower_first(q)}?",
                 f"{q}, as covered by {listed} in {reps[0].day.strftime('%B %Y')}?"]
    return _record(story.week, "inference", templates[rng.randrange(len(templates))], reps, story.answer, [story.qid])


def _pair(a: Story, b: Story, kind: str, rng: random.Random) -> dict[str, Any] | None:
    """A temporal or comparison question joining one report of story a and one of story b (different outlets)."""
    options = [(ra, rb) for ra in a.reports for rb in b.reports if ra.outlet != rb.outlet and ra.day != rb.day]
    if not options:
        return None
    ra, rb = options[rng.randrange(len(options))]
    na, nb, ta, tb = OUTLET_NAMES[ra.outlet], OUTLET_NAMES[rb.outlet], _topic(a), _topic(b)
    answer: str | None
    if kind == "temporal":
        templates = [(f"Was the {na} report on {ta} published before the {nb} report on {tb}?", ra.day < rb.day),
                     (f"Did {na} report on {ta} after {nb} reported on {tb}?", ra.day > rb.day),
                     (f"Which came first: {na}'s report on {ta}, or {nb}'s report on {tb}?", None)]
        text, truth = templates[rng.randrange(len(templates))]
        answer = (na if ra.day < rb.day else nb) if truth is None else ("Yes" if truth else "No")
    else:
        phrasings = [f"Do the {na} article of {_when(ra.day)} on {ta} and the {nb} article of {_when(rb.day)} on {tb} name the same country?",
                     f"Comparing {na}'s {_when(ra.day)} report on {ta} with {nb}'s {_when(rb.day)} report on {tb}, which involves more people?",
                     f"Between the {na} story from {_when(ra.day)} about {ta} and the {nb} story from {_when(rb.day)} about {tb}, which was about the United States?"]
        text, answer = phrasings[rng.randrange(len(phrasings))], None
    return _record(a.week, kind, text, [ra, rb], answer, [a.qid, b.qid])


def _record(week: str, kind: str, question: str, reps: list[Report], answer: str | None, qids: list[str]) -> dict[str, Any]:
    """One dataset line."""
    return {"type": kind, "question": question, "answer": answer, "source_questions": qids, "week": week,
            "evidence": [{"outlet": r.outlet, "outlet_name": OUTLET_NAMES[r.outlet], "published": r.day.isoformat(),
                          "key": r.key, "title": r.title, "group": r.group} for r in reps]}


def _pairs(stories: list[Story], kind: str, n: int, rng: random.Random) -> list[dict[str, Any]]:
    """n two-story questions from random pairs of different stories (seeded)."""
    out: list[dict[str, Any]] = []
    used: set[tuple[str, str]] = set()
    for _ in range(50 * n):
        if len(out) >= n:
            break
        a, b = rng.sample(stories, 2)
        if (a.qid, b.qid) in used or a.question == b.question or min(len(_topic(a).split()), len(_topic(b).split())) < _MIN_TOPIC_WORDS:
            continue
        used.add((a.qid, b.qid))
        rec = _pair(a, b, kind, rng)
        if rec:
            out.append(rec)
    return out


def build(data: Path) -> dict[str, list[dict[str, Any]]]:
    """Return the dev and held-out question lists (deterministic for a given data folder)."""
    loaded = rtqa.load(data, None)
    corpus = {rtqa.normalise_url(a.url): a for a in loaded.articles}
    rng = random.Random(SEED)
    stories = _stories(data / "realtimeqa", corpus, rng)
    out: dict[str, list[dict[str, Any]]] = {}
    for split in ("dev", "heldout"):
        mine = [s for s in stories if rtqa.in_split(s.week, split)]
        questions = [_inference(s, rng) for s in mine if len(s.reports) >= 2]
        questions += _pairs(mine, "temporal", TEMPORAL_PER_SPLIT, rng)
        questions += _pairs(mine, "comparison", COMPARISON_PER_SPLIT, rng)
        for i, q in enumerate(questions):
            q["id"] = f"mo-{split}-{i:03d}"
            q["split"] = split
        out[split] = questions
    return out


def render(questions: list[dict[str, Any]]) -> str:
    """One split's file text (JSON lines, keys sorted)."""
    return "".join(json.dumps(q, ensure_ascii=False, sort_keys=True) + "\n" for q in questions)


def write_sets(data: Path, out: Path) -> None:
    """Build both splits into out, refusing a build that differs from the frozen files."""
    out.mkdir(parents=True, exist_ok=True)
    for split, questions in build(data).items():
        text = render(questions)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != FROZEN_SHA256[split]:
            raise SystemExit(f"multioutlet {split}: the build from {data} differs from the frozen set (sha256 {digest[:12]}); "
                             "check that ../shared/data is the unmodified copy")
        path = out / f"multioutlet_{split}.jsonl"
        path.write_text(text, encoding="utf-8")
        kinds = {k: sum(q["type"] == k for q in questions) for k in ("inference", "temporal", "comparison")}
        print(f"{path}: {len(questions)} questions {kinds}")


def frozen_set(split: str, data: Path = Path("../shared/data"), out: Path = DEFAULT_OUT) -> list[dict[str, Any]]:
    """The questions of one split, built into out (untracked) on first use and checked against FROZEN_SHA256."""
    path = out / f"multioutlet_{split}.jsonl"
    if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != FROZEN_SHA256[split]:
        write_sets(data, out)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    """Write benchmarks/datasets/multioutlet_{dev,heldout}.jsonl (checked against the frozen hashes)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default="../shared/data", type=Path)
    ap.add_argument("--out", default=DEFAULT_OUT, type=Path)
    args = ap.parse_args()
    write_sets(args.data, args.out)


if __name__ == "__main__":
    main()
