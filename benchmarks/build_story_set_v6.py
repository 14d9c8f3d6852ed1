"""Build the sixth, blind held-out timeline story set (v6) from Reuters-21578 (issue 19, session 8).

    python -m benchmarks.build_story_set_v6 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v6: v5's misses were read in session 7 (broad stories whose in-scope articles carry other
news, a possessive company name read as a plain word, an infinitive complement's date, a
near-miss uncovered story passing scope), so from session 8 on v1-v5 are dev sets and v6 is the
blind held-out set. Same method and record format as v2-v5 (bench_timeline.py scores all), built
by v2's `drawn_set` / `reviewed_match` / `write_set`:

1. Candidate pools, written before the set was drawn and before ragnews ran on any of them, by
   these rules. Covered = 1987 news stories with >= 4 articles by a keyword count, none in any
   v1-v5 pool (drawn or not), in two groups: (a) broad stories whose in-scope articles usually
   carry other news of the same country, market or policy -- strikes and wage rounds (Brazil's
   bank workers, Bolivia's tin miners, Canada's postal workers, West German engineering workers,
   Cominco's B.C. miners), pacts and policies (OPEC's output ceiling, Gramm-Rudman deficit targets,
   the GATT Uruguay Round, the EC's sugar intervention dispute, Philippine land reform) and an
   election (Australia 1987); (b) company stories whose query names a company with a possessive
   or its registered name in full (Corporation, Incorporated, Limited...) while Reuters writes it
   abbreviated or by ticker ("VIACOM <VIA>", "DIAMOND <DIA>", "COASTAL <CGP>", "GM <GM> CANADA").
   Uncovered = events after 1987 chosen as near-misses: entities the corpus has (RJR Nabisco,
   Yamaichi, Boeing and McDonnell Douglas, BP and Amoco, Kodak, Daiwa, Pan Am, Merrill Lynch,
   Saudi Aramco, Waste Management, Diamond Shamrock, Hawke, OPEC members) without the event, some
   sharing a country or industry with a covered story (Waste Management / ChemLawn, Diamond
   Shamrock's later merger, Hawke's ouster / the 1987 election, an oil price war / OPEC's ceiling,
   South Korea's IMF rescue, Argentina's default).
2. The set is a seeded sample of each pool (SEED, `random.Random(SEED).sample`): 16 covered and
   11 uncovered, so which stories are in it was not chosen by hand.
3. Gold: as in v2-v5 (reviewed_match): every rule pattern must match title + body; core = the key
   entity in the title or at least twice, peripheral = once (an entry from a peripheral article is
   on topic only when its own sentence names the key entity).
4. Review: `--list` prints every matched title; the demotions/promotions below were decided from
   the titles (and the article text when unclear) only, before ragnews was run on any v6 query.
5. Uncovered stories: each has an `absent` rule the script asserts matches no article.

This file and its output were committed before ragnews was run on any v6 query.
"""

from __future__ import annotations

from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v2 import drawn_set, write_set

SEED = 2028
N_COVERED = 16
N_UNCOVERED = 11

COVERED_POOL = [
    Story("brazil-bank-strike", "Brazilian bank workers' strike",
          (r"Brazil", r"bank ?workers|bank employees|bank staff|bank strike", r"strike|stoppage"),
          key=r"bank ?workers|bank employees|bank strike"),
    Story("bolivia-miners-strike", "Bolivian tin miners' strike", (r"Bolivia", r"\bminers\b", r"strike|hunger"),
          key=r"\bminers\b"),
    Story("canada-postal-strike", "Canadian postal workers' strike", (r"Canada Post|postal", r"strike|walkout|union|contract"),
          key=r"Canada Post|postal"),
    Story("german-engineering-wage", "West German engineering workers' wage round and warning strikes",
          (r"German", r"IG Metall|engineering|engineers|metalworkers", r"wage|strike"),
          key=r"IG Metall|engineering|engineers|metalworkers"),
    Story("cominco-strike", "Strike at Cominco Limited's lead and zinc operations in British Columbia",
          (r"Cominco", r"strike|union|contract")),
    Story("gm-canada-talks", "General Motors of Canada's contract talks with the auto workers' union",
          (r"GM Canada|General Motors of Canada|GM <GM> Canada", r"union|talks|contract|strike")),
    Story("opec-ceiling", "OPEC's output ceiling and members' production quotas",
          (r"\bOPEC\b", r"ceiling|quota", r"output|production"), key=r"\bOPEC\b"),
    Story("gramm-rudman", "Gramm-Rudman deficit reduction targets", (r"Gramm-Rudman", r"deficit|budget")),
    Story("gatt-round", "GATT Uruguay Round of trade negotiations",
          (r"\bGATT\b", r"Uruguay|new round", r"talks|negotiat"), key=r"Uruguay Round|new round|\bGATT\b"),
    Story("ec-sugar-intervention", "EC sugar producers' sales into intervention in protest at export tenders",
          (r"\bEC\b|European Community", r"\bsugar\b", r"intervention"), key=r"intervention"),
    Story("philippine-land-reform", "Aquino's land reform program in the Philippines",
          (r"Philippine|Manila|Aquino", r"land reform"), key=r"land reform"),
    Story("australia-election", "Australia's 1987 federal election", (r"Australia", r"election|\bpoll\b", r"Hawke"),
          key=r"election|\bpoll\b"),
    Story("chemlawn", "Waste Management's takeover bid for ChemLawn Corporation",
          (r"ChemLawn", r"Waste Management|Ecolab|bid|offer|tender")),
    Story("viacom-buyout", "National Amusements' buyout of Viacom International Incorporated",
          (r"Viacom", r"Redstone|National Amusements|buyout|bid|offer|merger")),
    Story("rexnord", "Banner Industries' takeover of Rexnord Incorporated", (r"Rexnord", r"Banner|bid|offer|tender|merger")),
    Story("diamond-shamrock", "Diamond Shamrock Corporation's restructuring and the spinoff of its refining business",
          (r"Diamond Shamrock|Diamond <DIA>", r"Mesa|Pickens|bid|offer|restructur|spin")),
    Story("coastal-transamerican", "Coastal Corporation's dispute over the reorganization of TransAmerican Natural Gas",
          (r"TransAmerican", r"Coastal")),
]

UNCOVERED_POOL = [
    Story("rjr-nabisco", "Kohlberg Kravis Roberts' leveraged buyout of RJR Nabisco",
          absent=(r"RJR Nabisco.{0,200}(buyout|Kohlberg|KKR|leveraged)|Kohlberg.{0,200}RJR",),
          note="hard: RJR Nabisco is in 19 articles; KKR buyouts are in the corpus"),
    Story("yamaichi", "Collapse of Yamaichi Securities", absent=(r"Yamaichi( Securities)?( Co)?.{0,40}(collaps|fail|bankrupt|liquidat|clos\w* (its doors|down))|collapse of Yamaichi",),
          note="hard: Yamaichi is in 29 articles"),
    Story("boeing-mcdonnell", "Boeing's merger with McDonnell Douglas",
          absent=(r"Boeing.{0,200}(merge|acqui|buy).{0,100}McDonnell|McDonnell.{0,200}merge.{0,100}Boeing",),
          note="hard: both companies are frequent in the corpus"),
    Story("bp-amoco", "BP's merger with Amoco",
          absent=(r"(BP|British Petroleum).{0,200}merge.{0,100}Amoco|Amoco.{0,200}merge.{0,100}(BP|British Petroleum)|BP Amoco",),
          note="hard: BP (Standard Oil) and Amoco (Dome) both make takeover news in the corpus"),
    Story("kodak-bankruptcy", "Eastman Kodak's bankruptcy filing", absent=(r"Kodak.{0,200}(bankrupt|Chapter 11)",),
          note="hard: Kodak is in the corpus; Chapter 11 filings are common"),
    Story("korea-imf", "IMF bailout of South Korea in the Asian financial crisis",
          absent=(r"Korea.{0,200}(IMF|International Monetary Fund).{0,100}(bailout|rescue|loan|package)",),
          note="hard: South Korea and IMF programs are both in the corpus"),
    Story("argentina-default", "Argentina's sovereign debt default", absent=(r"Argentin.{0,100}default",),
          note="hard: Argentina's debt talks are in the corpus"),
    Story("aramco-ipo", "Saudi Aramco's initial public offering",
          absent=(r"Aramco.{0,100}(IPO|initial public offering|listing|flotation)",), note="hard: Aramco is in the corpus"),
    Story("daiwa-losses", "Daiwa Bank's bond trading losses in New York", absent=(r"Daiwa.{0,200}(loss|Iguchi|unauthori)",),
          note="hard: Daiwa is in the corpus"),
    Story("pan-am-shutdown", "Pan Am's shutdown and bankruptcy",
          absent=(r"Pan Am.{0,100}(shut down|ceased|collapse|bankrupt|Chapter 11)",), note="hard: Pan Am is in the corpus"),
    Story("bofa-merrill", "Bank of America's takeover of Merrill Lynch",
          absent=(r"(BankAmerica|Bank of America).{0,200}(acqui|merge|takeover|buy).{0,100}Merrill Lynch"
                  r"|Merrill Lynch.{0,100}(acquired|takeover|sale).{0,100}(BankAmerica|Bank of America)",),
          note="hard: both are frequent in the corpus"),
    Story("waste-management-fraud", "Waste Management's accounting fraud and earnings restatement",
          absent=(r"Waste Management.{0,200}(accounting|fraud|restat)",),
          note="hard: Waste Management's ChemLawn bid is in the corpus"),
    Story("ultramar-diamond", "Ultramar's merger with Diamond Shamrock",
          absent=(r"Ultramar.{0,200}Diamond Shamrock|Diamond Shamrock.{0,200}Ultramar",),
          note="hard: Diamond Shamrock's restructuring is in the corpus"),
    Story("hawke-ousted", "Paul Keating's leadership challenge that ousted Bob Hawke",
          absent=(r"Keating.{0,100}(oust|toppl|challenge|replace).{0,100}Hawke",),
          note="hard: Hawke and Keating are both in the corpus (the 1987 election, budgets)"),
    Story("oil-price-war", "Saudi Arabia and Russia's oil price war", absent=(r"Russia.{0,100}price war|Saudi.{0,100}price war",),
          note="hard: Saudi output and price cuts are everywhere in the corpus"),
    Story("pinatubo", "Mount Pinatubo eruption in the Philippines", absent=(r"Pinatubo",),
          note="absent name; the Philippines are frequent in the corpus"),
]

#: Review by NEWID (from the --list titles, before any timeline was built): matched articles about another story.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "canada-postal-strike": ("18358",),  # U.S. Postal Service contracts
    "german-engineering-wage": ("2362", "17193"),  # VW's U.S. sales, Bundesbank policy
    "opec-ceiling": ("4174", "13256", "6023", "2925", "246", "6996", "17199", "1692", "14891", "8820", "3594", "4028",
                     "20030", "19998", "19509", "17289", "17359", "19499", "2449", "2775", "19285", "19588", "18213"),
    # Iran term contracts, demand forecasts, market and futures reports, Gulf economies, Ecuador's oil loan, Hormuz, Norway
    "gramm-rudman": ("3551",),  # a securities tax
    "gatt-round": ("8141", "17394", "18835", "17953", "7515", "16790", "15367", "5057", "8676", "8186", "20865"),
    # U.S.-Japan and U.S.-EC disputes, Venice summit, the oils tax, the trade bill, bilateral pacts
    "ec-sugar-intervention": ("5214",),  # beet plantings
    "philippine-land-reform": ("17271", "5235", "17477"),  # a Japanese loan, revenue, the coconut tax
    "australia-election": ("8133",),  # the opposition's leadership
    "chemlawn": ("8944",),  # Mark IV's bid for Conrac
    "viacom-buyout": ("4527",),  # a "Cosby Show" suit
    "rexnord": ("11257", "3790", "3910", "9289"),  # unit sales and staff cuts after the takeover
    "diamond-shamrock": ("12044",),  # an earnings forecast
}
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {}


#: One record per drawn story, in the v1 format (bench_timeline.py reads all versions).
build = drawn_set(COVERED_POOL, UNCOVERED_POOL, N_COVERED, N_UNCOVERED, SEED, REVIEW_DEMOTE, REVIEW_PROMOTE)


def main(argv: list[str] | None = None) -> int:
    """Build the v6 set and write stories_heldout_v6.jsonl (all stories held out)."""
    return write_set(argv, (__doc__ or "").split("\n")[0], build, "stories_heldout_v6.jsonl")


if __name__ == "__main__":
    raise SystemExit(main())
