"""ChatSession: a conversation over the stored articles where follow-up questions keep their context.

A follow-up such as "What did they discuss?" is turned into a standalone question before
retrieval: with an LLM engine the LLM condenses history and question (prompts/condense.txt);
offline, the names and dates of the previous turn are carried over into the search.
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ._text import STOPWORDS, words
from .dates import date_phrases
from .errors import ConfigError, LLMError, NotFoundError
from .models import Answer, AnswerStream, Article, Citation, DateLike, Evidence, Filters, Summary, Timeline
from .protocols import LLM
from .providers import EXTRACTIVE, PROVIDERS, engine_names
from .records import Records
from .settings import Settings

ENGINES = engine_names()
HISTORY_TURNS = 3  # turns shown to the condense prompt
MAX_CARRIED = 4  # names/dates carried into an offline follow-up search
_HISTORY_ANSWER_CHARS = 600

# Capitalised runs stand in for named-entity recognition: the offline default has no NER model
# (spaCy/nltk chunkers need model downloads), and news names are reliably capitalised.
_TOKEN = r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w]*(?:[-'’][\w]+)*)"
_RUN = re.compile(rf"{_TOKEN}(?:(?: | of ){_TOKEN})*")
_TITLES = frozenset(
    """president minister secretary ambassador envoy representative special deputy foreign prime vice chief
    leader senator sen rep gov governor general gen spokesman spokeswoman spokesperson chairman chair director
    commissioner king queen prince princess pope mr mrs ms dr prof sir lord judge justice mayor premier
    chancellor counterpart official officials""".split()
)
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today
    yesterday tomorrow""".split()
)
_OPENERS = frozenset("tell show give list explain describe summarise summarize please ok okay thanks and also then".split())
_LEADING = STOPWORDS | _OPENERS | _TIME_WORDS  # words trimmed from the front of a capitalised run
_PRONOUNS = frozenset("they them their theirs he him his she her hers it its there".split())
_MARKERS = re.compile(r"\s*\[(?:\d+(?:\s*,\s*\d+)*|unsupported)\]")
_CONDENSE_PREFIX = re.compile(r"^\s*(?:standalone question|question)\s*:\s*", re.I)


@dataclass
class Turn:
    """One question of the conversation, what was searched for it and its answer."""

    question: str
    standalone: str
    answer: Answer


@dataclass(frozen=True)
class OpenedSource:
    """A cited source opened in its article: article.body[start:end] is the cited sentence."""

    citation: Citation
    article: Article

    @property
    def start(self) -> int:
        """Offset of the cited sentence in the article body."""
        return self.citation.start

    @property
    def end(self) -> int:
        """End offset of the cited sentence in the article body."""
        return self.citation.end


@dataclass(frozen=True)
class Command:
    """A parsed /command line: its name (without the slash) and the rest of the line."""

    name: str
    arg: str = ""


@dataclass
class ChatFilters:
    """The date and outlet filters every question of a session is asked with."""

    since: str | None = None
    until: str | None = None
    sources: list[str] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        """Return the filters as keyword arguments of NewsRAG.ask/retrieve."""
        return {"since": self.since, "until": self.until, "sources": list(self.sources) or None}

    def describe(self) -> str:
        """Return a one-line description ('none' when unfiltered)."""
        parts = [f"since={self.since}" if self.since else "", f"until={self.until}" if self.until else ""]
        parts += [f"source={shlex.quote(s)}" for s in self.sources]
        return " ".join(p for p in parts if p) or "none"


def parse_command(line: str) -> Command | None:
    """Return the Command of a '/name args' line, or None when the line is a question."""
    text = line.strip()
    if not text.startswith("/") or text.startswith("//"):
        return None
    name, _, arg = text[1:].partition(" ")
    return Command(name.lower(), arg.strip())


def parse_filters(arg: str, current: ChatFilters | None = None) -> ChatFilters:
    """Parse '/filter' arguments (since=YYYY-MM-DD until=... source=NAME, or 'clear') into new filters.

    Args:
        arg: the text after '/filter'; keys not given keep their current value, an empty value clears one.
        current: the filters in force.

    Returns:
        The new ChatFilters (ConfigError with a one-line message when invalid).
    """
    if arg.strip().lower() == "clear":
        return ChatFilters()
    out = ChatFilters(current.since, current.until, list(current.sources)) if current else ChatFilters()
    try:
        items = shlex.split(arg)
    except ValueError as exc:
        raise ConfigError(f"cannot read filter {arg!r}: {exc}") from None
    new_sources: list[str] = []
    for item in items:
        key, eq, value = item.partition("=")
        key = key.strip().lower()
        if not eq or key not in ("since", "until", "source", "sources"):
            raise ConfigError(f"unknown filter {item!r}; use since=YYYY-MM-DD until=YYYY-MM-DD source=NAME, or clear")
        if key in ("since", "until"):
            setattr(out, key, _check_date(key, value.strip()) or None)
        else:
            new_sources += [s.strip() for s in value.split(",") if s.strip()]
            out.sources = new_sources
    _check_order(out)
    return out


def _check_date(key: str, value: str) -> str:
    """Return value if it is empty or a YYYY-MM-DD date, else raise ConfigError."""
    if value:
        Filters.build(**{key: value})  # raises ConfigError naming the bad value
    return value


def _check_order(filters: ChatFilters) -> None:
    """Raise ConfigError when since is after until."""
    if filters.since and filters.until and filters.since[:10] > filters.until[:10]:
        raise ConfigError(f"since={filters.since} is after until={filters.until}")


def parse_engine(name: str) -> tuple[str, str | None]:
    """Parse 'extractive', a provider ('openai') or 'PROVIDER:MODEL' into (engine, model)."""
    engine, _, model = name.strip().partition(":")
    engine = engine.lower()
    if engine not in ENGINES or (engine == EXTRACTIVE and model):
        with_model = " or ".join(f"{p}:MODEL" for p in PROVIDERS)
        raise ConfigError(f"unknown engine {name!r}; use {', '.join(ENGINES)} or {with_model}")
    return engine, (model.strip() or None)


def strip_markers(text: str) -> str:
    """Return answer text without its [n] and [unsupported] markers."""
    return " ".join(_MARKERS.sub("", text).split())


def _sentence_start(text: str, pos: int) -> bool:
    """True when pos begins a sentence (start of text or after . ! ? or an opening quote/bracket)."""
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?\"“‘('[\n:"


def _clean_run(tokens: list[str]) -> list[str]:
    """Trim a capitalised run to its name: no leading function words, titles or possessive 's."""
    tokens = [re.sub(r"['’]s$", "", t) for t in tokens]
    while tokens and (tokens[0].lower() in _LEADING or tokens[0] == "of"):
        tokens = tokens[1:]
    titled = [i for i, t in enumerate(tokens) if t.lower().rstrip(".") in _TITLES]
    if titled:
        tokens = tokens[titled[-1] + 1 :]
    while tokens and (tokens[-1] == "of" or tokens[-1].lower().rstrip(".") in _TIME_WORDS):
        tokens = tokens[:-1]
    return tokens


def extract_entities(text: str) -> list[str]:
    """Return the names (people, places, organisations) written in text, most mentioned first.

    A lone capitalised word at the start of a sentence counts only if the text also uses
    it mid-sentence; a name contained in a longer one ("Kim" in "Sung Kim") is folded into it.
    """
    found: list[tuple[str, bool]] = []
    for match in _RUN.finditer(text):
        tokens = _clean_run(match.group().split())
        if tokens:
            found.append((" ".join(tokens), len(tokens) == 1 and _sentence_start(text, match.start())))
    mid = {name.lower() for name, initial in found if not initial}
    mid_words = {w for name in mid for w in name.split()}
    names = [n for n, initial in found if not initial or n.lower() in mid or n.lower() in mid_words]
    return _fold(names)


def _fold(names: Sequence[str]) -> list[str]:
    """Merge names contained in longer ones, count mentions and order by count then first mention."""
    distinct = list(dict.fromkeys(names))
    longer = {n: next((m for m in distinct if m != n and _contains(m, n)), n) for n in distinct}
    counts = Counter(longer[n] for n in names)
    first = {n: i for i, n in reversed(list(enumerate(longer[n] for n in names)))}
    return sorted(counts, key=lambda n: (-counts[n], first[n]))


def _contains(longer: str, shorter: str) -> bool:
    """True when every word of shorter is a word of longer (case-insensitive) and longer has more."""
    a, b = longer.lower().split(), shorter.lower().split()
    return len(a) > len(b) and set(b) <= set(a)


def needs_context(question: str) -> bool:
    """True when a question leans on the conversation: a pronoun such as they/it/there, or no name of its own."""
    return bool(set(words(question)) & _PRONOUNS) or not extract_entities(question)


def _mentions(text: str, term: str) -> bool:
    """True when text contains term as whole words (case-insensitive)."""
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.I) is not None


class Asker(Protocol):
    """What a chat needs of NewsRAG (a protocol, so this module does not import the facade that imports it)."""

    home: Path
    settings: Settings

    @property
    def records(self) -> Records:
        """The home's article records."""
        ...

    def ask_stream(self, question: str, since: DateLike = None, until: DateLike = None,
                   sources: Sequence[str] | None = None, k: int | None = None, articles: Sequence[str] | None = None,
                   llm: str | None = None, model: str | None = None) -> AnswerStream:
        """Answer a question as a stream of draft pieces, then the verified Answer."""
        ...

    def retrieve(self, query: str, since: DateLike = None, until: DateLike = None, sources: Sequence[str] | None = None,
                 k: int | None = None, articles: Sequence[str] | None = None) -> list[Evidence]:
        """Return the passages retrieval finds for a query."""
        ...

    def article(self, article_id: str) -> Article:
        """Return one stored article."""
        ...

    def llm(self, model: str | None = None, provider: str | None = None) -> LLM:
        """Return the LLM of a provider."""
        ...

    def summarize(self, article_id: str | None = None, *, query: str | None = None, since: DateLike = None,
                  until: DateLike = None, sources: Sequence[str] | None = None, words: int | None = None,
                  llm: str | None = None, model: str | None = None) -> Summary:
        """Summarize an article or a topic."""
        ...

    def timeline(self, query: str, *, since: DateLike = None, until: DateLike = None,
                 sources: Sequence[str] | None = None, k: int | None = None, llm: str | None = None,
                 model: str | None = None) -> Timeline:
        """Return a dated timeline of a story."""
        ...


class ChatSession:
    """A conversation with a NewsRAG: turns, filters and an answer engine; follow-ups keep their context."""

    def __init__(self, rag: Asker, since: DateLike = None, until: DateLike = None,
                 sources: Sequence[str] | None = None, llm: str | None = None, model: str | None = None) -> None:
        """Start a conversation.

        Args:
            rag: the NewsRAG to ask.
            since: earliest publication date of the articles used (YYYY-MM-DD).
            until: latest publication date, inclusive.
            sources: outlets to keep.
            llm: 'extractive' or a provider such as 'openai' (default: the rag's settings).
            model: model name for an LLM engine.
        """
        self.rag = rag
        self.turns: list[Turn] = []
        self.filters = ChatFilters()
        self.set_filters(ChatFilters(_as_text(since), _as_text(until), list(sources or [])))
        self.engine, self.model = parse_engine(llm or rag.settings.llm)[0], model

    # --- settings -----------------------------------------------------------
    @property
    def uses_llm(self) -> bool:
        """True when an LLM writes the answers (and condenses follow-ups)."""
        return self.engine != EXTRACTIVE

    @property
    def engine_name(self) -> str:
        """The engine as shown to the user: 'extractive' or 'PROVIDER:MODEL'."""
        return EXTRACTIVE if not self.uses_llm else f"{self.engine}:{self.model or self.rag.settings.model}"

    def set_engine(self, name: str) -> str:
        """Switch the answer engine ('extractive', a provider or 'PROVIDER:MODEL'); return its display name."""
        engine, model = parse_engine(name)
        if engine != EXTRACTIVE:
            self.rag.llm(model, engine)  # fail now (ConfigError) when no endpoint is configured
        self.engine, self.model = engine, model
        return self.engine_name

    def set_filters(self, filters: ChatFilters) -> None:
        """Replace the session's filters after checking them (ConfigError when invalid)."""
        for key in ("since", "until"):
            _check_date(key, getattr(filters, key) or "")
        _check_order(filters)
        self.filters = filters

    def reset(self) -> None:
        """Forget the conversation (filters and engine stay)."""
        self.turns.clear()

    # --- questions ----------------------------------------------------------
    def standalone(self, text: str) -> str:
        """Return the question to search for: text made understandable without the conversation.

        Args:
            text: the user's question, possibly a follow-up ("What did they discuss?").

        Returns:
            The LLM-condensed question (LLM engine) or text plus the names and dates carried over
            from the previous turn (offline); text itself when there is nothing to resolve.
        """
        text = text.strip()
        if not self.turns:
            return text
        if self.uses_llm:
            try:
                return self._condense(text)
            except LLMError:
                if not self.rag.settings.llm_fallback:
                    raise
        return self._carry_over(text)

    def _condense(self, text: str) -> str:
        """Ask the LLM to rewrite the follow-up as a standalone question (prompts/condense.txt)."""
        from .prompts import load_prompt

        prompt = load_prompt("condense", {"history", "question"})
        reply = self.rag.llm(self.model, self.engine).complete(prompt.messages(history=self.history_text(), question=text))
        lines = [line.strip() for line in reply.strip().splitlines() if line.strip()]
        condensed = _CONDENSE_PREFIX.sub("", lines[0]).strip().strip("\"“”'") if lines else ""
        return condensed or text

    def history_text(self, turns: int = HISTORY_TURNS) -> str:
        """Return the last turns as 'User: ... / Assistant: ...' lines (markers removed)."""
        lines = []
        for turn in self.turns[-turns:]:
            reply = strip_markers(turn.answer.answer)
            if len(reply) > _HISTORY_ANSWER_CHARS:
                reply = reply[:_HISTORY_ANSWER_CHARS].rsplit(" ", 1)[0] + " ..."
            lines += [f"User: {turn.question}", f"Assistant: {reply}"]
        return "\n".join(lines)

    def _carry_over(self, text: str) -> str:
        """Append the previous turn's names and dates to a follow-up that leans on them."""
        if not needs_context(text):
            return text
        terms = [t for t in self.context_terms() if not _mentions(text, t)][:MAX_CARRIED]
        return f"{text} ({', '.join(terms)})" if terms else text

    def context_terms(self) -> list[str]:
        """Return the names and dates of the previous turn: its searched question first, then its answer."""
        last = self.turns[-1]
        names = extract_entities(last.standalone) if last.standalone else []
        if not names:  # an all-lowercase question: carry its content words instead
            names = [w for w in words(last.standalone) if w not in STOPWORDS and len(w) > 2][:MAX_CARRIED]
        if not last.answer.abstained:
            names += [n for n in extract_entities(strip_markers(last.answer.answer)) if n not in names]
        dates = date_phrases(last.standalone)
        return list(dict.fromkeys(dates[:1] + names))

    def ask(self, text: str, standalone: str | None = None) -> Answer:
        """Answer a question in the context of the conversation.

        Args:
            text: a question or follow-up.
            standalone: what to search for, if already known (default: self.standalone(text)).

        Returns:
            The Answer (its standalone_question says what was searched).
        """
        return self.ask_stream(text, standalone).answer

    def ask_stream(self, text: str, standalone: str | None = None) -> AnswerStream:
        """Like ask, but stream the draft text pieces as the LLM writes them, then the verified Answer.

        The turn is recorded only when the Answer is reached (a cancelled answer leaves no turn).
        """
        return AnswerStream(self._turn(text, standalone))

    def _turn(self, text: str, standalone: str | None) -> Generator[str, None, Answer]:
        """Answer one turn (run as the stream is read) and record it."""
        text = text.strip()
        if not text:
            raise ConfigError("empty question")
        standalone = standalone or self.standalone(text)
        stream = self._answer_stream(text, standalone)
        yield from stream.pieces()
        answer = stream.answer.model_copy(update={"question": text, "standalone_question": standalone})
        self.turns.append(Turn(text, standalone, answer))
        return answer

    def _answer_stream(self, text: str, standalone: str) -> AnswerStream:
        """Run NewsRAG.ask_stream for this turn.

        An LLM is asked the condensed question. Offline, the carried-over names only steer the
        search: the articles found for the standalone question are searched again with the user's
        own words, because the extractive engine ranks sentences by the question's words and
        appended names would make it quote name-heavy sentences instead of the answer.
        """
        engine = {"llm": self.engine, "model": self.model, **self.filters.as_kwargs()}
        if self.uses_llm or standalone == text:
            return self.rag.ask_stream(standalone, **engine)
        articles = self._context_articles(text, standalone)
        if not articles:
            return self.rag.ask_stream(standalone, **engine)
        return self.rag.ask_stream(text, articles=articles, **engine)

    def _context_articles(self, text: str, standalone: str) -> list[str]:
        """Return the ids of the articles found for the standalone question that name a carried-over name.

        Syndicated copies of a found article count as found; when no found article names any
        carried name (or none was carried), every found article is kept.
        """
        evidence = self.rag.retrieve(standalone, k=self.rag.settings.top_k, **self.filters.as_kwargs())
        ids = list(dict.fromkeys([e.article_id for e in evidence] + [r for e in evidence for r in e.reprints]))
        carried = [n for n in extract_entities(standalone) if not _mentions(text, n)]
        if not carried:
            return ids
        found = self.rag.records.get_articles(ids)
        naming = [i for i in ids if i in found and any(_mentions(f"{found[i].title}\n{found[i].body}", n) for n in carried)]
        return naming or ids

    # --- sources ------------------------------------------------------------
    @property
    def last(self) -> Turn | None:
        """The latest turn, if any."""
        return self.turns[-1] if self.turns else None

    def sources(self) -> list[Citation]:
        """Return the numbered sources of the last answer (empty before the first)."""
        return list(self.last.answer.citations) if self.last else []

    def open(self, n: int) -> OpenedSource:
        """Return source n of the last answer with its article (NotFoundError if there is none)."""
        cited = {c.n: c for c in self.sources()}
        if n not in cited:
            have = f"1-{len(cited)}" if cited else "none"
            raise NotFoundError(f"no source [{n}] in the last answer (sources: {have})")
        citation = cited[n]
        return OpenedSource(citation, self.rag.article(citation.article_id))

    # --- summaries and timelines ---------------------------------------------
    def topic(self, topic: str | None) -> str:
        """Return the topic given, else the last searched question (ConfigError when neither)."""
        if topic and topic.strip():
            return topic.strip()
        if self.last:
            return self.last.standalone
        raise ConfigError("no topic yet: ask a question first or name one, e.g. /summarize sanctions")

    def summarize(self, topic: str | None = None) -> Summary:
        """Summarize a topic (default: the conversation's last question) across the filtered articles."""
        return self.rag.summarize(query=self.topic(topic), llm=self.engine, model=self.model, **self.filters.as_kwargs())

    def timeline(self, topic: str | None = None) -> Timeline:
        """Build a dated timeline of a topic (default: the conversation's last question)."""
        return self.rag.timeline(self.topic(topic), llm=self.engine, model=self.model, **self.filters.as_kwargs())


def _as_text(value: DateLike) -> str | None:
    """Return a date-like filter value as text (None stays None)."""
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()
