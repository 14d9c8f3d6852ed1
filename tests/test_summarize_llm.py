"""LLM summaries and timelines, replaying traffic recorded from a real llama.cpp server (Qwen2.5-Coder-1.5B)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ragnews import NewsRAG

from ._vcr import vcr_for
from .test_ask_llm import _llm_settings


def _exact(rag: NewsRAG, citations) -> None:
    """Every citation quotes its article exactly (a whole sentence, not a fragment)."""
    assert citations
    for c in citations:
        assert rag.article(c.article_id).body[c.start : c.end] == c.quote and len(c.quote) > 20


def test_llm_topic_summary_is_cited_and_verified(example_home: Path, embedder) -> None:
    """A real summary: its supported sentences quote exactly; the rest are flagged, with a reason each.

    The prompt holds only the retrieved chunks' sentences of the story (summarize.story_chunks, the timeline's
    sentence test; re-recorded in session 12): the AP article's China ties ("China is North Korea's only major ally
    ...") no longer reach the model, the August visit's sentences do. Recorded behaviour of Qwen2.5-Coder-1.5B: it
    numbered its sentences [1]..[10] instead of citing the sources, and put two markers inside its first sentence
    ("visited Seoul on Monday [1] and Saturday [2], ..."); sentences whose number happens to name a source that
    states them are supported, the others are flagged -- the verbless "and Saturday" with the claim it continues. "Sung Kim ... visited Seoul on Monday" cites "... Sung Kim
    is in South Korea on a five-day visit ...": the reader sees only the quote, so Monday and Seoul are flagged."""
    with vcr_for("summarize_llm_topic").use_cassette("summarize_llm_topic") as cassette, \
            NewsRAG(settings=_llm_settings(example_home), embedder=embedder) as rag:
        summary = rag.summarize(query="Sung Kim's visits to Seoul", words=120)
        _exact(rag, summary.citations)
    prompt = json.loads(cassette.requests[0].body)["messages"][1]["content"]
    assert "Sung Kim arrived in Seoul on Saturday for a four-day visit." in prompt
    assert "China is North Korea" not in prompt
    assert summary.engine.startswith("openai:")
    supported = [s for s in summary.sentences if s.supported]
    assert len(supported) == 1 and supported[-1].text.startswith("The nine-day joint military exercise began on Aug. 16")
    first, piece = summary.sentences[:2]
    assert first.text.startswith("Sung Kim, US special envoy to North Korea, visited Seoul") and not first.supported
    assert "'Monday' not in the cited sentence" in first.reason
    # "and Saturday [2]" has no verb: it is read with the claim it continues, which source 2 does not state
    # (alone it passed against "Sung Kim arrived in Seoul on Saturday ..." and was shown as a supported sentence)
    assert piece.text == "and Saturday" and not piece.supported
    assert "visited Seoul on Monday [1] [unsupported] and Saturday [2] [unsupported]." in summary.text
    numbers = {c.n for c in summary.citations}
    for s in summary.sentences:
        assert set(s.citations) <= numbers
        assert s.supported or "[unsupported]" in summary.text
        assert s.citations or not s.supported  # nothing uncited is ever shown as supported
    flagged = [w for w in summary.warnings if w.startswith("unsupported:")]
    assert len(flagged) >= len(summary.sentences) - len(supported) >= 2  # (sentences over the word budget are cut)
    assert summary.text.count("[unsupported]") == len(summary.sentences) - len(supported)


def test_llm_timeline_lines_are_parsed_and_unverified_events_left_out(example_home: Path, embedder) -> None:
    """The model writes a dated, cited line in the asked form; an event the verifier rejects is left out, and said so.

    Recorded behaviour of Qwen2.5-Coder-1.5B: one line, "2021-06-21 | Sung Kim arrived in Seoul on
    Saturday for a four-day visit. [1]": the August visit's sentence, cited to the June article,
    which says "five-day" -- the fact-level check rejects it, so no entry is shown.
    """
    with vcr_for("timeline_llm").use_cassette("timeline_llm") as cassette, \
            NewsRAG(settings=_llm_settings(example_home), embedder=embedder) as rag:
        timeline = rag.timeline("Sung Kim's visits to Seoul")
        for e in timeline.entries:
            _exact(rag, e.citations)
    reply = json.loads(cassette.responses[0]["body"]["string"])["choices"][0]["message"]["content"]
    assert re.fullmatch(r"2021-06-21 \| Sung Kim arrived in Seoul on Saturday for a four-day visit\. \[1\]", reply.strip())
    assert timeline.engine.startswith("openai:")
    assert any("'four-day' not in the cited sentence, which says 'five-day'" in w for w in timeline.warnings)
    assert any(w.startswith("left out an unverified entry: Sung Kim arrived in Seoul") for w in timeline.warnings)
    assert timeline.entries == []  # the only event was mis-cited: nothing unverified is shown
