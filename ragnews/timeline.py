"""Dated timelines of a story: event dates resolved from the text, entries cited and verified.

Date resolution (hand-written: dateparser/dateutil resolve "Monday" against today's date and
know nothing of news conventions or tense, which is what matters here). Against the
article's publication date P:

* "Aug. 16", "August 16", "16 August" -> that day in P's year, or the previous year when it
  would fall more than 60 days after P; with a year ("August 23, 2021") -> exactly that day.
* a weekday ("on Monday", "published Monday") -> the most recent such day on or before P;
  "last Monday" -> strictly before P; "next Monday", or a weekday whose own clause is in the
  future tense ("will meet on Tuesday", "is expected to meet ... on Tuesday", "is scheduled
  for Thursday"; the governing verb from spaCy's parse, see dates.clause_tense) -> the
  first such day on or after P (so "is expected to meet ... on Tuesday", P = Monday 23 Aug
  2021, gives Tuesday 24 Aug). A weekday in a past-tense clause never resolves after P, even
  when a future cue appears elsewhere in the sentence ("Bangladesh will receive a grant ...
  under an agreement signed here Saturday"); when the parse finds no verb, a future cue
  before the weekday decides. The same holds for a month-day without a year: in a past-tense
  clause it never lands after P (it is then last year's) -- unless it is the deadline or arranged
  day of what the past act set ("had given SAS until March 31"): this year's, and it does not date
  the sentence (dates.DateMention.scheduled).
* "today"/"tonight" -> P, "yesterday" -> P - 1, "tomorrow" -> P + 1.
* vague expressions ("earlier this month", "last week", "last month", "recently") are not
  turned into a day. A sentence dated only vaguely is left out, unless it is the article's
  lead: then it is dated by P with date_basis "published" and the timeline carries a
  warning that the event happened before that date.
* a wire dateline ("SEOUL, June 21 (Reuters) -") is the filing date, not an event: it is
  skipped when reading event dates.

Articles without a publication date (P unknown): only fully stated dates (with a year)
can be used; their other sentences are left out and the timeline says how many.

Which sentences become entries: every sentence whose main clause has a resolved (stated) date
in the articles retrieved for the query (one article per syndicated story; a date only in a
relative, participial or adverbial clause is background -- dates.main_mention), plus each
article's lead sentence (dated as stated, else by publication date), ranked by query relevance when
there are more than the limit, then put in event order (date, then article, then position). A sentence whose main
clause says something did not happen ("There were no shipments ...", story.main_clause_negated) is never an entry.
Before the ranking, a lone event -- its article's only candidate, reported by no other article, under a headline that
does not state the story's event -- is left out when its sentence is unlike the story's other events (story_consistent).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from .dates import (Basis, DateMention, event_date, find_dateline, governing_verb, main_mention, resolve_dates,
                    resolve_month_day, resolve_weekday, to_day, YEAR)
from ._text import sentence_spans
from .evidence import Search, article_evidence, finish_citations, fit_context, marked_text, prompt_sources, story_articles
from .injection import visible_body, warnings_for
from .models import Article, Citation, Evidence, Timeline, TimelineEntry
from .protocols import Timeliner
from .records import Records
from .story import StoryTest, article_sieve, main_clause_negated

if TYPE_CHECKING:
    from .protocols import LLM
    from .verify import Verifier

MAX_ENTRIES = 20
TIMELINE_K = 12
#: Two reports of one event: dated at most this many days apart, and cosine or stem Jaccard at least these.
DUPLICATE_DAYS = 1
DUPLICATE_COSINE = 0.85
DUPLICATE_JACCARD = 0.6

# ----------------------------------------------------------------------------------------
# Event extraction
# ----------------------------------------------------------------------------------------


@dataclass
class Event:
    """A candidate timeline entry: an exact sentence of an article and its date."""

    article: int
    position: int
    start: int
    end: int
    text: str
    day: date
    basis: Basis
    vague: bool = False
    relevance: float = 0.0
    vector: Any = None
    reports: list["Event"] = field(default_factory=list)


def article_events(article: Article, index: int = 0, on_story: Callable[[str], bool] | None = None) -> tuple[list[Event], int]:
    """Return an article's dated sentences (plus its lead) and how many sentences could not be dated.

    Args:
        article: the article.
        index: its number among the timeline's articles.
        on_story: keeps only the sentences that touch the story (its lead too).

    Returns:
        (events, undated): undated counts sentences with a date expression that could not be resolved
        because the publication date is unknown.
    """
    published = to_day(article.published)
    body = visible_body(article)  # sentences addressed to AI readers blanked: never an event
    dateline = find_dateline(body)
    skip = dateline.end if dateline else 0
    events, undated = [], 0
    for i, (s, e) in enumerate(sentence_spans(body)):
        text = body[s:e]
        if on_story is not None and not on_story(text):
            continue
        reading = body[max(s, skip):e] if s < skip else text
        mentions = resolve_dates(reading, published)
        main = main_mention(reading, mentions)  # a date of a subordinate clause is background, not the event's
        vague = any(m.kind == "vague" for m in mentions)
        candidate = main is not None and main.value is not None or i == 0
        if candidate and main_clause_negated(text):
            continue  # says something did not happen ("There were no shipments ..."): no event
        if candidate and credit_or_caption(text, main, published):
            continue  # "Scott Barbour/Getty Images Serena Williams waves ...", "... lands at ... on March 28, 2007."
        if main is not None and main.value is not None:
            events.append(Event(index, i, s, e, text, main.value, "stated"))
        elif i == 0 and published:
            events.append(Event(index, i, s, e, text, published, "published", vague=vague))
        elif mentions and published is None:
            undated += 1
    return events, undated


#: A photo credit inside a sentence ("Scott Barbour/Getty Images Serena Williams waves ...", "(Photo: AP)"): the
#: sentence is a picture's caption. The agencies' and papers' own credit formats, not a story's words.
_PHOTO_CREDIT = re.compile(r"\bGetty Images\b|\bAP Photo\b|\((?:Photo|Image|Picture)s?\b|\b(?:Photo|Image|Picture)"
                           r"(?:graph)?s?(?: credit)?\s*:", re.IGNORECASE)
#: A photo credit leading a caption, as web pages run the credit of one picture into the caption of the next: a
#: photographer's name and agency joined by a slash ("Ebrahim Noroozi/AP An Afghan man looks for ...", "Ali
#: Khara/Reuters A Taliban fighter ...", "NASA/ESA/CSA/STScI Webb's landscape-like view ..."), or a wire agency's
#: name alone before the caption's first word ("AP People help in search and rescue ..."). A slash inside a sentence
#: ("HIV/AIDS deaths fell") is not at its start before a capitalised word, so it stays.
_CREDIT_LEAD = re.compile(r"^\W*(?:(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*(?:/[A-Z][\w&'’.-]*)+"
                          r"|AP|AFP|Reuters|EPA)\s+(?=[A-Z])")
#: A credit line or byline is short ("Scott Martin and Jon Swartz", "São Paulo, Brazil CNN —"); a longer line with no
#: verb tagged is a sentence whose verb the tagger missed ("The Senate overrode President Reagan's veto ...": "overrode"
#: tagged a noun).
CREDIT_WORDS = 6


def credit_or_caption(text: str, main: DateMention | None, published: date | None) -> bool:
    """True for a line of an article that reports no event though it is dated or leads the article: a credit line or
    byline, short and with no verb (CREDIT_WORDS: "AP", "CNN —", "Scott Martin and Jon Swartz"), a sentence holding a
    photo credit (_PHOTO_CREDIT) or led by one (_CREDIT_LEAD: "Ebrahim Noroozi/AP An Afghan man looks for ..."), a line
    addressed to the reader (imperative: "Sign up for CNN's ... newsletter."), or a photo caption -- its main verb in
    the simple present and its date a month-day on or before publication, with or without its year ("A police officer
    stands outside the home of Nancy and Paul Pelosi in San Francisco on October 28, 2022.", TAC's "Air France
    A330-200 F-GZCP lands at Paris-Charles de Gaulle Airport on March 28, 2007.", "A man sits on the debris of a
    building after an earthquake in Paktika , Afghanistan on June 22.").

    Why: web news bodies keep their credits and captions as text (RealTimeQA's "AP" lead was a Federer entry, a
    Getty caption a Serena Williams one; captions credited "Name/AP" or dated "on June 23" gave eight Afghanistan
    earthquake entries). News reports a past event in the past tense; the present tense with a month-day is how a
    caption describes its picture, and a future event so written ("the offer expires on March 31, 1987") is dated
    after its article, so it is kept. A weekday in the present ("Biden signs the bill on Tuesday") is news style, not
    a caption's, and stays."""
    from .nlp import parse

    if _PHOTO_CREDIT.search(text) or _CREDIT_LEAD.search(text):
        return True
    doc = parse(text)
    if not any(t.pos_ in ("VERB", "AUX") for t in doc) and sum(t.is_alpha for t in doc) <= CREDIT_WORDS:
        return True
    root = doc[:].root
    if imperative(root):
        return True
    return main is not None and _caption_date(main, published) and _simple_present(root) and _dates_verb(doc, main, root)


#: A caption without a year dates its picture within this many days before the article's publication.
CAPTION_DAYS = 7


def _caption_date(main: DateMention, published: date | None) -> bool:
    """A caption's date: a month-day on or before publication, with its year, or without it within CAPTION_DAYS.

    Why the window: a yearless month-day in the present tense is also how news writes a coming event ("The current
    pacts expire September 14." in a March article, whose date the resolver may put a year back); a picture's date is
    of the days the article reports."""
    day = main.value
    if day is None or published is None or main.kind != "absolute" or day > published:
        return False
    return bool(YEAR.search(main.text)) or (published - day).days <= CAPTION_DAYS


def _dates_verb(doc: Any, main: DateMention, root: Any) -> bool:
    """True when the date belongs to the main verb ("stands ... on June 23"), not to a clause under it ("officials say
    they have found ways to limit exports ... in the year started March 1": "say" is a news report's verb)."""
    token = next((t for t in doc if t.idx + len(t) > main.start), None)
    verb = governing_verb(token) if token is not None else None
    return verb is not None and verb.i == root.i


def _simple_present(root: Any) -> bool:
    """The main verb in the simple present, without auxiliaries ("stands", "Men stand": tagged VB with a subject)."""
    if any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return False
    return bool(root.tag_ in ("VBZ", "VBP") or (root.tag_ == "VB" and any(c.dep_ == "nsubj" for c in root.children)))


def imperative(root: Any) -> bool:
    """True when a sentence's main verb is a bare imperative: the base form with no subject or auxiliary, nothing but
    punctuation or a name before it ("Sign up for CNN's Wonder Theory science newsletter.", "(CNN) Get ready to see
    some awe-inspiring views ...").

    Why: an imperative addresses the reader -- a newsletter sign-up, a "click here", a promotion -- and reports no
    event; web news bodies keep such lines, and a lead one became an entry dated by its article ("Sign up for CNN's
    Wonder Theory science newsletter." in two Webb telescope timelines). A quoted order is said by someone ("'Get
    out,' he said": the main verb is "said") and stays."""
    if root.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in root.children):
        return False
    return all(t.is_punct or t.pos_ == "PROPN" for t in root.doc[:root.i])


def pick_events(events: list[Event], limit: int, stating: set[int] | None = None) -> list[Event]:
    """Keep the most relevant events (up to limit), one per reported event, and return them in event order.

    The same event reported by several articles (outlets, or wire reprints kept apart) becomes
    one Event whose `reports` lists every report (see same_event). With stating (the articles whose
    headline states the story's event), a lone sentence unlike the rest of the story is left out
    first (story_consistent), so the next most relevant event takes its place.
    """
    groups = merge_reports(events)
    if stating is not None:
        groups = story_consistent(groups, events, stating)
    chosen = sorted(groups, key=lambda ev: -ev.relevance)[:limit]
    return sorted(chosen, key=lambda ev: (ev.day, ev.article, ev.position))


#: A lone event (see story_consistent) must have at least this cosine to the mean of the other articles' events.
STORY_CONSISTENCY = 0.4
#: ... when at least this many events of other articles are there to compare it with.
CONSISTENCY_MIN_OTHERS = 2


def story_consistent(groups: Sequence[Event], events: Sequence[Event], stating: set[int]) -> list[Event]:
    """Leave out the lone events that are unlike the rest of the story.

    A lone event: the only candidate of its article, reported by no other article, from an article whose
    headline does not state the story's event (stating: the articles whose headline does). Such an
    article is in scope for its names and is often the actor's other news -- a bomb in Soweto in a miners'
    strike story, a Spanish employers' complaint about interest rates in a strike story, Reagan's talks
    with Kenya's president in a sanctions story. It stays only when its sentence is like the events of the
    story's other articles (cosine to their mean >= STORY_CONSISTENCY).

    Why a story-level test: the sentence-level tests (session 11: six syntax tests) cannot tell the actor's
    other news from the story, because both name the actor and read alike; what differs is that the other
    news stands alone, unlike everything else the in-scope articles report. Events with a second report,
    articles giving several events, and headlines stating the event are never judged (precision first, but
    only where the evidence is thinnest).
    """
    per_article: dict[int, int] = {}
    for ev in events:
        per_article[ev.article] = per_article.get(ev.article, 0) + 1
    return [g for g in groups if not _lone(g, per_article, stating) or _like_the_story(g, groups)]


def _lone(group: Event, per_article: dict[int, int], stating: set[int]) -> bool:
    """True for a sole, singly reported candidate of an article whose headline does not state the event."""
    return not group.reports and per_article.get(group.article, 0) == 1 and group.article not in stating


def _like_the_story(group: Event, groups: Sequence[Event]) -> bool:
    """True when the group's sentence is like the mean of the other articles' events, or there are too few to tell."""
    others = [g.vector for g in groups if g.article != group.article and g.vector is not None]
    if group.vector is None or len(others) < CONSISTENCY_MIN_OTHERS:
        return True
    centre = np.mean(np.asarray(others, dtype=float), axis=0)
    norm = float(np.linalg.norm(centre))
    return norm == 0.0 or float(np.asarray(group.vector, dtype=float) @ centre) / norm >= STORY_CONSISTENCY


def merge_reports(events: Sequence[Event]) -> list[Event]:
    """Group events that report the same happening; the most relevant report stands for the group."""
    groups: list[Event] = []
    for ev in sorted(events, key=lambda e: -e.relevance):
        twin = next((g for g in groups if any(same_event(ev, r) for r in (g, *g.reports))), None)
        if twin is None:
            groups.append(ev)
        elif all(r.article != ev.article for r in (twin, *twin.reports)):
            twin.reports.append(ev)
    return groups


def same_event(a: Event, b: Event) -> bool:
    """Two sentences report one event: dated within DUPLICATE_DAYS and near-identical in meaning or words.

    Why both tests: wire rewrites keep the words (Jaccard of stems), other outlets keep the
    meaning (sentence-embedding cosine); the date window keeps a repeated fact about a later
    day ("shares fell again on Tuesday") apart from the first one.
    """
    if abs((a.day - b.day).days) > DUPLICATE_DAYS:
        return False
    if a.vector is not None and b.vector is not None and float(a.vector @ b.vector) >= DUPLICATE_COSINE:
        return True
    sa, sb = _stems(a.text), _stems(b.text)
    return len(sa & sb) / max(1, len(sa | sb)) >= DUPLICATE_JACCARD


def _stems(text: str) -> set[str]:
    """Content-word stems of a sentence (for the lexical duplicate test)."""
    from ._text import content_words

    return set(content_words(text))


def _score_relevance(events: list[Event], query: str, embedder: Any) -> None:
    """Set each event's relevance (cosine of its sentence to the query, plus a small lead bonus) and its vector."""
    if not events:
        return
    vecs = embedder.embed([query or " ", *[ev.text for ev in events]])
    for ev, vec, cos in zip(events, vecs[1:], vecs[1:] @ vecs[0]):
        ev.vector = vec
        ev.relevance = (float(cos) if query else 0.0) + (0.1 if ev.position == 0 else 0.0)


# ----------------------------------------------------------------------------------------
# Verified timeline
# ----------------------------------------------------------------------------------------


def build_timeline(query: str, articles: Sequence[Article], verifier: "Verifier", embedder: Any,
                   limit: int = MAX_ENTRIES, story_coverage: Callable[[str], float] | None = None) -> Timeline:
    """Return the extractive timeline of the articles: dated, cited, verified entries in event order.

    Args:
        query: the story asked for (ranks events when there are more than limit).
        articles: the in-scope articles, one per syndicated story, best first.
        verifier: checks every entry's citation.
        embedder: scores relevance to the query and finds reports of the same event.
        limit: most entries.
        story_coverage: how much of the story a text covers (story.coverage of its terms, 0..1);
            articles that are not about the story as a whole give only their sentences that
            touch it (see story.article_sieve).

    Returns:
        A Timeline whose warnings name undated articles and vague dates; an entry reported by
        several articles cites each of them.
    """
    events, warnings = [], []
    for n, article in enumerate(articles):
        sieve = article_sieve(article, story_coverage) if story_coverage is not None else None
        found, undated = article_events(article, n, sieve)
        events.extend(found)
        if article.published is None:
            warnings.append(f"'{article.title or article.id}' has no publication date: "
                            f"{undated} sentence(s) with relative dates could not be dated and were left out")
    _score_relevance(events, query, embedder)
    chosen = pick_events(events, limit, _stating(articles, story_coverage))
    evidence = [article_evidence(a) for a in articles]
    entries, notes = _verified_entries(chosen, evidence, verifier)
    warnings += notes + [f"'{e.text[:60]}...' uses a vague date; dated by publication (the event came earlier)"
                         for e in chosen if e.vague] + warnings_for(evidence)
    return Timeline(query=query, entries=entries, warnings=warnings, in_scope=[a.id for a in articles])


def _stating(articles: Sequence[Article], story_coverage: Callable[[str], float] | None) -> set[int] | None:
    """The numbers of the articles whose headline states the story's event (StoryTest.event), or None when the
    story test has no action words (then no event is judged lone: story_consistent needs the headline test)."""
    if not isinstance(story_coverage, StoryTest) or not story_coverage.events:
        return None
    return {n for n, a in enumerate(articles) if story_coverage.event(a.title)}


def _verified_entries(events: Sequence[Event], evidence: Sequence[Evidence],
                      verifier: "Verifier") -> tuple[list[TimelineEntry], list[str]]:
    """Cite each event's sentence, and every other report of it, through the verifier; drop any that fails.

    All sentences are verified in one pass (one [n] marker each) so citation numbers run across
    the timeline; an event whose own sentence fails is left out with a note, a failing extra
    report only loses its citation.
    """
    flat = [(i, ev) for i, group in enumerate(events) for ev in (group, *group.reports)]
    text = marked_text([(ev.text, ev.article + 1) for _, ev in flat])
    _checked, sentences, citations, notes = verifier.verify(text, evidence, "mark")
    if len(sentences) != len(flat):  # a sentence re-split differently: verify one by one
        return _verified_one_by_one(events, evidence, verifier)
    by_n = {c.n: c for c in citations}
    cited: dict[int, list[Citation]] = {}
    for (i, _ev), sentence in zip(flat, sentences):
        if sentence.supported:
            cited.setdefault(i, []).extend(by_n[n] for n in sentence.citations)
    entries = []
    for i, ev in enumerate(events):
        if cited.get(i) and _own_report_cited(ev, cited[i]):
            entries.append(TimelineEntry(date=ev.day.isoformat(), date_basis=ev.basis, text=ev.text, citations=cited[i]))
        else:
            notes.append(f"left out an entry whose citation did not verify: {ev.text[:60]}")
    return entries, notes


def _own_report_cited(ev: Event, citations: Sequence[Citation]) -> bool:
    """True when the entry's own sentence verified (its text is the quote of one of its citations)."""
    return any(" ".join(c.quote.split()) == " ".join(ev.text.split()) for c in citations)


def _verified_one_by_one(events: Sequence[Event], evidence: Sequence[Evidence],
                         verifier: "Verifier") -> tuple[list[TimelineEntry], list[str]]:
    """Verify each report on its own (fallback when joint verification mis-aligns)."""
    entries, notes = [], []
    numbers: dict[tuple[str, int, int], int] = {}
    for group in events:
        cited: list[Citation] = []
        for ev in (group, *group.reports):
            _t, sentences, citations, warn = verifier.verify(f"{ev.text} [{ev.article + 1}]", evidence, "mark")
            if not (sentences and all(s.supported for s in sentences)):
                notes.extend(warn)
                if ev is group:
                    break
                continue
            for c in citations:  # number citations across the whole timeline
                c.n = numbers.setdefault((c.article_id, c.start, c.end), len(numbers) + 1)
            cited.extend(citations)
        if cited and _own_report_cited(group, cited):
            entries.append(TimelineEntry(date=group.day.isoformat(), date_basis=group.basis, text=group.text, citations=cited))
    return entries, notes


class ExtractiveTimeliner:
    """Offline timelines: dated article sentences, each cited and verified (see the module docstring)."""

    name = "extractive"

    def __init__(self, verifier: "Verifier", embedder: Any, limit: int = MAX_ENTRIES) -> None:
        """Verify entries with verifier; rank events by relevance with embedder; keep at most limit."""
        self.verifier, self.embedder, self.limit = verifier, embedder, limit

    def timeline(self, query: str, articles: Sequence[Article], story_coverage: Callable[[str], float] | None = None) -> Timeline:
        """Return the extractive timeline of the articles (build_timeline)."""
        return build_timeline(query, articles, self.verifier, self.embedder, self.limit, story_coverage)


def timeline(query: str, k: int | None = None, *, search: Search, records: Records, timeliner: Timeliner,
             embedder: Any = None) -> Timeline:
    """Build the timeline of a story from the stored articles that belong to it (see NewsRAG.timeline).

    Story scope comes first (ragnews.story): of the retrieved articles (one per syndicated
    story) only those about the story supply events; when none is, the timeline has no entries
    and its note says "The articles do not cover ...". Of those, an article published well before
    the headlines that state the event is the subject's earlier news and is left out (story.story_period).

    Args:
        query: the story.
        k: passages to retrieve (their articles, one per story, are the candidates).
        search: retrieval with the caller's filters applied.
        records: the home's records (articles, chunks, syndication, term counts).
        timeliner: the engine's timeline builder.
        embedder: sentence embedder for the story-level event test (story.EventFloor); None skips it.

    Returns:
        The Timeline, citations carrying chunk ids and syndicating outlets; in_scope lists the articles used.
    """
    from .story import event_floor, scope_in_home, story_period, story_test

    candidates = story_articles(records, search(query, k or TIMELINE_K))
    articles, scope = scope_in_home(records, query, candidates, embedder)
    if articles:
        floor = event_floor(records, embedder) if embedder is not None else None
        test = story_test(query, scope.terms, records.article_count(), floor)
        articles = story_period(articles, test)
        result = timeliner.timeline(query, articles, story_coverage=test)
        result.in_scope = [a.id for a in articles]
        if not result.entries:
            result.note = f"The {len(articles)} article(s) that touch this story give no dated event of it."
    else:
        result = Timeline(query=query, engine=timeliner.name, note=scope.note())
    if not candidates:
        result.warnings.append("no stored article matches the query and filters")
    elif not articles:
        result.warnings.append(f"{len(candidates)} retrieved article(s) left out: none is about the story")
    finish_citations(records, [c for e in result.entries for c in e.citations])
    return result


# ----------------------------------------------------------------------------------------
# LLM timelines
# ----------------------------------------------------------------------------------------

_LINE = re.compile(r"^\s*(?:[-*]\s*)?(?P<date>\d{4}-\d{2}-\d{2})\s*(?:\((?P<basis>stated|published)\))?\s*[|:\-\u2013]\s*(?P<text>.+)$")


class LLMTimeliner:
    """Timelines written by an LLM (prompts/timeline.txt); every entry's citation and date are checked."""

    def __init__(self, llm: "LLM", verifier: "Verifier", context_tokens: int = 0) -> None:
        """Generate with llm; check citations with verifier; fit each prompt into context_tokens (0: no limit)."""
        self.llm, self.verifier, self.context_tokens = llm, verifier, context_tokens
        self.name = llm.name

    def messages(self, query: str, evidence: Sequence[Evidence]) -> list[dict[str, str]]:
        """Return the chat messages asking for dated, cited events."""
        from .prompts import load_prompt

        return load_prompt("timeline", {"sources", "focus"}).messages(sources=prompt_sources(evidence), focus=query)

    def timeline(self, query: str, articles: Sequence[Article], story_coverage: Callable[[str], float] | None = None) -> Timeline:
        """Return the LLM's timeline with each entry verified and its date checked against the cited text.

        The LLM reads the whole in-scope articles when they fit its context (context_tokens); when they would not,
        it reads each article's candidate event sentences instead (event_evidence, with story_coverage's sentence
        test), and only then, if still too long, loses its lowest-ranked sources (fit_context).
        """
        evidence = [article_evidence(a) for a in articles]
        if not evidence:
            return Timeline(query=query, engine=self.name)
        evidence, warnings = self._fitted(query, articles, evidence, story_coverage)
        reply = self.llm.complete(self.messages(query, evidence))
        entries = []
        for line in reply.splitlines():
            parsed = _LINE.match(line)
            if parsed:
                entry, notes = self._entry(parsed["date"], parsed["text"], evidence)
                warnings += notes
                if entry:
                    entries.append(entry)
        entries.sort(key=lambda e: e.date)
        return Timeline(query=query, entries=merge_entries(entries), engine=self.name, warnings=warnings)

    def _fitted(self, query: str, articles: Sequence[Article], evidence: list[Evidence],
                story_coverage: Callable[[str], float] | None) -> tuple[list[Evidence], list[str]]:
        """The evidence the prompt can hold, and warnings: whole articles, else their event sentences, else fewer.

        Why: a local model's window (4096 tokens) holds three or four whole Reuters articles; a story with more
        in-scope articles lost the rest, and the model, reading long articles, wrote uncited lines (session 10: six
        covered dev-v8 stories without an entry). The sentences the extractive timeline would choose from are the
        events; given only those, far more in-scope articles fit.
        """
        def render(kept: Sequence[Evidence]) -> list[dict[str, str]]:
            return self.messages(query, kept)

        fitted, warnings = fit_context(evidence, render, self.context_tokens)
        if not warnings or story_coverage is None:
            return fitted, warnings
        events = event_evidence(articles, story_coverage)
        if not events:
            return fitted, warnings
        fitted, warnings = fit_context(events, render, self.context_tokens)
        note = (f"the in-scope articles would not fit the LLM's {self.context_tokens}-token context "
                "(RAGNEWS_LLM_CONTEXT_TOKENS): it read each article's dated sentences on the story instead")
        return fitted, [note, *warnings]

    def _entry(self, claimed: str, text: str, evidence: Sequence[Evidence]) -> tuple[TimelineEntry | None, list[str]]:
        """Verify one generated entry; keep its date only if the cited quote or publication date supports it.

        A line written without any [n] marker is cited to the source whose sentence it copies (copied_source), then
        verified like any other: the small local model often copies an event sentence and leaves the marker off.
        """
        copied = copied_source(text, evidence) if not _CITED.search(text) else None
        if copied is not None:
            text = f"{text.rstrip()} [{copied}]"
        checked, sentences, citations, notes = self.verifier.verify(text, evidence, "remove")
        if copied is not None and citations:
            notes = [*notes, f"cited source [{copied}] for a line written without a citation (it copies that source)"]
        if not sentences or not citations:
            return None, notes + [f"left out an unverified entry: {text[:60]}"]
        checked_date = check_date(claimed, citations)
        if checked_date is None:
            return None, notes + [f"left out an entry whose date {claimed} the cited text does not support: {text[:60]}"]
        day, basis, note = checked_date
        clean = " ".join(s.text for s in sentences)
        return TimelineEntry(date=day, date_basis=basis, text=clean, citations=citations), notes + ([note] if note else [])


_CITED = re.compile(r"\[\d+\]")


def copied_source(text: str, evidence: Sequence[Evidence]) -> int | None:
    """The number (from 1) of the source with a sentence the text copies: content-word stem Jaccard at least
    DUPLICATE_JACCARD (the test for two wire reports of one event), the best one; None when no sentence is that close.

    Why only copies: a line the model wrote in its own words could mix sources; only a near-verbatim copy names its
    source beyond doubt, and the verifier still checks the claim against the quote."""
    mine = _stems(text)
    best, where = DUPLICATE_JACCARD, None
    for n, ev in enumerate(evidence, 1):
        for s, e in sentence_spans(ev.text):
            theirs = _stems(ev.text[s:e])
            score = len(mine & theirs) / max(1, len(mine | theirs))
            if score >= best:
                best, where = score, n
    return where


def event_evidence(articles: Sequence[Article], story_coverage: Callable[[str], float]) -> list[Evidence]:
    """Each article's candidate events (article_events through story.article_sieve: its dated main clauses and its
    lead that belong to the story) as evidence passages at their body offsets, adjacent sentences joined into one
    passage, in article order (best first). An article with none gives no passage."""
    out: list[Evidence] = []
    for n, article in enumerate(articles):
        whole = article_evidence(article)
        events, _undated = article_events(article, n, article_sieve(article, story_coverage))
        runs: list[tuple[int, int]] = []
        for ev in sorted(events, key=lambda e: e.start):
            if runs and not whole.text[runs[-1][1]:ev.start].strip():
                runs[-1] = (runs[-1][0], ev.end)
            else:
                runs.append((ev.start, ev.end))
        out += [whole.model_copy(update={"text": whole.text[s:e], "start": s, "end": e}) for s, e in runs]
    return out


def merge_entries(entries: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """Merge generated entries that state one event (same day +-DUPLICATE_DAYS, stem Jaccard >= DUPLICATE_JACCARD).

    The first entry keeps its text; it gains the other entries' citations (each report cited once).
    """
    kept: list[TimelineEntry] = []
    for entry in entries:
        day, stems = date.fromisoformat(entry.date), _stems(entry.text)
        twin = next((k for k in kept if abs((date.fromisoformat(k.date) - day).days) <= DUPLICATE_DAYS
                     and len(stems & _stems(k.text)) / max(1, len(stems | _stems(k.text))) >= DUPLICATE_JACCARD), None)
        if twin is None:
            kept.append(entry)
            continue
        have = {(c.article_id, c.start, c.end) for c in twin.citations}
        twin.citations.extend(c for c in entry.citations if (c.article_id, c.start, c.end) not in have)
    return kept


def check_date(claimed: str, citations: Sequence[Citation]) -> tuple[str, Basis, str] | None:
    """Accept a claimed date when a cited quote states it or it is a cited article's publication date.

    Otherwise return the date the cited text gives, with a note; None when the cited text gives no date.
    """
    for c in citations:
        stated = [m.value.isoformat() for m in resolve_dates(c.quote, c.published) if m.value]
        if claimed in stated:
            return claimed, "stated", ""
    for c in citations:
        if c.published[:10] == claimed:
            return claimed, "published", ""
    for c in citations:
        found = event_date(c.quote, c.published)
        if found:
            return found[0].isoformat(), found[1], f"corrected date {claimed} -> {found[0].isoformat()} (from the cited text)"
    return None


__all__ = [
    "DateMention", "Event", "ExtractiveTimeliner", "LLMTimeliner", "article_events", "build_timeline", "check_date", "event_date",
    "copied_source", "event_evidence",
    "merge_entries", "merge_reports", "same_event",
    "resolve_dates", "resolve_month_day", "resolve_weekday", "timeline",
]
