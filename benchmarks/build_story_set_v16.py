"""Build the sixteenth, blind held-out timeline story set (v16) from Reuters-21578 (issue 19, session 18).

    python -m benchmarks.build_story_set_v16 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v16: v15 was run and read in session 17 (precision 0.581), so from session 18 on v1-v15 are dev sets and v16 is
the blind held-out set the timeline code is measured on once, after its tuning. It was built by a helper who never ran
the timeline code, retrieval or a summary on its queries. Like v15 it takes Reuters-21578 stories OUTSIDE every
earlier pool (v1-v15, drawn or not), and is scored on the FULL Reuters home (`ragnews ingest
../shared/data/reuters21578`). Same method, record format and builders as v15 (its docstring says them: v2's
`drawn_set` / `reviewed_match` / `write_set_md5`, v8's `blind_builder`), with `pool_overlap` against v1-v15's builders.

Rules, written before any candidate title was listed: v15's rules 0-6 (benchmarks/build_story_set_v15.py; this
docstring as first committed, 3d96280, repeats them in full), with "v1-v14" read as "v1-v15" throughout and these,
the session-18 brief's changes:

0. Where: six kinds no earlier set had, from any month of the corpus. The brief suggested six; four of them share
   title words with an earlier set's kind (v10's (f) listed RESCHEDUL, PRIVATI, DEVALU and DISCOUNT RATE; v8's (d)
   RATE CUT and INTERVEN; v9's and v10's (b) LAYOFF, JOB CUTS and plant closures), so those words stay out and the
   kinds are worded so that no earlier kind's title words define them:
   (a) loan agreements and credit facilities (new lending, not reschedulings): LOAN, CREDIT FACILITY, CREDIT LINE,
       LINE OF CREDIT, SYNDICAT, FINANCING PACKAGE, BRIDGE LOAN, BORROW;
   (b) joint ventures and alliances: JOINT VENTURE, VENTURE, ALLIANCE, PARTNERSHIP, COOPERATION, CO-OPERATION,
       TEAM UP, TEAMS UP, LINK UP, JOIN FORCES;
   (c) regulatory approvals and agency rulings (an agency, not a court or a legislature): APPROVAL, APPROVES,
       APPROVED, CLEARS, CLEARED, CLEARANCE, LICENCE, LICENSE, PERMIT, FDA, FCC, ICC, SEC RULES, AUTHORIZ, AUTHORIS;
   (d) plant openings and expansions (closures and layoffs were v9's and v10's): NEW PLANT, NEW MILL, NEW FACTORY,
       TO BUILD, BUILDS, EXPAND, EXPANSION, CAPACITY, OPENS, OPENING with PLANT/MILL/FACTORY/REFINERY/MINE/SMELTER;
   (e) price changes by a producer or seller: RAISES PRICE(S), PRICE INCREASE, PRICE HIKE, PRICE RISE, CUTS PRICE(S),
       PRICE CUT, LOWERS PRICE(S), REDUCES PRICE(S), PRICE WAR;
   (f) legislation: a bill or law passed, vetoed or signed by a legislature or head of state: BILL (not a Treasury
       or money-market bill), LEGISLATION, LAW, VETO, SIGNS, PASSES, PARLIAMENT APPROVES, SENATE, HOUSE VOTE.
   A kind word in another sense is read out (a "venture" capital fund, a bank "credit" rating, "clears" for a market
   that clears, a "price" of a bond issue, a posted crude price change filed daily, a Treasury "bill").
1. Covered pool (>= 20): v15's rule 1 with v15's amendment (a story's size is its rule's matched articles, since
   most stories have one title with the kind's words; ties to the earlier first title); a broad story's actor is a
   country, body or commodity; the routine items skipped are results tables, daily price postings and weekly
   statistics. An actor with much OTHER news in the corpus is not a reason to skip a story: the rule decides, not how
   easy the story looks.
2.-3. Each covered story's rule and the uncovered pool (one near-miss per covered pool story, none repeating an
   earlier set's, each with an `absent` rule the script asserts matches no article): v15's rules 2 and 3.
4. The set is a seeded sample of each pool as v15's rule 4, with a new seed, SEED 2218: 16 covered and 11 uncovered.
5. Gold (v2's reviewed_match) and the title-only review: v15's rule 5.
6. No v16 story shares an id or a query with a v1-v15 pool story, and no covered story has half its core matched by
   an earlier covered story's rule (v8's `pool_overlap`, with v15 added to v15's earlier builders).

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- The listing left out the 2,635 articles any v1-v15 covered rule matches.
- (a) loans and credit facilities: most titles are single World Bank, ADB or IDB loans, weekly business-loan figures
  and broker-loan rates (one article each, or routine). Taken: Brazil's talks with its bank committee on extending its
  short-term credit lines (16 matched; not v1's moratorium story: 2 of its articles match an earlier rule), thin
  B.C. Resources' credit facility (2; before Omnibus Computer's line of credit, 2, by first title), round two Pemex's
  Japanese pipeline loan (4, 3 March), round three Sri Lanka's IMF loan request (4, 30 March). Skipped: Mexico's 7.7
  billion dlr loan (14 of 15 matched articles are in earlier pools), VMS (three VMS companies, three events),
  Rolls-Royce's credit facility and Yugoslavia's EC loan (2-3, thin after B.C. Resources).
- (b) joint ventures and alliances: almost all are one-article venture announcements; "venture capital", limited
  partnerships' payouts and the British "Alliance" parties are other senses. Taken: PDVSA's purchase of half of
  Union Pacific's Champlin refinery (9 matched), thin Beryllium International's venture with Cominco (2; the earliest
  two-title thin story, 3 March), round two Benetton's financial-services venture with Merrill Lynch (5), round three
  Inland and Nippon Steel's joint venture plant (4, 11 March; it is kind (b) by its titles' words, two VENTURE titles
  to one BUILD title), round four PDVSA's Guasare coal venture with Agip and Arco (4, 24 March), round five USX and
  Inland's steel coil venture (4, October), giving the pool its 20th story.
- (c) regulatory approvals: most titles are shareholder or board approvals (another sense), stock splits and Fed
  approvals of single bank mergers (one article each). Taken: the FDA's approval of AZT (5 matched), thin Merck's
  heartworm drug approval (2 titles, 25 March, before Genentech's TPA review, 3 articles but later), round two the
  CFTC's approval of the MGE's corn syrup futures contract (4). Skipped: Elders' purchase of Carling O'Keefe (5-7
  matched, but its event is a takeover, v8's kind; the approval is one step of it), Browning-Ferris (a site, a
  permit and an EPA lawsuit: three events), the EC's Rover aid (1 article outside the earlier rules).
- (d) plant openings and expansions: every group has one or two articles; the one story of >= 4 (Inland and Nippon
  Steel's plant) is counted in (b). Western Mining's gold mine (5 matched) mixes stock reports and a stake sale.
  Taken: thin Champion International's Alberta mill expansion (2; 19 March, the earliest two-title group).
- (e) price changes: nearly all titles are daily posted crude, heating-oil, copper and fuel-oil price changes
  (routine). USX's price rises (March and June) are two events, the Japanese car makers' U.S. price rises three.
  Taken: thin Hudson Bay Mining's zinc price cut (2; 9 March, before Cominco's lead price cut and USX's June hike).
- (f) legislation: most BILL titles are Treasury bills (another sense) and most SIGNS titles company pacts. Taken:
  the 0/92 farm programme bills (21 matched), thin the exchange rate bill (2; 25 March, before the French stock
  bill), round two the textile bill (5), round three the international debt facility bill (4, 5 March), round four
  the ethanol tax exemption bill (4, 11 March). Skipped: the trade bill (v3's Gephardt amendment and 31 of 69 articles
  in earlier rules), the highway bill veto (v4), the homeless aid bill (1 article of the event).
- Thin stories: 6 of the 20 in the pool (rule matches 2, given in each note); the draw took 5 of them.
- Uncovered pool: one near-miss per covered pool story (20), written before the draw; two `absent` rules fired
  on the first try and were replaced before the draw: "Teck ... merged ... Cominco" (a 1987 article on Teck's talks on
  a B.C. copper venture names both; -> Cominco's Red Dog mine), "Red Dog" (a 1987 zinc-supply article names the mine;
  -> the merger that created Teck Cominco, by its name). None repeats an earlier set's near-miss.
- Review (title only) below, written as v15's was (after the draw; it only splits each story's matched articles into
  core and peripheral). `earlier_overlap` finds no overlap with v1-v15's pools.

The committed stories_heldout_v16.jsonl has md5 c6707d3afb845c6662e63096e5ecfb66 (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v16 query.
"""

from __future__ import annotations

from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder
from benchmarks import build_story_set_v15 as v15

SEED = 2218
N_COVERED = 16
N_UNCOVERED = 11
OUT_NAME = "stories_heldout_v16.jsonl"

#: The builders of v1-v15, whose pools (drawn or not) v16 must not repeat: v15's list and v15.
EARLIER_BUILDERS = (*v15.EARLIER_BUILDERS, "build_story_set_v15")

_CREDIT_LINES = r"short-term (credit|trade)|trade lines?|interbank lines|credit lines"

COVERED_POOL = [
    # (a) loan agreements and credit facilities
    Story("brazil-short-term-credit-lines", "Brazil's talks with its creditor banks on extending its short-term credit lines",
          (r"Brazil", _CREDIT_LINES, r"extend|extension|renew|roll ?over|60-day"), key=_CREDIT_LINES),
    Story("bc-resources-credit-facility", "B.C. Resources' new credit facility",
          (r"B\.C\. Resources|BC Resources", r"credit facility|credit line|line of credit"), note="thin: 2 articles"),
    Story("pemex-japan-loan", "Mexico's 500 mln dlr Japanese loan for the Pemex pipeline",
          (r"Mexico|Pemex", r"Japan", r"loan", r"Pemex|pipeline|Export-Import|Eximbank|first 250"), key=r"Japan"),
    Story("sri-lanka-imf-loan", "Sri Lanka's request for an IMF loan facility",
          (r"Sri Lanka", r"IMF|Monetary Fund", r"facility|loan"), key=r"IMF|Monetary Fund"),
    # (b) joint ventures and alliances
    Story("pdvsa-champlin-refinery", "Venezuela's PDVSA buying half of Union Pacific's Champlin refinery",
          (r"Champlin|Union Pacific", r"PDVSA|Petroleos de Venezuela|Venezuela", r"refiner|partnership|venture|half"),
          key=r"Champlin|Union Pacific"),
    Story("beryllium-cominco-venture", "Beryllium International's joint venture with Cominco", (r"Beryllium", r"Cominco"),
          note="thin: 2 articles"),
    Story("benetton-merrill-venture", "Benetton's financial services venture with Merrill Lynch",
          (r"Benetton", r"Merrill|financial services")),
    Story("inland-nippon-steel-venture", "Inland Steel and Nippon Steel's joint venture plant in Indiana",
          (r"Inland", r"Nippon Steel", r"venture|plant"), key=r"Nippon Steel|Nippon"),
    Story("venezuela-guasare-coal-venture", "Venezuela's choice of partners for the Guasare coal venture",
          (r"Carbozulia|Guasare|coal (venture|project)", r"Venezuela|PDVSA", r"Agip|Arco|partner|consortium"),
          key=r"coal"),
    Story("usx-inland-coil-venture", "USX and Inland Steel's steel coil venture", (r"USX", r"Inland", r"venture|coil"),
          key=r"Inland"),
    # (c) regulatory approvals and agency rulings
    Story("fda-azt-approval", "The FDA's approval of AZT as an AIDS drug",
          (r"AZT|Retrovir|azidothymidine", r"FDA|Food and Drug|approv"), key=r"AZT|Retrovir|azidothymidine"),
    Story("merck-heartworm-approval", "The approval of Merck's heartworm medicine for dogs",
          (r"Merck", r"heartworm|Heartgard|ivermectin"), note="thin: 2 articles"),
    Story("mge-corn-syrup-futures", "Approval of the Minneapolis Grain Exchange's corn syrup futures contract",
          (r"MGE|Minneapolis Grain Exchange", r"corn syrup|HFCS|fructose")),
    # (d) plant openings and expansions
    Story("champion-alberta-mill", "Champion International's expansion of its Alberta pulp mill",
          (r"Champion", r"Alberta|Hinton", r"mill|expan"), note="thin: 2 articles"),
    # (e) price changes by a producer or seller
    Story("hudson-bay-zinc-price-cut", "Hudson Bay Mining's zinc price cut", (r"Hudson Bay Mining", r"zinc", r"price"),
          note="thin: 2 articles"),
    # (f) legislation
    Story("zero-92-farm-bill", "The 0/92 farm programme bills in Congress",
          (r"0/92|0-92", r"bill|legislation|proposal|plan|measure"), key=r"0/92|0-92"),
    Story("exchange-rate-bill", "The exchange rate bill in the U.S. House",
          (r"exchange rate bill|exchange.rate (legislation|measure)",), note="thin: 2 articles"),
    Story("us-textile-bill", "The U.S. textile import bill", (r"textile (and apparel )?(trade )?(bill|legislation|measure)",)),
    Story("international-debt-facility-bill", "The House bill to set up an international debt facility",
          (r"international debt (management )?(bill|facility|authority)|debt facility bill|international debt bill",)),
    Story("ethanol-tax-exemption-bill", "The bill to extend the ethanol tax exemption", (r"ethanol", r"exemption|bill"),
          key=r"ethanol"),
]

UNCOVERED_POOL = [
    Story("brazil-brady-plan", "Brazil's Brady Plan debt agreement", absent=(r"Brady (Plan|bonds?)",),
          note="hard: Brazil's 1987 talks on its short-term credit lines are in the corpus"),
    Story("westar-group-renaming", "B.C. Resources' renaming as Westar Group", absent=(r"Westar Group",),
          note="hard: B.C. Resources' 1987 credit facility is in the corpus"),
    Story("mexico-1995-bailout", "The U.S. bailout of Mexico in the 1995 peso crisis",
          absent=(r"Tequila crisis|(Mexico|Mexican).{0,100}(bailout|bail-out)|(bailout|bail-out).{0,100}(Mexico|Mexican)",),
          note="hard: Mexico's 1987 Japanese loan for the Pemex pipeline is in the corpus"),
    Story("sri-lanka-debt-default", "Sri Lanka's default on its foreign debt",
          absent=(r"Sri Lanka.{0,200}default|default.{0,200}Sri Lanka",),
          note="hard: Sri Lanka's 1987 request for an IMF loan is in the corpus"),
    Story("chavez-orinoco-takeover", "Hugo Chavez's takeover of the Orinoco oil projects", absent=(r"Hugo Ch[aá]vez",),
          note="hard: PDVSA's 1987 purchase of half of the Champlin refinery is in the corpus"),
    Story("teck-cominco-name", "The merger that created Teck Cominco", absent=(r"Teck Cominco",),
          note="hard: Beryllium International's 1987 venture with Cominco is in the corpus"),
    Story("benetton-formula-one", "Benetton's Formula One team",
          absent=(r"Benetton.{0,200}(Formula One|Formula 1|\bF1\b|Grand Prix)|(Formula One|Formula 1|\bF1\b|Grand Prix).{0,200}Benetton",),
          note="hard: Benetton's 1987 financial services venture is in the corpus"),
    Story("nippon-sumitomo-merger", "Nippon Steel's merger with Sumitomo Metal",
          absent=(r"Nippon Steel (&|and) Sumitomo|Nippon Steel.{0,100}Sumitomo Metal.{0,100}merg|Sumitomo Metal.{0,100}Nippon Steel.{0,100}merg",),
          note="hard: Inland and Nippon Steel's 1987 joint venture is in the corpus"),
    Story("anglo-guasare-stake", "Anglo American's stake in Carbones del Guasare",
          absent=(r"Anglo American.{0,300}Guasare|Guasare.{0,300}Anglo American",),
          note="hard: Venezuela's 1987 choice of partners for the Guasare coal venture is in the corpus"),
    Story("usx-tracking-stocks", "USX's split into U.S. Steel and Marathon tracking stocks",
          absent=(r"tracking stock|USX-U\.S\. Steel Group|USX-Marathon Group",),
          note="hard: USX's 1987 steel coil venture with Inland is in the corpus"),
    Story("fda-protease-inhibitor", "The FDA's approval of the first protease inhibitor", absent=(r"protease inhibitor|saquinavir|Invirase",),
          note="hard: the FDA's 1987 approval of AZT is in the corpus"),
    Story("merck-vioxx-recall", "Merck's recall of Vioxx", absent=(r"Vioxx|rofecoxib",),
          note="hard: the 1987 approval of Merck's heartworm drug is in the corpus"),
    Story("mgex-miax-merger", "The Minneapolis Grain Exchange's sale to Miami International Holdings", absent=(r"Miami International|MIAX",),
          note="hard: the 1987 approval of the MGE's corn syrup futures is in the corpus"),
    Story("ip-champion-takeover", "International Paper's takeover of Champion International",
          absent=(r"International Paper.{0,200}Champion|Champion.{0,200}International Paper",),
          note="hard: Champion's 1987 Alberta mill expansion is in the corpus"),
    Story("hudbay-lundin-bid", "HudBay Minerals' bid for Lundin Mining", absent=(r"HudBay|Lundin Mining",),
          note="hard: Hudson Bay Mining's 1987 zinc price cut is in the corpus"),
    Story("freedom-to-farm-act", "The 1996 Freedom to Farm Act", absent=(r"Freedom to Farm|Federal Agriculture Improvement",),
          note="hard: the 1987 0/92 farm bills are in the corpus"),
    Story("china-currency-bill", "The Senate bill against China's currency manipulation",
          absent=(r"currency manipulat\w*.{0,200}China|China.{0,200}currency manipulat",),
          note="hard: the 1987 exchange rate bill is in the corpus"),
    Story("mfa-quota-end", "The end of textile quotas under the Multi-Fibre Arrangement in 2005",
          absent=(r"(end|expiry|expiration|phase-?out) of (the )?(Multi-?Fib(re|er) Arrangement|MFA|textile quotas)|Agreement on Textiles and Clothing",),
          note="hard: the 1987 U.S. textile bill is in the corpus"),
    Story("hipc-debt-relief", "The HIPC debt relief initiative for poor countries", absent=(r"HIPC|Heavily Indebted Poor",),
          note="hard: the 1987 international debt facility bill is in the corpus"),
    Story("renewable-fuel-standard", "The Renewable Fuel Standard's ethanol mandate", absent=(r"Renewable Fuels? Standard|ethanol mandate",),
          note="hard: the 1987 ethanol tax exemption bill is in the corpus"),
]

#: Review by NEWID (from the --list titles only, before any timeline was built): matched articles about another event.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "sri-lanka-imf-loan": ("16165",),  # budget cuts for defence costs
    "benetton-merrill-venture": ("7240", "17592"),  # Benetton's expansion plans and profit forecast
    "usx-inland-coil-venture": ("15639",),  # a column on the steel companies
    "fda-azt-approval": ("4871", "6608"),  # proposals to relax drug laws, Wellcome's shares on a rival's drug
    "zero-92-farm-bill": ("6720",),  # the farm budget cuts
    "ethanol-tax-exemption-bill": ("10306",),  # the Philippine sugar crop
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {}


earlier_stories, earlier_overlap, build, main = blind_builder(
    "v16", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


if __name__ == "__main__":
    raise SystemExit(main(None))
