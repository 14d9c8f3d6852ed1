"""Timeline quality on the story set (issue 19), and `rag.timeline` latency.

Quality, on a home holding Reuters-21578 (``ragnews ingest ../shared/data/reuters21578``):
    python -m benchmarks.bench_timeline quality --home HOME [--split dev|heldout|both|heldout_v2|heldout_v3|heldout_v4|heldout_v5|heldout_v6|heldout_v7|heldout_v8|heldout_v9|heldout_v10|heldout_v11|heldout_v12|heldout_v13|heldout_v14|heldout_v15|heldout_v16|heldout_v17|heldout_v18|heldout_v19|heldout_v20|heldout_v21|heldout_v22|heldout_v23|heldout_v24|seen] [--llm openai --limit 3]

Per story (benchmarks/datasets/stories_{dev,heldout}.jsonl, built by benchmarks/build_story_set.py; the blind
second held-out set stories_heldout_v2.jsonl by benchmarks/build_story_set_v2.py; the third,
stories_heldout_v3.jsonl, by benchmarks/build_story_set_v3.py; the fourth, stories_heldout_v4.jsonl, by
benchmarks/build_story_set_v4.py; the fifth, stories_heldout_v5.jsonl, by benchmarks/build_story_set_v5.py). Since
session 5 the v1 held-out half and v2 have been seen and serve as dev: `--split seen` runs v1 dev + v1 held-out + v2;
since session 6 v3 is seen too (dev); since session 7 v4 is dev; since session 8 v5 is dev; since session 9 v6 is dev and v7 (build_story_set_v7.py) is held out; since session 10 v7 is dev and v8
(build_story_set_v8.py) is the blind held-out set; since session 11 v8 is dev and v9 (build_story_set_v9.py) is the
blind held-out set; since session 12 v9 is dev and v10 (build_story_set_v10.py) is the blind held-out set; since session 13
v10 is dev and v11 (build_story_set_v11.py) is the blind held-out set, drawn from RealTimeQA's 2022 news rather than
Reuters, so it is scored on its own home: `python -m benchmarks.build_story_set_v11 ../shared/data --ingest HOME`;
since session 14 v11 is dev and v12 (build_story_set_v12.py) is the blind held-out set, drawn from the same RealTimeQA
corpus (stories outside every earlier pool) and scored on the same v11 home; since session 15 v12 is dev and v13
(build_story_set_v13.py) is the blind held-out set, drawn from FRANK's 2015-2017 CNN/Daily Mail and BBC articles (a corpus
no timeline tuning had touched) and scored on ITS OWN home, FRANK + TAC 2011 as distractors:
`python -m benchmarks.build_story_set_v13 ../shared/data --ingest HOME` (FRANK's dates are mostly web.archive capture
days, upper bounds of publication, so v13's date-error count is weak); since session 16 v13 is dev and v14
(build_story_set_v14.py) is the blind held-out set, drawn from RealTimeQA again (real publication dates; stories outside
every earlier pool, thin stories of 2-3 articles among them) and scored on the v11 home (no new home:
`python -m benchmarks.build_story_set_v11 ../shared/data --ingest HOME`, or a copy of the lead's); since session 17 v14
is dev and v15 (build_story_set_v15.py) is the blind held-out set, drawn from Reuters-21578 again (stories outside every
v1-v14 pool, of kinds and months the earlier Reuters sets did not reach, thin stories of 2-3 articles among them) and
scored on the FULL Reuters home (`ragnews ingest ../shared/data/reuters21578`, all 22 files, 18,765 articles); since session 20
v17 (build_story_set_v17.py) is the blind held-out set, drawn the same way (stories outside every v1-v16 pool, of six
kinds no earlier set had) and scored on the same full Reuters home. Each later set, v18 to v24
(build_story_set_vN.py, heldout_vN), was drawn the same way outside every earlier set's pool and was the blind
held-out set until its first run, dev after it: v18 of six more new kinds; v19 and v20 of new kinds about actors with
much other 1987 news, v20's uncovered stories near-misses one detail away; v21-v24 of earlier kinds, actor-heavy,
with near-misses one detail away.

* on-topic precision: an entry is on topic when every article it cites is a gold (core)
  article of the story, or a peripheral one whose entry sentence itself matches the story's
  key pattern; precision = on-topic entries / entries, over all covered stories;
* uncovered entries: entries returned for stories the corpus does not cover (target 0), and
  how many of those timelines said the articles do not cover the story;
* covered abstentions: covered stories that got no entry (so abstaining is never free);
* duplicate-event rate: entries whose content words overlap an earlier entry's by Jaccard
  >= 0.5 within one day of it (lexical, independent of the embedder the timeline dedups with);
* date errors: entries dated after the publication of every article they cite whose
  sentence has no future-tense cue (ragnews.dates.FUTURE_CUE: will, must, expected to, scheduled, plans to,
  next ..., tomorrow).

Latency, warm, on a home of at least N chunks (synthetic copies as in benchmarks/bench_query.py):
    python -m benchmarks.bench_timeline latency --home HOME [--synthetic 100000]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks._bench import RESULTS, machine, percentile, run_child, write_json
from ragnews.dates import FUTURE_CUE

DATASETS = Path(__file__).resolve().parent / "datasets"
DEFAULT_OUT = RESULTS / "bench_timeline.json"
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(["the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "by", "with", "at", "from", "as", "is", "was", "were", "be", "been", "has", "have", "had", "it", "its", "that", "this", "said", "says", "say", "he", "she", "they", "we", "mln", "dlrs", "pct", "which", "who", "would", "will", "not", "but"])


def load_stories(split: str) -> list[dict[str, Any]]:
    """Return the stories of one split (dev, heldout, heldout_v2, heldout_v3, heldout_v4), both (dev + heldout) or seen (v1 + v2)."""
    names = {"both": ["dev", "heldout"], "seen": ["dev", "heldout", "heldout_v2"]}.get(split, [split])
    out = []
    for name in names:
        with open(DATASETS / f"stories_{name}.jsonl", encoding="utf-8") as fh:
            out += [{**json.loads(line), "split": name} for line in fh if line.strip()]
    return out


def content_words(text: str) -> set[str]:
    """Lower-cased content words of a sentence (for the duplicate measure)."""
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def on_topic(entry: dict[str, Any], story: dict[str, Any]) -> bool:
    """True when every cited article is gold, or peripheral with the entry sentence matching the key pattern."""
    gold, peripheral = set(story["gold"]), set(story["peripheral"])
    key = re.compile(story["key"], re.IGNORECASE) if story.get("key") else None
    cited = {c["article_id"] for c in entry["citations"]}
    if not cited:
        return False
    return all(a in gold or (a in peripheral and key is not None and bool(key.search(entry["text"]))) for a in cited)


def duplicates(entries: list[dict[str, Any]]) -> int:
    """Entries that repeat an earlier entry's event (same day +-1, content-word Jaccard >= 0.5)."""
    seen: list[tuple[date, set[str]]] = []
    dup = 0
    for e in entries:
        day, words = date.fromisoformat(e["date"]), content_words(e["text"])
        if any(abs((day - d).days) <= 1 and len(words & w) / max(1, len(words | w)) >= 0.5 for d, w in seen):
            dup += 1
        seen.append((day, words))
    return dup


def date_error(entry: dict[str, Any]) -> bool:
    """True when the entry is dated after every cited article's publication without a future-tense cue."""
    published = [c["published"][:10] for c in entry["citations"] if c.get("published")]
    if not published or FUTURE_CUE.search(entry["text"]):
        return False
    return all(date.fromisoformat(entry["date"]) > date.fromisoformat(p) + timedelta(days=0) for p in published)


def score_story(story: dict[str, Any], timeline: dict[str, Any]) -> dict[str, Any]:
    """Return the per-story counts."""
    entries = timeline["entries"]
    return {
        "id": story["id"], "split": story["split"], "covered": story["covered"], "query": story["query"],
        "entries": len(entries), "on_topic": sum(on_topic(e, story) for e in entries) if story["covered"] else 0,
        "duplicates": duplicates(entries), "date_errors": sum(date_error(e) for e in entries),
        "says_not_covered": any("do not cover" in w for w in timeline.get("warnings", [])) or "do not cover" in timeline.get("note", ""),
        "off_topic": [e["text"][:100] for e in entries if story["covered"] and not on_topic(e, story)][:5],
        "date_flagged": [f"{e['date']} (published {min(c['published'][:10] for c in e['citations'])}): {e['text'][:200]}"
                         for e in entries if date_error(e)],  # each to be read: scheduled events are not errors
        "note": timeline.get("note", ""), "warnings": [w[:160] for w in timeline.get("warnings", [])][:8],
        "seconds": timeline.get("seconds", 0.0),
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate per-story counts into the issue's four measures."""
    covered = [r for r in rows if r["covered"]]
    uncovered = [r for r in rows if not r["covered"]]
    entries = sum(r["entries"] for r in rows)
    cov_entries = sum(r["entries"] for r in covered)
    return {
        "stories": len(rows), "covered": len(covered), "uncovered": len(uncovered),
        "on_topic_precision": round(sum(r["on_topic"] for r in covered) / cov_entries, 4) if cov_entries else None,
        "covered_entries": cov_entries,
        "covered_abstentions": sum(1 for r in covered if r["entries"] == 0),
        "uncovered_entries": sum(r["entries"] for r in uncovered),
        "uncovered_said_not_covered": sum(1 for r in uncovered if r["says_not_covered"]),
        "duplicate_rate": round(sum(r["duplicates"] for r in rows) / entries, 4) if entries else 0.0,
        "date_errors": sum(r["date_errors"] for r in rows),
        "p50_seconds": round(percentile([r["seconds"] for r in rows], 50), 3) if rows else None,
    }


def run_quality(args: argparse.Namespace) -> dict[str, Any]:
    """Build every story's timeline, score it, print and write the report."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from ragnews import NewsRAG

    rag = NewsRAG(args.home)
    stories = load_stories(args.split)
    if args.stories:
        wanted = args.stories.split(",")
        stories = [s for s in stories if s["id"] in wanted]
    if args.limit:
        stories = [s for s in stories if s["covered"]][: args.limit] + [s for s in stories if not s["covered"]][: args.limit]
    rows = []
    for story in stories:
        started = time.perf_counter()
        result = rag.timeline(story["query"], k=args.k or None, llm=args.llm or None)
        timeline = {**json.loads(result.model_dump_json()), "seconds": time.perf_counter() - started}
        row = score_story(story, timeline)
        rows.append(row)
        print(f"{story['split']:<8}{story['id']:<20}{'cov' if story['covered'] else 'unc'} entries {row['entries']:>2} "
              f"on-topic {row['on_topic']:>2} dup {row['duplicates']} date-err {row['date_errors']} "
              f"{row['seconds']:.1f}s {'[says not covered]' if row['says_not_covered'] else ''}", flush=True)
    report: dict[str, Any] = {"command": " ".join(["python -m benchmarks.bench_timeline", *sys.argv[1:]]), "home": str(args.home),
                              "engine": args.llm or "extractive", "machine": machine()}
    for split in sorted({r["split"] for r in rows}):
        report[split] = summarise([r for r in rows if r["split"] == split])
        print(split, json.dumps(report[split]))
    report["stories"] = rows
    write_json(args.json, report)
    return report


# --------------------------------------------------------------------------- latency


def child_latency(opts: dict[str, Any]) -> dict[str, Any]:
    """Warm up, then time rag.timeline over the story queries (in a fresh process)."""
    from benchmarks.bench_peer import latency
    from ragnews import NewsRAG

    rag = NewsRAG(opts["home"])
    out: dict[str, Any] = {"articles": rag.records.article_count(), "chunks": rag.records.chunk_count()}
    out["timeline"] = latency(lambda q: rag.timeline(q), opts["queries"])
    return out


def run_latency(args: argparse.Namespace) -> dict[str, Any]:
    """Measure warm timeline latency on the home, or on a synthetic copy of at least N chunks."""
    from benchmarks.bench_query import add_synthetic

    queries = [s["query"] for s in load_stories("both")]
    home, work = args.home, None
    if args.synthetic:
        work = Path(tempfile.mkdtemp(prefix="bench_timeline-"))
        home = work / "home"
        shutil.copytree(args.home, home)
        add_synthetic(home, args.synthetic)
    res = run_child(["benchmarks.bench_timeline", "--child", json.dumps({"home": str(home), "queries": queries})], nice=args.nice)
    out = {**res.output, "peak_rss_mb": res.peak_rss_mb}
    print(f"{out['chunks']} chunks: timeline p50 {out['timeline']['p50_ms']:.0f} ms p95 {out['timeline']['p95_ms']:.0f} ms", flush=True)
    if work:
        shutil.rmtree(work, ignore_errors=True)
    report = {"command": " ".join(["python -m benchmarks.bench_timeline", *sys.argv[1:]]), "home": str(args.home),
              "synthetic": args.synthetic, "machine": machine(), "result": out}
    write_json(args.json, report)
    return report


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and run the quality or latency measurement (or the latency child)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", choices=["quality", "latency"], default="quality")
    parser.add_argument("--home", type=Path)
    parser.add_argument("--split", choices=["dev", "heldout", "both", "heldout_v2", "heldout_v3", "heldout_v4", "heldout_v5", "heldout_v6", "heldout_v7", "heldout_v8", "heldout_v9", "heldout_v10", "heldout_v11", "heldout_v12", "heldout_v13", "heldout_v14", "heldout_v15", "heldout_v16", "heldout_v17", "heldout_v18", "heldout_v19", "heldout_v20", "heldout_v21", "heldout_v22", "heldout_v23", "heldout_v24", "seen"], default="both")
    parser.add_argument("--llm", help="engine (extractive, openai); default the home's settings")
    parser.add_argument("--limit", type=int, default=0, help="at most this many covered and uncovered stories")
    parser.add_argument("--stories", default="", help="only these story ids (comma-separated), e.g. for a slow LLM")
    parser.add_argument("--k", type=int, default=0, help="passages to retrieve (default the timeline's); fewer keeps a small LLM's prompt in its context")
    parser.add_argument("--synthetic", type=int, default=0, help="latency: on a home of at least this many chunks")
    parser.add_argument("--nice", type=int, default=10)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child_latency(json.loads(args.child))))
        return
    if args.home is None:
        parser.error("--home is required: a home holding the ingested Reuters-21578 set")
    if args.what == "quality":
        args.json = args.json or DEFAULT_OUT
        run_quality(args)
    else:
        args.json = args.json or RESULTS / "bench_timeline_latency.json"
        run_latency(args)


if __name__ == "__main__":
    main()
