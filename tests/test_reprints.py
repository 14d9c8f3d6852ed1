"""Reprints: chunks aligned to the passages shared with the earlier copy, their vectors borrowed, not re-embedded."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from ragnews import NewsRAG, Settings
from ragnews.adapters.chunking import chunk_article
from ragnews.loaders import iter_articles
from ragnews.models import Article, chunk_header
from ragnews.reprints import align

from .conftest import EXAMPLES

LEDE = "(Example Syndicate) - The following report was first published by a wire service."


@pytest.fixture(scope="module")
def wire() -> Article:
    """A long wire story: the three example bodies as one article (about eight chunks)."""
    bodies = [a.body for f in sorted(EXAMPLES.glob("*.txt")) for a in iter_articles(f, Settings()) if isinstance(a, Article)]
    return Article.create("Wire: markets, politics and trade", "\n\n".join(bodies), source="Wire Service",
                          published=date(2023, 11, 14), url="https://wire.example/story")


def reprint_of(original: Article, body: str, outlet: str = "Example Syndicate") -> Article:
    """A reprint: another outlet, headline, URL and date; the given body."""
    return Article.create(original.title.upper() + " | " + outlet, body, source=outlet, published=date(2023, 11, 15),
                          url=f"https://{outlet.replace(' ', '').lower()}.example/{original.id}")


def edited(body: str) -> str:
    """A new lede, the last paragraph cut and two spaces after sentences: what outlets do to wire copy."""
    paragraphs = body.rstrip().split("\n\n")
    return LEDE + " " + re.sub(r"([.!?]) (?=[A-Z])", r"\1  ", "\n\n".join(paragraphs[:-1]))


def test_align_keeps_shared_passages_and_splits_only_the_new_text(wire: Article) -> None:
    original = chunk_article(wire)
    reprint = reprint_of(wire, edited(wire.body))
    head = chunk_header(reprint.title, reprint.source, reprint.published)
    aligned = align(reprint, original, head, 200, 32)
    assert aligned is not None and len(original) >= 6
    for n, chunk in enumerate(aligned.chunks):  # exact spans of the reprint, in order, with its own header
        assert chunk.text == reprint.body[chunk.start:chunk.end] and chunk.index == n and chunk.head == head
        assert chunk.article_id == reprint.id
    starts = [c.start for c in aligned.chunks]
    assert starts == sorted(starts)
    covered = np.zeros(len(reprint.body), dtype=bool)
    for chunk in aligned.chunks:
        covered[chunk.start:chunk.end] = True
    assert all(covered[m.start()] for m in re.finditer(r"\w", reprint.body)), "every word is in some chunk"
    by_hash = {c.text_hash: c for c in original}
    for chunk in aligned.chunks:
        if chunk.text_hash in aligned.borrowed:  # borrowed from the original passage with the same words
            assert " ".join(by_hash[aligned.borrowed[chunk.text_hash]].text.split()) == " ".join(chunk.text.split())
    fresh = [c for c in aligned.chunks if c.text_hash not in aligned.borrowed]
    assert len(aligned.borrowed) >= len(original) - 2  # all but the trimmed last passage (and maybe its neighbour)
    assert any(LEDE in c.text for c in fresh) and len(fresh) <= 3


def test_align_refuses_an_article_sharing_too_little(wire: Article) -> None:
    original = chunk_article(wire)
    other = reprint_of(wire, wire.body[: len(wire.body) // 3] + "\n\n" + "Unrelated words about the weather. " * 120)
    assert align(other, original, "", 200, 32) is None


@pytest.mark.parametrize("same_run", [False, True])
def test_a_reprint_borrows_the_originals_vectors_and_embeds_only_its_new_text(tmp_path: Path, embedder, wire: Article,
                                                                               same_run: bool) -> None:
    reprint = reprint_of(wire, edited(wire.body))
    with NewsRAG(settings=Settings(home=tmp_path / "home", chroma_url=None, llm="extractive"), embedder=embedder) as rag:
        if same_run:
            report = rag.ingest_articles([wire, reprint])
            first = len(rag.records.chunks_of(wire.id))
            embedded = report.chunks_embedded - first
        else:
            first = rag.ingest_articles([wire]).chunks_embedded
            embedded = rag.ingest_articles([reprint]).chunks_embedded
        chunks = rag.records.chunks_of(reprint.id)
        originals = rag.records.chunks_of(wire.id)
        assert first == len(originals)
        assert 1 <= embedded <= 3 < len(chunks), f"{embedded} of {len(chunks)} reprint chunks embedded"
        assert rag.records.get_article(reprint.id).story_id == wire.id
        mine = rag.records.chunk_vectors([c.id for c in chunks])
        by_id = rag.records.chunk_vectors([c.id for c in originals])
        theirs = {" ".join(c.text.split()): by_id[c.id] for c in originals}
        shared = [c for c in chunks if " ".join(c.text.split()) in theirs]
        assert len(shared) == len(chunks) - embedded
        for c in shared:
            assert np.array_equal(mine[c.id], theirs[" ".join(c.text.split())])
        assert rag.store.count() == len(chunks) + len(originals)
        lede = next(c for c in chunks if LEDE in c.text)  # new text: embedded with the reprint's own header
        assert np.allclose(mine[lede.id], embedder.embed([lede.embed_text])[0], atol=1e-5)


def test_with_reuse_off_every_reprint_chunk_is_embedded(tmp_path: Path, embedder, wire: Article) -> None:
    reprint = reprint_of(wire, edited(wire.body))
    settings = Settings(home=tmp_path / "home", chroma_url=None, llm="extractive", reprint_reuse=False)
    with NewsRAG(settings=settings, embedder=embedder) as rag:
        rag.ingest_articles([wire])
        report = rag.ingest_articles([reprint])
        assert report.chunks_embedded == len(rag.records.chunks_of(reprint.id)) == len(chunk_article(reprint))
