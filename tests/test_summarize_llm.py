"""LLM summaries and timelines, replaying traffic recorded from a real llama.cpp server."""

from __future__ import annotations

from pathlib import Path

from ragnews import NewsRAG

from ._vcr import vcr_for
from .test_ask_llm import _llm_settings


def _exact(rag: NewsRAG, citations) -> None:
    """Every citation quotes its article exactly."""
    for c in citations:
        assert rag.article(c.article_id).body[c.start : c.end] == c.quote


def test_llm_topic_summary_is_verified(example_home: Path, embedder) -> None:
    with vcr_for("summarize_llm_topic").use_cassette("summarize_llm_topic"), \
            NewsRAG(settings=_llm_settings(example_home), embedder=embedder) as rag:
        summary = rag.summarize(query="Sung Kim's visits to Seoul", words=120)
        _exact(rag, summary.citations)  # inside the block: quotes are checked against the open home
    assert summary.engine.startswith("openai:")
    numbers = {c.n for c in summary.citations}
    for s in summary.sentences:
        assert set(s.citations) <= numbers
        assert s.supported or "[unsupported]" in summary.text
    assert len(summary.text.split()) <= 120 + 10 * len(summary.sentences)  # markers aside, within budget


def test_llm_timeline_entries_are_cited_and_dated(example_home: Path, embedder) -> None:
    with vcr_for("timeline_llm").use_cassette("timeline_llm"), \
            NewsRAG(settings=_llm_settings(example_home), embedder=embedder) as rag:
        timeline = rag.timeline("Sung Kim's visits to Seoul")
        for e in timeline.entries:
            assert e.citations and e.date_basis in ("stated", "published")
            _exact(rag, e.citations)  # inside the block: quotes are checked against the open home
    assert timeline.engine.startswith("openai:")
    dates = [e.date for e in timeline.entries]
    assert dates == sorted(dates)
