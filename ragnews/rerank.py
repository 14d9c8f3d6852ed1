"""Optional rerankers behind the Reranker protocol: an LLM reranker (prompts/rerank.txt)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._sources import escape_source_text
from .protocols import LLM

_NUMBERS = re.compile(r"\d+")


class LLMReranker:
    """Asks an LLM to rank numbered passages; unknown or repeated numbers are ignored."""

    def __init__(self, llm: LLM) -> None:
        """Use llm for ranking."""
        self.llm = llm
        self.name = f"llm-rerank:{llm.name}"

    def rerank(self, query: str, passages: Sequence[str]) -> list[int]:
        """Return passage indices most useful first; passages the LLM left out follow in their old order."""
        from .prompts import load_prompt

        listing = "\n\n".join(f"[{i}] {escape_source_text(p)}" for i, p in enumerate(passages, 1))
        reply = self.llm.complete(load_prompt("rerank", {"question", "passages"}).messages(question=query, passages=listing))
        return parse_ranking(reply, len(passages))


def parse_ranking(reply: str, count: int) -> list[int]:
    """Turn '3,1,4' into 0-based indices [2, 0, 3, ...], appending the ones not named."""
    named = [] if "NONE" in reply.upper() else [int(x) - 1 for x in _NUMBERS.findall(reply)]
    order = list(dict.fromkeys(i for i in named if 0 <= i < count))
    return order + [i for i in range(count) if i not in order]
