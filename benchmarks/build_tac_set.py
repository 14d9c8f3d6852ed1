"""Check the TAC answer set (tac-heldout) and print its articles: 100 WikiNews articles of TAC 2011 MultiLing.

Why a script: the article text may not be copied into the repository, so the set is stored as TAC ids ("M003-07" =
topic M003, file M0037.english) plus hand-written questions; this script verifies every gold quote verbatim against
its article AS RAGNEWS STORES IT (ragnews.eval.suites.tac.tac_articles: the summaries suite's `load_tac` title, date
and body, as the v13 home stores them), every key fact and short answer against the gold quotes, and every near-miss's
"absent" terms against the whole 601-article corpus the suite ingests (FRANK's 501 distractors + TAC's 100), so an
unanswerable question really is one.

    python -m benchmarks.build_tac_set check [--data ../shared/data]   # verifies ragnews/eval/data/tac/heldout.jsonl
    python -m benchmarks.build_tac_set show  [--data ../shared/data]   # prints the TAC articles, to write questions

The set was written in session 18 by a non-tuner, by reading the articles printed by `show` (never from ragnews
output), before any answer tuning of that session; it is blind (held-out): never run it while tuning.

Near-miss kinds (an unanswerable question's `kind`), each checked as build_frank_sets checks FRANK's:
- attribute-absent: the entity is in the corpus but the attribute asked is not; `present` = the entity's words, which
  must occur in every article of `absent_in`; `absent_in` = {TAC id: the attribute's words}, absent from that article.
- entity-absent: a plausible actor the corpus never names; `absent` = its names, absent from all 601 articles.
- detail-absent: the asked event one detail (a year, a place, another person or round) away from a covered one;
  `present` = the covered event's words (in every article of `absent_in`, when given), `absent` = the changed
  detail's phrases, absent from all 601 articles, and/or `absent_in` = {TAC id: terms absent from that article}.
Terms match case-insensitively as substrings of the title and body.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.build_frank_sets import KINDS, _check_answerable, _check_unanswerable, _text
from ragnews.eval.suites.frank import frank_article, frank_rows
from ragnews.eval.suites.tac import SETS, tac_articles
from ragnews.models import Article

#: build_frank_sets' checks take {id: (dataset, Article)}; a TAC article's dataset is "tac".
Corpus = dict[str, tuple[str, Article]]

__all__ = ["KINDS", "check", "load_corpus", "main", "show"]


def load_corpus(data: Path) -> Corpus:
    """Return TAC id -> ("tac", Article as the suite stores it) for TAC's 100 articles, topic by topic."""
    return {key: ("tac", article) for key, article in tac_articles(data)}


def corpus_text(data: Path, tac: Corpus) -> str:
    """Every one of the suite's 601 articles (FRANK's 501, then TAC's), title and body lower-cased: where an
    'absent' term must not occur."""
    frank = [frank_article(r) for r in frank_rows(data)]
    return "\n".join(_text(a) for a in [*frank, *(a for _, a in tac.values())])


def check(data: Path, path: Path | None = None) -> list[str]:
    """Return the problems of the question file (SETS/heldout.jsonl unless PATH; empty when all gold checks out)."""
    tac = load_corpus(data)
    everything = corpus_text(data, tac)
    path = path or SETS / "heldout.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    problems = [f"{path.name}: duplicate question ids"] if len({r["id"] for r in rows}) != len(rows) else []
    for r in rows:
        where = f"{path.name}:{r['id']}"
        if not r["question"].strip():
            problems.append(f"{where}: empty question")
        if r["answerable"]:
            problems += _check_answerable(r, where, tac, set(tac))
        else:
            problems += _check_unanswerable(r, where, tac, set(tac), everything)
    n_un = sum(not r["answerable"] for r in rows)
    print(f"heldout: {len(rows)} questions, {n_un} unanswerable, {len(problems)} problems")
    return problems


def show(data: Path) -> None:
    """Print TAC's articles as ragnews stores them (TAC id, day, title, body), to write questions."""
    for key, (_, a) in load_corpus(data).items():
        print(f"=== {key} | {a.published_iso} | {a.title}\n{a.body}\n")


def main() -> int:
    """Run check or show."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("action", choices=("check", "show"))
    parser.add_argument("--data", default=str(Path.cwd().parent / "shared" / "data"))
    args = parser.parse_args()
    data = Path(args.data)
    if args.action == "show":
        show(data)
        return 0
    problems = check(data)
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
