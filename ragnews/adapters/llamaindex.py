"""llama-index adapters: the sentence-aware chunker and the retriever interop."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..models import Article, Chunk, Evidence

if TYPE_CHECKING:
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.core.retrievers import BaseRetriever

    from ..rag import NewsRAG


@lru_cache(maxsize=4)
def _splitter(chunk_size: int, chunk_overlap: int) -> "SentenceSplitter":
    """Return a cached llama-index SentenceSplitter."""
    from llama_index.core.node_parser import SentenceSplitter

    return SentenceSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap, paragraph_separator="\n\n")


def chunk_id(article_id: str, start: int, end: int, text: str) -> str:
    """Return a deterministic chunk id from the article id, span and text."""
    digest = hashlib.sha256(f"{article_id}:{start}:{end}:{text}".encode()).hexdigest()[:12]
    return f"{article_id}-{digest}"


def chunk_article(article: Article, chunk_size: int = 200, chunk_overlap: int = 32) -> list[Chunk]:
    """Split an article body into sentence-aware chunks carrying exact character offsets."""
    body = article.body
    chunks: list[Chunk] = []
    cursor = 0
    for text in _splitter(chunk_size, chunk_overlap).split_text(body):
        start = body.find(text, max(0, cursor - len(text)))
        if start < 0:  # the splitter normalised something: fall back to a search from the top
            start = body.find(text)
        if start < 0:
            continue
        end = start + len(text)
        chunks.append(Chunk(chunk_id(article.id, start, end, text), article.id, len(chunks), start, end, text))
        cursor = end
    return chunks


def make_retriever(rag: "NewsRAG", k: int | None = None, **filters: Any) -> "BaseRetriever":
    """Return a llama-index BaseRetriever over rag's hybrid retrieval; nodes carry citation metadata."""
    from llama_index.core.retrievers import BaseRetriever
    from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

    class NewsRetriever(BaseRetriever):
        """ragnews hybrid retrieval (dense + BM25, story collapse, MMR) as a llama-index retriever."""

        def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
            evidence = rag.retrieve(query_bundle.query_str, k=k, **filters)
            return [NodeWithScore(node=_node(TextNode, e), score=e.score) for e in evidence]

    return NewsRetriever()


def _node(node_cls: Any, e: "Evidence") -> Any:
    """Build a TextNode from evidence, keeping what a citation needs in its metadata."""
    meta = {"article_id": e.article_id, "title": e.title, "source": e.source, "published": e.published,
            "start": e.start, "end": e.end, "story_id": e.story_id, "reprints": ",".join(e.reprints)}
    return node_cls(id_=e.chunk_id, text=e.text, metadata=meta, start_char_idx=e.start, end_char_idx=e.end,
                    excluded_llm_metadata_keys=["start", "end", "story_id", "reprints", "article_id"])
