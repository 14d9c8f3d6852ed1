"""Build and check the FRANK answer sets: a seeded held-out half and dev half of FRANK's 501 web-news articles.

Why a script: the article text may not be copied into the repository, so the sets are stored as FRANK ids plus
hand-written questions; this script re-derives the halves from the shared data (seeded, reproducible) and verifies
every gold quote verbatim against its article AS RAGNEWS STORES IT (ragnews.eval.suites.frank.frank_article: an
XSum text with its glued sentence ends repaired), every key fact and short answer against the gold quotes, and every
near-miss's "absent" terms against the corpus its kind names (so an unanswerable question really is one).

    python -m benchmarks.build_frank_sets select [--data ../shared/data]   # writes heldout_ids.txt, dev_ids.txt
    python -m benchmarks.build_frank_sets check  [--data ../shared/data]   # verifies every committed *.jsonl
    python -m benchmarks.build_frank_sets show --split heldout              # prints a half's articles, to write questions

The split (session 16, SEED 1616, a seed no earlier set used): each of FRANK's two halves (250 CNN/DailyMail, 251
BBC XSum) is shuffled with random.Random(SEED) and cut in two, the larger part of an odd count going to the held-out
half, so both sets draw on both outlets alike. Every set's corpus is all 501 articles: the questions of a set ask only
about its own half, the other half is distractors (and the next set's material).

Near-miss kinds (an unanswerable question's `kind`), each checked as it says:
- attribute-absent: the entity is in the corpus but the attribute asked is not; `present` = the entity's words, which
  must occur in every article of `absent_in`; `absent_in` = {FRANK id: the attribute's words}, absent from that article.
- entity-absent: a plausible actor the corpus never names; `absent` = its names, absent from all 501 articles.
- detail-absent: the asked event one detail (a year, a place, another person or round) away from a covered one;
  `present` = the covered event's words (in every article of `absent_in`, when given), `absent` = the changed
  detail's phrases, absent from all 501 articles, and/or `absent_in` = {FRANK id: terms absent from that article}.
Terms match case-insensitively as substrings of the title and body.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from ragnews.eval.suites.frank import SETS, frank_article, frank_rows, read_ids
from ragnews.models import Article

SEED = 1616
SPLITS = ("heldout", "dev")
KINDS = ("attribute-absent", "entity-absent", "detail-absent")


def load_corpus(data: Path) -> dict[str, tuple[str, Article]]:
    """Return FRANK id -> (dataset, Article as ragnews stores it) for all 501 rows, in file order."""
    return {r["id"]: (r["dataset"], frank_article(r)) for r in frank_rows(data)}


def select(data: Path) -> dict[str, list[str]]:
    """Split each outlet's articles (sorted by FRANK id, then seeded shuffle) into a held-out and a dev half."""
    rng = random.Random(SEED)
    halves: dict[str, list[str]] = {split: [] for split in SPLITS}
    corpus = load_corpus(data)
    for dataset in ("cnndm", "xsum"):
        ids = sorted(i for i, (d, _) in corpus.items() if d == dataset)
        rng.shuffle(ids)
        cut = (len(ids) + 1) // 2
        halves["heldout"] += ids[:cut]
        halves["dev"] += ids[cut:]
    return {split: sorted(ids) for split, ids in halves.items()}


def _text(article: Article) -> str:
    """Title and body, lower-cased: where an absent/present term is looked for."""
    return f"{article.title}\n{article.body}".lower()


def _check_answerable(r: dict[str, Any], where: str, corpus: dict[str, tuple[str, Article]], half: set[str]) -> list[str]:
    """Gold articles in the half; quotes verbatim in their bodies; key facts and short answer in the quotes."""
    problems = [f"{where}: gold article {i} is not in the half" for i in r["gold_articles"] if i not in half]
    gold_text = "\n".join(corpus[i][1].body for i in r["gold_articles"] if i in corpus)
    problems += [f"{where}: gold quote not verbatim in its articles: {q[:70]!r}" for q in r["gold_quotes"] if q not in gold_text]
    quotes = " ".join(r["gold_quotes"]).lower()
    problems += [f"{where}: key fact {f[0]!r} is in none of the gold quotes" for f in r["key_facts"]
                 if not any(alt.lower() in quotes for alt in f)]
    if not r["key_facts"] or not r["gold_quotes"]:
        problems.append(f"{where}: answerable question without key facts or gold quotes")
    if r.get("short") and r["short"].lower() not in quotes:
        problems.append(f"{where}: short answer {r['short']!r} is in none of the gold quotes")
    return problems


def _check_unanswerable(r: dict[str, Any], where: str, corpus: dict[str, tuple[str, Article]], half: set[str],
                        everything: str) -> list[str]:
    """The near-miss's terms: absent where its kind says, its anchor present where it says."""
    kind, absent, absent_in, present = r.get("kind"), r.get("absent", []), r.get("absent_in", {}), r.get("present", [])
    problems = [] if kind in KINDS else [f"{where}: unknown kind {kind!r}"]
    if kind == "entity-absent" and not absent:
        problems.append(f"{where}: entity-absent without 'absent' names")
    if kind == "attribute-absent" and not (absent_in and present):
        problems.append(f"{where}: attribute-absent needs 'absent_in' and 'present'")
    if kind == "detail-absent" and not (present and (absent or absent_in)):
        problems.append(f"{where}: detail-absent needs 'present' and 'absent' or 'absent_in'")
    problems += [f"{where}: 'absent' term {t!r} occurs in the corpus" for t in absent if t.lower() in everything]
    if present and not absent_in and not all(t.lower() in everything for t in present):
        problems.append(f"{where}: a 'present' term is not in the corpus: {present}")
    for fid, terms in absent_in.items():
        if fid not in half:
            problems.append(f"{where}: absent_in article {fid} is not in the half")
            continue
        text = _text(corpus[fid][1])
        problems += [f"{where}: 'absent_in' term {t!r} occurs in article {fid}" for t in terms if t.lower() in text]
        problems += [f"{where}: 'present' term {t!r} is not in article {fid}" for t in present if t.lower() not in text]
    return problems


def check(data: Path, split: str, path: Path | None = None) -> list[str]:
    """Return the problems of a half's question file (SETS/<split>.jsonl unless PATH; empty when all gold checks out)."""
    corpus = load_corpus(data)
    half = set(read_ids(split))
    everything = "\n".join(_text(a) for _, a in corpus.values())
    path = path or SETS / f"{split}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    problems = [f"{path.name}: duplicate question ids"] if len({r["id"] for r in rows}) != len(rows) else []
    for r in rows:
        where = f"{path.name}:{r['id']}"
        if not r["question"].strip():
            problems.append(f"{where}: empty question")
        if r["answerable"]:
            problems += _check_answerable(r, where, corpus, half)
        else:
            problems += _check_unanswerable(r, where, corpus, half, everything)
    n_un = sum(not r["answerable"] for r in rows)
    print(f"{split}: {len(rows)} questions, {n_un} unanswerable, {len(problems)} problems")
    return problems


def show(data: Path, split: str) -> None:
    """Print a half's articles as ragnews stores them (FRANK id, outlet, day, title, body), to write questions."""
    corpus = load_corpus(data)
    for fid in read_ids(split):
        dataset, a = corpus[fid]
        print(f"=== {fid} | {dataset} | {a.source} | {a.published_iso} | {a.title}\n{a.body}\n")


def main() -> int:
    """Run select, check or show."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("select", "check", "show"))
    parser.add_argument("--data", default=str(Path.cwd().parent / "shared" / "data"))
    parser.add_argument("--split", default="heldout", choices=SPLITS)
    args = parser.parse_args()
    data = Path(args.data)
    if args.action == "select":
        SETS.mkdir(parents=True, exist_ok=True)
        for split, ids in select(data).items():
            (SETS / f"{split}_ids.txt").write_text("\n".join(ids) + "\n", encoding="utf-8")
            print(f"{split}: {len(ids)} articles")
        return 0
    if args.action == "show":
        show(data, args.split)
        return 0
    problems = [p for split in SPLITS if (SETS / f"{split}.jsonl").exists() for p in check(data, split)]
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
