"""Offline evaluation of ragnews: suites (a registry), metrics, the runner and its report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .runner import EvalRun, run

__all__ = ["EvalRun", "run"]


def __getattr__(name: str) -> Any:
    """Import the runner on first use, so the CLI can read the suite registry without loading it."""
    if name in __all__:
        from . import runner

        return getattr(runner, name)
    raise AttributeError(name)
