"""The registry of LLM providers: engine name -> the class that talks to it.

A new provider is one module (a class taking Settings and implementing protocols.LLM) plus one
line here; the CLI's --llm choices, the chat's /llm command and Settings.llm all read this table.
Classes are named as "module:Class" strings so nothing is imported until a provider is used.
"""

from __future__ import annotations

#: The offline engine: answers, summaries and timelines made of exact article sentences.
EXTRACTIVE = "extractive"
#: Provider used when an LLM is needed but the settings name the extractive engine (e.g. judge=llm).
DEFAULT_PROVIDER = "openai"
PROVIDERS: dict[str, str] = {
    "openai": "ragnews.adapters.openai_llm:OpenAILLM",  # any OpenAI-compatible endpoint (OpenAI, Ollama, llama.cpp, vLLM)
}


def engine_names() -> tuple[str, ...]:
    """Return every engine name: extractive, then the providers."""
    return (EXTRACTIVE, *PROVIDERS)
