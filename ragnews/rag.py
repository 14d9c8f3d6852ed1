"""NewsRAG: the one object the CLI, the REPL and Python callers use."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import os
import time
from contextlib import contextmanager

from .errors import ConfigError, StoreError
from .models import Answer, AnswerStream, Article, DateLike, Evidence, Filters, IngestReport, Summary, Timeline, Understanding
from .protocols import LLM, Answerer, Embedder, Reranker, SharedStore, Store
from .providers import DEFAULT_PROVIDER, EXTRACTIVE
from .records import Records
from .settings import Settings

#: Seconds between two checks of a shared Chroma server for other homes' writes.
_SYNC_EVERY = 2.0

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator, Sequence

    from .chat import ChatSession
    from .doctor import CheckReport, RepairReport
    from .engine import Engine
    from .evidence import Search
    from .ingest import Ingestor, ProgressFn, StatusFn
    from .sync import SyncReport
    from .retrieval import Mode, Retriever
    from .verify import Verifier


class NewsRAG:
    """Ask questions of a pile of news articles and get answers you can check."""

    def __init__(
        self,
        home: str | Path | None = None,
        settings: Settings | None = None,
        *,
        chroma_url: str | None = None,
        embedder: Embedder | None = None,
        store: Store | None = None,
        llm: LLM | None = None,
    ) -> None:
        """Open (or create) a ragnews home.

        Args:
            home: folder for records and the embedded store (default: settings.home).
            settings: a Settings (default: read from RAGNEWS_* environment variables).
            chroma_url: a Chroma server URL; overrides settings.chroma_url.
            embedder: an Embedder to use instead of the one settings name.
            store: a Store to use instead of Chroma.
            llm: an LLM to use instead of the OpenAI-compatible one settings describe.
        """
        settings = settings or Settings()
        updates: dict[str, Any] = {}
        if home is not None:
            updates["home"] = Path(home)
        if chroma_url is not None:
            updates["chroma_url"] = chroma_url
        self.settings = settings.model_copy(update=updates) if updates else settings
        self.home = self.settings.resolved_home()
        self._embedder, self._store, self._llm = embedder, store, llm
        self._write_lock = threading.Lock()
        self._init_lock = threading.RLock()  # lazy parts are created once, whichever thread asks first
        self._retriever: Retriever | None = None
        self._synced_at = float("-inf")
        self.notes: list[str] = []  # store problems found on opening, repeated in every answer's warnings

    @cached_property
    def records(self) -> Records:
        """The SQLite article records of this home."""
        with self._init_lock:
            if "records" not in self.__dict__:
                self.__dict__["records"] = Records(self.home / "ragnews.db", read_only=not self.writable)
            records: Records = self.__dict__["records"]
            return records

    @property
    def writable(self) -> bool:
        """False for a home this process cannot write (read-only mount, another user's files)."""
        db = self.home / "ragnews.db"
        return os.access(self.home, os.W_OK) and (not db.exists() or os.access(db, os.W_OK))

    @property
    def embedder(self) -> Embedder:
        """The embedder (loaded on first use)."""
        with self._init_lock:
            if self._embedder is None:
                from .embedders import get_embedder

                self._embedder = get_embedder(self.settings)
            return self._embedder

    @property
    def store(self) -> Store:
        """The vector store (opened on first use; a server's store is bound to this home).

        Raises StoreError naming `ragnews doctor --repair` when the store cannot be opened or has
        lost every vector, so that no query silently answers from BM25 alone.
        """
        with self._init_lock:
            if self._store is None:
                store = self._open_store()
                self._check_vectors(store)
                self._store = store
            return self._store

    def _open_store(self) -> Store:
        """Open the vector store without checking it against the records (doctor uses this)."""
        records = self.records  # outside _init_lock: cached properties take their own lock first
        if self._store is not None:
            return self._store
        if records.read_only and not self.settings.chroma_url:
            from .adapters.cache_store import CacheStore

            return CacheStore(records)  # Chroma cannot open a folder it may not write
        from .adapters.chroma_store import open_store

        store = open_store(self.home, self.settings.chroma_url, self.settings.collection)
        if isinstance(store, SharedStore) and not records.read_only:
            from .sync import bind

            bind(records, store)
        return store

    def _check_vectors(self, store: Store) -> None:
        """Compare vector and chunk counts: all vectors gone is an error, some gone is a warning on every answer."""
        if isinstance(store, SharedStore):
            return  # a server also holds other homes' chunks; `ragnews doctor` compares ids
        chunks, vectors = self.records.chunk_count(), store.count()
        if chunks and not vectors:
            raise StoreError(f"{self.home / 'chroma'}: the vector store holds no vectors but the records hold {chunks} chunks; "
                             "run `ragnews doctor --repair` to rebuild it from the embedding cache")
        if vectors < chunks:
            from .notices import warn

            note = (f"{chunks - vectors} of {chunks} chunks have no vector in {self.home / 'chroma'}, so they are found by "
                    "keywords only; run `ragnews doctor --repair`")
            self.notes.append(note)
            warn(note)

    @property
    def shared_store(self) -> SharedStore | None:
        """The store as a SharedStore when it is a server several homes share, else None."""
        store = self.store
        return store if isinstance(store, SharedStore) else None

    def check(self) -> "CheckReport":
        """Compare the records, lexical index, embedding cache and vector store of this home.

        Returns:
            A CheckReport: counts and one line per disagreement (empty problems = healthy).
        """
        from .doctor import check

        return check(self.records, self._open_store)

    def repair(self) -> "RepairReport":
        """Rebuild the lexical index and the vector store from the records and the embedding cache.

        Only chunk texts missing from the embedding cache are embedded. An embedded Chroma folder
        that cannot be opened is moved aside (never deleted).

        Returns:
            A RepairReport: what was done and a fresh check.
        """
        from .doctor import repair

        with self._write_lock, self._home_lock():
            self._store = None
            self._retriever = None
            salvaged = self._salvage_records()
            chroma_dir = None if self.settings.chroma_url else self.home / "chroma"
            report = repair(self.records, self._open_store, self.embedder, chroma_dir, self._recover)
            report.actions[:0] = salvaged
            self.notes.clear()
            return report

    def _salvage_records(self) -> list[str]:
        """Rebuild a damaged ragnews.db from what is readable in it (the damaged file is kept); return what was done."""
        from .salvage import damage, salvage

        db = self.home / "ragnews.db"
        if not self.writable or damage(db) is None:
            return []
        opened = self.__dict__.pop("records", None)
        if opened is not None:
            opened.close()
        return salvage(db, self.settings).lines()

    def _recover(self, store: Store) -> int:
        """Finish an interrupted ingest's intents on store (for repair)."""
        from .ingest import Ingestor

        self._store = store
        return Ingestor(self.records, store, self.embedder, self.settings).recover()

    def _ingestor(self) -> "Ingestor":
        """Return an Ingestor bound to this home (synced first when the store is a shared server)."""
        from .ingest import Ingestor

        if self.records.read_only:
            raise StoreError(f"{self.home}: this home is read-only; ingest into a writable --home (or fix its permissions)")
        store = self.store
        if not isinstance(store, SharedStore) and store.count() < self.records.chunk_count():
            raise StoreError(f"{self.home / 'chroma'}: vectors are missing, so ingest would skip the articles they belong to; "
                             "run `ragnews doctor --repair` first")
        ingestor = Ingestor(self.records, store, self.embedder, self.settings)
        if isinstance(store, SharedStore):
            ingestor.recover()  # first roll back this home's unfinished writes, then copy the others'
            self._pull(force=False)
        return ingestor

    @contextmanager
    def _home_lock(self) -> "Iterator[None]":
        """Hold the home's ingest lock (a file lock, so other processes' ingests wait their turn).

        Two ingests planning at once would each miss the other's articles: both versions of an
        updated article were kept (measured: 24 articles instead of 12). Waiting is the fix.
        """
        import fcntl

        if not self.writable:  # not self.records: a damaged records file must not stop `doctor --repair` here
            yield
            return
        with open(self.home / "ingest.lock", "a+", encoding="utf-8") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                import multiprocessing

                child = multiprocessing.parent_process() is not None or getattr(multiprocessing.current_process(), "_inheriting", False)
                if child:  # a spawned worker re-running an unguarded script while its parent holds the lock: fail, never wait
                    raise StoreError(f"another ingest into {self.home} is running in the parent process") from None
                from .notices import warn

                warn(f"another ingest into {self.home} is running; waiting for it to finish")
                fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def sync(self) -> "SyncReport":
        """Update this home's article records and lexical index from the Chroma server.

        Queries do this by themselves (at most every few seconds); call it to force a full
        comparison of article ids, e.g. after another process ingested.

        Returns:
            A SyncReport (articles added and removed locally); empty without a server.
        """
        from .sync import SyncReport

        if self.shared_store is None:
            return SyncReport(up_to_date=True)
        with self._write_lock:
            return self._pull(force=True)

    def _pull(self, force: bool) -> "SyncReport":
        """Pull from the server (the caller holds the write lock)."""
        from .sync import SyncReport, pull

        shared = self.shared_store
        if shared is None:
            return SyncReport(up_to_date=True)
        report = pull(self.records, shared, f"{self.embedder.name}/{self.embedder.dim}", force)
        self._synced_at = time.monotonic()
        return report

    def _maybe_sync(self) -> None:
        """Pull from a shared server if the last check is older than _SYNC_EVERY s and no ingest runs here."""
        if not self.settings.chroma_url or self.records.read_only or time.monotonic() - self._synced_at < _SYNC_EVERY:
            return
        if self.shared_store is None or not self._write_lock.acquire(blocking=False):
            return
        try:
            self._pull(force=False)
        finally:
            self._write_lock.release()

    def ingest(self, paths: str | Path | Iterable[str | Path], progress: "ProgressFn | None" = None,
               status: "StatusFn | None" = None) -> IngestReport:
        """Ingest files, folders or glob patterns.

        Args:
            paths: one path or several (files, folders, globs).
            progress: optional callback(files_done, files_total).
            status: optional callback(IngestProgress): files, articles read and stored, chunks stored
                (a few times a second, from the ingesting threads).

        Returns:
            An IngestReport of new, updated, skipped and failed inputs.
        """
        if isinstance(paths, (str, Path)):
            paths = [paths]
        with self._write_lock, self._home_lock():
            return self._ingestor().ingest_paths(paths, progress, status)

    def ingest_articles(self, articles: Iterable[Article]) -> IngestReport:
        """Ingest Article objects built in Python.

        Args:
            articles: Articles (build them with Article.create to get content ids).

        Returns:
            An IngestReport.
        """
        with self._write_lock, self._home_lock():
            return self._ingestor().ingest_articles(articles)

    def articles(self) -> list[Article]:
        """Return every stored article, oldest first.

        Returns:
            Articles with their story-group ids.
        """
        self._maybe_sync()
        return list(self.records.iter_articles())

    def article(self, article_id: str) -> Article:
        """Return one stored article by id (NotFoundError if absent)."""
        self._maybe_sync()
        return self.records.get_article(article_id)

    @property
    def retriever(self) -> "Retriever":
        """The hybrid retriever over this home (with a shared server: synced first, at most every few seconds)."""
        self._maybe_sync()
        if self._retriever is None:
            from .retrieval import Retriever

            parts = (self.records, self.store, self.embedder)  # each created under its own lock
            reranker = self._reranker()
            with self._init_lock:
                if self._retriever is None:
                    self._retriever = Retriever(*parts, self.settings, reranker)
        return self._retriever

    @retriever.setter
    def retriever(self, value: "Retriever") -> None:
        """Replace the retriever (e.g. with a wrapped one)."""
        self._retriever = value

    def _reranker(self) -> "Reranker | None":
        """Return the LLM reranker when settings ask for one and an LLM is configured."""
        if not self.settings.rerank or (self.settings.llm == EXTRACTIVE and self._llm is None):
            return None
        from .rerank import LLMReranker

        return LLMReranker(self.llm())

    @cached_property
    def verifier(self) -> "Verifier":
        """The citation verifier."""
        from .verify import Verifier

        judge = None
        if self.settings.judge == "llm":
            from .judge import LLMJudge

            judge = LLMJudge(self.llm())
        return Verifier(self.sentence_embedder, self.settings.support_threshold, judge, article_text=self._article_text)

    @cached_property
    def answer_verifier(self) -> "Verifier":
        """The verifier of answers: the citation verifier plus citation repair (settings.citation_repair).

        Answers only: a timeline entry is dated from the line the model wrote beside its marker and a
        summary sentence may lean on its neighbours, so moving their markers to another article
        could date an event by the wrong report (measured on the timeline cassette)."""
        import copy

        verifier = copy.copy(self.verifier)
        verifier.repair = self.settings.citation_repair
        return verifier

    def _article_text(self, article_id: str) -> str:
        """The stored body of an article ('' if it is gone): the verifier's name check reads it."""
        article = self.records.get_articles([article_id]).get(article_id)
        return article.body if article is not None else ""

    @cached_property
    def sentence_embedder(self) -> Embedder:
        """The embedder for query-time sentence scoring, backed by this home's embedding cache."""
        from ._cache import CachedEmbedder

        return CachedEmbedder(self.embedder, self.records)

    def llm(self, model: str | None = None, provider: str | None = None) -> LLM:
        """Return the configured LLM: the one passed in, else the provider the settings name (ragnews.providers)."""
        if self._llm is not None and model is None:
            return self._llm
        from .engine import make_llm

        chosen = provider or (self.settings.llm if self.settings.llm != EXTRACTIVE else DEFAULT_PROVIDER)
        return make_llm(chosen, self.settings, model)

    def engine(self, llm: str | None = None, model: str | None = None) -> "Engine":
        """Return the engine that writes answers, summaries and timelines: 'extractive' or a provider name."""
        from .engine import Engine

        name = llm or self.settings.llm
        writer = None if name == EXTRACTIVE else self.llm(model, name)
        return Engine(self.settings, self.embedder, self.sentence_embedder, self.verifier, writer)

    def _answer_context(self, engine: "Engine") -> tuple[int, int]:
        """Extra passages of the top articles the answerer reads: extractive engine and LLM selection/choice only.

        A written LLM answer leaves them out (LLMAnswerer._fit), so its prompt stays the k passages.
        """
        if engine.kind != "extractive" and engine.settings.llm_answer == "write":
            return (0, 0)
        return (self.settings.answer_context_articles, self.settings.answer_context_passages)

    def answerer(self, engine: str | None = None, model: str | None = None) -> Answerer:
        """Return the answer engine: 'extractive' (offline default) or a provider name such as 'openai'."""
        return self.engine(engine, model).answerer()

    def _search(self, since: DateLike, until: DateLike, sources: "Sequence[str] | None") -> "Search":
        """Return retrieval bound to these filters (checked now: ConfigError for a bad date)."""
        filters = Filters.build(since, until, sources)
        return lambda query, k: self.retriever.retrieve(query, k, self._scope(query, filters))

    def retrieve(self, query: str, since: DateLike = None, until: DateLike = None, sources: "Sequence[str] | None" = None,
                 k: int | None = None, articles: "Sequence[str] | None" = None, mode: "Mode | None" = None,
                 by: str = "chunk", as_of: DateLike = None) -> list[Evidence]:
        """Return the passages retrieval finds for a query (hybrid, filtered, distinct articles first, one per story).

        Args:
            query: question or topic.
            since: earliest publication date (YYYY-MM-DD or date).
            until: latest publication date, inclusive.
            sources: outlets to keep.
            k: passages wanted.
            articles: article ids to search within.
            mode: hybrid, dense or bm25.
            by: "chunk" (k passages, distinct articles first) or "article" (k distinct articles, best passage each).
            as_of: date that relative phrases ("last week") resolve against (default: newest stored article).

        Returns:
            Evidence passages, best first.
        """
        if by not in ("chunk", "article"):
            raise ConfigError(f"by={by!r}: retrieve by 'chunk' or 'article'")
        filters = self._scope(query, Filters.build(since, until, sources, articles))
        return self.retriever.retrieve(query, k, filters, mode, by=by, as_of=as_of)  # type: ignore[arg-type]

    def understand(self, question: str, as_of: DateLike = None) -> Understanding:
        """Return the outlets, date window and parts retrieval reads from a question (what it will boost)."""
        return self.retriever.understand(question, as_of)

    def _scope(self, query: str, filters: Filters) -> Filters:
        """Refuse an empty query, an empty home and filters matching no article, each with its reason."""
        from .scope import check_question, check_scope

        check_question(query)
        self._maybe_sync()
        filters = self.retriever.resolve_sources(filters)  # --source is case-insensitive, aliases allowed
        check_scope(self.records, self.home, filters)
        return filters

    def as_retriever(self, k: int | None = None, **filters: Any) -> Any:
        """Return a llama-index BaseRetriever over this store (drop-in for query and chat engines).

        Args:
            k: passages per query.
            **filters: since, until, sources, articles, mode, by ("article": distinct articles), as_of (as for retrieve).

        Returns:
            A llama_index.core.retrievers.BaseRetriever whose nodes carry citation metadata.
        """
        from .adapters.llamaindex import make_retriever

        return make_retriever(lambda query: self.retrieve(query, k=k, **filters))

    def ask(self, question: str, since: DateLike = None, until: DateLike = None, sources: "Sequence[str] | None" = None,
            k: int | None = None, articles: "Sequence[str] | None" = None, llm: str | None = None, model: str | None = None,
            as_of: DateLike = None) -> Answer:
        """Answer a question from the stored articles, every sentence cited and verified.

        Args:
            question: the question.
            since: earliest publication date (YYYY-MM-DD or date).
            until: latest publication date, inclusive.
            sources: outlets to keep.
            k: passages to give the answer engine.
            articles: article ids to search within.
            llm: 'extractive' or a provider such as 'openai' (default settings.llm).
            model: model name for an LLM engine.
            as_of: date that relative phrases ("last week") resolve against (default: newest stored article).

        Returns:
            An Answer with citations (exact quotes), evidence, what was understood of the question,
            abstention flag and timings.
        """
        return self.ask_stream(question, since, until, sources, k, articles, llm, model, as_of).answer

    def ask_stream(self, question: str, since: DateLike = None, until: DateLike = None, sources: "Sequence[str] | None" = None,
                   k: int | None = None, articles: "Sequence[str] | None" = None, llm: str | None = None,
                   model: str | None = None, as_of: DateLike = None) -> AnswerStream:
        """Like ask, but stream: draft text pieces as they are generated, then the verified Answer (also at .answer)."""
        return AnswerStream(self._ask(question, since, until, sources, k, articles, llm, model, as_of))

    def _ask(self, question: str, since: DateLike, until: DateLike, sources: "Sequence[str] | None", k: int | None,
             articles: "Sequence[str] | None", llm: str | None, model: str | None,
             as_of: DateLike = None) -> "Generator[str, None, Answer]":
        """Hand the question and this home's parts to answer.ask_stream (run when the stream is first read)."""
        from .answer import ask_stream

        filters = self._scope(question, Filters.build(since, until, sources, articles))
        engine = self.engine(llm, model)
        stream = ask_stream(question, filters, k, retriever=self.retriever, records=self.records, verifier=self.answer_verifier,
                            answerer=engine.answerer(), fallback=engine.fallback(), unsupported=self.settings.unsupported,
                            notes=self.notes, as_of=as_of, context=self._answer_context(engine))
        yield from stream.pieces()
        return stream.answer

    def chat(self, since: DateLike = None, until: DateLike = None, sources: "Sequence[str] | None" = None,
             llm: str | None = None, model: str | None = None) -> "ChatSession":
        """Start a conversation whose follow-up questions keep their context.

        Args:
            since: earliest publication date (YYYY-MM-DD or date).
            until: latest publication date, inclusive.
            sources: outlets to keep.
            llm: 'extractive' or 'openai' (default settings.llm).
            model: model name for the openai engine.

        Returns:
            A ChatSession (ask, ask_stream, standalone, sources, open, reset).
        """
        from .chat import ChatSession

        return ChatSession(self, since, until, sources, llm, model)

    def summarize(self, article_id: str | None = None, *, query: str | None = None, since: DateLike = None,
                  until: DateLike = None, sources: "Sequence[str] | None" = None, words: int | None = None,
                  llm: str | None = None, model: str | None = None) -> "Summary":
        """Summarize one article, or a topic across articles, every sentence cited and verified.

        Args:
            article_id: id of a stored article to summarize (or give query).
            query: topic to summarize across articles (syndicated copies count once).
            since: earliest publication date (topic summaries).
            until: latest publication date, inclusive (topic summaries).
            sources: outlets to keep (topic summaries).
            words: word budget, never exceeded (default 120 for an article, 200 for a topic).
            llm: 'extractive' or 'openai' (default settings.llm).
            model: model name for the openai engine.

        Returns:
            A Summary: text with [n] markers, citations with exact quotes, sentences, warnings.
        """
        from .summarize import summarize

        self._maybe_sync()
        search = self._search(since, until, sources)
        engine = self.engine(llm, model)
        return summarize(article_id, query=query, words=words, search=search, records=self.records,
                         summarizer=engine.summarizer(), embedder=engine.sentence_embedder)

    def timeline(self, query: str, *, since: DateLike = None, until: DateLike = None,
                 sources: "Sequence[str] | None" = None, k: int | None = None, llm: str | None = None,
                 model: str | None = None) -> "Timeline":
        """Return a dated timeline of a story: entries in event order, each cited and verified.

        Args:
            query: the story.
            since: earliest publication date.
            until: latest publication date, inclusive.
            sources: outlets to keep.
            k: passages to retrieve (their articles supply the events).
            llm: 'extractive' or 'openai' (default settings.llm).
            model: model name for the openai engine.

        Returns:
            A Timeline whose entries carry an ISO date, its basis (stated / published), text and citations.
        """
        from .timeline import timeline

        search = self._search(since, until, sources)
        engine = self.engine(llm, model)
        return timeline(query, k, search=search, records=self.records, timeliner=engine.timeliner(),
                        embedder=engine.sentence_embedder)

    def close(self) -> None:
        """Release the records database."""
        if "records" in self.__dict__:
            self.records.close()

    def __enter__(self) -> "NewsRAG":
        """Use as a context manager."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close on exit."""
        self.close()
