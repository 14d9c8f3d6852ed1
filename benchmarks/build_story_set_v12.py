"""Build the twelfth, blind held-out timeline story set (v12) from RealTimeQA's 2022 news (issue 19, session 14).

    python -m benchmarks.build_story_set_v12 ../shared/data [--out benchmarks/datasets] [--list]
    python -m benchmarks.build_story_set_v12 ../shared/data --ingest HOME   # the same home v11 is scored on

Why a v12: v11 was run once at the end of session 13 and its misses read, so from session 14 on it is a dev set
(with v1-v10) and v12 is the blind held-out set the timeline code is measured on once, after its tuning. It is
drawn from the SAME corpus as v11 (RealTimeQA's 22 weeks, as the realtimeqa eval suite loads them) and scored on
the same home, but from stories OUTSIDE every earlier pool: no v12 story, covered or uncovered, is a v1-v11 pool
story, one of v11's near-misses (drawn or not, or replaced before its draw) or one of the stories v11 skipped.
Same record format as v1-v11 (bench_timeline.py scores all), built by v2's `drawn_set` / `reviewed_match` and v8's
`blind_builder` (with v8's `pool_overlap` run against v1-v11's pools), loaded and written by v11's functions.

Rules, written here before any candidate title was listed:

0. Corpus: v11's (RealTimeQA's 22 weeks, 2022-06-17 .. 2022-11-11, the realtimeqa suite's loader: every gold
   article plus every search result, deduplicated by URL, cut to 3000 characters; 3,760 articles). `newid` is an
   article's 1-based position in the loader's order, as in v11.
1. Covered pool = 2022 news stories, each one actor and one event, of v11's nine kinds (a) disasters, (b) elections
   and votes, (c) trials and court cases, (d) company deals, (e) launches, (f) diplomacy and war, (g) sports finals
   and retirements, (h) deaths and resignations, (i) shootings and crimes, found by listing every title (or the
   first line of an untitled body) with the kind's words (v11's lists). v11 took the largest story of each kind
   (and a thin one), so v12 takes the NEXT ones: per kind, the largest story not in an earlier pool and a thin one
   (the rule matches 4 or 5 articles; the smallest over 5 when none has 4-5). If that leaves fewer than 20, the
   kinds are taken again in order, each adding its next-largest story, until the pool has 20. Skipped as in v11: a
   story with < 4 matched articles, a group whose matches mix unrelated events of the actor (dropped, not
   hand-edited), a kind word in another sense, and any story of an earlier pool or that v11 skipped -- each skip
   replaced by the next story by the same rule.
2. Each covered story's rule is an actor pattern plus an alternation of the event's own words (all must match
   title + body, case-insensitive); key = the actor pattern unless said otherwise. The query is written as a user
   would ask it.
3. Uncovered pool = written after the covered pool and before the draw, one per covered pool story: a near-miss
   that did not happen in the corpus -- the same actor's other event, the same kind of event elsewhere, the event
   in a year the corpus does not reach (after 2022: the corpus's search results reach back years), and, new in
   v12, a near-miss one detail away from a covered story (another model number, another member of a family,
   a later event at the same place or of the same person). No near-miss repeats a v11 near-miss. Each has an
   `absent` rule the script asserts matches no article (a candidate whose assertion fires is replaced by the
   story's next near-miss, written down below).
4. The set is a seeded sample of each pool (SEED 2034, a new seed; `random.Random(SEED).sample`): 16 covered of
   20 and 11 uncovered of 20, so which stories are in it is not chosen by hand.
5. Gold (v2's reviewed_match): core = the key in the title or at least twice in the body, peripheral = once.
   Review: `--list` prints every matched title; demotions and promotions are decided from titles only and
   written down with their reason.
6. No v12 story shares an id or a query with a v1-v11 pool story, and no covered story has half its core matched
   by an earlier covered story's rule (v8's `pool_overlap`, run over this corpus with v11 among the earlier builders).

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- Rule 1 as applied: round one took per kind the largest next story and a thin one; kinds (d), (e) and (f) had
  one story each. Round two added (a) the Washburn Fire, (g) the Stanley Cup Final, (h) Mahsa Amini's death and
  (i) al-Zawahiri's killing; round three (a) Pakistan's floods, giving 20. No 2022 story had exactly 4-5 matches
  in (c), (g), (h) or (i), so their thin stories are the smallest over 5 (rule 1's fallback). A first run had 19
  covered stories (Pakistan's floods were miscounted as (a)'s thin story, before the Afghanistan earthquake's
  rule was narrowed to its provinces from 8 matches holding a 2015 quake to 5); the run printed which 16 it drew
  and the 20th story and its near-miss were added by the rule above, not by looking at that draw. In (h) Boris
  Johnson's resignation was taken in round one as the kind's largest title group, though its rule, narrowed to
  July's words, matches 8 articles, fewer than Mahsa Amini's 11 (round two); by match counts Sri Lanka's crisis
  (10) would have been (h)'s round-two story and is not in the pool.
- Skipped as an earlier pool's or v11's skipped story: JetBlue-Spirit, and Frontier-Spirit with it (its matches
  are JetBlue's bid), Elon Musk's Twitter deal, the UK Conservative leadership race, Liz Truss's resignation and
  Rishi Sunak's appointment (the October race v11 skipped), the Kroger-Albertsons merger.
- Skipped as too small (< 4 articles): Australia's election, Bill Cosby's civil trial, Amazon's One Medical deal,
  SpaceX's Crew-5 and Boeing's Starliner, Pope Francis's Canada visit, the G7 summit, Kirchner's attempted
  assassination. Skipped as mixing events: Hurricane Nicole (its matches hold people named Nicole), Djokovic and
  Nadal (their matches mix years and tournaments), the Webb telescope without the first images' own words (launch,
  mirror, later images), Boris Johnson's resignation without the July crisis's words (2019 and the Truss race).
- Uncovered pool: one near-miss per covered pool story (20), written before the draw (two spares first written,
  Sheikh Hasina's flight and a second telescope's launch, were taken out to keep one per story, the NATO bid
  getting its own); five `absent` rules (of four near-misses) fired on the first try and were replaced before the
  draw: "Lauren Boebert ..." (-> Mitt Romney's retirement), "Women's World Cup final" (-> Spain's World Cup and the Rubiales kiss), "Panthers ... Stanley Cup" and
  "Golden Knights ... Stanley Cup" (NHL previews; -> the Denver Nuggets' NBA title), "Hurricane Otis" as a
  bare `Otis` (names; -> Hurricane Lee, another of the year's named storms).
- Keys: the actor pattern by default; the event where the actor is in many unrelated articles (Georgia's runoff,
  the Women's Euro).
- Review (title only) below; written after the draw printed the drawn stories' titles -- the draw does not
  depend on the review, which only splits each story's matched articles into core and peripheral.

The committed stories_heldout_v12.jsonl has md5 3c2e016d037e8e76ac94779b7c7d6daf (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v12 query.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder
from benchmarks.build_story_set_v11 import realtimeqa_main, write_records

SEED = 2034
N_COVERED = 16
N_UNCOVERED = 11
OUT_NAME = "stories_heldout_v12.jsonl"

#: The builders of v1-v11, whose pools (drawn or not) v12 must not repeat.
EARLIER_BUILDERS = ("build_story_set", "build_story_set_v2", "build_story_set_v3", "build_story_set_v4",
                    "build_story_set_v5", "build_story_set_v6", "build_story_set_v7", "build_story_set_v8",
                    "build_story_set_v9", "build_story_set_v10", "build_story_set_v11")

COVERED_POOL = [
    # (a) disasters
    Story("hurricane-fiona", "Hurricane Fiona", (r"\bFiona\b", r"hurricane|tropical storm")),
    Story("pakistan-floods", "The floods in Pakistan", (r"Pakistan", r"flood"), note="thin: 6 articles"),
    Story("afghanistan-earthquake", "The earthquake in eastern Afghanistan",
          (r"Afghanistan", r"earthquake|quake", r"Paktika|Khost"), note="thin: 5 articles"),
    Story("washburn-fire", "The Washburn Fire in Yosemite", (r"Washburn", r"fire|blaze")),
    # (b) elections and votes
    Story("cheney-primary", "Liz Cheney's primary defeat in Wyoming", (r"Cheney", r"Hageman|primary", r"Wyoming")),
    Story("georgia-senate-runoff", "Georgia's Senate runoff between Raphael Warnock and Herschel Walker",
          (r"Warnock", r"Walker", r"runoff|run-off"), key=r"runoff|run-off", note="thin: 5 articles"),
    # (c) trials and court cases
    Story("giuliani-grand-jury", "Rudy Giuliani and the Georgia grand jury investigating the 2020 election",
          (r"Giuliani", r"grand jury", r"Georgia|Fulton|Atlanta")),
    Story("trump-ny-fraud-lawsuit", "The New York attorney general's civil fraud lawsuit against Donald Trump",
          (r"Letitia James|New York attorney general", r"Trump", r"lawsuit|sued|sues|fraud"), note="thin: 7 articles"),
    # (d) company deals
    Story("kanye-parler-deal", "Kanye West's deal to buy Parler", (r"Parler", r"Kanye|\bYe\b", r"acquir|buy|deal|purchase"),
          note="thin: 5 articles"),
    # (e) launches
    Story("webb-first-images", "The first images from the James Webb Space Telescope",
          (r"Webb", r"first (full-color |full color )?(image|photo|picture)s?",
           r"Biden|Carina|SMACS|Stephan's Quintet|Southern Ring|deep field")),
    # (f) diplomacy and war
    Story("finland-sweden-nato", "Finland and Sweden's bid to join NATO",
          (r"Finland", r"Sweden", r"NATO", r"join|membership|bid|application|accession")),
    # (g) sports
    Story("womens-euro-final", "England's win in the Women's Euro 2022 final",
          (r"Euro 2022|Women's Euro", r"England|Lionesses", r"final")),
    Story("tom-brady-retirement", "Tom Brady's retirement announcement", (r"Tom Brady", r"retire|retirement"),
          note="thin: 10 articles"),
    Story("stanley-cup-final", "The Colorado Avalanche's Stanley Cup Final against the Tampa Bay Lightning",
          (r"Avalanche", r"Lightning", r"Stanley Cup")),
    # (h) deaths and resignations
    Story("boris-johnson-resignation", "Boris Johnson's resignation as prime minister",
          (r"Boris Johnson", r"resign", r"Pincher|mutiny|cling|Javid")),
    Story("loretta-lynn-death", "The death of Loretta Lynn", (r"Loretta Lynn", r"died|dies|dead|death|tribute"),
          note="thin: 7 articles"),
    Story("mahsa-amini-death", "The death of Mahsa Amini and the protests in Iran", (r"Amini", r"death|died", r"Iran")),
    # (i) shootings and crimes
    Story("shinzo-abe-assassination", "The assassination of Shinzo Abe",
          (r"Shinzo Abe", r"shot|shooting|assassinat|killed|gunman"), key=r"\bAbe\b"),
    Story("patriot-front-arrests", "The arrest of Patriot Front members near an Idaho Pride event",
          (r"Patriot Front", r"arrest|riot|Coeur"), note="thin: 6 articles"),
    Story("zawahiri-killing", "The US drone strike that killed Ayman al-Zawahiri", (r"Zawahiri", r"killed|strike|drone"),
          note="thin: 6 articles"),
]

UNCOVERED_POOL = [
    Story("hurricane-lee", "Hurricane Lee", absent=(r"Hurricane Lee|Tropical Storm Lee",),
          note="hard, one detail away: another of the named storms; Hurricane Fiona (2022) is in the corpus"),
    Story("herat-earthquake", "The earthquake in Herat, Afghanistan", absent=(r"Herat",),
          note="hard, one detail away: another Afghan province's earthquake; the 2022 Paktika earthquake is in the corpus"),
    Story("valencia-floods", "The floods in Valencia, Spain", absent=(r"Valencia.{0,100}flood|flood.{0,100}Valencia",),
          note="hard: Pakistan's 2022 floods are in the corpus"),
    Story("mosquito-fire", "The Mosquito Fire in California", absent=(r"Mosquito Fire",),
          note="hard: the Washburn Fire (2022) is in the corpus"),
    Story("romney-retirement", "Mitt Romney's decision not to seek re-election",
          absent=(r"Romney.{0,100}(retire|not seek|won.t seek|not run)",),
          note="hard: Liz Cheney's 2022 primary defeat is in the corpus"),
    Story("louisiana-senate-runoff", "Louisiana's Senate runoff",
          absent=(r"Louisiana.{0,100}runoff|runoff.{0,100}Louisiana",),
          note="hard, one detail away: another state's runoff; Georgia's 2022 Senate runoff is in the corpus"),
    Story("giuliani-bankruptcy", "Rudy Giuliani's bankruptcy filing",
          absent=(r"Giuliani.{0,200}bankrupt|bankrupt.{0,200}Giuliani",),
          note="hard: the same actor's other event; his Georgia grand jury testimony (2022) is in the corpus"),
    Story("trump-hush-money-trial", "Donald Trump's hush money trial in Manhattan",
          absent=(r"hush.money", r"Stormy Daniels"),
          note="hard, one detail away: another New York case against Trump; the 2022 civil fraud lawsuit is in the corpus"),
    Story("trump-media-spac-merger", "Trump Media's merger with Digital World Acquisition Corp",
          absent=(r"Digital World Acquisition|DWAC",),
          note="hard: Kanye West's 2022 deal to buy Parler is in the corpus"),
    Story("euclid-first-images", "The first images from the Euclid space telescope", absent=(r"Euclid",),
          note="hard, one detail away: another telescope; the Webb telescope's first images (2022) are in the corpus"),
    Story("hungary-ratifies-sweden-nato", "Hungary's ratification of Sweden's NATO membership",
          absent=(r"Hungar\w*.{0,200}ratif|ratif\w*.{0,200}Hungar",),
          note="hard, one detail away: the last step of the same bid; Finland and Sweden's 2022 NATO bid is in the corpus"),
    Story("spain-womens-world-cup", "Spain's Women's World Cup win and the Rubiales kiss", absent=(r"Rubiales|Hermoso",),
          note="hard, one detail away: a later final; England's Women's Euro 2022 win is in the corpus"),
    Story("tom-brady-roast", "The Netflix roast of Tom Brady", absent=(r"Brady.{0,100}roast|roast.{0,100}Brady",),
          note="hard: the same actor's other event; Tom Brady's 2022 retirement is in the corpus"),
    Story("nuggets-nba-title", "The Denver Nuggets' NBA championship",
          absent=(r"Nuggets.{0,200}(NBA Finals|championship|title)|(NBA Finals|championship).{0,200}Nuggets",),
          note="hard: the Colorado Avalanche's 2022 Stanley Cup is in the corpus"),
    Story("boris-johnson-mp-resignation", "Boris Johnson's resignation as an MP",
          absent=(r"Johnson.{0,100}(resign|quit|step).{0,30}(as an? MP|from Parliament|as a lawmaker|his seat)"
                  r"|Privileges Committee|Uxbridge",),
          note="hard, one detail away: a later resignation of the same man; his 2022 resignation as prime minister is in the corpus"),
    Story("jimmy-buffett-death", "The death of Jimmy Buffett", absent=(r"Jimmy Buffett",),
          note="hard: Loretta Lynn's 2022 death is in the corpus"),
    Story("armita-geravand-death", "The death of Armita Geravand in Iran", absent=(r"Geravand",),
          note="hard, one detail away: another young woman's death after Iran's hijab police; Mahsa Amini's (2022) is in the corpus"),
    Story("kishida-bomb-attack", "The pipe-bomb attack on Fumio Kishida",
          absent=(r"Kishida.{0,200}(bomb|explosi|pipe)|Wakayama",),
          note="hard, one detail away: another Japanese prime minister attacked while campaigning; Shinzo Abe's assassination (2022) is in the corpus"),
    Story("patriot-front-nashville-march", "The Patriot Front march in Nashville",
          absent=(r"Patriot Front.{0,300}Nashville|Nashville.{0,300}Patriot Front",),
          note="hard, one detail away: the same group at another place; the 2022 Idaho arrests are in the corpus"),
    Story("haniyeh-killing", "The killing of Hamas leader Ismail Haniyeh", absent=(r"Haniyeh",),
          note="hard: the 2022 killing of Ayman al-Zawahiri is in the corpus"),
]

#: Review by `newid` (corpus position; from the --list titles only, before any timeline was built).
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "hurricane-fiona": ("2576",),  # a digest titled February 9, months before the storm formed
    "pakistan-floods": ("2292",),  # a 2018 article on global warming
    "georgia-senate-runoff": ("2983",),  # May's primary results
    "webb-first-images": ("1063", "2636", "2638"),  # a 2021 explainer; Jupiter's later image; the camera designer
    "womens-euro-final": ("1410",),  # 2021: England's coach on a biennial World Cup
    "stanley-cup-final": ("594", "602"),  # playoff predictions in May, before the final was set
    "loretta-lynn-death": ("3036",),  # her 2016 album
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "washburn-fire": ("1024", "1031"),  # "Yosemite Park fire" evacuations and the sequoia grove
    "mahsa-amini-death": ("3601",),  # "Iran protests" over her death
}


earlier_stories, earlier_overlap, build, _blind_main = blind_builder(
    "v12", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


def write_set(corpus: list[dict[str, str]], out: Path, show: bool) -> Path:
    """Build the set from the corpus, optionally list its titles, write OUT/OUT_NAME (v11's writer)."""
    return write_records(build(corpus), corpus, out / OUT_NAME, show)


def main(argv: list[str] | None = None) -> int:
    """Write the set and print its md5, or with --ingest build the corpus's home (v11's command line)."""
    return realtimeqa_main(argv, __doc__, write_set)


if __name__ == "__main__":
    raise SystemExit(main(None))
