"""Build the seventeenth, blind held-out timeline story set (v17) from Reuters-21578 (issue 19, session 20).

    python -m benchmarks.build_story_set_v17 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v17: v16 was run and read in sessions 18-19, so from session 20 on v1-v16 are dev sets and v17 is the blind
held-out set the timeline code is measured on once, after its tuning. It was built by a helper who never ran the
timeline code, retrieval, a summary or any NewsRAG method on its queries (only its own scripts over the Reuters
titles and bodies). Like v15 and v16 it takes Reuters-21578 stories OUTSIDE every earlier pool (v1-v16, drawn or
not), and is scored on the FULL Reuters home (`ragnews ingest ../shared/data/reuters21578`). Same method and record
format as v2-v16 (bench_timeline.py scores all), built by v2's `drawn_set` / `reviewed_match` / `write_set_md5` and
v8's `blind_builder` (`rule_ids`, `pool_overlap` against v1-v16's builders).

Rules, written here before any candidate title was listed (v16's, with six new kinds and a new seed):

0. Where: six kinds no earlier set (v1-v16) had, from any month of the corpus. None is defined by an earlier kind's
   title words (v8's TENDER, BID, ACQUISITION and CONVERTIBLE, v9's and v10's SHARE ISSUE, RESCHEDUL and PRIVATI,
   v15's SUSPENDS DIVIDEND, v16's LOAN, CREDIT, APPROV and LICENCE stay out):
   (a) stakes and shareholdings (an investor buying, raising, cutting or selling a block of a company's shares):
       STAKE, PCT OF, PCT STAKE, HOLDING IN, SHAREHOLDING;
   (b) oil, gas and mineral discoveries: DISCOVER, DISCOVERY, FIND, FINDS, STRIKES OIL/GAS, FLOWS, WELL TEST, with
       OIL, GAS, GOLD, ORE, MINERAL, DEPOSIT, WELL or a metal in the title;
   (c) credit rating changes: DOWNGRADE, UPGRADE, RATING(S), CREDITWATCH, MOODY'S, S/P, STANDARD AND POOR'S;
   (d) share repurchases: REPURCHASE, BUYBACK, BUY-BACK, BUY BACK, BUYS BACK (of shares; a debt buyback is (f));
   (e) stock exchange listings, delistings and trading halts: LISTING, LISTED ON, TO LIST, DELIST, TRADING HALT,
       HALTS TRADING, HALTED, SUSPENDS TRADING, TRADING SUSPENDED, TRADING RESUMES;
   (f) debt conversions and debt-equity swaps: DEBT-EQUITY, DEBT/EQUITY, DEBT FOR EQUITY, DEBT SWAP, DEBT
       CONVERSION, CONVERT(S) DEBT, DEBT BUYBACK, BUY BACK DEBT, CAPITALIZ/CAPITALIS of debt.
   A kind word in another sense is read out: a "stake" offered in a takeover bid (v8's kind) or floated in a share
   offering (v8's and v9's), "finds" a buyer or no evidence, an analyst's stock "upgrade" or a plant "upgrade",
   "listed" meaning enumerated, a "halt" to production (v9's closures), a convertible's conversion (v8's (h)), a
   "debt/equity ratio", the Fed's and the Bundesbank's "repurchase" agreements (money-market operations).
1. Covered pool (>= 20) = 1987 news stories, each one actor and one event, found by listing every title (upper
   case) with the kind's words, leaving out the articles any v1-v16 covered pool rule matches. Titles are grouped by
   actor (a company's name; a country, body or commodity for broad stories) and event; a story's size is its rule's
   matched articles, ties to the earlier first title. Per kind: (1) the LARGEST story not in any earlier pool whose
   rule matches >= 4 articles; (2) one THIN story whose rule matches only 2 or 3 articles: of the kind's thin
   stories the one with the most title matches, ties to the earliest first title. If that leaves fewer than 20, the
   kinds are taken again in order (a), (b), ..., each adding its next-largest story of >= 4 articles (a kind with
   none adds nothing), until the pool has 20. Skipped, each replaced by the next story by the same rule: a story in
   any v1-v16 pool (same actor and event, or half or more of its core matched by an earlier covered rule:
   `earlier_overlap`), a group mixing unrelated events of the actor, a kind word in another sense, and routine items
   (a results table, a daily money-market operation, a weekly statistic) with no event to put on a timeline. An
   actor with much OTHER news in the corpus is not a reason to skip a story: the rule decides, not how easy the
   story looks.
2-6. As v16's: a covered story's rule = the actor's pattern and an alternation of its event's own words (each must
   match title + body, case-insensitive), key = the actor (the event for a broad story), the query asked as a user
   would, "thin: N articles" with the exact match count in a thin story's note; an uncovered pool (>= 20), written
   after the covered pool and before the draw, of one near-miss per covered story (the actor's other event, the kind
   for another actor, another year, or one detail away), none an earlier set's near-miss, each with an `absent` rule
   asserted to match no article (one that fires is replaced by the story's next near-miss, said below); the draw a
   `random.Random(SEED).sample` of 16 covered and 11 uncovered with SEED 2320 (new); gold by v2's reviewed_match
   (core = the key in the title or twice, else peripheral) with title-only demotions and promotions written down
   with their reasons; and no story sharing an id or a query with a v1-v16 pool story or half its core with an
   earlier covered rule (v8's `pool_overlap`, v16 added to v16's earlier builders).

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- The listing left out the 2,729 articles any v1-v16 covered rule matches.
- Rule 1 amended after the listing and before the draw: rounds of stories of >= 4 articles gave 15 (kinds (b), (e)
  and (f) have none, (c) and (d) one or two), so -- before any gold was reviewed or the set drawn -- the rounds then
  go on with each kind's NEXT thin story (2 or 3 matches; most title matches, ties to the earliest first title), in
  order (a), (b), ..., until the pool has 20. That adds (a) Wrather, (b) Inspiration, (c) Dana, (d) Doskocil and
  (e) RLR Financial. So 11 of the 20 are thin, more than in any earlier Reuters set.
- (a) stakes: most titles are single 13D filings (one article each). Taken: Siemens' stake in Telecom Plus (5
  matched; 6 March, before Henley's, also 5), thin Hecla's Greens Creek stake (3; three titles), round two Henley's
  stake in Santa Fe Southern (5), round three the group's stake in the Scandinavia Fund (4, 5 March), round four
  Industrial Equity's stake in CalMat (4, 11 March: two stake rises, its proposal and CalMat's suit), round five
  Kodak's sale of its ICN stake (4, 24 March), thin round Wrather (2; 26 February, the earliest of the two-title
  thin groups). Skipped: Cenergy (6: four holders' stakes and Snyder's exchange offer, v8's kind), Harris
  Associates (5: five companies' stakes, five events), Service Resources and Sorg (5: a unit purchase, a unit
  head's resignation, a bid and a stake cut), Dome's Encor stake (6, half its matches are Encor's results and
  debentures and General Tire), Ferruzzi's Paris unit (a float: a share offering, another sense), Pay 'N Pak and
  Calny (bids, v8's kind), McGill (thin, 2, once its rule names the company, not the surname; 9 March, after
  Wrather), Cyclops (earlier pools).
- (b) discoveries: every find has one or two articles (no story of >= 4; half the core of Cooper Basin's gas finds is
  matched by v8's santos-tmoc rule, of Amoco's South China Sea find by an earlier hughes-baker rule). Taken: thin Echo
  Bay's Nevada gold discovery (2, two titles), thin round Inspiration's Canadian gold find (2; 17 March, before
  Canadian Roxy, 1, and Peru's find, 30 March).
- (c) ratings: mostly single agency actions. Taken: S and P's downgrade of Denmark (6 matched), thin Atlantic City
  Electric (3; three titles, 6 March, before Dana's and American Healthcare's), round two Beneficial (4), thin round
  Dana (3, 17 March). Skipped: USX (a February downgrade and an October affirmation), PNC (a March upgrade and a June
  affirmation), Texas Air (an upgrade of a unit, a cut of the parent, a review: several actions), Security Pacific
  (a six-bank downgrade with its own), Crazy Eddie (v5's pool).
- (d) repurchases: the Fed's and Bundesbank's repurchase agreements are money-market operations (another sense);
  the October 20 wave of buybacks after the crash matches v1's Black Monday and Louvre rules (overlap). Taken: GM's
  stock repurchase (6 matched), thin Aceto's repurchase programme (2; extended in March, raised in October: one
  programme; 5 March, the earliest two-title thin group), round two ITT's repurchase (4), thin round Doskocil (2; 18
  June; Chicago Pacific's 2 June titles are notes, not shares).
- (e) listings and halts: no story of >= 4: the CBOE's S and P options and the CBOT's yen bond futures "listing"
  are new contracts (v15's launches, v16's approvals: another sense), Reuters' Tokyo listing is thin (2 articles, one
  title with the kind's words). Taken: thin Landmark Technology's AMEX listing (3; three titles), thin round RLR
  Financial's delisting (3).
- (f) debt conversions: every country programme (Mexico, Brazil, Chile, Argentina, the Philippines, Venezuela,
  Mulford's backing, Bolivia's buyback) is half or more in earlier debt stories (`earlier_overlap` fires). Taken:
  thin American Express's debt/equity deal (2).
- Thin stories: 11 of the 20 in the pool (rule matches 2 or 3, given in each note).
- Uncovered pool: one near-miss per covered pool story (20), written before the draw; four were replaced before the
  draw: Kodak's bankruptcy filing (v6's near-miss, caught by `earlier_overlap` by its id; -> Kodak's spin-off of
  Eastman Chemical), Kinross's takeover of Echo Bay ("Kinross" is in a 1987 article; -> Bre-X's Busang discovery),
  Denmark's Maastricht vote ("Maastricht" is in a 1987 article; -> Denmark's euro referendum), ITT's split into three
  companies (a 1987 article has "three separate companies"; -> ITT's sale of Sheraton to Starwood). None repeats an
  earlier set's near-miss.
- Review (title only) below; written after the draw printed the drawn stories' titles -- the draw does not depend on
  the review, which only splits each story's matched articles into core and peripheral. `earlier_overlap` finds no
  overlap with v1-v16's pools.
- Drawn: 16 covered (left out: Hecla, Wrather, Echo Bay, Doskocil; so 7 of the 16 are thin) and 11 uncovered.

The committed stories_heldout_v17.jsonl has md5 5d0137b90ca51ac1e031086b406641af (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v17 query.
"""

from __future__ import annotations

from benchmarks import build_story_set_v16 as v16
from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder

#: v16's draw sizes (16 covered, 11 uncovered), a new seed, v17's file.
SEED, N_COVERED, N_UNCOVERED, OUT_NAME = 2320, v16.N_COVERED, v16.N_UNCOVERED, "stories_heldout_v17.jsonl"

#: The builders of v1-v16, whose pools (drawn or not) v17 must not repeat: v16's list and v16.
EARLIER_BUILDERS = (*v16.EARLIER_BUILDERS, "build_story_set_v16")

_FIND = r"find|discover|found"
_RATING = r"downgrad|upgrad|debt rating|ratings|lowered|lowers|affirm|CreditWatch"
_AGENCY = r"Moody|S and P|Standard and Poor|Duff"
_BUYBACK = r"buy ?back|buys back|repurchase"

COVERED_POOL = [
    # (a) stakes and shareholdings
    Story("siemens-telecom-plus-stake", "Siemens raising its stake in Telecom Plus",
          (r"Telecom Plus", r"Siemens", r"stake|pct|sale|pact")),
    Story("hecla-greens-creek-stake", "Hecla's purchase of a stake in the Greens Creek mine", (r"Hecla", r"Greens Creek"),
          note="thin: 3 articles"),
    Story("henley-santa-fe-stake", "The Henley Group's stake in Santa Fe Southern Pacific",
          (r"Henley", r"Santa Fe", r"stake|pct|talks")),
    Story("scandinavia-fund-stake", "The investor group's growing stake in the Scandinavia Fund",
          (r"Scandinavia Fund", r"stake|pct")),
    Story("calmat-stake", "Industrial Equity's stake in CalMat", (r"CalMat", r"stake|pct|Industrial Equity|proposal")),
    Story("kodak-icn-stake", "Eastman Kodak's sale of its stake in ICN", (r"\bICN\b", r"Kodak", r"stake|holding|sale|sell")),
    Story("wrather-stake", "The Hong Kong firm raising its stake in Wrather", (r"Wrather", r"stake|pct"),
          note="thin: 2 articles"),
    # (b) oil, gas and mineral discoveries
    Story("echo-bay-nevada-gold", "Echo Bay's gold discovery in Nevada", (r"Echo Bay", r"Nevada", r"gold", _FIND),
          note="thin: 2 articles"),
    Story("inspiration-gold-find", "Inspiration Resources' gold find in Canada", (r"Inspiration", r"gold", _FIND),
          note="thin: 2 articles"),
    # (c) credit rating changes
    Story("denmark-downgrade", "The downgrade of Denmark's credit rating",
          (r"Denmark|Danish", r"downgrad|rating", r"S and P|Standard and Poor|Moody|AA"), key=r"downgrad"),
    Story("atlantic-city-electric-downgrade", "The downgrades of Atlantic City Electric's debt",
          (r"Atlantic City Electric", _RATING, _AGENCY), note="thin: 3 articles"),
    Story("beneficial-downgrade", "The downgrades of Beneficial Corp's debt", (r"Beneficial", _RATING, _AGENCY)),
    Story("dana-downgrade", "The downgrades of Dana Corp's debt", (r"\bDana\b", _RATING, _AGENCY), note="thin: 3 articles"),
    # (d) share repurchases
    Story("gm-stock-buyback", "General Motors' stock buyback", (r"\bGM\b|General Motors", r"buy ?back|repurchase|repuchase")),
    Story("aceto-stock-repurchase", "Aceto's stock repurchase programme", (r"Aceto", r"repurchase"), note="thin: 2 articles"),
    Story("itt-stock-buyback", "ITT's repurchase of its common and preferred stock", (r"\bITT\b", r"repurchase|buy back")),
    Story("doskocil-stock-buyback", "Doskocil's repurchase of its shares", (r"Doskocil", _BUYBACK), note="thin: 2 articles"),
    # (e) stock exchange listings, delistings and trading halts
    Story("landmark-amex-listing", "Landmark Technology's listing on the American Stock Exchange",
          (r"Landmark Technology|<LCO>", r"list"), note="thin: 3 articles"),
    Story("rlr-nasdaq-delisting", "RLR Financial's delisting from NASDAQ", (r"RLR", r"delist|Nasdaq"), note="thin: 3 articles"),
    # (f) debt conversions and debt-equity swaps
    Story("amex-debt-equity-deal", "American Express's debt/equity deal",
          (r"American Express", r"debt/equity|debt-equity|debt for equity"), note="thin: 2 articles"),
]

UNCOVERED_POOL = [
    Story("siemens-westinghouse-power", "Siemens' purchase of Westinghouse's power generation business",
          absent=(r"Siemens.{0,200}Westinghouse|Westinghouse.{0,200}Siemens",),
          note="hard: Siemens' 1987 stake in Telecom Plus is in the corpus"),
    Story("hecla-klondex", "Hecla's takeover of Klondex Mines", absent=(r"Klondex",),
          note="hard: Hecla's 1987 Greens Creek stake is in the corpus"),
    Story("bnsf-merger", "The merger of Burlington Northern and Santa Fe", absent=(r"Burlington Northern Santa Fe|\bBNSF\b",),
          note="hard: the Henley Group's 1987 stake in Santa Fe Southern Pacific is in the corpus"),
    Story("norway-oil-fund-stakes", "Norway's oil fund buying stakes in foreign companies",
          absent=(r"Government Pension Fund|Norges Bank Investment",),
          note="hard: the 1987 stake in the Scandinavia Fund is in the corpus"),
    Story("vulcan-calmat", "Vulcan Materials' takeover of CalMat", absent=(r"Vulcan.{0,300}CalMat|CalMat.{0,300}Vulcan",),
          note="hard: Industrial Equity's 1987 stake in CalMat is in the corpus"),
    Story("kodak-eastman-chemical-spinoff", "Kodak's spin-off of Eastman Chemical",
          absent=(r"Eastman Chemical Company|spin-?off of Eastman Chemical|Eastman Chemical.{0,100}spin",),
          note="hard: Kodak's 1987 sale of its ICN stake is in the corpus"),
    Story("disney-wrather", "Disney's purchase of the Wrather Corporation",
          absent=(r"Disney.{0,300}Wrather|Wrather.{0,300}Disney",),
          note="hard: the 1987 stake in Wrather is in the corpus"),
    Story("bre-x-busang", "Bre-X's Busang gold discovery in Indonesia", absent=(r"Bre-X|Busang",),
          note="hard: Echo Bay's 1987 Nevada gold discovery is in the corpus"),
    Story("cyprus-inspiration-copper", "Cyprus Minerals' purchase of Inspiration's copper mine",
          absent=(r"Cyprus.{0,200}Inspiration|Inspiration.{0,200}Cyprus",),
          note="hard: Inspiration's 1987 gold find is in the corpus"),
    Story("denmark-euro-referendum", "Denmark's referendum rejecting the euro",
          absent=(r"\beuro\b.{0,100}referendum|referendum.{0,100}\beuro\b",),
          note="hard: the 1987 downgrade of Denmark's credit rating is in the corpus"),
    Story("conectiv-merger", "The merger of Atlantic Energy and Delmarva Power into Conectiv",
          absent=(r"Conectiv|Delmarva.{0,200}Atlantic Energy|Atlantic Energy.{0,200}Delmarva",),
          note="hard: the 1987 downgrades of Atlantic City Electric are in the corpus"),
    Story("household-beneficial", "Household International's purchase of Beneficial",
          absent=(r"Household.{0,200}(buy|acqui|purchase|merge)\w*.{0,100}Beneficial",),
          note="hard: the 1987 downgrades of Beneficial's debt are in the corpus"),
    Story("dana-bankruptcy", "Dana Corp's bankruptcy filing", absent=(r"\bDana\b.{0,200}(bankruptcy|Chapter 11)",),
          note="hard: the 1987 downgrades of Dana's debt are in the corpus"),
    Story("gm-bankruptcy-2009", "General Motors' bankruptcy and government bailout",
          absent=(r"(General Motors|\bGM\b).{0,200}(bankruptcy|Chapter 11|bailout)",),
          note="hard: General Motors' 1987 stock buyback is in the corpus"),
    Story("aceto-rising-pharma", "Aceto's purchase of Rising Pharmaceuticals", absent=(r"Rising Pharmaceuticals",),
          note="hard: Aceto's 1987 stock repurchase programme is in the corpus"),
    Story("itt-sheraton-starwood", "ITT's sale of Sheraton to Starwood", absent=(r"Starwood",),
          note="hard: ITT's 1987 stock repurchase is in the corpus"),
    Story("doskocil-bankruptcy", "Doskocil's bankruptcy filing", absent=(r"Doskocil.{0,300}(bankrupt|Chapter 11)",),
          note="hard: Doskocil's 1987 share repurchase is in the corpus"),
    Story("google-ipo", "Google's initial public offering on Nasdaq", absent=(r"Google",),
          note="hard: Landmark Technology's 1987 AMEX listing is in the corpus"),
    Story("luckin-delisting", "Luckin Coffee's delisting from Nasdaq", absent=(r"Luckin",),
          note="hard: RLR Financial's 1987 NASDAQ delisting is in the corpus"),
    Story("amex-shearson-primerica", "American Express's sale of Shearson to Primerica",
          absent=(r"Primerica.{0,300}Shearson|Shearson.{0,300}Primerica",),
          note="hard: American Express's 1987 debt/equity deal is in the corpus"),
]

#: Review by NEWID (from the --list titles only, before any timeline was built): matched articles about another event.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "kodak-icn-stake": ("10759",),  # ICN's Eurobond issue
    "denmark-downgrade": ("15347",),  # S and P's quarterly credit-quality review
    "gm-stock-buyback": ("18679",),  # Bell and Howell's earnings outlook
    "itt-stock-buyback": ("14748",),  # a digest of the day's business news
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "siemens-telecom-plus-stake": ("7093", "8977"),  # Telecom Plus's sale of the shares to Siemens, delayed and completed
    "scandinavia-fund-stake": ("10224",),  # the group raising its Scandinavia Fund stake
}


earlier_stories, earlier_overlap, build, main = blind_builder(
    "v17", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


if __name__ == "__main__":
    raise SystemExit(main(None))
