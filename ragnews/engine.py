"""The engine seam: one object that builds the answerer, summarizer and timeliner.

An Engine is either extractive (offline, exact article sentences) or an LLM from the provider
registry (ragnews.providers); everything that writes text asks it for its writer instead of
comparing engine names, so adding a provider never touches this module or its callers.
"""

from __future__ import annotations

import importlib
from typing import Literal

from .answer import ExtractiveAnswerer, LLMAnswerer
from .errors import ConfigError
from .protocols import LLM, Answerer, Embedder, Summarizer, Timeliner
from .providers import PROVIDERS
from .settings import Settings
from .summarize import ExtractiveSummarizer, LLMSummarizer
from .timeline import ExtractiveTimeliner, LLMTimeliner
from .verify import Verifier


def make_llm(provider: str, settings: Settings, model: str | None = None) -> LLM:
    """Return the LLM of a registered provider, for model (default settings.model).

    Raises:
        ConfigError: the provider is not registered, or its settings are incomplete.
    """
    target = PROVIDERS.get(provider)
    if target is None:
        raise ConfigError(f"unknown LLM provider {provider!r}; registered: {', '.join(PROVIDERS)} (ragnews/providers.py)")
    module, _, name = target.partition(":")
    factory = getattr(importlib.import_module(module), name)
    llm: LLM = factory(settings.model_copy(update={"model": model}) if model else settings)
    return llm


class Engine:
    """Builds the writers of one engine: extractive (llm=None) or the given LLM."""

    def __init__(self, settings: Settings, embedder: Embedder, sentence_embedder: Embedder, verifier: Verifier,
                 llm: LLM | None = None) -> None:
        """Bind the parts every writer needs.

        Args:
            settings: thresholds, unsupported-sentence mode, LLM fallback.
            embedder: scores summary sentences and timeline events.
            sentence_embedder: scores answer sentences (the home's cached embedder).
            verifier: checks every citation.
            llm: the LLM that writes, or None for the extractive engine.
        """
        self.settings, self.embedder, self.sentence_embedder = settings, embedder, sentence_embedder
        self.verifier, self.llm = verifier, llm

    @property
    def kind(self) -> Literal["extractive", "llm"]:
        """Whether the engine quotes sentences (extractive) or an LLM writes."""
        return "extractive" if self.llm is None else "llm"

    @property
    def name(self) -> str:
        """The engine's name as recorded in answers: 'extractive' or the LLM's name ('openai:MODEL')."""
        return "extractive" if self.llm is None else self.llm.name

    def answerer(self) -> Answerer:
        """Return the answer writer."""
        if self.llm is None:
            return ExtractiveAnswerer(self.sentence_embedder, self.settings)
        reader = ExtractiveAnswerer(self.sentence_embedder, self.settings) if self.settings.llm_answer != "write" else None
        return LLMAnswerer(self.llm, self.settings.llm_context_tokens, reader,
                           self.settings.llm_select_check, self.settings.llm_select_min_confidence,
                           choose=self.settings.llm_answer == "choose", gate=self.settings.llm_gate,
                           sources=self.settings.llm_sources,
                           ranker=(reader or ExtractiveAnswerer(self.sentence_embedder, self.settings)) if self.settings.llm_sources else None)

    def fallback(self) -> Answerer | None:
        """Return the extractive answerer to use when the LLM fails, if the settings allow it."""
        if self.llm is None or not self.settings.llm_fallback:
            return None
        return ExtractiveAnswerer(self.sentence_embedder, self.settings)

    def summarizer(self) -> Summarizer:
        """Return the summary writer."""
        if self.llm is None:
            return ExtractiveSummarizer(self.embedder, self.verifier)
        return LLMSummarizer(self.llm, self.verifier, self.settings.unsupported, self.settings.llm_context_tokens)

    def timeliner(self) -> Timeliner:
        """Return the timeline builder."""
        if self.llm is None:
            return ExtractiveTimeliner(self.verifier, self.sentence_embedder)  # event sentences hit the home's embedding cache
        return LLMTimeliner(self.llm, self.verifier, self.settings.llm_context_tokens)
