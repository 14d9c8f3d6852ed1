"""evidence.fit_context: prompts fitted to a small LLM's context window."""

from __future__ import annotations

from collections.abc import Sequence

from ragnews import NewsRAG
from ragnews.answer import LLMAnswerer
from ragnews.evidence import CHARS_PER_TOKEN, REPLY_TOKENS, article_evidence, fit_context, prompt_sources
from ragnews.models import Evidence
from ragnews.timeline import LLMTimeliner

from .conftest import ScriptedLLM


def _render(evidence: Sequence[Evidence]) -> list[dict[str, str]]:
    return [{"role": "user", "content": "Sources:\n" + prompt_sources(evidence)}]


def _chars(messages: list[dict[str, str]]) -> int:
    return sum(len(m["content"]) for m in messages)


def _limit(tokens: int) -> int:
    return int((tokens - min(REPLY_TOKENS, tokens // 4)) * CHARS_PER_TOKEN)


def _articles(rag: NewsRAG) -> list[Evidence]:
    return [article_evidence(a) for a in sorted(rag.articles(), key=lambda a: a.id)]


def test_no_limit_keeps_everything(example_rag: NewsRAG) -> None:
    evidence = _articles(example_rag)
    assert fit_context(evidence, _render, 0) == (evidence, [])
    assert fit_context(evidence, _render, 1_000_000) == (evidence, [])


def test_lowest_ranked_sources_are_left_out_first(example_rag: NewsRAG) -> None:
    evidence = _articles(example_rag)
    sizes = [_chars(_render(evidence[:n])) for n in (1, 2, 3)]
    tokens = int(sizes[1] / CHARS_PER_TOKEN) + 1100  # room for two sources plus the reply, not three
    assert _limit(tokens) >= sizes[1] and _limit(tokens) < sizes[2]
    kept, notes = fit_context(evidence, _render, tokens)
    assert kept == evidence[:2]
    assert notes and "left out 1 of 3 sources" in notes[0] and "RAGNEWS_LLM_CONTEXT_TOKENS" in notes[0]


def test_one_long_source_is_cut_at_a_sentence_end(example_rag: NewsRAG) -> None:
    longest = max(_articles(example_rag), key=lambda e: len(e.text))
    kept, notes = fit_context([longest], _render, 600)
    (cut,) = kept
    assert _chars(_render(kept)) <= _limit(600)
    assert 0 < len(cut.text) < len(longest.text) and longest.text.startswith(cut.text)
    assert cut.text.rstrip().endswith((".", '."')) and cut.end == cut.start + len(cut.text)
    assert notes and "shortened the last source" in notes[0]


def test_llm_writers_send_only_what_fits(example_rag: NewsRAG) -> None:
    """The timeline and answer prompts actually sent stay inside the window; the answer says what was left out."""
    articles = sorted(example_rag.articles(), key=lambda a: a.id)
    llm = ScriptedLLM("INSUFFICIENT_EVIDENCE")
    timeline = LLMTimeliner(llm, example_rag.verifier, context_tokens=1200).timeline("Sung Kim visit", articles)
    assert _chars(llm.seen[-1]) <= _limit(1200)
    assert any("RAGNEWS_LLM_CONTEXT_TOKENS" in w for w in timeline.warnings)
    unlimited = ScriptedLLM("INSUFFICIENT_EVIDENCE")
    LLMTimeliner(unlimited, example_rag.verifier).timeline("Sung Kim visit", articles)
    assert _chars(unlimited.seen[-1]) > _limit(1200)
    answer = LLMAnswerer(llm, context_tokens=1200).answer("What did Sung Kim say?", _articles(example_rag))
    assert _chars(llm.seen[-1]) <= _limit(1200)
    assert len(answer.evidence) < 3 and any("left out" in w for w in answer.warnings)
