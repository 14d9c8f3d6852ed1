"""Build the eighteenth, blind held-out timeline story set (v18) from Reuters-21578 (issue 19, session 21).

    python -m benchmarks.build_story_set_v18 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v18: v17 was run and read in session 20, so from session 21 on v1-v17 are dev sets and v18 is the blind held-out
set the timeline code is measured on once, after its tuning. It was built by a helper who never ran the timeline code,
retrieval, a summary or any NewsRAG method on its queries (only its own scripts over the Reuters titles and bodies).
Like v15-v17 it takes Reuters-21578 stories OUTSIDE every earlier pool (v1-v17, drawn or not), and is scored on the FULL
Reuters home (`ragnews ingest ../shared/data/reuters21578`). Same method and record format as v2-v17 (bench_timeline.py
scores all), built by v2's `drawn_set` / `reviewed_match` / `write_set_md5` and v8's `blind_builder` (`rule_ids`,
`pool_overlap` against v1-v17's builders).

Rules, written before any candidate title was listed (notes/s21/v18/RULES.md; v17's, with six new kinds and a new seed):

0. Where: six kinds no earlier set (v1-v17) had, from any month of the corpus. The session's brief suggested lawsuits,
   strikes, layoffs, accidents, trade disputes, central-bank rates, bankruptcies and management buyouts; every one of
   them is an earlier kind (v7-v10's lawsuits, labour disputes, closures and layoffs, accidents, trade disputes,
   government and central-bank actions, bankruptcies and buyouts), so they stay out, and so do the earlier kinds'
   title words (TAKEOVER, MERGER, ACQUISITION, BID, TENDER, BUYOUT, STAKE, REPURCHASE, DIVIDEND, NAMED, CAPITALIZ,
   LISTING, APPROV, SHARE ISSUE, RIGHTS ISSUE):
   (a) stock splits: SPLIT(S), N-FOR-N (TWO-FOR-ONE, 2-FOR-1, THREE-FOR-TWO, ...);
   (b) spin-offs (a company handing a unit's shares to its holders): SPIN OFF, SPINOFF, SPIN-OFF, SPINS OFF, SPUN OFF,
       SPIN OUT, DISTRIBUTE/DISTRIBUTION of a unit's shares;
   (c) name changes: NAME CHANGE, CHANGE(S) (ITS) NAME, NEW NAME, RENAME, TO BE CALLED, NAME TO;
   (d) takeover defences and proxy fights: RIGHTS PLAN, SHAREHOLDER RIGHTS, POISON PILL, STANDSTILL, GREENMAIL, PROXY,
       DEFENSE/DEFENCE, ANTI- (not v10's word TAKEOVER);
   (e) divestitures (a company selling a unit, division, plant or business): SELL(S), SALE OF, TO SELL, DIVEST,
       DISPOSE, DISPOSAL, UP FOR SALE, with UNIT, DIVISION, SUBSIDIARY, OPERATIONS, BUSINESS, ASSETS, PLANT, MILL,
       HOTEL, STATION(S), INTEREST(S);
   (f) capital spending plans: CAPITAL SPENDING, CAPITAL EXPENDITURE(S), SPENDING PLAN, INVESTMENT PLAN/PROGRAM(ME),
       EXPLORATION SPENDING, SPENDING CUT(S), CUTS SPENDING, TO INVEST, INVESTS.
   A kind word in another sense is read out: a "split" market or prime rate, a cash "distribution" or a distribution
   pact, a "defence" contract or budget, ANTI- in antibiotics or anti-dumping, a company selling notes, bonds or shares
   (v8's and v9's offerings) or a stake (v17's), a company selling itself (v8's and v10's takeovers), a government's
   spending (v10's BUDGET) or a plant built (v16's openings).
1. Covered pool (>= 20): v17's rule 1 with v17's amendment written in from the start: 1987 stories, each one actor and
   one event, found by listing every title with the kind's words, leaving out the articles any v1-v17 covered rule
   matches; a story's size is its rule's matched articles. Per kind the LARGEST story of >= 4 (ties to the earlier
   first title) and one THIN story of 2-3 (most titles with the kind's words, ties to the earliest first title); then
   rounds (a)..(f) each adding its next-largest story of >= 4; then, if still short, rounds each adding its next thin
   story, until 20. Skips as v17's (an earlier pool's story, a group mixing unrelated events, another sense, routine
   items); an actor with much other news is no reason to skip.
2-6. As v17's: rule = the actor's pattern and its event's own words, key = the actor, "thin: N articles" with the exact
   count; an uncovered pool (>= 20) of one near-miss per covered story, written after the covered pool and before the
   draw, none an earlier set's, each `absent` rule asserted to match no article (one that fires is replaced, said
   below); the draw `random.Random(SEED).sample` of 16 covered and 11 uncovered with SEED 2421 (new); gold by v2's
   reviewed_match with title-only demotions and promotions; `pool_overlap` against v1-v17.

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- The listing left out the 2,794 articles any v1-v17 covered rule matches. As in v17, most titles of these kinds are
  one-article filings, so only (a), (d) and (e) have stories of >= 4 and 11 of the 20 in the pool are thin.
- Round one, (largest; thin): (a) Jardine Matheson's four-for-one bonus issue of "B" shares, barred by the Hong Kong
  exchange and replaced by an ordinary bonus issue (10 matched; a bonus issue is a split by capitalisation; BHP's,
  North BH's, Amatil's and Degussa's "one-for-N" issues float a unit or raise money: another sense); thin Champion
  Products' split (2; two titles, 26 February, the earliest two-title group). (b) no story of >= 4; thin Henley's
  distribution of Fisher Scientific shares (2; 16 March; every thin spin-off has one title with the kind's words).
  (c) no story of >= 4; thin Royal Resources' change of name to Royal Gold (2; 3 March). (d) Baird's defences against
  Mark IV (4; 12 March, before HBO's, also 4); thin Morrison's rights plan (2; two titles). (e) CPC's sale of its
  European business to Ferruzzi (10); thin Gulf Applied's unit sales (3; two titles, 26 February). (f) no story of
  >= 4; thin the two Japanese steelmakers' capital spending cuts (2; two titles, 25 March, before Lac Minerals'
  exploration spending, 7 April).
- Round two: (a) Chrysler's three-for-two split (5), (d) the Andover Group's proxy fight at HBO and Co (4), (e)
  Allied-Signal's sale of Linotype (6). Round three: (e) BankAmerica's sale of its West German bank (5). Round four:
  (e) Armtek's sale of its tire business (4; 2 March, before National Distillers', also 4). Round five: (e) National
  Distillers' sale of its spirits business (4). No kind has another story of >= 4.
- Thin rounds (15 -> 20): (a) Novell (2; 11 March, before Kiena's), (b) Hongkong Land's spin-off of Mandarin Oriental
  (2; 21 March), (c) American Can's change of name to Primerica (2; 6 March), (d) Prime Medical's proxy contest (2;
  one title with the kind's words, 9 April; every earlier one-title defence matches one article), (e) Butler
  Manufacturing's sale of part of its controls division (2; two titles, 3 March, before ARCO's and Rank Xerox's).
- Skipped: American Express's study of a Shearson spin-off (v3's Nippon Life-Shearson story: the same restructuring),
  GenCorp's TV station and Borg-Warner's unit (earlier takeover pools), Hanson's chemical unit and Williams' unit sale
  (groups mixing several sales and ICI's or Newmont's news), BankAmerica's Italian bank (sold in 1986: its 1987
  articles only look back), CPC's Hi-Port, Asian and South African sales (other events than its European sale), Mine
  Safety's and Owens-Corning's two titles (two different units each), Lucky Stores (the standstill and the spin-off
  are two events, one article each), "sells notes/bonds/debentures" titles (offerings: another sense).
- Uncovered pool: one near-miss per covered pool story (20), written before the draw. One was replaced before the draw:
  Thermo Electron's merger with Fisher Scientific ("Thermo Electron" is in 1987 articles; -> Fisher Scientific's
  purchase of Curtin Matheson). Xerox's sale of Crum and Forster was written for Rank Xerox's South African unit, which
  the (e) thin round did not reach once Butler's earlier group was found; both went before the draw. None repeats an
  earlier set's near-miss.
- Review (title only) below, written after the draw printed the drawn stories' titles (the review only splits each
  story's matched articles into core and peripheral). `earlier_overlap` finds no overlap with v1-v17's pools.
- Drawn: 16 covered (left out: Champion Products, American Can, BankAmerica, National Distillers; so 9 of the 16 are
  thin) and 11 uncovered. Three of Jardine's matched articles (the bonus issue plan, the two results tables) and the
  steelmakers' 27 March article have no parsable date in the corpus (the SGML DATE carries control characters).

The committed stories_heldout_v18.jsonl has md5 56a5b115742dbb9c783921a3563b59be (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v18 query.
"""

from __future__ import annotations

from benchmarks import build_story_set_v17 as v17
from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder

#: v17's draw sizes (16 covered, 11 uncovered), a new seed, v18's file.
SEED, N_COVERED, N_UNCOVERED, OUT_NAME = 2421, v17.N_COVERED, v17.N_UNCOVERED, "stories_heldout_v18.jsonl"

#: The builders of v1-v17, whose pools (drawn or not) v18 must not repeat: v17's list and v17.
EARLIER_BUILDERS = (*v17.EARLIER_BUILDERS, "build_story_set_v17")

_SALE = r"sell|sale|sold"
_RENAME = r"name change|chang\w* (its |the )?(corporate )?name|new name|renam"

COVERED_POOL = [
    # (a) stock splits
    Story("jardine-bonus-issue", "Jardine Matheson's four-for-one bonus issue",
          (r"Jardine", r"bonus issue|four-for-one|\bB\W{0,2} shares?")),
    Story("champion-products-split", "Champion Products' stock split", (r"Champion Products", r"split"),
          note="thin: 2 articles"),
    Story("chrysler-stock-split", "Chrysler's three-for-two stock split", (r"Chrysler", r"stock split|three-for-two|3-for-2")),
    Story("novell-stock-split", "Novell's two-for-one stock split", (r"Novell", r"split"), note="thin: 2 articles"),
    # (b) spin-offs
    Story("henley-fisher-distribution", "The Henley Group's distribution of Fisher Scientific shares to its holders",
          (r"Henley", r"Fisher", r"distribut|spin|shares"), note="thin: 2 articles"),
    Story("hongkong-land-mandarin-spinoff", "Hongkong Land's spin-off of Mandarin Oriental",
          (r"Hong ?Kong Land", r"Mandarin", r"spin|distribut|float|listing|shares"), note="thin: 2 articles"),
    # (c) name changes
    Story("royal-resources-name-change", "Royal Resources changing its name to Royal Gold",
          (r"Royal Resources|<RRCO>", r"Royal Gold|" + _RENAME), note="thin: 2 articles"),
    Story("american-can-primerica-name", "American Can changing its name to Primerica",
          (r"American Can", r"Primerica|" + _RENAME), note="thin: 2 articles"),
    # (d) takeover defences and proxy fights
    Story("baird-mark-iv-defences", "Baird Corp's defences against Mark IV Industries",
          (r"Baird", r"Mark IV", r"rights plan|restraining order|anti-takeover|defensive")),
    Story("morrison-rights-plan", "Morrison Inc's shareholder rights plan", (r"Morrison", r"rights plan"),
          note="thin: 2 articles"),
    Story("hbo-andover-proxy-fight", "The Andover Group's proxy fight for the board of HBO and Co",
          (r"\bHBO\b|<HBOC", r"proxy|Andover")),
    Story("prime-medical-proxy-contest", "The shareholders' proxy contest at Prime Medical Services",
          (r"Prime Medical", r"proxy|holder list|shareholder list"), note="thin: 2 articles"),
    # (e) divestitures
    Story("cpc-european-sale", "CPC International's sale of its European business to Ferruzzi",
          (r"\bCPC\b", r"Ferruzzi|European (business|operations|corn)")),
    Story("gulf-applied-unit-sales", "Gulf Applied Technologies' sale of its units", (r"Gulf Applied", _SALE),
          note="thin: 3 articles"),
    Story("allied-signal-linotype-sale", "Allied-Signal's sale of Linotype", (r"Allied-Signal|Allied Signal|<ALD>", r"Linotype")),
    Story("bankamerica-german-unit-sale", "BankAmerica's sale of its West German bank",
          (r"BankAmerica|Bank of America", r"Centrale Credit|CC-Bank|German banking unit|German (affiliate|subsidiary|bank)")),
    Story("armtek-tire-unit-sale", "Armtek's sale of its tire business", (r"Armtek", r"tire", _SALE + r"|buyout")),
    Story("national-distillers-spirits-sale", "National Distillers' sale of its spirits business",
          (r"National Distillers", r"spirits|liquor", _SALE + r"|American Brands|acqui")),
    Story("butler-controls-division-sale", "Butler Manufacturing's sale of part of its controls division",
          (r"Butler Manufacturing|<BTLR>", r"controls? division|Enercon", _SALE), note="thin: 2 articles"),
    # (f) capital spending plans
    Story("japan-steelmakers-capital-spending", "The Japanese steelmakers' cuts in capital spending",
          (r"steelmakers?|steel makers?", r"capital spending|capital investment|plant investment"),
          note="thin: 2 articles"),
]

UNCOVERED_POOL = [
    Story("jardine-hong-kong-delisting", "Jardine Matheson's withdrawal of its listing from Hong Kong",
          absent=(r"Jardine.{0,300}(delist|withdr\w+ (its|the) listing)",),
          note="hard: Jardine Matheson's 1987 bonus issue is in the corpus"),
    Story("sara-lee-champion-products", "Sara Lee's purchase of Champion Products",
          absent=(r"Sara Lee.{0,200}Champion|Champion.{0,200}Sara Lee",),
          note="hard: Champion Products' 1987 stock split is in the corpus"),
    Story("chrysler-two-for-one-split", "Chrysler's two-for-one stock split",
          absent=(r"Chrysler.{0,200}(two-for-one|2-for-1)|(two-for-one|2-for-1).{0,200}Chrysler",),
          note="hard, one detail away: Chrysler's 1987 split was three-for-two"),
    Story("novell-wordperfect", "Novell's purchase of WordPerfect", absent=(r"WordPerfect",),
          note="hard: Novell's 1987 stock split is in the corpus"),
    Story("fisher-curtin-matheson", "Fisher Scientific's purchase of Curtin Matheson Scientific", absent=(r"Curtin Matheson",),
          note="hard: the Henley Group's 1987 distribution of Fisher Scientific shares is in the corpus"),
    Story("mandarin-oriental-singapore", "Mandarin Oriental's listing in Singapore",
          absent=(r"Mandarin Oriental.{0,300}Singapore|Singapore.{0,300}Mandarin Oriental",),
          note="hard: Hongkong Land's 1987 spin-off of Mandarin Oriental is in the corpus"),
    Story("royal-gold-cortez-royalty", "Royal Gold's royalty on the Cortez mine",
          absent=(r"Royal Gold.{0,300}Cortez|Cortez.{0,300}Royal Gold",),
          note="hard: Royal Resources' 1987 change of name to Royal Gold is in the corpus"),
    Story("primerica-travelers-merger", "Primerica's merger with Travelers",
          absent=(r"Primerica.{0,300}Travelers|Travelers.{0,300}Primerica",),
          note="hard: American Can's 1987 change of name to Primerica is in the corpus"),
    Story("mark-iv-dayco", "Mark IV Industries' purchase of Dayco", absent=(r"Dayco.{0,200}Mark IV|Mark IV.{0,200}Dayco",),
          note="hard: Baird's 1987 defences against Mark IV are in the corpus"),
    Story("morrison-ruby-tuesday-spinoff", "Morrison's split into Ruby Tuesday and two other companies",
          absent=(r"Ruby Tuesday",), note="hard: Morrison's 1987 shareholder rights plan is in the corpus"),
    Story("mckesson-hboc-merger", "McKesson's purchase of HBO and Co", absent=(r"McKesson.{0,300}HBO|HBO.{0,300}McKesson",),
          note="hard: the 1987 proxy fight for HBO and Co's board is in the corpus"),
    Story("healthtronics-prime-medical", "HealthTronics' merger with Prime Medical", absent=(r"HealthTronics",),
          note="hard: the 1987 proxy contest at Prime Medical is in the corpus"),
    Story("unilever-bestfoods", "Unilever's purchase of Bestfoods", absent=(r"Bestfoods",),
          note="hard: CPC International's 1987 sale of its European business is in the corpus"),
    Story("gulf-applied-bankruptcy", "Gulf Applied Technologies' bankruptcy filing",
          absent=(r"Gulf Applied.{0,300}(bankrupt|Chapter 11)",),
          note="hard: Gulf Applied's 1987 unit sales are in the corpus"),
    Story("alliedsignal-honeywell-merger", "AlliedSignal's merger with Honeywell",
          absent=(r"AlliedSignal|Allied-?Signal.{0,200}Honeywell|Honeywell.{0,200}Allied-?Signal",),
          note="hard: Allied-Signal's 1987 sale of Linotype is in the corpus"),
    Story("nationsbank-bankamerica-merger", "NationsBank's merger with BankAmerica", absent=(r"NationsBank",),
          note="hard: BankAmerica's 1987 sale of its West German bank is in the corpus"),
    Story("pirelli-armstrong-tire", "Pirelli's purchase of Armtek's tire business",
          absent=(r"Pirelli.{0,300}Armtek|Armtek.{0,300}Pirelli|Pirelli Armstrong",),
          note="hard, one detail away: Armtek's 1987 sale of its industrial tire unit is in the corpus"),
    Story("quantum-chemical-bankruptcy", "Quantum Chemical's bankruptcy", absent=(r"Quantum Chemical",),
          note="hard: National Distillers' 1987 sale of its spirits business is in the corpus"),
    Story("bluescope-butler", "BlueScope Steel's purchase of Butler Manufacturing", absent=(r"BlueScope",),
          note="hard: Butler Manufacturing's 1987 sale of part of its controls division is in the corpus"),
    Story("jfe-steel-merger", "The merger of NKK and Kawasaki Steel into JFE", absent=(r"\bJFE\b|NKK.{0,200}Kawasaki Steel.{0,200}merg",),
          note="hard: the Japanese steelmakers' 1987 capital spending cuts are in the corpus"),
]

#: Review by NEWID (from the --list titles only, before any timeline was built): matched articles about another event.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "jardine-bonus-issue": ("10280", "10282"),  # Jardine's 1986 results table
    "chrysler-stock-split": ("2235", "16643"),  # a debenture redemption; pension costs
    "hongkong-land-mandarin-spinoff": ("10291",),  # Jardine's bonus issue
    "royal-resources-name-change": ("1316",),  # the vote on the sale of its oil and gas properties
    "cpc-european-sale": ("11292", "11344", "11891"),  # Ferruzzi's float of its Paris unit (x2); CPC's Asian stakes
    "allied-signal-linotype-sale": ("21260",),  # third-quarter results
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "allied-signal-linotype-sale": ("9302",),  # Commerzbank buying Linotype to float it
}


earlier_stories, earlier_overlap, build, main = blind_builder(
    "v18", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


if __name__ == "__main__":
    raise SystemExit(main(None))
