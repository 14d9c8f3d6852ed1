"""Build the thirteenth, blind held-out timeline story set (v13) from FRANK's 2010s web news (issue 19, session 15).

    python -m benchmarks.build_story_set_v13 ../shared/data [--out benchmarks/datasets] [--list]
    python -m benchmarks.build_story_set_v13 ../shared/data --ingest HOME   # the home v13 is scored on

Why a v13, and why FRANK: v1-v10 (Reuters-21578), v11 and v12 (RealTimeQA 2022) have all been run and read, and a
timeline tuner works on them, so they are dev; their gains did not carry to the blind sets, so v13 comes from a corpus
no timeline tuning has touched: FRANK (../shared/data/cnndm_xsum_frank/frank_articles_refs.jsonl, 250 CNN/DailyMail
articles of 2015 and 251 BBC XSum articles of 2016-2017). TAC 2011 MultiLing (100 WikiNews articles of 2005-2010) has
been seen by timeline tuners, so its articles are only distractors in the home, never stories. Same record format as
v1-v12 (bench_timeline.py scores all), built by v2's `drawn_set` / `reviewed_match` and v8's `blind_builder` (with v8's
`pool_overlap` run against v1-v12's pools) and written by v11's `write_records`.

Corpus and the home (`--ingest HOME`, NewsRAG.ingest_articles with default settings):
- FRANK's 501 articles (every row, CNN/DM and XSum; the summaries suite's file, read in file order) then TAC's 100
  (the summaries suite's `load_tac`: title, date and body of each source file, topic by topic), 601 articles.
- Dates. FRANK gives no publication date. A CNN URL states the day (cnn.com/2015/04/08/...) and is used; otherwise
  the article's date is the day of the web.archive capture stamp in its URL (web.archive.org/web/20150403223948/...),
  which is only an UPPER BOUND of publication: a Daily Mail article of early April 2015 can carry a July 2015
  capture, a BBC article of 2016 a 2017 one. So v13's date-error figure (entries dated after their article's
  publication) is WEAK: an entry can be dated after the real publication and still before the capture day, and a
  few correct entries may fall after a capture stamp that is earlier than a stated later event (none expected).
  TAC's dates are its files' own.
- Titles. FRANK has none: a Daily Mail or CNN article's title is its URL slug with the hyphens as spaces ("Gary
  Locke set confirmed permanent Kilmarnock manager"); a BBC (XSum) URL has only a section and a number, so its
  title is the article's first sentence (ragnews' sentence splitter).
- XSum texts lost their paragraph breaks (3,350 sentence ends glued to the next sentence, "ballot.Ahead of the
  vote") and keep the page's share-button and video-notice text: `xsum_body` drops that chrome and puts a newline
  back at each glued sentence end, so a BBC article reads as its sentences; CNN/DM texts are FRANK's as given.
- Outlet: the URL's host without www. and port (dailymail.co.uk, cnn.com, bbc.co.uk, ...); TAC's is wikinews.
- `newid` (what the review lists name) is an article's 1-based position in that order (FRANK 1-501, TAC 502-601).

Rules, written here before any candidate title was listed:

1. Covered pool = stories of the kinds a journalist asks about, each one actor and one event, found by listing every
   FRANK title with the kind's words: (a) disasters and accidents: CRASH, FLOOD, FIRE, STORM, EARTHQUAKE, EXPLOSION,
   COLLAPSE; (b) elections and votes: ELECTION, VOTE, REFERENDUM, POLL, LEADER, CANDIDATE; (c) trials and court cases:
   TRIAL, COURT, JURY, JAILED, SENTENCED, GUILTY, CHARGED, LAWSUIT; (d) company deals and business: DEAL, TAKEOVER,
   BUY, MERGER, BID, SHARES, JOBS; (e) launches: LAUNCH, UNVEIL, RELEASE, NEW; (f) diplomacy and war: TALKS, VISIT,
   SANCTIONS, ATTACK, STRIKE, ISLAMIC STATE, TROOPS; (g) sport: results, transfers and managers: WIN, BEAT, FINAL,
   SIGN, TRANSFER, MANAGER, BOSS, SACKED; (h) deaths and resignations: DIES, DEATH, DEAD, RESIGN, QUITS; (i) crimes:
   MURDER, KILLED, SHOT, STABBED, ARRESTED, POLICE. Titles are grouped by actor (a person, club, company, country or
   place) and event; a story's size is the number of FRANK articles its rule matches.
2. FRANK is not a news stream but a sample of single articles, so its stories are THIN: a story needs >= 1 matched
   article, and >= 2 are preferred: per kind the stories with the most matched articles are taken first, then
   single-article stories, round-robin over the kinds, until the pool has >= 20. Skipped: a group whose matches mix
   unrelated events of the actor (dropped, not hand-edited), a kind word in another sense (a "fire" sale, a "strike"
   of a ball), a story whose rule matches a TAC article (TAC is never a story), and any story of an earlier pool.
3. Each covered story's rule is an actor pattern plus an alternation of the event's own words (all must match title +
   body, case-insensitive); key = the actor pattern unless said otherwise. Core gold = what the rule matches (v2's
   reviewed_match: core = the key in the title or at least twice in the body, peripheral = once), checked by reading
   the titles. The query is written as a user would ask it; each record's note gives its matched-article count.
4. Uncovered pool = written after the covered pool and before the draw, >= 20 near-misses that did not happen in the
   corpus: the same actor's other event, the same kind of event elsewhere, the event in another year, and near-misses
   ONE DETAIL away from a covered story (another person of the same family or team, another model number, a later
   event of the same person or place). Each has an `absent` rule the script asserts matches no article of the 601
   (a candidate whose assertion fires is replaced by the story's next near-miss, written down below).
5. The set is a seeded sample of each pool (SEED 2035, a new seed; `random.Random(SEED).sample`): 16 covered and 11
   uncovered, so which stories are in it is not chosen by hand.
6. No v13 story shares an id or a query with a v1-v12 pool story, and no covered story has half its core matched by an
   earlier covered story's rule (v8's `pool_overlap`, run over this corpus).

The rules as applied (from the title listings and rule match counts; no timeline, summary or retrieval was run):
- FRANK has few stories of 2+ articles, nearly all from the Daily Mail's April 2015 sport pages: the multi-article
  stories found are (a) Nepal's earthquake and seven of (g) (Mayweather-Pacquiao, the Tyne-Wear derby, the Masters,
  City's defeat at Palace, Villa's FA Cup semi-final, McCoy's retirement, Klopp leaving Dortmund). Round one of the
  singles took one story per kind (a)-(i) (the Sorrento ferry fire, Nigeria's governorship elections, Tsarnaev's
  trial, the Bernard Matthews sale, Russia's Progress cargo ship, Obama and the Armenian genocide, Locke at
  Kilmarnock, Benaud's death, the North Carolina college shooting), 17 stories; round two took (a) the Leeds floods,
  (b) Clancy's election in Birmingham and (c) the Loeb-Vergara embryo dispute, giving 20.
- Not reached: (f)'s second single (Obama's plan to close Guantanamo, one article), as round two stopped at (c).
  Not taken: the talk of a second Scottish independence referendum (commentary from April to July 2015, not one
  event), Hamilton's Chinese Grand Prix pole (the rule also matches a 2017 race), Rickie Fowler's troll (2 articles,
  not an event of the kinds). No covered rule matches a TAC article (checked when the pool was written).
- Uncovered pool: one near-miss per covered story (20), written before the draw; nine `absent` rules fired on the
  first try and were replaced before the draw: the York floods (the Leeds article's "Yorkshire Carnegie ... flood"
  matches) -> Storm Desmond in Cumbria; Ian Ward as Birmingham's leader (named in two articles) -> Andy Street's
  mayoral election; Vergara's wedding to Manganiello (named in the embryo article) -> Sherri Shepherd's surrogacy
  case; Pope Francis in Armenia (the Pope's genocide remarks are in the Obama article) -> Obama's Hiroshima visit;
  "Willett" in the 2016 Masters' rule (named in two other golf reports) -> the year alone; Guardiola replacing
  Pellegrini (Guardiola is named in three articles) -> De Bruyne's signing; Villa's 2016 relegation (relegation
  talk in 2015) -> Sherwood's sacking; Steve Clarke at Kilmarnock (named in two other football articles) -> Lee
  McCulloch; Tony Greig's death ("Greig" is in two other articles) -> Bob Willis's (Phillip Hughes's was next, but
  the Benaud article names him).
- Keys: the actor pattern by default; the event where the actor names several stories (Nigeria's "governor", the
  Tyne-Wear "derby", Villa's "semi", Armenian "genocide", the North Carolina shooting's words).
- Review (title only), written after the draw printed the drawn stories' titles: every matched title is about its
  story, so nothing is demoted or promoted; the one peripheral article (Klopp's, a Bayern match report) stays so.
- Drawn: 16 covered stories with 27 matched articles (26 core, 1 peripheral): 9 stories of 1 article, 4 of 2,
  2 of 3 and 1 of 4; 11 uncovered stories.

The committed stories_heldout_v13.jsonl has md5 23a651f0f0b63109a72335fae197ec57 (a rebuild must print the same).
This file and its output were committed before ragnews was run on any v13 query.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from benchmarks.build_story_set import Story
from benchmarks.build_story_set_v8 import blind_builder
from benchmarks.build_story_set_v11 import ingest_home, realtimeqa_main, write_records
# The FRANK article builders live in the answer suite (ragnews may not import benchmarks/); v13 stores what it loads,
# and re-exports the date, title and text repairs its tests name.
from ragnews.eval.suites.frank import frank_article, frank_rows
from ragnews.eval.suites.frank import frank_day as frank_day
from ragnews.eval.suites.frank import frank_title as frank_title
from ragnews.eval.suites.frank import xsum_body as xsum_body
from ragnews.eval.suites.summaries import load_tac
from ragnews.models import Article

SEED = 2035
N_COVERED = 16
N_UNCOVERED = 11
OUT_NAME = "stories_heldout_v13.jsonl"

#: The builders of v1-v12, whose pools (drawn or not) v13 must not repeat.
EARLIER_BUILDERS = ("build_story_set", "build_story_set_v2", "build_story_set_v3", "build_story_set_v4",
                    "build_story_set_v5", "build_story_set_v6", "build_story_set_v7", "build_story_set_v8",
                    "build_story_set_v9", "build_story_set_v10", "build_story_set_v11", "build_story_set_v12")


def tac_articles(data: Path) -> list[Article]:
    """TAC 2011's 100 WikiNews articles (the summaries suite's `load_tac`), the home's distractors: never stories."""
    return [Article.create(title, body, published=date.fromisoformat(day) if day else None, source="wikinews")
            for topic in load_tac(data) for title, day, body in zip(topic.titles, topic.dates, topic.bodies, strict=True)]


def load_articles(data: Path) -> list[Article]:
    """FRANK's 501 articles then TAC's 100, the v13 home's corpus (ids as ragnews stores them)."""
    return [frank_article(r) for r in frank_rows(data)] + tac_articles(data)


def load_corpus(data: Path) -> list[dict[str, str]]:
    """The corpus in the story builders' shape (id, newid, published, title, body); newid = 1-based position."""
    return [{"id": a.id, "newid": str(n), "published": a.published_iso, "title": a.title, "body": a.body}
            for n, a in enumerate(load_articles(data), 1)]

COVERED_POOL = [
    # (a) disasters and accidents
    Story("nepal-earthquake-2015", "The April 2015 earthquake in Nepal", (r"Nepal", r"earthquake|quake"),
          note="2 articles"),
    Story("sorrento-ferry-fire", "The fire on the Sorrento ferry off Majorca", (r"Sorrento", r"fire|blaze"),
          note="thin: 1 article"),
    Story("leeds-boxing-day-floods", "The floods in Leeds when the River Aire burst its banks",
          (r"Leeds", r"flood", r"Aire"), note="thin: 1 article"),
    # (b) elections and votes
    Story("nigeria-governorship-elections", "Nigeria's 2015 governorship elections",
          (r"Nigeria", r"governor", r"election|vote|poll"), key=r"governor", note="thin: 1 article"),
    Story("clancy-birmingham-leader", "John Clancy's election as Labour leader of Birmingham City Council",
          (r"Clancy", r"leader", r"Birmingham"), note="thin: 1 article"),
    # (c) trials and court cases
    Story("tsarnaev-trial", "Dzhokhar Tsarnaev's trial for the Boston Marathon bombing",
          (r"Tsarnaev", r"trial|jury|verdict|guilty|sentenc"), note="thin: 1 article"),
    Story("loeb-vergara-embryos", "Nick Loeb's dispute with Sofia Vergara over their frozen embryos",
          (r"Loeb", r"Vergara", r"embryo"), note="thin: 1 article"),
    # (d) company deals
    Story("bernard-matthews-sale", "The sale of Bernard Matthews to Ranjit Boparan",
          (r"Boparan|Bernard Matthews", r"sold|sale|buy|bought|deal"), note="thin: 1 article"),
    # (e) launches
    Story("progress-cargo-ship-failure", "The Russian Progress cargo ship that failed on its way to the space station",
          (r"Progress", r"cargo", r"space station|ISS"), note="thin: 1 article"),
    # (f) diplomacy and war
    Story("obama-armenian-genocide", "Obama and the centenary of the Armenian genocide",
          (r"Armen", r"genocide", r"Obama"), key=r"genocide", note="thin: 1 article"),
    # (g) sport: results, transfers, managers
    Story("mayweather-pacquiao-fight", "The Mayweather-Pacquiao fight", (r"Mayweather", r"Pacquiao"), note="2 articles"),
    Story("tyne-wear-derby-2015", "Sunderland's Tyne-Wear derby win over Newcastle in April 2015",
          (r"Sunderland", r"Newcastle", r"derby"), key=r"derby", note="3 articles"),
    Story("masters-2015", "The 2015 Masters at Augusta", (r"Masters", r"Augusta"), note="4 articles"),
    Story("man-city-crystal-palace-defeat", "Manchester City's defeat at Crystal Palace",
          (r"Crystal Palace", r"Manchester City", r"defeat|lost|lose|beat"), note="2 articles"),
    Story("villa-liverpool-fa-cup-semi", "Aston Villa's FA Cup semi-final win over Liverpool",
          (r"Villa", r"Liverpool", r"FA Cup", r"semi"), key=r"semi", note="3 articles"),
    Story("mccoy-retirement", "AP McCoy's retirement from racing", (r"McCoy", r"retir|final season|champion jockey"),
          note="2 articles"),
    Story("klopp-leaves-dortmund", "Jurgen Klopp's departure from Borussia Dortmund",
          (r"Klopp", r"Dortmund", r"leav|step down|quit|depart"), note="2 articles"),
    Story("locke-kilmarnock-manager", "Gary Locke's appointment as Kilmarnock manager", (r"Locke", r"Kilmarnock"),
          note="thin: 1 article"),
    # (h) deaths and resignations
    Story("richie-benaud-death", "The death of Richie Benaud", (r"Benaud", r"died|death|dies|passed away"),
          note="thin: 1 article"),
    # (i) crimes
    Story("north-carolina-college-shooting", "The shooting at a North Carolina community college",
          (r"Wayne Community College|North Carolina", r"shoot|gunman|shot"), key=r"shoot|gunman|shot",
          note="thin: 1 article"),
]

UNCOVERED_POOL = [
    Story("amatrice-earthquake", "The earthquake in Amatrice, Italy", absent=(r"Amatrice",),
          note="hard: the same kind of event elsewhere; the 2015 Nepal earthquake is in the corpus"),
    Story("norman-atlantic-ferry-fire", "The fire on the Norman Atlantic ferry", absent=(r"Norman Atlantic",),
          note="hard, one detail away: another ferry's fire; the Sorrento ferry fire is in the corpus"),
    Story("cumbria-storm-desmond-floods", "The Storm Desmond floods in Cumbria",
          absent=(r"Storm Desmond|Cumbria.{0,100}flood|flood.{0,100}Cumbria",),
          note="hard, one detail away: the same winter's floods in another county; the Leeds floods are in the corpus"),
    Story("ghana-presidential-election", "Ghana's 2016 presidential election",
          absent=(r"Ghana.{0,100}election|Akufo-Addo",),
          note="hard: the same kind of event elsewhere; Nigeria's 2015 governorship elections are in the corpus"),
    Story("andy-street-mayor-election", "Andy Street's election as West Midlands mayor",
          absent=(r"Andy Street|West Midlands mayor",),
          note="hard, one detail away: another Birmingham election; John Clancy's election as council leader is in the corpus"),
    Story("james-holmes-trial", "James Holmes's trial for the Aurora cinema shooting",
          absent=(r"James Holmes|Aurora.{0,50}(cinema|theater|theatre|shooting)",),
          note="hard: the same kind of event elsewhere; Dzhokhar Tsarnaev's trial is in the corpus"),
    Story("sherri-shepherd-surrogacy-case", "Sherri Shepherd's court case over her surrogate baby",
          absent=(r"Sherri Shepherd|Lamar Sally",),
          note="hard: the same kind of event for another actor; Nick Loeb's embryo dispute with Sofia Vergara is in the corpus"),
    Story("boparan-northern-foods", "Ranjit Boparan's takeover of Northern Foods", absent=(r"Northern Foods",),
          note="hard, one detail away: the same buyer's other deal; his purchase of Bernard Matthews is in the corpus"),
    Story("spacex-dragon-launch-failure", "The SpaceX Falcon 9 rocket that exploded carrying a Dragon cargo ship",
          absent=(r"Falcon 9|CRS-7|Dragon.{0,100}(cargo|capsule)",),
          note="hard, one detail away: another cargo ship lost on its way to the space station; Russia's Progress failure is in the corpus"),
    Story("obama-hiroshima-visit", "Obama's visit to Hiroshima", absent=(r"Hiroshima",),
          note="hard: the same actor's other event; Obama and the Armenian genocide centenary is in the corpus"),
    Story("mayweather-mcgregor-fight", "The Mayweather-McGregor fight", absent=(r"McGregor",),
          note="hard, one detail away: the same boxer's later opponent; the Mayweather-Pacquiao fight is in the corpus"),
    Story("merseyside-derby", "The Merseyside derby between Everton and Liverpool", absent=(r"Merseyside derby",),
          note="hard: the same kind of event elsewhere; the 2015 Tyne-Wear derby is in the corpus"),
    Story("masters-2016", "The 2016 Masters at Augusta, won by Danny Willett",
          absent=(r"2016 Masters|Masters 2016|Augusta.{0,200}2016|2016.{0,200}Augusta",),
          note="hard, one detail away: the event in another year; the 2015 Masters is in the corpus"),
    Story("man-city-de-bruyne-signing", "Manchester City's signing of Kevin De Bruyne", absent=(r"De Bruyne",),
          note="hard: the same club's other event; Manchester City's defeat at Crystal Palace is in the corpus"),
    Story("sherwood-sacked-villa", "Tim Sherwood's sacking as Aston Villa manager",
          absent=(r"Sherwood.{0,100}(sack|dismiss|fired|leave|depart)",),
          note="hard: the same club's later event; Aston Villa's 2015 FA Cup semi-final is in the corpus"),
    Story("ruby-walsh-retirement", "Ruby Walsh's retirement from racing",
          absent=(r"Ruby Walsh.{0,200}retir|retir.{0,200}Ruby Walsh",),
          note="hard, one detail away: another champion jump jockey's retirement; AP McCoy's is in the corpus"),
    Story("klopp-joins-liverpool", "Jurgen Klopp's appointment as Liverpool manager",
          absent=(r"Klopp.{0,200}Liverpool|Liverpool.{0,200}Klopp",),
          note="hard, one detail away: a later event of the same man; his departure from Dortmund is in the corpus"),
    Story("mcculloch-kilmarnock-manager", "Lee McCulloch's appointment as Kilmarnock manager", absent=(r"McCulloch",),
          note="hard, one detail away: a later manager of the same club; Gary Locke's appointment is in the corpus"),
    Story("bob-willis-death", "The death of Bob Willis", absent=(r"Bob Willis",),
          note="hard, one detail away: another cricketer and commentator's death; Richie Benaud's is in the corpus"),
    Story("umpqua-college-shooting", "The shooting at Umpqua Community College in Oregon", absent=(r"Umpqua|Roseburg",),
          note="hard: the same kind of event elsewhere; the 2015 North Carolina college shooting is in the corpus"),
]

#: Review by `newid` (corpus position; from the --list titles only, before any timeline was built).
REVIEW_DEMOTE: dict[str, tuple[str, ...]] = {}
#: Matched articles whose key occurs once but whose title is about the story.
REVIEW_PROMOTE: dict[str, tuple[str, ...]] = {}


earlier_stories, earlier_overlap, build, _blind_main = blind_builder(
    "v13", __doc__, EARLIER_BUILDERS, (COVERED_POOL, UNCOVERED_POOL), (N_COVERED, N_UNCOVERED, SEED),
    (REVIEW_DEMOTE, REVIEW_PROMOTE), OUT_NAME)


def build_home(data: Path, home: Path) -> float:
    """Ingest FRANK + TAC into a ragnews home (v11's `ingest_home`): the home v13 is scored on."""
    return ingest_home(load_articles(data), home)


def write_set(corpus: list[dict[str, str]], out: Path, show: bool) -> Path:
    """Build the set from the corpus, optionally list its titles, write OUT/OUT_NAME (v11's writer)."""
    return write_records(build(corpus), corpus, out / OUT_NAME, show)


def main(argv: list[str] | None = None) -> int:
    """Write the set and print its md5, or with --ingest build the FRANK + TAC home (v11's command line)."""
    return realtimeqa_main(argv, __doc__, write_set, load_corpus, build_home)


if __name__ == "__main__":
    raise SystemExit(main(None))
