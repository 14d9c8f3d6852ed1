"""Build and check the Reuters-21578 answer sets: a held-out slice and a disjoint dev slice.

Why a script: the article text may not be copied into the repository, so the sets are stored
as NEWIDs plus hand-written questions; this script re-derives the slices from the shared data
(seeded, reproducible) and verifies every gold quote verbatim against the article bodies as
ragnews loads them, every key fact against its gold quotes, and every "absent" term of an
unanswerable question against the whole slice (so a near-miss really is unanswerable).

    python -m benchmarks.build_reuters_sets select [--data ../shared/data]   # writes *_ids.txt
    python -m benchmarks.build_reuters_sets check  [--data ../shared/data]   # verifies *.jsonl
    python -m benchmarks.build_reuters_sets select-dev2                      # writes dev2_ids.txt
    python -m benchmarks.build_reuters_sets select-dev3                      # writes dev3_ids.txt
    python -m benchmarks.build_reuters_sets select-dev4                      # writes dev4_ids.txt
    python -m benchmarks.build_reuters_sets select-heldout2                  # writes heldout2_ids.txt
    python -m benchmarks.build_reuters_sets select-dev5                      # writes dev5_ids.txt
    python -m benchmarks.build_reuters_sets select-dev6                      # writes dev6_ids.txt

dev2 (session 5) is a second dev slice, drawn after the first two were frozen: a seeded sample of
the same pool minus every held-out and dev article, so its questions share no source with either.
dev3 (session 7) is a third dev slice drawn the same way with its own seed, minus held-out, dev and
dev2 articles: written blind, before any engine change, as the honest estimate of held-out behaviour.
dev4 (session 8) is a fifth slice (own seed, minus held-out, dev, dev2 and dev3), written blind the same way
once dev3 was tuned on, so this session's fixes are checked on wording none of them was shaped by.
heldout2 (session 10) is a second held-out slice of 200 (own seed, minus held-out and dev..dev4), its
questions written blind by someone who never saw the engine's output: the first held-out had been run by
six sessions, so it judges whether a new answer ranker generalises. Like heldout, it is never tuned on.
dev5 (session 11) is a seventh slice of 200 (own seed, minus held-out, dev..dev4 and heldout2), its questions
written blind by a non-tuner in the way users ask, so the tuner has a dev set whose failures generalise.
dev6 (session 22) is an eighth slice of 200 (own seed, minus held-out, dev..dev4, heldout2 and dev5), written blind
by a non-tuner: answerable questions that state a detail (a name, nationality, number, month, year) in another form
than the answering sentence, beside near-misses one detail away, so a tuner sees both sides of a "detail must be
said" abstention rule.
(moved from eval/datasets/reuters/build.py with the sets; the sets live in ragnews/eval/data/reuters/)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "ragnews" / "eval" / "data" / "reuters"
SEED = 13
SIZES = {"heldout": 300, "dev": 150, "dev2": 150, "dev3": 150, "dev4": 150, "heldout2": 200, "dev5": 200, "dev6": 200}
DEV2_SEED = 1305  # a separate seed: drawing dev2 must not move the frozen held-out/dev slices
DEV3_SEED = 1307  # dev3's own seed, drawn from what is left after held-out, dev and dev2
DEV4_SEED = 1308  # dev4's own seed, drawn from what is left after held-out, dev, dev2 and dev3
HELDOUT2_SEED = 1310  # heldout2's own seed (session 10), drawn from what is left after held-out and dev..dev4
DEV5_SEED = 1311  # dev5's own seed (session 11), drawn from what is left after every earlier slice incl. heldout2
DEV6_SEED = 1312  # dev6's own seed (session 22), drawn from what is left after every earlier slice incl. dev5
MIN_CHARS, MAX_CHARS = 700, 3500  # long enough to ask about, short enough to read when writing questions


def load_corpus(data: Path) -> dict[str, object]:
    """Return NEWID -> Article for every Reuters-21578 record with a body, loaded as ragnews loads it."""
    from ragnews.loaders import iter_articles
    from ragnews.models import Article

    out: dict[str, object] = {}
    for sgm in sorted((data / "reuters21578").glob("reut2-*.sgm")):
        for item in iter_articles(sgm):
            if isinstance(item, Article):
                out[str(item.metadata.get("newid"))] = item
    return out


def _pool(corpus: dict[str, object]) -> list[str]:
    """Return the NEWIDs of distinct-bodied, mid-length articles, in NEWID order."""
    seen: set[str] = set()
    pool = []
    for newid, a in sorted(corpus.items(), key=lambda kv: int(kv[0])):
        body = a.body  # type: ignore[attr-defined]
        if MIN_CHARS <= len(body) <= MAX_CHARS and body[:200] not in seen:
            seen.add(body[:200])
            pool.append(newid)
    return pool


def select(data: Path) -> dict[str, list[str]]:
    """Pick the held-out and dev slices: seeded samples of distinct-bodied, mid-length articles."""
    pool = _pool(load_corpus(data))
    rng = random.Random(SEED)
    picked = rng.sample(pool, SIZES["heldout"] + SIZES["dev"])
    return {"heldout": sorted(picked[: SIZES["heldout"]], key=int), "dev": sorted(picked[SIZES["heldout"]:], key=int)}


def _fresh_slice(data: Path, taken: tuple[str, ...], seed: int, size: int) -> list[str]:
    """Pick a seeded sample of the pool with every article of the TAKEN splits removed.

    Also drops articles whose opening repeats a taken slice's article (a re-sent story would
    let the new questions overlap a held-out source).
    """
    corpus = load_corpus(data)
    frozen = {i for split in taken for i in read_ids(split)}
    openings = {corpus[i].body[:120] for i in frozen}  # type: ignore[attr-defined]
    pool = [i for i in _pool(corpus) if i not in frozen and corpus[i].body[:120] not in openings]  # type: ignore[attr-defined]
    return sorted(random.Random(seed).sample(pool, size), key=int)


def select_dev2(data: Path) -> list[str]:
    """Pick the dev2 slice: disjoint from (and sharing no opening with) held-out and dev."""
    return _fresh_slice(data, ("heldout", "dev"), DEV2_SEED, SIZES["dev2"])


def select_dev3(data: Path) -> list[str]:
    """Pick the dev3 slice: disjoint from (and sharing no opening with) held-out, dev and dev2."""
    return _fresh_slice(data, ("heldout", "dev", "dev2"), DEV3_SEED, SIZES["dev3"])


def select_dev4(data: Path) -> list[str]:
    """Pick the dev4 slice: disjoint from (and sharing no opening with) held-out, dev, dev2 and dev3."""
    return _fresh_slice(data, ("heldout", "dev", "dev2", "dev3"), DEV4_SEED, SIZES["dev4"])


def select_heldout2(data: Path) -> list[str]:
    """Pick the second held-out slice: disjoint from (and sharing no opening with) every earlier slice."""
    return _fresh_slice(data, ("heldout", "dev", "dev2", "dev3", "dev4"), HELDOUT2_SEED, SIZES["heldout2"])


def select_dev5(data: Path) -> list[str]:
    """Pick the dev5 slice: disjoint from (and sharing no opening with) every earlier slice, heldout2 included."""
    return _fresh_slice(data, ("heldout", "dev", "dev2", "dev3", "dev4", "heldout2"), DEV5_SEED, SIZES["dev5"])


def select_dev6(data: Path) -> list[str]:
    """Pick the dev6 slice: disjoint from (and sharing no opening with) every earlier slice, dev5 included."""
    return _fresh_slice(data, ("heldout", "dev", "dev2", "dev3", "dev4", "heldout2", "dev5"), DEV6_SEED, SIZES["dev6"])


def read_ids(split: str) -> list[str]:
    """Return the committed NEWIDs of a split."""
    return (HERE / f"{split}_ids.txt").read_text(encoding="utf-8").split()


def check(data: Path, split: str) -> list[str]:
    """Return the problems of a split's question file (empty when every gold checks out)."""
    corpus = load_corpus(data)
    ids = read_ids(split)
    bodies = {i: corpus[i].body for i in ids}  # type: ignore[attr-defined]
    everything = "\n".join(bodies.values()).lower()
    problems = []
    path = HERE / f"{split}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        where = f"{path.name}:{r['id']}"
        if not r["question"].strip():
            problems.append(f"{where}: empty question")
        if r["answerable"]:
            for newid in r["gold_articles"]:
                if newid not in bodies:
                    problems.append(f"{where}: gold article {newid} is not in the {split} slice")
            gold_text = "\n".join(bodies.get(n, "") for n in r["gold_articles"])
            for quote in r["gold_quotes"]:
                if quote not in gold_text:
                    problems.append(f"{where}: gold quote not verbatim in its articles: {quote[:70]!r}")
            quotes = " ".join(r["gold_quotes"]).lower()
            for fact in r["key_facts"]:
                if not any(alt.lower() in quotes for alt in fact):
                    problems.append(f"{where}: key fact {fact[0]!r} is in none of the gold quotes")
            if r.get("short") and r["short"].lower() not in quotes:
                problems.append(f"{where}: short answer {r['short']!r} is in none of the gold quotes")
        else:
            for term in r.get("absent", []):
                if term.lower() in everything:
                    problems.append(f"{where}: 'absent' term {term!r} occurs in the {split} slice")
            if not r.get("absent") and not r.get("absent_in"):
                problems.append(f"{where}: unanswerable question without 'absent' terms")
            for newid, terms in r.get("absent_in", {}).items():
                for term in terms:
                    if term.lower() in bodies.get(newid, "").lower():
                        problems.append(f"{where}: 'absent_in' term {term!r} occurs in article {newid}")
    n_un = sum(not r["answerable"] for r in rows)
    print(f"{split}: {len(rows)} questions, {n_un} unanswerable, {len(problems)} problems")
    return problems


def main() -> int:
    """Run select or check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("select", "select-dev2", "select-dev3", "select-dev4", "select-heldout2",
                                                "select-dev5", "select-dev6", "check", "show"))
    parser.add_argument("--data", default=str(Path.cwd().parent / "shared" / "data"))
    parser.add_argument("--split", default="heldout", choices=tuple(SIZES))
    args = parser.parse_args()
    data = Path(args.data)
    if args.action == "select":
        for split, ids in select(data).items():
            (HERE / f"{split}_ids.txt").write_text("\n".join(ids) + "\n", encoding="utf-8")
            print(f"{split}: {len(ids)} articles")
        return 0
    if args.action in ("select-dev2", "select-dev3", "select-dev4", "select-heldout2", "select-dev5", "select-dev6"):
        split = args.action.removeprefix("select-")
        ids = {"dev2": select_dev2, "dev3": select_dev3, "dev4": select_dev4, "heldout2": select_heldout2,
               "dev5": select_dev5, "dev6": select_dev6}[split](data)
        (HERE / f"{split}_ids.txt").write_text("\n".join(ids) + "\n", encoding="utf-8")
        print(f"{split}: {len(ids)} articles")
        return 0
    if args.action == "show":  # print a slice's articles, for writing questions
        corpus = load_corpus(data)
        for i in read_ids(args.split):
            a = corpus[i]
            print(f"=== {i} | {a.title} | {a.published_iso}\n{a.body}\n")  # type: ignore[attr-defined]
        return 0
    problems = [p for split in SIZES if (HERE / f"{split}.jsonl").exists() for p in check(data, split)]
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
