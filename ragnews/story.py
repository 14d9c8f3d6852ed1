"""Story scope: which retrieved articles belong to the story asked for, before any event is chosen.

Why: retrieval always returns its k best passages, even when nothing in the home is about the
story ("Fiji military coup" over 2023 news gave 20 unrelated entries). Timelines and topic
summaries therefore first decide which articles are *in scope*, build only from those, and
say so when none is ("The articles do not cover a Fiji military coup.").

An article is in scope when

* it names every distinctive name of the query -- the words of its named things (ragnews.keyterms.name_spans,
  shared with answerability; of a PERSON only the surname) that are rare in this home (in fewer than
  NAME_MAX_SHARE of its chunks; "U.S." or "Gulf" do not count, "Fiji", "Boesky" do); and
* it covers the query's terms: the IDF-weighted share of the query's content words (Snowball
  stems, weighted by their rarity in this home's chunks) found in the article's title and
  body is at least ARTICLE_COVERAGE. Rare words carry the story ("coup", "Chernobyl"), common
  ones ("oil", "trade") barely count, and a word the home never uses ("Lockerbie") keeps
  every article below the floor.

Articles only partly about the story (a round-up; an article whose headline and lead are about
something else) give only the sentences that touch it (story_share: SENTENCE_COVERAGE of the
same weights, naming one of the story's distinctive names when it has some), so a news round-up
that mentions the story in one paragraph does not bring its other paragraphs along.

Hand-written on top of spaCy (ragnews.nlp) because the rule needs this home's term
statistics (FTS5 counts), which no library computes for us. Which words are names comes from
the one extractor answerability uses too (ragnews.keyterms.name_spans).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._text import STOPWORDS, stem, words

if TYPE_CHECKING:
    from spacy.tokens import Span

    from .models import Article
    from .records import Records

#: Share of the query's IDF weight an article must contain (tuned on the dev stories only).
ARTICLE_COVERAGE = 0.6
#: Share of the query's IDF weight a non-lead sentence of an in-scope article must contain.
SENTENCE_COVERAGE = 0.2
#: A name token found in more than this share of the home's chunks is not distinctive.
NAME_MAX_SHARE = 0.02
#: Words that ask for a kind of output, not for a story.
GENERIC = frozenset({
    "timeline", "timelines", "story", "stories", "news", "latest", "event", "events", "coverage", "development",
    "developments", "history", "background", "update", "updates", "summary", "summarize", "summarise", "happened",
    "happen", "report", "reports", "reported", "article", "articles", "key", "main", "recent", "what", "when",
})

#: Counts chunks containing each word: a home's FTS5 index (Records.term_counts).
TermCounter = Callable[[Sequence[str]], dict[str, int]]


@dataclass(frozen=True)
class QueryTerm:
    """A content word of the query, its stem, its weight (IDF in this home), whether it is a name, and its actor's name."""

    word: str
    stem: str
    weight: float
    name: bool = False
    actor: tuple[str, ...] = ()  # stems of the whole actor name this word belongs to ("american", "motor"), if any


@dataclass
class StoryScope:
    """The in-scope decision for one query: its terms and which articles belong to the story."""

    query: str
    terms: list[QueryTerm]
    in_scope: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        """True when at least one article belongs to the story."""
        return bool(self.in_scope)

    def note(self) -> str:
        """The abstention sentence for an uncovered story (empty when covered)."""
        return "" if self.covered else not_covered(self.query)


def not_covered(query: str) -> str:
    """Return 'The articles do not cover <story>.', the story phrased as a noun phrase ('a Fiji military coup')."""
    story = " ".join(query.split()).rstrip(" ?.!")
    return f"The articles do not cover {_noun_phrase(story)}." if story else "The articles do not cover this story."


def _noun_phrase(story: str) -> str:
    """Lower-case a leading common word and give a bare singular noun phrase its article (a/an, the before 'of')."""
    from .nlp import parse

    doc = parse(story)
    words: Span = doc[:]
    head_noun = False
    if doc[0].tag_ in ("VB", "VBG") and doc[0].dep_ == "ROOT":
        # A story is a noun phrase; the small model reads a capitalised first noun as an imperative
        # or gerund ("Run on the Northern Rock bank", "Coinbase lawsuit with the SEC", "Sinking of ..."): read it after "the".
        words = parse(f"the {story}")[1:]
        head_noun = words.root.i == words.start  # "Run ...": the first word is the head, a common noun
    first = words[0]
    if head_noun or first.is_stop or first.pos_ in ("NOUN", "ADJ", "ADV"):
        story = story[0].lower() + story[1:]
    head = words.root
    bare = first.pos_ not in ("DET", "PRON") and first.tag_ != "PRP$" and not any(t.tag_ == "POS" for t in words)
    if not bare or (head.tag_ != "NN" and not head_noun):
        return story
    if any(t.lower_ == "of" and t.head == head for t in words):
        return f"the {story}"
    return f"{'an' if story[0].lower() in 'aeiou' else 'a'} {story}"


def query_terms(query: str, counts: TermCounter, total: int) -> list[QueryTerm]:
    """Return the query's content words with their IDF weight in this home and their name flag.

    Args:
        query: the story asked for.
        counts: chunks containing each word (FTS5 of the home).
        total: chunks in the home.
    """
    names, actors = _name_words(query)
    seen: dict[str, str] = {}
    for w in words(query):
        if w in STOPWORDS or w in GENERIC or len(w) < 2 or w.isdigit():
            continue
        seen.setdefault(stem(w), w)
    found = counts(list(seen.values())) if seen else {}
    out = []
    for s, w in seen.items():
        df = found.get(w, 0)
        weight = math.log((total + 1) / (df + 1)) + 1e-3
        actor = tuple(stem(a) for a in actors.get(w, ()))
        out.append(QueryTerm(w, s, weight, name=w in names and df <= NAME_MAX_SHARE * total, actor=actor))
    return out


def _name_words(query: str) -> tuple[set[str], dict[str, tuple[str, ...]]]:
    """Lower-cased words of the query's names, and for each word of an actor the actor's whole name.

    Names are the capitalised words of keyterms.name_spans (the extractor answerability uses too),
    nationalities included ("Kuwaiti tankers"); actors are the names of who acts -- a PERSON
    (by the surname) or an ORG (by all its words: "American Motors", so that "General Motors"
    is not taken for it) -- which a sentence may name alone ("Kim arrived on Saturday") while
    still being about the story.
    """
    from .keyterms import name_spans
    from .nlp import parse

    names: set[str] = set()
    actors: dict[str, tuple[str, ...]] = {}
    for span in name_spans(parse(query), nationalities=True):
        tokens = [t.lower_ for t in span if t.is_alpha and t.text[:1].isupper()]
        if span.label_ == "PERSON":
            tokens = tokens[-1:]
        tokens = [w for w in tokens if w not in STOPWORDS and w not in GENERIC]
        names.update(tokens)
        if span.label_ in ("PERSON", "ORG") and tokens:
            actors.update((w, tuple(tokens)) for w in tokens)
    return names, actors


def stems_of(text: str) -> set[str]:
    """Snowball stems of a text's words (the unit the coverage is measured in)."""
    return {stem(w) for w in set(words(text))}


def coverage(stems: set[str], terms: Sequence[QueryTerm]) -> float:
    """IDF-weighted share of the query terms present in a set of stems (1.0 for a query without terms)."""
    total = sum(t.weight for t in terms)
    if total <= 0:
        return 1.0
    return sum(t.weight for t in terms if t.stem in stems) / total


def article_in_scope(article: Article, terms: Sequence[QueryTerm], floor: float = ARTICLE_COVERAGE) -> bool:
    """True when the article names every distinctive name of the query and covers its terms."""
    stems = stems_of(f"{article.title}\n{article.body}")
    if any(t.name and t.stem not in stems for t in terms):
        return False
    return coverage(stems, terms) >= floor


def sentence_on_story(sentence: str, terms: Sequence[QueryTerm], floor: float = SENTENCE_COVERAGE) -> bool:
    """True when a sentence of an in-scope article itself touches the story."""
    return story_share(sentence, terms) >= floor


def story_share(text: str, terms: Sequence[QueryTerm]) -> float:
    """How much of the story a sentence (or title) covers: its IDF-weighted term coverage, at least
    SENTENCE_COVERAGE when it names one of the story's actors (a person's surname, an organisation's
    whole name), and 0 when the story has distinctive names and the text names none of them.

    Why the name gate: this measures sentences of articles only partly about the story, and a
    headline and lead; there, "insider trading scandal" without "Boesky" is another case of the
    same kind, not the story asked for.
    """
    stems = stems_of(text)
    if any(t.name for t in terms) and not any(t.name and t.stem in stems for t in terms):
        return 0.0
    share = coverage(stems, terms)
    if any(t.actor and all(a in stems for a in t.actor) for t in terms):
        share = max(share, SENTENCE_COVERAGE)
    return share


def scope_articles(query: str, articles: Iterable[Article], counts: TermCounter, total: int) -> tuple[list[Article], StoryScope]:
    """Keep the articles that belong to the story (in their order) and return the scope decision.

    Args:
        query: the story asked for.
        articles: candidate articles (retrieved, one per syndicated story, best first).
        counts: chunks containing each word (Records.term_counts).
        total: chunks in the home.

    Returns:
        (in-scope articles, StoryScope with the terms and the ids kept and left out).
    """
    terms = query_terms(query, counts, total)
    scope = StoryScope(query, terms)
    kept = []
    for article in articles:
        if article_in_scope(article, terms):
            kept.append(article)
            scope.in_scope.append(article.id)
        else:
            scope.left_out.append(article.id)
    return kept, scope




def scope_in_home(records: Records, query: str, articles: Iterable[Article]) -> tuple[list[Article], StoryScope]:
    """scope_articles with the IDF weights of one home's records."""
    return scope_articles(query, articles, records.term_counts, records.chunk_count())


__all__ = [
    "ARTICLE_COVERAGE",
    "SENTENCE_COVERAGE",
    "QueryTerm",
    "StoryScope",
    "article_in_scope",
    "coverage",
    "not_covered",
    "query_terms",
    "scope_articles",
    "scope_in_home",
    "sentence_on_story",
    "stems_of",
    "story_share",
]
