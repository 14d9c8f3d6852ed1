"""Sentence-aware chunking of article bodies (llama-index's SentenceSplitter), with exact offsets.

Every chunk keeps the character offsets of its text in the article body, because citations
quote article spans by offset; the splitter is llama-index's, the offset recovery is ours.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING

from ..models import Article, Chunk, chunk_header

if TYPE_CHECKING:
    from llama_index.core.node_parser import SentenceSplitter


@lru_cache(maxsize=4)
def _splitter(chunk_size: int, chunk_overlap: int) -> "SentenceSplitter":
    """Return a cached llama-index SentenceSplitter."""
    from llama_index.core.node_parser import SentenceSplitter

    return SentenceSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap, paragraph_separator="\n\n")


def chunk_id(article_id: str, start: int, end: int, text: str) -> str:
    """Return a deterministic chunk id from the article id, span and text."""
    digest = hashlib.sha256(f"{article_id}:{start}:{end}:{text}".encode()).hexdigest()[:12]
    return f"{article_id}-{digest}"


def chunk_article(article: Article, chunk_size: int = 200, chunk_overlap: int = 32, header: bool = True) -> list[Chunk]:
    """Split an article body into sentence-aware chunks carrying exact character offsets (and, if header, the metadata line)."""
    body = article.body
    head = chunk_header(article.title, article.source, article.published) if header else ""
    chunks: list[Chunk] = []
    cursor = 0
    for text in _splitter(chunk_size, chunk_overlap).split_text(body):
        start = body.find(text, max(0, cursor - len(text)))
        if start < 0:  # the splitter normalised something: fall back to a search from the top
            start = body.find(text)
        if start < 0:
            continue
        end = start + len(text)
        chunks.append(Chunk(chunk_id(article.id, start, end, text), article.id, len(chunks), start, end, text, head))
        cursor = end
    return chunks
