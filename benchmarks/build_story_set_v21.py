"""Build the twenty-first, blind held-out timeline story set (v21) from Reuters-21578 (issue 19, session 21).

    python -m benchmarks.build_story_set_v21 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v21: a fresh blind held-out set after v20, built by a helper who never ran the timeline code, retrieval, a
summary or any NewsRAG method on its queries (only its own scripts over the Reuters titles and bodies). Like v15-v20
it takes Reuters-21578 stories OUTSIDE every earlier pool (v1-v20, drawn or not), and is scored on the FULL Reuters
home (`ragnews ingest ../shared/data/reuters21578`). Same method and record format as v2-v20 (bench_timeline.py scores
all), built by v2's `drawn_set` / `reviewed_match` / `write_set_md5` and v8's `blind_builder` (`rule_ids`,
`pool_overlap` against v1-v20's builders). Like v19-v20 it is ACTOR-HEAVY and its uncovered stories are near-misses
one detail away from a covered story.

Rules, written before any candidate title was listed (notes/s21/v21/RULES.md, 16:05 UTC; v20's, with earlier kinds
and a new seed):

0. Where: under the session's deadline no search for kinds no earlier set defined was made; v21 takes EARLIER KINDS'
   stories outside every v1-v20 pool (trade balances, figures, trade disputes, debt, loans and aid, company capital
   and orders, said so), from any month of the corpus.
1. Covered pool: 1987 stories, each one actor and one event, found by listing titles leaving out the articles any
   v1-v20 covered rule matches; a story's size is its rule's matched articles. An actor is HEAVY when its actor
   pattern (the rule's first) matches >= 15 articles outside the story's rule matches (each count in the pool's
   comments). Heavy stories first, then thin ones (2-3). A monthly figure is one story only for one release and its
   follow-ups. Skips as v19's/v20's (an earlier pool's story, a group mixing unrelated events, another sense,
   routine items). Both pools final (absent rules, earlier_overlap and pool_overlap checked) before the one draw.
2-6. As v20's: rule = the actor's pattern and its event's own words, key = the actor, "thin: N articles" with the exact
   count; an uncovered pool of one near-miss per covered story ONE DETAIL AWAY (another month, direction, counterpart,
   country or product of the same actor's news), written before the draw, none an earlier set's, each `absent` rule
   checked to match no article (titles and bodies); the draw `random.Random(SEED).sample` of 16 covered and 11
   uncovered with SEED 2724 (new); gold by v2's reviewed_match with title-only demotions; `pool_overlap` against
   v1-v20.

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- The listing left out the 3,030 articles any v1-v20 covered rule matches. Listing v20's kind (a) titles (trade
  balances) gave mostly one-article releases (Canada, N.Z., South Africa, Sweden, Thailand, Norway, Japan's interim
  surpluses, the U.S. current account: one article each), so the pool was filled from titles carried by two to four
  DISTINCT articles (a repeated title with a different text), earlier kinds all.
- Skipped: one-article items (the above; Peru's first trade deficit, Sumita on the surplus, Fuji Bank's tax-free
  reserves, Keating's growth forecast and the U.S. February trade basis are each one article filed twice with one
  text); stories an earlier covered rule reaches (Baldrige's trade-war warning 6 of 8, Baker and the IADB 2 of 8,
  Iraq's three Iranian vessels, Japan's earthquakes, Miyazawa on currencies, the Saudi oil sale to Brazil, the
  Senate and the EC oils tax, the U.S. warning of foreign-oil dependence: 1-2 each); groups mixing events (the Bank
  of Japan's report with Sumita's speech, West Germany's February output with the OECD outlook, N.Z.'s, Turkey's,
  the Philippines', Bangladesh's months); routine items (money supply, repurchases, CD issues, crop and freight
  tables).
- Pool (22; 18 heavy: all but Alusuisse 1, Qantas 1, the oil-reserve study group 8, the American Meat Institute 1).
- Uncovered pool (22), one near-miss per covered story, written before the draw; absent rules checked against every
  title and body: Qantas' order of 767s fired (17049, Qantas' extended-range 767s) and was replaced by Qantas'
  order of Airbus aircraft (its next near-miss); none other fired.
- Review (title only; the matched titles were listed while the pool was built, before the draw): see REVIEW_DEMOTE.
- Drawn once (the pool was final first): 16 covered (left out: Australia's February current account, the OECD's
  export credit reforms, Britain's bank regulation deal, Venezuela's debtor, Costa Rica's central bank chief,
  Mexico's World Bank loans), 14 of the 16 thin; 12 of the 16 heavy -- actor news outside the story: China 336,
  Brazil 462 and 462, the EC 490 and 489, the OECD 57, Baker 272, Iraq 143, Peru 66, Indonesia 136, Algeria 52, Egypt
  71; not heavy: Alusuisse 1, Qantas 1, the oil-reserve study group 8, the American Meat Institute 1 -- and 11
  uncovered near-misses.

The committed stories_heldout_v21.jsonl has md5 900400056ca6a5affeb85400d98dbf97 (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v21 query.
"""

from __future__ import annotations

from benchmarks import build_story_set_v20 as v20
from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder

#: v20's draw sizes (16 covered, 11 uncovered), a new seed, v21's file.
SEED, N_COVERED, N_UNCOVERED, OUT_NAME = 2724, v20.N_COVERED, v20.N_UNCOVERED, "stories_heldout_v21.jsonl"

#: The builders of v1-v20, whose pools (drawn or not) v21 must not repeat: v20's list and v20.
EARLIER_BUILDERS = (*v20.EARLIER_BUILDERS, "build_story_set_v20")

COVERED_POOL = [
    # actor news outside the story (the actor pattern's title+body matches outside the rule's): after each story
    Story("australia-february-current-account", "Australia's February current account deficit",
          (r"Australia", r"current account deficit", r"February|\bFeb\b")),  # Australia 409
    Story("china-portugal-macao", "China and Portugal's Macao agreement",
          (r"China|Chinese", r"Portug", r"Macao")),  # China 336
    Story("oecd-export-credit-reform", "The OECD's export credit reforms",
          (r"OECD", r"export credit", r"agree")),  # OECD 55
    Story("britain-japan-bank-regulation", "Britain's bank regulation deal sought with Japan",
          (r"Brit|U\.K\.", r"Japan", r"bank(ing)? (regulation|supervision)", r"capital")),  # Britain/U.K. 1,215
    Story("brazil-march-trade-surplus", "Brazil's sharply lower March trade surplus",
          (r"Brazil", r"trade surplus", r"fell|falls sharply|dropped", r"March"), note="thin: 2 articles"),  # 462
    Story("ec-japan-trade-moves-may", "The EC's late-May decision on trade moves against Japan",
          (r"\bEC\b|European Community", r"Japan", r"May 25"), note="thin: 2 articles"),  # EC 490
    Story("ec-warns-us-japan", "The EC's warnings to the U.S. and Japan on trade tensions",
          (r"\bEC\b|European Community", r"Japan", r"warn", r"trade (frictions|tensions)"), note="thin: 3 articles"),  # 489
    Story("oecd-growth-slowing-eiu", "The EIU's forecast of slower OECD trade and growth",
          (r"OECD", r"Economist Intelligence Unit"), note="thin: 2 articles"),  # OECD 57
    Story("baker-soviet-bank-membership", "Baker on U.S. opposition to Soviet bank membership",
          (r"\bBaker\b", r"Soviet", r"membership"), note="thin: 2 articles"),  # Baker 272
    Story("brazil-debt-commission", "Brazil's special debt commission",
          (r"Brazil", r"special (debt )?commission"), note="thin: 2 articles"),  # Brazil 462
    Story("iraq-supertanker-attacks", "Iraq's reported attacks on a supertanker and oil targets",
          (r"Iraq", r"supertanker", r"oil targets"), note="thin: 2 articles"),  # Iraq 143
    Story("peru-exchange-rationing", "Peru's foreign exchange rationing",
          (r"Peru", r"rationing"), note="thin: 2 articles"),  # Peru 66
    Story("indonesia-aid-pledges", "Donors' 3.15 billion dlr pledge of aid to Indonesia",
          (r"Indonesia", r"3\.15 billion"), note="thin: 3 articles"),  # Indonesia 136
    Story("venezuela-debtor-default", "Venezuela's biggest private debtor facing default",
          (r"Venezuela", r"private debtor|biggest private", r"default"), note="thin: 2 articles"),  # Venezuela 116
    Story("algeria-debt-rescheduling", "Algeria's minister ruling out debt rescheduling",
          (r"Algeria", r"rescheduling", r"rule"), note="thin: 2 articles"),  # Algeria 52
    Story("costa-rica-central-bank-chief", "The Costa Rican central bank chief's resignation",
          (r"Costa Ric", r"resign"), note="thin: 2 articles"),  # Costa Rica 25
    Story("egypt-cash-grant", "Egypt's 115 mln dlr cash grant", (r"Egypt", r"115 mln", r"grant"), note="thin: 2 articles"),  # Egypt 71
    Story("mexico-world-bank-loans", "Mexico's 205 mln dlrs of World Bank loans",
          (r"Mexic", r"World Bank", r"205 mln"), note="thin: 2 articles"),  # Mexico 227
    Story("alusuisse-capital-cut", "Alusuisse's 50 pct capital cut", (r"Alusuisse", r"capital", r"50 pct")),  # Alusuisse 1
    Story("qantas-747-order", "Qantas' order of four 747-400s", (r"Qantas", r"747"), note="thin: 2 articles"),  # 1
    Story("oil-reserve-study-group", "A study group's call for a bigger U.S. oil reserve",
          (r"study group", r"strategic (petroleum )?reserve"), note="thin: 2 articles"),  # 8
    Story("meat-institute-trade-complaints", "The American Meat Institute's trade complaints",
          (r"\bAME\b|American Meat Institute|meat group", r"retaliat"), note="thin: 3 articles"),  # 1
]

UNCOVERED_POOL = [
    Story("australia-january-current-account", "Australia's January current account deficit",
          absent=(r"Australia\w*.{0,40}January current account|Australia\w* current account deficit.{0,40}in January",)),
    Story("china-spain-macao", "China and Spain's Macao agreement",
          absent=(r"(China|Chinese).{0,60}(Spain|Spanish).{0,60}Macao",)),
    Story("oecd-export-credit-talks-fail", "The OECD's failed export credit talks",
          absent=(r"OECD.{0,60}export credit.{0,60}(talks )?(collapse|fail|break down|broke down)",)),
    Story("britain-germany-bank-regulation", "Britain's bank regulation deal sought with West Germany",
          absent=(r"Brit\w*.{0,40}bank regulation (deal|pact|accord) with (West )?German",)),
    Story("brazil-march-trade-surplus-rise", "Brazil's sharply higher March trade surplus",
          absent=(r"Brazil\w*.{0,30}trade surplus (rises|rose|jumps|jumped) sharply.{0,30}March",)),
    Story("ec-us-trade-moves-may", "The EC's late-May decision on trade moves against the U.S.",
          absent=(r"(\bEC\b|European Community).{0,80}(decide|decision).{0,60}(U\.S\.|United States) trade (moves|measures)",)),
    Story("ec-warns-canada", "The EC's warning to Canada on trade tensions",
          absent=(r"(\bEC\b|European Community) warns? Canada",)),
    Story("oecd-growth-quickening-eiu", "The EIU's forecast of faster OECD growth",
          absent=(r"Economist Intelligence Unit.{0,200}(faster|quicker|accelerating) (economic )?growth",)),
    Story("baker-soviet-membership-backed", "Baker backing Soviet bank membership",
          absent=(r"Baker.{0,60}(supports|backs|favou?rs) Soviet.{0,30}membership",)),
    Story("argentina-debt-commission", "Argentina's special debt commission",
          absent=(r"Argentin\w*.{0,60}special (debt )?commission",)),
    Story("iraq-saudi-supertanker-attack", "Iraq's attack on a Saudi supertanker",
          absent=(r"Iraq\w*.{0,60}attack\w*.{0,40}Saudi supertanker",)),
    Story("peru-ends-exchange-rationing", "Peru ending foreign exchange rationing",
          absent=(r"Peru\w*.{0,40}(ends|lifts|scraps|ended|lifted) (foreign )?exchange rationing",)),
    Story("philippines-aid-pledges", "Donors' 3.15 billion dlr pledge of aid to the Philippines",
          absent=(r"3\.15 billion.{0,60}Philippine",)),
    Story("venezuela-public-debtor-default", "Venezuela's biggest public debtor facing default",
          absent=(r"Venezuela\w*.{0,40}biggest public (sector )?debtor",)),
    Story("algeria-seeks-rescheduling", "Algeria seeking debt rescheduling",
          absent=(r"Algeria\w*.{0,40}(seeks|asks for|requests|sought) (a )?(debt )?rescheduling",)),
    Story("costa-rica-finance-minister-resigns", "The Costa Rican finance minister's resignation",
          absent=(r"Costa Ric\w*.{0,40}finance minister.{0,30}resign",)),
    Story("egypt-loan-115", "Egypt's 115 mln dlr loan", absent=(r"Egypt.{0,60}115 mln dlr loan",)),
    Story("mexico-imf-205", "Mexico's 205 mln dlrs of IMF loans", absent=(r"Mexic\w*.{0,60}205 mln dlrs? (in )?IMF",)),
    Story("alusuisse-capital-increase", "Alusuisse's capital increase",
          absent=(r"Alusuisse.{0,60}capital (increase|rise)",)),
    Story("qantas-airbus-order", "Qantas' order of Airbus aircraft",
          absent=(r"Qantas.{0,80}Airbus|Airbus.{0,80}Qantas",)),  # replaced qantas-767-order (fired: 17049)
    Story("oil-reserve-study-group-cut", "A study group's call for a smaller U.S. oil reserve",
          absent=(r"study group.{0,80}(reduc|cut|smaller|shrink)\w*.{0,40}(strategic petroleum reserve|oil reserve)",)),
    Story("meat-institute-japan-complaint", "The American Meat Institute's complaint against Japan",
          absent=(r"American Meat Institute.{0,80}(complaint|petition) against Japan",)),
]

#: Review by NEWID (from the titles listed while the pool was built, before the draw): matched articles about
#: another event.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "britain-japan-bank-regulation": ("4872",),  # the Swiss on a U.S.-British pact
    "oecd-export-credit-reform": ("12948",),  # plywood credits
    "indonesia-aid-pledges": ("18776",),  # Indonesia's debt service ratio
    "meat-institute-trade-complaints": ("16564",),  # the EC meat directive's deadline
    "alusuisse-capital-cut": ("4657", "4692"),  # its 1986 results; its break-even outlook
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {}


earlier_stories, earlier_overlap, build, main = blind_builder(
    "v21", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


if __name__ == "__main__":
    raise SystemExit(main(None))
