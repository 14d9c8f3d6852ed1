"""Build the twenty-fourth, blind held-out timeline story set (v24) from Reuters-21578 (issue 19, session 22).

    python -m benchmarks.build_story_set_v24 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v24: a fresh blind held-out set after v23, built by a helper who never ran the timeline code, retrieval, a
summary or any NewsRAG method on its queries (only its own scripts over the Reuters titles and bodies). Like v15-v23
it takes Reuters-21578 stories OUTSIDE every earlier pool (v1-v23, drawn or not), and is scored on the FULL Reuters
home (`ragnews ingest ../shared/data/reuters21578`). Same method and record format as v2-v23 (bench_timeline.py scores
all), built by v2's `drawn_set` / `reviewed_match` / `write_set_md5` and v8's `blind_builder` (`rule_ids`,
`pool_overlap` against v1-v23's builders). Like v19-v23 it is ACTOR-HEAVY and its uncovered stories are near-misses
one detail away from a covered story.

Rules, written before any candidate title was listed (notes/s22/v24/RULES.md, 17:32 UTC; v23's, with a new seed and
rule 1a):

0. Where: under the session's deadline no search for kinds no earlier set defined was made; v24 takes EARLIER KINDS'
   stories outside every v1-v23 pool (debt, loans and aid, trade, company capital, takeovers and orders, figures,
   forecasts, disputes, said so), from any month of the corpus.
1. Covered pool: 1987 stories, each one actor and one event, found by listing titles leaving out the articles any
   v1-v23 covered rule matches; a story's size is its rule's matched articles. An actor is HEAVY when its actor
   pattern (the rule's first) matches >= 15 articles outside the story's rule matches (each count in the pool's
   comments). Target 16 drawn covered, >= 8 of them heavy. A monthly figure is one story only for one release and its
   follow-ups. Skips as v19-v23 (an earlier pool's story, a group mixing unrelated events, another sense, routine
   items). Both pools final (absent rules, earlier_overlap and pool_overlap checked) before the one draw.
1a. New in v24 (v23 found repeated titles outside v1-v22 nearly used up): besides a repeated title, a covered story
   may be articles sharing one actor and one event under DIFFERENT titles (one event and its follow-ups, not several
   events of one actor), found by listing an actor's titles outside v1-v23 rules; heavy actors and stories of >= 3
   articles preferred where there were any.
2-6. As v23's: rule = the actor's pattern and its event's own words, key = the actor, "thin: N articles" with the exact
   count; an uncovered pool of one near-miss per covered story ONE DETAIL AWAY (another month, direction, commodity,
   product, counterpart, country or outcome of the same actor's news), written before the draw, none an earlier
   set's, each `absent` rule checked to match no article (titles and bodies); the draw `random.Random(SEED).sample`
   of 16 covered and 11 uncovered with SEED 3027 (new); gold by v2's reviewed_match with title-only demotions;
   `pool_overlap` against v1-v23.

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- The listing left out the 3,198 articles any v1-v23 covered rule matches. The repeated-title listing (two or more
  DISTINCT texts) held almost only routine items (money market, bills, CDs, spreads, freight, weather and crop
  tables, payouts, results) and titles v22/v23 set aside, so the pool was taken by rule 1a from heavy actors' titles
  (Chrysler, USX, TWA, Zambia, Brazil, the CBT, Mexico, Venezuela, Nigeria, IBM, GM, Ford, Boeing, Exxon, the Soviet
  Union), each story one event under one or more titles.
- Skipped or dropped before the draw: stories whose articles an earlier rule matches (the World Bank's Philippine
  loan, Brazil's finance minister's creditor tour, First Interstate's Brazil loans, Texaco's Moody's downgrade, the
  GATT customs user fee, Icahn's TWA bid, Argentina's army uprising: earlier rules match some of their articles);
  one-text stories (USX's convertible preferred; Argentina's new debt deadlines, also an earlier rule's article);
  one-article stories (Brazil's maize import suspension, GATT's probe of Japan's farm imports, Kuwait's Sime Darby
  stake, Ecuador's IADB loan, USX and Consolidated Natural Gas). Tightened: Chrysler's Electrospace tender (an S and P
  affirmation and a trend piece), USX's Utah plant (its oil and gas reserves), Zambia's copper diversion (a later
  industry piece), the CBT's night trading (Singapore's exchange), Mexico and Peru's silver talks (silver outlook
  pieces), Venezuela's Japan trip (its aluminium credits, a story of their own), Boeing and JAL (the JAL crash
  report, an earlier rule's). Near-misses that fired and were replaced before the draw: Chrysler raising its
  Electrospace bid (19181, "no plans to raise bid"), Venezuela failing to obtain credits (17870); replaced too, as too
  near the corpus's own news, Venezuela's West German credit (the KfW credit) and its steel credits.
- Pool (22; all 22 heavy: the smallest actor counts are Zambia 26, TWA 34, USX 39, Exxon 52, Nigeria 55, so any draw
  of 16 holds 16 heavy). Three stories share Chrysler, two Brazil's figures plus its FCOJ prices, two Venezuela, two
  GM, two the Soviet Union: each a separate event.
- Uncovered pool (22), one near-miss per covered story, written before the draw; absent rules checked against every
  title and body: none fired in the final pool.
- Review (title only; the matched titles were listed while the pool was built, before the draw): see REVIEW_DEMOTE.
- Drawn once (the pool was final first; no draft draw): 16 covered (left out: Chrysler's Electrospace tender,
  Chrysler Canada's Thai-made Mitsubishi cars, TWA's London/Baltimore route, Brazil's January industrial growth,
  Venezuela's aluminium credits, the JAL Boeing defect), 15 of the 16 thin; all 16 heavy -- actor news outside the
  story: the Soviet Union 302 (two stories), Mexico 224, GM 145 (two stories), Ford 116, Venezuela 116, IBM 103,
  Chrysler 102, the CBT 89, Nigeria 55, Exxon 52, USX 39, Zambia 26, Brazil 462 (two stories) -- and 11 uncovered
  near-misses. No review promotion was needed after the draw (every matched article but the demoted 12639 is gold).

The committed stories_heldout_v24.jsonl has md5 3b43e949ad750d27a12466bdcfdbd9f1 (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v24 query.
"""

from __future__ import annotations

from benchmarks import build_story_set_v23 as v23
from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder

#: v23's draw sizes (16 covered, 11 uncovered), a new seed, v24's file.
SEED, N_COVERED, N_UNCOVERED, OUT_NAME = 3027, v23.N_COVERED, v23.N_UNCOVERED, "stories_heldout_v24.jsonl"

#: The builders of v1-v23, whose pools (drawn or not) v24 must not repeat: v23's list and v23.
EARLIER_BUILDERS = (*v23.EARLIER_BUILDERS, "build_story_set_v23")

COVERED_POOL = [
    # actor news outside the story (the actor pattern's title+body matches outside the rule's): after each story
    Story("chrysler-electrospace-tender", "Chrysler's tender offer for Electrospace", (r"Chrysler", r"Electrospace", r"tender|raise (its|the) bid"), note="thin: 2 articles"),  # 102
    Story("chrysler-china-supply-talks", "Chrysler's auto supply talks with China", (r"Chrysler", r"China|Chinese", r"talks"), note="thin: 2 articles"),  # 102
    Story("chrysler-canada-thai-mitsubishi", "Chrysler Canada importing Thai-made Mitsubishi cars", (r"Chrysler", r"Thai", r"Mitsubishi|MMC"), note="thin: 2 articles"),  # 102
    Story("usx-utah-plant-shutdown", "USX shutting its Utah steel plant", (r"USX", r"Utah", r"shut", r"steel plant|Geneva"), note="thin: 2 articles"),  # 39
    Story("twa-london-baltimore-route", "TWA's London/Baltimore route", (r"\bTWA\b|Trans World Airlines", r"Baltimore", r"London"), note="thin: 2 articles"),  # 34
    Story("zambia-copper-diversion", "Zambia stopping copper shipments through South Africa", (r"Zambia", r"copper", r"South Africa", r"diver|stop\w* (sending|shipping|routing)"), note="thin: 2 articles"),  # 26
    Story("brazil-fcoj-price-rumours", "Rumours of a Brazilian FCOJ export price rise", (r"Brazil", r"FCOJ|orange juice", r"rumou?r|not confirmed|denie"), note="thin: 2 articles"),  # 462
    Story("brazil-january-industrial-growth", "Brazil's industrial growth in January", (r"Brazil", r"industrial (growth|production)", r"January"), note="thin: 2 articles"),  # 462
    Story("brazil-february-inflation", "Brazil's inflation in February", (r"Brazil", r"inflation", r"February", r"consumer prices|IPCA|IBGE"), note="thin: 2 articles"),  # 462
    Story("cbt-night-trading-asia", "Asia's welcome for U.S. night futures trading", (r"\bCBT\b|Chicago Board of Trade", r"night (futures )?trading", r"Asia", r"welcom"), note="thin: 2 articles"),  # 89
    Story("mexico-peru-silver-talks", "Mexico and Peru's proposed silver talks", (r"Mexic", r"Peru", r"silver", r"talks|invitation|reply|reaction")),  # 224
    Story("venezuela-aluminum-credit", "Venezuela's 300 mln dlr aluminium credits", (r"Venezuela", r"300 (mln|million)", r"credit", r"alumin"), note="thin: 2 articles"),  # 116
    Story("venezuela-japan-credit-trip", "Venezuela's finance minister seeking Japanese credit", (r"Venezuela", r"finance minister", r"Japan", r"mid-May"), note="thin: 2 articles"),  # 116
    Story("nigeria-naira-auction-rules", "Nigeria changing its currency auction rules", (r"Nigeria", r"auction", r"rule"), note="thin: 3 articles"),  # 55
    Story("ibm-computer-ships-early", "IBM shipping a new computer ahead of schedule", (r"\bIBM\b", r"ahead of schedule|earlier than", r"ship"), note="thin: 2 articles"),  # 103
    Story("gm-salaried-merit-raises", "GM cutting salaried employees' merit raises", (r"\bGM\b|General Motors", r"salaried", r"merit"), note="thin: 2 articles"),  # 145
    Story("gm-hughes-boeing-contract", "GM's Hughes Aircraft contract from Boeing", (r"\bGM\b|General Motors", r"Hughes", r"Boeing", r"contract"), note="thin: 2 articles"),  # 145
    Story("ford-mark-eurobond-warrants", "Ford's mark eurobond with currency warrants", (r"\bFord\b", r"mark", r"eurobond", r"warrants"), note="thin: 2 articles"),  # 116
    Story("boeing-jal-engine-defect", "A defect found in a JAL Boeing plane", (r"Boeing", r"JAL|Japan Air Lines", r"engine (problem|defect)|major defect"), note="thin: 2 articles"),  # 72
    Story("exxon-bogus-bonds", "Forged Exxon euronotes", (r"Exxon", r"forged|bogus|counterfeit", r"zero.coupon|euronotes|bonds"), note="thin: 2 articles"),  # 52
    Story("soviet-egypt-arms-debt", "Egypt and the Soviet Union renegotiating arms debt", (r"Soviet", r"Egypt", r"arms debt|military debt|debt"), note="thin: 2 articles"),  # 302
    Story("soviet-economy-unsatisfactory", "The Soviet government calling 1987 economic results unsatisfactory", (r"Soviet", r"unsatisfactory", r"econom"), note="thin: 2 articles"),  # 302
]
UNCOVERED_POOL = [
    Story("chrysler-e-systems-tender", "Chrysler's tender offer for E-Systems", absent=(r"Chrysler.{0,60}tender.{0,30}E-Systems",)),
    Story("chrysler-india-supply-talks", "Chrysler's auto supply talks with India", absent=(r"Chrysler.{0,80}talks.{0,40}India",)),
    Story("chrysler-canada-korean-mitsubishi", "Chrysler Canada importing Korean-made Mitsubishi cars", absent=(r"Chrysler.{0,80}Korean.made Mitsubishi",)),
    Story("usx-utah-plant-reopening", "USX reopening its Utah steel plant", absent=(r"USX.{0,60}reopen\w*.{0,40}Utah",)),
    Story("twa-london-boston-route", "TWA's London/Boston route", absent=(r"(TWA|Trans World).{0,60}London.Boston route",)),
    Story("zambia-copper-resumes-south-africa", "Zambia resuming copper shipments through South Africa", absent=(r"Zambia\w*.{0,60}resum\w*.{0,60}copper.{0,60}South Africa",)),
    Story("brazil-fcoj-price-cut-rumours", "Rumours of a Brazilian FCOJ export price cut", absent=(r"(FCOJ|orange juice).{0,40}price (cut|reduction).{0,30}rumou?r",)),
    Story("brazil-march-industrial-growth", "Brazil's industrial growth in March", absent=(r"Brazil\w*.{0,30}industrial (growth|production).{0,40}(in|for) March",)),
    Story("brazil-april-inflation", "Brazil's inflation in April", absent=(r"Brazil\w*.{0,20}inflation.{0,60}in April",)),
    Story("cbt-night-trading-europe", "Europe's welcome for U.S. night futures trading", absent=(r"Europe\w* (generally )?welcom\w*.{0,40}night (futures )?trading",)),
    Story("mexico-chile-silver-talks", "Mexico and Chile's proposed silver talks", absent=(r"Mexic\w*.{0,60}Chile.{0,40}silver talks",)),
    Story("venezuela-gold-mining-credit", "Venezuela's 300 mln dlr credits for gold mining", absent=(r"Venezuela\w*.{0,80}credits? for gold",)),
    Story("venezuela-korea-credit-trip", "Venezuela's finance minister seeking South Korean credit", absent=(r"Venezuela\w*.{0,40}finance minister.{0,80}(South )?Korea",)),
    Story("nigeria-naira-auction-suspended", "Nigeria suspending its currency auction", absent=(r"Nigeria\w*.{0,40}suspend\w*.{0,30}auction",)),
    Story("ibm-computer-ships-late", "IBM delaying a new computer's shipment", absent=(r"IBM.{0,60}delay\w*.{0,40}ship",)),
    Story("gm-salaried-merit-raises-restored", "GM restoring salaried employees' merit raises", absent=(r"(GM|General Motors).{0,60}restor\w*.{0,40}merit raises",)),
    Story("gm-hughes-airbus-contract", "GM's Hughes Aircraft contract from Airbus", absent=(r"Hughes.{0,60}Airbus.{0,30}contract|Airbus contract.{0,60}Hughes",)),
    Story("ford-yen-eurobond-warrants", "Ford's yen eurobond with currency warrants", absent=(r"Ford.{0,60}yen eurobond",)),
    Story("boeing-ana-engine-defect", "A defect found in an ANA Boeing plane", absent=(r"(ANA|All Nippon).{0,60}defect.{0,40}Boeing",)),
    Story("exxon-bogus-shares", "Forged Exxon share certificates", absent=(r"(forged|bogus|counterfeit) Exxon.{0,20}share",)),
    Story("soviet-syria-arms-debt", "Syria and the Soviet Union renegotiating arms debt", absent=(r"Syria.{0,60}Soviet.{0,40}renegotiat\w*.{0,30}arms debt|Soviet.{0,40}Syria.{0,40}renegotiat\w*.{0,30}arms debt",)),
    Story("soviet-economy-satisfactory", "The Soviet government calling 1987 economic results satisfactory", absent=(r"Soviet.{0,80}economic results (were )?(satisfactory|good)",)),
]


#: Review by NEWID (from the titles listed while the pool was built, before the draw): matched articles about
#: another event.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "mexico-peru-silver-talks": ("12639",),  # Sunshine Mining's chief on the silver price
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {}


earlier_stories, earlier_overlap, build, main = blind_builder(
    "v24", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


if __name__ == "__main__":
    raise SystemExit(main(None))
