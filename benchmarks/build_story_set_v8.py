"""Build the eighth, blind held-out timeline story set (v8) from Reuters-21578 (issue 19, session 10).

    python -m benchmarks.build_story_set_v8 ../shared/data/reuters21578 [--out benchmarks/datasets] [--list]

Why a v8: v7's misses were read in session 9 (an actor that only studied the event, an earlier
instance of the same event, a one-word name with a designator), so from session 10 on v1-v7 are
dev sets and v8 is the blind held-out set. Same method and record format as v2-v7
(bench_timeline.py scores all), built by v2's `drawn_set` / `reviewed_match` / `write_set_md5`.

Rules, written here before any candidate title was listed:

1. Covered pool = 1987 news stories, each one actor and one event, of the kinds v1-v7 sampled
   least. Candidates are found by listing every title (Reuters titles are upper case) with the
   kind's title words:
   (a) takeovers and buyouts: MERGER, TAKEOVER, BUYOUT, ACQUISITION, TENDER, BID;
   (b) disasters and accidents: FIRE, BLAZE, EXPLOSION, BLAST, SPILL, CRASH, QUAKE, FLOOD,
       ACCIDENT, LEAK;
   (c) trade disputes: TARIFF, QUOTA, SANCTION, DUMPING, RETALIAT, PROTECTIONIS;
   (d) government and central-bank actions: RATE CUT, CUTS ... RATE, DISCOUNT RATE, INTERVEN,
       BUDGET, DEVALU;
   (e) resignations and appointments: RESIGN, STEPS DOWN, QUITS, NAMED, APPOINT, SUCCEED;
   (f) court rulings: COURT, JUDGE, RULING, RULES, VERDICT, INJUNCTION;
   (g) commodity agreements: OPEC, PACT, AGREEMENT, ACCORD with a commodity word;
   (h) company capital raising: RIGHTS ISSUE, SHARE OFFER(ING), DEBT OFFER(ING), CONVERTIBLE,
       EUROBOND.
   Titles are grouped by actor (a company's ticker or name; a country, body or commodity for
   broad stories) and event; a story's count is its titles with the kind's words. In each kind
   the 3 largest stories are taken (4 in (a)), in count order, skipping a story that is in any
   v1-v7 pool (same actor and event, or half or more of its core articles matched by an earlier
   covered pool story's rule: asserted by `earlier_overlap`), a story without >= 4 matched
   articles, and a title group that mixes several unrelated events of the actor (taken as the
   next group instead). Ties go to the earlier first title.
2. Each covered story's rule is the actor pattern plus an alternation of the event's own words
   (all must match title + body), the key = the actor (or the event for broad stories).
3. Uncovered pool = written after the covered pool and before the draw, one per covered pool
   story: a near-miss that did not happen in 1987 -- the same actor's later event of the kind, or
   the same kind of event for another actor or country after 1987 -- asked as a user would. Each
   has an `absent` rule the script asserts matches no article (a candidate whose assertion fires
   is replaced by the next near-miss of the same story, written down below).
4. The set is a seeded sample of each pool (SEED, `random.Random(SEED).sample`): 16 covered and
   11 uncovered, so which stories are in it is not chosen by hand.
5. Gold: as in v2-v7 (reviewed_match): core = the key in the title or at least twice,
   peripheral = once. Review: `--list` prints every matched title; the demotions and promotions below are
   decided from the titles only (an article about another event of the actor), written down.
6. No v8 story is in any v1-v7 pool: `earlier_overlap` checks ids, queries and core articles
   against every earlier builder's pools, and the build fails if one overlaps.

The rules as applied (from the title listings; no timeline, summary or retrieval was run):
(a) commodity, bill and money-market tenders and export-bonus bids were read out of the TENDER/BID
    titles (not takeovers); the largest takeover groups (Cyclops, GenCorp, USAir, ChemLawn, Purolator,
    Hughes, Conrac, Viacom, Comdata, Taft, Supermarkets General...) are all in earlier pools; taken:
    CSR/Pioneer Sugar (6 titles), then the 3-title groups by first title: Norcros/Williams, Symbion/
    Warburg Pincus, TMOC/Santos. (b) Noranda's mine fire (6), JAL's crash report (5); New Zealand's
    earthquake (4 titles) has 3 matched articles and Japan's quakes are several events, so skipped;
    then the Oklahoma/Texas floods (2 titles). (c) Taiwan's tariff cuts (4), the U.S. sugar quota (3),
    South Korea's tariff cuts (2; the other 2-title groups are in earlier pools or mix events).
    (d) the fiscal 1988 budget in Congress, the Bank of Japan's interventions, the U.K. base rate cuts.
    (e) Craxi's resignation (3); Brazil's group (3) mixes a debt official, Funaro and Sayad -- Sayad's
    resignation taken; Perle and Costa Rica's central bank chief (2 titles) have < 4 articles; then the
    earliest 1-title group with >= 4 articles, San Miguel's board. (f) Canada's corn duty ruling, the
    Delta-Western merger in court, Brazilian orange juice duties. (g) the EC milk accord (7), the
    U.S.-Soviet grain agreement and the U.S.-Canada lumber pact (2 each; thin: 2 and 3 core articles).
    (h) every capital-raising title group has <= 2 titles; of the first six with >= 4 matched
    articles only Hechinger's convertible debentures is one company's offering (Land Securities,
    Walt Disney and Computer Products match other issuers; Burlington is in v3's pool): 1 story.
    So the covered pool has 23 stories. Uncovered pool: one near-miss per covered story (23); five
    `absent` rules fired on the first try and were fixed before the draw: "Oil Search" names a 1987
    company (-> Santos' takeover of Quadrant Energy), "NAFTA" matched "Ina-Naftaplin" (-> NAFTA as a whole word),
    "Collor" a 1987 name (-> Palocci's resignation), "WTO" inside words (-> WTO as a whole word), "2006" bond
    maturities (-> "Softwood Lumber Agreement" only).

This file and its output were committed before ragnews was run on any v8 query.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v2 import drawn_set, reviewed_match, write_set_md5

SEED = 2030
N_COVERED = 16
N_UNCOVERED = 11
OUT_NAME = "stories_heldout_v8.jsonl"

#: The builders of v1-v7, whose pools (drawn or not) v8 must not overlap.
EARLIER_BUILDERS = ("build_story_set", "build_story_set_v2", "build_story_set_v3", "build_story_set_v4",
                    "build_story_set_v5", "build_story_set_v6", "build_story_set_v7")

COVERED_POOL = [
    # (a) takeovers and buyouts
    Story("csr-pioneer-sugar", "CSR's takeover bid for Pioneer Sugar Mills", (r"Pioneer Sugar", r"\bCSR\b")),
    Story("norcros-williams", "Williams Holdings' takeover bid for Norcros",
          (r"Norcros", r"Williams|bid|offer|takeover|merger")),
    Story("symbion-warburg", "Warburg Pincus' tender offer for Symbion", (r"Symbion", r"Warburg|tender|offer|bid")),
    Story("santos-tmoc", "Santos' takeover bid for TMOC Resources", (r"TMOC", r"Santos|bid|offer|takeover")),
    # (b) disasters and accidents
    Story("noranda-mine-fire", "Fire at Noranda's Murdochville copper mine",
          (r"Noranda|Murdochville|Gaspe", r"fire|blaze"), key=r"Noranda|Murdochville|Gaspe"),
    Story("jal-crash-inquiry", "Findings on the cause of the Japan Air Lines jumbo jet crash",
          (r"\bJAL\b|Japan Air ?Lines", r"crash"), key=r"\bJAL\b|Japan Air ?Lines"),
    Story("oklahoma-floods", "Floods in Oklahoma and Texas shutting the Basin oil pipeline",
          (r"flood", r"pipeline|Oklahoma"), key=r"flood"),
    # (c) trade disputes
    Story("taiwan-tariff-cuts", "Taiwan's import tariff cuts to ease its trade surplus with the United States",
          (r"Taiwan", r"tariff", r"\bcut|reduc|lower"), key=r"Taiwan"),
    Story("us-sugar-quota", "The U.S. sugar import quota", (r"\bsugar\b", r"import quota|sugar quota", r"U\.S\.|United States"),
          key=r"sugar quota|import quota"),
    Story("korea-tariff-cuts", "South Korea's tariff cuts and market opening for U.S. goods",
          (r"South Korea|Seoul|S\.\s?Korea", r"tariff", r"\bcut|reduc|lower|open"), key=r"South Korea|Seoul|S\.\s?Korea"),
    # (d) government and central-bank actions
    Story("us-budget-1988", "The House and Senate budget resolutions for fiscal 1988",
          (r"House|Senate|Congress", r"budget resolution|budget committee|budget plan|budget writ", r"fiscal 1988"),
          key=r"budget"),
    Story("boj-intervention", "Bank of Japan intervention to support the dollar",
          (r"Bank of Japan", r"interven", r"dollar"), key=r"Bank of Japan"),
    Story("uk-base-rate-cut", "British banks' base rate cuts",
          (r"base (lending )?rates?", r"\bcut", r"Barclays|Lloyds|Midland|National Westminster|NatWest|clearing bank"),
          key=r"base (lending )?rates?"),
    # (e) resignations and appointments
    Story("craxi-resignation", "Craxi's resignation and Italy's government crisis", (r"Craxi", r"resign|crisis")),
    Story("sayad-resignation", "Resignation of Brazil's planning minister Joao Sayad", (r"Sayad", r"resign")),
    Story("san-miguel-board", "The Philippine government's takeover of San Miguel's board and the fight over its shares",
          (r"San Miguel", r"board|appoint|director|Soriano|Cojuangco|sequest")),
    # (f) court rulings
    Story("canada-corn-ruling", "Canada's ruling on duties against U.S. corn",
          (r"Canad", r"\bcorn\b", r"ruling|duty|duties|countervail|injury"), key=r"\bcorn\b"),
    Story("delta-western-court", "The court ruling on Delta's merger with Western Air Lines",
          (r"Delta", r"Western", r"court|judge|ruling|injunction"), key=r"Western"),
    Story("brazil-orange-juice", "U.S. duties on Brazilian orange juice",
          (r"Brazil", r"orange juice|FCOJ", r"dumping|ruling|duty|duties|Commerce"), key=r"orange juice|FCOJ"),
    # (g) commodity agreements
    Story("ec-milk-pact", "EC agreement on cutting milk output",
          (r"\bEC\b|European Community", r"\bmilk\b|dairy", r"accord|pact|agreement|compromise"), key=r"\bmilk\b|dairy"),
    Story("us-soviet-grain-pact", "Renewal of the U.S.-Soviet grain agreement",
          (r"Soviet|USSR", r"grain agreement|grain pact|grain accord|long-term agreement"),
          key=r"grain agreement|grain pact|grain accord|long-term agreement"),
    Story("canada-lumber-pact", "The U.S.-Canada softwood lumber agreement",
          (r"lumber", r"Canad", r"pact|agreement|accord|memorandum"), key=r"lumber"),
    # (h) company capital raising
    Story("hechinger-debentures", "Hechinger's convertible debenture offering",
          (r"Hechinger", r"convertible|debenture|offering"), note="thin: one offering and two rating changes"),
]

UNCOVERED_POOL = [
    Story("wilmar-sucrogen", "Wilmar's takeover of CSR's sugar business", absent=(r"Wilmar|Sucrogen",),
          note="hard: CSR's 1987 bid for Pioneer Sugar is in the corpus"),
    Story("williams-racal", "Williams Holdings' hostile bid for Racal",
          absent=(r"Williams.{0,200}Racal|Racal.{0,200}Williams",), note="hard: Williams' 1987 bid for Norcros is in the corpus"),
    Story("warburg-bausch", "Warburg Pincus' buyout of Bausch and Lomb",
          absent=(r"Warburg.{0,300}Bausch|Bausch.{0,300}Warburg",), note="hard: Warburg Pincus' 1987 Symbion offer is in the corpus"),
    Story("santos-quadrant", "Santos' takeover of Quadrant Energy", absent=(r"Quadrant Energy",),
          note="hard: Santos' 1987 bid for TMOC is in the corpus"),
    Story("westray-explosion", "Westray coal mine explosion in Nova Scotia", absent=(r"Westray",),
          note="hard: the 1987 fire at Noranda's Quebec mine is in the corpus"),
    Story("jal-haneda-collision", "Collision of a Japan Airlines plane with a coast guard aircraft at Haneda",
          absent=(r"Haneda.{0,300}(collision|collided|coast guard)|coast guard.{0,300}Haneda",),
          note="hard: the inquiry into JAL's 1985 crash is in the corpus"),
    Story("mississippi-flood-1993", "Great Mississippi flood of 1993",
          absent=(r"Great Flood|Mississippi.{0,100}flood.{0,100}1993|1993.{0,100}flood",),
          note="hard: the 1987 Oklahoma and Texas floods are in the corpus"),
    Story("taiwan-wto", "Taiwan's entry into the World Trade Organization",
          absent=(r"World Trade Organi[sz]ation|\bWTO\b",), note="hard: Taiwan's 1987 tariff cuts and GATT talk are in the corpus"),
    Story("nafta-sugar", "The U.S.-Mexico sugar dispute under NAFTA", absent=(r"\bNAFTA\b|North American Free Trade Agreement",),
          note="hard: the 1987 U.S. sugar import quota is in the corpus"),
    Story("korus-fta", "The U.S.-Korea free trade agreement",
          absent=(r"KORUS|Korea.{0,60}free trade agreement|free trade agreement.{0,60}Korea",),
          note="hard: South Korea's 1987 tariff cuts for U.S. goods are in the corpus"),
    Story("us-shutdown-1995", "U.S. government shutdown over the 1996 budget",
          absent=(r"government shutdown|shutdown of the (federal )?government|government (was|is) shut down",),
          note="hard: the fiscal 1988 budget fight is in the corpus"),
    Story("yen-intervention-2011", "G7 joint intervention to weaken the yen after the Tohoku earthquake",
          absent=(r"Tohoku|March 2011|2011 earthquake",), note="hard: the Bank of Japan's 1987 interventions are in the corpus"),
    Story("boe-independence", "Bank of England independence to set interest rates",
          absent=(r"Monetary Policy Committee|operational independence|independence to set (interest )?rates",),
          note="hard: the 1987 base rate cuts are in the corpus"),
    Story("craxi-tangentopoli", "Craxi's flight to Tunisia in the Tangentopoli bribery scandal",
          absent=(r"Tangentopoli|Hammamet|Mani Pulite|Clean Hands",), note="hard: Craxi's 1987 resignation is in the corpus"),
    Story("palocci-resignation", "Resignation of Brazil's finance minister Antonio Palocci", absent=(r"Palocci",),
          note="hard: the 1987 resignations in Brazil's cabinet are in the corpus"),
    Story("kirin-san-miguel", "Kirin's purchase of a stake in San Miguel",
          absent=(r"Kirin.{0,300}San Miguel|San Miguel.{0,300}Kirin",), note="hard: the 1987 fight over San Miguel's shares is in the corpus"),
    Story("canada-dairy-wto", "WTO ruling against Canada's dairy export subsidies",
          absent=(r"\bWTO\b|World Trade Organi[sz]ation",), note="hard: Canada's 1987 corn duty ruling is in the corpus"),
    Story("delta-northwest", "Delta's merger with Northwest Airlines",
          absent=(r"Delta.{0,100}(merge|merging|acqui|combin).{0,100}Northwest|Northwest.{0,100}(merge|merging|combin).{0,100}Delta",),
          note="hard: Delta's 1987 merger with Western is in the corpus"),
    Story("brazil-cotton-wto", "Brazil's WTO case against U.S. cotton subsidies",
          absent=(r"Brazil.{0,300}(WTO|World Trade Organi)|upland cotton.{0,300}Brazil",),
          note="hard: the 1987 U.S. duties on Brazilian orange juice are in the corpus"),
    Story("eu-milk-quota-end", "The end of EU milk quotas in 2015",
          absent=(r"(end|abolition|scrapping) of (the )?(EU|EC) milk quotas?|milk quotas? (end|ended|expire)",),
          note="hard: the EC's 1987 milk output accord is in the corpus"),
    Story("russia-grain-ban", "Russia's ban on grain exports after the drought",
          absent=(r"(Russia|Russian).{0,100}(grain|wheat) export ban|ban on (grain|wheat) exports",),
          note="hard: the U.S.-Soviet grain agreement is in the corpus"),
    Story("softwood-2006", "The 2006 Softwood Lumber Agreement ending the U.S.-Canada dispute",
          absent=(r"Softwood Lumber Agreement",), note="hard: the 1987 lumber memorandum is in the corpus"),
    Story("hechinger-bankruptcy", "Hechinger's bankruptcy and liquidation",
          absent=(r"Hechinger.{0,300}(bankrupt|liquidat|Chapter 11)",), note="hard: Hechinger's 1987 debenture offering is in the corpus"),
]

#: Review by NEWID (from the --list titles only, before any timeline was built): matched articles about another event.
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "csr-pioneer-sugar": ("11213",),  # CSR's sale of Delhi
    "jal-crash-inquiry": ("16089",),  # a U.S. judge on the crash lawsuit
    "oklahoma-floods": ("6209", "8705"),  # a farm disaster programme, a snow storm on the plains
    "taiwan-tariff-cuts": ("1940", "7135", "8597", "14826", "16752", "17207", "17374"),  # reserves, the NICs, soybeans, the ADB
    "us-sugar-quota": ("46", "11043", "10306", "12602"),  # weekly import figures, the Philippine crop, an EC list
    "korea-tariff-cuts": ("3931", "7135", "10268", "14826", "16926"),  # the surplus, the NICs, India, Japan's tariffs
    "us-budget-1988": ("1786", "4508", "5683", "11956"),  # a stock tax, credit reform, fuel taxes, farm cuts
    "boj-intervention": ("5206", "5271", "8714", "9134", "9701", "10382", "13347", "14780", "15450", "16068",
                         "17209"),  # the yen's range, the Paris accord, the Swiss, market reports, the G-7
    "uk-base-rate-cut": ("3111", "3470", "3825"),  # a gilt tranche, fixed-rate mortgages
    "sayad-resignation": ("9464",),  # an economic strategy
    "san-miguel-board": ("5163",),  # the panel on Marcos' funds
    "canada-corn-ruling": ("12372",),  # a House panel on export subsidies
    "ec-milk-pact": ("12372",),  # a House panel on export subsidies
    "canada-lumber-pact": ("9076", "17670"),  # potash, the U.S. trade bill
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "noranda-mine-fire": ("12692",),  # the missing miners found alive
    "oklahoma-floods": ("18389",),  # the flooded pipeline reopens
    "boj-intervention": ("8607", "10654", "13315", "16111"),  # "Japan central bank" buys dollars; Sumita on intervening
    "uk-base-rate-cut": ("2228",),  # the Bank of England resists a cut
    "craxi-resignation": ("13548", "14976"),  # the Christian Democrats end the government
}


def pool_overlap(pool: Sequence[Story], corpus: list[dict[str, str]], earlier: Sequence[Story],
                 demoted: Mapping[str, Sequence[str]], promoted: Mapping[str, Sequence[str]]) -> list[str]:
    """Return why any pool story is already in an earlier pool: the same id or query, or (covered) half or
    more of its core articles (under the set's own review lists) matched by one earlier covered story's rule.
    Empty when the pools are disjoint. Shared by v8 and the later blind sets, each with its own review."""
    ids, queries = {s.id for s in earlier}, {s.query.casefold() for s in earlier}
    problems = [f"{s.id}: id or query of an earlier story" for s in pool if s.id in ids or s.query.casefold() in queries]
    cores = {s.id: {a["id"]: a for a in reviewed_match(s, corpus, demoted, promoted)[0]} for s in pool if s.covered}
    candidates = [a for core in cores.values() for a in core.values()]  # earlier rules need only run on the new core
    for other in (s for s in earlier if s.covered):
        found = rule_ids(other, candidates)
        problems += [f"{sid}: {len(found & core.keys())} of its {len(core)} core articles are matched by {other.id}"
                     for sid, core in cores.items() if core and 2 * len(found & core.keys()) >= len(core)]
    return problems


def rule_ids(story: Story, articles: list[dict[str, str]]) -> set[str]:
    """Return the ids of the articles whose title + body every pattern of a covered story's rule matches."""
    patterns = [re.compile(p, re.IGNORECASE) for p in story.rule]
    return {a["id"] for a in articles if all(p.search(a["title"] + "\n" + a["body"]) for p in patterns)}


class BlindBuilder(NamedTuple):
    """What every blind story-set builder (v8 and later) exposes, made once from its own pools and review."""

    earlier_stories: Callable[[], list[Story]]
    earlier_overlap: Callable[[Sequence[Story], list[dict[str, str]], Sequence[Story]], list[str]]
    build: Callable[[list[dict[str, str]]], list[dict[str, object]]]
    main: Callable[[list[str] | None], int]


def blind_builder(name: str, doc: str | None, earlier_builders: Sequence[str], pools: tuple[list[Story], list[Story]],
                  draw: tuple[int, int, int], review: tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[str]]],
                  out_name: str) -> BlindBuilder:
    """The builder functions of blind set `name`: pools = (covered, uncovered), draw = (n_covered, n_uncovered,
    seed), review = (demoted, promoted). Why one factory: v8, v9 and v10 each carried the same four functions,
    differing only in these values; a later set passes its own and cannot drift from the others' checks."""
    covered, uncovered = pools
    drawn = drawn_set(covered, uncovered, *draw, *review)

    def earlier_stories() -> list[Story]:
        """Return every story of the earlier sets' pools (drawn or not), from their builders."""
        out: list[Story] = []
        for module_name in earlier_builders:
            module = importlib.import_module(f"benchmarks.{module_name}")
            for pool in ("COVERED", "UNCOVERED", "COVERED_POOL", "UNCOVERED_POOL"):
                out += getattr(module, pool, [])
        return out

    def earlier_overlap(pool: Sequence[Story], corpus: list[dict[str, str]], earlier: Sequence[Story]) -> list[str]:
        """Return why any pool story is already in an earlier pool (pool_overlap under this set's own title review)."""
        return pool_overlap(pool, corpus, earlier, *review)

    def build(corpus: list[dict[str, str]]) -> list[dict[str, object]]:
        """Return one record per drawn story (v1 format), after checking no pool story is in an earlier pool."""
        problems = earlier_overlap(covered + uncovered, corpus, earlier_stories())
        if problems:
            raise SystemExit(f"{name} overlaps an earlier story set: " + "; ".join(problems))
        return drawn(corpus)

    def main(argv: list[str] | None = None) -> int:
        """Build the set, write its jsonl (all stories held out) and print its md5 (to compare a rebuild)."""
        return write_set_md5(argv, (doc or "").split("\n")[0], build, out_name)

    return BlindBuilder(earlier_stories, earlier_overlap, build, main)


earlier_stories, earlier_overlap, build, main = blind_builder(
    "v8", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


if __name__ == "__main__":
    raise SystemExit(main(None))
