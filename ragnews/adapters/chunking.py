"""Sentence-aware chunking of article bodies (llama-index's SentenceSplitter), with exact offsets.

Every chunk keeps the character offsets of its text in the article body, because citations
quote article spans by offset; the splitter is llama-index's, the offset recovery is ours.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING

from ..models import Article, Chunk, SpanChunk, chunk_header

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


#: Texts longer than this are split section by section (sections end at a paragraph break): the
#: splitter's working memory grows with its input (+640 MB for a 60 MB body at once). News articles
#: are far shorter, so their chunks are unchanged; in a longer body no chunk spans a section end.
SECTION_CHARS = 200_000


def sections(body: str, size: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """Return (start, end) offsets cutting body into pieces of about size characters at paragraph breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(body) - start > size:
        cut = body.rfind("\n\n", start + size // 2, start + size)
        end = cut + 2 if cut >= 0 else start + size  # no paragraph break: cut anyway (at a space if there is one)
        if cut < 0 and (space := body.rfind(" ", start + size // 2, end)) >= 0:
            end = space + 1
        spans.append((start, end))
        start = end
    spans.append((start, len(body)))
    return spans


def split_spans(text: str, chunk_size: int = 200, chunk_overlap: int = 32) -> list[tuple[int, int]]:
    """Return the (start, end) character spans of text's sentence-aware chunks, in order (section by section)."""
    spans: list[tuple[int, int]] = []
    for first, last in sections(text):
        piece = text[first:last] if (first, last) != (0, len(text)) else text
        cursor = 0
        for part in _splitter(chunk_size, chunk_overlap).split_text(piece):
            start = piece.find(part, max(0, cursor - len(part)))
            if start < 0:  # the splitter normalised something: fall back to a search from the top
                start = piece.find(part)
            if start < 0:
                continue
            cursor = start + len(part)
            spans.append((first + start, first + cursor))
    return spans


#: Bodies longer than this get SpanChunks: their texts are sliced from the body when read, not kept.
SPAN_CHUNK_CHARS = 1_000_000


def make_chunk(article: Article, index: int, start: int, end: int, head: str) -> Chunk:
    """Return the chunk of article.body[start:end] (its id depends on the article, span and text)."""
    text = article.body[start:end]
    cid = chunk_id(article.id, start, end, text)
    if len(article.body) > SPAN_CHUNK_CHARS:
        return SpanChunk(article.body, cid, article.id, index, start, end, head)
    return Chunk(cid, article.id, index, start, end, text, head)


def chunk_article(article: Article, chunk_size: int = 200, chunk_overlap: int = 32, header: bool = True) -> list[Chunk]:
    """Split an article body into sentence-aware chunks carrying exact character offsets (and, if header, the metadata line)."""
    head = chunk_header(article.title, article.source, article.published) if header else ""
    return [make_chunk(article, n, start, end, head) for n, (start, end) in enumerate(split_spans(article.body, chunk_size, chunk_overlap))]
