"""The TAC answer set: a blind held-out set over TAC 2011 MultiLing's 100 WikiNews articles (2005-2010).

Why TAC: every Reuters and FRANK held-out set has been used for several accept/reject decisions (issue 13, "Held-out
discipline, frozen first"); TAC 2011's English WikiNews articles (10 topics x 10 articles,
../shared/data/tac2011_multiling_en) had never had a question written on them. The questions were written in
session 18 by a non-tuner reading the articles as stored here (never from ragnews output) and use the Reuters sets'
schema and scoring (base.read_questions).

The corpus is FRANK's 501 articles (2015-2017 web news, the distractors, built by frank.frank_article) then TAC's
100, each TAC article built exactly as the v13 timeline home builds it (benchmarks/build_story_set_v13.tac_articles:
title, date and body from the summaries suite's `load_tac`, outlet wikinews). The gold key is a TAC id kept in the
article's metadata (it does not enter the article id): the topic and the article's 0-based place in it, "M003-07" =
source file M0037.english.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...models import Article
from .base import PACKAGED_DATA, SuiteData, default_data_dir, load_answer_set, require
from .frank import FRANK, frank_article, frank_rows
from .summaries import load_tac

TAC = Path("tac2011_multiling_en")
SETS = PACKAGED_DATA / "tac"
SPLITS = {"tac-heldout": "heldout"}
#: Where the TAC id is kept on an Article (the set's gold key); a FRANK article keeps its own id under frank_id.
ID_FIELD = "tac_id"


def tac_key(topic: str, position: int) -> str:
    """The TAC id of a topic's article: 'M003' and 7 -> 'M003-07' (source file M0037.english)."""
    return f"{topic}-{position:02d}"


def tac_articles(data: Path) -> list[tuple[str, Article]]:
    """TAC's 100 articles, topic by topic, as (TAC id, Article) -- the Article built as the v13 home builds it."""
    return [(tac_key(topic.name, k), Article.create(title, body, published=date.fromisoformat(day) if day else None,
                                                  source="wikinews"))
            for topic in load_tac(data)
            for k, (title, day, body) in enumerate(zip(topic.titles, topic.dates, topic.bodies, strict=True))]


def tac_id(article: Article) -> str:
    """Return the TAC id of a loaded article (the set's gold key; '' for a FRANK distractor)."""
    return str(article.metadata.get(ID_FIELD, ""))


def load_articles(data: Path, suite: str = "tac") -> list[Article]:
    """FRANK's 501 articles (the distractors, keyed by their FRANK id under frank_id) then TAC's 100 keyed by TAC id."""
    require(data / TAC / "source", suite, "the TAC 2011 MultiLing source articles")
    require(data / FRANK, suite, "the FRANK articles file (the distractors)")
    frank = [frank_article(r).model_copy(update={"metadata": {"frank_id": r["id"]}}) for r in frank_rows(data)]
    return frank + [a.model_copy(update={"metadata": {ID_FIELD: key}}) for key, a in tac_articles(data)]


def load(data: Path | None, limit: int | None, *, name: str) -> SuiteData:
    """Load the TAC answer set over FRANK's 501 + TAC's 100 articles.

    Args:
        name: tac-heldout; REGISTRY's options pass it.
        data: the shared data folder (holding tac2011_multiling_en/ and cnndm_xsum_frank/; default ../shared/data).
        limit: at most this many questions (the corpus stays all 601 articles: distractors matter).

    Returns:
        The SuiteData (gold keys are TAC ids).
    """
    folder = data or default_data_dir()
    return load_answer_set(name, SETS, SPLITS[name], limit, lambda: load_articles(folder, name), tac_id,
                           "TAC 2011 MultiLing, 100 WikiNews articles, + FRANK's 501 as distractors")
