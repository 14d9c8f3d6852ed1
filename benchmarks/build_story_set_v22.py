"""Build the twenty-second, blind held-out timeline story set (v22) from Reuters-21578 (issue 19, session 21).

    python -m benchmarks.build_story_set_v22 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v22: a fresh blind held-out set after v21, built by a helper who never ran the timeline code, retrieval, a
summary or any NewsRAG method on its queries (only its own scripts over the Reuters titles and bodies). Like v15-v21
it takes Reuters-21578 stories OUTSIDE every earlier pool (v1-v21, drawn or not), and is scored on the FULL Reuters
home (`ragnews ingest ../shared/data/reuters21578`). Same method and record format as v2-v21 (bench_timeline.py scores
all), built by v2's `drawn_set` / `reviewed_match` / `write_set_md5` and v8's `blind_builder` (`rule_ids`,
`pool_overlap` against v1-v21's builders). Like v19-v21 it is ACTOR-HEAVY and its uncovered stories are near-misses
one detail away from a covered story.

Rules, written before any candidate title was listed (notes/s21/v22/RULES.md, 16:19 UTC; v21's, with a new seed):

0. Where: under the session's deadline no search for kinds no earlier set defined was made; v22 takes EARLIER KINDS'
   stories outside every v1-v21 pool (debt, loans and aid, trade, company capital, takeovers and orders, figures,
   said so), from any month of the corpus.
1. Covered pool: 1987 stories, each one actor and one event, found by listing titles leaving out the articles any
   v1-v21 covered rule matches; a story's size is its rule's matched articles. An actor is HEAVY when its actor
   pattern (the rule's first) matches >= 15 articles outside the story's rule matches (each count in the pool's
   comments). Target 16 drawn covered, >= 8 of them heavy. A monthly figure is one story only for one release and its
   follow-ups. Skips as v19-v21 (an earlier pool's story, a group mixing unrelated events, another sense, routine
   items). Both pools final (absent rules, earlier_overlap and pool_overlap checked) before the one draw.
2-6. As v21's: rule = the actor's pattern and its event's own words, key = the actor, "thin: N articles" with the exact
   count; an uncovered pool of one near-miss per covered story ONE DETAIL AWAY (another month, direction, commodity,
   product, counterpart, country or outcome of the same actor's news), written before the draw, none an earlier
   set's, each `absent` rule checked to match no article (titles and bodies); the draw `random.Random(SEED).sample`
   of 16 covered and 11 uncovered with SEED 2825 (new); gold by v2's reviewed_match with title-only demotions;
   `pool_overlap` against v1-v21.

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- The listing left out the 3,093 articles any v1-v21 covered rule matches, and listed titles carried by two or more
  DISTINCT articles (a repeated title with a different text); earlier kinds all.
- Skipped: Airbus' talks with McDonnell (an earlier pool's airbus-subsidies matches 2 of its 4); Exxon's heating oil
  price rises (March and June rises, two events; its near-miss, a cut, fired: 834, 15607); Australia's stock
  exchanges (one article filed twice with one text); Baldrige's trade-war warning and the Saudi oil sale to Brazil
  (earlier rules, as v21 found); routine items (money market, repurchases, bills, CDs, freight and crop tables,
  payouts, results). Tightened before the draw: Funaro (two other debt articles), Brazil's wheat tender (a cocoa
  article), Boliden (Allis-Chalmers' interest deferral), Reebok (its Avia merger), Qintex (a credit deal), the
  Israeli raid (April's helicopter raids, other events), Stora (the pattern matched "storage"; its count is 1).
  Replaced before the draw to keep >= 8 drawn covered heavy in every draw: Scott's Hospitality's Capital Food
  purchase (actor 1) and McDonald's reaffirmed recommendation (actor 4), by Morgan Stanley, First Chicago and Exxon's
  mid-grade unleaded.
- Pool (21; 14 heavy: all but Stora 1, Boliden 7, Reebok 5, FPL 5, Qintex 3, Enserch 3, Federal Paper Board 4, so any
  draw of 16 holds >= 9 heavy).
- Uncovered pool (21), one near-miss per covered story, written before the draw; absent rules checked against every
  title and body: none fired (Exxon's heating oil cut fired and went with its covered story).
- Review (title only; the matched titles were listed while the pool was built, before the draw): see REVIEW_DEMOTE.
- Drawn once (the pool was final first): 16 covered (left out: India's World Bank loan, the GATT plea for African
  debt relief, South Africa's debt pact, Funaro on creditors, Enserch's debentures), 12 of the 16 thin; 10 of the 16
  heavy -- actor news outside the story: Jamaica 18, CBS 28, Israel 58, the World Bank 221, Brazil 462, Sweden 136,
  the Labor Department 15, Morgan Stanley 124, First Chicago 17, Exxon 52; not heavy: Stora 1, Boliden 7, Reebok 5,
  FPL 5, Qintex 3, Federal Paper Board 4 -- and 11 uncovered near-misses.

The committed stories_heldout_v22.jsonl has md5 4cfb789be7d2c3307131cf43a49715d7 (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v22 query.
"""

from __future__ import annotations

from benchmarks import build_story_set_v21 as v21
from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder

#: v21's draw sizes (16 covered, 11 uncovered), a new seed, v22's file.
SEED, N_COVERED, N_UNCOVERED, OUT_NAME = 2825, v21.N_COVERED, v21.N_UNCOVERED, "stories_heldout_v22.jsonl"

#: The builders of v1-v21, whose pools (drawn or not) v22 must not repeat: v21's list and v21.
EARLIER_BUILDERS = (*v21.EARLIER_BUILDERS, "build_story_set_v21")

COVERED_POOL = [
    # actor news outside the story (the actor pattern's title+body matches outside the rule's): after each story
    Story("india-world-bank-loan-140", "India's 140 mln dlr World Bank loan", (r"India\b|Indian", r"World Bank", r"140 mln"), note="thin: 2 articles"),  # 196
    Story("gatt-african-debt-relief", "The GATT meeting's plea for African debt relief", (r"GATT", r"Africa", r"debt relief"), note="thin: 2 articles"),  # 117
    Story("south-africa-debt-pact", "South Africa's debt pact", (r"South Africa", r"debt (pact|agreement|accord|arrangement)")),  # 132
    Story("jamaica-world-bank-loan-104", "The World Bank's 104 mln dlr loan to Jamaica", (r"Jamaica", r"World Bank", r"104 mln"), note="thin: 2 articles"),  # 18
    Story("cbs-convertible-debt", "CBS's 400 mln dlrs of convertible debt", (r"\bCBS\b", r"convertible", r"400 mln"), note="thin: 2 articles"),  # 28
    Story("israel-south-lebanon-raid", "Israeli jets' raid on south Lebanon", (r"Israel", r"Lebanon", r"jets.{0,40}raid"), note="thin: 2 articles"),  # 58
    Story("funaro-creditors-help-brazil", "Funaro on creditors willing to help Brazil", (r"Funaro", r"creditors", r"willing to help"), note="thin: 2 articles"),  # 54
    Story("world-bank-peru-plan", "The World Bank report criticising Peru's economic plan", (r"World Bank", r"Peru", r"critici"), note="thin: 3 articles"),  # 221
    Story("stora-papyrus-takeover", "Stora's takeover of Papyrus", (r"\bStora\b", r"Papyrus"), note="thin: 2 articles"),  # 1
    Story("boliden-allis-chalmers", "Boliden's takeover of an Allis-Chalmers division", (r"Boliden", r"Allis", r"take")),  # 7
    Story("reebok-new-president", "Reebok's new president", (r"Reebok", r"new president"), note="thin: 2 articles"),  # 5
    Story("fpl-reactor-shutdown", "FPL Group's nuclear reactor shutdown", (r"\bFPL\b|Florida Power and Light", r"reactor", r"shut"), note="thin: 2 articles"),  # 5
    Story("brazil-french-wheat", "Brazil's purchase of French wheat at tender", (r"Brazil", r"French wheat", r"tender"), note="thin: 2 articles"),  # 462
    Story("sweden-sterling-bond", "The Kingdom of Sweden's 100 mln stg bond", (r"Sweden|Swedish", r"100 mln stg", r"bond")),  # 136
    Story("qintex-princeville-offer", "Qintex's extended offer for Princeville", (r"Qintex", r"Princeville", r"extends?.{0,40}offer|offer.{0,40}extended")),  # 3
    Story("enserch-redeem-debentures", "Enserch's redemption of debentures", (r"Enserch", r"redeem|redemption", r"debentures"), note="thin: 2 articles"),  # 3
    Story("federal-paper-preferred", "Federal Paper Board's sale of preferred stock", (r"Federal Paper Board", r"preferred")),  # 4
    Story("us-producer-energy-prices-feb", "U.S. producer energy prices in February", (r"Labor Department", r"producer (energy )?prices", r"energy", r"February"), note="thin: 3 articles"),  # 15
    Story("morgan-stanley-japanese-warrants", "Morgan Stanley's warrants into a Japanese firm", (r"Morgan Stanley", r"warrants", r"Japan"), note="thin: 2 articles"),  # 124
    Story("first-chicago-wood-gundy", "First Chicago's purchase of a Wood Gundy stake", (r"First Chicago", r"Wood Gundy"), note="thin: 2 articles"),  # 17
    Story("exxon-mid-grade-unleaded", "Exxon's extended mid-grade unleaded marketing", (r"Exxon", r"mid-grade", r"extend"), note="thin: 2 articles"),  # 52
]
UNCOVERED_POOL = [
    Story("pakistan-world-bank-loan-140", "Pakistan's 140 mln dlr World Bank loan", absent=(r"Pakistan.{0,60}140 mln dlr",)),
    Story("gatt-latin-debt-relief", "The GATT meeting's plea for Latin American debt relief", absent=(r"GATT.{0,120}Latin American debt relief",)),
    Story("south-africa-debt-pact-collapse", "South Africa's debt pact collapsing", absent=(r"South Africa\w*.{0,40}debt (pact|accord|agreement).{0,30}(collapse|fail)",)),
    Story("haiti-world-bank-loan-104", "The World Bank's 104 mln dlr loan to Haiti", absent=(r"World Bank.{0,40}Haiti.{0,40}104 mln",)),
    Story("cbs-redeems-convertible", "CBS redeeming its convertible debt", absent=(r"CBS.{0,40}(redeem|call)\w*.{0,40}convertible",)),
    Story("israel-syria-raid", "Israeli jets' raid on Syria", absent=(r"Israeli jets.{0,30}raid\w*.{0,30}Syria",)),
    Story("funaro-creditors-unwilling", "Funaro on creditors unwilling to help Brazil", absent=(r"creditors (are )?(unwilling|refuse|reluctant) to help Brazil",)),
    Story("world-bank-praises-peru", "The World Bank report praising Peru's plan", absent=(r"World Bank.{0,60}(praise|endorse|back)\w*.{0,30}Peru",)),
    Story("stora-abandons-papyrus", "Stora abandoning its Papyrus takeover", absent=(r"Stora.{0,60}(abandon|drop|withdr[ae]w)\w*.{0,40}Papyrus",)),
    Story("boliden-sells-allis", "Boliden selling its Allis-Chalmers division", absent=(r"Boliden.{0,40}(sells|sold).{0,40}Allis",)),
    Story("reebok-new-chairman", "Reebok's new chairman", absent=(r"Reebok.{0,60}new chairman",)),
    Story("fpl-reactor-restart", "FPL Group's nuclear reactor restart", absent=(r"FPL.{0,80}reactor.{0,40}restart",)),
    Story("brazil-french-maize", "Brazil's purchase of French maize at tender", absent=(r"Brazil buys French (maize|corn|barley)",)),
    Story("norway-sterling-bond", "The Kingdom of Norway's 100 mln stg bond", absent=(r"Norw\w*.{0,60}100 mln stg",)),
    Story("qintex-drops-princeville", "Qintex dropping its Princeville offer", absent=(r"Qintex.{0,60}(withdr[ae]w|drop|abandon)\w*.{0,40}Princeville",)),
    Story("enserch-issues-debentures", "Enserch's issue of new debentures", absent=(r"Enserch.{0,40}(issue|sell|offer)s?.{0,30}debentures",)),
    Story("federal-paper-redeems-preferred", "Federal Paper Board's redemption of preferred stock", absent=(r"Federal Paper Board.{0,60}redeem\w*.{0,30}preferred",)),
    Story("us-producer-energy-prices-march-fall", "U.S. producer energy prices falling in March", absent=(r"producer energy prices (fall|fell|drop|decline)\w*.{0,20}March",)),
    Story("morgan-stanley-korean-warrants", "Morgan Stanley's warrants into a Korean firm", absent=(r"Morgan Stanley.{0,80}warrants.{0,60}(Korea|Taiwan)",)),
    Story("first-chicago-sells-wood-gundy", "First Chicago's sale of its Wood Gundy stake", absent=(r"First Chicago.{0,40}(sells|sold|sale of).{0,40}Wood Gundy",)),
    Story("exxon-withdraws-mid-grade", "Exxon's withdrawal of mid-grade unleaded", absent=(r"Exxon.{0,60}(withdr[ae]w|drop|discontinu|halt)\w*.{0,40}mid-grade",)),
]

#: Review by NEWID (from the titles listed while the pool was built, before the draw): matched articles about
#: another event.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "south-africa-debt-pact": ("12811",),  # Escom's finance targets
    "world-bank-peru-plan": ("13234",),  # Peru deepening its debt stance
    "sweden-sterling-bond": ("3283", "7575"),  # the eurosterling market; Moody's eurobond ratings
    "qintex-princeville-offer": ("8730",),  # Princeville's letter of credit
    "federal-paper-preferred": ("7973", "8539"),  # the SEC filings list; Moody's upgrade
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {}


earlier_stories, earlier_overlap, build, main = blind_builder(
    "v22", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


if __name__ == "__main__":
    raise SystemExit(main(None))
