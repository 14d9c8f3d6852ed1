"""Render numbered sources for prompts so article text cannot break out of its <source> block."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Any "<source" or "</source" (any case, spaces allowed after "<" and "/") inside article text.
_TAG = re.compile(r"<(\s*/?\s*source)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PromptSource:
    """One numbered source as shown to the LLM."""

    n: int
    title: str
    outlet: str
    date: str
    text: str


def _attr(value: str) -> str:
    """Return value on one line, escaped for a double-quoted attribute."""
    return html.escape(" ".join(value.split()), quote=True)


def escape_source_text(text: str) -> str:
    """Neutralise source tags in article text (the "<" becomes "&lt;"); all else is kept verbatim."""
    return _TAG.sub(r"&lt;\1", text.strip())


def format_source(source: PromptSource) -> str:
    """Render one source block: opening tag with its header fields, escaped text, closing tag."""
    attrs = [f'n="{int(source.n)}"']
    for key in ("title", "outlet", "date"):
        value = getattr(source, key)
        if value:
            attrs.append(f'{key}="{_attr(value)}"')
    return f"<source {' '.join(attrs)}>\n{escape_source_text(source.text)}\n</source>"


def format_sources(sources: Sequence[PromptSource]) -> str:
    """Render numbered sources for a prompt, separated by blank lines."""
    return "\n\n".join(format_source(source) for source in sources)
