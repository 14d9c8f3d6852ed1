"""Build the ninth, blind held-out timeline story set (v9) from Reuters-21578 (issue 19, session 11).

    python -m benchmarks.build_story_set_v9 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v9: v1-v8 have all been run and their misses read, so from session 11 on they are dev sets
and v9 is the blind held-out set the timeline code is measured on once, after its tuning. Same
method and record format as v2-v8 (bench_timeline.py scores all), built by v2's `drawn_set` /
`reviewed_match` / `write_set_md5` and v8's `rule_ids` (via `pool_overlap`).

Rules, written here before any candidate title was listed:

1. Covered pool = 1987 news stories, each one actor and one event, of the kinds a journalist asks
   about. Candidates are found by listing every title (Reuters titles are upper case) with the
   kind's title words:
   (a) lawsuits: SUE, SUES, SUIT, LAWSUIT, LITIGATION, ANTITRUST;
   (b) plant closures and layoffs: CLOSE/CLOSES/CLOSING/CLOSURE/SHUT with PLANT, MILL, MINE,
       REFINERY, SMELTER, FACTORY, WORKS; LAYOFF, LAY OFF, LAID OFF, JOB CUTS, JOBS;
   (c) bankruptcies and buyouts: BANKRUPT, CHAPTER 11, RECEIVER, LIQUIDAT, LEVERAGED BUYOUT, LBO,
       MANAGEMENT BUYOUT, GO(ING) PRIVATE;
   (d) debt and rights offerings: RIGHTS ISSUE, RIGHTS OFFER, DEBT OFFER, NOTES OFFER, BOND ISSUE,
       SHARE ISSUE;
   (e) labour disputes: STRIKE, WALKOUT, STOPPAGE, UNION, LABOR, LABOUR, WAGE TALKS, PAY TALKS;
   (f) government and central-bank actions: RESERVE REQUIREMENT, RESERVE RATIO, MONEY SUPPLY
       TARGET, CREDIT CURB, PRICE FREEZE, AUSTERITY, PRIVATI, NATIONALI, TAX REFORM, RESCHEDUL;
   (g) commodity and OPEC agreements: OPEC, or COFFEE/COCOA/TIN/RUBBER/SUGAR/WHEAT with PACT,
       AGREEMENT, ACCORD, QUOTA, BUFFER STOCK;
   (h) trade disputes: DISPUTE, ROW, TRADE WAR, RETALIAT, SANCTION, CURBS, BAN;
   (i) accidents: SPILL, DERAIL, COLLISION, COLLIDE, SINK, SANK, AGROUND, CAPSIZE, OUTAGE, LEAK,
       EXPLOSION, SHUTDOWN;
   (j) scandals and probes: FRAUD, BRIBE, KICKBACK, INSIDER, PROBE, INVESTIGAT, INDICT, CHARGED.
   Titles are grouped by actor (a company's ticker or name; a country, body or commodity for
   broad stories) and event; a story's count is its titles with the kind's words. In each kind two
   stories are taken: the largest by count (ties to the earlier first title), and a thin one -- the
   earliest-first-title other story whose rule matches 4 or 5 articles (taken as the next-largest
   story instead when the kind has none). Skipped: a story in any v1-v8 pool (same actor and event,
   or half or more of its core articles matched by an earlier covered pool story's rule: asserted
   by `earlier_overlap`), a story with < 4 matched articles, a group mixing several unrelated events
   of the actor, a kind word used in another sense (a bid "tender", a "strike price", a "ban" on an
   athlete) -- each skip taken as the next story by the same rule.
2. Each covered story's rule is the actor pattern plus an alternation of the event's own words
   (all must match title + body); the key = the actor (or the event for broad stories). The query
   is written as a user would ask it; for kinds (e), (h) and (j) it names the event by the label a
   user gives it ("dispute", "row", "crisis", "scandal") even where reporters rarely write that word
   (so the label is never part of the rule).
3. Uncovered pool = written after the covered pool and before the draw, one per covered pool
   story: a near-miss that did not happen in the corpus -- the same actor's later event, the same
   kind of event for another actor or country, or the event in a named year the corpus does not
   reach -- asked as a user would. Each has an `absent` rule the script asserts matches no
   article (a candidate whose assertion fires is replaced by the next near-miss of the same story,
   written down below).
4. The set is a seeded sample of each pool (SEED, `random.Random(SEED).sample`): 16 covered and
   11 uncovered, so which stories are in it is not chosen by hand.
5. Gold: as in v2-v8 (reviewed_match): core = the key in the title or at least twice, peripheral
   = once. Review: `--list` prints every matched title; the demotions and promotions below are
   decided from the titles only (an article about another event of the actor, or a title about the
   story whose key occurs once), each written down with its reason.
6. No v9 story is in any v1-v8 pool: `earlier_overlap` (v8's check, with v8 added to the earlier
   builders) checks ids, queries and core articles, and the build fails if one overlaps.

The rules as applied (from the title listings; no timeline, summary or retrieval was run):
- Rule 1 first said two stories per kind (the largest and a thin one). With the titles listed, five
  kinds ((a), (c), (d), (g), (i)) gave at most one story with >= 4 articles and the pool would have had
  fewer stories than the 16 to draw, so -- before any gold was reviewed or the set drawn -- every kind takes up to three of its
  largest stories by the same count, ties and skips, plus the thin one when none of those is thin.
- (a) lawsuits: most lawsuit groups have 1-3 matched articles; Coastal/TransAmerican, Harcourt/Maxwell,
  AVA-Dixons/Cyclops, Texaco/Pennzoil, Boesky, Caesars/Sosnoff and Waste Management are in earlier pools;
  Calny/PepsiCo and Reynolds and Reynolds (2 titles each) have < 4; taken: Bancroft/Zico (2 titles, 4
  articles, thin). The 1-title groups checked in title order up to 7473 (Du Pont, Hilton, First Union,
  Lilly, Rapid-American, IBM Canada, the Chinese bonds, Gull Air, Monsanto, Viacom, Edison, Sterling,
  MCI, Morgan/Metromedia) have < 4; Genentech (4) mixes its FDA suit with the TPA review: skipped.
- (b) GM's plant closings and layoffs (5 titles, one broad story), Alcan's smelter (3, thin); USX's Utah
  plant, BP's Swedish and Esso's French refineries have 3 articles; Krupp's and Fairchild's groups mix
  events; the other 1-title groups have < 4.
- (c) bankruptcies and buyouts: Texaco, Allis-Chalmers, Heck's, Allegheny and TransAmerican are in earlier
  pools, Fairchild's buyout overlaps v2's Fujitsu/Fairchild, the GAC/Trans World "liquidating trust" titles
  use the word as a name, every other group has < 4 articles: no story.
- (d) the FHL banks' debt offerings (2 titles); Canada's bond issue (2 titles) has 2 articles; the
  1-title groups were not checked further: 1 story.
- (e) Southwest Forest's mill strike (3 titles, thin), the New South Wales union strikes (3), American
  Motors' talks with the UAW on the Kenosha plant (2; the two titles about the Chrysler merger demoted
  would not be core). Strikes of Cargill, Rotterdam, Brazil, Bolivia, Cominco, Spain, Yugoslavia, the ports,
  NBC, IBP and GM Canada are in earlier pools.
- (f) Spain's reserve requirement (4 titles), Nigeria's rescheduling (4), Hungary's austerity (2, the
  earliest 2-title group), Jamaica's rescheduling (2, thin: 4 articles).
- (g) OPEC's quotas, coffee, cocoa, tin pact, rubber and sugar are in earlier pools (Ecuador's OPEC quota
  and Japan's cocoa accession overlap them); the ATPC's tin export quotas (1 title, 9 articles): 1 story.
- (h) Canada's herring at the GATT (2 titles, thin); Portugal's grain agency and Norway's South Africa ban
  (2 titles each) have < 4; CME's dual-trading ban and Swiss banks' secrecy curbs use BAN/CURBS in another
  sense; Taiwan's import curbs are v8's Taiwan tariff story; the chip dispute, the Japan telecoms row and
  the EC oils tax are in earlier pools; then 1-title groups in title order: Sweden's sanctions (overlap),
  the Daimler dispute (overlap), the customs user fee (overlap), Poland (3): Britain's EC cash row
  (2117), Baldrige on Kansai (2229).
- (i) accidents: Palo Verde's two titles are two events (a restart, a later shutdown) and licensing
  news; the Orinoco grounding has 3 articles; the earliest 1-title group with >= 4 articles: the
  Grangemouth refinery explosion (thin).
- (j) Merrill Lynch's London executive (2 titles), Deaver's indictment (2, thin), then in title order the
  1-title groups WPPSS, TRE, the bank chairman's bribes, Rapid-American, Crosby, Black and Decker have
  < 4: Volkswagen's currency fraud (4402).
  So the covered pool has 19 stories. Uncovered pool: one near-miss per covered story (19); five
  `absent` rules fired on the first try and were replaced before the draw: GM's Lordstown plant is in a
  1987 layoff (-> GM's sale of Opel to Peugeot), Stone Container was named with Southwest Forest (->
  Smurfit-Stone's bankruptcy), "2019" and "40-day strike" matched (-> the 2023 stand-up strike), Nigeria's
  debt relief matched 1987 talk (-> its Paris Club buyback), "Blair" other people (-> "Tony Blair").
- The queries name the event by a user's label: "dispute" (Southwest Forest, New South Wales, Kansai,
  the herring panel), "row" (Britain and the EC), "scandal" (Merrill Lynch, Deaver, Volkswagen), although
  most of their articles say "strike", "talks", "panel", "charged" or "indicted".
- Review (title only) below; written after the draw printed the drawn stories' titles -- the draw does not
  depend on the review, which only splits each story's matched articles into core and peripheral.

This file and its output were committed before ragnews was run on any v9 query.
"""

from __future__ import annotations

from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder

SEED = 2031
N_COVERED = 16
N_UNCOVERED = 11
OUT_NAME = "stories_heldout_v9.jsonl"

#: The builders of v1-v8, whose pools (drawn or not) v9 must not overlap.
EARLIER_BUILDERS = ("build_story_set", "build_story_set_v2", "build_story_set_v3", "build_story_set_v4",
                    "build_story_set_v5", "build_story_set_v6", "build_story_set_v7", "build_story_set_v8")

COVERED_POOL = [
    # (a) lawsuits
    Story("bancroft-zico-suit", "Bancroft Convertible Fund's lawsuit against Zico", (r"Bancroft", r"Zico"),
          note="thin: 4 articles"),
    # (b) plant closures and layoffs
    Story("gm-plant-closings", "General Motors' plant closings and layoffs",
          (r"\bGM\b|General Motors", r"plant", r"clos|idle|layoff|lay off|laying off"),
          key=r"clos|idl|layoff|lay off|laying off"),
    Story("alcan-smelter-closure", "Alcan's closure of its West German aluminium smelter", (r"Alcan", r"smelter", r"clos|shut"),
          key=r"Alcan", note="thin: 4 articles"),
    # (d) debt and rights offerings
    Story("fhlb-debt-offering", "The Federal Home Loan Banks' debt offerings",
          (r"Home Loan Banks?|\bFHL\b", r"debt offer|offering|consolidated (bonds|debentures|obligations)")),
    # (e) labour disputes
    Story("southwest-forest-dispute", "The labour dispute at Southwest Forest Industries' paper mill",
          (r"Southwest Forest", r"strike|union|workers"), note="thin: 4 articles"),
    Story("nsw-union-dispute", "The dispute between Australian unions and the New South Wales government",
          (r"New South Wales|\bNSW\b", r"strike|union")),
    Story("amc-kenosha-dispute", "American Motors' contract dispute with the UAW over its Kenosha plant",
          (r"American Motors|\bAMC\b", r"UAW|United Auto|union", r"talks|contract", r"Kenosha|plant"),
          key=r"American Motors|\bAMC\b"),
    # (f) government and central-bank actions
    Story("spain-reserve-requirement", "Spain's increase in banks' reserve requirements",
          (r"Spain|Spanish", r"reserve requirement|reserve ratio|reserve coefficient|cash ratio|reserves? (rule|requirements?)"),
          key=r"reserve"),
    Story("nigeria-debt-rescheduling", "Nigeria's rescheduling of its official debt", (r"Nigeria", r"reschedul", r"debt")),
    Story("hungary-austerity", "Hungary's austerity measures",
          (r"Hungar", r"austerity|tax reform|raises prices|price rise|subsid|deficit"), key=r"Hungar"),
    Story("jamaica-debt-rescheduling", "Jamaica's debt rescheduling with the Paris Club and its banks",
          (r"Jamaica", r"reschedul"), note="thin: 4 articles"),
    # (g) commodity and OPEC agreements
    Story("atpc-tin-export-quota", "Tin producers' export quotas under the ATPC",
          (r"ATPC|Association of Tin Producing", r"quota|export")),
    # (h) trade disputes
    Story("canada-herring-gatt", "The GATT dispute over Canada's herring and salmon export rules",
          (r"herring", r"GATT|Canad"), note="thin: 5 articles"),
    Story("uk-ec-budget-row", "Britain's row with the EC over budget cash",
          (r"Brit|U\.K\.", r"\bEC\b|European Community", r"rebate|budget", r"row|dispute|cash"), key=r"rebate|cash"),
    Story("kansai-airport-dispute", "The U.S.-Japan dispute over the Kansai airport contracts",
          (r"Kansai", r"airport|retaliat|construction|contract"), key=r"Kansai"),
    # (i) accidents
    Story("grangemouth-explosion", "The explosion at BP's Grangemouth refinery in Scotland",
          (r"Grangemouth|\bBP\b|British Petroleum", r"Scotland|Scottish|Grangemouth", r"refiner",
           r"explosion|blast|fire|shut|damage|restart|re-open"), key=r"Grangemouth|Scot", note="thin: 4 articles"),
    # (j) scandals and probes
    Story("merrill-insider-scandal", "The insider trading scandal of Merrill Lynch's London executive",
          (r"Merrill", r"Vaskevitch|insider|SEC", r"London|U\.K\."), key=r"Vaskevitch"),
    Story("deaver-scandal", "The Michael Deaver lobbying scandal", (r"Deaver", r"indict|perjury|lobbying|charge"),
          note="thin: 4 articles"),
    Story("vw-currency-scandal", "The Volkswagen currency scandal", (r"Volkswagen|\bVW\b", r"fraud|currency|foreign exchange"),
          key=r"Volkswagen|\bVW\b"),
]

UNCOVERED_POOL = [
    Story("bancroft-ellsworth", "Bancroft Fund's merger with the Ellsworth fund", absent=(r"Ellsworth",),
          note="hard: Bancroft's 1987 suit against Zico is in the corpus"),
    Story("gm-opel-sale", "GM's sale of Opel to Peugeot", absent=(r"Opel.{0,200}(Peugeot|PSA)|(Peugeot|PSA).{0,200}Opel",),
          note="hard: GM's 1987 plant closings are in the corpus"),
    Story("rio-tinto-alcan", "Rio Tinto's takeover of Alcan", absent=(r"Rio Tinto.{0,300}Alcan|Alcan.{0,300}Rio Tinto",),
          note="hard: Alcan's 1987 smelter closure is in the corpus"),
    Story("fhlb-svb", "The Federal Home Loan Banks' lending to Silicon Valley Bank", absent=(r"Silicon Valley Bank",),
          note="hard: the FHL banks' 1987 debt offerings are in the corpus"),
    Story("smurfit-stone-bankruptcy", "Smurfit-Stone Container's bankruptcy", absent=(r"Smurfit-Stone",),
          note="hard: the 1987 strike at Southwest Forest's mill is in the corpus"),
    Story("australia-waterfront-1998", "The 1998 Australian waterfront dispute",
          absent=(r"Patrick Stevedores|Maritime Union of Australia|waterfront dispute",),
          note="hard: the 1987 New South Wales union strikes are in the corpus"),
    Story("uaw-stand-up-strike", "The UAW's 2023 stand-up strike against the Detroit carmakers",
          absent=(r"stand-up strike|\b2023\b",),
          note="hard: the 1987 UAW talks with American Motors and GM's layoffs are in the corpus"),
    Story("bankia-bailout", "Spain's bailout of Bankia", absent=(r"Bankia",),
          note="hard: Spain's 1987 reserve requirement increase is in the corpus"),
    Story("nigeria-paris-club-exit", "Nigeria's buyback of its Paris Club debt",
          absent=(r"Paris Club.{0,300}(exit|buyback|buy back|pay(s|ing)? off)|(exit|buyback).{0,100}Paris Club",),
          note="hard: Nigeria's 1987 official debt rescheduling is in the corpus"),
    Story("hungary-imf-2008", "Hungary's IMF rescue package in the 2008 financial crisis",
          absent=(r"Hungar.{0,300}(rescue package|bailout)|2008 financial crisis",),
          note="hard: Hungary's 1987 austerity measures are in the corpus"),
    Story("jamaica-debt-exchange", "The Jamaica Debt Exchange", absent=(r"Jamaica Debt Exchange|\bJDX\b",),
          note="hard: Jamaica's 1987 rescheduling is in the corpus"),
    Story("atpc-dissolution", "Dissolution of the Association of Tin Producing Countries",
          absent=(r"(ATPC|Association of Tin Producing Countries).{0,300}(dissol|disband|wound up|abolish)",),
          note="hard: the ATPC's 1987 export quotas are in the corpus"),
    Story("canada-seal-wto", "The Canada-EU dispute over seal products at the WTO",
          absent=(r"\bWTO\b|World Trade Organi[sz]ation|seal products",),
          note="hard: the 1987 GATT panel on Canada's herring is in the corpus"),
    Story("blair-rebate", "Tony Blair's concession on Britain's EU budget rebate", absent=(r"Tony Blair",),
          note="hard: Britain's 1987 EC budget row is in the corpus"),
    Story("kansai-opening", "The opening of Kansai International Airport",
          absent=(r"Kansai (International )?Airport (opened|opens)|opening of (the )?Kansai",),
          note="hard: the 1987 U.S.-Japan dispute over Kansai contracts is in the corpus"),
    Story("texas-city-explosion", "The explosion at BP's Texas City refinery", absent=(r"Texas City",),
          note="hard: the 1987 explosion at BP's Grangemouth refinery is in the corpus"),
    Story("blodget-scandal", "The Henry Blodget research scandal at Merrill Lynch", absent=(r"Blodget",),
          note="hard: the 1987 insider trading case of Merrill Lynch's London executive is in the corpus"),
    Story("abramoff-scandal", "The Jack Abramoff lobbying scandal", absent=(r"Abramoff",),
          note="hard: Deaver's 1987 lobbying and perjury case is in the corpus"),
    Story("winterkorn-charges", "The charges against Volkswagen's former chief Martin Winterkorn", absent=(r"Winterkorn",),
          note="hard: Volkswagen's 1987 currency scandal is in the corpus"),
]

#: Review by NEWID (from the --list titles only, before any timeline was built): matched articles about another event.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "gm-plant-closings": ("1408", "11654", "16423", "17650"),  # a share buyback, the contract talks with the UAW
    "alcan-smelter-closure": ("7263",),  # Kentucky smelters' power rates
    "nsw-union-dispute": ("16501",),  # a bond market report
    "spain-reserve-requirement": ("5412",),  # exchange controls
    "nigeria-debt-rescheduling": ("306", "10927", "13042", "13050"),  # commercial bank debt, a notes issue, export credit cover
    "hungary-austerity": ("15382",),  # China and the GATT
    "jamaica-debt-rescheduling": ("4010", "4179"),  # a cap on borrowing
    "atpc-tin-export-quota": ("11224", "17731", "19065", "19367"),  # commodity pacts in general, a futures market, supplies
    "canada-herring-gatt": ("7907", "8210"),  # Japan's fish market, Mideast oil
    "uk-ec-budget-row": ("9305",),  # EC sugar sales
    "kansai-airport-dispute": ("11397",),  # Nakasone's visit to Washington
    "vw-currency-scandal": ("2362", "6373", "6481", "8136", "15020", "15547", "17474"),  # sales, a share placement, results
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "uk-ec-budget-row": ("18265",),  # no prospect of an EC budget accord
    "grangemouth-explosion": ("10750",),  # the BP U.K. refinery partly re-opens
    "merrill-insider-scandal": ("3832", "3883"),  # the London exchange on the Merrill case
}


earlier_stories, earlier_overlap, build, main = blind_builder(
    "v9", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


if __name__ == "__main__":
    raise SystemExit(main(None))
