"""Build the third, blind held-out timeline story set (v3) from Reuters-21578 (issue 19, session 5).

    python -m benchmarks.build_story_set_v3 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v3: the held-out halves of v1 and v2 have both been seen (their results were read in
sessions 3 and 4), so from session 5 on they serve as dev sets; v3 is this session's blind
held-out set. Same method and record format as build_story_set_v2.py (bench_timeline.py scores
all three):

1. Candidate pools, made before the set was drawn: 19 covered 1987 news stories found by
   counting keyword matches in the corpus (none is in v1 or v2) and 13 uncovered stories (events
   after 1987; several name entities or words the corpus has -- the World Trade Center, Fukushima,
   "long-term capital", Chrysler, Exxon and Mobil, Drexel -- so retrieval finds plausible
   off-story articles).
2. The set is a seeded sample of each pool (SEED, `random.Random(SEED).sample`): 16 covered and
   10 uncovered, so which stories are in it was not chosen by hand.
3. Gold: a covered story's rule is two or three patterns that must all match title + body (the
   key entity first, then an alternation of the story's vocabulary); core articles name the key
   entity in the title or at least twice, peripheral ones once (an entry from a peripheral
   article is on topic only when its own sentence names the key entity, as in v1/v2).
4. Review: `--list` prints every matched title; the demotions/promotions below were decided from
   the titles (and the article text when unclear) only, before ragnews was run on any v3 query.
5. Uncovered stories: each has an `absent` rule the script asserts matches no article.

This file and its output were committed before ragnews was run on any v3 query.
"""

from __future__ import annotations

from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v2 import drawn_set, write_set

SEED = 1905
N_COVERED = 16
N_UNCOVERED = 10

COVERED_POOL = [
    Story("gillette-revlon", "Revlon's takeover bid for Gillette", (r"Gillette", r"Revlon|Perelman|bid|offer|takeover|suitor")),
    Story("hughes-baker", "Merger of Hughes Tool and Baker International", (r"Hughes Tool|\bHughes\b", r"\bBaker\b"),
          key=r"Hughes"),
    Story("cyclops-dixons", "Dixons' takeover battle for Cyclops",
          (r"Cyclops", r"Dixons|CYACQ|Audio/Video|tender|offer|bid|takeover")),
    Story("caesars-sosnoff", "Martin Sosnoff's bid for Caesars World",
          (r"Caesars", r"Sosnoff|bid|offer|recapitali|takeover|tender")),
    Story("taft-buyout", "Buyout of Taft Broadcasting", (r"\bTaft\b", r"buyout|Lindner|Bass|bid|offer|takeover|control")),
    Story("coffee-quotas", "International Coffee Organization talks on coffee export quotas",
          (r"coffee", r"quota", r"\bICO\b|International Coffee|producer|consumer|talks|negotiat")),
    Story("cocoa-buffer", "International cocoa agreement buffer stock rules", (r"cocoa", r"buffer stock")),
    Story("soviet-wheat-eep", "U.S. export subsidy offer of wheat to the Soviet Union",
          (r"Soviet|USSR|Moscow", r"wheat", r"subsid|bonus|Export Enhancement|\bEEP\b"), key=r"Soviet|USSR|Moscow"),
    Story("santa-fe-merger", "ICC rejection of the Santa Fe-Southern Pacific railroad merger",
          (r"Santa Fe", r"Southern Pacific", r"merg|Interstate Commerce|\bICC\b|divest")),
    Story("allegis", "Allegis restructuring and the Coniston bid for United Airlines' parent",
          (r"Allegis|\bUAL\b", r"Coniston|pilot|restructur|break ?up|takeover|bid|Hertz|Hilton|Westin|sell"),
          key=r"Allegis|\bUAL\b"),
    Story("irving-bny", "Bank of New York's hostile bid for Irving Bank",
          (r"Irving", r"Bank of New York|\bBNY\b|bid|offer|takeover|merger")),
    Story("nippon-shearson", "Nippon Life's stake in Shearson Lehman", (r"Nippon Life", r"Shearson|American Express")),
    Story("burlington-takeover", "Takeover battle for Burlington Industries",
          (r"Burlington Ind|Burlington <BUR>|\bBurlington\b", r"Dominion|Edelman|Morgan Stanley|bid|offer|takeover|tender|buyout"),
          key=r"Burlington"),
    Story("gephardt-trade-bill", "Gephardt amendment in the House trade bill", (r"Gephardt",)),
    Story("zambia-imf", "Zambia's talks and break with the IMF", (r"Zambia", r"\bIMF\b|International Monetary Fund")),
    Story("ec-oils-tax", "EC proposal for a tax on vegetable oils and fats",
          (r"(oils? and fats|fats and oils|oilseeds?|vegetable oils?) tax|tax on (vegetable )?(oils|fats)",)),
    Story("bankamerica-first-interstate", "First Interstate's takeover bid for BankAmerica",
          (r"BankAmerica", r"First Interstate")),
    Story("korea-crisis", "South Korea's political crisis and emergency measures",
          (r"Korea", r"emergency measure|protest|riot|demonstrat|reform package|Roh Tae")),
    Story("murdoch-herald", "Rupert Murdoch's takeover of the Herald and Weekly Times and Queensland Press",
          (r"Murdoch\b|News Corp", r"Herald|Queensland Press|bid|offer|takeover")),
]

UNCOVERED_POOL = [
    Story("sept11", "September 11 attacks on the World Trade Center",
          absent=(r"World Trade Center.{0,200}(attack|plane|hijack|collapse|terror)|September 11 attack",),
          note="hard: the World Trade Center is in the corpus (Nymex's home), an attack on it is not"),
    Story("fukushima", "Fukushima nuclear plant meltdown", absent=(r"Fukushima.{0,200}(nuclear|reactor|meltdown)",),
          note="hard: Fukushima is in the corpus (a 1987 earthquake), a nuclear accident there is not"),
    Story("deepwater-horizon", "Deepwater Horizon oil spill in the Gulf of Mexico", absent=(r"Deepwater Horizon|BP.{0,100}spill",)),
    Story("asian-crisis", "Thai baht devaluation and the Asian financial crisis",
          absent=(r"Asian financial crisis|baht.{0,60}(devalu|float)",)),
    Story("ltcm", "Long-Term Capital Management hedge fund rescue", absent=(r"Long-Term Capital Management",),
          note="hard: 'long-term capital' (flows) is in the corpus"),
    Story("worldcom", "WorldCom accounting fraud", absent=(r"WorldCom",)),
    Story("drexel-bankruptcy", "Drexel Burnham Lambert bankruptcy", absent=(r"Drexel.{0,100}(bankrupt|collapse)",),
          note="hard: Drexel is in the corpus, its bankruptcy is not"),
    Story("daimler-chrysler", "Merger of Daimler-Benz and Chrysler", absent=(r"Daimler.{0,200}Chrysler|Chrysler.{0,200}Daimler",),
          note="hard: both companies are in the corpus, never together"),
    Story("exxon-mobil", "Exxon's merger with Mobil", absent=(r"Exxon.{0,60}Mobil.{0,60}merge|merger of Exxon and Mobil",),
          note="hard: Exxon and Mobil appear together in price reports"),
    Story("rtc-bailout", "Resolution Trust Corporation bailout of failed savings and loans", absent=(r"Resolution Trust",),
          note="hard: savings and loan failures are in the corpus, the RTC is not"),
    Story("german-reunification", "German reunification after the fall of East Germany", absent=(r"German reunif|reunification of Germany",)),
    Story("mad-cow", "Mad cow disease outbreak in British cattle", absent=(r"mad cow|bovine spongiform",)),
    Story("tsunami", "Indian Ocean tsunami death toll", absent=(r"tsunami",)),
]

#: Review by NEWID (from the --list titles, before any timeline was built): matched articles about another story.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "hughes-baker": ("3563", "1981", "15493", "17669"),
    "cyclops-dixons": ("8712", "7983"),
    "caesars-sosnoff": ("11888",),
    "coffee-quotas": ("11183", "1246", "12355", "12340", "12208", "14546", "13730", "13269", "14687", "21567", "20186",
                      "275", "5570", "2521", "11224", "5258", "8903", "5002", "977", "12655", "1889", "12465", "10640"),
    "cocoa-buffer": ("13606", "13650", "14372", "14343", "4147", "11224"),
    "soviet-wheat-eep": ("3401", "4988", "13179", "5920", "3847", "3429"),
    "allegis": ("721", "11663", "10110", "2692", "9622", "3251", "14102", "10157", "15589", "11464"),
    "burlington-takeover": ("19846", "12827", "11590", "15492"),
    "zambia-imf": ("16213", "18849", "15033"),
    "bankamerica-first-interstate": ("11599", "5730"),
    "korea-crisis": ("14826",),
}
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "coffee-quotas": ("562", "628", "75", "20465"),
    "cocoa-buffer": ("7311",),
    "korea-crisis": ("19114",),
}


#: One record per drawn story, in the v1 format (bench_timeline.py reads all versions).
build = drawn_set(COVERED_POOL, UNCOVERED_POOL, N_COVERED, N_UNCOVERED, SEED, REVIEW_DEMOTE, REVIEW_PROMOTE)


def main(argv: list[str] | None = None) -> int:
    """Build the v3 set and write stories_heldout_v3.jsonl (all stories held out)."""
    return write_set(argv, (__doc__ or "").split("\n")[0], build, "stories_heldout_v3.jsonl")


if __name__ == "__main__":
    raise SystemExit(main())
