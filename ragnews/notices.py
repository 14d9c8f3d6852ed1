"""One channel for the warnings ragnews gives while it works (store damage, LLM fallback, read-only homes).

Library code calls warn(); it becomes a Python warning of category RagnewsWarning, which Python
callers can filter, catch or turn into errors as with any warning. The CLI installs show() as
the warnings hook, so a person sees one line `warning: ...` on stderr (styled by rich on a
terminal, plain on a pipe) instead of Python's `file.py:123: UserWarning:` with a source line.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO


class RagnewsWarning(UserWarning):
    """Something worked only in part; the message says what and what to do."""


def warn(message: str) -> None:
    """Give a one-line warning through the ragnews channel."""
    warnings.warn(" ".join(message.split()), RagnewsWarning, stacklevel=3)


def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
         file: TextIO | None = None, line: str | None = None) -> None:
    """warnings.showwarning replacement: `warning: <message>` on stderr, rich on a terminal, plain on a pipe."""
    from ._render import err_console

    text = " ".join(str(message).split())
    if category is not RagnewsWarning:
        text = f"{category.__name__}: {text}"
    err_console.print(f"warning: {text}", style="yellow" if err_console.is_terminal else None, markup=False, highlight=False, soft_wrap=True)


@contextmanager
def cli_channel() -> Iterator[None]:
    """Route every warning raised inside the block through show() (each distinct message once)."""
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        saved: Any = warnings.showwarning
        warnings.showwarning = show
        try:
            yield
        finally:
            warnings.showwarning = saved
            sys.stderr.flush()
