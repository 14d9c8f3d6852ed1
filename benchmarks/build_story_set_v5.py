"""Build the fifth, blind held-out timeline story set (v5) from Reuters-21578 (issue 19, session 7).

    python -m benchmarks.build_story_set_v5 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v5: v4's results were read twice in session 6 (its misses -- broad stories whose in-scope
articles carry other news, a company the query names in full and Reuters abbreviates, a date that
is the argument of a change verb -- are what session 7 works on), so from session 7 on v1-v4 are
dev sets and v5 is the blind held-out set. Same method and record format as v2-v4
(bench_timeline.py scores all), built by v2's `drawn_set` / `reviewed_match` / `write_set`:

1. Candidate pools, written before the set was drawn and before ragnews ran on any of them, by
   these rules. Covered = 1987 news stories with >= 4 articles by a keyword count, none in the
   v1-v4 pools, chosen in two groups: (a) broad stories whose in-scope articles usually carry other
   news of the same country or market -- strikes (Brazilian seamen, Ecuador's general strike), a
   budget (Japan 1987/88), trade disputes (Cable and Wireless in Japan, Airbus subsidies, sanctions
   against South Africa), commodity pacts (rubber, sugar); (b) company stories whose query spells
   the company's registered name in full (Corporation, Company, Incorporated, Bancorp...) while
   Reuters writes it abbreviated or by ticker in titles and often bodies ("Hospital Corp <HCA>",
   "Public Service Co of N.H.", "P.S. New Hampshire"), plus takeovers and bankruptcies of firms
   with short or ordinary-word names (Heck's, Crazy Eddie, Comdata, Gulf States).
   Uncovered = events after 1987 chosen as near-misses: entities the corpus has (Fannie Mae,
   Delta Air Lines, K mart, Northwest Airlines, Volkswagen, Iceland, Time Inc and Warner) without
   the event; common Reuters words (downgrade, bankruptcy, default, merger); names absent from the
   corpus (Madoff, Parmalat, Tyco International's scandal).
2. The set is a seeded sample of each pool (SEED, `random.Random(SEED).sample`): 16 covered and
   11 uncovered, so which stories are in it was not chosen by hand.
3. Gold: as in v2-v4 (reviewed_match): every rule pattern must match title + body; core = the key
   entity in the title or at least twice, peripheral = once (an entry from a peripheral article is
   on topic only when its own sentence names the key entity).
4. Review: `--list` prints every matched title; the demotions/promotions below were decided from
   the titles (and the article text when unclear) only, before ragnews was run on any v5 query.
5. Uncovered stories: each has an `absent` rule the script asserts matches no article.

This file and its output were committed before ragnews was run on any v5 query.
"""

from __future__ import annotations

from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v2 import drawn_set, write_set

SEED = 2027
N_COVERED = 16
N_UNCOVERED = 11

COVERED_POOL = [
    Story("brazil-seamen-strike", "Brazilian seamen's strike",
          (r"Brazil", r"\bseamen\b|seafarers|merchant marine", r"strike|stoppage|walkout"), key=r"\bseamen\b|seafarers"),
    Story("ecuador-strike", "General strike in Ecuador", (r"Ecuador", r"general strike|\bstrike\b|stoppage"),
          key=r"general strike|\bstrike\b"),
    Story("japan-budget", "Japan's 1987/88 budget and its delay in parliament",
          (r"Japan", r"\bbudget\b", r"1987/88|fiscal 1987|provisional|stopgap", r"\bDiet\b|parliament|lower house|upper house"),
          key=r"\bbudget\b"),
    Story("cable-wireless-japan", "Britain's dispute with Japan over Cable and Wireless in a Japanese telecommunications venture",
          (r"Cable and Wireless", r"Japan", r"telecom|\bIDC\b|International Digital"), key=r"Cable and Wireless"),
    Story("airbus-subsidies", "U.S.-European dispute over Airbus subsidies",
          (r"Airbus", r"subsid", r"U\.S\.|United States|Washington"), key=r"Airbus"),
    Story("sa-sanctions", "Trade sanctions against South Africa",
          (r"sanction", r"South Africa|S\. Africa", r"trade|import|export"), key=r"sanction"),
    Story("rubber-pact", "Negotiations on a new International Natural Rubber Agreement",
          (r"\brubber\b", r"pact|agreement|\bINRA\b", r"negotiat|conference|talks"),
          key=r"rubber (pact|agreement|talks|conference)|International Natural Rubber|\bINRA\b"),
    Story("sugar-pact", "Renegotiation of the International Sugar Agreement",
          (r"\bsugar\b", r"International Sugar Agreement|sugar pact|sugar agreement|International Sugar Organi[sz]ation|\bISO\b",
           r"renegotiat|new agreement|talks|negotiat"),
          key=r"sugar (pact|agreement)|International Sugar|\bISO\b"),
    Story("hca-buyout", "Buyout bid for Hospital Corporation of America and its restructuring",
          (r"Hospital Corp", r"bid|buyout|offer|merger|restructur|financing|downgrad|Moody")),
    Story("psnh-seabrook", "Financial crisis at Public Service Company of New Hampshire over the Seabrook plant",
          (r"Public Service.{0,10}(New Hampshire|N\.H\.)|<PNH>|Seabrook",
           r"dividend|bankrupt|financ|Moody|default|\bdebt\b|\brates?\b"),
          key=r"Public Service.{0,10}(New Hampshire|N\.H\.)|<PNH>"),
    Story("gulf-states", "Gulf States Utilities' cash crisis", (r"Gulf States", r"<GSU>|\(GSU\)|Utilities")),
    Story("chemical-texas-commerce", "Chemical New York Corporation's merger with Texas Commerce Bancshares",
          (r"Texas Commerce", r"Chemical")),
    Story("fleet-norstar", "Merger of Fleet Financial Group and Norstar Bancorp",
          (r"Norstar", r"Fleet", r"merge|merger|acqui"), key=r"Norstar"),
    Story("dayton-hudson-dart", "Dart Group's takeover bid for Dayton Hudson Corporation",
          (r"Dayton Hudson", r"Dart|Haft|bid|takeover|offer|acqui"), key=r"Dayton Hudson"),
    Story("comdata", "Comdata Network's merger agreement and the Hunt group's stake",
          (r"Comdata", r"merger|Hunt|acqui|offer|stake|Welsh")),
    Story("hecks-bankruptcy", "Heck's Chapter 11 bankruptcy filing",
          (r"Heck.s", r"Chapter 11|bankrupt|credit|reorganiz")),
    Story("crazy-eddie", "Entertainment Marketing's takeover bid for Crazy Eddie Incorporated",
          (r"Crazy Eddie", r"bid|offer|takeover|Entertainment Marketing|Zinn|rights|buyout")),
]

UNCOVERED_POOL = [
    Story("madoff", "Bernard Madoff's Ponzi scheme", absent=(r"Madoff|Ponzi",),
          note="absent name; 'scheme' and fraud charges are in the corpus"),
    Story("fannie-freddie", "Government takeover of Fannie Mae and Freddie Mac",
          absent=(r"conservatorship|(Fannie Mae|Freddie Mac|Federal National Mortgage|Federal Home Loan Mortgage)"
                  r".{0,200}(takeover|seiz|rescue|bailout)",),
          note="hard: FNMA and Freddie Mac issue securities in the corpus"),
    Story("delta-bankruptcy", "Delta Air Lines bankruptcy filing", absent=(r"Delta Air.{0,200}(bankrupt|Chapter 11)",),
          note="hard: Delta is in the corpus (its Western merger, fines, routes)"),
    Story("kmart-bankruptcy", "Kmart's Chapter 11 bankruptcy", absent=(r"K ?mart.{0,200}(bankrupt|Chapter 11)",),
          note="hard: K mart reports sales in the corpus; Chapter 11 filings are common Reuters news"),
    Story("tyco-scandal", "Tyco International looting scandal and Dennis Kozlowski",
          absent=(r"Kozlowski|Tyco Int.{0,200}(fraud|loot|scandal)",), note="hard: Tyco Laboratories is in the corpus"),
    Story("parmalat", "Parmalat accounting fraud", absent=(r"Parmalat",), note="absent name"),
    Story("greek-bailout", "Greece's sovereign debt crisis and EU bailout",
          absent=(r"(Greece|Greek).{0,200}(bailout|sovereign debt crisis|debt crisis)",),
          note="hard: Greece and debt are both in the corpus"),
    Story("vw-emissions", "Volkswagen diesel emissions scandal", absent=(r"Volkswagen.{0,200}emission|dieselgate",),
          note="hard: Volkswagen is in 40+ articles"),
    Story("iceland-banks", "Collapse of Iceland's banks", absent=(r"Iceland.{0,200}(banks?.{0,30}collapse|collapse)|Kaupthing|Landsbanki|Glitnir",),
          note="hard: Iceland is in the corpus (fish, a summit)"),
    Story("russia-default", "Russia's debt default and rouble devaluation",
          absent=(r"Russia.{0,100}default|ruble devaluation|rouble devaluation",),
          note="hard: debt defaults and devaluations are common Reuters words"),
    Story("aol-time-warner", "AOL's merger with Time Warner", absent=(r"America Online|AOL Time Warner|Time Warner",),
          note="hard: Time Inc and Warner Communications are in the corpus"),
    Story("us-downgrade", "Standard and Poor's downgrade of the United States' credit rating",
          absent=(r"downgrad\w*.{0,100}(United States|U\.S\.) (government|sovereign|Treasury)|(United States|U\.S\.).{0,40}(AAA|triple-A) rating",),
          note="hard: S and P downgrades of companies and banks are everywhere in the corpus"),
    Story("northwest-bankruptcy", "Northwest Airlines bankruptcy filing", absent=(r"Northwest Airlines.{0,200}(bankrupt|Chapter 11)",),
          note="hard: Northwest Airlines (NWA) is in the corpus"),
    Story("chevron-texaco", "Chevron's merger with Texaco",
          absent=(r"Chevron.{0,100}(merge|acqui\w*|takeover).{0,50}Texaco|Texaco.{0,100}merge.{0,50}Chevron",),
          note="hard: Texaco (its bankruptcy) and Chevron are both frequent in the corpus"),
]

#: Review by NEWID (from the --list titles, before any timeline was built): matched articles about another story.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "brazil-seamen-strike": ("5156", "9479", "14230", "4953", "4867"),  # bank workers, oil-refinery troops, digests
    "ecuador-strike": ("7022",),  # earthquake credit
    "japan-budget": ("10770", "5858", "5766", "5862", "10271", "10660", "16544", "16168", "10355", "1906", "6400", "13419",
                     "18507", "13306", "5208", "8664", "11163", "7630", "11245"),  # dollar, sales tax, stimulus package
    "cable-wireless-japan": ("14944", "13993"),  # stock market access, equities report
    "airbus-subsidies": ("16557", "20704", "3284", "20989"),  # engine order, McDonnell cooperation, meat ban talks
    "rubber-pact": ("11224",),  # commodity pacts in general
    "sugar-pact": ("6657", "11224"),  # Latin output, commodity pacts in general
    "chemical-texas-commerce": ("9636",),  # bank downgrades
    "fleet-norstar": ("10161",),  # Norstar combines its New York banks
    "dayton-hudson-dart": ("17635",),  # a debenture sale
    "hecks-bankruptcy": ("6092", "11333"),  # a share sale, quarterly results
}
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "cable-wireless-japan": ("11285", "12454", "9755", "9976"),  # "Cable" in the title, the consortium offers
    "sa-sanctions": ("4259", "5542"),  # Swedish boycott, Norwegian trade ban
}


#: One record per drawn story, in the v1 format (bench_timeline.py reads all versions).
build = drawn_set(COVERED_POOL, UNCOVERED_POOL, N_COVERED, N_UNCOVERED, SEED, REVIEW_DEMOTE, REVIEW_PROMOTE)


def main(argv: list[str] | None = None) -> int:
    """Build the v5 set and write stories_heldout_v5.jsonl (all stories held out)."""
    return write_set(argv, (__doc__ or "").split("\n")[0], build, "stories_heldout_v5.jsonl")


if __name__ == "__main__":
    raise SystemExit(main())
