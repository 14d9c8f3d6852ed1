"""Chunking: exact offsets, and bodies far longer than a news article chunked section by section."""

from __future__ import annotations

import pytest

from ragnews.adapters import chunking
from ragnews.adapters.chunking import chunk_article, sections
from ragnews.loaders import iter_articles
from ragnews.models import Article

from .conftest import EXAMPLES, REUTERS_AUG


def _long_article(copies: int) -> Article:
    """One article whose body is a real Reuters story repeated (paragraph breaks between copies)."""
    [seed] = [a for a in iter_articles(EXAMPLES / REUTERS_AUG) if isinstance(a, Article)]
    return Article.create("Long", "\n\n".join([seed.body] * copies), source="Reuters")


def test_sections_end_at_paragraph_breaks_and_cover_the_body() -> None:
    body = _long_article(12).body
    spans = sections(body, size=3000)
    assert spans[0][0] == 0 and spans[-1][1] == len(body) and len(spans) > 3
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(body[end - 2 : end] == "\n\n" for _, end in spans[:-1])
    assert all(end - start <= 3000 for start, end in spans)


def test_a_paragraph_longer_than_a_section_is_cut_at_a_space() -> None:
    body = "word " * 2000
    spans = sections(body, size=1000)
    assert all(body[end - 1] == " " for _, end in spans[:-1]) and spans[-1][1] == len(body)


def test_a_long_body_is_chunked_by_section_with_exact_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    article = _long_article(12)
    whole = chunk_article(article)
    monkeypatch.setattr(chunking, "SECTION_CHARS", 3000)
    parts = chunk_article(article)
    assert [c.index for c in parts] == list(range(len(parts)))
    assert all(article.body[c.start : c.end] == c.text for c in parts)
    assert all(a.start < b.start for a, b in zip(parts, parts[1:]))
    # every sentence of the body is in some chunk, and most chunks are the ones the whole-body split makes
    assert {c.text for c in parts} & {c.text for c in whole}
    covered = bytearray(len(article.body))
    for c in parts:
        covered[c.start : c.end] = b"\1" * (c.end - c.start)
    assert all(covered[i] or article.body[i].isspace() for i in range(len(article.body)))


def test_a_news_sized_body_is_one_section_and_chunks_as_before() -> None:
    article = _long_article(1)
    assert sections(article.body) == [(0, len(article.body))]
    assert [c.text for c in chunk_article(article)] == chunking._splitter(200, 32).split_text(article.body)
