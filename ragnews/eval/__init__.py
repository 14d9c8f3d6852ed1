"""Offline evaluation of ragnews: datasets, metrics and the evaluation runner."""

from __future__ import annotations

from .runner import EvalRun, run

__all__ = ["EvalRun", "run"]
