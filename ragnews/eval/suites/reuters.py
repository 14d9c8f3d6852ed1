"""The Reuters-21578 answer sets: a held-out set (the headline) and a dev set, over disjoint seeded slices.

The questions were written by reading the articles (ragnews/eval/data/reuters/*.jsonl); the
article text stays in the shared data folder and is loaded here by NEWID. The held-out set
was committed before any tuning and is never edited (see benchmarks/build_reuters_sets.py).
dev2 is a second dev set over a third disjoint slice, written blind (before the session-5 tuning)
so a change tuned on dev can be checked on wording it was not shaped by; dev3 (session 7) is a fourth
slice written the same way, once dev2 was fitted; dev4 (session 8) a fifth, once dev3 was.
heldout2 (session 10) is a second held-out set over a sixth slice (200 articles), written blind by someone
who never saw the engine's output, because the first held-out had been run by six sessions.
dev5 (session 11) is a dev set over a seventh slice (200 articles), written blind by a non-tuner the way users
ask (paraphrase, short names, four near-miss kinds), so the tuner can find failures that generalise.
dev6 (session 22) is a dev set over an eighth slice (200 articles), written blind by a non-tuner: answerable questions
that state a detail (name, nationality, number, month, year) in another form than the answering sentence, beside
near-misses one detail away, so a "detail must be said" abstention rule can be tuned seeing both sides.
"""

from __future__ import annotations

from pathlib import Path

from ...loaders import iter_articles
from ...models import Article
from .base import PACKAGED_DATA, SuiteData, default_data_dir, load_answer_set, require

SETS = PACKAGED_DATA / "reuters"
SPLITS = {"reuters-heldout": "heldout", "reuters-dev": "dev", "reuters-dev2": "dev2", "reuters-dev3": "dev3",
          "reuters-dev4": "dev4", "reuters-heldout2": "heldout2", "reuters-dev5": "dev5",
          "reuters-dev6": "dev6"}


def _newid(article: Article) -> str:
    """Return the Reuters NEWID of a stored article (the sets' gold key)."""
    return str(article.metadata.get("newid", ""))


def load_articles(data: Path, ids: list[str], suite: str) -> list[Article]:
    """Load the Reuters-21578 records with these NEWIDs, in NEWID order."""
    folder = require(data / "reuters21578", suite, "the Reuters-21578 SGML files")
    wanted, found = set(ids), {}
    for sgm in sorted(folder.glob("reut2-*.sgm")):
        for item in iter_articles(sgm):
            if isinstance(item, Article) and _newid(item) in wanted:
                found[_newid(item)] = item
    return [found[i] for i in ids if i in found]


def load(data: Path | None, limit: int | None, *, name: str) -> SuiteData:
    """Load a Reuters answer set and its slice of articles.

    Args:
        name: reuters-heldout, reuters-heldout2 or a dev set (reuters-dev, -dev2..-dev6); REGISTRY's options pass it.
        data: the shared data folder (holding reuters21578/; default ../shared/data).
        limit: at most this many questions (the corpus stays the whole slice: distractors matter).

    Returns:
        The SuiteData (gold keys are NEWIDs).
    """
    split = SPLITS[name]
    folder = data or default_data_dir()
    ids = (SETS / f"{split}_ids.txt").read_text(encoding="utf-8").split()
    return load_answer_set(name, SETS, split, limit, lambda: load_articles(folder, ids, name), _newid,
                           f"reuters21578, {len(ids)} NEWIDs in reuters/{split}_ids.txt")
