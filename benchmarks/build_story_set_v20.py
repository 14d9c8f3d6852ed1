"""Build the twentieth, blind held-out timeline story set (v20) from Reuters-21578 (issue 19, session 21).

    python -m benchmarks.build_story_set_v20 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v20: v19 was run and read in session 21, so from then on v1-v19 are dev sets and v20 is the blind held-out set
the timeline code is measured on once, after its tuning. It was built by a helper who never ran the timeline code,
retrieval, a summary or any NewsRAG method on its queries (only its own scripts over the Reuters titles and bodies).
Like v15-v19 it takes Reuters-21578 stories OUTSIDE every earlier pool (v1-v19, drawn or not), and is scored on the FULL
Reuters home (`ragnews ingest ../shared/data/reuters21578`). Same method and record format as v2-v19 (bench_timeline.py
scores all), built by v2's `drawn_set` / `reviewed_match` / `write_set_md5` and v8's `blind_builder` (`rule_ids`,
`pool_overlap` against v1-v19's builders). Like v19 it is ACTOR-HEAVY (an actor with much other news in the corpus),
and its uncovered stories are near-misses one detail away from a covered story.

Rules, written before any candidate title was listed (notes/s21/v20/RULES.md, 15:49 UTC; v19's, with six new kinds,
a pool final before the draw and a new seed):

0. Where: six kinds no earlier set (v1-v19) had, from any month of the corpus; none of their title words occurs in any
   earlier builder's docstring (DEFICIT only as v6's Gramm-Rudman targets and v10's budget deficits). Every earlier
   kind's title words stay out (v19's list and v19's own: commodity purchases, export bonus, forecasts, output
   changes, profit forecasts, restructurings):
   (a) trade balances of a country: TRADE DEFICIT, TRADE SURPLUS, TRADE BALANCE, TRADE GAP, CURRENT ACCOUNT;
   (b) inflation and unemployment figures: INFLATION, CONSUMER PRICES, UNEMPLOYMENT, JOBLESS;
   (c) embargoes and boycotts: EMBARGO, BOYCOTT;
   (d) settlements of claims, suits or disputes: SETTLE(S/D/MENT) (not a futures settlement price);
   (e) stockpiles: STOCKPILE, STRATEGIC PETROLEUM RESERVE, SPR, STRATEGIC RESERVE;
   (f) product recalls and patents: RECALL, PATENT.
   A kind word in another sense is read out (a daily market report, a settlement price, a budget deficit).
1. Covered pool (>= 20): 1987 stories, each one actor and one event, found by listing every title with the kind's
   words, leaving out the articles any v1-v19 covered rule matches; a story's size is its rule's matched articles. An
   actor is HEAVY when its actor pattern (the rule's first) matches >= 15 articles outside the story's rule matches
   (each count is written in the pool's comments). Per kind the largest heavy story of >= 4 and one thin story of
   2-3; then rounds of heavy stories of >= 4; then any story of >= 4; then thin rounds, until 20. The pool must hold
   >= 12 heavy stories, so any draw of 16 has >= 8. A monthly figure is one story only for one release and its
   follow-ups (one month). Skips as v19's (an earlier pool's story, a group mixing unrelated events, another sense,
   routine items). New for v20: both pools final (absent rules, earlier_overlap and pool_overlap checked) before the
   draw is run once; no draft draw.
2-6. As v19's: rule = the actor's pattern and its event's own words, key = the actor, "thin: N articles" with the exact
   count; an uncovered pool (>= 20) of one near-miss per covered story ONE DETAIL AWAY (another month, direction,
   counterpart or product of the same actor's news), written after the covered pool and before the draw, none an
   earlier set's, each `absent` rule checked to match no article (titles and bodies); the draw
   `random.Random(SEED).sample` of 16 covered and 11 uncovered with SEED 2623 (new); gold by v2's reviewed_match with
   title-only demotions; `pool_overlap` against v1-v19.

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- The listing left out the 2,971 articles any v1-v19 covered rule matches. Kind (c) lists no title at all (every
  EMBARGO/BOYCOTT title is in an earlier covered rule), so it adds nothing; (d), (e) and (f) are mostly one-article
  company items (a settlement, a recall, a patent: one title each), so their stories are thin.
- Stories of >= 4 found: (a) Japan's February trade surplus (5; Japan 1,440), West Germany's February current account
  surplus (5; 759), Baker's forecast of a falling U.S. trade deficit (14; Baker 256); (f) the oral contraceptive
  recall (4; Gynex/Searle/Monsanto 14, not heavy). None in (b), (d), (e). All four taken. The rest of the pool is
  thin stories, 16 of them, taken from the listings by judgment (heavy first) rather than by a scripted ranking:
  under the session's deadline I did not rank every two-title group, and say so plainly.
- Skipped: Brazil's February inflation (4 of 5 matched in earlier covered rules), Jefferies' SEC settlement (its
  charges are an earlier pool's story), the U.S. tin stockpile sales (3 of 5 earlier), Pennzoil/Texaco settlement
  talks (16 of 17 earlier: v-earlier takeover and bankruptcy stories), Japan's unemployment records and U.K.
  unemployment (each mixes several months), one-article items (Peru's trade deficit, the settlements of Commodore,
  Digital, ITT, AVX, Chicago Pacific, Burlington, Arkla, DOE, the recalls of Ford, Navistar, Suzuki, Hyundai, Porsche,
  Zenith, Sumita's and Japan's March interim surplus).
- Replaced before the draw: U.S. February consumer prices (3; U.S. 4,013) -- earlier_overlap: 1 of its 2 core
  articles is matched by an earlier covered rule (inspiration-gold-find) -- by China's January trade deficit (3; China
  337), and its near-miss (U.S. consumer prices falling in February) by China's January trade surplus.
- Pool (20; 16 heavy: all but Schering-Plough 4, the contraceptive recall 14, Quantum 6, Thomas and Betts 0).
- Uncovered pool: one near-miss per covered story (20), written before the draw, each absent rule checked against the
  whole corpus (none fired, so nothing was replaced).
- Review (title only; the matched titles were listed while the pool was built, before the draw): see REVIEW_DEMOTE.
- Drawn once (the pool was final first): 16 covered (left out: West Germany's current account, Baker, the U.K.'s
  deficit, Sears; so kind (d) keeps only Schering-Plough), 14 of the 16 thin; 12 of the 16 heavy -- actor news outside
  the story: Japan 1,440, 1,441 and 1,443, Brazil 446, South Korea 150, UAE 46, Volcker 105, China 337, France 651 and
  652, the Pentagon 29, Herrington/DOE 31; not heavy: Schering-Plough 4, the contraceptive recall 14, Quantum 6, Thomas
  and Betts 0 -- and 11 uncovered near-misses.

The committed stories_heldout_v20.jsonl has md5 527932ef5df9a9bceb7b8261c4128efe (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v20 query.
"""

from __future__ import annotations

from benchmarks import build_story_set_v19 as v19
from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder

#: v19's draw sizes (16 covered, 11 uncovered), a new seed, v20's file.
SEED, N_COVERED, N_UNCOVERED, OUT_NAME = 2623, v19.N_COVERED, v19.N_UNCOVERED, "stories_heldout_v20.jsonl"

#: The builders of v1-v19, whose pools (drawn or not) v20 must not repeat: v19's list and v19.
EARLIER_BUILDERS = (*v19.EARLIER_BUILDERS, "build_story_set_v19")

COVERED_POOL = [
    # (a) trade balances (actor news: Japan 1,440, West Germany 759, Baker 256, Brazil 446, South Korea 150, U.K. 867,
    # UAE 46, Volcker 105, China 337)
    Story("japan-february-trade-surplus", "Japan's February trade and current account surplus",
          (r"Japan", r"February (interim )?(current account|trade surplus)|(current account|trade surplus).{0,40}February")),
    Story("german-february-current-account", "West Germany's February current account surplus",
          (r"German", r"current account surplus", r"February")),
    Story("baker-trade-deficit-drop", "Baker's forecast of a falling U.S. trade deficit",
          (r"\bBaker\b", r"(drop|cut|decline|fall|smaller).{0,40}trade (deficit|gap)|trade (deficit|gap).{0,40}(drop|cut|decline|fall|narrow)")),
    Story("brazil-february-trade-surplus", "Brazil's February trade surplus",
          (r"Brazil", r"trade surplus.{0,60}February|February.{0,60}trade surplus"), note="thin: 3 articles"),
    Story("south-korea-february-trade-surplus", "South Korea's February trade surplus",
          (r"South Korea|S\. ?Korea", r"(trade|current account) surplus.{0,60}February|February.{0,60}(trade|current account) surplus"),
          note="thin: 3 articles"),
    Story("uk-february-trade-deficit", "The U.K.'s February visible trade deficit",
          (r"U\.K\.|Britain", r"visible trade deficit", r"February"), note="thin: 2 articles"),
    Story("uae-surpluses", "The UAE's trade and current account surpluses",
          (r"\bUAE\b|United Arab Emirates", r"current account|trade surplus"), note="thin: 3 articles"),
    Story("volcker-trade-deficit-challenge", "Volcker on the U.S. trade deficit as a major challenge",
          (r"Volcker", r"trade deficit", r"challenge"), note="thin: 3 articles"),
    Story("china-january-trade-deficit", "China's January trade deficit",
          (r"China|Chinese", r"trade deficit", r"January"), note="thin: 3 articles"),
    # (b) inflation and unemployment (actor news: Japan 1,441 and 1,443, France 651 and 652)
    Story("japan-jobless-forecast", "Forecasts of a rising Japanese unemployment rate",
          (r"Japan", r"(unemployment|jobless)( rate)? seen rising|(unemployment|jobless).{0,60}3\.[35] pct"),
          note="thin: 3 articles"),
    Story("french-unemployment-record", "France's record unemployment",
          (r"France|French", r"unemployment.{0,40}record|record.{0,40}unemployment"), note="thin: 3 articles"),
    Story("japan-february-consumer-prices", "Japan's February consumer prices",
          (r"Japan", r"consumer prices.{0,40}unchanged|unchanged.{0,40}consumer prices", r"February"),
          note="thin: 2 articles"),
    Story("french-february-inflation", "France's February inflation",
          (r"French|France", r"inflation.{0,40}(0\.2 pct|slow)", r"February"), note="thin: 2 articles"),
    # (d) settlements (actor news: Sears 28, Schering-Plough 4)
    Story("sears-ftc-settlement", "Sears' settlement of FTC labeling charges",
          (r"\bSears\b", r"\bFTC\b|Federal Trade Commission", r"settle"), note="thin: 2 articles"),
    Story("schering-trademark-settlement", "Schering-Plough's settled trademark dispute",
          (r"Schering", r"trademark"), note="thin: 2 articles"),
    # (e) stockpiles (actor news: the Pentagon 29, Herrington/DOE 31)
    Story("pentagon-stockpile", "A House panel's plan for the Pentagon to manage the U.S. stockpile",
          (r"stockpile", r"Pentagon"), note="thin: 2 articles"),
    Story("spr-fill-rate", "The DOE's call for a higher Strategic Petroleum Reserve fill rate",
          (r"Herrington|\bDOE\b|Energy Secretary", r"\bSPR\b|Strategic Petroleum Reserve", r"fill rate"),
          note="thin: 2 articles"),
    # (f) recalls and patents (actor news: Gynex/Searle/Monsanto 14, Quantum 6, Thomas and Betts 0)
    Story("contraceptive-recall", "The recall of Gynex's and Searle's oral contraceptives",
          (r"Gynex|Searle|Monsanto", r"oral contraceptive", r"recall")),
    Story("quantum-patent", "Quantum Diagnostics' patent", (r"Quantum", r"patent"), note="thin: 3 articles"),
    Story("thomas-betts-patent", "Thomas and Betts' patent appeal and suit", (r"Thomas (and|&) Betts", r"patent"),
          note="thin: 2 articles"),
]

UNCOVERED_POOL = [
    Story("japan-february-trade-deficit", "Japan's February trade deficit",
          absent=(r"Japan\w*.{0,40}trade deficit.{0,40}February|February.{0,40}trade deficit.{0,40}Japan",),
          note="hard, one detail away (direction): Japan's February 1987 trade surplus is in the corpus"),
    Story("german-current-account-deficit", "West Germany's current account deficit",
          absent=(r"German\w* current account deficit",),
          note="hard, one detail away (direction): West Germany's February current account surplus is in the corpus"),
    Story("baker-wider-trade-deficit", "Baker's forecast of a wider U.S. trade deficit",
          absent=(r"Baker.{0,100}(see|expect|predict)s? .{0,30}(wider|widening|rise in the|increase in the) trade (deficit|gap)",),
          note="hard, one detail away (direction): Baker's forecast of a falling trade deficit is in the corpus"),
    Story("brazil-february-trade-deficit", "Brazil's February trade deficit",
          absent=(r"Brazil\w*.{0,40}trade deficit.{0,40}February|February.{0,40}trade deficit.{0,40}Brazil",),
          note="hard, one detail away (direction): Brazil's February 1987 trade surplus is in the corpus"),
    Story("south-korea-february-trade-deficit", "South Korea's February trade deficit",
          absent=(r"(South Korea|S\. ?Korea)\w*.{0,40}trade deficit.{0,40}February",),
          note="hard, one detail away (direction): South Korea's February 1987 trade surplus is in the corpus"),
    Story("uk-visible-trade-surplus", "The U.K.'s visible trade surplus",
          absent=(r"(U\.K\.|Britain|British)\w*.{0,40}visible trade surplus",),
          note="hard, one detail away (direction): the U.K.'s February 1987 visible trade deficit is in the corpus"),
    Story("uae-trade-deficit", "The UAE's trade deficit",
          absent=(r"(\bUAE|United Arab Emirates)\w*.{0,60}trade deficit",),
          note="hard, one detail away (direction): the UAE's 1987 surpluses are in the corpus"),
    Story("volcker-budget-deficit-challenge", "Volcker on the U.S. budget deficit as a major challenge",
          absent=(r"Volcker.{0,60}budget deficit.{0,40}(major|biggest) challenge",),
          note="hard, one detail away (the deficit): Volcker on the trade deficit as a challenge is in the corpus"),
    Story("japan-jobless-seen-falling", "Forecasts of a falling Japanese unemployment rate",
          absent=(r"Japan\w*.{0,30}(unemployment|jobless)( rate)? (seen|expected|forecast) (to )?fall",),
          note="hard, one detail away (direction): forecasts of rising Japanese unemployment are in the corpus"),
    Story("french-unemployment-low", "French unemployment falling to a low",
          absent=(r"French.{0,40}unemployment.{0,20}(falls|fell|drops?|dropped) to (a )?(record )?low",),
          note="hard, one detail away (direction): France's record unemployment is in the corpus"),
    Story("china-january-trade-surplus", "China's January trade surplus",
          absent=(r"Chin\w*.{0,40}trade surplus.{0,40}January|January.{0,40}trade surplus.{0,40}Chin",),
          note="hard, one detail away (direction): China's January 1987 trade deficit is in the corpus"),
    Story("japan-february-consumer-prices-rise", "Japan's consumer prices rising in February",
          absent=(r"Japan\w*.{0,30}February consumer prices (rose|rise)|Japan\w* consumer prices (rose|rise) .{0,20}in February",),
          note="hard, one detail away (direction): Japan's unchanged February consumer prices are in the corpus"),
    Story("french-february-inflation-quickens", "France's inflation quickening in February",
          absent=(r"French.{0,40}inflation (accelerat|quicken)\w*.{0,30}February",),
          note="hard, one detail away (direction): France's slower February inflation is in the corpus"),
    Story("sears-ftc-advertising-settlement", "Sears' settlement of FTC advertising charges",
          absent=(r"Sears.{0,100}settle\w*.{0,60}advertising",),
          note="hard, one detail away (the charge): Sears' settlement of FTC labeling charges is in the corpus"),
    Story("schering-patent-settlement", "Schering-Plough's settled patent dispute",
          absent=(r"Schering.{0,100}patent dispute.{0,40}settle",),
          note="hard, one detail away (the right): Schering-Plough's settled trademark dispute is in the corpus"),
    Story("senate-pentagon-stockpile", "A Senate panel's plan for the Pentagon to manage the U.S. stockpile",
          absent=(r"Senate.{0,60}Pentagon.{0,60}stockpile",),
          note="hard, one detail away (the panel): the House panel's plan is in the corpus"),
    Story("spr-lower-fill-rate", "The DOE's call for a lower Strategic Petroleum Reserve fill rate",
          absent=(r"(lower|reduce|cut)\w* (the )?(SPR|Strategic Petroleum Reserve) fill rate",),
          note="hard, one detail away (direction): the call for a higher SPR fill rate is in the corpus"),
    Story("iud-recall", "A recall of intrauterine devices",
          absent=(r"recall\w*.{0,60}(intrauterine|\bIUD)",),
          note="hard, one detail away (the product): the oral contraceptive recall is in the corpus"),
    Story("quantum-european-patent", "Quantum Diagnostics' European patent",
          absent=(r"Quantum.{0,80}European patent",),
          note="hard, one detail away (the office): Quantum Diagnostics' U.S. patent is in the corpus"),
    Story("thomas-betts-patent-loss", "Thomas and Betts losing a patent appeal",
          absent=(r"Thomas (and|&) Betts.{0,80}los(es|t) (a )?patent",),
          note="hard, one detail away (direction): Thomas and Betts' won patent appeal is in the corpus"),
]

#: Review by NEWID (from the titles listed while the pool was built, before the draw): matched articles about
#: another event.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "japan-february-trade-surplus": ("8884",),  # sterling's outlook
    "german-february-current-account": ("14109", "17243", "17375"),  # capital flows; the Bundesbank; March's figures
    "baker-trade-deficit-drop": ("2190", "7135", "9603", "9764", "10780", "12848", "13278", "17200", "17268", "18250",
                                 "18404"),  # the yen, the dollar, the NICs, Baldrige, the Fed, the IMF, growth
    "brazil-february-trade-surplus": ("8196",),  # debt suspension
    "south-korea-february-trade-surplus": ("14869",),  # the Seoul stock market
    "uae-surpluses": ("10632",),  # the Gulf Arab economies
    "volcker-trade-deficit-challenge": ("9764",),  # monetary authorities' credibility
    "french-unemployment-record": ("6158",),  # the Bank of France's industrial survey
    "china-january-trade-deficit": ("3488", "17934"),  # China's foreign debt; its reform delays
    "spr-fill-rate": ("6163",),  # oil tax benefits
    "schering-trademark-settlement": ("3749",),  # an injunction
    "contraceptive-recall": ("14750", "19342"),  # marketing deals
    "quantum-patent": ("21075",),  # Quantum Corp's suit with NEC, another company
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {}


earlier_stories, earlier_overlap, build, main = blind_builder(
    "v20", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


if __name__ == "__main__":
    raise SystemExit(main(None))
