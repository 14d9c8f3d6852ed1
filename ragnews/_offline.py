"""Make third-party libraries stay offline; imported first by ragnews/__init__.py."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path


def _llama_index_static() -> Path | None:
    """Return llama-index-core's _static folder without importing llama-index."""
    spec = importlib.util.find_spec("llama_index.core")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "_static"


def configure() -> None:
    """Point tiktoken/nltk at llama-index's bundled caches and switch off hub and telemetry calls."""
    static = _llama_index_static()
    if static is not None:
        os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(static / "tiktoken_cache"))
        os.environ.setdefault("NLTK_DATA", str(static / "nltk_cache"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("CHROMA_TELEMETRY_IMPL", "none")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # ingest workers fork; tokenizing is not the bottleneck
