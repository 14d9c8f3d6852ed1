"""Build the fourteenth, blind held-out timeline story set (v14) from RealTimeQA's 2022 news (issue 19, session 16).

    python -m benchmarks.build_story_set_v14 ../shared/data [--out benchmarks/datasets] [--list]
    python -m benchmarks.build_story_set_v14 ../shared/data --ingest HOME   # the same home v11 and v12 are scored on

Why a v14: v1-v10 (Reuters-21578), v11 and v12 (RealTimeQA 2022) and v13 (FRANK) have all been run and read, so from
session 16 on they are dev sets and v14 is the blind held-out set the timeline code is measured on once, after its
tuning. v13's FRANK articles have no real publication dates (web-archive capture stamps), so its date-error figure
was weak; v14 goes back to RealTimeQA (real publication dates, several outlets per story) but, as v12 did after v11,
takes stories OUTSIDE every earlier pool: no v14 story, covered or uncovered, is a v1-v13 pool story, one of v11's
or v12's near-misses (drawn or not, or replaced before the draw) or a story v11 or v12 skipped. NO new home is
needed: v14 is drawn from the SAME corpus as v11 and v12 and scored on the same home (`--ingest HOME` builds it
exactly as v11's builder does; the lead's copy is /tmp/lead13/v11_home). Same record format as v1-v13
(bench_timeline.py scores all), built by v2's `drawn_set` / `reviewed_match` and v8's `blind_builder` (with v8's
`pool_overlap` run against v1-v13's pools), loaded and written by v11's functions.

Rules (v12's, with the session-16 brief's changes: thin stories of 2-3 articles, a new seed):

0. Corpus: v11's (RealTimeQA's 22 weeks, 2022-06-17 .. 2022-11-11, the realtimeqa suite's loader: every gold
   article plus every search result, deduplicated by URL, cut to 3000 characters; 3,760 articles). `newid` is an
   article's 1-based position in the loader's order, as in v11 and v12.
1. Covered pool = 2022 news stories, each one actor and one event, of v11's nine kinds (a) disasters, (b) elections
   and votes, (c) trials and court cases, (d) company deals, (e) launches, (f) diplomacy and war, (g) sports finals
   and retirements, (h) deaths and resignations, (i) shootings and crimes, found by listing every 2022 title (or the
   first line of an untitled body) with the kind's words (v11's lists). Per kind: (1) the largest story not in ANY
   earlier pool (v1-v13 pools, v11's and v12's near-misses and skipped stories), with >= 4 matched articles; and,
   new in v14, (2) one THIN story whose rule matches only 2 or 3 articles (issue 19: "a thin story gives the few
   entries it has"): of the kind's thin stories the one with the most matches, ties broken by the lowest newid of
   its titles. If that leaves fewer than 20, the kinds are taken again in order, each adding its next-largest story
   of >= 4 articles (a kind with none adds nothing), until the pool has 20. Skipped, as in v11/v12: a group whose
   matches mix unrelated events of the actor or are only daily digests (dropped, not hand-edited), a kind word in
   another sense, and any story of an earlier pool or that v11 or v12 skipped -- each skip replaced by the next
   story by the same rule.
2. Each covered story's rule is an actor pattern plus an alternation of the event's own words (all must match
   title + body, case-insensitive); key = the actor pattern unless said otherwise. The query is written as a user
   would ask it; a thin story's note says so and gives its match count.
3. Uncovered pool (>= 20) = written after the covered pool and before the draw, one per covered pool story: a
   near-miss that did not happen in the corpus -- the same actor's other event, the same kind of event elsewhere,
   the event in a year the corpus does not reach (after 2022: its search results reach back years), or one detail
   away from a covered story (another model number, another member of a family, a later event at the same place or
   of the same person). No near-miss repeats a v11 or v12 near-miss (drawn, not drawn, or replaced). Each has an
   `absent` rule the script asserts matches no article (a candidate whose assertion fires is replaced by the
   story's next near-miss, written down below).
4. The set is a seeded sample of each pool (SEED 2036, a new seed; `random.Random(SEED).sample`): 16 covered of
   20 and 11 uncovered of 20, so which stories are in it is not chosen by hand.
5. Gold (v2's reviewed_match): core = the key in the title or at least twice in the body, peripheral = once.
   Review: `--list` prints every matched title; demotions and promotions are decided from titles only and
   written down with their reason.
6. No v14 story shares an id or a query with a v1-v13 pool story, and no covered story has half its core matched
   by an earlier covered story's rule (v8's `pool_overlap`, run over this corpus with v11, v12 and v13 among the
   earlier builders).

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- Rule 1 as applied, round one, (largest; thin): (a) Britain's July heat wave (6; the Fukushima earthquake, 2);
  (b) Pennsylvania's Oz-Fetterman Senate race (9; Bolduc's primary, 2); (c) the Mar-a-Lago search (26; the Nazi camp
  guard's conviction, 3); (d) Juan Soto's trade (6; Chelsea's sale, 3); (e) Apple's iOS 16 unveiling (4; the iPhone
  SE, 2); (f) North Korea's missile over Japan (6; the Summit of the Americas, 3); (g) Alcaraz's US Open (11; the
  Aces' WNBA title, 3); (h) Sri Lanka's crisis (10; Nichelle Nichols's death, 2); (i) Beyond Meat's COO's arrest (4,
  two of them about it; (i) has no thin story: the other crimes left have one article or only daily digests). That
  is 17; round two added (b) Meloni's election (7), (c) the Malcolm X exonerations (4) and, (d) and (e) having no
  story of >= 4 left, (f) the Samarkand SCO summit (4), giving 20. Thin stories: 8 in the pool.
- Thin ties (rule 1: the lowest newid): (a) the 2-article stories were the Fukushima quake (429), Storm Eunice, the
  Tunnel Fire, the South African and Dallas floods and the Utah spider wildfire; (b) Bolduc (2500) before Crist's
  Florida primary; (e) the iPhone SE (1982) before Axiom's private mission (2946), the electric Jeep and the
  Rolls-Royce Spectre -- Axiom was first written into the pool by mistake and replaced before the set was committed
  (the draw's index for it stayed; its near-miss, Axiom's second mission, was replaced by the iPhone 16e with it);
  (h) Nichols (68) before Sacheen Littlefeather, Will Smith's Academy resignation, Draghi's and Sudan's prime
  minister's resignations.
- Skipped as mixing events or only digests (dropped, not hand-edited): the Kentucky floods (only daily digests and
  other floods match), France's presidential election (one report; the rest commentary), the Texas primaries, the
  Ghislaine Maxwell and Marilyn Manson cases (several years' events), Brian Flores's lawsuit (2 of 4 about it), the
  Big Ten's media deal (5 of 8 from other years), the Canada and Las Vegas stabbings and the Tulsa shooting (only
  digests). Skipped as an earlier set's skipped story: Gorbachev's death, Rushdie's stabbing, Kirchner's attempted
  assassination, Biden's Saudi trip, the Highland Park shooting, the Australian election, Cosby's trial, Amazon's One
  Medical deal, Crew-5 and Starliner, the Pope in Canada, the G7 summit, Truss, Sunak and Musk's Twitter deal.
- Uncovered pool: one near-miss per covered pool story (20), written before the draw; six `absent` rules fired on
  the first try and were replaced before the draw: "Babet" (Storm Babet; a name) and then "Ciarán" (Storm Ciarán;
  names) (-> the Rhodes wildfires), "Furchner|Stutthof" (the Stutthof secretary's 2021 trial is in the corpus; ->
  the Reichsbuerger coup trial), "Ratcliffe" (John Ratcliffe; -> a Manchester United-bound rule), "spy satellite"
  (-> Kim Jong Un at the Vostochny cosmodrome), "Alcaraz ... Wimbledon" (his 2022 Wimbledon is in the corpus; ->
  his Olympic final), "Do Kwon|Montenegro" (Terra's collapse is in the corpus; -> Pavel Durov's arrest).
- Pool check (rule 6): the Summit of the Americas' core first held a Donald Trump Jr. article (350) matched by v12's
  Cheney primary rule; its title is not about the summit, so the review demotes it (below), which clears the check.
- Review (title only) below; written after the draw printed the drawn stories' titles -- the draw does not depend on
  the review, which only splits each story's matched articles into core and peripheral.

The committed stories_heldout_v14.jsonl has md5 65bd33db9fd9d42bb38c38da141520b1 (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v14 query.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder
from benchmarks.build_story_set_v11 import realtimeqa_main, write_records
from benchmarks import build_story_set_v13 as v13

SEED = 2036
N_COVERED = 16
N_UNCOVERED = 11
OUT_NAME = "stories_heldout_v14.jsonl"

#: The builders of v1-v13, whose pools (drawn or not) v14 must not repeat: v13's list and v13.
EARLIER_BUILDERS = (*v13.EARLIER_BUILDERS, "build_story_set_v13")

COVERED_POOL = [
    # (a) disasters
    Story("uk-heat-wave", "Britain's record heat wave in July", (r"heat ?wave|extreme heat", r"\bUK\b|Britain",
                                                                    r"hottest|40 ?C|40C|104"), key=r"heat"),
    Story("fukushima-earthquake", "The 7.4-magnitude earthquake off Fukushima in Japan",
          (r"Japan", r"earthquake|quake", r"Fukushima|Miyagi"), key=r"earthquake|quake", note="thin: 2 articles"),
    # (b) elections and votes
    Story("pennsylvania-senate-race", "Pennsylvania's Senate race between Mehmet Oz and John Fetterman",
          (r"\bOz\b", r"Fetterman", r"Senate"), key=r"Fetterman"),
    Story("bolduc-primary", "Don Bolduc's win in New Hampshire's Republican Senate primary",
          (r"Bolduc", r"primary", r"New Hampshire"), note="thin: 2 articles"),
    Story("meloni-election", "Giorgia Meloni's victory in Italy's election", (r"Meloni", r"election|vote")),
    # (c) trials and court cases
    Story("mar-a-lago-search", "The FBI search of Donald Trump's Mar-a-Lago home",
          (r"Mar-a-Lago", r"FBI", r"search warrant|searched|raid")),
    Story("nazi-guard-conviction", "The conviction of a 101-year-old former Nazi camp guard in Germany",
          (r"Nazi", r"guard", r"convicted|sentenced", r"101"), key=r"guard", note="thin: 3 articles"),
    Story("malcolm-x-exonerations", "The men wrongly convicted of killing Malcolm X",
          (r"Malcolm X", r"exonerat|wrongful|Aziz")),
    # (d) company deals
    Story("juan-soto-trade", "The trade of Juan Soto to the San Diego Padres", (r"Juan Soto", r"Padres", r"trade"),
          key=r"\bSoto\b"),
    Story("chelsea-sale", "The sale of Chelsea Football Club",
          (r"Chelsea", r"buy|sale|bid", r"Abramovich|Boehly|consortium"), note="thin: 3 articles"),
    # (e) launches
    Story("ios-16-unveiling", "Apple's unveiling of iOS 16 at WWDC",
          (r"Apple", r"iOS 16", r"lock screen|WWDC|developers conference"), key=r"iOS 16"),
    Story("iphone-se-launch", "Apple's new iPhone SE unveiled at its March event", (r"iPhone SE", r"Apple"),
          note="thin: 2 articles"),
    # (f) diplomacy and war
    Story("north-korea-missile-japan", "North Korea's missile launch over Japan",
          (r"North Korea", r"missile", r"over Japan")),
    Story("summit-of-the-americas", "The Summit of the Americas in Los Angeles", (r"Summit of the Americas",),
          note="thin: 3 articles"),
    Story("sco-samarkand-summit", "The Shanghai Cooperation Organization summit in Samarkand",
          (r"Samarkand|Shanghai Cooperation",)),
    # (g) sports
    Story("alcaraz-us-open", "Carlos Alcaraz's US Open title", (r"Alcaraz", r"US Open|U\.S\. Open", r"final|Ruud|title")),
    Story("aces-wnba-title", "The Las Vegas Aces' WNBA title", (r"Aces", r"Connecticut Sun|\bSun\b", r"WNBA Finals"),
          key=r"\bAces\b", note="thin: 3 articles"),
    # (h) deaths and resignations
    Story("sri-lanka-crisis", "Sri Lanka's economic crisis and the fall of President Gotabaya Rajapaksa",
          (r"Sri Lanka", r"Rajapaksa", r"resign|flee|fled|protest")),
    Story("nichelle-nichols-death", "The death of Nichelle Nichols", (r"Nichelle Nichols", r"died|dies|dead|death"),
          key=r"Nichols", note="thin: 2 articles"),
    # (i) shootings and crimes
    Story("beyond-meat-coo-arrest", "The arrest of Beyond Meat's chief operating officer",
          (r"Beyond Meat", r"Ramsey", r"arrest|bit"), key=r"Ramsey"),
]

UNCOVERED_POOL = [
    Story("rhodes-wildfires", "The wildfire evacuations on the Greek island of Rhodes",
          absent=(r"Rhodes.{0,200}(wildfire|fire|evacuat|blaze)|(wildfire|fire|evacuat|blaze).{0,200}Rhodes",),
          note="hard: Britain's 2022 heat wave (and Europe's fires that July) is in the corpus"),
    Story("noto-earthquake", "The Noto Peninsula earthquake in Japan", absent=(r"\bNoto\b",),
          note="hard, one detail away: another Japanese earthquake; the 2022 Fukushima quake is in the corpus"),
    Story("casey-mccormick-senate-race", "Pennsylvania's Senate race between Bob Casey and Dave McCormick",
          absent=(r"Casey.{0,200}McCormick|McCormick.{0,200}Casey",),
          note="hard, one detail away: a later Senate race in the same state; Oz v Fetterman (2022) is in the corpus"),
    Story("ramaswamy-ohio-governor", "Vivek Ramaswamy's campaign for governor of Ohio", absent=(r"Ramaswamy",),
          note="hard: Don Bolduc's 2022 New Hampshire primary is in the corpus"),
    Story("wilders-dutch-election", "Geert Wilders' party winning the Dutch election", absent=(r"Wilders",),
          note="hard: Giorgia Meloni's 2022 election win in Italy is in the corpus"),
    Story("biden-wilmington-search", "The FBI search of Joe Biden's Wilmington home for classified documents",
          absent=(r"Wilmington.{0,200}(search|documents)|(search|documents).{0,200}Wilmington|Penn Biden Center",),
          note="hard, one detail away: another president's home searched; the 2022 Mar-a-Lago search is in the corpus"),
    Story("reichsburger-coup-trial", "The trial of the Reichsbürger coup plotters in Germany",
          absent=(r"Reichsb(ü|ue|u)rger|Heinrich XIII|Prince Reuss",),
          note="hard: the 2022 conviction of a former Nazi camp guard in Germany is in the corpus"),
    Story("glynn-simmons-exoneration", "The exoneration of Glynn Simmons in Oklahoma", absent=(r"Glynn Simmons",),
          note="hard: the 2022 settlements with the men wrongly convicted of killing Malcolm X are in the corpus"),
    Story("ohtani-dodgers-signing", "Shohei Ohtani's signing with the Los Angeles Dodgers",
          absent=(r"Ohtani.{0,200}(sign|contract|deal).{0,200}Dodgers|Dodgers.{0,200}(sign|contract|deal).{0,200}Ohtani",),
          note="hard: Juan Soto's 2022 trade to the Padres is in the corpus"),
    Story("manchester-united-ratcliffe", "Jim Ratcliffe's purchase of a stake in Manchester United",
          absent=(r"Ratcliffe.{0,200}Manchester United|Manchester United.{0,200}Ratcliffe|INEOS",),
          note="hard, one detail away: another Premier League club's sale; Chelsea's 2022 sale is in the corpus"),
    Story("ios-17-unveiling", "Apple's unveiling of iOS 17", absent=(r"iOS 17",),
          note="hard, one detail away: another version number; iOS 16's unveiling (2022) is in the corpus"),
    Story("iphone-16e-launch", "Apple's launch of the iPhone 16e", absent=(r"iPhone 16",),
          note="hard, one detail away: the iPhone SE's successor (another model name); the 2022 iPhone SE is in the corpus"),
    Story("kim-putin-vostochny", "Kim Jong Un's meeting with Vladimir Putin at the Vostochny cosmodrome",
          absent=(r"Vostochny",),
          note="hard: the same actor's other event; North Korea's 2022 missile over Japan is in the corpus"),
    Story("brics-johannesburg-summit", "The BRICS summit in Johannesburg",
          absent=(r"Johannesburg.{0,200}BRICS|BRICS.{0,200}Johannesburg",),
          note="hard: the 2022 Summit of the Americas is in the corpus"),
    Story("sco-astana-summit", "The Shanghai Cooperation Organization summit in Astana", absent=(r"Astana",),
          note="hard, one detail away: a later summit of the same bloc; the 2022 Samarkand summit is in the corpus"),
    Story("alcaraz-olympic-final", "Carlos Alcaraz's Olympic tennis final in Paris",
          absent=(r"Alcaraz.{0,300}Olympi|Olympi.{0,300}Alcaraz",),
          note="hard, one detail away: the same player's later final; his 2022 US Open title is in the corpus"),
    Story("liberty-wnba-title", "The New York Liberty's WNBA championship",
          absent=(r"Liberty.{0,200}(WNBA title|championship)|(WNBA title|championship).{0,200}New York Liberty",),
          note="hard, one detail away: another team's WNBA title; the Aces' 2022 title is in the corpus"),
    Story("dissanayake-election", "Anura Kumara Dissanayake's election as Sri Lanka's president",
          absent=(r"Dissanayake",),
          note="hard, one detail away: a later change of Sri Lanka's president; the 2022 crisis is in the corpus"),
    Story("leonard-nimoy-death", "The death of Leonard Nimoy", absent=(r"Nimoy",),
          note="hard, one detail away: another Star Trek actor's death; Nichelle Nichols's (2022) is in the corpus"),
    Story("pavel-durov-arrest", "The arrest of Telegram's Pavel Durov in France", absent=(r"Durov",),
          note="hard: the 2022 arrest of Beyond Meat's chief operating officer is in the corpus"),
]

#: Review by `newid` (corpus position; from the --list titles only, before any timeline was built).
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {
    "uk-heat-wave": ("314",),  # a 2021 Met Office climate report
    "summit-of-the-americas": ("350",),  # Donald Trump Jr.'s texts after the 2020 election
    "juan-soto-trade": ("2965",),  # Judge's and Pujols's home run chase in September
    "aces-wnba-title": ("108",),  # Sue Bird's retirement after the semifinal, before the Finals
}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {
    "juan-soto-trade": ("1516",),  # the trade deadline's "Padres make a super-team" (the Soto trade)
}


earlier_stories, earlier_overlap, build, _blind_main = blind_builder(
    "v14", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


def write_set(corpus: list[dict[str, str]], out: Path, show: bool) -> Path:
    """Build the set from the corpus, optionally list its titles, write OUT/OUT_NAME (v11's writer)."""
    return write_records(build(corpus), corpus, out / OUT_NAME, show)


def main(argv: list[str] | None = None) -> int:
    """Write the set and print its md5, or with --ingest build the corpus's home (v11's command line)."""
    return realtimeqa_main(argv, __doc__, write_set)


if __name__ == "__main__":
    raise SystemExit(main(None))
