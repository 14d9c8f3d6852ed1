"""The FRANK answer sets: a held-out set and a dev set over FRANK's 2010s web news (CNN/DailyMail and BBC XSum).

Why FRANK: the Reuters-21578 sets (1987 newswire) have all been used for accept/reject decisions, so a fresh
held-out needs a corpus no answer tuning has touched, in the style users read: FRANK's 250 CNN/DailyMail articles
of 2015 and 251 BBC XSum articles of 2016-2017 (../shared/data/cnndm_xsum_frank/frank_articles_refs.jsonl).
Every set's corpus is all 501 articles (the other half is the distractors); the questions of each set ask only
about articles of its own seeded half (ragnews/eval/data/frank/*_ids.txt, drawn by benchmarks/build_frank_sets.py).
Questions were written by reading the articles as stored here (never from ragnews output) and use the Reuters
sets' schema and scoring (base.read_questions). The gold key is the article's FRANK `id`.

The Article of a FRANK row is built as the v13 timeline home builds it (benchmarks/build_story_set_v13.py imports
these functions from here, since ragnews may not import benchmarks/): FRANK gives no title or date, so a title is
the URL slug (a BBC URL has none: its first sentence) and a date the day the URL states, else the web.archive
capture day (an upper bound of publication); an XSum text lost its paragraph breaks and kept page chrome, which
`xsum_body` repairs.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ..._text import sentence_spans
from ...models import Article
from .base import PACKAGED_DATA, SuiteData, default_data_dir, load_answer_set, require

FRANK = Path("cnndm_xsum_frank") / "frank_articles_refs.jsonl"
SETS = PACKAGED_DATA / "frank"
SPLITS = {"frank-heldout": "heldout", "frank-dev": "dev"}
#: Where the FRANK row id is kept on an Article (the sets' gold key).
ID_FIELD = "frank_id"

#: web.archive.org/web/<capture stamp>[id_]/<original URL>
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/(\d{8})\d*(?:id_)?/(.+)$")
#: A CNN URL's own day: /2015/04/08/
_URL_DAY = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")
_SLUG_SKIP = frozenset(["index.html", ""])
#: What the BBC page scrape left in an XSum article: share buttons (English or Welsh) before the first sentence, the
#: video notice before a clip's caption, the Welsh "external links" note.
_BBC_CHROME = re.compile(r"^Share this with\S*?Copy this link|^Rhannu hwn ar.*?ddolen yma"
                         r"|Media playback is (?:not supported on this device|unsupported on your device)"
                         r"|Mae\u2019r rhain yn ddolenni allanol ac yn agor mewn ffenest newydd")
#: XSum lost its paragraph breaks: "...in Monday night's ballot.Ahead of the vote, ..." (a sentence end, before or
#: after a closing quote, glued to the next capital; two word characters before it keep "U.S.Army"-like initials whole).
_GLUED = re.compile(r"((?<=\w\w)[\"\u201d\u2019')]?[.!?][\"\u201d\u2019')]?)(?=[\"\u201c\u2018]?[A-Z])")


def frank_rows(data: Path) -> list[dict[str, str]]:
    """Every FRANK row (CNN/DM and XSum) in file order: the one reader of the file (the summaries suite's
    `load_cnndm` keeps the CNN/DM rows of it)."""
    with (data / FRANK).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def archived_url(url: str) -> tuple[str, str]:
    """Split a web.archive URL into (capture day YYYYMMDD, original URL); ('', url) when it is not one."""
    m = _ARCHIVED.match(url)
    return (m.group(1), m.group(2)) if m else ("", url)


def frank_day(url: str) -> date | None:
    """The article's day: the one its original URL states (CNN), else the archive capture day, an upper bound of
    publication (FRANK gives no date)."""
    stamp, original = archived_url(url)
    stated = _URL_DAY.search(original)
    if stated:
        return date(int(stated.group(1)), int(stated.group(2)), int(stated.group(3)))
    return date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])) if stamp else None


def frank_title(url: str, body: str) -> str:
    """A Daily Mail or CNN URL slug as words (the last path part with letters, hyphens as spaces); a BBC URL has
    no slug (section-number), so its first sentence."""
    original = archived_url(url)[1]
    host = urlsplit(original).netloc
    parts = [p for p in urlsplit(original).path.split("/") if p not in _SLUG_SKIP]
    slug = parts[-1].removesuffix(".html") if parts else ""
    if "bbc." in host or not re.search(r"[A-Za-z]-[A-Za-z]", slug):
        spans = sentence_spans(body)
        return body[spans[0][0]:spans[0][1]].strip() if spans else ""
    return " ".join(slug.split("-"))


def xsum_body(text: str) -> str:
    """An XSum article's text with the page chrome dropped and its lost paragraph breaks put back as newlines, so
    ragnews' sentence splitter sees its sentences (3,350 glued sentence ends in FRANK's 251 BBC articles)."""
    return _GLUED.sub("\\1\n", _BBC_CHROME.sub("\n", text)).strip()


def frank_article(row: dict[str, str]) -> Article:
    """One FRANK row as the Article the v13 home stores (title, day, outlet and URL as the module docstring says;
    an XSum text repaired by xsum_body, a CNN/DM text as FRANK gives it)."""
    original = archived_url(row["url"])[1]
    source = urlsplit(original).netloc.lower().removeprefix("www.").split(":")[0]
    body = xsum_body(row["article"]) if row["dataset"] == "xsum" else row["article"]
    return Article.create(frank_title(row["url"], body), body, published=frank_day(row["url"]), source=source, url=original)


def frank_id(article: Article) -> str:
    """Return the FRANK row id of a loaded article (the sets' gold key)."""
    return str(article.metadata.get(ID_FIELD, ""))


def load_articles(data: Path, suite: str = "frank") -> list[Article]:
    """All 501 FRANK articles in file order, each built by frank_article and carrying its FRANK id in metadata
    (the id does not enter the article id, so the stored articles are the v13 home's)."""
    require(data / FRANK, suite, "the FRANK articles file")
    return [frank_article(r).model_copy(update={"metadata": {ID_FIELD: r["id"]}}) for r in frank_rows(data)]


def read_ids(split: str) -> list[str]:
    """Return the committed FRANK ids of a split's half (heldout or dev)."""
    return (SETS / f"{split}_ids.txt").read_text(encoding="utf-8").split()


def load(data: Path | None, limit: int | None, *, name: str) -> SuiteData:
    """Load a FRANK answer set over all 501 FRANK articles.

    Args:
        name: frank-heldout or frank-dev; REGISTRY's options pass it.
        data: the shared data folder (holding cnndm_xsum_frank/; default ../shared/data).
        limit: at most this many questions (the corpus stays all 501 articles: distractors matter).

    Returns:
        The SuiteData (gold keys are FRANK ids).
    """
    folder = data or default_data_dir()
    return load_answer_set(name, SETS, SPLITS[name], limit, lambda: load_articles(folder, name), frank_id,
                           "FRANK, all 501 CNN/DailyMail + BBC XSum articles")
