"""One channel for the warnings ragnews gives while it works (store damage, LLM fallback, read-only homes, upgrades).

Library code calls warn(); it becomes a Python warning of category RagnewsWarning, which Python
callers can filter, catch or turn into errors as with any warning. The CLI shows each one as a
single `warning: ...` line on stderr (ragnews._render.warnings_channel) instead of Python's
`file.py:123: UserWarning:` with a source line.

A leaf module (standard library only): the records, the answerer and the CLI all import it, so
anything it imported from the package would risk an import cycle (records -> notices -> _render
-> ingest -> records was one).
"""

from __future__ import annotations

import warnings


class RagnewsWarning(UserWarning):
    """Something worked only in part; the message says what and what to do."""


def warn(message: str, stacklevel: int = 3) -> None:
    """Give a one-line warning through the ragnews channel (whitespace runs become single spaces)."""
    warnings.warn(" ".join(message.split()), RagnewsWarning, stacklevel=stacklevel)
