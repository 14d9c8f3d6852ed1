"""Build the eleventh, blind held-out timeline story set (v11) from RealTimeQA's 2022 news (issue 19, session 13).

    python -m benchmarks.build_story_set_v11 ../shared/data [--out benchmarks/datasets] [--list]
    python -m benchmarks.build_story_set_v11 ../shared/data --ingest HOME   # the home the set is scored on

Why a v11, and why not Reuters: v1-v10 have all been run and their misses read, so from session 13 on
they are dev sets and v11 is the blind held-out set the timeline code is measured on once, after its
tuning. Reuters-21578 is nearly exhausted for stories of 4+ articles, and the timeline code must work
on modern news, not only 1987 wire copy, so v11 is drawn from RealTimeQA (2022, mostly CNN and USA
Today, with web search results that reach back to 2013). Same record format as v1-v10
(bench_timeline.py scores all), built by v2's `drawn_set` / `reviewed_match` and v8's `blind_builder`.
The corpus the set is scored on: `--ingest HOME` (the realtimeqa eval suite's loader, all 22 weeks,
through `NewsRAG.ingest_articles`, exactly as `ragnews eval realtimeqa` ingests it).

Rules, written here before any candidate title was listed:

0. Corpus: RealTimeQA's 22 weeks (2022-06-17 .. 2022-11-11) exactly as the realtimeqa eval suite loads
   them (ragnews.eval.suites.realtimeqa.load: every gold article plus every search result, deduplicated by
   URL, each cut to its first 3000 characters; 3,760 articles, mostly USA Today and CNN). Its loader gives
   the ids ragnews stores (Article.create: title + body), so the gold ids are the home's. RealTimeQA has no
   NEWID: an article's `newid` here is its 1-based position in the loader's order (stable for a fixed data
   folder), used only by the review lists and the `--list` print.
1. Covered pool = 2022 news stories, each one actor and one event, of the kinds a journalist asks about,
   found by listing every title (and, for the gold articles with no title, the first line of the body)
   with the kind's words:
   (a) disasters: HURRICANE, TYPHOON, STORM, FLOOD, WILDFIRE, FIRE, EARTHQUAKE, HEAT WAVE, DROUGHT;
   (b) elections and votes: ELECTION, PRIMARY, RUNOFF, REFERENDUM, VOTE, LEADERSHIP RACE, PRIME MINISTER;
   (c) trials and court cases: TRIAL, VERDICT, SENTENCED, JURY, LAWSUIT, SUES, INDICTED, CHARGED, RULING;
   (d) company deals: ACQUIRE, ACQUISITION, TAKEOVER, MERGER, BUYOUT, DEAL, BID, BUY;
   (e) launches: LAUNCH, ROCKET, MISSION, SPACECRAFT, UNVEIL;
   (f) diplomacy and war: SUMMIT, VISIT, TALKS, SANCTIONS, TREATY, INVASION, ANNEX, ATTACK;
   (g) sports finals: FINAL, CHAMPIONSHIP, WORLD SERIES, OPEN, CUP, TITLE, RETIRE;
   (h) deaths and resignations: DIES, DEAD AT, DEATH, FUNERAL, RESIGN, STEPS DOWN;
   (i) shootings and crimes: SHOOTING, GUNMAN, KILLED, STABBED, ARRESTED.
   Titles are grouped by actor (a person, company, country or named storm) and event; a story's size is
   the number of articles its rule matches. In each kind up to two stories are taken: the largest and a
   thin one (the rule matches 4 or 5 articles; the smallest over 5 when none has 4-5). If that leaves
   fewer than 20 covered stories, the kinds are taken again in order, each adding its next-largest story,
   until the pool has 20 (so the seeded draw of 16 is a real draw). Skipped: a story with < 4 matched
   articles, a group whose matches mix unrelated events of the actor (dropped, not hand-edited), a kind
   word in another sense (a "fire" sale, a political "storm", a "final" decision) -- each skip replaced by
   the next story by the same rule.
2. Each covered story's rule is an actor pattern plus an alternation of the event's own words (all must
   match title + body, case-insensitive); key = the actor pattern (the event's words where the actor is a
   broad one, e.g. a country). The query is written as a user would ask it.
3. Uncovered pool = written after the covered pool and before the draw, one per covered pool story: a
   near-miss that did not happen in the corpus -- the same actor's other event, the same kind of event for
   another actor, or the event in a year the corpus does not reach -- asked as a user would. Each has an
   `absent` rule the script asserts matches no article (a candidate whose assertion fires is replaced by the
   next near-miss of the same story, written down below).
4. The set is a seeded sample of each pool (SEED, `random.Random(SEED).sample`): 16 covered of 20 and 11
   uncovered of 20, so which stories are in it is not chosen by hand.
5. Gold (v2's reviewed_match): core = the key in the title or at least twice in the body, peripheral = once.
   Review: `--list` prints every matched title; demotions and promotions are decided from titles only and
   written down with their reason.
6. No v11 story shares an id or a query with a v1-v10 pool story (v8's `pool_overlap`, run over this corpus).

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- The corpus is a weekly news quiz's: each question brought ten search results on its topic, so 2022
  stories come in clusters of 5-50 articles, with search results from 2013-2021 mixed in (those are
  demoted in the review when their titles are about another year's event).
- Rule 1 as applied: per kind, the largest story and a thin one; the kinds ran short of thin stories of
  4-5 articles, so "thin" took the smallest story over 5 where none had 4-5 (rule 1's fallback). The
  round two fill (to reach 20) added (a) the Yellowstone flooding, (b) the Kansas abortion vote and (c)
  Alex Jones's trials.
- Skipped as mixing events (dropped, not hand-edited): the UK Conservative leadership race (the summer
  race Truss won and the October one after her resignation match one rule), the Wimbledon finals (men's
  and women's finals of several years), the Theranos trials (Holmes's and Balwani's), Russia's annexation
  referendums (half the matches are 2014 Crimea and February explainers), Biden's Saudi trip and the
  Highland Park shooting (only daily digests match), Blue Origin and Starlink (several flights), the
  Zaporizhzhia plant (digests and war roundups) and Elon Musk's Twitter deal (its matches hold Twitter's
  verification fees, Parler, Meta's layoffs: written into the pool, dropped before the gold review once its
  listing showed the mix, with its near-miss "Twitter's rebranding as X"; kind (e)'s next story, NASA's
  DART mission, and its near-miss took their places). Too few articles (< 4 after the event words): the
  Kroger-Albertsons merger (3), Gorbachev's death, the Rushdie stabbing, Netanyahu's return, the Buffalo
  shooting (1-3 each). Kind (f) has one story.
- Uncovered pool: one near-miss per covered pool story (20), written before the draw; nine `absent` rules (of seven near-misses)
  fired on the first try and were replaced before the draw: "Vermont ... flood" (-> Derna), "Issue 1"
  (-> Ohio's amendment vote), "Hawaiian Airlines" and "Asiana" (-> Alaska Airlines' takeover of Hawaiian,
  a narrower rule), "Vision Pro" (-> the iPhone 15), "Inter Miami" (-> Andy Murray's retirement, with
  Serena's near-miss moved to Venus Williams's), "coronation" (-> King Charles's cancer diagnosis),
  "Infowars ... bankrupt" and "The Onion" (-> the Infowars auction). Ireland's 2018 abortion referendum was
  a candidate and is in the corpus (a 2018 search result): the corpus reaches back years, so a near-miss
  "in a year the corpus does not reach" is a year after 2022.
- Keys: an actor pattern by default; an event-near-actor pattern where the actor is in many unrelated
  articles (Kansas's vote, Serena Williams's retirement), so an article that names the actor twice in
  passing stays peripheral.
- Review (title only) below; written after the draw printed the drawn stories' titles -- the draw does not
  depend on the review, which only splits each story's matched articles into core and peripheral.

The committed stories_heldout_v11.jsonl has md5 5deac65971fd6fa7ee57fa6757e5a70b (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v11 query.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.build_story_set import DEFAULT_OUT, Story
from benchmarks.build_story_set_v2 import list_titles
from benchmarks.build_story_set_v8 import blind_builder
from ragnews.models import Article

SEED = 2033
N_COVERED = 16
N_UNCOVERED = 11
OUT_NAME = "stories_heldout_v11.jsonl"

#: The builders of v1-v10, whose pools (drawn or not) v11 must not repeat.
EARLIER_BUILDERS = ("build_story_set", "build_story_set_v2", "build_story_set_v3", "build_story_set_v4",
                    "build_story_set_v5", "build_story_set_v6", "build_story_set_v7", "build_story_set_v8",
                    "build_story_set_v9", "build_story_set_v10")

COVERED_POOL = [
    # (a) disasters
    Story("hurricane-ian", "Hurricane Ian", (r"\bIan\b", r"hurricane")),
    Story("oak-fire", "The Oak Fire near Yosemite", (r"Oak Fire", r"Mariposa|Yosemite|acres|evacuat"), note="thin: 4 articles"),
    Story("yellowstone-flooding", "The flooding that closed Yellowstone National Park", (r"Yellowstone", r"flood")),
    # (b) elections and votes
    Story("brazil-election", "Brazil's presidential election",
          (r"Brazil", r"Lula", r"Bolsonaro", r"election|runoff|run-off|vote"), key=r"Lula"),
    Story("colombia-election", "Colombia's presidential election",
          (r"Colombia", r"Petro", r"election|runoff|vote|president-elect"), key=r"Petro", note="thin: 5 articles"),
    Story("kansas-abortion-vote", "The Kansas abortion vote", (r"Kansas", r"abortion", r"vote|amendment|referendum|ballot"),
          key=r"Kansas.{0,80}(abortion|vote|amendment|referendum|ballot)|(abortion|vote|amendment|referendum|ballot).{0,80}Kansas"),
    # (c) trials and court cases
    Story("griner-trial", "Brittney Griner's trial in Russia", (r"Griner", r"trial|sentenc|verdict|court")),
    Story("depp-heard-trial", "The Johnny Depp and Amber Heard defamation trial",
          (r"Depp", r"Heard", r"trial|jury|verdict|defamation"), note="thin: 6 articles"),
    Story("alex-jones-trial", "Alex Jones's Sandy Hook defamation trials",
          (r"Alex Jones", r"Sandy Hook", r"trial|jury|damages|verdict")),
    # (d) company deals
    Story("jetblue-spirit-deal", "JetBlue's bid for Spirit Airlines",
          (r"JetBlue", r"Spirit", r"deal|merger|takeover|buy|offer|bid")),
    # (e) launches
    Story("artemis-launch", "The launch of NASA's Artemis I moon mission", (r"Artemis", r"launch|rocket|scrub")),
    Story("iphone-14-launch", "Apple's iPhone 14 launch", (r"iPhone 14", r"launch|unveil|event|announce"),
          note="thin: 8 articles"),
    Story("dart-mission", "NASA's DART asteroid impact mission", (r"DART", r"asteroid|Dimorphos")),
    # (f) diplomacy and war
    Story("pelosi-taiwan-visit", "Nancy Pelosi's visit to Taiwan", (r"Pelosi", r"Taiwan", r"visit|trip"), key=r"Taiwan"),
    # (g) sports
    Story("serena-retirement", "Serena Williams's retirement from tennis", (r"Serena", r"retir|farewell|evolv"),
          key=r"Serena.{0,80}(retir|farewell|evolv)|(retir|farewell|evolv).{0,80}Serena"),
    Story("federer-retirement", "Roger Federer's retirement", (r"Federer", r"retire|retirement", r"Laver Cup"),
          note="thin: 5 articles"),
    # (h) deaths and resignations
    Story("queen-elizabeth-death", "The death and funeral of Queen Elizabeth II",
          (r"Queen Elizabeth", r"died|death|dies|funeral|mourn"), key=r"Queen"),
    Story("olivia-newton-john-death", "The death of Olivia Newton-John",
          (r"Newton.John", r"dies|died|dead|death|tribute"), note="thin: 6 articles"),
    # (i) shootings and crimes
    Story("uvalde-shooting", "The Uvalde school shooting", (r"Uvalde", r"shooting|gunman|shooter")),
    Story("paul-pelosi-attack", "The attack on Paul Pelosi", (r"Paul Pelosi", r"attack|hammer|assault"),
          key=r"Paul Pelosi|DePape"),
]

UNCOVERED_POOL = [
    Story("hurricane-idalia", "Hurricane Idalia's landfall in Florida", absent=(r"Idalia",),
          note="hard: Hurricane Ian (2022) is in the corpus"),
    Story("lahaina-wildfire", "The Lahaina wildfire on Maui", absent=(r"Lahaina",),
          note="hard: the Oak Fire (2022) is in the corpus"),
    Story("derna-dam-collapse", "The dam collapse and flooding in Derna, Libya", absent=(r"\bDerna\b",),
          note="hard: the Yellowstone flooding (2022) is in the corpus"),
    Story("brasilia-congress-riot", "Bolsonaro supporters storming Brazil's Congress",
          absent=(r"Bolsonaro supporters storm|stormed .{0,60}Bras[ií]lia|Three Powers",),
          note="hard: Brazil's 2022 presidential election is in the corpus"),
    Story("argentina-milei-election", "Javier Milei's election as Argentina's president", absent=(r"Milei",),
          note="hard: Colombia's 2022 presidential election is in the corpus"),
    Story("ohio-abortion-amendment", "Ohio's abortion-rights amendment vote",
          absent=(r"Ohio.{0,100}abortion.{0,100}(amendment|ballot measure)|Ohio voters.{0,100}abortion",),
          note="hard: the Kansas abortion vote (2022) is in the corpus"),
    Story("gershkovich-trial", "Evan Gershkovich's espionage trial in Russia", absent=(r"Gershkovich",),
          note="hard: Brittney Griner's 2022 trial in Russia is in the corpus"),
    Story("bankman-fried-trial", "Sam Bankman-Fried's fraud trial", absent=(r"Bankman-Fried",),
          note="hard: the Depp-Heard defamation trial (2022) is in the corpus"),
    Story("infowars-auction", "The bankruptcy auction of Infowars",
          absent=(r"Infowars.{0,200}auction|auction.{0,200}Infowars",),
          note="hard: Alex Jones's 2022 Sandy Hook trials are in the corpus"),
    Story("alaska-hawaiian-deal", "Alaska Airlines' takeover of Hawaiian Airlines",
          absent=(r"Alaska Air\w*.{0,300}Hawaiian|Hawaiian.{0,300}Alaska Air",),
          note="hard: JetBlue's 2022 bid for Spirit is in the corpus"),
    Story("chandrayaan-3-landing", "India's Chandrayaan-3 moon landing", absent=(r"Chandrayaan",),
          note="hard: the Artemis I launch (2022) is in the corpus"),
    Story("iphone-15-launch", "Apple's iPhone 15 launch", absent=(r"iPhone 15",),
          note="hard: the iPhone 14 launch (2022) is in the corpus"),
    Story("hayabusa2-sample-return", "Japan's Hayabusa2 asteroid sample return", absent=(r"Hayabusa",),
          note="hard: NASA's DART asteroid impact (2022) is in the corpus"),
    Story("mccarthy-tsai-meeting", "Kevin McCarthy's meeting with Taiwan's president Tsai Ing-wen",
          absent=(r"McCarthy.{0,300}Tsai|Tsai.{0,300}McCarthy",),
          note="hard: Nancy Pelosi's 2022 visit to Taiwan is in the corpus"),
    Story("venus-williams-retirement", "Venus Williams's retirement", absent=(r"Venus.{0,100}retire|retire.{0,100}Venus",),
          note="hard: Serena Williams's 2022 retirement is in the corpus"),
    Story("andy-murray-retirement", "Andy Murray's retirement from tennis",
          absent=(r"Murray.{0,100}retire|retire.{0,100}Andy Murray",),
          note="hard: Roger Federer's 2022 retirement is in the corpus"),
    Story("king-charles-cancer", "King Charles's cancer diagnosis",
          absent=(r"Charles.{0,100}cancer|cancer.{0,100}King Charles",),
          note="hard: Queen Elizabeth II's 2022 death and funeral are in the corpus"),
    Story("tina-turner-death", "The death of Tina Turner", absent=(r"Tina Turner",),
          note="hard: Olivia Newton-John's 2022 death is in the corpus"),
    Story("covenant-school-shooting", "The Covenant School shooting in Nashville", absent=(r"Covenant School",),
          note="hard: the Uvalde school shooting (2022) is in the corpus"),
    Story("trump-butler-shooting", "The assassination attempt on Donald Trump in Butler, Pennsylvania",
          absent=(r"Butler, Pa|Thomas (Matthew )?Crooks|assassination attempt on (former President )?(Donald )?Trump",),
          note="hard: the 2022 attack on Paul Pelosi is in the corpus"),
]

#: Review by `newid` (corpus position; from the --list titles only, before any timeline was built).
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "brazil-election": ("3567", "3573"),  # Bolsonaro grabs a YouTuber's phone; Latin America's 'pink tide' (February)
    "kansas-abortion-vote": ("3653",),  # recreational marijuana votes in November
    "griner-trial": ("2547", "2583"),  # her 2013 Wooden Award; the Chicago Sky's 2021 WNBA title
    "jetblue-spirit-deal": ("811",),  # airline complaints in 2016
    "serena-retirement": ("1668",),  # a 2021 opinion on Federer and Williams
    "dart-mission": ("2898",),  # another asteroid passing Earth in 2021
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "serena-retirement": ("119", "2147", "2149"),  # her last US Open, after the announcement
}


earlier_stories, earlier_overlap, build, _reuters_main = blind_builder(
    "v11", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


def load_articles(data: Path) -> list[Article]:
    """Return RealTimeQA's 22-week corpus as the realtimeqa eval suite builds it (its loader, URL dedup and
    3000-character cut): the same Articles, so the ids here are the ids ragnews stores when it is ingested."""
    from ragnews.eval.suites import realtimeqa

    return list(realtimeqa.load(data, None).articles)


def load_corpus(data: Path) -> list[dict[str, str]]:
    """Return the corpus in the story builders' shape (id, newid, published, title, body). RealTimeQA has no
    NEWID, so `newid` is the article's 1-based position in the loader's order (what the review lists name)."""
    return [{"id": a.id, "newid": str(n), "published": a.published_iso, "title": a.title, "body": a.body}
            for n, a in enumerate(load_articles(data), 1)]


def build_home(data: Path, home: Path) -> float:
    """Ingest the corpus into a ragnews home as `ragnews eval realtimeqa` does (NewsRAG.ingest_articles, default
    settings) and return the seconds it took: the home the lead scores v11 on."""
    return ingest_home(load_articles(data), home)


def ingest_home(articles: list[Article], home: Path) -> float:
    """Ingest a story set's corpus into a ragnews home (NewsRAG.ingest_articles, default settings), print the counts
    and return the seconds it took (v11's RealTimeQA home, v13's FRANK + TAC home)."""
    from ragnews import NewsRAG

    started = time.perf_counter()
    report = NewsRAG(home).ingest_articles(articles)
    seconds = time.perf_counter() - started
    print(f"{len(articles)} articles -> {home}: {len(report.new)} new, {len(report.skipped)} skipped, {len(report.failed)} failed, {seconds:.0f} s")
    return seconds


def write_set(corpus: list[dict[str, str]], out: Path, show: bool) -> Path:
    """Build the set from the corpus, optionally list its titles, write OUT/OUT_NAME (v1's one JSON object a line)."""
    return write_records(build(corpus), corpus, out / OUT_NAME, show)


def write_records(records: list[dict[str, object]], corpus: list[dict[str, str]], path: Path, show: bool) -> Path:
    """Write a built set's records to `path` (optionally listing their titles first) and print its counts: shared
    by the RealTimeQA sets (v11, v12), which differ only in their pools, so each writes its file the same way."""
    if show:
        list_titles(records, corpus)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
    covered = sum(1 for r in records if r["covered"])
    print(f"{len(records)} stories ({covered} covered, {len(records) - covered} uncovered) -> {path}")
    return path


def main(argv: list[str] | None = None) -> int:
    """Write the set and print its md5 (a blind set is checked by rebuilding it), or with --ingest build its home."""
    return realtimeqa_main(argv, __doc__, write_set)


def realtimeqa_main(argv: list[str] | None, doc: str | None,
                    write: Callable[[list[dict[str, str]], Path, bool], Path],
                    corpus: Callable[[Path], list[dict[str, str]]] | None = None,
                    home: Callable[[Path, Path], float] | None = None) -> int:
    """The command line of a web-news story-set builder (v11, v12, v13): write its set with `write` and print the
    md5, or with --ingest build the home the set is scored on. `corpus` and `home` default to RealTimeQA's (one
    corpus, one home for v11 and v12); a set drawn from another corpus (v13, FRANK) passes its own loaders."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--list", action="store_true", help="print every matched title (for the review)")
    parser.add_argument("--ingest", type=Path, metavar="HOME", help="build the ragnews home of the corpus instead")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    if args.ingest:
        (home or build_home)(args.data, args.ingest)
        return 0
    path = write((corpus or load_corpus)(args.data), args.out, args.list)
    print(f"md5 {hashlib.md5(path.read_bytes()).hexdigest()}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(None))
