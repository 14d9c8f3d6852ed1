"""One settings class for everything; env prefix RAGNEWS_."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .providers import EXTRACTIVE, engine_names


def _default_home() -> Path:
    """The per-user data directory (XDG_DATA_HOME/ragnews, else ~/.local/share/ragnews)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ragnews"


class Settings(BaseSettings):
    """All ragnews settings; each can be set as RAGNEWS_<NAME> in the environment."""

    model_config = SettingsConfigDict(env_prefix="RAGNEWS_", extra="ignore", populate_by_name=True)

    # --- storage -----------------------------------------------------------
    home: Path = Field(default_factory=_default_home, description="Folder holding the article records, lexical index and embedded Chroma store.")
    chroma_url: str | None = Field(default=None, description="URL of a Chroma server (http://host:port); unset = embedded PersistentClient under home.")
    collection: str = Field(default="ragnews", description="Name of the Chroma collection holding the chunks.")

    # --- ingestion ---------------------------------------------------------
    max_file_mb: float = Field(default=20.0, description="Refuse input files larger than this many megabytes.")
    chunk_size: int = Field(default=200, description="Target chunk size in tokens (kept below the embedder's 256-token window).")
    chunk_overlap: int = Field(default=32, description="Token overlap between neighbouring chunks.")
    embed_header: bool = Field(default=True, description="Embed each chunk with its article's metadata line (title, outlet, date); costs ~12% more model tokens and ~7% ingest CPU on short Reuters articles (longer sequences, same chunk count; measured 2026-11-30); off, BM25 still searches the line (README, Performance: the ingest row).")
    syndication_threshold: float = Field(default=0.7, description="Estimated Jaccard similarity of word shingles above which two articles are one story.")
    minhash_perm: int = Field(default=128, description="Number of MinHash permutations for syndication detection.")
    reprint_reuse: bool = Field(default=True, description="Chunk a syndicated reprint around the passages it shares with the earlier copy and reuse their vectors (ragnews/reprints.py); off: every article is chunked and embedded on its own.")
    ingest_workers: int = Field(default=0, description="Worker processes for parsing and chunking (0 = in-process).")

    # --- embedding ---------------------------------------------------------
    embedder: Literal["minilm", "openai"] = Field(default="minilm", description="minilm = bundled offline all-MiniLM-L6-v2 int8 ONNX; openai = an OpenAI-compatible embeddings endpoint.")
    embed_model: str = Field(default="text-embedding-3-small", description="Embedding model name for the openai embedder.")
    embed_batch_size: int = Field(default=10, description="Texts per embedder call (10 measured fastest on 2 cores).")
    embed_threads: int = Field(default=0, description="onnxruntime intra-op threads (0 = all cores).")

    # --- LLM ---------------------------------------------------------------
    llm: str = Field(default=EXTRACTIVE, description="Answer/summary engine: extractive (offline) or an LLM provider of ragnews/providers.py (openai: any OpenAI-compatible endpoint).")
    model: str = Field(default="gpt-4o-mini", description="Chat model name for the openai engine.")
    openai_base_url: str | None = Field(default=None, validation_alias=AliasChoices("RAGNEWS_OPENAI_BASE_URL", "OPENAI_BASE_URL", "openai_base_url"), description="Base URL of the OpenAI-compatible endpoint (OPENAI_BASE_URL).")
    openai_api_key: SecretStr | None = Field(default=None, validation_alias=AliasChoices("RAGNEWS_OPENAI_API_KEY", "OPENAI_API_KEY", "openai_api_key"), description="API key (OPENAI_API_KEY); never logged.")
    llm_timeout: float = Field(default=60.0, description="Seconds before one LLM request times out.")
    llm_max_retries: int = Field(default=3, description="Retries on timeouts, 429 and 5xx before giving up.")
    llm_context_tokens: int = Field(default=0, ge=0, description="The LLM's context window in tokens (e.g. 4096 for a llama.cpp server started with --n_ctx 4096). When set, a prompt that would not fit leaves out its lowest-ranked sources (a warning says how many) instead of the endpoint refusing it; 0 = no limit (hosted models take 128k).")
    llm_fallback: bool = Field(default=False, description="On LLM failure fall back to the extractive engine with a warning instead of raising LLMError.")
    temperature: float = Field(default=0.0, description="Sampling temperature for the LLM.")
    llm_answer: Literal["write", "select", "choose"] = Field(default="write", description="How the LLM answers a question that is not yes/no or a comparison: write = a cited answer in its own words (prompts/answer.txt); select = it picks the numbered candidate sentence that answers and copies the short answer from it (prompts/select.txt), and the answer quotes that sentence whole; choose = it replies with the number of one of the extractive engine's 8 best sentences or 0 for none of them (prompts/choose.txt): 0 abstains, a number quotes that sentence whole.")
    llm_select_check: bool = Field(default=False, description="Selection only (llm_answer=select): a second, short LLM call asks whether the chosen sentence answers the question (prompts/check.txt); the answer is kept only when the model's probability of YES reaches llm_select_min_confidence.")
    llm_select_min_confidence: float = Field(default=0.4, ge=0.0, le=1.0, description="With llm_select_check: the lowest probability of YES (from the endpoint's logprobs, YES vs NO at the first token) that keeps the chosen sentence; set on the RealTimeQA dev sets (benchmarks/results/llm/README.md). An endpoint that returns no logprobs falls back to the bare YES/NO, with a warning.")
    llm_sources: int = Field(default=0, ge=0, description="Written LLM answers only: read just this many of the retrieved passages, those whose sentences the extractive scorer rates best, best first (0 = every ranked passage that fits, in retrieval order).")
    llm_gate: Literal["off", "coverage"] = Field(default="off", description="Answerability gate before the LLM is asked (every llm_answer mode): coverage = abstain without calling the LLM when a named entity, date or key noun of the question appears nowhere in the evidence ('The articles do not mention X.', the extractive engine's first test); off = the LLM decides alone. Opt-in: on the dev sets it fired on 2 questions in 20-40, took no abstention the LLM missed and lost one right answer per set (benchmarks/results/llm/README.md, session 11).")

    # --- retrieval ---------------------------------------------------------
    top_k: int = Field(default=6, description="Passages given to the answerer.")
    candidates: int = Field(default=80, description="Candidates fetched from each retriever before fusion (tuned on the RealTimeQA dev weeks, eval/results/tune_retrieval.json).")
    retriever: Literal["hybrid", "dense", "bm25"] = Field(default="hybrid", description="Which retrievers to use.")
    dense_weight: float = Field(default=1.5, description="Weight of the dense ranking in reciprocal rank fusion (tuned on the RealTimeQA dev weeks, eval/results/tune_retrieval.json).")
    bm25_weight: float = Field(default=0.5, description="Weight of the chunk BM25 ranking in reciprocal rank fusion (tuned on the RealTimeQA dev weeks, eval/results/tune_retrieval.json).")
    rrf_k: int = Field(default=60, description="The k constant of reciprocal rank fusion.")
    mmr_lambda: float = Field(default=0.7, description="Relevance/diversity trade-off of MMR (1 = relevance only).")
    article_bm25_weight: float = Field(default=1.0, description="Weight of the whole-article BM25 ranking (title, outlet, body) in the article fusion.")
    head_weight: float = Field(default=2.0, description="BM25 weight of a chunk's metadata line (title, outlet, date) relative to its text.")
    title_weight: float = Field(default=4.0, description="BM25 weight of an article's title relative to its body in whole-article BM25 (tuned on the RealTimeQA dev weeks, eval/results/tune_retrieval.json).")
    understand: bool = Field(default=True, description="Read outlets, dates and parts from questions and boost by them.")
    outlet_boost: float = Field(default=0.5, description="Score lift (x(1+b)) of articles from an outlet the question names.")
    part_weight: float = Field(default=1.5, description="Fusion weight of each part's article ranking (the whole question weighs 1) in a multi-part question (tuned on the multi-outlet proxy dev half with RealTimeQA dev no worse, benchmarks/results/tune_multioutlet.json).")
    outlet_list_weight: float = Field(default=1.0, description="Fusion weight of the extra rankings searched within the named outlets.")
    date_boost: float = Field(default=2.0, description="Score lift (x(1+b)) of articles published inside the date window the question names (tuned on the RealTimeQA dev weeks, eval/results/tune_retrieval.json).")
    recency_days: int = Field(default=7, description="With an explicit as-of date and no date in the question, boost the articles of this many days before it (0 = off) (tuned on the RealTimeQA dev weeks, eval/results/tune_retrieval.json).")
    rerank: bool = Field(default=False, description="Rerank fused candidates with the LLM reranker when an LLM is configured.")

    # --- answering and verification -----------------------------------------
    abstain_threshold: float = Field(default=0.40, description="Abstain when the best evidence sentence scores below this (0.40: best of a 0.20-0.60 sweep on the examples suite, see benchmarks/results/examples/report.md).")
    support_threshold: float = Field(default=0.5, description="A cited sentence whose support score is below this is flagged unsupported.")
    citation_repair: bool = Field(default=True, description="Re-attribute a generated sentence whose [n] marker is missing or "
                                  "points at a passage that does not state it to the given passage that does (same checks decide; "
                                  "reported in the warnings).")
    judge: Literal["offline", "llm"] = Field(default="offline", description="Who decides citation support: the offline scorer, or the configured LLM (YES/NO per non-verbatim sentence).")
    unsupported: Literal["remove", "mark"] = Field(default="mark", description="What to do with unsupported sentences: remove them or mark them in the answer.")
    max_answer_sentences: int = Field(default=4, description="Most sentences in an extractive answer.")
    answer_context_articles: int = Field(default=3, description="The extractive engine also reads the other passages (lead first) of this many top articles: retrieval returns one passage per article first, and the fact asked for is often in another passage of the best article.")
    answer_context_passages: int = Field(default=2, description="Extra passages read per context article (see answer_context_articles).")

    @field_validator("llm")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        """Accept only extractive or a registered provider."""
        if value not in engine_names():
            raise ValueError(f"unknown engine {value!r}; use one of {', '.join(engine_names())}")
        return value

    def resolved_home(self) -> Path:
        """Return home with ~ expanded, creating it if needed."""
        home = Path(self.home).expanduser()
        if home.is_dir():
            return home  # an existing home may be read-only: never try to create it
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from .errors import ConfigError

            raise ConfigError(f"RAGNEWS_HOME={home}: cannot create the folder ({exc.strerror}); choose a writable --home") from exc
        return home
