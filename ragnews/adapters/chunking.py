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


def split_spans(text: str, chunk_size: int = 200, chunk_overlap: int = 32) -> list[tuple[int, int]]:
    """Return the (start, end) character spans of text's sentence-aware chunks, in order."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _splitter(chunk_size, chunk_overlap).split_text(text):
        start = text.find(piece, max(0, cursor - len(piece)))
        if start < 0:  # the splitter normalised something: fall back to a search from the top
            start = text.find(piece)
        if start < 0:
            continue
        cursor = start + len(piece)
        spans.append((start, cursor))
    return spans


def make_chunk(article: Article, index: int, start: int, end: int, head: str) -> Chunk:
    """Return the chunk of article.body[start:end] (its id depends on the article, span and text)."""
    text = article.body[start:end]
    return Chunk(chunk_id(article.id, start, end, text), article.id, index, start, end, text, head)


def chunk_article(article: Article, chunk_size: int = 200, chunk_overlap: int = 32, header: bool = True) -> list[Chunk]:
    """Split an article body into sentence-aware chunks carrying exact character offsets (and, if header, the metadata line)."""
    head = chunk_header(article.title, article.source, article.published) if header else ""
    return [make_chunk(article, n, start, end, head) for n, (start, end) in enumerate(split_spans(article.body, chunk_size, chunk_overlap))]
