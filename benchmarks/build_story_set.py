"""Build the timeline story set from Reuters-21578 (issue 19), reproducibly.

    python -m benchmarks.build_story_set ../shared/data/reuters21578 [--out benchmarks/datasets]

Covered stories: a journalist's query and the in-scope articles of the story, found by a
keyword rule over title + body (every pattern must match) and then reviewed by hand:

* core: the rule matches and its first pattern (the story's key entity) is in the title or
  occurs at least twice -- the article is about the story;
* peripheral: the rule matches but the key entity is mentioned once in passing (a market
  report naming the Louvre accord). An entry from a peripheral article counts as on-topic
  only when its own sentence matches the rule (scored by benchmarks/bench_timeline.py);
* `drop`: articles the rule finds that the review judged to be about something else;
* duplicates (Reuters re-sent many stories verbatim) collapse into one ragnews article id.

Uncovered stories: plausible news queries whose event the 1987 corpus does not report (checked:
their `absent` rule matches no article; the script fails if one ever does). Some name an
entity the corpus does mention (Enron, the Gulf, Kuwait, Pan Am) so that retrieval finds
plausible-looking but off-story articles, as a user would meet them.

The split into dev and held-out halves is seeded (SEED) and stratified (covered/uncovered).
The held-out half was committed before any tuning of scope or dedup (issue 19 discipline).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

SEED = 19
DEFAULT_OUT = Path(__file__).resolve().parent / "datasets"


@dataclass(frozen=True)
class Story:
    """One story: a query, a keyword rule (all must match), and reviewed exclusions."""

    id: str
    query: str
    rule: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    key: str = ""
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def covered(self) -> bool:
        """A story with a rule is covered; one with an `absent` rule is not."""
        return bool(self.rule)


COVERED = [
    Story("fiji-coup", "Fiji military coup", (r"\bFiji", r"\bcoup\b|Bavadra|Rabuka|republic|trade ban|embargo|sanction"),
          note="thin: the coup of May 14 and its aftermath (trade ban, sanctions after the republic)"),
    Story("chernobyl", "Chernobyl reactor accident death toll", (r"Chernobyl",),
          note="thin: one article gives the toll (31 killed); the others report the accident's aftermath"),
    Story("bhopal", "Bhopal gas leak compensation case", (r"Bhopal",), note="thin: one article"),
    Story("texaco-pennzoil", "Texaco's legal battle with Pennzoil", (r"Texaco", r"Pennzoil")),
    Story("ecuador-quake", "Ecuador earthquake damage to the oil pipeline", (r"Ecuador", r"earthquake|quake")),
    Story("zeebrugge", "Zeebrugge ferry disaster", (r"Zeebrugge|Herald of Free Enterprise",)),
    Story("toshiba-soviet", "Toshiba Machine sales of machine tools to the Soviet Union",
          (r"Toshiba", r"Soviet|Kongsberg|COCOM")),
    Story("volcker-greenspan", "Greenspan to succeed Volcker as Federal Reserve chairman", (r"Greenspan", r"Volcker")),
    Story("chrysler-amc", "Chrysler's takeover of American Motors", (r"American Motors", r"Chrysler"),
          key=r"American Motors|\bAMC\b"),
    Story("chip-dispute", "U.S.-Japan semiconductor trade dispute",
          (r"semiconductor|microchip|computer chip", r"Japan", r"tariff|sanction|dumping|retaliat")),
    Story("louvre", "Louvre accord on currency stability", (r"Louvre",)),
    Story("brazil-moratorium", "Brazil's moratorium on interest payments on its foreign debt",
          (r"Brazil", r"moratorium")),
    Story("iran-contra", "Iran-Contra affair", (r"Iran-Contra|\bContras?\b|Tower commission|Poindexter",)),
    Story("boesky", "Ivan Boesky insider trading scandal", (r"Boesky",)),
    Story("dome-amoco", "Amoco's takeover of Dome Petroleum", (r"\bDome\b", r"Amoco")),
    Story("uk-election", "Thatcher and the British general election", (r"Thatcher", r"election")),
    Story("usair-piedmont", "USAir's acquisition of Piedmont Aviation", (r"Piedmont", r"USAir")),
    Story("gaf-borg-warner", "GAF's bid for Borg-Warner", (r"Borg-Warner|Borg Warner", r"\bGAF\b")),
    Story("bp-standard-oil", "BP's bid for the rest of Standard Oil",
          (r"Standard Oil", r"\bBP\b|British Petroleum")),
    Story("guinness-saunders", "Guinness share scandal and Ernest Saunders", (r"Guinness", r"Saunders")),
    Story("allegheny", "Allegheny International's buyout and bankruptcy", (r"Allegheny Int",)),
    Story("kuwait-tankers", "U.S. escort of Kuwaiti tankers in the Gulf",
          (r"Kuwait", r"tanker", r"escort|reflag|protect")),
]

UNCOVERED = [
    Story("berlin-wall", "Fall of the Berlin Wall", absent=(r"Berlin Wall",)),
    Story("exxon-valdez", "Exxon Valdez oil spill in Alaska", absent=(r"Valdez|Exxon.{0,200}spill",)),
    Story("lockerbie", "Lockerbie bombing of Pan Am flight 103", absent=(r"Lockerbie|Pan Am.{0,200}bomb",)),
    Story("tiananmen", "Tiananmen Square crackdown on student protesters", absent=(r"Tiananmen",)),
    Story("kuwait-invasion", "Iraq's invasion of Kuwait", absent=(r"inva\w+ (of )?Kuwait|Kuwait.{0,40}invaded",)),
    Story("piper-alpha", "Piper Alpha oil platform explosion in the North Sea", absent=(r"Piper Alpha",)),
    Story("armenia-quake", "Armenian earthquake death toll", absent=(r"Armenia\w*.{0,200}(earthquake|quake)",)),
    Story("enron-collapse", "Enron accounting scandal and bankruptcy", absent=(r"Enron.{0,300}(bankrupt|scandal|fraud)",),
          note="hard: Enron appears (a 1987 dividend story), its collapse does not"),
    Story("hurricane-hugo", "Hurricane Hugo damage in South Carolina", absent=(r"Hurricane Hugo",)),
    Story("mandela-release", "Nelson Mandela released from prison", absent=(r"Mandela (was|has been|is) (released|freed)|freed Mandela|Mandela walked free",),
          note="hard: one article reports a demand that Mandela be released"),
    Story("panama-noriega", "U.S. invasion of Panama and the capture of Noriega", absent=(r"Noriega",)),
    Story("estonia-ferry", "Sinking of the ferry Estonia in the Baltic", absent=(r"\bEstonia\b",)),
]

#: The review (reading every matched title, and the article when unclear), by Reuters NEWID:
#: core articles that are about another story and only mention this one (-> peripheral), and
#: peripheral articles that are about the story though its key word occurs once (-> core).
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "ecuador-quake": ("5244", "7547", "7589", "12292", "2925", "15227"),
    "volcker-greenspan": ("21422", "18360"),
    "chrysler-amc": ("9046", "4986"),
    "chip-dispute": ("16028", "10455", "12848", "12603", "6926"),
    "louvre": ("17915", "15617", "12650", "20038", "21573"),
    "brazil-moratorium": ("3292", "5727"),
    "boesky": ("16278",),
    "uk-election": ("4674", "12025"),
    "guinness-saunders": ("13055",),
    "kuwait-tankers": ("19285", "14230"),
    "dome-amoco": ("16998",),
    "texaco-pennzoil": ("9583",),
}
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "chernobyl": ("12907",),
    "volcker-greenspan": ("18090", "18058", "18100", "18107", "18126", "18132", "18344"),
    "chip-dispute": ("16088", "16187", "16186", "17277", "10767", "16929", "11167", "11254", "15223", "12976", "8186"),
    "iran-contra": ("869", "6589", "43", "28", "1896", "5157", "2984", "964"),
    "uk-election": ("4166", "17281"),
    "bp-standard-oil": ("9733", "10168", "9850", "10133", "9742"),
    "allegheny": ("4733", "4910", "3263", "8406", "14736", "18963", "3168", "14131"),
    "kuwait-tankers": ("19882", "17750", "18271", "20624", "17436"),
    "zeebrugge": ("2944", "2955", "2959", "2958"),
}


def load_corpus(folder: Path) -> list[dict[str, str]]:
    """Return every Reuters-21578 article as ragnews loads it (id, newid, published, title, body)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from ragnews.loaders import iter_articles
    from ragnews.models import Article

    out = []
    for path in sorted(folder.glob("*.sgm")):
        for item in iter_articles(path):
            if isinstance(item, Article):
                out.append({"id": item.id, "newid": str(item.metadata.get("newid", "")), "published": item.published_iso,
                            "title": item.title, "body": item.body})
    if not out:
        raise SystemExit(f"{folder}: no Reuters-21578 .sgm articles found; pass the reuters21578 folder")
    return out


def match_story(story: Story, corpus: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Return the (core, peripheral) articles a covered story's rule finds, one per ragnews id.

    Core: the key pattern (default the rule's first) is in the title or occurs twice, unless the
    review demoted it; peripheral: the rest, unless the review promoted it.
    """
    patterns = [re.compile(p, re.IGNORECASE) for p in story.rule]
    core: dict[str, dict[str, str]] = {}
    peripheral: dict[str, dict[str, str]] = {}
    demote, promote = set(REVIEW_DEMOTE.get(story.id, ())), set(REVIEW_PROMOTE.get(story.id, ()))
    key = re.compile(story.key or story.rule[0], re.IGNORECASE)
    for a in corpus:
        text = a["title"] + "\n" + a["body"]
        if a["newid"] in story.drop or not all(p.search(text) for p in patterns):
            continue
        central = bool(key.search(a["title"])) or len(key.findall(a["body"])) >= 2
        central = (central and a["newid"] not in demote) or a["newid"] in promote
        (core if central else peripheral).setdefault(a["id"], a)
    peripheral = {k: v for k, v in peripheral.items() if k not in core}
    return list(core.values()), list(peripheral.values())


def absent_hits(story: Story, corpus: list[dict[str, str]]) -> list[str]:
    """Return the newids an uncovered story's `absent` rule matches (must be none)."""
    patterns = [re.compile(p, re.IGNORECASE | re.DOTALL) for p in story.absent]
    return [a["newid"] for a in corpus if any(p.search(a["title"] + "\n" + a["body"]) for p in patterns)]


def build(corpus: list[dict[str, str]]) -> list[dict[str, object]]:
    """Return one record per story (covered with gold ids, uncovered with none)."""
    records: list[dict[str, object]] = []
    for story in COVERED:
        core, peripheral = match_story(story, corpus)
        if not core:
            raise SystemExit(f"story {story.id}: its rule finds no core article; fix the rule")
        records.append({
            "id": story.id, "query": story.query, "covered": True, "rule": list(story.rule), "key": story.key or story.rule[0],
            "note": story.note,
            "gold": sorted(a["id"] for a in core), "gold_newids": sorted((a["newid"] for a in core), key=int),
            "peripheral": sorted(a["id"] for a in peripheral),
            "peripheral_newids": sorted((a["newid"] for a in peripheral), key=int),
        })
    for story in UNCOVERED:
        hits = absent_hits(story, corpus)
        if hits:
            raise SystemExit(f"story {story.id} is meant to be uncovered but {len(hits)} article(s) match: {hits[:5]}")
        records.append({"id": story.id, "query": story.query, "covered": False, "rule": list(story.absent), "key": "",
                        "note": story.note, "gold": [], "gold_newids": [], "peripheral": [], "peripheral_newids": []})
    return records


def split(records: list[dict[str, object]], seed: int = SEED) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Split into dev and held-out halves, stratified by covered/uncovered, seeded."""
    rng = random.Random(seed)
    dev, held = [], []
    for covered in (True, False):
        group = sorted((r for r in records if r["covered"] is covered), key=lambda r: str(r["id"]))
        rng.shuffle(group)
        half = len(group) // 2
        dev += group[:half]
        held += group[half:]
    return dev, held


def main(argv: list[str] | None = None) -> int:
    """Build the set and write stories_dev.jsonl and stories_heldout.jsonl."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reuters", type=Path, help="the reuters21578 folder of ../shared/data")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--list", action="store_true", help="print every matched title (for the review)")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.reuters)
    records = build(corpus)
    if args.list:
        by_id = {a["id"]: a for a in corpus}
        for r in records:
            print(f"== {r['id']}: {len(cast('list[str]', r['gold']))} core, {len(cast('list[str]', r['peripheral']))} peripheral")
            for kind in ("gold", "peripheral"):
                for aid in cast("list[str]", r[kind]):
                    a = by_id[aid]
                    print(f"  {kind[:4]} {a['newid']:>5} {a['published'][:10]} {a['title'][:80]}")
    dev, held = split(records)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, part in (("stories_dev.jsonl", dev), ("stories_heldout.jsonl", held)):
        with open(args.out / name, "w", encoding="utf-8") as fh:
            for r in part:
                fh.write(json.dumps(r) + "\n")
    covered = sum(1 for r in records if r["covered"])
    print(f"{len(records)} stories ({covered} covered, {len(records) - covered} uncovered): "
          f"dev {len(dev)}, held-out {len(held)} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
