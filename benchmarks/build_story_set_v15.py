"""Build the fifteenth, blind held-out timeline story set (v15) from Reuters-21578 (issue 19, session 17).

    python -m benchmarks.build_story_set_v15 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v15: v1-v14 have all been run and read, so from session 17 on they are dev sets (a tuner works on them) and
v15 is the blind held-out set the timeline code is measured on once, after its tuning. RealTimeQA is nearly used up
and FRANK/TAC were used by v13, so v15 goes back to the largest corpus, Reuters-21578 (18,765 articles with real
dates, many wire updates per story, which tests the duplicate-event figure hard) and, as v10 did after v1-v9, takes
stories OUTSIDE every earlier pool. It is scored on the FULL Reuters home (`ragnews ingest
../shared/data/reuters21578`, all 22 files). Same method and record format as v2-v14 (bench_timeline.py scores all),
built by v2's `drawn_set` / `reviewed_match` / `write_set_md5` and v8's `blind_builder` (`rule_ids`,
`pool_overlap` against v1-v14's builders).

Rules, written here before any candidate title was listed (v10's, with the session-17 brief's changes):

0. Where: v1-v10 drew mostly from March and April-October 1987, and from the kinds v10 lists (lawsuits, closures,
   bankruptcies, offerings, labour, government actions, commodity pacts, trade disputes, accidents, probes,
   takeovers). v15 takes six kinds v10 did not have, from ANY month of the corpus (February to October 1987):
   (a) product launches and contracts awarded: CONTRACT, AWARDED, WINS ORDER, ORDER FOR, ORDERS, LAUNCH,
       INTRODUCES, UNVEILS, NEW PRODUCT;
   (b) earnings warnings and dividend cuts: CUTS DIVIDEND, DIVIDEND CUT, LOWERS DIVIDEND, OMITS, SUSPENDS
       DIVIDEND, SEES LOSS, EXPECTS LOSS, LOSS SEEN, WARNS, WRITEDOWN, WRITE-DOWN, WRITEOFF, WRITE-OFF;
   (c) executive resignations and appointments: RESIGN, STEPS DOWN, QUITS, RETIRE, NAMES, NAMED, APPOINT,
       SUCCEED, NEW CHAIRMAN, NEW PRESIDENT, CHIEF EXECUTIVE;
   (d) elections and cabinet changes: ELECTION, VOTE, POLL, CABINET, RESHUFFLE, COALITION, PRIME MINISTER,
       PREMIER, GOVERNMENT FALLS, NO-CONFIDENCE;
   (e) crop and weather damage: DROUGHT, FROST, FREEZE, FLOOD, RAIN, DRY WEATHER, WEATHER, HURRICANE, MONSOON,
       LOCUST, CROP DAMAGE, DAMAGE;
   (f) airline and shipping events: AIRLINE, AIRWAYS, AIR LINES, FARE, FLIGHT, ROUTE, SHIPPING, SHIPOWNER,
       FREIGHT, PORT, CANAL, TANKER, CARGO, VESSEL.
   A kind word in another sense is read out (a defence "contract" for futures, "names" in a list of dividends,
   a "port" in a commodity-price line, a "weather" note in a daily crop report that only forecasts).
1. Covered pool (>= 20) = 1987 news stories, each one actor and one event, found by listing every title (upper
   case) with the kind's words, leaving out the articles any v1-v14 covered pool rule matches. Titles are grouped
   by actor (a company's name or ticker; a country, body or crop for broad stories) and event; a story's count is
   its titles with the kind's words. Per kind: (1) the LARGEST story (count; ties to the earlier first title) not
   in ANY earlier pool whose rule matches >= 4 articles; (2) one THIN story whose rule matches only 2 or 3
   articles (issue 19: "a thin story gives the few entries it has"): of the kind's thin stories the one with the
   most title matches, ties to the earliest first title. If that leaves fewer than 20, the kinds are taken again
   in order (a), (b), ..., each adding its next-largest story of >= 4 articles (a kind with none adds nothing),
   until the pool has 20. Skipped, each replaced by the next story by the same rule: a story in any v1-v14 pool
   (same actor and event, or half or more of its core matched by an earlier covered rule: `earlier_overlap`), a
   group mixing unrelated events of the actor, a kind word in another sense, and routine items (a dividend
   declaration, a results table, a daily crop or freight-rate report) with no event to put on a timeline.
2. Each covered story's rule is the actor pattern plus an alternation of the event's own words (all must match
   title + body, case-insensitive); key = the actor (or the event for broad stories). The query is written as a
   user would ask it. A thin story's note says "thin: N articles" with its rule's exact match count.
3. Uncovered pool (>= 20) = written after the covered pool and before the draw, one per covered pool story: a
   near-miss -- the same actor's other event, the same kind for another actor or country, the event in another
   year, or one detail away from a covered story -- none repeating an earlier set's near-miss (drawn or not, or
   replaced). Each has an `absent` rule the script asserts matches no article (a candidate whose assertion fires
   is replaced by the story's next near-miss, written down below).
4. The set is a seeded sample of each pool (SEED 2117, a new seed; `random.Random(SEED).sample`): 16 covered and
   11 uncovered, so which stories are in it is not chosen by hand.
5. Gold (v2's reviewed_match): core = the key in the title or at least twice, peripheral = once. Review: `--list`
   prints every matched title; demotions and promotions are decided from the titles only and written down with
   their reasons.
6. No v15 story shares an id or a query with a v1-v14 pool story, and no covered story has half its core matched by
   an earlier covered story's rule (v8's `pool_overlap`, with v14 added to v14's earlier builders).

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- Rule 1's count, amended after the listing and before the draw: in every kind most stories have ONE title with the
  kind's words (Reuters files a contract, a resignation or a dividend cut once, with a follow-up or two under other
  words), so "largest" was decided by the story rule's matched articles instead, ties to the earlier first title.
  The listing left out the 2,524 articles any v1-v14 covered rule matches.
- (a) launches and contracts: most titles are single Pentagon contracts (GE, Boeing, Raytheon, Lockheed...: one
  article each, each contract another event) or monthly order statistics (skipped). Taken: the MD-11 orders (15
  matched), thin Fluor's Army contract (2; before Litton's Navy contract, 2, by first title), round two Airbus's A340
  launch decision (14), round three the Euro Disneyland contract (5). Skipped: ATT's product launches (four
  unrelated products), Boeing's NASA contract (2, thin but later than Fluor); no fourth story of one event with >= 4.
- (b) earnings warnings and dividend cuts: Dome Petroleum's writedown (8 matched), thin Atcor's dividend cut (2; the
  earliest 2-article cut), round two Isuzu's losses and passed dividend (4). Skipped: one-article loss warnings (Total,
  Hoogovens, Chemie Linz, Varity...), Bank of New York's second-quarter loss (2 articles). No third story of >= 4.
- (c) resignations and appointments: almost all are one-article board changes. Taken: the search for John Shad's
  successor at the SEC (5 matched), thin Manor Care's chairman change (2; the earliest with two titles). Skipped:
  Olin's CEO (its rule also matches other firms' CEOs), Koehler's resignation (1; the other Koehler is the
  Bundesbank's), Perle and Costa Rica's central bank chief (v8's skipped stories), Funaro (v8's Brazil group); no
  second story of >= 4.
- (d) elections and cabinet changes: Finland's March election and the government's resignation (9 matched), thin
  Karami's killing and the acting premier (2), round two Portugal's government falling to a censure vote (4; before
  Japan's by first title), round three Takeshita chosen as Nakasone's successor (4). Skipped: the U.K. election
  (v1), Italy's crisis (v8's Craxi), Indonesia's election (its matches are economic commentary that mention it), the
  Hesse poll and Belgium's October crisis (1 article each), South Korea's direct election (1 outside earlier pools),
  and the hundreds of shareholder and dividend "votes" (another sense).
- (e) crop and weather damage: China's drought (16 matched), thin the floods in Soviet Georgia (2; before Ghana's
  drought, 2, by first title), round two Argentina's heavy rains (12), round three Thailand's drought (7), round
  four Sri Lanka's drought (6), giving the pool its 20th story. Alexandria's port closed by bad weather (2 titles, 5
  March) has words of (e) and (f); it was counted in (f), the kind of its event (a port closure). Skipped: the
  USDA/NOAA weekly crop weather summaries and rainfall tables (routine), acid rain and the
  Frost/Rainbow/Rainier/Weatherford companies (another sense).
- (f) airlines and shipping: the EC Commission's action against airlines over fares (4 matched), thin CP Air and
  Pacific Western's merger into Canadian Airlines (3; before TWA's London route, 2, by first title: rule 1 takes the
  thin story with the most title matches, both have two). Skipped: the Gulf tanker attacks (38 of 51 matched
  articles are in earlier pools: v1's Kuwaiti tankers), the daily freight-rate and fixture reports, load factors
  (monthly statistics), Alexandria's port closure and the Orinoco grounding (2 each), cargo preference (3, no
  round-two slot left: the pool reached 20 first).
- Thin stories: 6 of the 20 in the pool (rule matches 2 or 3, given in each note).
- Uncovered pool: one near-miss per covered pool story (20), written before the draw; seven `absent` rules fired on
  the first try and were replaced before the draw: "A 380" (a dollar amount; -> the `\bA-?380\b` rule), "Levitt"
  (Arthur Levitt chaired the American Stock Exchange in 1987; -> Breeden), "Hariri" (-> the Taif agreement),
  "Yangtze ... flood" (a March crop report; -> the Three Gorges Dam), "Racha" (inside another word; -> `\bRacha\b`),
  "Thai ... flood" (crop summaries; -> Prayut's coup), "Air Canada ... Canadian Airlines" (the merger story itself
  names both; -> the Wardair purchase, whose first rule also fired on the same article and was narrowed).
  None repeats an earlier set's near-miss (v3's tsunami was avoided for Sri Lanka).
- Review (title only) below; written after the draw printed the drawn stories' titles -- the draw does not depend on
  the review, which only splits each story's matched articles into core and peripheral. `earlier_overlap` finds no
  overlap with v1-v14's pools.

The committed stories_heldout_v15.jsonl has md5 ee0a347b154ed4947afc0a6b9503dc03 (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v15 query.
"""

from __future__ import annotations

from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder
from benchmarks import build_story_set_v14 as v14

SEED = 2117
N_COVERED = 16
N_UNCOVERED = 11
OUT_NAME = "stories_heldout_v15.jsonl"

#: The builders of v1-v14, whose pools (drawn or not) v15 must not repeat: v14's list and v14.
EARLIER_BUILDERS = (*v14.EARLIER_BUILDERS, "build_story_set_v14")

COVERED_POOL = [
    # (a) product launches and contracts awarded
    Story("airbus-a340-launch", "Airbus's decision to launch the A340 airliner",
          (r"Airbus", r"A ?340|A-340|A330", r"launch|go-ahead|go ahead|decision|customers|commit|engine"), key=r"A ?340|A-340|A330"),
    Story("fluor-army-contract", "Fluor's 197.6 mln dlr Army contract", (r"Fluor", r"197\.6"), note="thin: 2 articles"),
    Story("mcdonnell-md11-orders", "The airlines' orders for McDonnell Douglas's MD-11", (r"MD-11", r"order|buy")),
    Story("euro-disneyland-contract", "France's contract with Disney for the European Disneyland park",
          (r"Disney", r"France|French|Paris|Marne|Europe"), key=r"Disneyland|Euro ?Disney|European (theme )?park"),
    # (b) earnings warnings and dividend cuts
    Story("dome-petroleum-writedown", "Dome Petroleum's 2.08 billion dlr writedown",
          (r"Dome Pet", r"writedown|write-down|writeoff|write-off|2\.08 billion")),
    Story("atcor-dividend-cut", "Atcor's dividend cut", (r"Atcor", r"dividend"), note="thin: 2 articles"),
    Story("isuzu-losses", "Isuzu's losses and its passed dividend", (r"Isuzu", r"loss")),
    # (c) executive resignations and appointments
    Story("sec-chairman-succession", "Who will succeed John Shad as SEC chairman",
          (r"\bShad\b|Ruder", r"\bSEC\b|Securities and Exchange", r"ambassador|successor|contender|new leader|Netherlands"),
          key=r"\bShad\b|Ruder|SEC (post|chairman|head)|new leader"),
    Story("manor-care-chairman", "The change of chairman at Manor Care", (r"Manor Care", r"chairman"), note="thin: 2 articles"),
    # (d) elections and cabinet changes
    Story("finland-election", "Finland's 1987 parliamentary election and the new government",
          (r"Finland|Finnish", r"election|poll|vote|government resign|prime minister")),
    Story("karami-killed", "The killing of Lebanon's prime minister Rashid Karami", (r"Karami",), note="thin: 2 articles"),
    Story("portugal-government-falls", "The fall of Portugal's government in a censure vote", (r"Portug", r"censure")),
    Story("japan-next-prime-minister", "Who will succeed Nakasone as Japan's prime minister",
          (r"Takeshita", r"next (Japanese |Japan )?prime minister|successor|chosen|Abe|Miyazawa")),
    # (e) crop and weather damage
    Story("china-drought", "China's drought and its damage to crops", (r"China|Chinese|Peking|Sichuan", r"drought|dry weather"),
          key=r"drought|dry weather"),
    Story("georgia-floods", "The floods and avalanches in Soviet Georgia", (r"Georgia", r"flood|avalanche"), note="thin: 2 articles"),
    Story("argentina-rains", "The heavy rains damaging Argentina's grain harvest",
          (r"Argentin", r"rain", r"damage|harvest|flood|loss"), key=r"rain"),
    Story("thailand-drought", "Thailand's drought", (r"Thai", r"drought"), key=r"drought"),
    Story("sri-lanka-drought", "Sri Lanka's drought and its appeal for aid", (r"Sri Lanka", r"drought"), key=r"drought"),
    # (f) airline and shipping events
    Story("ec-airline-fares", "The EC Commission's action against airlines over fares",
          (r"\bEC\b|European Community|Commission", r"airline", r"fare", r"competition|legal action|cartel|rules")),
    Story("canadian-airlines-merger", "The merger of CP Air and Pacific Western into Canadian Airlines",
          (r"CP Air", r"Pacific Western"), note="thin: 3 articles"),
]

UNCOVERED_POOL = [
    Story("airbus-a380-launch", "Airbus's launch of the A380 superjumbo", absent=(r"\bA-?380\b|superjumbo",),
          note="hard: Airbus's 1987 A340 launch decision is in the corpus"),
    Story("fluor-alaska-pipeline", "Fluor's contract for the Alaska gas pipeline",
          absent=(r"Fluor.{0,300}Alaska|Alaska.{0,300}Fluor",), note="hard: Fluor's 1987 Army contract is in the corpus"),
    Story("mcdonnell-md12", "McDonnell Douglas's MD-12 programme", absent=(r"MD-12",),
          note="hard: the 1987 MD-11 orders are in the corpus"),
    Story("hong-kong-disneyland", "The opening of Hong Kong Disneyland",
          absent=(r"Hong Kong Disneyland|Disneyland.{0,100}Hong Kong|Hong Kong.{0,100}Disney",),
          note="hard: the 1987 Euro Disneyland contract is in the corpus"),
    Story("encana-writedown", "Encana's natural gas writedown", absent=(r"Encana",),
          note="hard: Dome Petroleum's 1987 writedown is in the corpus"),
    Story("gm-dividend-cut", "General Motors' dividend cut",
          absent=(r"General Motors.{0,200}(cut|cuts|reduce[sd]?|slash\w*) (its )?(quarterly )?dividend|"
                  r"\bGM\b.{0,100}(cut|cuts|reduce[sd]?|slash\w*) (its )?(quarterly )?dividend",),
          note="hard: Atcor's 1987 dividend cut is in the corpus"),
    Story("isuzu-us-car-exit", "Isuzu's exit from U.S. passenger car sales",
          absent=(r"Isuzu.{0,300}(exit|withdraw|stop selling|pull out)",), note="hard: Isuzu's 1987 losses are in the corpus"),
    Story("breeden-sec-chairman", "Richard Breeden's appointment as SEC chairman", absent=(r"Breeden",),
          note="hard: the 1987 search for John Shad's successor is in the corpus"),
    Story("hcr-manor-care-merger", "Manor Care's merger with Health Care and Retirement Corp",
          absent=(r"HCR Manor Care|Health Care and Retirement",), note="hard: Manor Care's 1987 chairman change is in the corpus"),
    Story("finland-eu-referendum", "Finland's referendum on joining the European Union",
          absent=(r"(Finland|Finnish).{0,300}referendum|referendum.{0,300}(Finland|Finnish)",),
          note="hard: Finland's 1987 election is in the corpus"),
    Story("taif-agreement", "Lebanon's Taif agreement", absent=(r"\bTaif\b",),
          note="hard: the 1987 killing of prime minister Karami is in the corpus"),
    Story("portugal-bailout", "Portugal's bailout by the EU and the IMF",
          absent=(r"Portug\w*.{0,300}bail-?out|bail-?out.{0,300}Portug",), note="hard: the 1987 fall of Portugal's government is in the corpus"),
    Story("recruit-scandal", "Takeshita's resignation over the Recruit scandal", absent=(r"Recruit (Cosmos|scandal|affair)|Recruit Co",),
          note="hard: Takeshita's 1987 choice as prime minister is in the corpus"),
    Story("three-gorges-dam", "China's Three Gorges Dam", absent=(r"Three Gorges",),
          note="hard: China's 1987 drought is in the corpus"),
    Story("racha-earthquake", "The Racha earthquake in Georgia", absent=(r"\bRacha\b",),
          note="hard: the 1987 floods in Soviet Georgia are in the corpus"),
    Story("argentina-farm-strike", "Argentina's farm strike over export taxes",
          absent=(r"Argentin\w*.{0,300}farm(ers'?)? (strike|protest|lockout)|farm(ers'?)? (strike|protest|lockout).{0,300}Argentin",),
          note="hard: the 1987 rains damaging Argentina's harvest are in the corpus"),
    Story("prayut-coup", "Prayut Chan-o-cha's military coup in Thailand", absent=(r"Prayut",),
          note="hard: Thailand's 1987 drought is in the corpus"),
    Story("hambantota-port-lease", "Sri Lanka's lease of Hambantota port to China", absent=(r"Hambantota",),
          note="hard: Sri Lanka's 1987 drought is in the corpus"),
    Story("eu-us-open-skies", "The EU-U.S. open skies agreement", absent=(r"open skies",),
          note="hard: the EC's 1987 action against airlines over fares is in the corpus"),
    Story("canadian-airlines-wardair", "Canadian Airlines' takeover of Wardair",
          absent=(r"(takeover|acquisition|purchase) of Wardair|Wardair (was|is|has been) (bought|acquired|taken over)|(buy|acquire|bid for) Wardair",),
          note="hard: the 1987 merger of CP Air and Pacific Western into Canadian Airlines is in the corpus"),
]

#: Review by NEWID (from the --list titles only, before any timeline was built): matched articles about another event.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "airbus-a340-launch": ("3284", "7055", "7560", "14748"),  # McDonnell's talks, MD-11 orders, a news digest
    "mcdonnell-md11-orders": ("3284", "11247", "11248", "11404"),  # McDonnell's talks, engine orders, DC-10 cracks
    "isuzu-losses": ("17094",),  # the GM truck joint venture
    "portugal-government-falls": ("11442",),  # the economic modernisation programme
    "china-drought": ("5800",),  # grain import plans
    "argentina-rains": ("7405", "7934", "17092"),  # Mexico's loan, Soviet grains, the EC's grain compensation
    "sri-lanka-drought": ("10729", "17372"),  # diseased rubber trees, the growth forecast
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "mcdonnell-md11-orders": ("12105",),  # Finnair to buy two McDonnell Douglas aircraft
}


earlier_stories, earlier_overlap, build, main = blind_builder(
    "v15", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


if __name__ == "__main__":
    raise SystemExit(main(None))
