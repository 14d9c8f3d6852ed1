"""The LLM support judge (prompts/judge.txt): does a set of passages support a claim?"""

from __future__ import annotations

from collections.abc import Sequence

from ._sources import PromptSource, format_sources
from .protocols import LLM


class LLMJudge:
    """Asks an LLM for a YES/NO verdict; anything but a leading YES counts as no support."""

    def __init__(self, llm: LLM) -> None:
        """Ask this LLM."""
        self.llm = llm
        self.name = f"llm:{llm.name}"
        self._cache: dict[tuple[str, tuple[str, ...]], bool] = {}

    def __call__(self, claim: str, passages: Sequence[str]) -> bool:
        """Return True when the LLM says the passages support the claim (cached per claim and passages)."""
        from .prompts import load_prompt

        key = (claim, tuple(passages))
        if key not in self._cache:
            sources = format_sources([PromptSource(n, "", "", "", p) for n, p in enumerate(passages, 1)])
            reply = self.llm.complete(load_prompt("judge", {"claim", "sources"}).messages(claim=claim, sources=sources))
            self._cache[key] = reply.strip().upper().startswith("YES")
        return self._cache[key]
