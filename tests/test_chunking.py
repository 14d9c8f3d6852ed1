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


def test_a_huge_body_s_chunks_slice_their_text_from_the_body_instead_of_keeping_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over SPAN_CHUNK_CHARS a body's chunks are SpanChunks: equal to the plain chunks (text, ids, hashes,
    offsets), pickled with one copy of the body, and holding no text of their own (a 60 MB article's
    82k chunk texts were ~65 MB held through the whole ingest)."""
    import pickle
    import sys

    from ragnews.models import SpanChunk

    body = "\n\n".join(f"Paragraph {n}: the envoy met officials in Seoul and said talks would resume on day {n}. " * 6
                       for n in range(60))
    article = Article.create("Talks", body, source="Reuters")
    plain = chunk_article(article)
    monkeypatch.setattr(chunking, "SPAN_CHUNK_CHARS", len(body) - 1)
    spans = chunk_article(article)
    assert len(spans) > 10 and all(type(c) is SpanChunk for c in spans)
    assert spans == plain and [c.text_hash for c in spans] == [c.text_hash for c in plain]
    assert all(c.text == body[c.start : c.end] for c in spans)
    own = [v for c in spans for k, v in vars(c).items() if k not in ("_body", "article_id", "head")]  # not shared
    assert sum(map(sys.getsizeof, own)) < sum(sys.getsizeof(c.text) for c in plain) / 2  # ids and offsets only
    restored = pickle.loads(pickle.dumps(spans))  # ingest workers send prepared chunks back pickled
    assert restored == plain and len(pickle.dumps(spans)) < len(pickle.dumps(plain))
