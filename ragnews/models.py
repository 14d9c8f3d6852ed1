"""Data models of the public API: articles, chunks, answers, citations, summaries."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, Field

from .dates import MONTH_NAMES, parse_iso
from .errors import ConfigError

#: What every engine answers when the articles do not answer the question (like paper-qa's
#: CANNOT_ANSWER): one constant, so callers and tests can recognise an abstention by its text.
CANNOT_ANSWER = "The articles do not say."
DateLike = date | datetime | str | None


def normalise_text(text: str) -> str:
    """Return text NFKC-normalised with whitespace folded (used for hashing, not display)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


#: Bodies longer than this are normalised for hashing piece by piece (same id): folding a 60 MB
#: body's whitespace at once built a list of 10 million words (about 1 GB).
_HASH_PIECE = 1 << 20


def article_id_for(title: str, body: str) -> str:
    """Return the stable content id of an article: 16 hex digits of sha256(title, body)."""
    if len(body) <= _HASH_PIECE:
        return hashlib.sha256(f"{normalise_text(title)}\n{normalise_text(body)}".encode()).hexdigest()[:16]
    digest = hashlib.sha256(f"{normalise_text(title)}\n".encode())
    sep = ""
    for piece in _whitespace_pieces(body, _HASH_PIECE):
        folded = normalise_text(piece)
        if folded:
            digest.update(f"{sep}{folded}".encode())
            sep = " "
    return digest.hexdigest()[:16]


def _whitespace_pieces(text: str, size: int) -> Iterator[str]:
    """Yield text in pieces of about size characters, each cut just after an ASCII space or newline.

    Those characters are stable under NFKC (they never compose with a neighbour), so normalising
    and whitespace-folding the pieces and joining them with one space equals normalise_text(text).
    """
    start = 0
    while start < len(text):
        end = start + size
        if end < len(text):
            cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            if cut < 0:  # no break in this stretch: extend to the next one
                cut = min((i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0), default=len(text) - 1)
            end = cut + 1
        yield text[start:end]
        start = end


def text_key(text: str) -> str:
    """Return the embedding-cache key of a text: sha256 of its normalised form (32 hex digits)."""
    return hashlib.sha256(normalise_text(text).encode()).hexdigest()[:32]


def to_epoch(value: date | datetime | None) -> int | None:
    """Return the UTC epoch seconds of a date (midnight UTC) or datetime (naive = UTC)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return int(value.timestamp())


class Article(BaseModel):
    """One news article as loaded and stored."""

    id: str = Field(description="Stable id derived from title and body (see article_id_for).")
    title: str = ""
    body: str
    published: datetime | date | None = Field(default=None, description="Publication date or datetime; timezone-aware where the source says.")
    source: str = Field(default="", description="Outlet that published this copy, e.g. 'Reuters', 'The Hill'.")
    authors: list[str] = Field(default_factory=list)
    url: str = ""
    wire: str = Field(default="", description="Wire agency the text credits (Reuters, AP, AFP), if any.")
    path: str = Field(default="", description="File the article was loaded from (with '#n' for the n-th record of a multi-record file).")
    metadata: dict[str, Any] = Field(default_factory=dict, description="Fields the loader did not map (kept as given).")
    story_id: str = Field(default="", description="Story group id: syndicated copies of one story share it.")
    injection: list[tuple[int, int]] | None = Field(
        default=None, description="Body offsets of sentences addressed to AI readers (planted instructions), never used as "
        "evidence; (0, 0) stands for the title; None when not scanned yet (see ragnews.injection).")

    @classmethod
    def create(cls, title: str, body: str, **fields: Any) -> "Article":
        """Build an Article whose id is computed from its title and body."""
        return cls(id=article_id_for(title, body), title=title, body=body, **fields)

    @property
    def published_epoch(self) -> int | None:
        """Publication time as UTC epoch seconds, or None."""
        return to_epoch(self.published)

    @property
    def published_iso(self) -> str:
        """Publication date/datetime in ISO 8601, or '' when unknown."""
        return self.published.isoformat() if self.published else ""

    @property
    def source_key(self) -> str:
        """Where this article came from (url, else path): a changed text at one key replaces the old."""
        return self.url or self.path or self.id


HEADER_TITLE_WORDS = 16
#: Version of what `Chunk.embed_text` puts before the passage; bump it when that changes, so cached
#: eval homes (named by eval.runner.home_name) are rebuilt rather than mixing two kinds of vectors.
EMBED_HEADER_VERSION = 1


def chunk_header(title: str, source: str, published: date | datetime | None) -> str:
    """Return the metadata line searched and embedded with every chunk of an article.

    Title, outlet and date are what a news question names ("TechCrunch reported in November
    2023 ...") but a chunk's body rarely repeats them, so each chunk carries this line for
    BM25 (its own, weighted FTS column) and for the embedder (prefixed to the text). The date
    is spelt out ("5 November 2023") so month names and years match as words. The title is cut
    to HEADER_TITLE_WORDS words to keep the chunk inside the embedder's 256-token window.
    Citations never see it: offsets and quotes stay spans of the body.
    """
    parts = [" ".join(title.split()[:HEADER_TITLE_WORDS])]
    meta = [source.strip()] if source.strip() else []
    if published is not None:
        meta.append(f"{published.day} {MONTH_NAMES[published.month - 1].title()} {published.year}")
    if meta:
        parts.append(", ".join(meta))
    return " | ".join(p for p in parts if p)


def embedded_form(head: str, text: str) -> str:
    """What the embedder sees of a passage: its metadata line (if any), then the passage (one place for both chunk kinds)."""
    return f"{head}\n{text}" if head else text


@dataclass(frozen=True)
class Chunk:
    """A passage of an article body; start/end are character offsets into Article.body.

    `head` is the article's metadata line (chunk_header); it is searched and embedded with the
    passage but is never part of `text`, so quotes and offsets stay exact body spans.
    """

    id: str
    article_id: str
    index: int
    start: int
    end: int
    text: str
    head: str = ""

    @cached_property
    def embed_text(self) -> str:
        """The text the embedder sees: the metadata line, then the passage."""
        return embedded_form(self.head, self.text)

    @cached_property
    def text_hash(self) -> str:
        """sha256 of the normalised embedded text: equal texts (with equal headers) share one embedding.

        Cached: ingest asks for it ~10 times per chunk (planning, embedding, writing), and each
        answer normalises and hashes the whole text.
        """
        return text_key(self.embed_text)


class SpanChunk(Chunk):
    """A chunk of a huge body whose text is sliced from the body each time it is read, not kept.

    Why: one 60 MB article is 82k chunks, whose texts held at once were ~65 MB more for the whole
    ingest (the body itself is kept anyway). It equals (and hashes as) the Chunk with the same fields.
    """

    def __init__(self, body: str, id: str, article_id: str, index: int, start: int, end: int, head: str = "") -> None:
        for name, value in (("id", id), ("article_id", article_id), ("index", index), ("start", start), ("end", end),
                            ("head", head), ("_body", body)):
            object.__setattr__(self, name, value)  # a frozen dataclass: no setattr

    @property
    def text(self) -> str:
        """The passage, sliced from the body."""
        body: str = self.__dict__["_body"]
        return body[self.start : self.end]

    @property
    def embed_text(self) -> str:
        """The metadata line and the passage, built when asked and never kept (keeping it would keep the text)."""
        return embedded_form(self.head, self.text)

    def _fields(self) -> tuple[Any, ...]:
        return (self.id, self.article_id, self.index, self.start, self.end, self.text, self.head)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Chunk):
            return NotImplemented
        return self._fields() == (other.id, other.article_id, other.index, other.start, other.end, other.text, other.head)

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"SpanChunk(id={self.id!r}, index={self.index}, start={self.start}, end={self.end})"


@dataclass
class IngestFailure:
    """One input that could not be ingested, and why."""

    path: str
    reason: str
    line: int | None = None


@dataclass
class IngestReport:
    """What one ingest run did."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[IngestFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_reused: int = 0
    seconds: float = 0.0
    injections: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def note_injection(self, article: "Article") -> None:
        """Record an article carrying sentences addressed to AI readers (planted instructions), with a warning."""
        if article.injection:
            self.injections[article.id] = list(article.injection)
            self.warnings.append(f"{article.path or article.id}: {len(article.injection)} sentence(s) addressed to AI readers "
                                 f"(planted instructions) at body offsets {article.injection}; they are never used as evidence")

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed

    def summary(self) -> dict[str, int]:
        """Counts of new, updated, skipped and failed inputs."""
        return {"new": len(self.new), "updated": len(self.updated), "skipped": len(self.skipped), "failed": len(self.failed)}


class Citation(BaseModel):
    """One numbered source of an answer or summary, pointing at an exact sentence span."""

    n: int
    article_id: str
    title: str = ""
    source: str = ""
    published: str = ""
    url: str = ""
    chunk_id: str = ""
    start: int = Field(description="Character offset of the quote in the article body.")
    end: int
    quote: str = Field(description="The cited sentence: exactly article.body[start:end].")
    story_id: str = ""
    also_in: list[str] = Field(default_factory=list, description="Other outlets that carried the same (syndicated) story.")
    support: float | None = Field(default=None, description="Support score of the claim by this quote (0..1).")

    @property
    def outlet(self) -> str:
        """The outlet as people read it: 'unknown outlet' rather than a blank."""
        return self.source or "unknown outlet"

    @property
    def date(self) -> str:
        """The publication day as people read it: 'undated' rather than a blank."""
        return self.published[:10] or "undated"

    @property
    def heading(self) -> str:
        """'title, outlet, date' -- the same words the CLI, the chat and str() print."""
        return f"{self.title or '(untitled)'}, {self.outlet}, {self.date}"

    def __str__(self) -> str:
        """'[n] title, outlet, date: “quote”', so print(citation) reads like the CLI's source list."""
        return f"[{self.n}] {self.heading}: \u201c{self.quote}\u201d"


class Evidence(BaseModel):
    """A retrieved passage with its scores."""

    chunk_id: str
    article_id: str
    title: str = ""
    source: str = ""
    published: str = ""
    text: str
    start: int
    end: int
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None
    story_id: str = ""
    reprints: list[str] = Field(default_factory=list, description="Article ids of syndicated copies collapsed into this passage.")
    flagged: list[tuple[int, int]] = Field(default_factory=list, description="Body offsets of sentences addressed to AI readers, "
                                           "blanked out of text (see ragnews.injection.screen).")
    context: bool = Field(default=False, description="Another passage of a top article, read by the extractive engine "
                          "after the ranked ones (not ranked by retrieval; see answer.with_context).")


class DateWindow(BaseModel):
    """A soft publication-date window read from a question (inclusive ISO dates)."""

    since: str
    until: str
    phrase: str = Field(default="", description="The words of the question it was read from.")


class Understanding(BaseModel):
    """What query understanding read from a question; retrieval boosts (never filters) by it."""

    outlets: list[str] = Field(default_factory=list, description="Stored outlet names the question names (boosted).")
    outlet_phrases: list[str] = Field(default_factory=list, description="How the question named them.")
    dates: DateWindow | None = Field(default=None, description="Soft date window (boosted).")
    parts: list[str] = Field(default_factory=list, description="Sub-questions retrieved separately and fused (multi-part questions).")
    reference_date: str = Field(default="", description="Date relative phrases resolved against (as-of date or newest stored article).")

    @property
    def empty(self) -> bool:
        """True when nothing was understood beyond the words."""
        return not (self.outlets or self.dates or self.parts)

    def describe(self) -> str:
        """One line for the CLI: 'outlets: TechCrunch, The Verge · dates: 2023-11-01..2023-11-30 ("in November 2023") · 2 parts'."""
        bits = []
        if self.outlets:
            bits.append("outlets: " + ", ".join(self.outlets))
        if self.dates:
            bits.append(f'dates: {self.dates.since}..{self.dates.until} ("{self.dates.phrase}")')
        if self.parts:
            bits.append(f"{len(self.parts)} parts")
        return " · ".join(bits)


class AnswerSentence(BaseModel):
    """One sentence of an answer with the citations it carries and its verification."""

    text: str
    citations: list[int] = Field(default_factory=list)
    supported: bool = True
    support: float | None = None
    stories: int = Field(default=0, description="Independent stories (not syndicated copies) among its citations.")
    reason: str = Field(default="", description="Why the sentence is unsupported, naming the detail its cited sentence "
                        "does not state (e.g. \"'five-day' not in the cited sentence, which says 'nine-day'\"); empty when supported.")


class Answer(BaseModel):
    """A cited answer to a question."""

    question: str
    answer: str = Field(description="Answer text with [n] citation markers.")
    citations: list[Citation] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    sentences: list[AnswerSentence] = Field(default_factory=list)
    abstained: bool = False
    gaps: list[str] = Field(default_factory=list, description="What the evidence does not cover (\"The articles do not mention X.\"); "
                            "stated after the verified answer text.")
    sides: bool = Field(default=False, description="Yes/no or comparison evidence: each verified sentence is shown after its "
                        "outlet and date (\"Reuters, 2021-08-23: ...\").")
    engine: str = "extractive"
    standalone_question: str = Field(default="", description="The question actually searched (chat follow-ups).")
    understood: Understanding | None = Field(default=None, description="Outlets, dates and parts read from the question (boosted in retrieval).")
    warnings: list[str] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds spent per stage.")


class Summary(BaseModel):
    """A cited summary of one article or of a topic across articles."""

    text: str
    citations: list[Citation] = Field(default_factory=list)
    sentences: list[AnswerSentence] = Field(default_factory=list)
    query: str = ""
    article_id: str = ""
    engine: str = "extractive"
    warnings: list[str] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)


class TimelineEntry(BaseModel):
    """One dated event of a timeline."""

    date: str = Field(description="ISO date of the event.")
    date_basis: Literal["stated", "published"] = Field(description="stated = resolved from the text; published = the article's publication date.")
    text: str
    citations: list[Citation] = Field(default_factory=list)


class Timeline(BaseModel):
    """Dated entries in event order."""

    query: str
    entries: list[TimelineEntry] = Field(default_factory=list)
    engine: str = "extractive"
    warnings: list[str] = Field(default_factory=list)
    note: str = Field(default="", description="Why there are no entries, e.g. 'The articles do not cover a Fiji military coup.'")
    in_scope: list[str] = Field(default_factory=list, description="Ids of the articles judged to belong to the story (entries come only from these).")


class AnswerStream:
    """An answer being written: draft text pieces as the engine produces them, then the Answer.

    Iterating yields each str piece and, last, the Answer itself (so `for item in stream` code sees
    the whole exchange); `.answer` reads whatever is left and returns the Answer, which replaces the
    "drain the stream and keep the last item" loops callers used to write. close() stops the engine
    (e.g. the LLM's HTTP stream) when a reader gives up, as Ctrl-C in the chat does.
    """

    def __init__(self, source: Generator[str, None, Answer]) -> None:
        """Wrap a generator that yields draft pieces and returns the Answer."""
        self._source = source
        self._answer: Answer | None = None
        self._done = False

    @classmethod
    def of(cls, answer: Answer) -> "AnswerStream":
        """Return a stream with no draft pieces, only the finished answer (engines that do not stream)."""
        def finished() -> Generator[str, None, Answer]:
            return answer
            yield ""  # pragma: no cover - makes this a generator
        return cls(finished())

    def __iter__(self) -> "AnswerStream":
        """Iterate over the pieces, then the Answer."""
        return self

    def __next__(self) -> str | Answer:
        """Return the next draft piece, or the Answer once the engine is done."""
        if self._done:
            raise StopIteration
        try:
            return next(self._source)
        except StopIteration as stop:
            answer: Answer = stop.value
            self._answer, self._done = answer, True
            return answer

    def pieces(self) -> Iterator[str]:
        """Yield only the draft pieces (the Answer is then at .answer); closing this closes the stream."""
        try:
            for item in self:
                if isinstance(item, str):
                    yield item
        finally:
            if not self._done:
                self.close()

    @property
    def answer(self) -> Answer:
        """The finished Answer (reads the rest of the stream first)."""
        for _ in self:
            pass
        if self._answer is None:
            raise RuntimeError("the answer stream was closed before the answer was finished")
        return self._answer

    def then(self, finish: Callable[[Answer], Answer]) -> "AnswerStream":
        """Return a stream with the same pieces whose Answer is finish(this stream's Answer)."""
        def finished() -> Generator[str, None, Answer]:
            yield from self.pieces()
            return finish(self.answer)
        return AnswerStream(finished())

    def close(self) -> None:
        """Stop the engine; no Answer will come."""
        self._done = True
        self._source.close()


def _parse_day(value: DateLike, name: str) -> date | datetime | None:
    """Parse a since/until value (date, datetime or 'YYYY-MM-DD...')."""
    if value is None or isinstance(value, (date, datetime)):
        return value
    try:
        return parse_iso(value)
    except ValueError as exc:
        raise ConfigError(f"{name}={value!r} is not a date; use YYYY-MM-DD") from exc


@dataclass(frozen=True)
class Filters:
    """Which articles may be retrieved, in neutral terms; each store translates them to its own query syntax."""

    since: date | datetime | None = None
    until: date | datetime | None = None
    sources: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()

    @classmethod
    def build(cls, since: DateLike = None, until: DateLike = None, sources: Sequence[str] | None = None,
              articles: Sequence[str] | None = None) -> "Filters":
        """Build filters from loosely typed arguments (ConfigError naming a bad date)."""
        return cls(_parse_day(since, "since"), _parse_day(until, "until"), tuple(sources or ()), tuple(articles or ()))

    @property
    def unfiltered(self) -> bool:
        """True when every article is allowed."""
        return self.since is None and self.until is None and not self.sources and not self.articles

    def bounds(self) -> tuple[int | None, int | None]:
        """Return the (since, until) epoch bounds; a date `until` includes that whole day."""
        until = self.until
        if isinstance(until, date) and not isinstance(until, datetime):
            until = datetime.combine(until, time(23, 59, 59), tzinfo=timezone.utc)
        return to_epoch(self.since), to_epoch(until)
